import { z } from 'zod';
import { actionItemFilterInput, actionItemReportInput, actionItemStatusInput, createActionItemInput, id } from '../../../shared/schemas.ts';
import {
  actionItemHistory, countActiveItemsOfAgency, listActionItemsAssignedBy, listActionItemsOfAgency, listActionItemsOfAgreement, type ActionItemSummary,
} from '../../domain/action-item/index.ts';
import * as actionItemCommands from '../../domain/action-item/commands.ts';
import { readableAgreement } from '../../domain/agreement/commands.ts';
import { can } from '../../policy/index.ts';
import { commandDeps, protectedProcedure, router } from '../init.ts';

type Filter = z.infer<typeof actionItemFilterInput>;

function matches(item: ActionItemSummary, filter: Filter): boolean {
  return !filter || ((!filter.status || item.status === filter.status) && (!filter.source || item.sourceKind === filter.source)
    && (!filter.agreementId || item.agreementId === filter.agreementId) && (!filter.meetingId || item.meetingId === filter.meetingId)
    && (!filter.assigneeUserId || item.assigneeUserId === filter.assigneeUserId));
}

export const actionItemsRouter = router({
  /** The work assigned to the caller's agency (contract: no input needed). */
  mine: protectedProcedure.input(actionItemFilterInput).query(async ({ ctx, input }) =>
    (await listActionItemsOfAgency(ctx.db, ctx.user.agency.id)).filter((item) => matches(item, input))),

  /** The caller's agency's work still to do, counted. */
  activeCount: protectedProcedure.query(({ ctx }) => countActiveItemsOfAgency(ctx.db, ctx.user.agency.id)),

  /** What the caller's agency assigned, to accept or reopen what was reported done. */
  assignedByUs: protectedProcedure.input(actionItemFilterInput).query(async ({ ctx, input }) =>
    (await listActionItemsAssignedBy(ctx.db, ctx.user.agency.id)).filter((item) => matches(item, input))),

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
