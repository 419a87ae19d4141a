/**
 * Reminders: a configurable number of days before an item is due, and on the day it becomes
 * overdue (days in Asia/Ho_Chi_Minh). Each reminder is recorded under a unique key in the same
 * transaction as its notification, so a restart neither loses nor repeats one.
 */
import type { Transporter } from 'nodemailer';
import { all, one, type Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { notificationSignal } from './notifications.ts';
import { notifyMeeting } from '../meeting/notices.ts';
import { ACTIVE_STATUSES } from '../../../shared/action-items.ts';
import { addDays, formatDate, localDate, vietNamClock } from '../../../shared/format.ts';


/** Writes the reminders due at `now`; returns how many were new. */
export async function sendDueReminders(db: Db, now = new Date()): Promise<number> {
  const today = localDate(now);
  const statuses = ACTIVE_STATUSES.map(() => '?').join(', ');
  // Whoever answers for the item: the person named on it and the agency's signatories.
  const rows = await all<{ item_id: string; title: string; due_date: string; user_id: string; reminder_days: number }>(db, `
    SELECT i.id AS item_id, i.title, i.due_date, u.id AS user_id, u.reminder_days
      FROM action_items i
      JOIN users u ON u.agency_id = i.agency_id AND u.disabled_at IS NULL
     WHERE i.status IN (${statuses}) AND i.due_date <= ?
       AND (u.id = i.assignee_user_id OR EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'signatory'))`,
  [...ACTIVE_STATUSES, addDays(today, 60)]);
  const due = rows.flatMap((row): (typeof row & { kind: 'overdue' | 'due_soon' })[] => {
    if (row.due_date < today) return [{ ...row, kind: 'overdue' }];
    return row.due_date <= addDays(today, Number(row.reminder_days)) ? [{ ...row, kind: 'due_soon' }] : [];
  });
  if (due.length === 0) return 0;
  const sentAt = now.toISOString();
  const notified = await db.write(async (tx) => {
    const users: string[] = [];
    for (const reminder of due) {
      const inserted = await tx.execute({
        sql: 'INSERT OR IGNORE INTO reminders_sent (item_id, user_id, kind, due_date, sent_at) VALUES (?, ?, ?, ?, ?)',
        args: [reminder.item_id, reminder.user_id, reminder.kind, reminder.due_date, sentAt],
      });
      if (inserted.rowsAffected === 0) continue;
      await tx.execute({
        sql: 'INSERT INTO notifications (id, user_id, kind, item_id, title, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        args: [newId(), reminder.user_id, reminder.kind, reminder.item_id, reminder.title, formatDate(reminder.due_date), sentAt],
      });
      users.push(reminder.user_id);
    }
    return users;
  });
  for (const userId of new Set(notified)) notificationSignal.emit('notify', userId);
  return notified.length;
}

/**
 * Meeting reminders: each person expected at a meeting (the chair, the secretary, invitees who have
 * not declined or sent someone) is reminded their own number of hours before it starts (default 24,
 * the day before; 0 for none). Recorded under (meeting, person, start) in the transaction of the
 * notice, so running twice, or after a restart, sends nothing more; a meeting moved gets a new one.
 */
export async function sendMeetingReminders(db: Db, now = new Date()): Promise<number> {
  const rows = await all<{ meeting_id: string; user_id: string; starts_at: string; hours: number }>(db, `
    SELECT m.id AS meeting_id, p.user_id, m.starts_at, u.meeting_reminder_hours AS hours
      FROM meetings m
      JOIN (SELECT meeting_id, user_id FROM meeting_invitees WHERE answer NOT IN ('decline', 'delegate')
            UNION SELECT id, chair_user_id FROM meetings
            UNION SELECT id, secretary_user_id FROM meetings WHERE secretary_user_id IS NOT NULL) p ON p.meeting_id = m.id
      JOIN users u ON u.id = p.user_id AND u.disabled_at IS NULL
     WHERE m.status = 'scheduled' AND m.starts_at > ? AND m.starts_at <= ? AND u.meeting_reminder_hours > 0
       AND NOT EXISTS (SELECT 1 FROM meeting_reminders_sent s WHERE s.meeting_id = m.id AND s.user_id = p.user_id AND s.starts_at = m.starts_at)`,
  [now.toISOString(), new Date(now.getTime() + 168 * 3600_000).toISOString()]);
  const due = rows.filter((r) => Date.parse(r.starts_at) - now.getTime() <= Number(r.hours) * 3600_000);
  if (due.length === 0) return 0;
  return db.write(async (tx) => {
    let sent = 0;
    for (const reminder of due) {
      const inserted = await tx.execute({
        sql: 'INSERT OR IGNORE INTO meeting_reminders_sent (meeting_id, user_id, starts_at, sent_at) VALUES (?, ?, ?, ?)',
        args: [reminder.meeting_id, reminder.user_id, reminder.starts_at, now.toISOString()],
      });
      if (inserted.rowsAffected === 0) continue;
      await notifyMeeting(tx, [reminder.user_id], { id: reminder.meeting_id }, 'meeting_reminder');
      sent += 1;
    }
    return sent;
  });
}

const DIGEST_HOUR = 7;

/**
 * From 07:00 in Viet Nam, one email a day per user with the notifications of the last day.
 * The day is claimed before sending (pending → sent or failed), so a restart does not send twice;
 * a digest that failed is tried again at the next run.
 */
export async function sendDailyDigests(db: Db, mailer: Transporter, from: string, now = new Date()): Promise<number> {
  const { hour } = vietNamClock(now);
  if (hour < DIGEST_HOUR) return 0;
  const day = localDate(now);
  const since = new Date(now.getTime() - 24 * 3600_000).toISOString();
  const recipients = await all<{ id: string; email: string; name: string }>(db, `
    SELECT DISTINCT u.id, u.email, u.name FROM notifications n JOIN users u ON u.id = n.user_id
     WHERE n.created_at >= ? AND n.read_at IS NULL AND u.disabled_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM email_digests d WHERE d.user_id = u.id AND d.day = ? AND d.status = 'sent')`, [since, day]);
  let sent = 0;
  for (const user of recipients) {
    const claimed = await db.write(async (tx) => {
      const existing = await one<{ status: string }>(tx, 'SELECT status FROM email_digests WHERE user_id = ? AND day = ?', [user.id, day]);
      if (existing?.status === 'sent' || existing?.status === 'pending') return false;
      await tx.execute({
        sql: `INSERT INTO email_digests (user_id, day, sent_at, status) VALUES (?, ?, ?, 'pending')
              ON CONFLICT (user_id, day) DO UPDATE SET status = 'pending', sent_at = excluded.sent_at`,
        args: [user.id, day, now.toISOString()],
      });
      return true;
    });
    if (!claimed) continue;
    const notices = await all<{ title: string; kind: string; body: string }>(db,
      'SELECT title, kind, body FROM notifications WHERE user_id = ? AND created_at >= ? AND read_at IS NULL ORDER BY created_at', [user.id, since]);
    try {
      await mailer.sendMail({
        from, to: user.email, subject: `Concord: ${notices.length} thông báo mới`,
        text: [`Kính gửi ${user.name},`, '', ...notices.map((n) => `- ${n.title}${n.body ? ` (${n.body})` : ''}`)].join('\n'),
      });
      await db.execute({ sql: "UPDATE email_digests SET status = 'sent' WHERE user_id = ? AND day = ?", args: [user.id, day] });
      sent += 1;
    } catch {
      await db.execute({ sql: "UPDATE email_digests SET status = 'failed' WHERE user_id = ? AND day = ?", args: [user.id, day] });
    }
  }
  return sent;
}
