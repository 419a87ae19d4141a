import { z } from 'zod';
import { actionItemReportInput, actionItemStatusInput, createActionItemInput, id } from '../../../shared/schemas.ts';
import {
  actionItemHistory, countActiveItemsOfAgency, listActionItemsOfAgreement,
} from '../../domain/action-item/index.ts';
import { countItems, itemFilterOptions, listItems } from '../../domain/action-item/pages.ts';
import { actionItemPageInput } from '../../../shared/action-item-pages.ts';
import * as actionItemCommands from '../../domain/action-item/commands.ts';
import { readableAgreement } from '../../domain/agreement/commands.ts';
import { can } from '../../policy/index.ts';
import { commandDeps, protectedProcedure, router } from '../init.ts';

export const actionItemsRouter = router({
  /**
   * The work assigned to the caller's agency (contract: no input needed). Without `group`: every
   * item still to do and the last finished ones; with `group` (and `cursor`, `limit`): one page.
   */
  mine: protectedProcedure.input(actionItemPageInput).query(({ ctx, input }) =>
    listItems(ctx.db, ctx.live, 'agency', ctx.user.agency.id, input ?? {})),

  /** The sizes of the groups of `mine` or `assignedByUs` under a filter, and what the filters offer. */
  counts: protectedProcedure.input(z.object({ of: z.enum(['mine', 'assigned']), filter: actionItemPageInput })).query(async ({ ctx, input }) => {
    const side = input.of === 'mine' ? 'agency' : 'assigner';
    const [counts, options] = await Promise.all([
      countItems(ctx.db, ctx.live, side, ctx.user.agency.id, input.filter ?? {}),
      itemFilterOptions(ctx.db, side, ctx.user.agency.id),
    ]);
    return { ...counts, options };
  }),

  /** The caller's agency's work still to do, counted. */
  activeCount: protectedProcedure.query(({ ctx }) => countActiveItemsOfAgency(ctx.db, ctx.user.agency.id)),

  /** What the caller's agency assigned, to accept or reopen what was reported done. */
  assignedByUs: protectedProcedure.input(actionItemPageInput).query(({ ctx, input }) =>
    listItems(ctx.db, ctx.live, 'assigner', ctx.user.agency.id, input ?? {})),

  /** The duties an agreement assigns: every party sees all of them, as they see the text. */
  ofAgreement: protectedProcedure.input(z.object({ agreementId: id })).query(async ({ ctx, input }) => {
    await readableAgreement(ctx.db, ctx.user, input.agreementId);
    return listActionItemsOfAgreement(ctx.db, input.agreementId);
  }),

  get: protectedProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    const item = await actionItemCommands.readableItem(ctx.db, ctx.user, input.id);
    return {
      ...item, ...(await actionItemHistory(ctx.db, item.id)),
      canWork: can(ctx.user, 'actionItem.work', item), canReview: can(ctx.user, 'actionItem.review', item),
    };
  }),

  /** By hand, or as a duty of an agreement anchored to the text that sets it. */
  create: protectedProcedure.input(createActionItemInput).mutation(({ ctx, input }) => actionItemCommands.create(commandDeps(ctx), input)),

  /** One step of the item's life, by the side that may take it. */
  setStatus: protectedProcedure.input(actionItemStatusInput).mutation(({ ctx, input }) => actionItemCommands.setStatus(commandDeps(ctx), input)),

  report: protectedProcedure.input(actionItemReportInput).mutation(({ ctx, input }) => actionItemCommands.report(commandDeps(ctx), input)),
});
