/**
 * Every change of an action item, as a command: the item is read, its step checked and the side
 * taking it authorized inside the transaction that writes it, so two steps taken at once (a
 * reopen and an acceptance) are decided one after the other, on the item as it then is.
 */
import type { Transaction } from '@libsql/client';
import type { z } from 'zod';
import { authorize, expectState, found, readable, type CommandDeps } from '../command.ts';
import { DomainError } from '../errors.ts';
import { getAgreement } from '../agreement/index.ts';
import { requireActiveAgency } from '../agency/index.ts';
import { addReport, changeStatus, getActionItem, insertActionItem, type ActionItemSummary } from './index.ts';
import { transition } from '../../../shared/action-items.ts';
import { ACTION_ITEM_STATUS_NAMES } from '../../../shared/messages.ts';
import { docName } from '../../../shared/collab.ts';
import { LEGAL_FRAGMENT } from '../../../shared/legal/ydoc.ts';
import { legalSchema } from '../../../shared/legal/schema.ts';
import { rangeChecker } from '../../../shared/legal/anchors.ts';
import type { actionItemReportInput, actionItemStatusInput, createActionItemInput } from '../../../shared/schemas.ts';

const STATUS_NAMES = ACTION_ITEM_STATUS_NAMES.vi;

/** The item as this transaction sees it, readable by the actor (NOT_FOUND, FORBIDDEN). */
export async function readableItem(sql: Transaction | CommandDeps['db'], actor: CommandDeps['actor'], itemId: string): Promise<ActionItemSummary> {
  return readable(actor, 'actionItem.read', await getActionItem(sql, itemId)) as ActionItemSummary;
}

type CreateInput = z.infer<typeof createActionItemInput>;

/** By hand, or as a duty of an agreement anchored to the text that sets it (checked against the text held still). */
export async function create(deps: CommandDeps, input: CreateInput): Promise<ActionItemSummary> {
  const insert = async (tx: Transaction, anchor: { start: string; end: string; quote: string; unitId: string | null } | null) => {
    const id = await insertActionItem(tx, deps.actor, {
      sourceKind: input.agreement ? 'agreement' : 'manual', agreementId: input.agreement?.agreementId ?? null,
      agencyId: input.agencyId, assigneeUserId: input.assigneeUserId, title: input.title, description: input.description,
      dueDate: input.dueDate, recurrence: input.recurrence, anchor,
    });
    return (await getActionItem(tx, id))!;
  };
  const duty = input.agreement;
  if (!duty) {
    return deps.db.write(async (tx) => {
      await requireActiveAgency(tx, input.agencyId);
      authorize(deps.actor, 'actionItem.assign', { assignedAgencyId: input.agencyId, source: { kind: 'manual' } });
      return insert(tx, null);
    });
  }
  const name = docName('agreement', duty.agreementId);
  return deps.live.hold([name], async (tx, held) => {
    const agreement = found(await getAgreement(tx, duty.agreementId));
    authorize(deps.actor, 'agreement.read', agreement);
    if (!agreement.partyAgencyIds.includes(input.agencyId)) throw new DomainError('BAD_REQUEST', 'agencyNotParty');
    authorize(deps.actor, 'actionItem.assign', { assignedAgencyId: input.agencyId, source: { kind: 'agreement', agreement } });
    if (!rangeChecker(held.text(name), LEGAL_FRAGMENT, legalSchema)(duty.anchorStart, duty.anchorEnd)) throw new DomainError('CONFLICT', 'dutyTextRemoved');
    return insert(tx, { start: duty.anchorStart, end: duty.anchorEnd, quote: duty.quote, unitId: duty.unitId });
  });
}

/** One step of the item's life, by the side that may take it. */
export function setStatus(deps: CommandDeps, input: z.infer<typeof actionItemStatusInput>): Promise<ActionItemSummary> {
  return deps.db.write(async (tx) => {
    const item = await readableItem(tx, deps.actor, input.id);
    expectState(input.expectedStatus, item.status, STATUS_NAMES[item.status]);
    const step = transition(item.status, input.to);
    if (!step) throw new DomainError('CONFLICT', 'transitionNotAllowed', { from: STATUS_NAMES[item.status], to: STATUS_NAMES[input.to] });
    authorize(deps.actor, step.side === 'assignee' ? 'actionItem.work' : 'actionItem.review', item);
    // The assignee must learn what is missing: sending work back says why.
    if (input.to === 'reopened' && input.note.trim() === '') throw new DomainError('BAD_REQUEST', 'reasonRequired');
    return changeStatus(tx, deps.actor, item, input.to, input.note);
  });
}

export function report(deps: CommandDeps, input: z.infer<typeof actionItemReportInput>): Promise<{ id: string }> {
  return deps.db.write(async (tx) => {
    const item = await readableItem(tx, deps.actor, input.id);
    authorize(deps.actor, 'actionItem.work', item);
    return { id: await addReport(tx, deps.actor, item, input) };
  });
}
