/**
 * The lists of an agency's action items at volume: one group at a time, a page at a time, with
 * their counts computed in SQL (an agency may hold thousands of items; the page and the navigation
 * never read them all). Without a group the answer is a bounded window: the items still to do
 * due soonest, and the most recently finished of the others (shared/action-item-pages.ts).
 */
import { all, one, type Db } from '../../db/client.ts';
import type { LiveDocuments } from '../live-documents.ts';
import { drainSearchQueue, parseQuery } from '../search/index.ts';
import { SELECT, toItem, type ActionItemSummary } from './index.ts';
import { ACTIVE_STATUSES } from '../../../shared/action-items.ts';
import { PAGE_DEFAULT, WINDOW_FINISHED, WINDOW_OPEN, type ActionItemPageInput, type ItemGroup } from '../../../shared/action-item-pages.ts';
import { localDate } from '../../../shared/format.ts';

/** Whose list: the work given to the agency, or the work it gave. */
export type ItemSide = 'agency' | 'assigner';

type Filter = NonNullable<ActionItemPageInput>;
type Args = Record<string, string | number | null>;

const ACTIVE = `(${ACTIVE_STATUSES.map((s) => `'${s}'`).join(', ')})`;
const sideColumn = (side: ItemSide) => (side === 'agency' ? 'agency_id' : 'assigned_by_agency_id');

/**
 * The conditions of the filter on `i`, with their arguments. A search goes through the folded
 * full-text index (the same as the search box), so "bao cao" finds "báo cáo"; null when the
 * search has no word at all (nothing matches).
 */
async function conditions(db: Db, live: Pick<LiveDocuments, 'read'>, side: ItemSide, agencyId: string, filter: Filter) {
  const where = [`i.${sideColumn(side)} = :agency`];
  const args: Args = { agency: agencyId };
  if (filter.status) { where.push('i.status = :status'); args.status = filter.status; }
  if (filter.source) { where.push('i.source_kind = :source'); args.source = filter.source; }
  if (filter.agreementId) { where.push('i.agreement_id = :agreementId'); args.agreementId = filter.agreementId; }
  if (filter.meetingId) { where.push('i.meeting_id = :meetingId'); args.meetingId = filter.meetingId; }
  if (filter.assigneeUserId) { where.push('i.assignee_user_id = :assignee'); args.assignee = filter.assigneeUserId; }
  if (filter.q !== undefined && filter.q.trim() !== '') {
    const query = parseQuery(filter.q);
    if (!query) return null;
    if ((await all(db, 'SELECT 1 FROM search_queue LIMIT 1')).length) await drainSearchQueue(db, live);
    // The full-text match runs once and drives (a join on rowid would run it again for every entry).
    where.push(`i.id IN (SELECT e.ref_id FROM search_entries e
                          WHERE e.id IN (SELECT rowid FROM search_index WHERE search_index MATCH :match) AND e.kind = 'action_item')`);
    args.match = query.match;
  }
  return { where, args };
}

/** The statement of one answer (exported for the query-plan test and the benchmark). */
export async function itemsStatement(db: Db, live: Pick<LiveDocuments, 'read'>, side: ItemSide, agencyId: string, filter: Filter = {}) {
  const found = await conditions(db, live, side, agencyId, filter);
  if (!found) return null;
  const { where, args } = found;
  if (!filter.group) {
    // The window: the first WINDOW_OPEN items still to do, and the last WINDOW_FINISHED of the others.
    const open = `SELECT i.id FROM action_items i WHERE ${[...where, `i.status IN ${ACTIVE}`].join(' AND ')} ORDER BY i.due_date, i.id LIMIT ${WINDOW_OPEN}`;
    const done = `SELECT i.id FROM action_items i WHERE ${[...where, `i.status NOT IN ${ACTIVE}`].join(' AND ')} ORDER BY i.updated_at DESC, i.id DESC LIMIT ${WINDOW_FINISHED}`;
    return { sql: `${SELECT} WHERE i.id IN (SELECT id FROM (${open}) UNION ALL SELECT id FROM (${done})) ORDER BY i.due_date, i.id`, args };
  }
  args.limit = filter.limit ?? PAGE_DEFAULT;
  if (filter.group === 'open') {
    where.push(`i.status IN ${ACTIVE}`);
    if (filter.cursor) {
      const [key, id] = splitCursor(filter.cursor);
      where.push('(i.due_date > :key OR (i.due_date = :key AND i.id > :id))');
      Object.assign(args, { key, id });
    }
    return { sql: `${SELECT} WHERE ${where.join(' AND ')} ORDER BY i.due_date, i.id LIMIT :limit`, args };
  }
  where.push(`i.status NOT IN ${ACTIVE}`);
  if (filter.cursor) {
    const [key, id] = splitCursor(filter.cursor);
    where.push('(i.updated_at < :key OR (i.updated_at = :key AND i.id < :id))');
    Object.assign(args, { key, id });
  }
  return { sql: `${SELECT} WHERE ${where.join(' AND ')} ORDER BY i.updated_at DESC, i.id DESC LIMIT :limit`, args };
}

function splitCursor(cursor: string): [string, string] {
  const bar = cursor.indexOf('|');
  return [cursor.slice(0, bar), cursor.slice(bar + 1)];
}

/** One answer of `mine` / `assignedByUs`: the window, or a page of one group. */
export async function listItems(db: Db, live: Pick<LiveDocuments, 'read'>, side: ItemSide, agencyId: string, filter: Filter = {}): Promise<ActionItemSummary[]> {
  const statement = await itemsStatement(db, live, side, agencyId, filter);
  if (!statement) return [];
  return (await all(db, statement.sql, statement.args)).map(toItem);
}

export interface ItemCounts {
  overdue: number; thisWeek: number; later: number;
  /** Not to do any more: reported done, accepted, cancelled. */
  done: number;
  reportedDone: number;
  total: number;
}

/** The groups' sizes under the filter, counted in SQL (the group and cursor of the filter are ignored). */
export async function countItems(db: Db, live: Pick<LiveDocuments, 'read'>, side: ItemSide, agencyId: string, filter: Filter = {}, today = localDate()): Promise<ItemCounts> {
  const found = await conditions(db, live, side, agencyId, { ...filter, group: undefined, cursor: undefined });
  if (!found) return { overdue: 0, thisWeek: 0, later: 0, done: 0, reportedDone: 0, total: 0 };
  const week = new Date(`${today}T00:00:00Z`);
  week.setUTCDate(week.getUTCDate() + 7);
  const row = await one(db, `
    SELECT count(*) AS total,
           coalesce(sum(i.status IN ${ACTIVE} AND i.due_date < :today), 0) AS overdue,
           coalesce(sum(i.status IN ${ACTIVE} AND i.due_date >= :today AND i.due_date <= :week), 0) AS this_week,
           coalesce(sum(i.status IN ${ACTIVE} AND i.due_date > :week), 0) AS later,
           coalesce(sum(i.status = 'reported_done'), 0) AS reported_done
      FROM action_items i WHERE ${found.where.join(' AND ')}`,
  { ...found.args, today, week: week.toISOString().slice(0, 10) });
  const n = (key: string) => Number(row?.[key] ?? 0);
  return {
    overdue: n('overdue'), thisWeek: n('this_week'), later: n('later'),
    done: n('total') - n('overdue') - n('this_week') - n('later'), reportedDone: n('reported_done'), total: n('total'),
  };
}

/** What the page's filters offer: the agreements, meetings and people of the agency's items. */
export async function itemFilterOptions(db: Db, side: ItemSide, agencyId: string) {
  const column = sideColumn(side);
  const [agreements, meetings, people] = await Promise.all([
    all(db, `SELECT g.id, g.title FROM agreements g WHERE g.id IN (SELECT agreement_id FROM action_items WHERE ${column} = ? AND agreement_id IS NOT NULL) ORDER BY g.title`, [agencyId]),
    all(db, `SELECT m.id, m.title FROM meetings m WHERE m.id IN (SELECT meeting_id FROM action_items WHERE ${column} = ? AND meeting_id IS NOT NULL) ORDER BY m.starts_at DESC`, [agencyId]),
    all(db, `SELECT u.id, u.name FROM users u WHERE u.id IN (SELECT assignee_user_id FROM action_items WHERE ${column} = ? AND assignee_user_id IS NOT NULL) ORDER BY u.name`, [agencyId]),
  ]);
  const pairs = (rows: Record<string, unknown>[], label: string) => rows.map((r) => [String(r.id), String(r[label])] as [string, string]);
  return { agreements: pairs(agreements, 'title'), meetings: pairs(meetings, 'title'), people: pairs(people, 'name') };
}

export type { ItemGroup };
