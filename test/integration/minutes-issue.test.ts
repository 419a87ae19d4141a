/**
 * Minutes as agencies issue them: co-confirmation by the invited agencies, the biên bản's number
 * and actual times, corrections as numbered versions, delegates who are real users, and an agency
 * invited as such answered by any of its members.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, one } from '../../server/db/client.ts';
import { addDays, localDate } from '../../shared/format.ts';
import { message } from '../../shared/messages.ts';
import { buildUser } from '../factories.ts';
import { docxDocumentXml, signIn, startTestServer, trpc, type TestServer } from '../helpers.ts';

const at = (day: string, time: string) => `${day}T${time}:00+07:00`;
let dayBack = 0;
/** A meeting held on an earlier day each time, entered after the fact (so its minutes can be confirmed and approved). */
const heldMeeting = (overrides: Record<string, unknown> = {}) => {
  const day = addDays(localDate(), -(dayBack += 1));
  return {
    kind: 'joint', title: `Họp liên ngành ngày ${day}`, startsAt: at(day, '08:00'), endsAt: at(day, '10:00'), place: 'Phòng họp tầng 3',
    invitedAgencyIds: ['agency-thads', 'agency-tand', 'agency-vks'], inviteeUserIds: ['user-toaan', 'user-vks'], heldAlready: true,
    ...overrides,
  };
};
/** The text of a DOCX's paragraphs, runs joined. */
const docxText = (xml: string) => xml.split('</w:p>').map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')).join('\n');

describe('minutes as agencies issue them', () => {
  let server: TestServer;
  const cookies: Record<string, string> = {};
  const users: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer();
    for (const who of ['admin', 'thads', 'toaan', 'vks', 'congan']) cookies[who] = await signIn(server.url, `${who}@demo.concord.vn`);
    const extra = {
      secretary: { agencyId: 'agency-thads', roles: ['legal_staff'] as const, name: 'Đỗ Thị Hạnh' },
      vksDeputy: { agencyId: 'agency-vks', roles: ['viewer'] as const, name: 'Nguyễn Thị Hoa' },
      tandClerk: { agencyId: 'agency-tand', roles: ['viewer'] as const, name: 'Vũ Minh Thư' },
      ubndViewer: { agencyId: 'agency-ubnd', roles: ['viewer'] as const, name: 'Lý Văn Bình' },
    };
    for (const [key, overrides] of Object.entries(extra)) {
      const user = await buildUser(server.testDb.db, { ...overrides, roles: [...overrides.roles] });
      users[key] = user.id;
      cookies[key] = await signIn(server.url, user.email, user.password);
    }
  });
  afterAll(() => server.close());

  const call = (who: string, path: string, input?: unknown) => trpc(server.url, cookies[who], path, input, 'mutation');
  const get = async (who: string, id: string) => (await trpc(server.url, cookies[who], 'meetings.get', { id })).data;
  const create = async (overrides: Record<string, unknown> = {}) => {
    const result = await call('thads', 'meetings.create', heldMeeting(overrides));
    expect(result.error).toBeUndefined();
    return result.data.meeting.id as string;
  };
  const exportDocx = async (id: string, query = '') => {
    const response = await fetch(`${server.url}/export/meetings/${id}/minutes.docx${query}`, { headers: { cookie: cookies.thads } });
    return { status: response.status, text: response.status === 200 ? docxText(docxDocumentXml(Buffer.from(await response.arrayBuffer()))) : '' };
  };

  describe('co-confirmation of the draft', () => {
    it("each invited agency's invitee confirms or remarks; others cannot; the chair sees it per agency; approval names who has not confirmed", async () => {
      const id = await create();
      expect((await get('thads', id)).confirmations.map((c: { agencyShortName: string; state: string }) => [c.agencyShortName, c.state]))
        .toEqual([['TAND Phú Thọ', 'pending'], ['VKSND Phú Thọ', 'pending']]);

      // A remark needs its text; the procuracy remarks, the court confirms.
      expect((await call('vks', 'meetings.confirmMinutes', { meetingId: id, state: 'remark' })).error?.data.code).toBe('BAD_REQUEST');
      expect((await call('vks', 'meetings.confirmMinutes', { meetingId: id, state: 'remark', remark: 'Đề nghị ghi rõ thời hạn kê biên.' })).status).toBe(200);
      expect((await call('toaan', 'meetings.confirmMinutes', { meetingId: id, state: 'confirmed' })).status).toBe(200);

      // Not on the list, of the chair's agency, of an agency not invited: refused with the reason.
      const clerk = await call('tandClerk', 'meetings.confirmMinutes', { meetingId: id, state: 'confirmed' });
      expect(clerk.error?.data.code).toBe('FORBIDDEN');
      expect(clerk.error?.message).toBe(message('vi', 'notRepresentative'));
      expect((await call('admin', 'meetings.confirmMinutes', { meetingId: id, state: 'confirmed' })).error?.data.code).toBe('FORBIDDEN');
      expect((await call('congan', 'meetings.confirmMinutes', { meetingId: id, state: 'confirmed' })).error?.data.code).toBe('FORBIDDEN');

      const seen = await get('thads', id);
      expect(seen.confirmations.map((c: { agencyShortName: string; state: string; remark: string; byName: string }) => [c.agencyShortName, c.state, c.remark, c.byName])).toEqual([
        ['TAND Phú Thọ', 'confirmed', '', 'Lê Thị Thu Hà'],
        ['VKSND Phú Thọ', 'remark', 'Đề nghị ghi rõ thời hạn kê biên.', 'Phạm Quốc Toàn'],
      ]);
      expect((await get('vks', id)).canConfirm).toBe(true);
      expect((await get('tandClerk', id)).canConfirm).toBe(false);
      const audited = await all<{ action: string }>(server.testDb.db, "SELECT action FROM audit_log WHERE entity = 'meeting' AND entity_id = ? ORDER BY rowid", [id]);
      expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['remark_minutes', 'confirm_minutes']));

      // The remark is not a confirmation: approval asks, naming the procuracy.
      const refused = await call('thads', 'meetings.approveMinutes', { id, confirmUnconfirmed: false });
      expect(refused.error?.data.code).toBe('CONFLICT');
      expect(refused.error?.message).toBe(message('vi', 'minutesUnconfirmed', { agencies: 'VKSND Phú Thọ' }));
      expect((await get('thads', id)).status).toBe('scheduled');
      expect((await call('thads', 'meetings.approveMinutes', { id, confirmUnconfirmed: true })).status).toBe(200);

      // After approval nobody confirms.
      expect((await call('vks', 'meetings.confirmMinutes', { meetingId: id, state: 'confirmed' })).error?.data.code).toBe('CONFLICT');
      expect((await get('vks', id)).canConfirm).toBe(false);
    });

    it('with every agency confirmed, the chair approves without being asked', async () => {
      const id = await create();
      for (const who of ['toaan', 'vks']) expect((await call(who, 'meetings.confirmMinutes', { meetingId: id, state: 'confirmed' })).status).toBe(200);
      expect((await call('thads', 'meetings.approveMinutes', { id, confirmUnconfirmed: false })).status).toBe(200);
    });

    it('a caller of the fixed interface that does not say (no confirmUnconfirmed) approves as before; the audit names who had not confirmed', async () => {
      const id = await create();
      expect((await call('toaan', 'meetings.confirmMinutes', { meetingId: id, state: 'confirmed' })).status).toBe(200);
      expect((await call('thads', 'meetings.approveMinutes', { id })).status).toBe(200);
      const audit = await one<{ summary: string }>(server.testDb.db, "SELECT summary FROM audit_log WHERE entity_id = ? AND action = 'approve_minutes'", [id]);
      expect(JSON.parse(audit!.summary).unconfirmed).toEqual(['agency-vks']);
    });

    it('a meeting still to come has no draft to confirm', async () => {
      const day = addDays(localDate(), 40);
      const id = await create({ startsAt: at(day, '08:00'), endsAt: at(day, '10:00'), heldAlready: false });
      const early = await call('toaan', 'meetings.confirmMinutes', { meetingId: id, state: 'confirmed' });
      expect(early.error?.data.code).toBe('CONFLICT');
      expect(early.error?.message).toBe(message('vi', 'minutesNotStarted'));
    });
  });

  describe('the biên bản as issued', () => {
    it('two approvals at once in different meetings get different numbers of the same agency and year', async () => {
      const first = await create();
      const second = await create();
      const [a, b] = await Promise.all([first, second].map((id) => call('thads', 'meetings.approveMinutes', { id, confirmUnconfirmed: true })));
      expect([a.status, b.status]).toEqual([200, 200]);
      const numbers = [a.data.minutesNumber, b.data.minutesNumber] as string[];
      expect(numbers.every((n) => /^\d+\/BB-THADS$/.test(n))).toBe(true);
      const values = numbers.map((n) => Number(n.split('/')[0])).sort((x, y) => x - y);
      expect(values[1]).toBe(values[0] + 1);
      const stored = await all<{ n: number }>(server.testDb.db, "SELECT minutes_number AS n FROM meetings WHERE chair_agency_id = 'agency-thads' AND minutes_number IS NOT NULL");
      expect(new Set(stored.map((r) => r.n)).size).toBe(stored.length);
    });

    it('carries its number, the actual times the chair recorded, the secretary and chair signature blocks, and the approval date', async () => {
      const id = await create({ secretaryUserId: users.secretary });
      const day = localDate((await get('thads', id)).startsAt);
      // Only the chair records the times; a start in the future is refused.
      expect((await call('secretary', 'meetings.setHeldTimes', { meetingId: id, heldFrom: at(day, '08:15'), heldUntil: at(day, '10:40') })).error?.data.code).toBe('FORBIDDEN');
      const future = await call('thads', 'meetings.setHeldTimes', { meetingId: id, heldFrom: at(addDays(localDate(), 2), '08:00'), heldUntil: at(addDays(localDate(), 2), '09:00') });
      expect(future.error?.message).toBe(message('vi', 'heldTimesInvalid'));
      expect((await call('thads', 'meetings.setHeldTimes', { meetingId: id, heldFrom: at(day, '08:15'), heldUntil: at(day, '10:40') })).status).toBe(200);
      const approved = await call('thads', 'meetings.approveMinutes', { id, confirmUnconfirmed: true });
      expect(approved.status).toBe(200);

      const { status, text } = await exportDocx(id);
      expect(status).toBe(200);
      expect(text).toContain(`Số: ${approved.data.minutesNumber}`);
      expect(text).toContain('Bắt đầu lúc 08 giờ 15 phút');
      expect(text).toContain('Kết thúc lúc 10 giờ 40 phút cùng ngày');
      expect(text).toContain('THƯ KÝ');
      expect(text).toContain('CHỦ TRÌ');
      expect(text).toContain('Đỗ Thị Hạnh');
      expect(text).toContain('Nguyễn Văn Hùng');
      const [y, m, d] = localDate().split('-');
      expect(text).toContain(`thông qua ngày ${d}/${m}/${y}`);
      // The number is kept: approving again is refused, and the number does not change.
      expect((await call('thads', 'meetings.approveMinutes', { id, confirmUnconfirmed: true })).error?.data.code).toBe('CONFLICT');
      expect((await get('thads', id)).minutesNumber).toBe(approved.data.minutesNumber);
    });
  });

  describe('conclusions and corrections', () => {
    it('before approval the chair edits a conclusion (audited before/after); after approval only a correction changes it, as version 2, version 1 kept', async () => {
      const id = await create();
      const added = await call('thads', 'meetings.addConclusion', { meetingId: id, text: 'Giao Tòa án giải thích bản án trước ngày 15.' });
      const conclusionId = added.data.id as string;
      expect((await call('toaan', 'meetings.editConclusion', { meetingId: id, conclusionId, text: 'Sửa trái phép' })).error?.data.code).toBe('FORBIDDEN');
      expect((await call('thads', 'meetings.editConclusion', { meetingId: id, conclusionId, text: 'Giao Tòa án giải thích bản án trước ngày 20.' })).status).toBe(200);
      const edit = await one<{ summary: string }>(server.testDb.db, "SELECT summary FROM audit_log WHERE entity_id = ? AND action = 'edit_conclusion'", [id]);
      expect(JSON.parse(edit!.summary)).toMatchObject({ before: 'Giao Tòa án giải thích bản án trước ngày 15.', after: 'Giao Tòa án giải thích bản án trước ngày 20.' });

      expect((await call('thads', 'meetings.approveMinutes', { id, confirmUnconfirmed: true })).status).toBe(200);
      expect((await call('thads', 'meetings.editConclusion', { meetingId: id, conclusionId, text: 'Sau khi duyệt' })).error?.data.code).toBe('CONFLICT');

      const correction = {
        meetingId: id, expectedVersion: 1,
        minutes: [{ kind: 'heading', text: 'Nội dung thảo luận' }, { kind: 'paragraph', text: 'Các cơ quan thống nhất thời hạn 20 ngày.' }],
        conclusions: [{ id: conclusionId, text: 'Giao Tòa án giải thích bản án trước ngày 25.' }],
      };
      expect((await call('thads', 'meetings.correctMinutes', { ...correction, reason: '  ' })).error?.data.code).toBe('BAD_REQUEST');
      expect((await call('toaan', 'meetings.correctMinutes', { ...correction, reason: 'Ghi sai ngày' })).error?.data.code).toBe('FORBIDDEN');
      const corrected = await call('thads', 'meetings.correctMinutes', { ...correction, reason: 'Ghi sai ngày trong kết luận' });
      expect(corrected.data).toEqual({ version: 2 });
      expect((await call('thads', 'meetings.correctMinutes', { ...correction, reason: 'Lần nữa' })).error?.message)
        .toBe(message('vi', 'minutesVersionChanged', { version: 2 }));

      const seen = await get('thads', id);
      expect(seen.versions.map((v: { version: number; reason: string }) => [v.version, v.reason])).toEqual([[1, ''], [2, 'Ghi sai ngày trong kết luận']]);
      expect(seen.conclusions[0].text).toBe('Giao Tòa án giải thích bản án trước ngày 25.');
      const audit = await one<{ summary: string }>(server.testDb.db, "SELECT summary FROM audit_log WHERE entity_id = ? AND action = 'correct_minutes'", [id]);
      expect(JSON.parse(audit!.summary)).toMatchObject({
        version: 2, reason: 'Ghi sai ngày trong kết luận',
        conclusions: [{ conclusionId, before: 'Giao Tòa án giải thích bản án trước ngày 20.', after: 'Giao Tòa án giải thích bản án trước ngày 25.' }],
      });

      // The export defaults to the latest version; ?version=1 is the first, as approved.
      const latest = await exportDocx(id);
      expect(latest.text).toContain('trước ngày 25.');
      expect(latest.text).toContain('Lý do: Ghi sai ngày trong kết luận');
      const first = await exportDocx(id, '?version=1');
      expect(first.text).toContain('trước ngày 20.');
      expect(first.text).not.toContain('trước ngày 25.');
      expect(first.text).not.toContain('Đính chính');
      expect((await exportDocx(id, '?version=9')).status).toBe(404);
      expect((await exportDocx(id, '?version=abc')).status).toBe(404);
      const pdf = await fetch(`${server.url}/export/meetings/${id}/minutes.pdf?version=1`, { headers: { cookie: cookies.thads } });
      expect(pdf.status).toBe(200);
    });
  });

  describe('invitations by agency and delegates', () => {
    it('a delegate is a user of the same agency picked from the directory, who is then invited, answers and confirms', async () => {
      const id = await create();
      expect((await call('vks', 'meetings.answer', { meetingId: id, answer: 'delegate' })).error?.data.code).toBe('BAD_REQUEST');
      const foreign = await call('vks', 'meetings.answer', { meetingId: id, answer: 'delegate', delegateUserId: 'user-congan' });
      expect(foreign.error?.message).toBe(message('vi', 'delegateNotInAgency'));
      expect((await call('vks', 'meetings.answer', { meetingId: id, answer: 'delegate', delegateUserId: users.vksDeputy })).status).toBe(200);

      const seenByDelegate = await get('vksDeputy', id);
      expect(seenByDelegate.myInvitation).toMatchObject({ answer: 'pending', delegatedByName: 'Phạm Quốc Toàn' });
      expect(seenByDelegate.canConfirm).toBe(true);
      const notice = await one<{ kind: string; meeting_id: string }>(server.testDb.db, 'SELECT kind, meeting_id FROM notifications WHERE user_id = ? ORDER BY created_at DESC', [users.vksDeputy]);
      expect(notice).toMatchObject({ kind: 'delegated', meeting_id: id });
      expect((await call('vksDeputy', 'meetings.answer', { meetingId: id, answer: 'attend' })).status).toBe(200);
      expect((await call('vksDeputy', 'meetings.confirmMinutes', { meetingId: id, state: 'confirmed' })).status).toBe(200);
      const ics = await fetch(`${server.url}/export/meetings/${id}.ics`, { headers: { cookie: cookies.vksDeputy } });
      expect(ics.status).toBe(200);
      const [vks] = (await get('thads', id)).confirmations.filter((c: { agencyId: string }) => c.agencyId === 'agency-vks');
      expect(vks).toMatchObject({ state: 'confirmed', byName: 'Nguyễn Thị Hoa' });

      // Sending someone else instead: the first delegate is no longer invited.
      expect((await call('vks', 'meetings.answer', { meetingId: id, answer: 'attend' })).status).toBe(200);
      expect((await get('thads', id)).invitees.map((i: { userId: string }) => i.userId)).not.toContain(users.vksDeputy);
    });

    it('an agency invited with none of its people named is answered by any of its members', async () => {
      const id = await create({ invitedAgencyIds: ['agency-thads', 'agency-ubnd'], inviteeUserIds: [] });
      const before = await get('ubndViewer', id);
      expect(before.myInvitation).toMatchObject({ answer: 'pending' });
      expect(before.answersForAgency).toBe(true);
      expect((await call('ubndViewer', 'meetings.answer', { meetingId: id, answer: 'attend' })).status).toBe(200);
      const after = await get('thads', id);
      expect(after.invitees.map((i: { userId: string; answer: string }) => [i.userId, i.answer])).toContainEqual([users.ubndViewer, 'attend']);
      // A person of an agency that is not invited still cannot answer.
      expect((await call('congan', 'meetings.answer', { meetingId: id, answer: 'attend' })).error?.data.code).toBe('FORBIDDEN');
    });
  });
});
