import { listActionItemsOfAgency } from '../../domain/action-item/index.ts';
import { protectedProcedure, router } from '../init.ts';

export const actionItemsRouter = router({
  /** The work assigned to the caller's agency. */
  mine: protectedProcedure.query(({ ctx }) => listActionItemsOfAgency(ctx.db, ctx.user.agency.id)),
});
