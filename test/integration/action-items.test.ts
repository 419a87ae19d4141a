/**
 * Action items through the real server: what each agency sees, the life of an item moved by the
 * side that may move it, progress reports, recurring duties, duties anchored in the live text of
 * the agreement, notifications and the audit trail. Live text is edited with a stock y-websocket client.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { all } from '../../server/db/client.ts';
import { addReport, changeStatus, getActionItem, type ActionItemSummary } from '../../server/domain/action-item/index.ts';
import type { Actor } from '../../server/policy/index.ts';
import { loadStoredDoc } from '../../server/collab/storage.ts';
import { DEMO_AGENCY_IDS, DEMO_IDS } from '../../server/demo/seed.ts';
import { docName } from '../../shared/collab.ts';
import { anchorOfUnit } from '../../shared/legal/anchors.ts';
import { LEGAL_FRAGMENT, legalDocOf, findUnitElement } from '../../shared/legal/ydoc.ts';
import { addDays, formatDate, localDate } from '../../shared/format.ts';
import { firstOccurrence, nextOccurrence, type Recurrence } from '../../shared/recurrence.ts';
import { buildUser } from '../factories.ts';
import { signIn, startCollabTestServer, trpc, type CollabTestServer } from '../helpers.ts';
import { connectClient, synced, type TestClient } from '../collab/client.ts';

const AGREEMENT_ID = DEMO_IDS.agreement;
const AGREEMENT_DOC = docName('agreement', AGREEMENT_ID);
const USER = { thads: 'user-thads', toaan: 'user-toaan', vks: 'user-vks', congan: 'user-congan' } as const;
const NAME = { thads: 'Nguyễn Văn Hùng', toaan: 'Lê Thị Thu Hà' } as const;

interface Item {
  id: string; title: string; dueDate: string; status: string; sourceKind: string; agencyId: string; assignedByAgencyId: string;
  agreementId: string | null; meetingId: string | null; assigneeUserId: string | null; recurrence: Recurrence | null;
  anchorStart: string | null; anchorEnd: string | null; anchorQuote: string; anchorUnitId: string | null; anchorRemoved: boolean;
}
interface ItemDetail extends Item {
  events: { id: number; at: string; userName: string | null; fromStatus: string | null; toStatus: string; dueDate: string; note: string }[];
  reports: { id: string; body: string; link: string; reportedOn: string; authorName: string; agencyShortName: string }[];
  canWork: boolean; canReview: boolean;
}
interface Notification { id: string; kind: string; itemId: string | null; title: string; body: string; read: boolean }


async function eventually(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const addReportAs = (tx: Parameters<typeof addReport>[0], actor: Actor, item: ActionItemSummary) =>
  addReport(tx, actor, item, { body: 'Đã xong.', link: '' });

// ---------------------------------------------------------------------------------------------
// A real server with the collaboration upgrade, demo users signed in on demand

let server: CollabTestServer;
const clients: TestClient[] = [];
const cookies = new Map<string, string>();

async function startServer() {
  server = await startCollabTestServer();
  cookies.clear();
}
async function stopServer() {
  for (const client of clients.splice(0)) client.destroy();
  await server.close();
}

const email = (who: string) => (who.includes('@') ? who : `${who}@demo.concord.vn`);
async function cookieOf(who: string, password?: string): Promise<string> {
  let cookie = cookies.get(who);
  if (!cookie) cookies.set(who, (cookie = await signIn(server.url, email(who), password)));
  return cookie;
}
const query = async (who: string, path: string, input?: unknown) => trpc(server.url, await cookieOf(who), path, input);
const mutate = async (who: string, path: string, input?: unknown) => trpc(server.url, await cookieOf(who), path, input, 'mutation');

const mine = async (who: string, filter?: unknown) => (await query(who, 'actionItems.mine', filter)).data as Item[];
const detail = async (who: string, id: string) => (await query(who, 'actionItems.get', { id })).data as ItemDetail;
const setStatus = (who: string, id: string, to: string, note = '') => mutate(who, 'actionItems.setStatus', { id, to, note });
const notifications = async (who: string) => (await query(who, 'notifications.list')).data as { unread: number; items: Notification[] };
const noticesOf = async (who: string, itemId: string) => (await notifications(who)).items.filter((n) => n.itemId === itemId);

const auditOf = (entityId: string) => all<{ action: string; user_id: string; entity: string }>(server.testDb.db,
  'SELECT entity, action, user_id FROM audit_log WHERE entity_id = ? ORDER BY id', [entityId]);
const auditCount = async () => Number((await all<{ n: number }>(server.testDb.db, 'SELECT count(*) AS n FROM audit_log'))[0].n);
/** Signs the people in first: a sign-in is audited too. */
const signInAll = async (...who: string[]) => { for (const person of who) await cookieOf(person); };

/** The demo agreement's clause 2 of article 8, as a duty's anchor: how THADS (its lead) gives work to another party. */
async function demoDuty() {
  const doc = await loadStoredDoc(server.testDb.db, AGREEMENT_DOC);
  const anchor = anchorOfUnit(doc, LEGAL_FRAGMENT, 'demo-a08-k2')!;
  doc.destroy();
  return { agreementId: AGREEMENT_ID, anchorStart: anchor.start, anchorEnd: anchor.end, quote: anchor.quote, unitId: 'demo-a08-k2' };
}

/** Creates an item as input says: the caller's own work (manual); for another agency, as a duty of the demo agreement. */
async function createItem(input: Record<string, unknown>, who = 'thads') {
  const own = input.agencyId === DEMO_AGENCY_IDS[who as keyof typeof DEMO_AGENCY_IDS];
  const duty = own || 'agreement' in input ? {} : { agreement: await demoDuty() };
  return mutate(who, 'actionItems.create', { title: 'Báo cáo kết quả phối hợp', dueDate: addDays(localDate(), 7), ...duty, ...input });
}

/** An item assigned by thads@ (THADS), due in a week unless told otherwise. */
async function assign(input: Record<string, unknown>, who = 'thads'): Promise<Item> {
  const result = await createItem(input, who);
  if (result.status !== 200) throw new Error(`create answered ${result.status}: ${result.error?.message}`);
  return result.data as Item;
}

// ---------------------------------------------------------------------------------------------

describe('actionItems.mine and assignedByUs', () => {
  beforeAll(() => startServer());
  afterAll(() => stopServer());

  it.each([
    ['thads', DEMO_AGENCY_IDS.thads, 'demo-item-thads'],
    ['toaan', DEMO_AGENCY_IDS.tand, 'demo-item-tand'],
    ['vks', DEMO_AGENCY_IDS.vks, 'demo-item-vks'],
    ['congan', DEMO_AGENCY_IDS.ca, 'demo-item-ca'],
    ['admin', DEMO_AGENCY_IDS.thads, 'demo-item-thads'],
  ])('%s@ without input gets exactly the items of its own agency, each with id, title, dueDate and status', async (who, agencyId, demoItem) => {
    const result = await query(who, 'actionItems.mine');
    expect(result.status).toBe(200);
    const items = result.data as Item[];
    expect(items.map((i) => i.id)).toEqual([demoItem]);
    expect(items[0]).toMatchObject({ id: demoItem, title: expect.any(String), status: 'open', agencyId });
    expect(items[0].title.length).toBeGreaterThan(0);
    expect(items[0].dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(items[0].dueDate >= localDate()).toBe(true);
  });

  it('counts the agency work still to do without reading the list, and the count falls once the work is reported', async () => {
    expect((await query('toaan', 'actionItems.activeCount')).data).toBe(1);
    expect((await mutate('toaan', 'actionItems.setStatus', { id: 'demo-item-tand', to: 'reported_done' })).status).toBe(200);
    expect((await query('toaan', 'actionItems.activeCount')).data).toBe(0);
    const silent = await mutate('thads', 'actionItems.setStatus', { id: 'demo-item-tand', to: 'reopened' });
    expect(silent.status).toBe(400);
    expect(silent.error?.message).toBe('Cần ghi lý do (vào ô ghi chú) khi yêu cầu làm lại.');
    expect((await mutate('thads', 'actionItems.setStatus', { id: 'demo-item-tand', to: 'reopened', note: 'Thiếu số liệu quý IV' })).status).toBe(200);
    expect((await query('toaan', 'actionItems.activeCount')).data).toBe(1);
  });

  it('lists the agreement duties with their source and the clause of the text that sets them', async () => {
    const [item] = await mine('toaan');
    expect(item).toMatchObject({
      sourceKind: 'agreement', agreementId: AGREEMENT_ID, meetingId: null, assignedByAgencyId: DEMO_AGENCY_IDS.thads,
      anchorUnitId: 'demo-a08-k1', anchorRemoved: false,
    });
    expect(item.anchorQuote).toMatch(/^Cơ quan thi hành án dân sự có văn bản yêu cầu Tòa án/);
  });

  it('filters by status, source, agreement and meeting', async () => {
    expect((await mine('thads', { source: 'meeting' })).map((i) => i.id)).toEqual(['demo-item-thads']);
    expect(await mine('thads', { source: 'agreement' })).toEqual([]);
    expect((await mine('thads', { meetingId: DEMO_IDS.meeting })).map((i) => i.id)).toEqual(['demo-item-thads']);
    expect((await mine('toaan', { agreementId: AGREEMENT_ID })).map((i) => i.id)).toEqual(['demo-item-tand']);
    expect(await mine('toaan', { meetingId: DEMO_IDS.meeting })).toEqual([]);
    expect((await mine('vks', { status: 'open' })).map((i) => i.id)).toEqual(['demo-item-vks']);
    expect(await mine('vks', { status: 'accepted' })).toEqual([]);
    expect(await mine('congan', { assigneeUserId: USER.congan })).toEqual([]);
  });

  it('refuses an unknown filter value with BAD_REQUEST', async () => {
    const result = await query('thads', 'actionItems.mine', { status: 'done' });
    expect(result.error?.data.code).toBe('BAD_REQUEST');
  });

  it('assignedByUs gives THADS every item it assigned, soonest due first, and the court none', async () => {
    const byThads = (await query('thads', 'actionItems.assignedByUs')).data as Item[];
    expect(byThads.map((i) => i.id)).toEqual(['demo-item-thads', 'demo-item-tand', 'demo-item-vks', 'demo-item-ca']);
    expect(byThads.every((i) => i.assignedByAgencyId === DEMO_AGENCY_IDS.thads)).toBe(true);
    expect((await query('thads', 'actionItems.assignedByUs', { source: 'agreement' })).data.map((i: Item) => i.id))
      .toEqual(['demo-item-tand', 'demo-item-vks', 'demo-item-ca']);
    expect((await query('toaan', 'actionItems.assignedByUs')).data).toEqual([]);
  });

  it('get shows an item to its assignee and its assigner only: another agency is FORBIDDEN, an unknown id NOT_FOUND', async () => {
    expect((await detail('toaan', 'demo-item-tand'))).toMatchObject({ id: 'demo-item-tand', canWork: true, canReview: false });
    expect((await detail('thads', 'demo-item-tand'))).toMatchObject({ id: 'demo-item-tand', canWork: false, canReview: true });
    expect((await query('vks', 'actionItems.get', { id: 'demo-item-tand' })).error?.data.code).toBe('FORBIDDEN');
    expect((await query('toaan', 'actionItems.get', { id: 'no-such-item' })).error?.data.code).toBe('NOT_FOUND');
  });

  it('answers 401 without a session', async () => {
    for (const path of ['actionItems.mine', 'actionItems.assignedByUs', 'notifications.list']) {
      expect((await trpc(server.url, null, path)).status).toBe(401);
    }
  });
});

describe('status transitions, by the side that may take them', () => {
  beforeEach(() => startServer());
  afterEach(() => stopServer());

  it('the court works its item (open → in_progress → reported_done) and THADS accepts it; history records each step in order with who and when', async () => {
    const before = new Date().toISOString();
    expect((await setStatus('toaan', 'demo-item-tand', 'in_progress', 'Đã nhận văn bản')).data).toMatchObject({ status: 'in_progress' });
    expect((await setStatus('toaan', 'demo-item-tand', 'reported_done', 'Đã ban hành văn bản giải thích')).data).toMatchObject({ status: 'reported_done' });
    const accepted = await setStatus('thads', 'demo-item-tand', 'accepted', 'Đạt yêu cầu');
    expect(accepted.status).toBe(200);
    expect(accepted.data).toMatchObject({ id: 'demo-item-tand', status: 'accepted' });
    const after = new Date().toISOString();

    const { events } = await detail('toaan', 'demo-item-tand');
    expect(events.map(({ userName, fromStatus, toStatus, note }) => ({ userName, fromStatus, toStatus, note }))).toEqual([
      { userName: NAME.thads, fromStatus: null, toStatus: 'open', note: '' },
      { userName: NAME.toaan, fromStatus: 'open', toStatus: 'in_progress', note: 'Đã nhận văn bản' },
      { userName: NAME.toaan, fromStatus: 'in_progress', toStatus: 'reported_done', note: 'Đã ban hành văn bản giải thích' },
      { userName: NAME.thads, fromStatus: 'reported_done', toStatus: 'accepted', note: 'Đạt yêu cầu' },
    ]);
    const times = events.slice(1).map((e) => e.at);
    expect(times).toEqual([...times].sort());
    for (const at of times) expect(at >= before && at <= after).toBe(true);
  });

  it('THADS reopens what was reported done, and the court takes it up again', async () => {
    await setStatus('toaan', 'demo-item-tand', 'reported_done');
    expect((await setStatus('thads', 'demo-item-tand', 'reopened', 'Thiếu nội dung điểm b')).data).toMatchObject({ status: 'reopened' });
    expect((await setStatus('toaan', 'demo-item-tand', 'in_progress')).data).toMatchObject({ status: 'in_progress' });
    expect((await detail('thads', 'demo-item-tand')).events.map((e) => e.toStatus)).toEqual(['open', 'reported_done', 'reopened', 'in_progress']);
  });

  it('THADS cancels an open item; nothing moves it afterwards', async () => {
    expect((await setStatus('thads', 'demo-item-vks', 'cancelled', 'Không còn cần thiết')).data).toMatchObject({ status: 'cancelled' });
    const again = await setStatus('vks', 'demo-item-vks', 'in_progress');
    expect(again.error?.data.code).toBe('CONFLICT');
    expect((await mine('vks'))[0].status).toBe('cancelled');
  });

  it('the wrong side is FORBIDDEN: the assigner cannot work the item, the assignee cannot accept, reopen or cancel it', async () => {
    expect((await setStatus('thads', 'demo-item-tand', 'in_progress')).error?.data.code).toBe('FORBIDDEN');
    expect((await setStatus('thads', 'demo-item-tand', 'reported_done')).error?.data.code).toBe('FORBIDDEN');
    expect((await setStatus('toaan', 'demo-item-tand', 'cancelled')).error?.data.code).toBe('FORBIDDEN');
    await setStatus('toaan', 'demo-item-tand', 'reported_done');
    expect((await setStatus('toaan', 'demo-item-tand', 'accepted')).error?.data.code).toBe('FORBIDDEN');
    expect((await setStatus('toaan', 'demo-item-tand', 'reopened')).error?.data.code).toBe('FORBIDDEN');
    // A third agency does not even see the item.
    expect((await setStatus('vks', 'demo-item-tand', 'accepted')).error?.data.code).toBe('FORBIDDEN');
    expect((await mine('toaan'))[0].status).toBe('reported_done');
  });

  it('an agency that assigned work to itself moves both sides', async () => {
    expect((await setStatus('thads', 'demo-item-thads', 'reported_done')).data).toMatchObject({ status: 'reported_done' });
    expect((await setStatus('thads', 'demo-item-thads', 'accepted')).data).toMatchObject({ status: 'accepted' });
  });

  it('the administrator of THADS, with no working role, may neither work nor review', async () => {
    expect((await setStatus('admin', 'demo-item-thads', 'in_progress')).error?.data.code).toBe('FORBIDDEN');
    expect((await setStatus('admin', 'demo-item-tand', 'cancelled')).error?.data.code).toBe('FORBIDDEN');
  });

  it('a step the current status does not allow is CONFLICT with a message naming both statuses, and changes nothing', async () => {
    await signInAll('thads', 'toaan');
    const auditBefore = await auditCount();
    const early = await setStatus('thads', 'demo-item-tand', 'accepted');
    expect(early.status).toBe(409);
    expect(early.error?.data.code).toBe('CONFLICT');
    expect(early.error?.message).toBe('Không thể chuyển trạng thái từ "Chưa thực hiện" sang "Đã nghiệm thu".');

    await setStatus('toaan', 'demo-item-tand', 'reported_done');
    await setStatus('thads', 'demo-item-tand', 'accepted');
    const back = await setStatus('thads', 'demo-item-tand', 'open');
    expect(back.error?.data.code).toBe('CONFLICT');
    expect(back.error?.message).toBe('Không thể chuyển trạng thái từ "Đã nghiệm thu" sang "Chưa thực hiện".');
    expect((await setStatus('toaan', 'demo-item-tand', 'in_progress')).error?.data.code).toBe('CONFLICT');

    expect((await detail('thads', 'demo-item-tand')).events.map((e) => e.toStatus)).toEqual(['open', 'reported_done', 'accepted']);
    expect(await auditCount()).toBe(auditBefore + 2);
  });

  it('a step taken on a page that still shows the old status is refused with the status now (expectedStatus)', async () => {
    expect((await setStatus('thads', 'demo-item-tand', 'cancelled')).status).toBe(200);
    const stale = await mutate('toaan', 'actionItems.setStatus', { id: 'demo-item-tand', to: 'in_progress', expectedStatus: 'open' });
    expect(stale.status).toBe(409);
    expect(stale.error?.message).toBe('Trạng thái vừa được người khác thay đổi: hiện là "Đã hủy". Hãy xem lại rồi thao tác tiếp.');
    const report = await mutate('toaan', 'actionItems.report', { id: 'demo-item-tand', body: 'Đã xong.' });
    expect(report.status).toBe(409);
    expect((await mine('toaan'))[0].status).toBe('cancelled');
    expect((await detail('thads', 'demo-item-tand')).events.map((e) => e.toStatus)).toEqual(['open', 'cancelled']);
  });

  it('a cancel and a report of done sent at the same moment: exactly one applies, the other is CONFLICT', async () => {
    await setStatus('toaan', 'demo-item-tand', 'in_progress');
    const answers = await Promise.all([setStatus('thads', 'demo-item-tand', 'cancelled'), setStatus('toaan', 'demo-item-tand', 'reported_done')]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = answers.find((a) => a.status === 200)!.data.status as string;
    expect((await mine('toaan'))[0].status).toBe(winner);
    expect((await detail('thads', 'demo-item-tand')).events.map((e) => e.toStatus)).toEqual(['open', 'in_progress', winner]);
  });

  it('a report on a cancelled item is CONFLICT, and on an accepted one too', async () => {
    await setStatus('thads', 'demo-item-ca', 'cancelled');
    const refused = await mutate('congan', 'actionItems.report', { id: 'demo-item-ca', body: 'Đã bố trí lực lượng.' });
    expect(refused.status).toBe(409);
    expect(refused.error?.message).toBe('Việc này đã bị hủy, không thể báo cáo.');

    await setStatus('toaan', 'demo-item-tand', 'reported_done');
    await setStatus('thads', 'demo-item-tand', 'accepted');
    expect((await mutate('toaan', 'actionItems.report', { id: 'demo-item-tand', body: 'Bổ sung.' })).error?.data.code).toBe('CONFLICT');
    expect((await detail('thads', 'demo-item-tand')).reports).toEqual([]);
  });

  it('a progress report by the assignee shows in get and notifies the person who assigned the item', async () => {
    const result = await mutate('congan', 'actionItems.report', {
      id: 'demo-item-ca', body: 'Đã xây dựng phương án bảo vệ, chờ lịch cưỡng chế.', link: 'https://congan.phutho.gov.vn/van-ban/123',
    });
    expect(result.status).toBe(200);
    const { reports } = await detail('thads', 'demo-item-ca');
    expect(reports).toEqual([{
      id: result.data.id, body: 'Đã xây dựng phương án bảo vệ, chờ lịch cưỡng chế.', link: 'https://congan.phutho.gov.vn/van-ban/123',
      reportedOn: localDate(), createdAt: expect.any(String), authorName: 'Hoàng Minh Đức', agencyShortName: 'Công an Phú Thọ',
    }]);
    expect(await noticesOf('thads', 'demo-item-ca')).toEqual([expect.objectContaining({
      kind: 'reported', title: 'Bố trí lực lượng bảo vệ cưỡng chế', body: 'Đã xây dựng phương án bảo vệ, chờ lịch cưỡng chế.', read: false,
    })]);
  });

  it('a report from the assigning side, or with a link that is not http(s), is refused', async () => {
    expect((await mutate('thads', 'actionItems.report', { id: 'demo-item-ca', body: 'Nhắc.' })).error?.data.code).toBe('FORBIDDEN');
    expect((await mutate('congan', 'actionItems.report', { id: 'demo-item-ca', body: 'Xem', link: 'javascript:alert(1)' })).error?.data.code).toBe('BAD_REQUEST');
  });

  it('a recurring duty (monthly on the 5th), once accepted, opens its next occurrence with the next due date', async () => {
    const rule: Recurrence = { kind: 'monthly', day: 5 };
    const item = await assign({ agencyId: DEMO_AGENCY_IDS.tand, title: 'Báo cáo tháng về giải thích bản án', dueDate: null, recurrence: rule });
    const first = firstOccurrence(rule, localDate());
    expect(item).toMatchObject({ status: 'open', dueDate: first, recurrence: rule });
    expect(first.endsWith('-05')).toBe(true);

    await setStatus('toaan', item.id, 'reported_done', 'Đã gửi báo cáo');
    const accepted = await setStatus('thads', item.id, 'accepted');
    const next = nextOccurrence(rule, first);
    expect(next.endsWith('-05') && next > first).toBe(true);
    expect(accepted.data).toMatchObject({ id: item.id, status: 'open', dueDate: next });
    expect((await detail('toaan', item.id)).events.map(({ fromStatus, toStatus, dueDate }) => ({ fromStatus, toStatus, dueDate }))).toEqual([
      { fromStatus: null, toStatus: 'open', dueDate: first },
      { fromStatus: 'open', toStatus: 'reported_done', dueDate: first },
      { fromStatus: 'reported_done', toStatus: 'accepted', dueDate: first },
      { fromStatus: 'accepted', toStatus: 'open', dueDate: next },
    ]);
    expect((await mine('toaan', { status: 'open' })).find((i) => i.id === item.id)?.dueDate).toBe(next);
  });
});

describe('creating an item', () => {
  beforeEach(() => startServer());
  afterEach(() => stopServer());

  it('by hand: an agency gives itself work; work for another agency comes from an agreement or a meeting', async () => {
    const item = await assign({ agencyId: DEMO_AGENCY_IDS.thads, title: 'Rà soát hồ sơ cưỡng chế', description: 'Trước ngày họp.' });
    expect(item).toMatchObject({ sourceKind: 'manual', agencyId: DEMO_AGENCY_IDS.thads, assignedByAgencyId: DEMO_AGENCY_IDS.thads, status: 'open', agreementId: null });
    expect((await mine('thads')).map((i) => i.id)).toContain(item.id);
    const unrelated = await mutate('vks', 'actionItems.create', { agencyId: DEMO_AGENCY_IDS.ubnd, title: 'Việc không liên quan', dueDate: addDays(localDate(), 3) });
    expect(unrelated.error?.data.code).toBe('FORBIDDEN');
    const byHand = await mutate('thads', 'actionItems.create', { agencyId: DEMO_AGENCY_IDS.vks, title: 'Kiểm sát', dueDate: addDays(localDate(), 3) });
    expect(byHand.error?.data.code).toBe('FORBIDDEN');
    const duty = await assign({ agencyId: DEMO_AGENCY_IDS.vks, title: 'Kiểm sát hồ sơ cưỡng chế' });
    expect(duty).toMatchObject({ sourceKind: 'agreement', agencyId: DEMO_AGENCY_IDS.vks, agreementId: AGREEMENT_ID });
    expect((await mine('vks')).map((i) => i.id)).toContain(duty.id);
  });

  it('today is a valid due date; a due date before today is BAD_REQUEST', async () => {
    expect((await assign({ agencyId: DEMO_AGENCY_IDS.vks, dueDate: localDate() })).dueDate).toBe(localDate());
    const result = await createItem({ agencyId: DEMO_AGENCY_IDS.vks, title: 'Muộn', dueDate: addDays(localDate(), -1) });
    expect(result.status).toBe(400);
    expect(result.error?.message).toBe('Hạn hoàn thành không thể trước ngày giao việc.');
  });

  it('with neither due date nor recurrence is BAD_REQUEST', async () => {
    const result = await createItem({ agencyId: DEMO_AGENCY_IDS.vks, title: 'Không hạn', dueDate: undefined });
    expect(result.error?.data.code).toBe('BAD_REQUEST');
    expect(result.error?.message).toContain('Hạn hoàn thành: cần hạn hoàn thành hoặc lịch định kỳ');
  });

  it('naming a person of another agency as assignee is BAD_REQUEST; a person of the agency is kept on the item', async () => {
    const wrong = await createItem({ agencyId: DEMO_AGENCY_IDS.tand, assigneeUserId: USER.vks, title: 'Sai người', dueDate: addDays(localDate(), 3) });
    expect(wrong.status).toBe(400);
    expect(wrong.error?.message).toBe('Người được giao phải thuộc cơ quan được giao việc.');
    const right = await assign({ agencyId: DEMO_AGENCY_IDS.tand, assigneeUserId: USER.toaan });
    expect(right.assigneeUserId).toBe(USER.toaan);
    expect((await mine('toaan', { assigneeUserId: USER.toaan })).map((i) => i.id)).toEqual([right.id]);
  });

  it('for an unknown agency is BAD_REQUEST; by a signatory without a drafting role is FORBIDDEN', async () => {
    expect((await mutate('thads', 'actionItems.create', { agencyId: 'agency-nowhere', title: 'X', dueDate: localDate() })).error?.data.code).toBe('BAD_REQUEST');
    expect((await mutate('congan', 'actionItems.create', { agencyId: DEMO_AGENCY_IDS.tand, title: 'X', dueDate: localDate() })).error?.data.code).toBe('FORBIDDEN');
  });

  it('a duty of the demo agreement for an agency that is not a party (UBND) is BAD_REQUEST', async () => {
    const doc = await loadStoredDoc(server.testDb.db, AGREEMENT_DOC);
    const anchor = anchorOfUnit(doc, LEGAL_FRAGMENT, 'demo-a08-k2')!;
    doc.destroy();
    const result = await mutate('thads', 'actionItems.create', {
      agencyId: DEMO_AGENCY_IDS.ubnd, title: 'Phối hợp', dueDate: addDays(localDate(), 10),
      agreement: { agreementId: AGREEMENT_ID, anchorStart: anchor.start, anchorEnd: anchor.end, quote: anchor.quote, unitId: 'demo-a08-k2' },
    });
    expect(result.status).toBe(400);
    expect(result.error?.message).toBe('Chỉ giao việc cho cơ quan là một bên của thỏa thuận.');
    expect(await mine('thads', { source: 'agreement' })).toEqual([]);
  });

  it('a duty anchored to a clause of the agreement is created with source agreement and the quoted text', async () => {
    const doc = await loadStoredDoc(server.testDb.db, AGREEMENT_DOC);
    const anchor = anchorOfUnit(doc, LEGAL_FRAGMENT, 'demo-a08-k2')!;
    doc.destroy();
    expect(anchor.quote).toMatch(/^Trong thời hạn 15 ngày kể từ ngày nhận được văn bản yêu cầu/);
    const item = await assign({
      agencyId: DEMO_AGENCY_IDS.tand, title: 'Trả lời yêu cầu giải thích trong 15 ngày',
      agreement: { agreementId: AGREEMENT_ID, anchorStart: anchor.start, anchorEnd: anchor.end, quote: anchor.quote, unitId: 'demo-a08-k2' },
    });
    expect(item).toMatchObject({
      sourceKind: 'agreement', agreementId: AGREEMENT_ID, anchorStart: anchor.start, anchorEnd: anchor.end,
      anchorQuote: anchor.quote, anchorUnitId: 'demo-a08-k2', anchorRemoved: false,
    });
    expect((await mine('toaan', { agreementId: AGREEMENT_ID })).map((i) => i.id).sort()).toEqual(['demo-item-tand', item.id].sort());
  });

  it('a duty anchored to text a y-websocket client has just deleted is CONFLICT, and nothing is created', async () => {
    const stored = await loadStoredDoc(server.testDb.db, AGREEMENT_DOC);
    const anchor = anchorOfUnit(stored, LEGAL_FRAGMENT, 'demo-a08-k2')!;
    stored.destroy();

    const editor = connectClient(server.collabUrl, AGREEMENT_DOC, await cookieOf('thads'));
    clients.push(editor);
    await synced(editor);
    const paragraph = findUnit(editor.doc, 'demo-a08-k2').toArray().find((c): c is Y.XmlElement => c instanceof Y.XmlElement)!;
    const text = paragraph.toArray().find((c): c is Y.XmlText => c instanceof Y.XmlText)!;
    text.delete(0, text.length);
    await eventually(async () => {
      const doc = await loadStoredDoc(server.testDb.db, AGREEMENT_DOC);
      try { return !legalDocOf(doc).textContent.includes('Trong thời hạn 15 ngày kể từ'); } finally { doc.destroy(); }
    }, 'the deletion to be stored');

    await signInAll('toaan');
    const auditBefore = await auditCount();
    const result = await mutate('thads', 'actionItems.create', {
      agencyId: DEMO_AGENCY_IDS.tand, title: 'Trả lời trong 15 ngày', dueDate: addDays(localDate(), 10),
      agreement: { agreementId: AGREEMENT_ID, anchorStart: anchor.start, anchorEnd: anchor.end, quote: anchor.quote, unitId: 'demo-a08-k2' },
    });
    expect(result.status).toBe(409);
    expect(result.error?.data.code).toBe('CONFLICT');
    expect(result.error?.message).toBe('Đoạn văn bản quy định nhiệm vụ vừa bị xóa. Hãy chọn lại đoạn văn bản.');
    expect((await mine('toaan')).map((i) => i.id)).toEqual(['demo-item-tand']);
    expect(await auditCount()).toBe(auditBefore);
    expect(await noticesOf('toaan', 'demo-item-tand')).toEqual([]);
  });
});

/** The structural element (chapter, article, clause, point) with this id. */
function findUnit(doc: Y.Doc, id: string): Y.XmlElement {
  const found = findUnitElement(doc.getXmlFragment(LEGAL_FRAGMENT), id);
  if (!found) throw new Error(`no unit ${id}`);
  return found;
}

describe('notifications', () => {
  beforeEach(() => startServer());
  afterEach(() => stopServer());

  it('an assignment notifies the signatories of the assigned agency and the person named, not its other staff nor the assigner', async () => {
    const staff = await buildUser(server.testDb.db, { agencyId: DEMO_AGENCY_IDS.ca, roles: ['legal_staff'] });
    const named = await buildUser(server.testDb.db, { agencyId: DEMO_AGENCY_IDS.ca, roles: ['legal_staff'] });
    const item = await assign({ agencyId: DEMO_AGENCY_IDS.ca, assigneeUserId: named.id, title: 'Xác minh nơi cư trú' });

    expect(await noticesOf('congan', item.id)).toEqual([
      { id: expect.any(String), kind: 'assigned', itemId: item.id, title: 'Xác minh nơi cư trú', body: `Hạn ${formatDate(item.dueDate)}`, createdAt: expect.any(String), read: false, meetingId: null },
    ]);
    cookies.set(named.email, await signIn(server.url, named.email, named.password));
    cookies.set(staff.email, await signIn(server.url, staff.email, staff.password));
    expect((await noticesOf(named.email, item.id)).map((n) => n.kind)).toEqual(['assigned']);
    expect(await noticesOf(staff.email, item.id)).toEqual([]);
    expect(await noticesOf('thads', item.id)).toEqual([]);
    expect(await noticesOf('toaan', item.id)).toEqual([]);
  });

  it('a review step notifies the assigned agency and a work step the person who assigned', async () => {
    await setStatus('toaan', 'demo-item-tand', 'reported_done', 'Xong');
    expect((await noticesOf('thads', 'demo-item-tand')).map((n) => [n.kind, n.body])).toEqual([['reported_done', 'Xong']]);
    await setStatus('thads', 'demo-item-tand', 'reopened', 'Bổ sung');
    expect((await noticesOf('toaan', 'demo-item-tand')).map((n) => [n.kind, n.body])).toEqual([['reopened', 'Bổ sung']]);
  });

  it('list counts the unread; markRead marks the caller\'s own, by id or all, and leaves others\' alone', async () => {
    const first = await assign({ agencyId: DEMO_AGENCY_IDS.tand, title: 'Việc thứ nhất' });
    const second = await assign({ agencyId: DEMO_AGENCY_IDS.tand, title: 'Việc thứ hai' });
    await assign({ agencyId: DEMO_AGENCY_IDS.vks, title: 'Việc của VKS' });
    const listed = await notifications('toaan');
    expect(listed.unread).toBe(2);
    expect(listed.items.map((n) => n.title)).toEqual(['Việc thứ hai', 'Việc thứ nhất']);
    const vksNotice = (await notifications('vks')).items[0];

    const marked = await mutate('toaan', 'notifications.markRead', { ids: [listed.items.find((n) => n.itemId === first.id)!.id, vksNotice.id] });
    expect(marked.data).toEqual({ ok: true });
    const after = await notifications('toaan');
    expect(after.unread).toBe(1);
    expect(after.items.map((n) => [n.itemId, n.read])).toEqual([[second.id, false], [first.id, true]]);
    expect((await notifications('vks')).unread).toBe(1);

    await mutate('toaan', 'notifications.markRead', { ids: 'all' });
    expect((await notifications('toaan')).unread).toBe(0);
    expect((await notifications('vks')).unread).toBe(1);
  });

  it('settings default to 3 days before the due date; setSettings changes them within 0 to 60', async () => {
    expect((await query('toaan', 'notifications.settings')).data).toEqual({ reminderDays: 3, meetingReminderHours: 24 });
    expect((await mutate('toaan', 'notifications.setSettings', { reminderDays: 7 })).data).toEqual({ reminderDays: 7 });
    expect((await query('toaan', 'notifications.settings')).data).toEqual({ reminderDays: 7, meetingReminderHours: 24 });
    expect((await query('vks', 'notifications.settings')).data).toEqual({ reminderDays: 3, meetingReminderHours: 24 });
    expect((await mutate('toaan', 'notifications.setSettings', { reminderDays: 61 })).error?.data.code).toBe('BAD_REQUEST');
  });
});

describe('the audit trail', () => {
  beforeEach(() => startServer());
  afterEach(() => stopServer());

  it('every mutation leaves one audit row naming who made it', async () => {
    await signInAll('thads', 'toaan');
    const steps: [who: string, run: () => Promise<{ status: number }>, entity: string, action: string][] = [];
    let itemId = '';
    const create = async () => {
      const result = await createItem({ agencyId: DEMO_AGENCY_IDS.tand, title: 'Theo dõi', dueDate: addDays(localDate(), 2) });
      itemId = result.data.id;
      return result;
    };
    steps.push(
      ['thads', create, 'action_item', 'create'],
      ['toaan', () => setStatus('toaan', itemId, 'in_progress'), 'action_item', 'status'],
      ['toaan', () => mutate('toaan', 'actionItems.report', { id: itemId, body: 'Đang làm.' }), 'action_item', 'report'],
      ['toaan', () => setStatus('toaan', itemId, 'reported_done'), 'action_item', 'status'],
      ['thads', () => setStatus('thads', itemId, 'accepted'), 'action_item', 'status'],
      ['toaan', () => mutate('toaan', 'notifications.markRead', { ids: 'all' }), 'user', 'notifications_read'],
      ['toaan', () => mutate('toaan', 'notifications.setSettings', { reminderDays: 5 }), 'user', 'reminder_settings'],
    );
    for (const [who, run, entity, action] of steps) {
      const before = await auditCount();
      expect((await run()).status).toBe(200);
      expect(await auditCount()).toBe(before + 1);
      const [last] = await all<{ entity: string; action: string; user_id: string }>(server.testDb.db,
        'SELECT entity, action, user_id FROM audit_log ORDER BY id DESC LIMIT 1');
      expect(last).toEqual({ entity, action, user_id: USER[who as keyof typeof USER] });
    }
    expect((await auditOf(itemId)).map((r) => r.action)).toEqual(['create', 'status', 'report', 'status', 'status']);
  });
});
