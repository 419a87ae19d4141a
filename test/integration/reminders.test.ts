/**
 * Reminders and the daily email digest, run at chosen instants against items with chosen due
 * dates. Days are Viet Nam days (UTC+7): 2026-12-01T17:30:00Z is already 2 December there.
 * Counting the stored notifications is what shows that nothing is lost or repeated, across a
 * second run and across a "restart" (a new Db opened on the same database file).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTransport } from 'nodemailer';
import { all, openDb } from '../../server/db/client.ts';
import { newId } from '../../server/db/ids.ts';
import { sendDailyDigests, sendDueReminders } from '../../server/domain/action-item/reminders.ts';
import { DEMO_AGENCY_IDS } from '../../server/demo/seed.ts';
import type { Recurrence } from '../../shared/recurrence.ts';
import { buildUser } from '../factories.ts';
import { signIn, startTestServer, trpc, type TestServer } from '../helpers.ts';

const TAND = DEMO_AGENCY_IDS.tand;
const TOAAN = 'user-toaan';

let server: TestServer;
const db = () => server.testDb.db;

beforeEach(async () => {
  server = await startTestServer();
  // The demo items are due relative to the real today: out of the way, so that every count here is exact.
  await db().batch([{ sql: "UPDATE action_items SET status = 'cancelled'", args: [] }]);
});
afterEach(() => server.close());

/** An item assigned by THADS, inserted as it is stored, with whatever due date and status the test needs. */
async function insertItem(fields: { dueDate: string; agencyId?: string; status?: string; recurrence?: Recurrence; assigneeUserId?: string; title?: string }) {
  const id = newId();
  const now = new Date().toISOString();
  await db().batch([{
    sql: `INSERT INTO action_items (id, source_kind, agency_id, assigned_by_user_id, assigned_by_agency_id, assignee_user_id, title, description,
            due_date, status, recurrence, created_at, updated_at)
          VALUES (?, 'manual', ?, 'user-thads', ?, ?, ?, '', ?, ?, ?, ?, ?)`,
    args: [id, fields.agencyId ?? TAND, DEMO_AGENCY_IDS.thads, fields.assigneeUserId ?? null, fields.title ?? `Việc hạn ${fields.dueDate}`,
      fields.dueDate, fields.status ?? 'open', fields.recurrence ? JSON.stringify(fields.recurrence) : null, now, now],
  }]);
  return id;
}

/** The reminders of an item as [kind, user] in the order they were written. */
const remindersOf = async (itemId: string) => (await all<{ kind: string; user_id: string }>(db(),
  "SELECT kind, user_id FROM notifications WHERE item_id = ? AND kind IN ('due_soon', 'overdue') ORDER BY created_at, kind", [itemId]))
  .map((r) => [r.kind, r.user_id]);
const notificationCount = async () => Number((await all<{ n: number }>(db(), 'SELECT count(*) AS n FROM notifications'))[0].n);

const at = (iso: string) => new Date(iso);

describe('sendDueReminders', () => {
  it('sends "due soon" from the Viet Nam day that is 3 days before the due date, which begins at 17:00 UTC', async () => {
    const item = await insertItem({ dueDate: '2026-12-05' });
    expect(await sendDueReminders(db(), at('2026-12-01T16:59:59Z'))).toBe(0); // 1 Dec 23:59 in Viet Nam: 4 days before
    expect(await remindersOf(item)).toEqual([]);
    expect(await sendDueReminders(db(), at('2026-12-01T17:30:00Z'))).toBe(1); // already 2 Dec in Viet Nam
    expect(await remindersOf(item)).toEqual([['due_soon', TOAAN]]);
  });

  it('sends "overdue" on the day after the due date, not on the due date itself', async () => {
    const item = await insertItem({ dueDate: '2026-12-05' });
    await sendDueReminders(db(), at('2026-12-05T16:59:00Z')); // 5 Dec 23:59 in Viet Nam
    expect(await remindersOf(item)).toEqual([['due_soon', TOAAN]]);
    expect(await sendDueReminders(db(), at('2026-12-05T17:00:00Z'))).toBe(1); // 6 Dec 00:00
    expect(await remindersOf(item)).toEqual([['due_soon', TOAAN], ['overdue', TOAAN]]);
  });

  it('an item first seen long past its due date gets one "overdue" and no "due soon"', async () => {
    const item = await insertItem({ dueDate: '2026-10-01' });
    await sendDueReminders(db(), at('2026-12-10T03:00:00Z'));
    expect(await remindersOf(item)).toEqual([['overdue', TOAAN]]);
  });

  it('calling it twice, or again after a restart on the same database file, sends nothing more', async () => {
    const soon = await insertItem({ dueDate: '2026-12-04' });
    const late = await insertItem({ dueDate: '2026-11-30' });
    const now = at('2026-12-01T17:30:00Z');
    expect(await sendDueReminders(db(), now)).toBe(2);
    const count = await notificationCount();
    expect(await sendDueReminders(db(), now)).toBe(0);
    expect(await sendDueReminders(db(), at('2026-12-02T04:00:00Z'))).toBe(0); // later the same day
    expect(await notificationCount()).toBe(count);

    const restarted = await openDb(server.testDb.url);
    try {
      expect(await sendDueReminders(restarted, now)).toBe(0);
      expect(await sendDueReminders(restarted, at('2026-12-03T02:00:00Z'))).toBe(0); // the next day: same reminders, same due dates
    } finally {
      restarted.close();
    }
    expect(await notificationCount()).toBe(count);
    expect(await remindersOf(soon)).toEqual([['due_soon', TOAAN]]);
    expect(await remindersOf(late)).toEqual([['overdue', TOAAN]]);
  });

  it('accepted, cancelled and reported-done items get no reminder; in-progress and reopened ones do', async () => {
    const quiet = await Promise.all(['accepted', 'cancelled', 'reported_done'].flatMap((status) => [
      insertItem({ dueDate: '2026-12-03', status }), insertItem({ dueDate: '2026-11-20', status }),
    ]));
    const working = await insertItem({ dueDate: '2026-12-03', status: 'in_progress' });
    const reopened = await insertItem({ dueDate: '2026-11-20', status: 'reopened' });
    for (const now of ['2026-12-01T17:30:00Z', '2026-12-10T01:00:00Z']) await sendDueReminders(db(), at(now));
    for (const item of quiet) expect(await remindersOf(item)).toEqual([]);
    expect(await remindersOf(working)).toEqual([['due_soon', TOAAN], ['overdue', TOAAN]]);
    expect(await remindersOf(reopened)).toEqual([['overdue', TOAAN]]);
  });

  it('reaches the signatories of the assigned agency and the person named on the item, and no one else', async () => {
    const named = await buildUser(db(), { agencyId: TAND, roles: ['legal_staff'] });
    const otherStaff = await buildUser(db(), { agencyId: TAND, roles: ['legal_staff'] });
    const item = await insertItem({ dueDate: '2026-12-03', assigneeUserId: named.id });
    await sendDueReminders(db(), at('2026-12-01T17:30:00Z'));
    expect((await remindersOf(item)).map(([, user]) => user).sort()).toEqual([TOAAN, named.id].sort());
    expect((await remindersOf(item)).some(([, user]) => user === otherStaff.id)).toBe(false);
  });

  it('follows each person\'s reminder days as set through notifications.setSettings (7, and 0 for the due day only)', async () => {
    const colleague = await buildUser(db(), { agencyId: TAND, roles: ['signatory'] });
    const toaan = await signIn(server.url, 'toaan@demo.concord.vn');
    expect((await trpc(server.url, toaan, 'notifications.setSettings', { reminderDays: 7 }, 'mutation')).status).toBe(200);
    const item = await insertItem({ dueDate: '2026-12-09' });

    await sendDueReminders(db(), at('2026-12-01T17:30:00Z')); // 2 Dec: 7 days before
    expect(await remindersOf(item)).toEqual([['due_soon', TOAAN]]);
    await sendDueReminders(db(), at('2026-12-05T17:30:00Z')); // 6 Dec: 3 days before, the colleague's default
    expect(await remindersOf(item)).toEqual([['due_soon', TOAAN], ['due_soon', colleague.id]]);

    const cookie = await signIn(server.url, colleague.email, colleague.password);
    await trpc(server.url, cookie, 'notifications.setSettings', { reminderDays: 0 }, 'mutation');
    const dueDayOnly = await insertItem({ dueDate: '2026-12-12' });
    await sendDueReminders(db(), at('2026-12-10T17:30:00Z')); // 11 Dec
    expect(await remindersOf(dueDayOnly)).toEqual([['due_soon', TOAAN]]);
    await sendDueReminders(db(), at('2026-12-11T17:30:00Z')); // 12 Dec, the due day
    expect(await remindersOf(dueDayOnly)).toEqual([['due_soon', TOAAN], ['due_soon', colleague.id]]);
  });

  it('the next occurrence of a recurring duty gets its own reminders once the previous one is accepted', async () => {
    const rule: Recurrence = { kind: 'monthly', day: 5 };
    const item = await insertItem({ dueDate: '2026-12-05', recurrence: rule, title: 'Báo cáo tháng' });
    await sendDueReminders(db(), at('2026-12-01T17:30:00Z'));
    expect(await remindersOf(item)).toEqual([['due_soon', TOAAN]]);

    const [toaan, thads] = [await signIn(server.url, 'toaan@demo.concord.vn'), await signIn(server.url, 'thads@demo.concord.vn')];
    await trpc(server.url, toaan, 'actionItems.setStatus', { id: item, to: 'reported_done' }, 'mutation');
    const accepted = await trpc(server.url, thads, 'actionItems.setStatus', { id: item, to: 'accepted' }, 'mutation');
    expect(accepted.data).toMatchObject({ status: 'open', dueDate: '2027-01-05' });

    await sendDueReminders(db(), at('2026-12-10T03:00:00Z')); // past the old due date: the occurrence was accepted
    expect(await remindersOf(item)).toEqual([['due_soon', TOAAN]]);
    await sendDueReminders(db(), at('2027-01-01T17:30:00Z')); // 2 Jan 2027
    await sendDueReminders(db(), at('2027-01-05T17:30:00Z')); // 6 Jan 2027
    expect(await remindersOf(item)).toEqual([['due_soon', TOAAN], ['due_soon', TOAAN], ['overdue', TOAAN]]);
    const dueDates = await all<{ due_date: string; kind: string }>(db(), 'SELECT due_date, kind FROM reminders_sent WHERE item_id = ? ORDER BY sent_at', [item]);
    expect(dueDates).toEqual([
      { due_date: '2026-12-05', kind: 'due_soon' }, { due_date: '2027-01-05', kind: 'due_soon' }, { due_date: '2027-01-05', kind: 'overdue' },
    ]);
  });
});

describe('sendDailyDigests', () => {
  interface Sent { to: string; subject: string; text: string }

  /** A nodemailer JSON transport (nothing leaves the machine) that keeps what it was given. */
  function jsonMailer() {
    const mailer = createTransport({ jsonTransport: true });
    const sent: Sent[] = [];
    const send = mailer.sendMail.bind(mailer);
    mailer.sendMail = (async (mail: Parameters<typeof send>[0]) => {
      const info = await send(mail);
      const message = JSON.parse(info.message as unknown as string) as { to: { address: string }[]; subject: string; text: string };
      sent.push({ to: message.to[0].address, subject: message.subject, text: message.text });
      return info;
    }) as typeof mailer.sendMail;
    return { mailer, sent };
  }
  const FROM = 'Concord <concord@demo.concord.vn>';

  it('sends nothing before 07:00 in Viet Nam, then one email to each person with new notifications', async () => {
    const { mailer, sent } = jsonMailer();
    await insertItem({ dueDate: '2026-12-04', title: 'Trả lời văn bản yêu cầu giải thích' });
    await insertItem({ dueDate: '2026-12-03', agencyId: DEMO_AGENCY_IDS.ca, title: 'Bố trí lực lượng' });
    await sendDueReminders(db(), at('2026-12-01T17:30:00Z'));

    expect(await sendDailyDigests(db(), mailer, FROM, at('2026-12-01T23:59:00Z'))).toBe(0); // 06:59 in Viet Nam
    expect(sent).toEqual([]);
    expect(await sendDailyDigests(db(), mailer, FROM, at('2026-12-02T00:00:00Z'))).toBe(2); // 07:00
    expect(sent.map((m) => m.to).sort()).toEqual(['congan@demo.concord.vn', 'toaan@demo.concord.vn']);
    const toaan = sent.find((m) => m.to === 'toaan@demo.concord.vn')!;
    expect(toaan.subject).toBe('Concord: 1 thông báo mới');
    expect(toaan.text).toContain('Lê Thị Thu Hà');
    expect(toaan.text).toContain('Trả lời văn bản yêu cầu giải thích (04/12/2026)');
    expect(toaan.text).not.toContain('Bố trí lực lượng');
  });

  it('sends at most one email per person and day, across runs and a restart; the next day brings the next one', async () => {
    const { mailer, sent } = jsonMailer();
    await insertItem({ dueDate: '2026-12-04' });
    await sendDueReminders(db(), at('2026-12-01T17:30:00Z'));
    expect(await sendDailyDigests(db(), mailer, FROM, at('2026-12-02T01:00:00Z'))).toBe(1);

    // More notifications the same day do not make a second email that day.
    await insertItem({ dueDate: '2026-12-05' });
    await sendDueReminders(db(), at('2026-12-02T02:00:00Z'));
    expect(await sendDailyDigests(db(), mailer, FROM, at('2026-12-02T03:00:00Z'))).toBe(0);
    const restarted = await openDb(server.testDb.url);
    try {
      expect(await sendDailyDigests(restarted, mailer, FROM, at('2026-12-02T10:00:00Z'))).toBe(0); // 17:00, same Viet Nam day
    } finally {
      restarted.close();
    }
    expect(sent.map((m) => m.to)).toEqual(['toaan@demo.concord.vn']);

    // 3 Dec in Viet Nam: a new reminder, and the day's email.
    await insertItem({ dueDate: '2026-12-06' });
    await sendDueReminders(db(), at('2026-12-02T18:00:00Z'));
    expect(await sendDailyDigests(db(), mailer, FROM, at('2026-12-03T00:30:00Z'))).toBe(1);
    expect(sent.map((m) => m.to)).toEqual(['toaan@demo.concord.vn', 'toaan@demo.concord.vn']);
    const days = await all<{ day: string; status: string }>(db(), 'SELECT day, status FROM email_digests WHERE user_id = ? ORDER BY day', [TOAAN]);
    expect(days).toEqual([{ day: '2026-12-02', status: 'sent' }, { day: '2026-12-03', status: 'sent' }]);
  });

  it('leaves out notifications already read, and people with nothing new', async () => {
    const { mailer, sent } = jsonMailer();
    await insertItem({ dueDate: '2026-12-04' });
    await sendDueReminders(db(), at('2026-12-01T17:30:00Z'));
    await db().batch([{ sql: 'UPDATE notifications SET read_at = ? WHERE user_id = ?', args: ['2026-12-01T18:00:00Z', TOAAN] }]);
    expect(await sendDailyDigests(db(), mailer, FROM, at('2026-12-02T01:00:00Z'))).toBe(0);
    expect(sent).toEqual([]);
  });
});
