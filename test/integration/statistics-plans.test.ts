/**
 * The query plans of every statistics query and of the drill-down, over a generated register
 * (server/demo/volume.ts, analysed as the benchmark's is), for the whole register, an agency and an
 * officer, for a year and for an older month: no automatic index built at query time, no per-case
 * sort inside the history lookups, no full scan of a history table, and no full scan of the cases
 * when the unit is an agency or an officer (an index applies). Each statement is caught on its way
 * to the database and explained with its own arguments.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { InStatement } from '@libsql/client';
import type { Sql } from '../../server/db/client.ts';
import { DEMO_AGENCY_IDS } from '../../server/demo/seed.ts';
import { computeContributions, computeFigures, computeFiguresBy, countByMonth, figureCases } from '../../server/domain/statistics/figures.ts';
import { complexAsOf, complexCasesByFlag, countComplexByMonth, meetingActivity } from '../../server/domain/statistics/activity.ts';
import { listReports, ranking, statisticsUnits, targetOf } from '../../server/domain/statistics/index.ts';
import { statisticalYear, type Period, type Unit } from '../../shared/statistics.ts';
import { volumeDbSuite } from '../helpers.ts';

const testDb = volumeDbSuite(3000);
let officer: string;
beforeAll(async () => {
  officer = String((await testDb.db.execute("SELECT officer_name FROM cases WHERE officer_name <> '' LIMIT 1")).rows[0].officer_name);
});

/** Every statement `work` sends, with SQLite's plan of it. */
async function plansOf(work: (sql: Sql) => Promise<unknown>): Promise<{ sql: string; plan: string[] }[]> {
  const caught: InStatement[] = [];
  const recording: Sql = { execute: (stmt) => { caught.push(stmt); return testDb.db.execute(stmt); } };
  await work(recording);
  const plans = [];
  for (const stmt of caught) {
    const { sql, args } = typeof stmt === 'string' ? { sql: stmt, args: [] } : { sql: stmt.sql, args: stmt.args ?? [] };
    const rows = (await testDb.db.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args })).rows;
    plans.push({ sql, plan: rows.map((row) => String(row.detail)) });
  }
  return plans;
}

const units = (): [string, Unit][] => [
  ['the whole register', { kind: 'all' }],
  ['an agency and what is under it', { kind: 'agency', agencyId: DEMO_AGENCY_IDS.thads }],
  ['an office', { kind: 'agency', agencyId: 'vol-kv-1' }],
  ['an officer', { kind: 'officer', name: officer }],
];
const periods: [string, Period][] = [['the statistical year 2025', statisticalYear(2025)], ['an older month', { from: '2023-03-01', to: '2023-03-31' }]];

const monthsOf = (period: Period) => [...new Set([period.from.slice(0, 7), period.to.slice(0, 7)])];

const QUERIES: [string, (sql: Sql, period: Period, unit: Unit) => Promise<unknown>][] = [
  ['figures', (sql, period, unit) => computeFigures(sql, period, unit)],
  ['figures by office', (sql, period, unit) => computeFiguresBy(sql, period, unit, 'office')],
  ['figures by officer', (sql, period, unit) => computeFiguresBy(sql, period, unit, 'officer')],
  ['ranking', (sql, period, unit) => ranking(sql, period, unit)],
  ['contributions (freeze, differences)', (sql, period, unit) => computeContributions(sql, period, unit)],
  ['drill-down of the completed cases', (sql, period, unit) => figureCases(sql, period, unit, 'completed', DEMO_AGENCY_IDS.tand, { offset: 0, limit: 50 })],
  ['drill-down of the collected money', (sql, period, unit) => figureCases(sql, period, unit, 'collected', DEMO_AGENCY_IDS.thads, { offset: 50, limit: 50 })],
  ['complex cases by flag', (sql, period, unit) => complexCasesByFlag(sql, period, unit)],
  ['meeting activity', (sql, period, unit) => meetingActivity(sql, period, unit)],
  // After a change: the months it touched, counted again one at a time.
  ['figures of two months counted again', (sql, period, unit) => countByMonth(sql, period, unit, monthsOf(period))],
  ['figures by office of two months counted again', (sql, period, unit) => countByMonth(sql, period, unit, monthsOf(period), 'c.office_agency_id')],
  ['complex cases of two months counted again', (sql, period, unit) => countComplexByMonth(sql, complexAsOf(period), unit, monthsOf(period))],
  ['target', (sql, period, unit) => targetOf(sql, unit, Number(period.to.slice(0, 4)))],
];

const HISTORIES = /\bSCAN (case_status_history|case_classification_history|case_money_events)\b/;

describe('statistics query plans', () => {
  for (const [unitName, unit] of units()) {
    for (const [periodName, period] of periods) {
      it.each(QUERIES)(`%s for ${unitName}, ${periodName}: indexes only where they apply, none built at query time`, async (_name, work) => {
        const u = unit.kind === 'officer' ? { kind: 'officer' as const, name: officer } : unit;
        const plans = await plansOf((sql) => work(sql, period, u));
        expect(plans.length).toBeGreaterThan(0);
        for (const { sql, plan } of plans) {
          const text = plan.join('\n');
          const where = `${text}\n--- for ---\n${sql.slice(0, 400)}`;
          expect(text, where).not.toMatch(/AUTOMATIC/);
          expect(text, where).not.toMatch(/TEMP B-TREE FOR RIGHT PART OF ORDER BY/);
          expect(text, where).not.toMatch(HISTORIES);
          if ((u.kind !== 'all' || /:monthFrom/.test(sql)) && /\bcases\b/.test(sql)) expect(text, where).not.toMatch(/\bSCAN (c|cases)\b(?! USING (COVERING )?INDEX cases_)/);
        }
      });
    }
  }

  it('the pickers and the list of frozen reports build no automatic index', async () => {
    for (const { plan, sql } of await plansOf(async (sql) => { await statisticsUnits(sql); await listReports(sql); })) {
      expect(plan.join('\n'), sql).not.toMatch(/AUTOMATIC/);
    }
  });
});
