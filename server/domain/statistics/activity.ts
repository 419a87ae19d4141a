/**
 * What the dashboard shows beside the figures: complex cases by flag, joint meetings held and
 * whether their conclusions were done on time, for the agencies of a unit.
 */
import { all, longReads, one, type Sql } from '../../db/client.ts';
import { addFlagCounts, flagCountsOf, flagCountsSql, openOnSql } from '../case/flags.ts';
import { heldMeetingSql } from '../meeting/index.ts';
import { localDate } from '../../../shared/format.ts';
import { unitKey, type Period, type Unit } from '../../../shared/statistics.ts';
import { ACCEPTANCE_MONTH, ACCEPTED_IN_MONTH, keptByMonth, rowsByMonth } from './cache.ts';

const UNIT_AGENCIES = `
  WITH RECURSIVE unit_agencies(id) AS (
    SELECT :agency WHERE :agency IS NOT NULL
    UNION
    SELECT a.id FROM agencies a JOIN unit_agencies u ON a.parent_id = u.id OR a.successor_id = u.id
  )`;

/** A Viet Nam day's start as a UTC ISO instant (meetings store instants). */
const dayStartUtc = (date: string) => new Date(`${date}T00:00:00+07:00`).toISOString();
const nextDay = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/** The day complex cases of a period are counted on: its end, or today while it has not ended. */
export function complexAsOf(period: Period, today = localDate()): string {
  return period.to < today ? period.to : today;
}

/**
 * Cases open on the period's end (today while it runs) by complexity flag: the count rule of the
 * case register (case/flags.ts), the same the case list and the case page show; kept per
 * month of acceptance until the register changes there (cache.ts).
 */
export async function complexCasesByFlag(sql: Sql, period: Period, unit: Unit) {
  const asOf = complexAsOf(period);
  const counts = await keptByMonth(sql, `complex|${asOf}|${unitKey(unit)}`, asOf.slice(0, 7),
    (months) => countComplexByMonth(sql, asOf, unit, months), (parts) => addFlagCounts(asOf, parts));
  return counts.byFlag;
}

/** The complex cases of the unit per month of acceptance (of the `months` given, or of all), by the count rule of case/flags.ts. */
export async function countComplexByMonth(sql: Sql, asOf: string, unit: Unit, months: string[] | null) {
  const filter = unit.kind === 'agency' ? 'c.office_agency_id IN (SELECT id FROM unit_agencies)' : unit.kind === 'officer' ? 'c.officer_name = :officer' : '1';
  const rows = await rowsByMonth(months, (oneMonth, monthArgs) => all(longReads(sql), `${UNIT_AGENCIES}
    SELECT ${ACCEPTANCE_MONTH} AS month, ${flagCountsSql(':asOf')} FROM cases c
     WHERE ${openOnSql('c', ':asOf')} AND ${filter} ${oneMonth ? `AND ${ACCEPTED_IN_MONTH}` : ''}
     GROUP BY month`, {
    agency: unit.kind === 'agency' ? unit.agencyId : null, officer: unit.kind === 'officer' ? unit.name : null, asOf, ...monthArgs,
  }));
  return new Map(rows.map((row) => [String(row.month), flagCountsOf(row)]));
}

/**
 * Meetings held (meeting/index.ts heldMeetingSql) and chaired by the unit's agencies in the period
 * (all meetings for the whole register or an officer), and the conclusions' action items due in
 * the period: done on time when reported done (or accepted) no later than their due date.
 */
export async function meetingActivity(sql: Sql, period: Period, unit: Unit) {
  const scoped = unit.kind === 'agency';
  const agencyFilter = (column: string) => (scoped ? `AND ${column} IN (SELECT id FROM unit_agencies)` : '');
  const params = { agency: scoped ? unit.agencyId : null, start: dayStartUtc(period.from), end: dayStartUtc(nextDay(period.to)), from: period.from, to: period.to, now: new Date().toISOString() };
  const meetings = await all(sql, `${UNIT_AGENCIES}
    SELECT m.kind, count(*) AS n, coalesce(sum(m.status = 'approved'), 0) AS approved
      FROM meetings m
     WHERE ${heldMeetingSql('m', ':now')} AND m.starts_at >= :start AND m.starts_at < :end ${agencyFilter('m.chair_agency_id')}
     GROUP BY m.kind ORDER BY m.kind`, params);
  const conclusions = await one(sql, `${UNIT_AGENCIES},
    items AS (
      SELECT i.due_date, i.status,
             (SELECT min(e.at) FROM action_item_events e WHERE e.item_id = i.id AND e.to_status IN ('reported_done', 'accepted')) AS done_at
        FROM action_items i JOIN meetings m ON m.id = i.meeting_id
       WHERE i.conclusion_id IS NOT NULL AND i.status <> 'cancelled' AND i.due_date BETWEEN :from AND :to ${agencyFilter('m.chair_agency_id')}
    )
    SELECT count(*) AS due,
           coalesce(sum(status IN ('reported_done', 'accepted') AND date(coalesce(done_at, '9999-12-31'), '+7 hours') <= due_date), 0) AS on_time,
           coalesce(sum(status IN ('reported_done', 'accepted')), 0) AS done
      FROM items`, params);
  return {
    meetings: meetings.map((row) => ({ kind: String(row.kind), held: Number(row.n), approved: Number(row.approved) })),
    conclusions: { due: Number(conclusions?.due ?? 0), done: Number(conclusions?.done ?? 0), onTime: Number(conclusions?.on_time ?? 0) },
  };
}
