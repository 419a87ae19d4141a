import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { one } from '../../server/db/client.ts';
import { DEMO_IDS } from '../../server/demo/seed.ts';
import { loadStoredDoc } from '../../server/collab/storage.ts';
import { CLOSE } from '../../shared/collab.ts';
import { addDays, localDate } from '../../shared/format.ts';
import { message } from '../../shared/messages.ts';
import { buildUser, meetingUnderWay } from '../factories.ts';
import { signIn, startCollabTestServer, startTestServer, trpc, type CollabTestServer, type TestServer, docxDocumentXml } from '../helpers.ts';
import { connectClient, synced, waitFor, type TestClient } from '../collab/client.ts';

/** A fresh day for each use, well after the demo meeting, so that tests do not overlap one another. */
let dayOffset = 30;
const nextDay = () => addDays(localDate(), (dayOffset += 2));
const at = (day: string, time: string) => `${day}T${time}:00+07:00`;
const utc = (instant: string) => new Date(instant).toISOString();

const PARTIES = ['agency-thads', 'agency-tand', 'agency-vks', 'agency-ca'];
const newMeeting = (overrides: Record<string, unknown> = {}) => {
  const day = nextDay();
  return {
    kind: 'joint', title: 'Họp liên ngành về tài sản kê biên có tranh chấp', startsAt: at(day, '08:00'), endsAt: at(day, '10:00'),
    place: 'Phòng họp tầng 3, Thi hành án dân sự tỉnh Phú Thọ', invitedAgencyIds: PARTIES,
    inviteeUserIds: ['user-toaan', 'user-vks', 'user-congan'], agenda: [{ title: 'Xử lý tài sản kê biên', caseId: DEMO_IDS.case }],
    ...overrides,
  };
};


describe('the meeting workflow', () => {
  let server: TestServer;
  const cookies: Record<string, string> = {};
  let secretaryId: string;
  const delegates: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer();
    for (const who of ['admin', 'thads', 'toaan', 'vks', 'congan']) cookies[who] = await signIn(server.url, `${who}@demo.concord.vn`);
    const secretary = await buildUser(server.testDb.db, { agencyId: 'agency-thads', roles: ['legal_staff'], name: 'Đỗ Thị Hạnh' });
    secretaryId = secretary.id;
    cookies.secretary = await signIn(server.url, secretary.email, secretary.password);
    const outsider = await buildUser(server.testDb.db, { agencyId: 'agency-ubnd', roles: ['legal_staff', 'chair'] });
    cookies.ubnd = await signIn(server.url, outsider.email, outsider.password);
    // Delegates are real users of the invitee's agency.
    delegates.vks = (await buildUser(server.testDb.db, { agencyId: 'agency-vks', roles: ['viewer'], name: 'Nguyễn Thị Hoa' })).id;
    delegates.ca = (await buildUser(server.testDb.db, { agencyId: 'agency-ca', roles: ['viewer'], name: 'Trần Văn Nam' })).id;
  });
  afterAll(() => server.close());

  const call = (who: string, path: string, input?: unknown) => trpc(server.url, cookies[who], path, input, 'mutation');
  const query = (who: string, path: string, input?: unknown) => trpc(server.url, cookies[who], path, input);
  const count = async (table: string) => Number((await one<{ n: number }>(server.testDb.db, `SELECT count(*) AS n FROM ${table}`))!.n);
  const create = async (overrides: Record<string, unknown> = {}) => {
    const result = await call('thads', 'meetings.create', newMeeting(overrides));
    expect(result.error).toBeUndefined();
    return result.data as { meeting: { id: string; sequence: number; startsAt: string; endsAt: string }; conflicts: { userId: string; meetingId: string }[] };
  };
  const details = async (id: string) => (await query('thads', 'meetings.get', { id })).data;
  const answers = async (id: string) => Object.fromEntries((await details(id)).invitees.map((i: { userId: string; answer: string }) => [i.userId, i.answer]));

  describe('scheduling', () => {
    it('the chair creates a meeting with invited agencies, invitees and an agenda on a case; the invited agencies see it', async () => {
      const input = newMeeting({ secretaryUserId: secretaryId });
      const result = await call('thads', 'meetings.create', input);
      expect(result.status).toBe(200);
      const meeting = result.data.meeting;
      expect(meeting).toMatchObject({
        chairUserId: 'user-thads', chairAgencyId: 'agency-thads', status: 'scheduled', sequence: 0, secretaryUserId: secretaryId,
        startsAt: utc(input.startsAt), endsAt: utc(input.endsAt), title: input.title,
      });
      expect([...meeting.invitedAgencyIds].sort()).toEqual([...PARTIES].sort());
      const got = await details(meeting.id);
      expect(got.invitees.map((i: { userId: string; answer: string }) => [i.userId, i.answer]).sort())
        .toEqual([['user-congan', 'pending'], ['user-toaan', 'pending'], ['user-vks', 'pending']]);
      expect(got.agenda).toEqual([expect.objectContaining({ position: 1, title: 'Xử lý tài sản kê biên', caseId: DEMO_IDS.case, judgmentNumber: '15/2022/KDTM-PT' })]);
      expect(got).toMatchObject({ canManage: true, canRecord: true, canApprove: true });

      expect((await query('toaan', 'meetings.list')).data.map((m: { id: string }) => m.id)).toContain(meeting.id);
      expect((await query('toaan', 'meetings.get', { id: meeting.id })).data).toMatchObject({ canManage: false, canRecord: false, myInvitation: { answer: 'pending' } });
      expect((await query('ubnd', 'meetings.get', { id: meeting.id })).error?.data.code).toBe('FORBIDDEN');
    });

    it.each(['toaan', 'vks', 'congan', 'admin', 'secretary'])('%s, who is not a chair, may not create a meeting', async (who) => {
      const result = await call(who, 'meetings.create', newMeeting());
      expect(result.status).toBe(403);
      expect(result.error?.data.code).toBe('FORBIDDEN');
    });

    const day = addDays(localDate(), 90);
    const yesterday = addDays(localDate(), -1);
    it.each([
      ['an end before the start', { startsAt: at(day, '10:00'), endsAt: at(day, '09:00') }, 'Thời gian kết thúc: phải sau thời gian bắt đầu'],
      ['an end equal to the start', { startsAt: at(day, '10:00'), endsAt: at(day, '10:00') }, 'Thời gian kết thúc: phải sau thời gian bắt đầu'],
      ['a meeting in the past', { startsAt: at(yesterday, '08:00'), endsAt: at(yesterday, '10:00') }, message('vi', 'meetingInPast')],
      ['a meeting longer than 24 hours', { startsAt: at(day, '08:00'), endsAt: at(addDays(day, 1), '08:01') }, message('vi', 'meetingTooLong')],
      ['an invitee of an agency not invited', { invitedAgencyIds: ['agency-thads', 'agency-tand'], inviteeUserIds: ['user-toaan', 'user-congan'] }, message('vi', 'inviteeNotInvitedAgency')],
      ['an agenda item on an unknown case', { agenda: [{ title: 'Vụ việc không có', caseId: 'no-such-case' }] }, message('vi', 'unknownCase')],
      ['a time without offset', { startsAt: `${day}T08:00:00`, endsAt: `${day}T09:00:00` }, 'Thời gian bắt đầu: không phải ngày giờ hợp lệ'],
    ])('%s is BAD_REQUEST with a clear message, and nothing is written', async (_name, overrides, expected) => {
      const before = await count('meetings');
      const result = await call('thads', 'meetings.create', newMeeting(overrides));
      expect(result.status).toBe(400);
      expect(result.error?.data.code).toBe('BAD_REQUEST');
      expect(result.error?.message).toContain(expected);
      expect(await count('meetings')).toBe(before);
    });

    it('a meeting of exactly 24 hours is allowed', async () => {
      const day2 = nextDay();
      await create({ startsAt: at(day2, '08:00'), endsAt: at(addDays(day2, 1), '08:00') });
    });
  });

  describe('conflict warnings', () => {
    it('an invitee who already has an overlapping meeting is named, unless they declined it or sent a delegate', async () => {
      const day = nextDay();
      const first = await create({ startsAt: at(day, '08:00'), endsAt: at(day, '10:00'), inviteeUserIds: ['user-toaan', 'user-vks', 'user-congan'] });
      expect(first.conflicts).toEqual([]);
      expect((await call('vks', 'meetings.answer', { meetingId: first.meeting.id, answer: 'decline' })).status).toBe(200);
      expect((await call('congan', 'meetings.answer', { meetingId: first.meeting.id, answer: 'delegate', delegateUserId: delegates.ca })).status).toBe(200);

      const second = await create({ startsAt: at(day, '09:30'), endsAt: at(day, '11:00'), inviteeUserIds: ['user-toaan', 'user-vks', 'user-congan'] });
      const named = second.conflicts.filter((c) => c.meetingId === first.meeting.id).map((c) => c.userId).sort();
      // The chair chairs both; the court's judge was asked to both; the procurator declined the first
      // and the police sent a delegate to it.
      expect(named).toEqual(['user-thads', 'user-toaan']);
      expect(second.conflicts.every((c) => c.meetingId === first.meeting.id)).toBe(true);

      const asked = await query('thads', 'meetings.conflicts', { userIds: ['user-toaan', 'user-vks'], startsAt: at(day, '08:30'), endsAt: at(day, '09:30'), meetingId: null });
      expect(asked.data.map((c: { userId: string; meetingId: string }) => [c.userId, c.meetingId])).toEqual([['user-toaan', first.meeting.id]]);
    });

    it('meetings that only touch end to start do not conflict', async () => {
      const day = nextDay();
      await create({ startsAt: at(day, '08:00'), endsAt: at(day, '10:00') });
      const next = await create({ startsAt: at(day, '10:00'), endsAt: at(day, '11:00') });
      expect(next.conflicts).toEqual([]);
    });

    it('a cancelled meeting causes no conflict', async () => {
      const day = nextDay();
      const cancelled = await create({ startsAt: at(day, '14:00'), endsAt: at(day, '16:00'), inviteeUserIds: ['user-congan'] });
      expect((await call('thads', 'meetings.cancel', { id: cancelled.meeting.id, reason: 'Đổi sang tuần sau' })).status).toBe(200);
      const other = await create({ startsAt: at(day, '14:00'), endsAt: at(day, '16:00'), inviteeUserIds: ['user-congan'] });
      expect(other.conflicts).toEqual([]);
    });
  });

  describe('changing and cancelling', () => {
    it('an update bumps the sequence and keeps the answers while the time stays', async () => {
      const input = newMeeting();
      const { meeting } = (await call('thads', 'meetings.create', input)).data;
      await call('toaan', 'meetings.answer', { meetingId: meeting.id, answer: 'attend' });
      const updated = await call('thads', 'meetings.update', { id: meeting.id, meeting: { ...input, title: 'Họp liên ngành (bổ sung nội dung)', place: 'Phòng họp số 2' } });
      expect(updated.status).toBe(200);
      expect(updated.data.meeting).toMatchObject({ sequence: 1, title: 'Họp liên ngành (bổ sung nội dung)', place: 'Phòng họp số 2' });
      expect((await answers(meeting.id))['user-toaan']).toBe('attend');
    });

    it('moving the time bumps the sequence and asks everyone again', async () => {
      const input = newMeeting();
      const { meeting } = (await call('thads', 'meetings.create', input)).data;
      await call('toaan', 'meetings.answer', { meetingId: meeting.id, answer: 'attend' });
      await call('vks', 'meetings.answer', { meetingId: meeting.id, answer: 'delegate', delegateUserId: delegates.vks });
      const day = nextDay();
      const moved = await call('thads', 'meetings.update', { id: meeting.id, meeting: { ...input, startsAt: at(day, '13:30'), endsAt: at(day, '16:00') } });
      expect(moved.data.meeting).toMatchObject({ sequence: 1, startsAt: utc(at(day, '13:30')) });
      // The delegate the procuracy sent is no longer sent: everyone is asked again.
      expect(await answers(meeting.id)).toEqual({ 'user-toaan': 'pending', 'user-vks': 'pending', 'user-congan': 'pending' });
      expect((await details(meeting.id)).invitees.find((i: { userId: string }) => i.userId === 'user-vks').delegateName).toBe('');
    });

    it('a conclusion stays with its agenda item and case when the agenda is reordered or an item removed', async () => {
      const caseItem = { title: 'Xử lý tài sản kê biên của Công ty Thành Đạt', caseId: DEMO_IDS.case };
      const input = newMeeting({ agenda: [caseItem, { title: 'Việc khác', caseId: null }] });
      const { meeting } = (await call('thads', 'meetings.create', input)).data;
      const [caseAgenda, otherAgenda] = (await details(meeting.id)).agenda;
      await call('thads', 'meetings.addConclusion', { meetingId: meeting.id, agendaItemId: caseAgenda.id, text: 'Kết luận về tài sản kê biên.' });
      await call('thads', 'meetings.addConclusion', { meetingId: meeting.id, agendaItemId: otherAgenda.id, text: 'Kết luận về việc khác.' });

      const updated = await call('thads', 'meetings.update', { id: meeting.id, meeting: { ...input, agenda: [{ title: 'Khai mạc', caseId: null }, caseItem] } });
      expect(updated.status).toBe(200);
      const after = await details(meeting.id);
      const byText = Object.fromEntries(after.conclusions.map((c: { text: string; agendaItemId: string | null }) => [c.text, c.agendaItemId]));
      const kept = after.agenda.find((a: { id: string }) => a.id === byText['Kết luận về tài sản kê biên.']);
      expect(kept).toMatchObject({ position: 2, title: caseItem.title, caseId: DEMO_IDS.case });
      // The item it was about is gone from the agenda: the conclusion stays, as a general one.
      expect(byText['Kết luận về việc khác.']).toBeNull();

      const discussed = (await query('thads', 'cases.get', { id: DEMO_IDS.case })).data.meetings.find((m: { meetingId: string }) => m.meetingId === meeting.id);
      expect(discussed.conclusions.map((c: { text: string }) => c.text)).toEqual(['Kết luận về tài sản kê biên.']);
    });

    it('only the chair updates or cancels', async () => {
      const input = newMeeting();
      const { meeting } = (await call('thads', 'meetings.create', input)).data;
      expect((await call('toaan', 'meetings.update', { id: meeting.id, meeting: input })).error?.data.code).toBe('FORBIDDEN');
      expect((await call('secretary', 'meetings.cancel', { id: meeting.id, reason: 'Không' })).error?.data.code).toBe('FORBIDDEN');
    });

    it('a cancellation needs a reason; once cancelled, the meeting cannot be changed, answered or cancelled again', async () => {
      const input = newMeeting();
      const { meeting } = (await call('thads', 'meetings.create', input)).data;
      for (const reason of ['', '   ']) {
        const result = await call('thads', 'meetings.cancel', { id: meeting.id, reason });
        expect(result.error?.data.code).toBe('BAD_REQUEST');
        expect(result.error?.message).toContain('Lý do:');
      }
      const cancelled = await call('thads', 'meetings.cancel', { id: meeting.id, reason: 'Chủ trì đi công tác đột xuất' });
      expect(cancelled.data).toMatchObject({ status: 'cancelled', sequence: 1, cancelledReason: 'Chủ trì đi công tác đột xuất' });
      expect((await call('thads', 'meetings.update', { id: meeting.id, meeting: input })).error?.data.code).toBe('CONFLICT');
      expect((await call('toaan', 'meetings.answer', { meetingId: meeting.id, answer: 'attend' })).error?.data.code).toBe('CONFLICT');
      expect((await call('thads', 'meetings.cancel', { id: meeting.id, reason: 'Lần nữa' })).error?.data.code).toBe('CONFLICT');
    });
  });

  describe('answering an invitation', () => {
    it('invitees attend, decline or delegate; delegating needs a name; a non-invitee is FORBIDDEN', async () => {
      const { meeting } = await create();
      expect((await call('toaan', 'meetings.answer', { meetingId: meeting.id, answer: 'attend' })).status).toBe(200);
      expect((await call('congan', 'meetings.answer', { meetingId: meeting.id, answer: 'decline' })).status).toBe(200);
      const nameless = await call('vks', 'meetings.answer', { meetingId: meeting.id, answer: 'delegate' });
      expect(nameless.error?.data.code).toBe('BAD_REQUEST');
      expect(nameless.error?.message).toContain('Người dự thay:');
      expect((await call('vks', 'meetings.answer', { meetingId: meeting.id, answer: 'delegate', delegateUserId: delegates.vks })).status).toBe(200);

      const got = await details(meeting.id);
      expect(Object.fromEntries(got.invitees.map((i: { userId: string; answer: string; delegateName: string }) => [i.userId, [i.answer, i.delegateName]]))).toEqual({
        'user-toaan': ['attend', ''], 'user-congan': ['decline', ''], 'user-vks': ['delegate', 'Nguyễn Thị Hoa'], [delegates.vks]: ['pending', ''],
      });
      expect(got.invitees.filter((i: { userId: string }) => i.userId !== delegates.vks).every((i: { answeredAt: string | null }) => i.answeredAt !== null)).toBe(true);

      // admin@ is of the chair's agency (so sees the meeting) but was not invited by name.
      const notInvited = await call('admin', 'meetings.answer', { meetingId: meeting.id, answer: 'attend' });
      expect(notInvited.error?.data.code).toBe('FORBIDDEN');
      expect((await call('ubnd', 'meetings.answer', { meetingId: meeting.id, answer: 'attend' })).error?.data.code).toBe('FORBIDDEN');
    });
  });

  describe('attendance and conclusions', () => {
    const attendees = [
      { agencyId: 'agency-thads', person: 'Nguyễn Văn Hùng', position: 'Phó Trưởng Thi hành án dân sự tỉnh', present: true },
      { agencyId: 'agency-tand', person: 'Lê Thị Thu Hà', position: 'Thẩm phán', present: true },
      { agencyId: 'agency-ca', person: 'Hoàng Minh Đức', position: '', present: false },
    ];

    it('only the chair or the secretary records attendance and conclusions', async () => {
      const { meeting } = await create({ secretaryUserId: secretaryId });
      for (const who of ['toaan', 'admin']) {
        expect((await call(who, 'meetings.setAttendance', { meetingId: meeting.id, attendees })).error?.data.code).toBe('FORBIDDEN');
        expect((await call(who, 'meetings.addConclusion', { meetingId: meeting.id, text: 'Không được ghi.' })).error?.data.code).toBe('FORBIDDEN');
      }
      expect((await call('secretary', 'meetings.setAttendance', { meetingId: meeting.id, attendees })).status).toBe(200);
      expect((await call('secretary', 'meetings.addConclusion', { meetingId: meeting.id, text: 'Thư ký ghi kết luận của chủ trì.' })).status).toBe(200);
      expect((await call('thads', 'meetings.addConclusion', { meetingId: meeting.id, text: 'Chủ trì kết luận.' })).status).toBe(200);
      const got = await details(meeting.id);
      expect(got.attendance.map((a: { person: string; present: boolean }) => [a.person, a.present]).sort())
        .toEqual([['Hoàng Minh Đức', false], ['Lê Thị Thu Hà', true], ['Nguyễn Văn Hùng', true]]);
      expect(got.conclusions.map((c: { text: string }) => c.text)).toEqual(['Thư ký ghi kết luận của chủ trì.', 'Chủ trì kết luận.']);
    });

    it('attendance of an agency not at the meeting is BAD_REQUEST', async () => {
      const { meeting } = await create();
      const result = await call('thads', 'meetings.setAttendance', { meetingId: meeting.id, attendees: [{ agencyId: 'agency-ubnd', person: 'Khách', present: true }] });
      expect(result.error?.data.code).toBe('BAD_REQUEST');
    });

    it("a conclusion's assignments become action items of the named agencies, shown in their actionItems.mine", async () => {
      const { meeting } = await create();
      const meetingDay = localDate(meeting.startsAt);
      const agendaItemId = (await details(meeting.id)).agenda[0].id;
      const result = await call('thads', 'meetings.addConclusion', {
        meetingId: meeting.id, agendaItemId, text: 'Giao Tòa án giải thích bản án trước khi tổ chức cưỡng chế.',
        assignments: [
          { agencyId: 'agency-tand', title: 'Giải thích phần tuyên về tài sản thế chấp', dueDate: addDays(meetingDay, 15) },
          { agencyId: 'agency-ca', title: 'Lập phương án bảo vệ cưỡng chế', description: 'Bố trí lực lượng', dueDate: meetingDay },
        ],
      });
      expect(result.status).toBe(200);
      const mine = (await query('toaan', 'actionItems.mine')).data;
      expect(mine).toContainEqual(expect.objectContaining({
        title: 'Giải thích phần tuyên về tài sản thế chấp', dueDate: addDays(meetingDay, 15), status: 'open', agencyId: 'agency-tand', meetingId: meeting.id,
      }));
      expect((await query('congan', 'actionItems.mine')).data.map((i: { title: string }) => i.title)).toContain('Lập phương án bảo vệ cưỡng chế');
      expect((await query('vks', 'actionItems.mine')).data.map((i: { title: string }) => i.title)).not.toContain('Lập phương án bảo vệ cưỡng chế');
      const conclusion = (await details(meeting.id)).conclusions[0];
      expect(conclusion).toMatchObject({ id: result.data.id, agendaItemId });
      expect(conclusion.assignments.map((a: { agencyId: string }) => a.agencyId).sort()).toEqual(['agency-ca', 'agency-tand']);
    });

    it('an assignment to an agency not at the meeting, or due before the meeting day, is BAD_REQUEST and nothing is written', async () => {
      const { meeting } = await create({ invitedAgencyIds: ['agency-tand', 'agency-vks'], inviteeUserIds: ['user-toaan'] });
      const meetingDay = localDate(meeting.startsAt);
      const good = { agencyId: 'agency-tand', title: 'Việc hợp lệ', dueDate: addDays(meetingDay, 5) };
      const before = [await count('meeting_conclusions'), await count('action_items')];
      const stranger = await call('thads', 'meetings.addConclusion', {
        meetingId: meeting.id, text: 'Giao việc cho cơ quan không dự họp.', assignments: [good, { agencyId: 'agency-ca', title: 'Không dự họp', dueDate: addDays(meetingDay, 5) }],
      });
      expect(stranger.error?.data.code).toBe('BAD_REQUEST');
      expect(stranger.error?.message).toBe(message('vi', 'agencyNotAtMeeting'));
      const early = await call('thads', 'meetings.addConclusion', {
        meetingId: meeting.id, text: 'Hạn trước ngày họp.', assignments: [good, { agencyId: 'agency-vks', title: 'Quá sớm', dueDate: addDays(meetingDay, -1) }],
      });
      expect(early.error?.data.code).toBe('BAD_REQUEST');
      expect(early.error?.message).toBe(message('vi', 'dueBeforeMeeting'));
      const foreignAgenda = await call('thads', 'meetings.addConclusion', { meetingId: meeting.id, agendaItemId: 'demo-agenda-01', text: 'Mục của cuộc họp khác.' });
      expect(foreignAgenda.error?.data.code).toBe('BAD_REQUEST');
      expect([await count('meeting_conclusions'), await count('action_items')]).toEqual(before);
      expect((await details(meeting.id)).conclusions).toEqual([]);
    });
  });

  describe('a meeting entered after the fact', () => {
    it('a meeting already held is recorded with its minutes and approved; one marked held but still to come is refused', async () => {
      const yesterday = addDays(localDate(), -1);
      const held = await call('thads', 'meetings.create', newMeeting({ startsAt: at(yesterday, '08:00'), endsAt: at(yesterday, '10:00'), heldAlready: true }));
      expect(held.status).toBe(200);
      // Its times are those it was held at: the biên bản's actual start and end.
      expect(held.data.meeting).toMatchObject({ heldFrom: held.data.meeting.startsAt, heldUntil: held.data.meeting.endsAt });
      await call('thads', 'meetings.addConclusion', { meetingId: held.data.meeting.id, text: 'Kết luận của cuộc họp hôm qua.' });
      expect((await call('thads', 'meetings.approveMinutes', { id: held.data.meeting.id, confirmUnconfirmed: true })).status).toBe(200);
      const future = await call('thads', 'meetings.create', newMeeting({ heldAlready: true }));
      expect(future.error?.message).toBe(message('vi', 'heldMeetingInFuture'));
    });
  });

  describe('invitations by agency', () => {
    it('an agency ticked with nobody of it named invites its working members, who are notified and may answer', async () => {
      const day = nextDay();
      const created = await call('thads', 'meetings.create', newMeeting({
        startsAt: at(day, '14:00'), endsAt: at(day, '15:00'), invitedAgencyIds: ['agency-vks'], inviteeUserIds: [],
      }));
      expect(created.status).toBe(200);
      const got = await details(created.data.meeting.id);
      expect(got.invitees.map((i: { userId: string }) => i.userId)).toContain('user-vks');
      const bell = await query('vks', 'notifications.list');
      expect(bell.data.items.some((n: { kind: string; title: string }) => n.kind === 'invited' && n.title === created.data.meeting.title)).toBe(true);
      expect((await call('vks', 'meetings.answer', { meetingId: created.data.meeting.id, answer: 'attend' })).status).toBe(200);
    });
  });

  describe('approving the minutes', () => {
    it('only the chair approves', async () => {
      const { meeting } = await create({ secretaryUserId: secretaryId });
      for (const who of ['secretary', 'toaan']) expect((await call(who, 'meetings.approveMinutes', { id: meeting.id, confirmUnconfirmed: true })).error?.data.code).toBe('FORBIDDEN');
    });

    it('approval freezes the record: conclusions, attendance, changes and a second approval are CONFLICT', async () => {
      const input = newMeeting({ secretaryUserId: secretaryId });
      const { meeting } = (await call('thads', 'meetings.create', input)).data;
      await call('thads', 'meetings.addConclusion', { meetingId: meeting.id, text: 'Kết luận trước khi duyệt.' });
      const early = await call('thads', 'meetings.approveMinutes', { id: meeting.id, confirmUnconfirmed: true });
      expect(early.error?.data.code).toBe('CONFLICT');
      expect(early.error?.message).toMatch(/^Chưa thể duyệt biên bản: cuộc họp bắt đầu lúc .*\d{2}\/\d{2}\/\d{4}/);
      await meetingUnderWay(server.testDb.db, meeting.id);
      const approved = await call('thads', 'meetings.approveMinutes', { id: meeting.id, confirmUnconfirmed: true });
      expect(approved.status).toBe(200);
      expect(approved.data.status).toBe('approved');
      const got = await details(meeting.id);
      expect(got.approval).toMatchObject({ approvedBy: 'Nguyễn Văn Hùng', approvedAt: expect.any(String) });
      expect(got).toMatchObject({ canManage: false, canRecord: false, canApprove: false, canEditMinutes: false });

      const attempts = [
        await call('thads', 'meetings.addConclusion', { meetingId: meeting.id, text: 'Kết luận sau khi duyệt.' }),
        await call('secretary', 'meetings.addConclusion', { meetingId: meeting.id, text: 'Kết luận sau khi duyệt.' }),
        await call('thads', 'meetings.setAttendance', { meetingId: meeting.id, attendees: [] }),
        await call('thads', 'meetings.update', { id: meeting.id, meeting: { ...input, title: 'Đổi tên sau khi duyệt' } }),
        await call('thads', 'meetings.cancel', { id: meeting.id, reason: 'Hủy sau khi duyệt' }),
        await call('thads', 'meetings.approveMinutes', { id: meeting.id, confirmUnconfirmed: true }),
      ];
      expect(attempts.map((a) => a.error?.data.code)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT']);
      const after = await details(meeting.id);
      expect(after.conclusions.map((c: { text: string }) => c.text)).toEqual(['Kết luận trước khi duyệt.']);
      expect(after).toMatchObject({ title: input.title, status: 'approved' });
    });
  });
});

describe('the live minutes and their approval', () => {
  let server: CollabTestServer;
  const cookies: Record<string, string> = {};
  const clients: TestClient[] = [];
  beforeAll(async () => {
    server = await startCollabTestServer();
    for (const who of ['thads', 'toaan']) cookies[who] = await signIn(server.url, `${who}@demo.concord.vn`);
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server.close();
  });

  const open = async (who: string, name: string) => {
    const client = connectClient(server.collabUrl, name, cookies[who]);
    clients.push(client);
    await synced(client);
    return client;
  };
  const fragmentText = (doc: Y.Doc) => doc.getXmlFragment('prosemirror').toString();
  /** Once `from`'s awareness reaches `to`, the server has handled every update `from` sent before it. */
  const fence = async (from: TestClient, to: TestClient) => {
    const token = Math.random();
    from.provider.awareness.setLocalStateField('fence', token);
    await waitFor(() => to.provider.awareness.getStates().get(from.doc.clientID)?.fence === token, 'the fence');
  };

  it("a stock y-websocket client's text is in the approved minutes; afterwards it is closed with 4001, comes back read-only, and its edits are not stored", async () => {
    const day = nextDay();
    const created = await trpc(server.url, cookies.thads, 'meetings.create', newMeeting({ startsAt: at(day, '08:00'), endsAt: at(day, '10:00') }), 'mutation');
    expect(created.error).toBeUndefined();
    const meetingId = created.data.meeting.id as string;
    const name = `minutes:${meetingId}`;

    const writer = await open('toaan', name);
    const reader = await open('thads', name);
    const fragment = writer.doc.getXmlFragment('prosemirror');
    await waitFor(() => fragment.length > 0, 'the minutes template');
    const paragraph = fragment.toArray().find((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'paragraph');
    expect(paragraph).toBeDefined();
    paragraph!.insert(0, [new Y.XmlText('Đại diện Tòa án nhân dân tỉnh cho biết sẽ giải thích bản án trong 15 ngày.')]);
    await waitFor(() => fragmentText(reader.doc).includes('giải thích bản án trong 15 ngày'), 'the text to reach the chair');

    const conclusion = await trpc(server.url, cookies.thads, 'meetings.addConclusion', {
      meetingId, text: 'Thống nhất tổ chức cưỡng chế sau khi có văn bản giải thích.',
      assignments: [{ agencyId: 'agency-tand', title: 'Ban hành văn bản giải thích bản án', dueDate: addDays(day, 15) }],
    }, 'mutation');
    expect(conclusion.status).toBe(200);

    await meetingUnderWay(server.testDb.db, meetingId);
    const approved = await trpc(server.url, cookies.thads, 'meetings.approveMinutes', { id: meetingId, confirmUnconfirmed: true }, 'mutation');
    expect(approved.status).toBe(200);
    const minutes = JSON.parse((await trpc(server.url, cookies.thads, 'meetings.get', { id: meetingId })).data.approval.minutes);
    expect(minutes).toContainEqual({ kind: 'paragraph', text: 'Đại diện Tòa án nhân dân tỉnh cho biết sẽ giải thích bản án trong 15 ngày.' });

    const docx = await fetch(`${server.url}/export/meetings/${meetingId}/minutes.docx`, { headers: { cookie: cookies.toaan } });
    expect(docx.status).toBe(200);
    const xml = docxDocumentXml(Buffer.from(await docx.arrayBuffer()));
    expect(xml).toContain('Đại diện Tòa án nhân dân tỉnh cho biết sẽ giải thích bản án trong 15 ngày.');
    expect(xml).toContain('Thống nhất tổ chức cưỡng chế sau khi có văn bản giải thích.');

    // The editors learn at once that the minutes became read-only, and are served again.
    await waitFor(() => writer.closeCodes.includes(CLOSE.accessChanged) && reader.closeCodes.includes(CLOSE.accessChanged), 'the 4001 closes');
    await waitFor(() => writer.provider.synced && reader.provider.synced && writer.provider.wsconnected, 'the reconnection');
    const stillThere = fragment.toArray().find((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'paragraph')!;
    stillThere.insert(0, [new Y.XmlText('SỬA SAU KHI DUYỆT. ')]);
    await fence(writer, reader);
    await server.collab.flushAll();

    expect(fragmentText(reader.doc)).not.toContain('SỬA SAU KHI DUYỆT');
    const stored = await loadStoredDoc(server.testDb.db, name);
    expect(fragmentText(stored)).toContain('giải thích bản án trong 15 ngày');
    expect(fragmentText(stored)).not.toContain('SỬA SAU KHI DUYỆT');
    const again = await fetch(`${server.url}/export/meetings/${meetingId}/minutes.docx`, { headers: { cookie: cookies.thads } });
    expect(docxDocumentXml(Buffer.from(await again.arrayBuffer()))).not.toContain('SỬA SAU KHI DUYỆT');
  });
});

