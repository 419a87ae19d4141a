/**
 * One rule for every case count (server/domain/case/flags.ts): cases seeded around the 3-year
 * boundary in an office of their own, then the case page, the case list (its flags and counts) and
 * the statistics' complex cases must say the same, on the stated date.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../shared/format.ts';
import { statisticalYear, statisticalYearOf } from '../../shared/statistics.ts';
import { buildAgency, buildUser } from '../factories.ts';
import { signIn, startTestServer, trpc, type TestServer } from '../helpers.ts';

let server: TestServer;
let cookie: string;
let agencyId: string;
const today = localDate();
const shift = (date: string, years: number, days = 0) => {
  const d = new Date(`${Number(date.slice(0, 4)) + years}${date.slice(4)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const threeYearsAgo = `${Number(today.slice(0, 4)) - 3}${today.slice(4)}`;

let counter = 0;
async function create(overrides: Record<string, unknown>) {
  const result = await trpc(server.url, cookie, 'cases.create', {
    judgmentNumber: `${(counter += 1)}/CC/DS-ST`, judgmentDate: '2018-01-10', courtName: 'Tòa án nhân dân tỉnh Phú Thọ', caseType: 'civil',
    creditor: 'Bà A', debtor: 'Ông B', amountDue: 150_000_000, amountCollected: 0, classification: 'enforceable', acceptedOn: '2024-02-01',
    officerName: 'Chấp hành viên đếm', involvedAgencyIds: [], ...overrides,
  }, 'mutation');
  expect(result.error).toBeUndefined();
  return result.data as { id: string };
}
async function step(caseId: string, status: string, onDate: string, extra: Record<string, unknown> = {}) {
  const result = await trpc(server.url, cookie, 'cases.recordStatus', { caseId, status, onDate, ...extra }, 'mutation');
  expect(result.error).toBeUndefined();
}

const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  agencyId = (await buildAgency(server.testDb.db, { kind: 'thads', shortName: 'THADS đếm' })).id;
  const user = await buildUser(server.testDb.db, { agencyId, roles: ['legal_staff', 'chair'] });
  cookie = await signIn(server.url, user.email, user.password);
  // Exactly 3 years today: flagged. One day short: not. Long ago but finished: not.
  ids.onBoundary = (await create({ acceptedOn: threeYearsAgo })).id;
  ids.dayShort = (await create({ acceptedOn: shift(threeYearsAgo, 0, 1) })).id;
  ids.old = (await create({ acceptedOn: '2019-05-20', caseType: 'credit', amountDue: 25_000_000_000 })).id;
  ids.oldCompleted = (await create({ acceptedOn: '2019-05-20', amountDue: 10_000_000, amountCollected: 10_000_000 })).id;
  await step(ids.oldCompleted, 'completed', shift(today, 0, -10));
  ids.oldTerminated = (await create({ acceptedOn: '2020-03-01', hotSpot: true })).id;
  await step(ids.oldTerminated, 'terminated', '2021-01-15');
  ids.oldPostponed = (await create({ acceptedOn: shift(threeYearsAgo, 0, -1), hotSpot: true })).id;
  await step(ids.oldPostponed, 'postponed', shift(today, 0, -5));
  ids.recentRecovery = (await create({ acceptedOn: shift(today, 0, -30), caseType: 'asset_recovery' })).id;
});
afterAll(() => server.close());

const EXPECTED_OLD = ['onBoundary', 'old', 'oldPostponed'];

describe('the 3-year boundary, counted once', () => {
  it('the case page flags exactly the open cases accepted on or before the same day 3 years ago', async () => {
    for (const [name, id] of Object.entries(ids)) {
      const page = (await trpc(server.url, cookie, 'cases.get', { id })).data;
      expect(page.asOf).toBe(today);
      expect(page.flags.some((f: { flag: string }) => f.flag === 'older_than_3_years'), name).toBe(EXPECTED_OLD.includes(name));
    }
    const finished = (await trpc(server.url, cookie, 'cases.get', { id: ids.oldTerminated })).data;
    expect(finished.flags).toEqual([]);
  });

  it('the list carries the same flags as the page, and its counts are the flags it lists', async () => {
    const list = (await trpc(server.url, cookie, 'cases.list')).data as { id: string; flags: { flag: string }[] }[];
    expect(list).toHaveLength(Object.keys(ids).length);
    for (const record of list) {
      const page = (await trpc(server.url, cookie, 'cases.get', { id: record.id })).data;
      expect(record.flags).toEqual(page.flags);
    }
    const counts = (await trpc(server.url, cookie, 'cases.counts')).data;
    expect(counts.asOf).toBe(today);
    expect(counts.openCases).toBe(5);
    const byFlag = Object.fromEntries(counts.byFlag.map((f: { flag: string; count: number }) => [f.flag, f.count]));
    expect(byFlag).toEqual({ large_credit: 1, older_than_3_years: 3, asset_recovery: 1, disputed_assets: 0, hot_spot: 1, judgment_unclear: 0 });
    for (const [flag, count] of Object.entries(byFlag)) expect(list.filter((c) => c.flags.some((f) => f.flag === flag)).length, flag).toBe(count);
    expect(counts.complex).toBe(list.filter((c) => c.flags.length > 0).length);
    expect(counts.complex).toBe(4);
  });

  it('the statistics count the same on the same day, also for a statistical year that has not ended', async () => {
    const counts = (await trpc(server.url, cookie, 'cases.counts')).data;
    const year = statisticalYear(statisticalYearOf(today));
    expect(year.to > today).toBe(true);
    for (const period of [{ from: year.from, to: year.to }, { from: year.from, to: today }]) {
      const dashboard = await trpc(server.url, cookie, 'statistics.dashboard', { period, unit: { kind: 'agency', agencyId } });
      expect(dashboard.error).toBeUndefined();
      expect(dashboard.data.complex).toEqual(counts.byFlag);
    }
  });

  it('a period that ended counts on its last day: before the boundary case was 3 years old, before the completion', async () => {
    const yesterday = shift(today, 0, -1);
    const dashboard = await trpc(server.url, cookie, 'statistics.dashboard', { period: { from: shift(today, -1), to: yesterday }, unit: { kind: 'agency', agencyId } });
    const byFlag = Object.fromEntries(dashboard.data.complex.map((f: { flag: string; count: number }) => [f.flag, f.count]));
    // Yesterday the boundary case was one day short of 3 years; the case completed 10 days ago was already finished.
    expect(byFlag.older_than_3_years).toBe(2);
    const elevenDaysAgo = await trpc(server.url, cookie, 'statistics.dashboard', { period: { from: shift(today, -1), to: shift(today, 0, -11) }, unit: { kind: 'agency', agencyId } });
    const before = Object.fromEntries(elevenDaysAgo.data.complex.map((f: { flag: string; count: number }) => [f.flag, f.count]));
    // Eleven days ago the completed case was still open (and older than 3 years), the boundary and postponed ones were not yet; the recovery case of 30 days ago was there.
    expect(before.older_than_3_years).toBe(2);
    expect(before.asset_recovery).toBe(1);
  });
});
