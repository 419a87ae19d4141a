/**
 * Statistics kept per state of the case register. Every write to the tables the figures are
 * computed from raises `register_revision` (triggers, migration 0016), so a result computed at a
 * revision is exact until it moves; a read of that one row (well under a millisecond) decides
 * whether a result kept in memory still holds. Everyone reads the same figures (statistics are
 * shared by design), so the dashboard's thirteen periods are computed once per change, not per visit.
 *
 * The figures are sums over cases, kept per month of acceptance: each month has its own revision
 * (register_months, migration 0017), so after a change only the months it touched are counted
 * again and added to the sums kept of the others. A change to the agencies (`structure`) counts
 * every month again.
 *
 * Only reads through the database itself are kept: inside a transaction the revisions may include
 * writes that are rolled back. The revisions are read before the sums, so a write landing between
 * the two only makes the kept sums look older than they are (counted again next time, never stale).
 * Other instances on the same database see the same revisions.
 */
import type { InValue } from '@libsql/client';
import { all, Db, one, type Row, type Sql } from '../../db/client.ts';

/** The register's revision, and `structure`, the count of changes to the agencies. */
async function registerState(sql: Sql): Promise<{ revision: number; structure: number }> {
  const row = await one<{ revision: number; structure: number }>(sql, 'SELECT revision, structure FROM register_revision WHERE id = 1');
  return { revision: Number(row?.revision ?? 0), structure: Number(row?.structure ?? 0) };
}

export async function registerRevision(sql: Sql): Promise<number> {
  return (await registerState(sql)).revision;
}

/** SQL: the month of acceptance ('YYYY-MM') of case `c`, what register_months keeps revisions by. */
export const ACCEPTANCE_MONTH = 'substr(c.accepted_on, 1, 7)';

/**
 * The rows of `query` for the months of acceptance given, one statement each (`oneMonth`: the
 * statement adds ACCEPTED_IN_MONTH, bound by the args given), or of every month in one statement
 * when `months` is null.
 */
export async function rowsByMonth(months: string[] | null, query: (oneMonth: boolean, args: Record<string, InValue>) => Promise<Row[]>): Promise<Row[]> {
  if (months === null) return query(false, {});
  return (await Promise.all(months.map((month) => query(true, { monthFrom: `${month}-01`, monthTo: `${month}-31` })))).flat();
}

/** SQL: case `c` accepted in the month of rowsByMonth's :monthFrom and :monthTo (read through an index on the date). */
export const ACCEPTED_IN_MONTH = 'c.accepted_on BETWEEN :monthFrom AND :monthTo';

/** Months of acceptance counted again one query each, up to this many; more in one query of the whole register. */
const MONTHS_ONE_BY_ONE = 6;
/** Sums kept over every `keptByMonth` entry of a database (a few hundred bytes each), by `weight`. */
const MAX_MONTH_PARTS = 20_000;

interface Month<P> { revision: number; part: P | undefined }
interface MonthlyState<P, R> { structure: number; months: Map<string, Month<P>>; result: R }
interface MonthlyEntry { revision: number; parts: number; state: Promise<MonthlyState<unknown, unknown>> }
const monthlyCaches = new WeakMap<Db, Map<string, MonthlyEntry>>();

/**
 * A sum over the register's cases kept per month of acceptance, up to `throughMonth` ('YYYY-MM';
 * later months hold no case of the period). `count(months)` answers the parts of those months (of
 * every month when null, in one query), leaving out months without any case counted; `combine`
 * adds parts up; `weight` is how many sums a part holds. Only the months whose revision moved since
 * the kept state are counted again.
 */
export async function keptByMonth<P, R>(
  sql: Sql, key: string, throughMonth: string,
  count: (months: string[] | null) => Promise<Map<string, P>>, combine: (parts: P[]) => R, weight: (part: P) => number = () => 1,
): Promise<R> {
  if (!(sql instanceof Db)) return combine([...(await count(null)).values()]);
  const { revision, structure } = await registerState(sql);
  let cache = monthlyCaches.get(sql);
  if (!cache) monthlyCaches.set(sql, (cache = new Map()));
  const kept = cache.get(key);
  if (kept && kept.revision === revision) {
    cache.delete(key);
    cache.set(key, kept);
    return (await kept.state).result as R;
  }
  // The state kept before (even while it is still being counted) is what the months not touched reuse.
  const previous = (kept?.state.catch(() => undefined) ?? Promise.resolve(undefined)) as Promise<MonthlyState<P, R> | undefined>;
  const entry: MonthlyEntry = { revision, parts: 0, state: undefined as never };
  const state = (async (): Promise<MonthlyState<P, R>> => {
    const [before, revisions] = await Promise.all([previous, monthRevisions(sql, throughMonth)]);
    const reusable = before && before.structure === structure ? before.months : new Map<string, Month<P>>();
    const dirty = [...revisions].filter(([month, at]) => reusable.get(month)?.revision !== at).map(([month]) => month);
    const counted = dirty.length === 0 ? new Map<string, P>() : await count(dirty.length > MONTHS_ONE_BY_ONE ? null : dirty);
    const recount = new Set(dirty);
    const months = new Map<string, Month<P>>();
    for (const [month, at] of revisions) months.set(month, { revision: at, part: recount.has(month) ? counted.get(month) : reusable.get(month)!.part });
    for (const { part } of months.values()) entry.parts += part === undefined ? 0 : weight(part);
    return { structure, months, result: combine([...months.values()].flatMap((m) => (m.part === undefined ? [] : [m.part]))) };
  })();
  entry.state = state as Promise<MonthlyState<unknown, unknown>>;
  cache.set(key, entry);
  state.catch(() => { if (cache.get(key) === entry) cache.delete(key); });
  const { result } = await state;
  let parts = 0;
  for (const other of cache.values()) parts += other.parts;
  for (const [oldest, other] of cache) {
    if (parts <= MAX_MONTH_PARTS || other === entry) break;
    parts -= other.parts;
    cache.delete(oldest);
  }
  return result;
}

async function monthRevisions(sql: Sql, throughMonth: string): Promise<Map<string, number>> {
  const rows = await all<{ month: string; revision: number }>(sql, 'SELECT month, revision FROM register_months WHERE month <= :through', { through: throughMonth });
  return new Map(rows.map((row) => [String(row.month), Number(row.revision)]));
}
