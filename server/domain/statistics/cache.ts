/**
 * Figures kept per state of the case register. Every write to the tables the figures are computed
 * from raises `register_revision` (triggers, migration 0016), so figures computed at a revision are
 * exact until it moves; a read of that one row (well under a millisecond) decides whether a result
 * kept in memory still holds. Everyone reads the same figures (statistics are shared by design),
 * so the dashboard's thirteen periods are computed once per change of the register, not per visit.
 *
 * Only reads through the database itself are kept: inside a transaction the revision may include
 * writes that are rolled back. The revision is read before the figures, so a write landing between
 * the two only makes the kept result look older than it is (computed again next time, never stale).
 * Other instances on the same database see the same revision.
 */
import { Db, one, type Sql } from '../../db/client.ts';

/** Results kept per database (a few hundred bytes to a few kilobytes each). */
const MAX_ENTRIES = 500;

interface Entry { revision: number; value: Promise<unknown> }
const caches = new WeakMap<Db, Map<string, Entry>>();

export async function registerRevision(sql: Sql): Promise<number> {
  const row = await one<{ revision: number }>(sql, 'SELECT revision FROM register_revision WHERE id = 1');
  return Number(row?.revision ?? 0);
}

/** `compute()` once per revision of the register and `key`; the result is shared, to be read and not changed. */
export async function atRegisterRevision<T>(sql: Sql, key: string, compute: () => Promise<T>): Promise<T> {
  if (!(sql instanceof Db)) return compute();
  const revision = await registerRevision(sql);
  let cache = caches.get(sql);
  if (!cache) caches.set(sql, (cache = new Map()));
  const kept = cache.get(key);
  if (kept && kept.revision === revision) {
    // Most recently used last: the first key is the one to drop.
    cache.delete(key);
    cache.set(key, kept);
    return kept.value as Promise<T>;
  }
  const value = compute();
  cache.set(key, { revision, value });
  // A failed computation is not kept.
  value.catch(() => { if (cache.get(key)?.value === value) cache.delete(key); });
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return value;
}
