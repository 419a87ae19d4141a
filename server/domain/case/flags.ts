/**
 * Why a case is complex enough for a joint meeting (glossary: "Complex cases that get joint
 * meetings"), and the one rule every count of them follows: the case page, the case list (its
 * filter and counts) and the statistics all read the SQL below, at a stated date (`asOf`, a Viet
 * Nam calendar date: today for the register, the period's end, capped at today, for statistics).
 *
 * A case is flagged on `asOf` only while it is open on that day: accepted on or before it and
 * neither thi hành xong nor đình chỉ by then (its status on that day, from the dated history).
 * A finished case needs no joint meeting, so it carries no flag and is counted nowhere.
 * "Quá 3 năm": accepted on or before the same calendar day three years earlier (a case accepted on
 * 29 February reaches 3 years on 1 March).
 */
import { all, type Sql } from '../../db/client.ts';
import type { InValue } from '@libsql/client';

export const COMPLEXITY_FLAGS = ['large_credit', 'older_than_3_years', 'asset_recovery', 'disputed_assets', 'hot_spot', 'judgment_unclear'] as const;
export type ComplexityFlag = (typeof COMPLEXITY_FLAGS)[number];

/** Credit-institution cases over 20 tỷ đồng. */
export const LARGE_CREDIT_THRESHOLD = 20_000_000_000;

/** SQL: the same calendar day three years before the date `asOf` (an SQL expression). */
const threeYearsBefore = (asOf: string) => `(printf('%04d', CAST(substr(${asOf}, 1, 4) AS INTEGER) - 3) || substr(${asOf}, 5))`;

/** SQL: the status of case `c` on the day `asOf`, from its dated history (the row's own when it dates from before). */
export function statusOnSql(c: string, asOf: string): string {
  return `(CASE WHEN ${c}.status_on <= ${asOf} THEN ${c}.status
          ELSE coalesce((SELECT h.status FROM case_status_history h WHERE h.case_id = ${c}.id AND h.on_date <= ${asOf}
                          ORDER BY h.on_date DESC, h.id DESC LIMIT 1), 'accepted') END)`;
}

/** SQL: case `c` is open on `asOf` (accepted by then, not finished by then). */
export function openOnSql(c: string, asOf: string): string {
  return `(${c}.accepted_on <= ${asOf} AND ${statusOnSql(c, asOf)} NOT IN ('completed', 'terminated'))`;
}

/** SQL of each flag's own condition, without the open-case condition. */
function conditions(c: string, asOf: string): Record<ComplexityFlag, string> {
  return {
    large_credit: `(${c}.case_type = 'credit' AND ${c}.amount_due > ${LARGE_CREDIT_THRESHOLD})`,
    older_than_3_years: `(${c}.accepted_on <= ${threeYearsBefore(asOf)})`,
    asset_recovery: `(${c}.case_type = 'asset_recovery')`,
    disputed_assets: `(${c}.disputed_assets <> 0)`,
    hot_spot: `(${c}.hot_spot <> 0)`,
    judgment_unclear: `(${c}.judgment_unclear <> 0)`,
  };
}

/**
 * SQL select columns: `flags` (the flags case `c` carries on `asOf`, comma-separated, in
 * COMPLEXITY_FLAGS order) beside the columns the reasons need (amount_due, accepted_on).
 */
export function flagsColumnSql(c: string, asOf: string): string {
  const own = conditions(c, asOf);
  const parts = COMPLEXITY_FLAGS.map((flag) => `CASE WHEN ${own[flag]} THEN '${flag},' ELSE '' END`).join(' || ');
  return `CASE WHEN ${openOnSql(c, asOf)} THEN ${parts} ELSE '' END AS flags`;
}

export interface CaseFlag { flag: ComplexityFlag; detail: string }

/** The flags of a row selected with flagsColumnSql, with the fact behind each (amount, acceptance date). */
export function flagsOfRow(row: Record<string, unknown>): CaseFlag[] {
  return String(row.flags ?? '').split(',').filter(Boolean).map((flag) => ({
    flag: flag as ComplexityFlag,
    detail: flag === 'large_credit' ? String(row.amount_due) : flag === 'older_than_3_years' ? String(row.accepted_on) : '',
  }));
}

/** The counts countFlags answers, in this order: open cases, complex ones, then each flag. */
export type FlagCounts = number[];
const FLAG_COUNTS = ['open_cases', 'complex', ...COMPLEXITY_FLAGS] as const;

/** SQL select list: the FlagCounts of the open cases on `asOf` among the rows of `cases c` selected with openOnSql. */
export function flagCountsSql(asOf: string): string {
  // Open cases only (the WHERE): each flag is then its own condition.
  const flags = conditions('c', asOf);
  return `count(*) AS open_cases, coalesce(sum(${Object.values(flags).join(' OR ')}), 0) AS complex,
          ${COMPLEXITY_FLAGS.map((flag) => `coalesce(sum(${flags[flag]}), 0) AS ${flag}`).join(', ')}`;
}

export const flagCountsOf = (row: Record<string, unknown>): FlagCounts => FLAG_COUNTS.map((key) => Number(row[key] ?? 0));

/** Counts of disjoint sets of cases added up, as countFlags answers them. */
export function addFlagCounts(asOf: string, parts: Iterable<FlagCounts>) {
  const total: FlagCounts = FLAG_COUNTS.map(() => 0);
  for (const part of parts) part.forEach((n, i) => { total[i] += n; });
  const [openCases, complex, ...byFlag] = total;
  return { asOf, openCases, complex, byFlag: COMPLEXITY_FLAGS.map((flag, i) => ({ flag, count: byFlag[i] })) };
}

/**
 * How many cases carry each flag on `asOf`, and how many carry at least one, among the cases that
 * `where` selects (an SQL condition on alias `c`, with its named arguments). The one count behind
 * the case list's counts; the statistics count the same per month of acceptance (statistics/activity.ts).
 */
export async function countFlags(sql: Sql, asOf: string, where: { sql: string; args: Record<string, InValue> }) {
  const [row] = await all(sql, `SELECT ${flagCountsSql(':asOf')} FROM cases c WHERE ${openOnSql('c', ':asOf')} AND (${where.sql})`, { ...where.args, asOf });
  return addFlagCounts(asOf, [flagCountsOf(row ?? {})]);
}
