/**
 * Statistics of one statistical year for the whole register (all units) over 100 000 cases:
 * server time of the figures, of the ranking by office, and of the whole dashboard (12-month
 * trend included), with SQLite's query plan and whether it builds an automatic index (it must not:
 * migration 0009 and test/integration/statistics-plans.test.ts). Target: figures under 100 ms. One JSON line.
 */
import { volumeDb, percentile, VOLUME_CASES } from './_volume.ts';
import { computeFigures, explainFigures, ranking, complexCasesByFlag, meetingActivity } from '../server/domain/statistics/index.ts';
import { monthEnds, statisticalYear } from '../shared/statistics.ts';

const { db, generatedMs } = await volumeDb();
const year = statisticalYear(2025);
const unit = { kind: 'all' } as const;
const time = async (work: () => Promise<unknown>, runs: number) => {
  await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: Math.round(percentile(samples, 50) * 10) / 10, max: Math.round(samples[samples.length - 1] * 10) / 10 };
};
const figures = await computeFigures(db, year, unit);
const figuresMs = await time(() => computeFigures(db, year, unit), 15);
const rankingMs = await time(() => ranking(db, year, unit), 5);
const dashboardMs = await time(() => Promise.all([
  ...monthEnds(year).map((point) => computeFigures(db, point.period, unit)),
  ranking(db, year, unit), complexCasesByFlag(db, year, unit), meetingActivity(db, year, unit),
]), 3);
const plan = await explainFigures(db, year, unit);
console.log(JSON.stringify({
  benchmark: 'statistics', cases: VOLUME_CASES, generatedMs, period: year,
  figuresMs, rankingMs, dashboardMs, targetMs: 100, withinTarget: figuresMs.p50 < 100,
  automaticIndex: plan.some((line) => line.includes('AUTOMATIC')),
  counted: figures.cases.accepted, casesRate: figures.rates.cases, moneyRate: figures.rates.money, plan,
}));
db.close();
