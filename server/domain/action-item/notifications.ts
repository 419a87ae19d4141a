/**
 * The notification centre: rows per user, written in the transaction of what caused them, and a
 * process-wide signal so that open pages learn of a new one at once.
 */
import { EventEmitter } from 'node:events';
import type { Transaction } from '@libsql/client';
import { afterCommit, all, one, type Sql } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import type { CommandDeps } from '../command.ts';
import { recordAudit } from '../audit/index.ts';

/** `meetingId`: the meeting a notice is about (invited, changed, cancelled, reminder). */
export interface Notice { kind: string; itemId: string | null; meetingId?: string | null; title: string; body: string }

/** Emits 'notify' with a user id when that user gets a notification. */
export const notificationSignal = new EventEmitter().setMaxListeners(0);

export async function notifyUsers(tx: Transaction, userIds: readonly string[], notice: Notice): Promise<void> {
  const now = new Date().toISOString();
  for (const userId of new Set(userIds)) {
    await tx.execute({
      sql: 'INSERT INTO notifications (id, user_id, kind, item_id, meeting_id, title, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      args: [newId(), userId, notice.kind, notice.itemId, notice.meetingId ?? null, notice.title, notice.body, now],
    });
  }
  // The pages re-read on the signal, so it must wait for the commit.
  afterCommit(tx, () => { for (const userId of new Set(userIds)) notificationSignal.emit('notify', userId); });
}

/** The people who answer for an agency's work: its signatories, and the person named on the item. */
export async function agencyRecipients(sql: Sql, agencyId: string, assigneeUserId: string | null): Promise<string[]> {
  const rows = await all<{ id: string }>(sql, `
    SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'signatory'
     WHERE u.agency_id = ? AND u.disabled_at IS NULL`, [agencyId]);
  return [...new Set([...rows.map((r) => r.id), ...(assigneeUserId ? [assigneeUserId] : [])])];
}

export async function notifyAgency(tx: Transaction, agencyId: string, assigneeUserId: string | null, notice: Notice): Promise<void> {
  await notifyUsers(tx, await agencyRecipients(tx, agencyId, assigneeUserId), notice);
}

export async function listNotifications(sql: Sql, userId: string, limit = 50) {
  const [rows, unread] = await Promise.all([
    all(sql, `SELECT n.id, n.kind, n.item_id, n.meeting_id, n.title, n.body, n.created_at, n.read_at FROM notifications n
               WHERE n.user_id = ? ORDER BY n.created_at DESC, n.id DESC LIMIT ?`, [userId, limit]),
    one<{ n: number }>(sql, 'SELECT count(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL', [userId]),
  ]);
  return {
    unread: Number(unread?.n ?? 0),
    items: rows.map((r) => ({
      id: String(r.id), kind: String(r.kind), itemId: (r.item_id as string | null) ?? null, meetingId: (r.meeting_id as string | null) ?? null, title: String(r.title), body: String(r.body),
      createdAt: String(r.created_at), read: r.read_at !== null,
    })),
  };
}

export async function markNotificationsRead(tx: Transaction, userId: string, ids: readonly string[] | 'all'): Promise<void> {
  const now = new Date().toISOString();
  if (ids === 'all') {
    await tx.execute({ sql: 'UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL', args: [now, userId] });
    return;
  }
  for (const id of ids) {
    await tx.execute({ sql: 'UPDATE notifications SET read_at = coalesce(read_at, ?) WHERE id = ? AND user_id = ?', args: [now, id, userId] });
  }
}

export async function reminderDaysOf(sql: Sql, userId: string): Promise<number> {
  return Number((await one<{ reminder_days: number }>(sql, 'SELECT reminder_days FROM users WHERE id = ?', [userId]))?.reminder_days ?? 3);
}

/** How many hours before a meeting the person is reminded (0: not at all). */
export async function meetingReminderHoursOf(sql: Sql, userId: string): Promise<number> {
  return Number((await one<{ h: number }>(sql, 'SELECT meeting_reminder_hours AS h FROM users WHERE id = ?', [userId]))?.h ?? 24);
}

/** Command: how many days before a due date the person is reminded, and (when given) how many hours before a meeting. */
export function setReminderDays(deps: CommandDeps, reminderDays: number, meetingReminderHours?: number): Promise<void> {
  return deps.db.write(async (tx) => {
    await tx.execute({
      sql: 'UPDATE users SET reminder_days = ?, meeting_reminder_hours = coalesce(?, meeting_reminder_hours) WHERE id = ?',
      args: [reminderDays, meetingReminderHours ?? null, deps.actor.id],
    });
    await recordAudit(tx, deps.actor, {
      entity: 'user', entityId: deps.actor.id, action: 'reminder_settings',
      summary: { reminderDays, ...(meetingReminderHours === undefined ? {} : { meetingReminderHours }) },
    });
  });
}

/** Command: the person has seen these notices (or all of them). */
export function markRead(deps: CommandDeps, ids: readonly string[] | 'all'): Promise<void> {
  return deps.db.write(async (tx) => {
    await markNotificationsRead(tx, deps.actor.id, ids);
    await recordAudit(tx, deps.actor, { entity: 'user', entityId: deps.actor.id, action: 'notifications_read', summary: { ids } });
  });
}
