import { z } from 'zod';
import { actionItemFilterInput, actionItemReportInput, actionItemStatusInput, createActionItemInput, id } from '../../../shared/schemas.ts';
import { transition } from '../../../shared/action-items.ts';
import { ACTION_ITEM_STATUS_NAMES } from '../../../shared/messages.ts';
import { docName } from '../../../shared/collab.ts';
import { LEGAL_FRAGMENT } from '../../../shared/legal/ydoc.ts';
import { legalSchema } from '../../../shared/legal/schema.ts';
import { rangeChecker } from '../../../shared/legal/anchors.ts';
import {
  actionItemHistory, addReport, changeStatus, countActiveItemsOfAgency, getActionItem, insertActionItem, listActionItemsAssignedBy, listActionItemsOfAgency, listActionItemsOfAgreement,
  type ActionItemSummary,
} from '../../domain/action-item/index.ts';
import { getAgreement } from '../../domain/agreement/index.ts';
import { requireActiveAgency } from '../../domain/agency/index.ts';
import { loadYDoc } from '../../collab/persistence.ts';
import { can } from '../../policy/index.ts';
import { fail, protectedProcedure, router, type ProtectedContext } from '../init.ts';

type Filter = z.infer<typeof actionItemFilterInput>;

function matches(item: ActionItemSummary, filter: Filter): boolean {
  return !filter || ((!filter.status || item.status === filter.status) && (!filter.source || item.sourceKind === filter.source)
    && (!filter.agreementId || item.agreementId === filter.agreementId) && (!filter.meetingId || item.meetingId === filter.meetingId)
    && (!filter.assigneeUserId || item.assigneeUserId === filter.assigneeUserId));
}

async function readableItem(ctx: ProtectedContext, itemId: string) {
  const item = await getActionItem(ctx.db, itemId);
  if (!item) fail(ctx, 'NOT_FOUND', 'notFound');
  ctx.authorize('actionItem.read', item);
  return item;
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
    const agreement = await getAgreement(ctx.db, input.agreementId);
    if (!agreement) fail(ctx, 'NOT_FOUND', 'notFound');
    ctx.authorize('agreement.read', agreement);
    return listActionItemsOfAgreement(ctx.db, input.agreementId);
  }),

  get: protectedProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    const item = await readableItem(ctx, input.id);
    return {
      ...item, ...(await actionItemHistory(ctx.db, item.id)),
      canWork: can(ctx.user, 'actionItem.work', item), canReview: can(ctx.user, 'actionItem.review', item),
    };
  }),

  /** By hand, or as a duty of an agreement anchored to the text that sets it. */
  create: protectedProcedure.input(createActionItemInput).mutation(async ({ ctx, input }) => {
    ctx.authorize('actionItem.assign', null);
    let anchor = null;
    if (input.agreement) {
      const agreement = await getAgreement(ctx.db, input.agreement.agreementId);
      if (!agreement) fail(ctx, 'NOT_FOUND', 'notFound');
      ctx.authorize('agreement.edit', agreement);
      if (!agreement.partyAgencyIds.includes(input.agencyId)) fail(ctx, 'BAD_REQUEST', 'agencyNotParty');
      await ctx.collab?.flushAll();
      const text = await loadYDoc(ctx.db, docName('agreement', agreement.id));
      const live = rangeChecker(text, LEGAL_FRAGMENT, legalSchema)(input.agreement.anchorStart, input.agreement.anchorEnd);
      text.destroy();
      if (!live) fail(ctx, 'CONFLICT', 'dutyTextRemoved');
      anchor = { start: input.agreement.anchorStart, end: input.agreement.anchorEnd, quote: input.agreement.quote, unitId: input.agreement.unitId };
    } else {
      await requireActiveAgency(ctx.db, input.agencyId);
    }
    const itemId = await ctx.db.write((tx) => insertActionItem(tx, ctx.user, {
      sourceKind: input.agreement ? 'agreement' : 'manual', agreementId: input.agreement?.agreementId ?? null,
      agencyId: input.agencyId, assigneeUserId: input.assigneeUserId, title: input.title, description: input.description,
      dueDate: input.dueDate, recurrence: input.recurrence, anchor,
    }));
    return (await getActionItem(ctx.db, itemId))!;
  }),

  /** One step of the item's life, by the side that may take it. */
  setStatus: protectedProcedure.input(actionItemStatusInput).mutation(async ({ ctx, input }) => {
    const item = await readableItem(ctx, input.id);
    const step = transition(item.status, input.to);
    const names = ACTION_ITEM_STATUS_NAMES[ctx.locale];
    if (!step) fail(ctx, 'CONFLICT', 'transitionNotAllowed', { from: names[item.status], to: names[input.to] });
    ctx.authorize(step.side === 'assignee' ? 'actionItem.work' : 'actionItem.review', item);
    return ctx.db.write((tx) => changeStatus(tx, ctx.user, item, input.to, input.note));
  }),

  report: protectedProcedure.input(actionItemReportInput).mutation(async ({ ctx, input }) => {
    const item = await readableItem(ctx, input.id);
    ctx.authorize('actionItem.work', item);
    return { id: await ctx.db.write((tx) => addReport(tx, ctx.user, item, input)) };
  }),
});
