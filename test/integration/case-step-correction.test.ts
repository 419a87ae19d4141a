/** A recorded step corrected: checked again (order, money, thi hành xong), audited with before and after; coercions with their agencies. */
import { describe, expect, it } from 'vitest';
import { all, one } from '../../server/db/client.ts';
import { serverSuite, startTestServer, trpc } from '../helpers.ts';

const suite = serverSuite(() => startTestServer(), ['thads', 'toaan']);
const { cookies } = suite;

const call = (path: string, input: unknown, who = 'thads') => trpc(suite.server.url, cookies[who], path, input, 'mutation');
const get = async (id: string) => (await trpc(suite.server.url, cookies.thads, 'cases.get', { id })).data;
let counter = 0;
async function newCase(amountDue = 500_000_000) {
  const result = await call('cases.create', {
    judgmentNumber: `${(counter += 1)}/2025/SC-ST`, judgmentDate: '2025-01-10', courtName: 'Tòa án nhân dân tỉnh Phú Thọ', caseType: 'civil',
    creditor: 'Bà A', debtor: 'Ông B', amountDue, amountCollected: 0, classification: 'enforceable', acceptedOn: '2025-02-01', involvedAgencyIds: [],
  });
  expect(result.error).toBeUndefined();
  return result.data.id as string;
}
async function step(caseId: string, status: string, onDate: string, extra: Record<string, unknown> = {}) {
  const result = await call('cases.recordStatus', { caseId, status, onDate, ...extra });
  expect(result.error).toBeUndefined();
  const history = (await get(caseId)).history as { id: number; status: string; onDate: string }[];
  return history.filter((h) => h.status === status && h.onDate === onDate).at(-1)!.id;
}

describe('correcting a recorded step', () => {
  it('a wrong date is corrected with a reason: the current status follows, the correction is kept and audited with before and after', async () => {
    const caseId = await newCase();
    const verification = await step(caseId, 'verification', '2025-03-01');
    const seizure = await step(caseId, 'seizure', '2025-04-01');
    expect((await get(caseId)).status).toBe('seizure');
    // The seizure was really the verification's second visit: wrong step.
    const fixed = await call('cases.correctStep', { caseId, stepId: seizure, status: 'verification', onDate: '2025-04-01', note: 'Xác minh lần 2', reason: 'Ghi nhầm bước' });
    expect(fixed.error).toBeUndefined();
    const after = await get(caseId);
    expect(after.status).toBe('verification');
    const corrected = after.history.find((h: { id: number }) => h.id === seizure);
    expect(corrected).toMatchObject({ status: 'verification', note: 'Xác minh lần 2' });
    expect(corrected.corrections).toEqual([expect.objectContaining({ reason: 'Ghi nhầm bước', before: expect.objectContaining({ status: 'seizure' }), after: expect.objectContaining({ status: 'verification' }) })]);
    const audit = await one(suite.server.testDb.db, "SELECT summary FROM audit_log WHERE action = 'step_correct' AND entity_id = ? ORDER BY id DESC", [caseId]);
    expect(JSON.parse(String(audit!.summary))).toMatchObject({ stepId: seizure, reason: 'Ghi nhầm bước', before: { status: 'seizure', onDate: '2025-04-01' }, after: { status: 'verification' } });
    expect(verification).toBeLessThan(seizure);
  });

  it('a correction is checked against the order of steps like a new step, and changes nothing when refused', async () => {
    const caseId = await newCase();
    await step(caseId, 'verification', '2025-03-01');
    const seizure = await step(caseId, 'seizure', '2025-04-01');
    const refused = await call('cases.correctStep', { caseId, stepId: seizure, status: 'seizure', onDate: '2025-02-15', reason: 'Sai ngày' });
    expect(refused.error?.data.code).toBe('BAD_REQUEST');
    expect(refused.error?.message).toContain('trình tự');
    const still = (await get(caseId)).history.find((h: { id: number }) => h.id === seizure);
    expect(still).toMatchObject({ onDate: '2025-04-01', corrections: [] });
  });

  it('a reason is required, and another agency may not correct', async () => {
    const caseId = await newCase();
    const verification = await step(caseId, 'verification', '2025-03-01');
    const noReason = await call('cases.correctStep', { caseId, stepId: verification, status: 'verification', onDate: '2025-03-02', reason: '  ' });
    expect(noReason.error?.data.code).toBe('BAD_REQUEST');
    expect(noReason.error?.message).toContain('lý do');
    const other = await call('cases.correctStep', { caseId, stepId: verification, status: 'verification', onDate: '2025-03-02', reason: 'Sai ngày' }, 'toaan');
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(other.error?.data.code);
    const unknown = await call('cases.correctStep', { caseId, stepId: 999_999, status: 'verification', onDate: '2025-03-02', reason: 'Sai ngày' });
    expect(unknown.error?.data.code).toBe('NOT_FOUND');
  });

  it('a wrong amount is corrected: the case\'s sums follow, the money history keeps both, more than is due is refused', async () => {
    const caseId = await newCase(500_000_000);
    const auction = await step(caseId, 'auction', '2025-05-01', { money: { kind: 'collected', amount: 100_000_000 } });
    expect((await get(caseId)).amountCollected).toBe(100_000_000);
    const fixed = await call('cases.correctStep', { caseId, stepId: auction, status: 'auction', onDate: '2025-05-01', money: { kind: 'collected', amount: 120_000_000 }, reason: 'Sai số tiền trúng đấu giá' });
    expect(fixed.error).toBeUndefined();
    const after = await get(caseId);
    expect(after).toMatchObject({ amountCollected: 120_000_000, amountOutstanding: 380_000_000 });
    expect(after.history.find((h: { id: number }) => h.id === auction).money).toEqual({ kind: 'collected', amount: 120_000_000 });
    const events = await all(suite.server.testDb.db, 'SELECT amount FROM case_money_events WHERE step_id = ? ORDER BY id', [auction]);
    expect(events.map((e) => Number(e.amount))).toEqual([100_000_000, -100_000_000, 120_000_000]);
    const tooMuch = await call('cases.correctStep', { caseId, stepId: auction, status: 'auction', onDate: '2025-05-01', money: { kind: 'collected', amount: 500_000_001 }, reason: 'Thử' });
    expect(tooMuch.error?.data.code).toBe('BAD_REQUEST');
    expect((await get(caseId)).amountCollected).toBe(120_000_000);
  });

  it('corrected into thi hành xong with money still due needs the confirmation; with the rest collected it does not', async () => {
    const caseId = await newCase(300_000_000);
    const auction = await step(caseId, 'auction', '2025-05-01', { money: { kind: 'collected', amount: 100_000_000 } });
    const refused = await call('cases.correctStep', { caseId, stepId: auction, status: 'completed', onDate: '2025-05-01', money: { kind: 'collected', amount: 100_000_000 }, reason: 'Đã xong' });
    expect(refused.error?.data.code).toBe('CONFLICT');
    expect(refused.error?.message).toContain('200.000.000');
    expect((await get(caseId)).status).toBe('auction');
    const whole = await call('cases.correctStep', { caseId, stepId: auction, status: 'completed', onDate: '2025-05-01', money: { kind: 'collected', amount: 300_000_000 }, reason: 'Thu đủ trong một lần' });
    expect(whole.error).toBeUndefined();
    expect(await get(caseId)).toMatchObject({ status: 'completed', amountOutstanding: 0 });
  });

  it('the acceptance step is the case\'s acceptance date and is not moved here', async () => {
    const caseId = await newCase();
    const accepted = (await get(caseId)).history[0].id;
    const refused = await call('cases.correctStep', { caseId, stepId: accepted, status: 'accepted', onDate: '2025-02-05', reason: 'Sai ngày' });
    expect(refused.error?.data.code).toBe('BAD_REQUEST');
  });
});

describe('a coercion records the agencies that took part', () => {
  it('picked from the agency list, shown in the history, corrected like the rest; other steps take none', async () => {
    const caseId = await newCase();
    await step(caseId, 'verification', '2025-03-01');
    const coercion = await step(caseId, 'coercion', '2025-04-10', { agencyIds: ['agency-vks', 'agency-ca'] });
    const shown = (await get(caseId)).history.find((h: { id: number }) => h.id === coercion);
    expect(shown.agencies.map((a: { id: string }) => a.id).sort()).toEqual(['agency-ca', 'agency-vks']);
    const fixed = await call('cases.correctStep', { caseId, stepId: coercion, status: 'coercion', onDate: '2025-04-10', agencyIds: ['agency-vks', 'agency-ca', 'agency-ubnd'], reason: 'Thiếu UBND xã' });
    expect(fixed.error).toBeUndefined();
    expect((await get(caseId)).history.find((h: { id: number }) => h.id === coercion).agencies).toHaveLength(3);
    const wrong = await call('cases.recordStatus', { caseId, status: 'auction', onDate: '2025-04-20', agencyIds: ['agency-ca'] });
    expect(wrong.error?.data.code).toBe('BAD_REQUEST');
    const unknown = await call('cases.recordStatus', { caseId, status: 'coercion', onDate: '2025-04-20', agencyIds: ['no-such-agency'] });
    expect(unknown.error?.data.code).toBe('BAD_REQUEST');
  });
});
