/**
 * Statistics of one statistical year for the whole register (all units) over 100 000 cases:
 * server time of the figures, of the ranking by office, of the complex-case counts and of the whole
 * dashboard (12-month trend included), each "after a change" (a write to one case just before: the
 * month it was accepted in is counted again, server/domain/statistics/cache.ts), "after an agency
 * change" (every month counted again, in one query: the query itself) and "unchanged", with SQLite's query plan and whether it builds an automatic
 * index (it must not: migration 0009 and test/integration/statistics-plans.test.ts). And what the
 * event loop suffers meanwhile: its longest stall while the dashboard is computed after a change in
 * the read thread (server/db/read-thread.ts), beside the same work on the main connection, one run.
 * Target: figures under 100 ms. One JSON line.
 */
import type { Sql } from '../server/db/client.ts';
import { volumeDb, percentile, VOLUME_CASES } from './_volume.ts';
import { computeFigures, explainFigures, ranking, complexCasesByFlag, meetingActivity } from '../server/domain/statistics/index.ts';
import { monthEnds, statisticalYear } from '../shared/statistics.ts';

const { db, generatedMs } = await volumeDb();
const year = statisticalYear(2025);
const unit = { kind: 'all' } as const;
/** A write to the register that changes no figure but moves its revision, as any case update does. */
const changeRegister = () => db.write(async (tx) => { await tx.execute("UPDATE cases SET officer_name = officer_name WHERE rowid = 1"); });
/** A write to the agencies: every month is counted again. */
const changeAgencies = () => db.write(async (tx) => { await tx.execute("UPDATE agencies SET name_vi = name_vi WHERE rowid = 1"); });
const time = async (work: () => Promise<unknown>, runs: number, before?: () => Promise<unknown>) => {
  await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (before) await before();
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: Math.round(percentile(samples, 50) * 10) / 10, max: Math.round(samples[samples.length - 1] * 10) / 10 };
};
const both = async (work: () => Promise<unknown>, runs: number) => ({
  afterChange: await time(work, runs, changeRegister),
  afterAgencyChange: await time(work, Math.max(3, Math.ceil(runs / 3)), changeAgencies),
  unchanged: await time(work, runs * 4),
});
const dashboard = (sql: Sql = db) => Promise.all([
  ...monthEnds(year).map((point) => computeFigures(sql, point.period, unit)),
  ranking(sql, year, unit), complexCasesByFlag(sql, year, unit), meetingActivity(sql, year, unit),
]);
/** The main connection itself, not the Db: no read thread and nothing kept (as before both). */
const mainConnection: Sql = { execute: (stmt) => db.client.execute(stmt) };
/** Wall time of `work` and the event loop's longest stall during it. */
const stall = async (work: () => Promise<unknown>) => {
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  const started = performance.now();
  await work();
  const wallMs = Math.round(performance.now() - started);
  await new Promise((resolve) => setTimeout(resolve, 20));
  clearInterval(ticker);
  return { wallMs, longestStallMs: Math.round(longest) };
};
const figures = await computeFigures(db, year, unit);
const figuresMs = await both(() => computeFigures(db, year, unit), 15);
const rankingMs = await both(() => ranking(db, year, unit), 5);
const complexMs = await both(() => complexCasesByFlag(db, year, unit), 5);
const activityMs = await time(() => meetingActivity(db, year, unit), 10);
const dashboardMs = await both(dashboard, 3);
await changeAgencies();
const offThread = await stall(() => dashboard());
const onMain = await stall(() => dashboard(mainConnection));
const dashboardAfterChange = { readThread: offThread, mainConnection: onMain, stallRatio: Math.round((offThread.longestStallMs / onMain.longestStallMs) * 100) / 100 };
const plan = await explainFigures(db, year, unit);
console.log(JSON.stringify({
  benchmark: 'statistics', cases: VOLUME_CASES, generatedMs, period: year,
  figuresMs, rankingMs, complexMs, activityMs, dashboardMs, dashboardAfterChange, targetMs: 100,
  withinTarget: figuresMs.unchanged.p50 < 100, queryWithinTarget: figuresMs.afterChange.p50 < 100,
  automaticIndex: plan.some((line) => line.includes('AUTOMATIC')),
  counted: figures.cases.accepted, casesRate: figures.rates.cases, moneyRate: figures.rates.money, plan,
}));
db.close();
