import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ical from 'node-ical';
import { DEMO_IDS } from '../../server/demo/seed.ts';
import { FEED_LIMITS } from '../../server/domain/calendar/index.ts';
import { addDays, localDate } from '../../shared/format.ts';
import { buildUser, meetingUnderWay } from '../factories.ts';
import { signIn, startTestServer, trpc, type TestServer, docxDocumentXml } from '../helpers.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

let dayOffset = 40;
const nextDay = () => addDays(localDate(), (dayOffset += 2));
const at = (day: string, time: string) => `${day}T${time}:00+07:00`;

// Long and full of diacritics, so that line folding (75 octets) falls inside multi-byte characters.
const TITLE = 'Họp liên ngành: xử lý tài sản kê biên có tranh chấp, cưỡng chế thi hành án đối với Công ty TNHH Xây dựng Thành Đạt';

const newMeeting = (overrides: Record<string, unknown> = {}) => {
  const day = nextDay();
  return {
    kind: 'joint', title: TITLE, startsAt: at(day, '08:00'), endsAt: at(day, '10:30'), place: 'Phòng họp tầng 3; Thi hành án dân sự tỉnh Phú Thọ',
    invitedAgencyIds: ['agency-thads', 'agency-tand', 'agency-vks', 'agency-ca'], inviteeUserIds: ['user-toaan', 'user-vks'],
    agenda: [{ title: 'Xử lý tài sản kê biên', caseId: DEMO_IDS.case }], ...overrides,
  };
};

type Parsed = ReturnType<typeof ical.sync.parseICS>;
type Event = { type: string; uid: string; start: Date & { dateOnly?: boolean }; end: Date & { dateOnly?: boolean }; summary: string; sequence?: number | string; status?: string; location?: string };
const events = (calendar: Parsed) => Object.values(calendar).filter((c): c is never => (c as { type?: string }).type === 'VEVENT') as Event[];
/** The calendar date of an all-day value as node-ical builds it (local midnight). */
const dateOf = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;


let server: TestServer;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  for (const who of ['thads', 'toaan', 'vks', 'congan']) cookies[who] = await signIn(server.url, `${who}@demo.concord.vn`);
  const outsider = await buildUser(server.testDb.db, { agencyId: 'agency-ubnd', roles: ['legal_staff', 'chair'] });
  cookies.ubnd = await signIn(server.url, outsider.email, outsider.password);
  const secretary = await buildUser(server.testDb.db, { agencyId: 'agency-thads', roles: ['legal_staff'], name: 'Đỗ Thị Hạnh' });
  cookies.secretary = await signIn(server.url, secretary.email, secretary.password);
  cookies.secretaryId = secretary.id;
});
afterAll(() => server.close());

const call = (who: string, path: string, input?: unknown) => trpc(server.url, cookies[who], path, input, 'mutation');
const get = (path: string, who?: string) => fetch(`${server.url}${path}`, { headers: who ? { cookie: cookies[who] } : {} });
const createMeeting = async (overrides: Record<string, unknown> = {}) => {
  const input = newMeeting(overrides);
  const result = await call('thads', 'meetings.create', input);
  expect(result.error).toBeUndefined();
  return { input, meeting: result.data.meeting as { id: string; startsAt: string; endsAt: string } };
};
const meetingIcs = async (id: string, who = 'toaan') => {
  const response = await get(`/export/meetings/${id}.ics`, who);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/calendar/);
  const found = events(ical.sync.parseICS(await response.text()));
  expect(found).toHaveLength(1);
  return found[0];
};

describe('GET /export/meetings/:id.ics', () => {
  it('answers 401 without a session, 403 to an agency not invited, 404 for an unknown meeting', async () => {
    expect((await get(`/export/meetings/${DEMO_IDS.meeting}.ics`)).status).toBe(401);
    expect((await get(`/export/meetings/${DEMO_IDS.meeting}.ics`, 'ubnd')).status).toBe(403);
    expect((await get('/export/meetings/no-such-meeting.ics', 'thads')).status).toBe(404);
    expect((await get(`/export/meetings/${DEMO_IDS.meeting}.pdf`, 'thads')).status).toBe(404);
  });

  it('is one VEVENT with the UID, start and end instants, summary, sequence and status, as an independent parser reads it', async () => {
    const { input, meeting } = await createMeeting();
    const event = await meetingIcs(meeting.id);
    expect(event.uid).toBe(`meeting-${meeting.id}@concord`);
    expect(event.start.toISOString()).toBe(new Date(input.startsAt).toISOString());
    expect(event.end.toISOString()).toBe(new Date(input.endsAt).toISOString());
    expect(event.summary).toBe(TITLE);
    expect(event.location).toBe(input.place);
    expect(Number(event.sequence)).toBe(0);
    expect(event.status).toBe('CONFIRMED');
  });

  it('an update raises SEQUENCE and moves the times; a cancellation makes STATUS CANCELLED', async () => {
    const { input, meeting } = await createMeeting();
    const day = nextDay();
    const moved = { ...input, startsAt: at(day, '14:00'), endsAt: at(day, '16:00') };
    expect((await call('thads', 'meetings.update', { id: meeting.id, meeting: moved })).status).toBe(200);
    const updated = await meetingIcs(meeting.id);
    expect(Number(updated.sequence)).toBe(1);
    expect(updated.start.toISOString()).toBe(new Date(moved.startsAt).toISOString());
    expect(updated.uid).toBe(`meeting-${meeting.id}@concord`);

    expect((await call('thads', 'meetings.cancel', { id: meeting.id, reason: 'Chủ trì đi công tác' })).status).toBe(200);
    const cancelled = await meetingIcs(meeting.id);
    expect(cancelled.status).toBe('CANCELLED');
    expect(Number(cancelled.sequence)).toBe(2);
  });
});

describe('the personal calendar feed', () => {
  const feed = async (path: string) => {
    const response = await fetch(`${server.url}${path}`);
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  };

  it("serves the meetings the user is invited to and their agency's open action items as all-day events, without a cookie", async () => {
    const invited = await createMeeting();
    const notInvited = await createMeeting({ invitedAgencyIds: ['agency-thads', 'agency-vks'], inviteeUserIds: ['user-vks'] });
    // The court is invited as an agency with nobody of it named: its working members (this judge) are invited.
    const agencyOnly = await createMeeting({ inviteeUserIds: ['user-vks'] });
    const day = localDate(invited.meeting.startsAt);
    const conclusion = await call('thads', 'meetings.addConclusion', {
      meetingId: invited.meeting.id, text: 'Giao Tòa án hai việc.',
      assignments: [
        { agencyId: 'agency-tand', title: 'Trả lời kiến nghị về tài sản kê biên', dueDate: addDays(day, 10) },
        { agencyId: 'agency-tand', title: 'Cung cấp hồ sơ vụ án', dueDate: addDays(day, 12) },
      ],
    });
    expect(conclusion.status).toBe(200);
    await server.testDb.db.execute({ sql: "UPDATE action_items SET status = 'accepted' WHERE title = 'Cung cấp hồ sơ vụ án'", args: [] });

    const renewed = await call('toaan', 'calendar.renew');
    expect(renewed.data.path).toMatch(/^\/export\/calendar\/[a-z2-7]+\.ics$/);
    const response = await feed(renewed.data.path);
    expect(response.status).toBe(200);
    expect(response.type).toMatch(/^text\/calendar/);
    const all = events(ical.sync.parseICS(response.text));
    const uids = all.map((e) => e.uid);
    expect(uids).toContain(`meeting-${DEMO_IDS.meeting}@concord`);
    expect(uids).toContain(`meeting-${invited.meeting.id}@concord`);
    expect(uids).not.toContain(`meeting-${notInvited.meeting.id}@concord`);
    expect(uids).toContain(`meeting-${agencyOnly.meeting.id}@concord`);
    expect(uids).toContain('action-item-demo-item-tand@concord');
    expect(uids).not.toContain('action-item-demo-item-vks@concord');

    const meetingEvent = all.find((e) => e.uid === `meeting-${invited.meeting.id}@concord`)!;
    expect(meetingEvent.start.toISOString()).toBe(invited.meeting.startsAt);
    const due = all.find((e) => e.summary === 'Hạn: Trả lời kiến nghị về tài sản kê biên')!;
    expect(due.uid).toMatch(/^action-item-.+@concord$/);
    expect(due.start.dateOnly).toBe(true);
    expect(dateOf(due.start)).toBe(addDays(day, 10));
    expect(dateOf(due.end)).toBe(addDays(day, 11));
    expect(all.some((e) => e.summary.includes('Cung cấp hồ sơ vụ án'))).toBe(false);
    expect((await trpc(server.url, cookies.toaan, 'calendar.status')).data).toEqual({ active: true });
  });

  it('a feed is bounded: the items due soonest up to the limit, and no meeting over a year old', async () => {
    const { db } = server.testDb;
    const user = (await db.execute({ sql: "SELECT id FROM users WHERE email = 'thads@demo.concord.vn'", args: [] })).rows[0].id as string;
    const now = new Date().toISOString();
    const today = localDate();
    await db.write(async (tx) => {
      await tx.execute({ sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${FEED_LIMITS.items + 5})
        INSERT INTO action_items (id, source_kind, agency_id, assigned_by_agency_id, assigned_by_user_id, title, due_date, status, created_at, updated_at)
        SELECT 'feed-' || printf('%05d', i), 'manual', 'agency-vks', 'agency-thads', ?, 'Việc số ' || i, date(?, '+' || i || ' days'), 'open', ?, ? FROM n`,
      args: [user, today, now, now] });
      // A meeting held two years ago that the procuracy was invited to.
      const old = addDays(today, -730);
      await tx.execute({ sql: `INSERT INTO meetings (id, kind, title, chair_user_id, chair_agency_id, starts_at, ends_at, place, online_url, status, sequence, created_by, created_at, updated_at)
        VALUES ('feed-old-meeting', 'joint', 'Họp từ hai năm trước', ?, 'agency-thads', ?, ?, '', '', 'approved', 0, ?, ?, ?)`,
      args: [user, new Date(`${old}T08:00:00+07:00`).toISOString(), new Date(`${old}T10:00:00+07:00`).toISOString(), user, now, now] });
      await tx.execute({ sql: "INSERT INTO meeting_invitees (meeting_id, user_id) VALUES ('feed-old-meeting', 'user-vks')", args: [] });
    });
    const renewed = await call('vks', 'calendar.renew');
    const text = (await feed(renewed.data.path)).text;
    const all = events(ical.sync.parseICS(text));
    const items = all.filter((e) => e.uid.startsWith('action-item-'));
    expect(items.length).toBe(FEED_LIMITS.items);
    expect(all.some((e) => e.uid === 'action-item-feed-00001@concord')).toBe(true);
    expect(all.some((e) => e.uid === `action-item-feed-${String(FEED_LIMITS.items + 5).padStart(5, '0')}@concord`)).toBe(false);
    expect(all.some((e) => e.uid === 'meeting-feed-old-meeting@concord')).toBe(false);
    expect(all.some((e) => e.uid === `meeting-${DEMO_IDS.meeting}@concord`)).toBe(true);
  });

  it('renewing the address ends the old one; revoking ends the new one', async () => {
    const first = (await call('vks', 'calendar.renew')).data.path as string;
    expect((await feed(first)).status).toBe(200);
    const second = (await call('vks', 'calendar.renew')).data.path as string;
    expect(second).not.toBe(first);
    expect((await feed(first)).status).toBe(404);
    expect((await feed(second)).status).toBe(200);
    expect((await call('vks', 'calendar.revoke')).data).toEqual({ active: false });
    expect((await feed(second)).status).toBe(404);
    expect((await trpc(server.url, cookies.vks, 'calendar.status')).data).toEqual({ active: false });
  });

  it('a token of another user does not change when someone else renews', async () => {
    const mine = (await call('congan', 'calendar.renew')).data.path as string;
    await call('thads', 'calendar.renew');
    expect((await feed(mine)).status).toBe(200);
  });

  it('a garbage or unknown token is 404', async () => {
    for (const path of ['/export/calendar/garbage.ics', `/export/calendar/${'a'.repeat(32)}.ics`, '/export/calendar/..%2F..%2Fetc.ics', '/export/calendar/.ics']) {
      expect((await feed(path)).status, path).toBe(404);
    }
    const valid = (await call('congan', 'calendar.renew')).data.path as string;
    expect((await feed(valid.replace(/\.ics$/, ''))).status).toBe(404);
    expect((await feed(valid.toUpperCase().replace('/EXPORT/CALENDAR/', '/export/calendar/').replace(/\.ICS$/, '.ics'))).status).toBe(404);
  });

  it('calendar.renew needs a session', async () => {
    expect((await trpc(server.url, null, 'calendar.renew', undefined, 'mutation')).status).toBe(401);
  });
});

describe('GET /export/meetings/:id/minutes.docx', () => {
  it('answers 401 without a session, 403 to an agency not invited, 404 for an unknown meeting, 409 before approval', async () => {
    expect((await get(`/export/meetings/${DEMO_IDS.meeting}/minutes.docx`)).status).toBe(401);
    expect((await get(`/export/meetings/${DEMO_IDS.meeting}/minutes.docx`, 'ubnd')).status).toBe(403);
    expect((await get('/export/meetings/no-such-meeting/minutes.docx', 'thads')).status).toBe(404);
    expect((await get(`/export/meetings/${DEMO_IDS.meeting}/minutes.docx`, 'thads')).status).toBe(409);
  });

  it('after approval is a Word biên bản with the national motto, conclusions, assignments, Times New Roman and the signature titles', async () => {
    const { meeting } = await createMeeting({ secretaryUserId: cookies.secretaryId });
    const day = localDate(meeting.startsAt);
    await call('thads', 'meetings.setAttendance', {
      meetingId: meeting.id, attendees: [
        { agencyId: 'agency-thads', person: 'Nguyễn Văn Hùng', position: 'Phó Trưởng Thi hành án dân sự tỉnh', present: true },
        { agencyId: 'agency-tand', person: 'Lê Thị Thu Hà', position: 'Thẩm phán', present: true },
        { agencyId: 'agency-ca', person: 'Hoàng Minh Đức', present: false },
      ],
    });
    await call('thads', 'meetings.addConclusion', {
      meetingId: meeting.id, text: 'Thống nhất tổ chức cưỡng chế kê biên sau khi Tòa án có văn bản giải thích.',
      assignments: [{ agencyId: 'agency-tand', title: 'Ban hành văn bản giải thích bản án', dueDate: addDays(day, 15) }],
    });
    expect((await get(`/export/meetings/${meeting.id}/minutes.docx`, 'thads')).status).toBe(409);
    await meetingUnderWay(server.testDb.db, meeting.id);
    expect((await call('thads', 'meetings.approveMinutes', { id: meeting.id, confirmUnconfirmed: true })).status).toBe(200);

    const response = await get(`/export/meetings/${meeting.id}/minutes.docx`, 'vks');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(DOCX);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment;/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const xml = docxDocumentXml(bytes);
    const text = xml.replace(/<[^>]+>/g, '');
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'BIÊN BẢN',
      'THI HÀNH ÁN DÂN SỰ TỈNH PHÚ THỌ', TITLE,
      'Thống nhất tổ chức cưỡng chế kê biên sau khi Tòa án có văn bản giải thích.',
      'TAND Phú Thọ: Ban hành văn bản giải thích bản án', 'Lê Thị Thu Hà', 'Vắng mặt', 'Hoàng Minh Đức',
      'Thư ký: Đỗ Thị Hạnh', 'THƯ KÝ', 'CHỦ TRÌ', 'Nguyễn Văn Hùng',
    ]) expect(text, expected).toContain(expected);
    expect(xml).toContain('w:ascii="Times New Roman"');
    // Signatures: the secretary on the left, the chair on the right.
    expect(text.lastIndexOf('THƯ KÝ')).toBeLessThan(text.lastIndexOf('CHỦ TRÌ'));
  });
});
