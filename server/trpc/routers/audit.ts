import { auditListInput } from '../../../shared/schemas.ts';
import { listAudit } from '../../domain/audit/index.ts';
import { protectedProcedure, router } from '../init.ts';

export const auditRouter = router({
  list: protectedProcedure.input(auditListInput).query(({ ctx, input }) => {
    ctx.authorize('audit.read', null);
    return listAudit(ctx.db, input);
  }),
});
