/**
 * Action items: the work an agreement's article, a meeting conclusion or a person assigns to an
 * agency, from assignment to accepted, with its history and progress reports.
 */
import type { Transaction } from '@libsql/client';
import { all, one, type Sql } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import type { Actor, ActionItemScope } from '../../policy/index.ts';
import { recordAudit } from '../audit/index.ts';
import { announceChange } from '../changes.ts';
import { DomainError } from '../errors.ts';
import { notifyAgency, notifyUsers } from './notifications.ts';
import type { ActionItemStatus } from '../../../shared/domain.ts';
import { ACTIVE_STATUSES, transition } from '../../../shared/action-items.ts';
import { firstOccurrence, nextOccurrence, type Recurrence } from '../../../shared/recurrence.ts';
import { formatDate, localDate } from '../../../shared/format.ts';

export type SourceKind = 'agreement' | 'meeting' | 'manual';

export interface ActionItemSummary extends ActionItemScope {
  id: string; title: string; description: string; dueDate: string; status: ActionItemStatus;
  sourceKind: SourceKind; agreementId: string | null; meetingId: string | null; conclusionId: string | null;
  sourceTitle: string | null; agencyShortName: string; assignedByAgencyShortName: string;
  assignedByUserId: string; assignedByName: string; assigneeUserId: string | null; assigneeName: string | null;
  recurrence: Recurrence | null; anchorStart: string | null; anchorEnd: string | null; anchorQuote: string;
  anchorUnitId: string | null; anchorRemoved: boolean; createdAt: string; updatedAt: string;
}

export const SELECT = `
  SELECT i.id, i.title, i.description, i.due_date, i.status, i.source_kind, i.agreement_id, i.meeting_id, i.conclusion_id,
         coalesce(g.title, m.title) AS source_title, i.agency_id, a.short_name, i.assigned_by_agency_id, b.short_name AS by_short_name,
         i.assigned_by_user_id, ub.name AS by_name, i.assignee_user_id, ua.name AS assignee_name, i.recurrence,
         i.anchor_start, i.anchor_end, i.anchor_quote, i.anchor_unit_id, i.anchor_removed_at, i.created_at, i.updated_at
    FROM action_items i
    JOIN agencies a ON a.id = i.agency_id
    JOIN agencies b ON b.id = i.assigned_by_agency_id
    JOIN users ub ON ub.id = i.assigned_by_user_id
    LEFT JOIN users ua ON ua.id = i.assignee_user_id
    LEFT JOIN agreements g ON g.id = i.agreement_id
    LEFT JOIN meetings m ON m.id = i.meeting_id`;

export function toItem(row: Record<string, unknown>): ActionItemSummary {
  const text = (value: unknown) => (value as string | null) ?? null;
  return {
    id: String(row.id), title: String(row.title), description: String(row.description), dueDate: String(row.due_date),
    status: row.status as ActionItemStatus, sourceKind: row.source_kind as SourceKind,
    agreementId: text(row.agreement_id), meetingId: text(row.meeting_id), conclusionId: text(row.conclusion_id), sourceTitle: text(row.source_title),
    agencyId: String(row.agency_id), agencyShortName: String(row.short_name),
    assignedByAgencyId: String(row.assigned_by_agency_id), assignedByAgencyShortName: String(row.by_short_name),
    assignedByUserId: String(row.assigned_by_user_id), assignedByName: String(row.by_name),
    assigneeUserId: text(row.assignee_user_id), assigneeName: text(row.assignee_name),
    recurrence: row.recurrence ? JSON.parse(String(row.recurrence)) as Recurrence : null,
    anchorStart: text(row.anchor_start), anchorEnd: text(row.anchor_end), anchorQuote: String(row.anchor_quote),
    anchorUnitId: text(row.anchor_unit_id), anchorRemoved: row.anchor_removed_at !== null,
    createdAt: String(row.created_at), updatedAt: String(row.updated_at),
  };
}

/** The agency's items still to be done or accepted (not accepted, not cancelled), due soonest first, at most `limit`. */
export async function listUnfinishedItemsOfAgency(sql: Sql, agencyId: string, limit: number): Promise<ActionItemSummary[]> {
  return (await all(sql, `${SELECT} WHERE i.agency_id = ? AND i.status NOT IN ('accepted', 'cancelled') ORDER BY i.due_date, i.id LIMIT ?`,
    [agencyId, limit])).map(toItem);
}

/** How many items are still the agency's work (the navigation's counter): a count, not the list. */
export async function countActiveItemsOfAgency(sql: Sql, agencyId: string): Promise<number> {
  const row = await one<{ n: number }>(sql,
    `SELECT count(*) AS n FROM action_items WHERE agency_id = ? AND status IN (${ACTIVE_STATUSES.map(() => '?').join(', ')})`,
    [agencyId, ...ACTIVE_STATUSES]);
  return Number(row?.n ?? 0);
}

export async function listActionItemsOfAgreement(sql: Sql, agreementId: string): Promise<ActionItemSummary[]> {
  return (await all(sql, `${SELECT} WHERE i.agreement_id = ? ORDER BY i.created_at, i.id`, [agreementId])).map(toItem);
}

export async function getActionItem(sql: Sql, id: string): Promise<ActionItemSummary | undefined> {
  const row = await one(sql, `${SELECT} WHERE i.id = ?`, [id]);
  return row && toItem(row);
}

export async function actionItemHistory(sql: Sql, id: string) {
  const [events, reports] = await Promise.all([
    all(sql, `SELECT e.id, e.at, u.name AS user_name, e.from_status, e.to_status, e.due_date, e.note
                FROM action_item_events e LEFT JOIN users u ON u.id = e.user_id WHERE e.item_id = ? ORDER BY e.id`, [id]),
    all(sql, `SELECT r.id, r.body, r.link, r.reported_on, r.created_at, u.name AS author_name, a.short_name
                FROM action_item_reports r JOIN users u ON u.id = r.author_id JOIN agencies a ON a.id = r.agency_id
               WHERE r.item_id = ? ORDER BY r.created_at, r.id`, [id]),
  ]);
  return {
    events: events.map((e) => ({
      id: Number(e.id), at: String(e.at), userName: (e.user_name as string | null) ?? null, fromStatus: (e.from_status as ActionItemStatus | null) ?? null,
      toStatus: e.to_status as ActionItemStatus, dueDate: String(e.due_date), note: String(e.note),
    })),
    reports: reports.map((r) => ({
      id: String(r.id), body: String(r.body), link: String(r.link), reportedOn: String(r.reported_on), createdAt: String(r.created_at),
      authorName: String(r.author_name), agencyShortName: String(r.short_name),
    })),
  };
}

export interface NewActionItem {
  sourceKind: SourceKind;
  agreementId?: string | null;
  meetingId?: string | null;
  conclusionId?: string | null;
  agencyId: string;
  assigneeUserId?: string | null;
  title: string;
  description: string;
  /** A fixed due date, or the first occurrence of `recurrence` from today when absent. */
  dueDate?: string | null;
  recurrence?: Recurrence | null;
  anchor?: { start: string; end: string; quote: string; unitId: string | null } | null;
}

/** Every new item goes through here, whatever assigned it: history, audit and the assignees' notice. */
export async function insertActionItem(tx: Transaction, actor: Actor, item: NewActionItem): Promise<string> {
  const today = localDate();
  const dueDate = item.dueDate ?? (item.recurrence ? firstOccurrence(item.recurrence, today) : null);
  if (!dueDate) throw new DomainError('BAD_REQUEST', 'dueDateRequired');
  if (dueDate < today) throw new DomainError('BAD_REQUEST', 'dueBeforeAssignment');
  if (item.assigneeUserId) {
    const person = await one<{ agency_id: string }>(tx, 'SELECT agency_id FROM users WHERE id = ? AND disabled_at IS NULL', [item.assigneeUserId]);
    if (!person || person.agency_id !== item.agencyId) throw new DomainError('BAD_REQUEST', 'assigneeNotInAgency');
  }
  const id = newId();
  const now = new Date().toISOString();
  await tx.execute({
    sql: `INSERT INTO action_items (id, source_kind, agreement_id, meeting_id, conclusion_id, agency_id, assigned_by_user_id, assigned_by_agency_id,
            assignee_user_id, title, description, due_date, status, recurrence, anchor_start, anchor_end, anchor_quote, anchor_unit_id, created_at, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?)`,
    args: [id, item.sourceKind, item.agreementId ?? null, item.meetingId ?? null, item.conclusionId ?? null, item.agencyId, actor.id, actor.agency.id,
      item.assigneeUserId ?? null, item.title, item.description, dueDate, item.recurrence ? JSON.stringify(item.recurrence) : null,
      item.anchor?.start ?? null, item.anchor?.end ?? null, item.anchor?.quote ?? '', item.anchor?.unitId ?? null, now, now],
  });
  await tx.execute({
    sql: 'INSERT INTO action_item_events (item_id, at, user_id, from_status, to_status, due_date) VALUES (?, ?, ?, NULL, ?, ?)',
    args: [id, now, actor.id, 'open', dueDate],
  });
  await recordAudit(tx, actor, { entity: 'action_item', entityId: id, action: 'create', summary: { agencyId: item.agencyId, dueDate, source: item.sourceKind } });
  // The agreement's duties and the meeting's conclusions list it.
  if (item.agreementId) announceChange(tx, 'agreement', item.agreementId);
  if (item.meetingId) announceChange(tx, 'meeting', item.meetingId);
  await notifyAgency(tx, item.agencyId, item.assigneeUserId ?? null, { kind: 'assigned', itemId: id, title: item.title, body: `Hạn ${formatDate(dueDate)}` });
  return id;
}

/** Moves an item along its life; the command read `item` and authorized the side in this transaction. */
export async function changeStatus(tx: Transaction, actor: Actor, item: ActionItemSummary, to: ActionItemStatus, note: string): Promise<ActionItemSummary> {
  const step = transition(item.status, to);
  if (!step) throw new DomainError('CONFLICT', 'transitionNotAllowed', { from: item.status, to });
  const now = new Date().toISOString();
  const log = (from: ActionItemStatus, next: ActionItemStatus, dueDate: string, text: string) => tx.execute({
    sql: 'INSERT INTO action_item_events (item_id, at, user_id, from_status, to_status, due_date, note) VALUES (?, ?, ?, ?, ?, ?, ?)',
    args: [item.id, now, actor.id, from, next, dueDate, text],
  });
  await tx.execute({ sql: 'UPDATE action_items SET status = ?, updated_at = ? WHERE id = ?', args: [to, now, item.id] });
  await log(item.status, to, item.dueDate, note);
  // An accepted occurrence of a recurring duty opens the next one.
  if (to === 'accepted' && item.recurrence) {
    const next = nextOccurrence(item.recurrence, item.dueDate);
    await tx.execute({ sql: "UPDATE action_items SET status = 'open', due_date = ?, updated_at = ? WHERE id = ?", args: [next, now, item.id] });
    await log('accepted', 'open', next, 'next occurrence');
  }
  await recordAudit(tx, actor, { entity: 'action_item', entityId: item.id, action: 'status', summary: { from: item.status, to, note } });
  if (step.side === 'assignee') {
    await notifyUsers(tx, [item.assignedByUserId], { kind: to, itemId: item.id, title: item.title, body: note });
  } else {
    await notifyAgency(tx, item.agencyId, item.assigneeUserId, { kind: to, itemId: item.id, title: item.title, body: note });
  }
  return (await getActionItem(tx, item.id))!;
}

export async function addReport(tx: Transaction, actor: Actor, item: ActionItemSummary, input: { body: string; link: string }): Promise<string> {
  if (item.status === 'cancelled') throw new DomainError('CONFLICT', 'itemCancelled');
  if (item.status === 'accepted' && !item.recurrence) throw new DomainError('CONFLICT', 'itemAccepted');
  const id = newId();
  const now = new Date().toISOString();
  await tx.execute({
    sql: 'INSERT INTO action_item_reports (id, item_id, author_id, agency_id, body, link, reported_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    args: [id, item.id, actor.id, actor.agency.id, input.body, input.link, localDate(), now],
  });
  await tx.execute({ sql: 'UPDATE action_items SET updated_at = ? WHERE id = ?', args: [now, item.id] });
  await recordAudit(tx, actor, { entity: 'action_item', entityId: item.id, action: 'report', summary: { reportId: id } });
  await notifyUsers(tx, [item.assignedByUserId], { kind: 'reported', itemId: item.id, title: item.title, body: input.body.slice(0, 200) });
  return id;
}

/** Marks the duties of an agreement whose anchored text no longer exists (and clears the mark when it is back). */
export async function markRemovedAnchors(tx: Transaction, agreementId: string, removedIds: ReadonlySet<string>): Promise<number> {
  const rows = await all<{ id: string; anchor_removed_at: string | null }>(tx,
    'SELECT id, anchor_removed_at FROM action_items WHERE agreement_id = ? AND anchor_start IS NOT NULL', [agreementId]);
  let changed = 0;
  for (const row of rows) {
    const removed = removedIds.has(row.id);
    if (removed === (row.anchor_removed_at !== null)) continue;
    await tx.execute({ sql: 'UPDATE action_items SET anchor_removed_at = ? WHERE id = ?', args: [removed ? new Date().toISOString() : null, row.id] });
    changed += 1;
  }
  return changed;
}
