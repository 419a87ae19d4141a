/**
 * Reaching people about a meeting: invitations, changes and cancellations in the bell and the email
 * outbox, the reminder before the meeting sent once, and the dossier as links (email and .ics).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTransport } from 'nodemailer';
import { all } from '../../server/db/client.ts';
import { sendMeetingReminders } from '../../server/domain/action-item/reminders.ts';
import { sendMeetingMail } from '../../server/domain/meeting/notices.ts';
import { addDays, localDate } from '../../shared/format.ts';
import { signIn, startTestServer, trpc, type TestServer } from '../helpers.ts';
import { buildUser } from '../factories.ts';

const at = (day: string, time: string) => `${day}T${time}:00+07:00`;
let dayOffset = 50;
const meetingInput = (overrides: Record<string, unknown> = {}) => {
  const day = addDays(localDate(), (dayOffset += 2));
  return {
    kind: 'joint', title: `Họp liên ngành ${day}`, startsAt: at(day, '08:00'), endsAt: at(day, '10:00'), place: 'Phòng họp tầng 3',
    invitedAgencyIds: ['agency-thads', 'agency-tand', 'agency-vks'], inviteeUserIds: ['user-toaan', 'user-vks'], agenda: [],
    ...overrides,
  };
};

describe('meeting notices', () => {
  let server: TestServer;
  const cookies: Record<string, string> = {};
  let secretaryId: string;

  beforeAll(async () => {
    server = await startTestServer();
    for (const who of ['thads', 'toaan', 'vks', 'congan']) cookies[who] = await signIn(server.url, `${who}@demo.concord.vn`);
    secretaryId = (await buildUser(server.testDb.db, { agencyId: 'agency-thads', roles: ['legal_staff'], name: 'Đỗ Thị Hạnh' })).id;
  });
  afterAll(() => server.close());

  const call = (who: string, path: string, input?: unknown) => trpc(server.url, cookies[who], path, input, 'mutation');
  const noticesOf = (userId: string, meetingId: string) => all<{ kind: string; title: string; body: string }>(server.testDb.db,
    'SELECT kind, title, body FROM notifications WHERE user_id = ? AND meeting_id = ? ORDER BY created_at, rowid', [userId, meetingId]);
  const outboxOf = (meetingId: string) => all<{ user_id: string; kind: string; status: string }>(server.testDb.db,
    'SELECT user_id, kind, status FROM meeting_mail_outbox WHERE meeting_id = ? ORDER BY created_at, user_id', [meetingId]);
  const upload = async (meetingId: string, name: string, content: string) => {
    const form = new FormData();
    form.set('target', `meeting:${meetingId}`);
    form.set('file', new Blob([content], { type: 'text/plain' }), name);
    const response = await fetch(`${server.url}/attachments`, { method: 'POST', headers: { cookie: cookies.thads, origin: server.url }, body: form });
    expect(response.status).toBe(201);
    return (await response.json() as { id: string }).id;
  };

  it('an invitation, a change of time or place and a cancellation reach the bell of each invitee and queue an email', async () => {
    const input = meetingInput({ secretaryUserId: secretaryId });
    const created = await call('thads', 'meetings.create', input);
    const id = created.data.meeting.id as string;
    const [invited] = await noticesOf('user-toaan', id);
    expect(invited.kind).toBe('invited');
    expect(invited.title).toBe(input.title);
    const [y, m, d] = input.startsAt.slice(0, 10).split('-');
    expect(invited.body).toContain(`${d}/${m}/${y} 08:00 – 10:00`);
    expect(invited.body).toContain('Phòng họp tầng 3');
    // The bell lists it with the meeting it is about.
    const bell = await trpc(server.url, cookies.toaan, 'notifications.list');
    expect(bell.data.items.find((n: { meetingId: string | null }) => n.meetingId === id)).toMatchObject({ kind: 'invited' });
    // The secretary is told too; the chair is not told of their own meeting; the police, not invited, hear nothing.
    expect((await noticesOf(secretaryId, id)).map((n) => n.kind)).toEqual(['invited']);
    expect(await noticesOf('user-thads', id)).toEqual([]);
    expect(await noticesOf('user-congan', id)).toEqual([]);

    const retitled = await call('thads', 'meetings.update', { id, meeting: { ...input, title: `${input.title} (bổ sung)` } });
    expect(retitled.status).toBe(200);
    expect((await noticesOf('user-toaan', id)).map((n) => n.kind)).toEqual(['invited']);

    const moved = await call('thads', 'meetings.update', { id, meeting: { ...input, place: 'Hội trường Tòa án', startsAt: input.startsAt.replace('08:00', '14:00'), endsAt: input.endsAt.replace('10:00', '16:00') } });
    expect(moved.status).toBe(200);
    const changed = (await noticesOf('user-vks', id)).at(-1)!;
    expect(changed.kind).toBe('meeting_changed');
    expect(changed.body).toContain(`${d}/${m}/${y} 14:00 – 16:00`);
    expect(changed.body).toContain('Hội trường Tòa án');

    expect((await call('thads', 'meetings.cancel', { id, reason: 'Chờ kết quả giám định' })).status).toBe(200);
    const cancelled = (await noticesOf('user-toaan', id)).at(-1)!;
    expect(cancelled.kind).toBe('meeting_cancelled');
    expect(cancelled.body).toContain('Lý do: Chờ kết quả giám định');

    const outbox = await outboxOf(id);
    expect(outbox.filter((o) => o.user_id === secretaryId).map((o) => o.kind)).toEqual(['invited', 'meeting_changed', 'meeting_cancelled']);
    expect(outbox.filter((o) => o.user_id !== secretaryId).map((o) => `${o.user_id}:${o.kind}`)).toEqual([
      'user-toaan:invited', 'user-vks:invited', 'user-toaan:meeting_changed', 'user-vks:meeting_changed', 'user-toaan:meeting_cancelled', 'user-vks:meeting_cancelled',
    ]);
  });

  it('the reminder before the meeting goes out once, at each person\'s hour, even when the scheduler runs twice', async () => {
    const soon = new Date(Date.now() + 20 * 3600_000);
    const input = meetingInput({ startsAt: soon.toISOString(), endsAt: new Date(soon.getTime() + 2 * 3600_000).toISOString() });
    const id = (await call('thads', 'meetings.create', input)).data.meeting.id as string;
    // The procurator wants to hear only 2 hours before; the judge keeps the default day before.
    expect((await call('vks', 'notifications.setSettings', { reminderDays: 3, meetingReminderHours: 2 })).status).toBe(200);
    expect((await trpc(server.url, cookies.vks, 'notifications.settings')).data).toEqual({ reminderDays: 3, meetingReminderHours: 2 });

    const runs = await Promise.all([sendMeetingReminders(server.testDb.db), sendMeetingReminders(server.testDb.db)]);
    await sendMeetingReminders(server.testDb.db);
    expect((await noticesOf('user-toaan', id)).filter((n) => n.kind === 'meeting_reminder')).toHaveLength(1);
    expect((await noticesOf('user-thads', id)).filter((n) => n.kind === 'meeting_reminder')).toHaveLength(1);
    expect((await noticesOf('user-vks', id)).filter((n) => n.kind === 'meeting_reminder')).toHaveLength(0);
    expect(runs[0] + runs[1]).toBeGreaterThanOrEqual(2);

    // 19 hours later (an hour before), the procurator's reminder comes, once.
    const later = new Date(soon.getTime() - 3600_000);
    await sendMeetingReminders(server.testDb.db, later);
    await sendMeetingReminders(server.testDb.db, later);
    expect((await noticesOf('user-vks', id)).filter((n) => n.kind === 'meeting_reminder')).toHaveLength(1);
    expect((await noticesOf('user-toaan', id)).filter((n) => n.kind === 'meeting_reminder')).toHaveLength(1);
    const sent = await all(server.testDb.db, 'SELECT user_id FROM meeting_reminders_sent WHERE meeting_id = ?', [id]);
    expect(sent).toHaveLength(3);
  });

  it('the dossier is in the .ics description and in the email as links; each email is sent once, in Vietnamese', async () => {
    const input = meetingInput();
    const id = (await call('thads', 'meetings.create', input)).data.meeting.id as string;
    const fileId = await upload(id, 'Báo cáo tài sản kê biên.txt', 'Báo cáo tài sản kê biên của Công ty Thành Đạt.');

    const ics = await fetch(`${server.url}/export/meetings/${id}.ics`, { headers: { cookie: cookies.toaan } });
    expect(ics.status).toBe(200);
    const unfolded = (await ics.text()).replace(/\r\n[ \t]/g, '');
    const description = unfolded.split('\r\n').find((line) => line.startsWith('DESCRIPTION:'))!;
    expect(description).toContain('Hồ sơ cuộc họp:');
    expect(description).toContain(`Báo cáo tài sản kê biên.txt: ${server.url}/attachments/${fileId}`);
    // The link opens the file for an invitee, and not for an agency not invited.
    expect((await fetch(`${server.url}/attachments/${fileId}`, { headers: { cookie: cookies.toaan } })).status).toBe(200);
    expect((await fetch(`${server.url}/attachments/${fileId}`, { headers: { cookie: cookies.congan } })).status).toBe(403);

    const mailer = createTransport({ jsonTransport: true });
    const delivered: { to: string; subject: string; text: string }[] = [];
    const original = mailer.sendMail.bind(mailer);
    mailer.sendMail = (async (mail: { to: string; subject: string; text: string }) => {
      delivered.push(mail);
      return original(mail);
    }) as typeof mailer.sendMail;
    await sendMeetingMail(server.testDb.db, mailer, 'Concord <no-reply@concord.local>', 'https://concord.example.vn');
    await sendMeetingMail(server.testDb.db, mailer, 'Concord <no-reply@concord.local>', 'https://concord.example.vn');
    const ours = delivered.filter((mail) => mail.subject.includes(input.title));
    expect(ours.map((mail) => mail.to).sort()).toEqual(['toaan@demo.concord.vn', 'vks@demo.concord.vn']);
    const [y, m, d] = input.startsAt.slice(0, 10).split('-');
    const text = ours[0].text;
    expect(ours[0].subject).toBe(`Concord: Giấy mời họp: ${input.title}`);
    expect(text).toContain(`Thời gian: ${d}/${m}/${y} 08:00 – 10:00 (giờ Việt Nam)`);
    expect(text).toContain(`- Báo cáo tài sản kê biên.txt: https://concord.example.vn/attachments/${fileId}`);
    expect(text).toContain(`Xem cuộc họp: https://concord.example.vn/meetings/${id}`);
    expect((await outboxOf(id)).every((o) => o.status === 'sent')).toBe(true);
  });
});
