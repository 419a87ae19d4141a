/**
 * Figures of a period counted from the case register (Thông tư 05/2024/TT-BTP):
 *
 * - thụ lý (accepted) = cũ chuyển sang (accepted before the period and not finished before it)
 *   + thụ lý mới (accepted in the period);
 * - at the period's end each case is thi hành xong, đình chỉ (status on that day), else có điều kiện
 *   (classification on that day; hoãn, a postponement, stays có điều kiện) or chưa có điều kiện;
 * - phải thi hành = có điều kiện + chưa có điều kiện; what is not finished is chuyển kỳ sau (pending);
 * - money at the start = amount due − every money event before the period; collected, terminated
 *   and reduced are the events dated in the period;
 * - rate về việc = (xong + đình chỉ) / có điều kiện; rate về tiền = (thu + đình chỉ + giảm) / tiền có điều kiện.
 *
 * One SQL statement makes each case's contribution (`CONTRIBUTIONS`); the figures are its sums.
 * Money is integer đồng: SQLite INTEGER sums are exact and stay far below 2^53 for a whole register.
 */
import type { InValue } from '@libsql/client';
import { all, longReads, type Row, type Sql } from '../../db/client.ts';
import { ACCEPTANCE_MONTH, ACCEPTED_IN_MONTH, keptByMonth, rowsByMonth } from './cache.ts';
import { visibleCase } from '../../policy/scopes.ts';
import {
  BUCKETS, casesRate, moneyRate, unitKey, type CaseContribution, type Figure, type Figures, type Period, type Unit,
} from '../../../shared/statistics.ts';

const FINISHED = `('completed', 'terminated')`;

/**
 * Where a case stands at the period's end, in SQL as its index in BUCKETS (each figure compares it
 * once per case: integers cost less than text; 126 → 115 ms over 100 000 cases with the counts
 * derived below), by name outside: completed and terminated are the finished ones, not_yet the one
 * not enforceable.
 */
const [COMPLETED, TERMINATED, POSTPONED, IN_PROGRESS, NOT_YET] = (['completed', 'terminated', 'postponed', 'in_progress', 'not_yet'] as const).map((b) => BUCKETS.indexOf(b));
const ENFORCEABLE = `bucket < ${NOT_YET}`;
const UNFINISHED = `bucket > ${TERMINATED}`;

/** The agencies of a unit: the agency, those under it, and those it succeeded (a renamed or merged office keeps its history). */
const UNIT_AGENCIES = `
  unit_agencies(id) AS (
    SELECT :agency WHERE :agency IS NOT NULL
    UNION
    SELECT a.id FROM agencies a JOIN unit_agencies u ON a.parent_id = u.id OR a.successor_id = u.id
  )`;

function unitFilter(unit: Unit): string {
  if (unit.kind === 'agency') return 'AND c.office_agency_id IN (SELECT id FROM unit_agencies)';
  if (unit.kind === 'officer') return 'AND c.officer_name = :officer';
  return '';
}

/**
 * The columns of the index the unit's cases are read by, then the row: grouping by them keeps one
 * group per case and lets SQLite read the cases through that index without sorting them. An
 * agency's cases are read by office (INDEXED BY: the planner cannot tell how few agencies the
 * recursive unit holds, and would rather scan every case).
 */
function groupInReadOrder(unit: Unit): string {
  if (unit.kind === 'agency') return 'c.office_agency_id, c.accepted_on, c.rowid';
  if (unit.kind === 'officer') return 'c.officer_name, c.accepted_on, c.rowid';
  return 'c.rowid';
}

function unitArgs(unit: Unit) {
  return { agency: unit.kind === 'agency' ? unit.agencyId : null, officer: unit.kind === 'officer' ? unit.name : null };
}

/** The columns of a case kept beside its contribution, for lists and reports. */
const DETAILS = 'c.id, c.judgment_number, c.office_agency_id, c.officer_name,';

/**
 * Each case of the unit the period counts, with where it stands at the period's end. The row's own
 * status and classification serve when they date from before the end; older periods look into the
 * dated histories (index seeks). Finished before the period: left out. `oneMonth`: only the cases
 * accepted in rowsByMonth's month, read through an index on the acceptance date.
 */
function contributionsSql(unit: Unit, columns = DETAILS, oneMonth = false): string {
  const statusAt = `CASE WHEN c.status_on <= :to THEN c.status
                ELSE coalesce((SELECT h.status FROM case_status_history h WHERE h.case_id = c.id AND h.on_date <= :to
                                ORDER BY h.on_date DESC, h.id DESC LIMIT 1), 'accepted') END`;
  const notYetAt = `(CASE WHEN c.classification_on <= :to THEN c.classification
                ELSE coalesce((SELECT k.classification FROM case_classification_history k WHERE k.case_id = c.id AND k.on_date <= :to
                                ORDER BY k.on_date DESC, k.id DESC LIMIT 1), c.classification) END) = 'not_yet_enforceable'`;
  // "CASE x WHEN …" evaluates x once: each history is looked into at most once per case. Not
  // materialized: every statement reads the contributions once, streamed from the scan (writing
  // them to a temporary table first cost 15 of 141 ms for 100 000 cases).
  return `
  WITH RECURSIVE ${UNIT_AGENCIES},
  contributions AS NOT MATERIALIZED (
    SELECT ${columns} c.accepted_on < :from AS carried,
           CASE ${statusAt}
             WHEN 'completed' THEN ${COMPLETED}
             WHEN 'terminated' THEN ${TERMINATED}
             WHEN 'postponed' THEN CASE WHEN ${notYetAt} THEN ${NOT_YET} ELSE ${POSTPONED} END
             ELSE CASE WHEN ${notYetAt} THEN ${NOT_YET} ELSE ${IN_PROGRESS} END
           END AS bucket,
           c.amount_due - c.amount_collected - c.amount_terminated - c.amount_reduced + coalesce(sum(e.amount), 0) AS money_start,
           coalesce(sum(e.amount) FILTER (WHERE e.kind = 'collected'  AND e.on_date <= :to), 0) AS collected,
           coalesce(sum(e.amount) FILTER (WHERE e.kind = 'terminated' AND e.on_date <= :to), 0) AS terminated,
           coalesce(sum(e.amount) FILTER (WHERE e.kind = 'reduced'    AND e.on_date <= :to), 0) AS reduced
      -- The case's money events since the period's start, read from the (case, date) index: a
      -- join on a grouped CTE of events made SQLite build an automatic index on every call.
      FROM cases c ${unit.kind === 'agency' ? 'INDEXED BY cases_office_accepted' : ''}
           LEFT JOIN case_money_events e ON e.case_id = c.id AND e.on_date >= :from
     -- "+": a plain scan; the index on accepted_on would fetch nearly every row one by one.
     WHERE +c.accepted_on <= :to ${oneMonth ? `AND ${ACCEPTED_IN_MONTH}` : ''}
       AND NOT (c.status IN ${FINISHED} AND c.status_on < :from)
       ${unitFilter(unit)}
     -- One row per case, grouped in the order the cases are read (no sort).
     GROUP BY ${groupInReadOrder(unit)}
  )`;
}

/**
 * Money sums. Each amount is at most 2^53 đ, so a sum of many can pass what SQLite's 64-bit
 * integers hold (its sum() then fails with "integer overflow") and what a JavaScript number holds
 * exactly. The plain sums are tried first (a real register is far below 9,2 × 10^18 đ); on overflow
 * each sum is taken again in two parts, amount / 10^9 and amount % 10^9, each far within 64 bits
 * for any number of cases, sent as text and joined as a BigInt.
 */
const SPLIT = 1_000_000_000;
/** Each money sum: what is summed, over the contributions that match (FILTER: cheaper than a CASE per row, 113 → 101 ms with the events' sums so). */
const MONEY_SUMS: Record<string, { sum: string; where?: string }> = {
  m_accepted: { sum: 'money_start' },
  m_carried: { sum: 'money_start', where: 'carried' },
  m_enforceable: { sum: 'money_start', where: ENFORCEABLE },
  m_collected: { sum: 'collected', where: ENFORCEABLE },
  m_terminated: { sum: 'terminated', where: ENFORCEABLE },
  m_reduced: { sum: 'reduced', where: ENFORCEABLE },
  m_postponed: { sum: 'money_start - collected - terminated - reduced', where: `bucket = ${POSTPONED}` },
  m_pending: { sum: 'money_start - collected - terminated - reduced', where: UNFINISHED },
};

/** The sums of `contributions`: the same arithmetic as figuresOf in shared/statistics.ts. */
function aggregates(split: boolean): string {
  const money = Object.entries(MONEY_SUMS).map(([key, { sum, where }]) => {
    const filter = where ? ` FILTER (WHERE ${where})` : '';
    return split
      ? `CAST(coalesce(sum((${sum}) / ${SPLIT})${filter}, 0) AS TEXT) AS ${key}_hi, CAST(coalesce(sum((${sum}) % ${SPLIT})${filter}, 0) AS TEXT) AS ${key}_lo`
      : `CAST(coalesce(sum(${sum})${filter}, 0) AS TEXT) AS ${key}_lo`;
  });
  return `
  count(*) AS accepted, coalesce(sum(carried), 0) AS carried_over, coalesce(sum(bucket = ${NOT_YET}), 0) AS not_yet,
  coalesce(sum(bucket = ${COMPLETED}), 0) AS completed, coalesce(sum(bucket = ${TERMINATED}), 0) AS terminated_cases,
  coalesce(sum(bucket = ${POSTPONED}), 0) AS postponed,
  ${money.join(',\n  ')}`;
}

/** Rows of the sums over `contributions`: plain sums, or split ones when a plain sum overflows. */
async function sums(sql: Sql, query: (aggregates: string) => string, args: Record<string, InValue>): Promise<Row[]> {
  try {
    return await all(sql, query(aggregates(false)), args);
  } catch (error) {
    if (!/integer overflow/i.test(String((error as Error)?.message))) throw error;
    return all(sql, query(aggregates(true)), args);
  }
}

/** The counts of `aggregates`, in this order in `Sums.counts`. */
const COUNTS = ['accepted', 'carried_over', 'not_yet', 'completed', 'terminated_cases', 'postponed'] as const;
const MONEY = Object.keys(MONEY_SUMS);

/** The sums of some cases' contributions: counts, and money exact as BigInt. Sums of disjoint sets of cases add up. */
interface Sums { counts: number[]; money: bigint[] }

function sumsOf(row: Row): Sums {
  return {
    counts: COUNTS.map((key) => Number(row[key] ?? 0)),
    // A money sum of `aggregates`, exact as a BigInt (split or not).
    money: MONEY.map((key) => BigInt(String(row[`${key}_hi`] ?? '0')) * BigInt(SPLIT) + BigInt(String(row[`${key}_lo`] ?? '0'))),
  };
}

function addSums(parts: Iterable<Sums>): Sums {
  const total: Sums = { counts: COUNTS.map(() => 0), money: MONEY.map(() => 0n) };
  for (const part of parts) {
    part.counts.forEach((n, i) => { total.counts[i] += n; });
    part.money.forEach((n, i) => { total.money[i] += n; });
  }
  return total;
}

/** The figures of some sums; money as a number is exact up to 2^53 đ (9 triệu tỷ đồng). */
function toFigures({ counts, money: amounts }: Sums): Figures {
  const [accepted, carriedOver, notYet, completed, terminated, postponed] = counts;
  const cases = {
    accepted, carriedOver, newlyAccepted: accepted - carriedOver,
    enforceable: accepted - notYet, notYetEnforceable: notYet, completed, terminated,
    postponed, inProgress: accepted - notYet - completed - terminated - postponed,
    pending: accepted - completed - terminated,
  };
  const m = (key: string) => Number(amounts[MONEY.indexOf(key)]);
  const money = {
    accepted: m('m_accepted'), carriedOver: m('m_carried'), newlyAccepted: m('m_accepted') - m('m_carried'),
    enforceable: m('m_enforceable'), notYetEnforceable: m('m_accepted') - m('m_enforceable'),
    collected: m('m_collected'), terminated: m('m_terminated'), reduced: m('m_reduced'), postponed: m('m_postponed'), pending: m('m_pending'),
  };
  return {
    cases, money,
    rates: {
      cases: casesRate(cases.completed, cases.terminated, cases.enforceable),
      money: moneyRate(money.collected, money.terminated, money.reduced, money.enforceable),
    },
  };
}

function args(period: Period, unit: Unit) {
  return { from: period.from, to: period.to, ...unitArgs(unit) };
}

/**
 * The sums of the unit's contributions to a period, per month of acceptance (and per `by` column
 * when given): of the `months` given, one query each, or of every month in one query when null.
 */
export async function countByMonth(sql: Sql, period: Period, unit: Unit, months: string[] | null, by?: string): Promise<Map<string, Map<string, Sums>>> {
  const columns = `${ACCEPTANCE_MONTH} AS month, ${by ? `${by} AS key,` : `'' AS key,`}`;
  const rows = await rowsByMonth(months, (oneMonth, monthArgs) => sums(longReads(sql),
    (aggregates) => `${contributionsSql(unit, columns, oneMonth)} SELECT month, key, ${aggregates} FROM contributions GROUP BY month${by ? ', key' : ''}`,
    { ...args(period, unit), ...monthArgs }));
  const byMonth = new Map<string, Map<string, Sums>>();
  for (const row of rows) {
    const month = String(row.month);
    if (!byMonth.has(month)) byMonth.set(month, new Map());
    byMonth.get(month)!.set(String(row.key), sumsOf(row));
  }
  return byMonth;
}

/** The figures of a period and unit; kept per month of acceptance until the register changes there (cache.ts). */
export function computeFigures(sql: Sql, period: Period, unit: Unit): Promise<Figures> {
  return keptByMonth(sql, `figures|${period.from}|${period.to}|${unitKey(unit)}`, period.to.slice(0, 7),
    async (months) => new Map([...await countByMonth(sql, period, unit, months)].map(([month, parts]) => [month, parts.get('')!])),
    (parts) => toFigures(addSums(parts)));
}

/** Figures per enforcement office (or per officer) of the unit: the ranking's input. */
export async function computeFiguresBy(sql: Sql, period: Period, unit: Unit, by: 'office' | 'officer'): Promise<{ key: string; figures: Figures }[]> {
  const column = by === 'office' ? 'office_agency_id' : 'officer_name';
  return keptByMonth(sql, `figures-by-${by}|${period.from}|${period.to}|${unitKey(unit)}`, period.to.slice(0, 7),
    (months) => countByMonth(sql, period, unit, months, `c.${column}`),
    (parts) => {
      const byKey = new Map<string, Sums[]>();
      for (const part of parts) {
        for (const [key, sums] of part) {
          const list = byKey.get(key);
          if (list) list.push(sums);
          else byKey.set(key, [sums]);
        }
      }
      return [...byKey].map(([key, sums]) => ({ key, figures: toFigures(addSums(sums)) }));
    },
    (part) => part.size);
}

function toContribution(row: Record<string, unknown>): CaseContribution {
  return {
    caseId: String(row.id), judgmentNumber: String(row.judgment_number), officeAgencyId: String(row.office_agency_id),
    officerName: String(row.officer_name), carried: Boolean(row.carried), bucket: BUCKETS[Number(row.bucket)],
    moneyStart: Number(row.money_start), collected: Number(row.collected), terminated: Number(row.terminated), reduced: Number(row.reduced),
  };
}

/** Every case's contribution (frozen reports, differences). */
export async function computeContributions(sql: Sql, period: Period, unit: Unit): Promise<CaseContribution[]> {
  const rows = await all(longReads(sql), `${contributionsSql(unit)} SELECT * FROM contributions ORDER BY judgment_number`, args(period, unit));
  return rows.map(toContribution);
}

/** The SQL condition of a figure over `contributions` (mirrors inFigure in shared/statistics.ts). */
const FIGURE_SQL: Record<Figure, string> = {
  accepted: '1',
  carriedOver: 'carried',
  newlyAccepted: 'NOT carried',
  enforceable: ENFORCEABLE,
  notYetEnforceable: `bucket = ${NOT_YET}`,
  completed: `bucket = ${COMPLETED}`,
  terminated: `bucket = ${TERMINATED}`,
  postponed: `bucket = ${POSTPONED}`,
  inProgress: `bucket = ${IN_PROGRESS}`,
  pending: UNFINISHED,
  collected: `${ENFORCEABLE} AND collected <> 0`,
  terminatedOrReduced: `${ENFORCEABLE} AND (terminated <> 0 OR reduced <> 0)`,
};

export interface FigureCase extends CaseContribution {
  officeShortName: string;
  status: string;
  /** The caller's agency may open the case (policy case.read); parties only then. */
  readable: boolean;
  creditor: string | null;
  debtor: string | null;
}

/**
 * The cases that make up a figure that the viewer may see, a page at a time. The figures are shared
 * by every agency; the cases behind them are not: `total` counts them all, `hidden` those of other
 * agencies, listed nowhere.
 */
export async function figureCases(sql: Sql, period: Period, unit: Unit, figure: Figure, viewerAgencyId: string, page: { offset: number; limit: number }) {
  const where = FIGURE_SQL[figure];
  const base = { ...args(period, unit), viewer: viewerAgencyId, limit: page.limit, offset: page.offset };
  const reader = longReads(sql);
  const [rows, [count]] = await Promise.all([
    all(reader, `${contributionsSql(unit)}
      SELECT k.*, a.short_name AS office_short_name, c.status, c.creditor, c.debtor
        FROM contributions k JOIN cases c ON c.id = k.id JOIN agencies a ON a.id = k.office_agency_id
       WHERE ${where} AND ${visibleCase('c', ':viewer')}
       ORDER BY k.judgment_number LIMIT :limit OFFSET :offset`, base),
    all(reader, `${contributionsSql(unit)}
      SELECT count(*) AS n, coalesce(sum(${visibleCase('c', ':viewer')}), 0) AS visible
        FROM contributions k JOIN cases c ON c.id = k.id WHERE ${where}`, { ...args(period, unit), viewer: viewerAgencyId }),
  ]);
  const cases: FigureCase[] = rows.map((row) => ({
    ...toContribution(row), officeShortName: String(row.office_short_name), status: String(row.status), readable: true,
    creditor: String(row.creditor), debtor: String(row.debtor),
  }));
  return { total: Number(count.n), visible: Number(count.visible), hidden: Number(count.n) - Number(count.visible), cases };
}

/** The plan SQLite chooses for the figures (the benchmark prints it). */
export async function explainFigures(sql: Sql, period: Period, unit: Unit): Promise<string[]> {
  const rows = await all(sql, `EXPLAIN QUERY PLAN ${contributionsSql(unit, '')} SELECT ${aggregates(false)} FROM contributions`, args(period, unit));
  return rows.map((row) => String(row.detail));
}
