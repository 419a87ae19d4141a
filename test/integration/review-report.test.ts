/**
 * The review report (sơ kết / tổng kết) of an agreement computed from the records of its period,
 * on a seeded period whose counts are known: every figure checked, then the DOCX route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../server/db/ids.ts';
import { addReview, reviewFigures } from '../../server/domain/agreement/reviews.ts';
import { getAgreement, type AgreementSummary } from '../../server/domain/agreement/index.ts';
import { computeFigures } from '../../server/domain/statistics/figures.ts';
import { meetingActivity } from '../../server/domain/statistics/activity.ts';
import { addDays, localDate } from '../../shared/format.ts';
import { buildAgency, buildAgreement, buildUser, type BuiltUser } from '../factories.ts';
import { docxDocumentXml, signIn, startTestServer, trpc, type TestServer } from '../helpers.ts';

let server: TestServer;
let cookie: string;
let lead: BuiltUser;
let agreement: AgreementSummary;
const FROM = '2025-01-01';
const TO = '2025-12-31';
const ids: Record<string, string> = {};

async function call(path: string, input: unknown) {
  const result = await trpc(server.url, cookie, path, input, 'mutation');
  expect(result.error, path).toBeUndefined();
  return result.data;
}
let n = 0;
const newCase = async (acceptedOn: string, amountDue: number) => (await call('cases.create', {
  judgmentNumber: `${(n += 1)}/RV/DS-ST`, judgmentDate: '2023-12-01', courtName: 'Tòa án nhân dân tỉnh Phú Thọ', caseType: 'civil',
  creditor: 'Bà A', debtor: 'Ông B', amountDue, amountCollected: 0, classification: 'enforceable', acceptedOn, involvedAgencyIds: [],
})).id as string;
const step = (caseId: string, status: string, onDate: string, extra: Record<string, unknown> = {}) => call('cases.recordStatus', { caseId, status, onDate, ...extra });

async function meeting(kind: string, startsAt: string, status: string, caseIds: string[]) {
  const id = newId();
  const end = new Date(Date.parse(startsAt) + 7_200_000).toISOString();
  await server.testDb.db.batch([
    { sql: `INSERT INTO meetings (id, kind, title, chair_user_id, chair_agency_id, starts_at, ends_at, status, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args: [id, kind, `Họp ${kind} ${startsAt}`, lead.id, lead.agencyId, startsAt, end, status, lead.id, startsAt] },
    ...caseIds.map((caseId, i) => ({ sql: 'INSERT INTO agenda_items (id, meeting_id, position, title, case_id) VALUES (?, ?, ?, ?, ?)', args: [newId(), id, i, 'Vụ việc', caseId] })),
  ]);
}

async function duty(agencyId: string, dueDate: string, status: string, doneAt: string | null) {
  const id = newId();
  await server.testDb.db.batch([
    { sql: `INSERT INTO action_items (id, source_kind, agreement_id, agency_id, assigned_by_user_id, assigned_by_agency_id, title, due_date, status, created_at, updated_at)
            VALUES (?, 'agreement', ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args: [id, agreement.id, agencyId, lead.id, lead.agencyId, `Nhiệm vụ ${dueDate}`, dueDate, status, '2025-01-02T00:00:00Z', '2025-01-02T00:00:00Z'] },
    ...(doneAt ? [{ sql: 'INSERT INTO action_item_events (item_id, at, to_status, due_date) VALUES (?, ?, ?, ?)', args: [id, doneAt, 'reported_done', dueDate] }] : []),
  ]);
}

beforeAll(async () => {
  server = await startTestServer();
  const office = await buildAgency(server.testDb.db, { kind: 'thads', nameVi: 'Thi hành án dân sự thành phố Thử', shortName: 'THADS Thử' });
  lead = await buildUser(server.testDb.db, { agencyId: office.id, roles: ['legal_staff', 'chair'] });
  cookie = await signIn(server.url, lead.email, lead.password);
  const built = await buildAgreement(server.testDb.db, {
    title: 'Quy chế phối hợp liên ngành thử', createdBy: { id: lead.id, agencyId: office.id, roles: lead.roles }, partyAgencyIds: ['agency-vks', 'agency-ca'], status: 'in_force',
  });
  agreement = (await getAgreement(server.testDb.db, built.id))!;

  // D: accepted and completed in the year before the period (the starting rate).
  ids.D = await newCase('2024-01-05', 100_000_000);
  await step(ids.D, 'completed', '2024-08-01', { money: { kind: 'collected', amount: 100_000_000 } });
  // A: carried into the period; two coercions in it (with the procuracy and the police, then the procuracy), one after it.
  ids.A = await newCase('2024-06-01', 300_000_000);
  await step(ids.A, 'coercion', '2025-04-10', { agencyIds: ['agency-vks', 'agency-ca'] });
  await step(ids.A, 'coercion', '2025-09-12', { agencyIds: ['agency-vks'] });
  await step(ids.A, 'coercion', '2026-02-01', { agencyIds: ['agency-ca'] });
  // B: received in the period, coerced with the procuracy, reduced by 10 triệu, completed after 1 October.
  ids.B = await newCase('2025-03-01', 200_000_000);
  await step(ids.B, 'coercion', '2025-06-01', { agencyIds: ['agency-vks'] });
  await step(ids.B, 'auction', '2025-07-01', { money: { kind: 'reduced', amount: 10_000_000 } });
  await step(ids.B, 'completed', '2025-11-15', { money: { kind: 'collected', amount: 190_000_000 } });
  // C: received in the period, terminated (đình chỉ) with 50 triệu.
  ids.C = await newCase('2025-05-01', 50_000_000);
  await step(ids.C, 'terminated', '2025-08-01', { money: { kind: 'terminated', amount: 50_000_000 } });
  // E: received after the period.
  ids.E = await newCase('2026-01-10', 70_000_000);

  await meeting('joint', '2025-03-10T02:00:00.000Z', 'approved', [ids.A, ids.B]);
  await meeting('joint', '2025-10-20T02:00:00.000Z', 'scheduled', [ids.A]);
  await meeting('joint', '2025-06-10T02:00:00.000Z', 'cancelled', [ids.C]);
  await meeting('joint', '2026-01-15T02:00:00.000Z', 'approved', [ids.E]);
  await meeting('other', '2025-05-10T02:00:00.000Z', 'approved', [ids.C]);

  await duty(office.id, '2025-03-31', 'accepted', '2025-03-20T03:00:00Z');
  await duty('agency-vks', '2025-06-30', 'reported_done', '2025-07-05T03:00:00Z');
  await duty('agency-ca', '2025-09-30', 'open', null);
  await duty('agency-ca', '2026-03-01', 'open', null);
  await duty('agency-vks', '2025-08-01', 'cancelled', null);
});
afterAll(() => server.close());

describe('meetings held: one rule for the review and the dashboard', () => {
  it('a meeting still to come in the period is held for neither; the review and the dashboard count the same joint meetings', async () => {
    const today = localDate();
    const from = `${today.slice(0, 4)}-01-01`;
    const to = addDays(today, 30);
    await meeting('joint', new Date(Date.now() - 3 * 86_400_000).toISOString(), 'scheduled', [ids.A]);
    await meeting('joint', new Date(Date.now() + 5 * 86_400_000).toISOString(), 'scheduled', [ids.B]);
    const review = await reviewFigures(server.testDb.db, agreement, from, to);
    const activity = await meetingActivity(server.testDb.db, { from, to }, { kind: 'agency', agencyId: lead.agencyId });
    const joint = activity.meetings.find((m) => m.kind === 'joint')?.held ?? 0;
    expect(review.meetings.held).toBe(joint);
    // The one of three days ago, and the one of 15/01/2026 when this year is 2026; never the one in five days.
    expect(joint).toBe(today.startsWith('2026') ? 2 : 1);
  });
});

describe('the review report from the records', () => {
  it('counts each figure of the period', async () => {
    const f = await reviewFigures(server.testDb.db, agreement, FROM, TO);
    expect(f.unit).toMatchObject({ kind: 'agency', agencyId: lead.agencyId });
    expect(f.meetings).toEqual({ held: 2, casesConsidered: 2 });
    expect(f.coercions.count).toBe(3);
    expect(f.coercions.cases).toBe(2);
    expect(f.coercions.byAgency.map((a) => [a.agencyId, a.count])).toEqual([['agency-vks', 3], ['agency-ca', 1]]);
    expect(f.judgmentsReceived).toBe(2);
    expect(f.exemptions).toEqual({ cases: 1, amount: 10_000_000 });
    expect(f.terminations).toEqual({ cases: 1, amount: 50_000_000 });
    expect(f.duties).toEqual([
      expect.objectContaining({ agencyId: lead.agencyId, onTime: 1, late: 0, open: 0 }),
      expect.objectContaining({ agencyId: 'agency-ca', onTime: 0, late: 0, open: 1 }),
      expect.objectContaining({ agencyId: 'agency-vks', onTime: 0, late: 1, open: 0 }),
    ]);
  });

  it('gives the rates at the start and the end as the statistics page computes them', async () => {
    const f = await reviewFigures(server.testDb.db, agreement, FROM, TO);
    // Start: statistical year 2024 (A open, D completed): 1 of 2 cases; 100 of 400 triệu.
    expect(f.rates.start).toEqual({ from: '2023-10-01', to: '2024-09-30', cases: 50, money: 25 });
    // End: 1/10/2025 – 31/12/2025 (A open, B completed; C finished before): 1 of 2; 190 of 490 triệu.
    expect(f.rates.end).toEqual({ from: '2025-10-01', to: '2025-12-31', cases: 50, money: 38.8 });
    const stats = await computeFigures(server.testDb.db, { from: '2025-10-01', to: '2025-12-31' }, { kind: 'agency', agencyId: lead.agencyId });
    expect(Math.round(stats.rates.money! * 1000) / 10).toBe(38.8);
  });

  it('exports a saved review as the Báo cáo sơ kết DOCX, with the figures; 401, 403 and 404 as other exports', async () => {
    const reviewId = await server.testDb.db.write((tx) => addReview(tx, { id: lead.id, agency: { id: lead.agencyId }, roles: lead.roles } as never, agreement, {
      agreementId: agreement.id, kind: 'preliminary', reviewDate: '2026-01-20', from: FROM, to: TO, report: 'III. TỒN TẠI, HẠN CHẾ\nPhối hợp xác minh còn chậm.',
    }));
    const url = `${server.url}/export/agreements/${agreement.id}/reviews/${reviewId}.docx`;
    const response = await fetch(url, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('wordprocessingml');
    const xml = docxDocumentXml(Buffer.from(await response.arrayBuffer()));
    const text = xml.replace(/<[^>]+>/g, '');
    for (const phrase of ['BÁO CÁO', 'SƠ KẾT THỰC HIỆN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'tổ chức 2 cuộc họp liên ngành, xem xét, cho ý kiến chỉ đạo 2 vụ việc',
      'tổ chức 3 cuộc cưỡng chế (2 vụ việc), có sự tham gia của: VKSND Phú Thọ: 3 cuộc; Công an Phú Thọ: 1 cuộc', 'thụ lý 2 bản án', '1 việc với số tiền 10.000.000 đ',
      'về việc 50 %, về tiền 25 %', 'về tiền 38,8 %', 'Phối hợp xác minh còn chậm.']) {
      expect(text, phrase).toContain(phrase);
    }
    expect((await fetch(url)).status).toBe(401);
    const outsider = await buildUser(server.testDb.db, { roles: ['legal_staff'] });
    const outsiderCookie = await signIn(server.url, outsider.email, outsider.password);
    expect((await fetch(url, { headers: { cookie: outsiderCookie } })).status).toBe(403);
    expect((await fetch(`${server.url}/export/agreements/${agreement.id}/reviews/nope.docx`, { headers: { cookie } })).status).toBe(404);
    expect((await fetch(`${server.url}/export/agreements/nope/reviews/${reviewId}.docx`, { headers: { cookie } })).status).toBe(404);
  });
});
