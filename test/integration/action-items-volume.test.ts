/**
 * `actionItems.mine` and `assignedByUs` at volume, through the real server: an agency with 600
 * items gets a bounded window without input, and every item exactly once when it walks the pages of
 * each group; the counts agree with the register and with the navigation's counter; filters and the
 * folded search apply in SQL; a bad cursor is refused in Vietnamese. The query plans of the lists
 * use the indexes of migration 0009 (no automatic index, no sort of the agency's items).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InStatement } from '@libsql/client';
import { all } from '../../server/db/client.ts';
import { DEMO_AGENCY_IDS } from '../../server/demo/seed.ts';
import { itemsStatement } from '../../server/domain/action-item/pages.ts';
import { ACTIVE_STATUSES } from '../../shared/action-items.ts';
import { nextCursor, WINDOW_FINISHED, WINDOW_OPEN } from '../../shared/action-item-pages.ts';
import { addDays, localDate } from '../../shared/format.ts';
import { signIn, startTestServer, trpc, type TestServer } from '../helpers.ts';

const COURT = DEMO_AGENCY_IDS.tand;
const ITEMS = 600;
const STATUSES = ['open', 'in_progress', 'reopened', 'reported_done', 'accepted', 'cancelled'] as const;

interface Item { id: string; title: string; dueDate: string; status: string; updatedAt: string; sourceKind: string; agencyId: string }


let server: TestServer;
const cookies = new Map<string, string>();
const query = async (who: string, path: string, input?: unknown) => {
  if (!cookies.has(who)) cookies.set(who, await signIn(server.url, `${who}@demo.concord.vn`));
  return trpc(server.url, cookies.get(who)!, path, input);
};
const today = localDate();

beforeAll(async () => {
  server = await startTestServer();
  const stmts: InStatement[] = [];
  for (let n = 1; n <= ITEMS; n++) {
    const status = STATUSES[n % STATUSES.length];
    // Several items share a due date and a change time, so that the cursors' tie-break on id matters.
    const due = addDays(today, (n % 40) - 20);
    const changed = new Date(Date.UTC(2026, 0, 1) + (n % 25) * 3_600_000).toISOString();
    stmts.push({
      sql: `INSERT INTO action_items (id, source_kind, agency_id, assigned_by_user_id, assigned_by_agency_id, title, description, due_date, status, created_at, updated_at)
            VALUES (?, ?, ?, 'user-thads', ?, ?, 'Báo cáo kết quả bằng văn bản.', ?, ?, ?, ?)`,
      args: [`vol-item-${String(n).padStart(4, '0')}`, n % 2 ? 'manual' : 'meeting', COURT, DEMO_AGENCY_IDS.thads,
        n === 77 ? 'Rà soát tài sản bảo đảm của Công ty Đất Việt' : `Nhiệm vụ phối hợp số ${n}`, due, status, changed, changed],
    });
  }
  await server.testDb.db.batch(stmts);
});
afterAll(() => server.close());

const registered = async (where: string, args: string[] = []) =>
  all<{ id: string; due_date: string; updated_at: string; status: string }>(server.testDb.db,
    `SELECT id, due_date, updated_at, status FROM action_items WHERE agency_id = ? ${where}`, [COURT, ...args] as string[]);
const activeList = `(${ACTIVE_STATUSES.map((s) => `'${s}'`).join(', ')})`;

describe('actionItems.mine at volume', () => {
  it('without input answers a bounded window: the items still to do due soonest and the last finished ones, each with id, title, dueDate and status', async () => {
    const result = await query('toaan', 'actionItems.mine');
    expect(result.status).toBe(200);
    const items = result.data as Item[];
    const active = await registered(`AND status IN ${activeList} ORDER BY due_date, id LIMIT ${WINDOW_OPEN}`);
    const finished = await registered(`AND status NOT IN ${activeList} ORDER BY updated_at DESC, id DESC LIMIT ${WINDOW_FINISHED}`);
    expect(items).toHaveLength(WINDOW_OPEN + WINDOW_FINISHED);
    expect(new Set(items.map((i) => i.id))).toEqual(new Set([...active, ...finished].map((r) => r.id)));
    const sorted = [...items].sort((a, b) => (a.dueDate === b.dueDate ? (a.id < b.id ? -1 : 1) : a.dueDate < b.dueDate ? -1 : 1));
    expect(items.map((i) => i.id)).toEqual(sorted.map((i) => i.id));
    for (const item of items) {
      expect(item).toMatchObject({ id: expect.any(String), title: expect.any(String), status: expect.any(String), agencyId: COURT });
      expect(item.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it.each(['open', 'done'] as const)('walking the pages of the %s group gives every item of the group exactly once, in order', async (group) => {
    const expected = group === 'open'
      ? await registered(`AND status IN ${activeList} ORDER BY due_date, id`)
      : await registered(`AND status NOT IN ${activeList} ORDER BY updated_at DESC, id DESC`);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 100; page++) {
      const result = await query('toaan', 'actionItems.mine', { group, limit: 37, ...(cursor ? { cursor } : {}) });
      expect(result.status).toBe(200);
      const items = result.data as Item[];
      seen.push(...items.map((i) => i.id));
      if (items.length < 37) break;
      cursor = nextCursor(group, items[items.length - 1]);
    }
    expect(seen).toEqual(expected.map((r) => r.id));
  });

  it('counts the groups as the register does, and the open ones as the navigation counter does', async () => {
    const counts = (await query('toaan', 'actionItems.counts', { of: 'mine' })).data;
    const active = await registered(`AND status IN ${activeList}`);
    const week = addDays(today, 7);
    expect(counts).toMatchObject({
      overdue: active.filter((r) => r.due_date < today).length,
      thisWeek: active.filter((r) => r.due_date >= today && r.due_date <= week).length,
      later: active.filter((r) => r.due_date > week).length,
      done: (await registered(`AND status NOT IN ${activeList}`)).length,
      reportedDone: (await registered("AND status = 'reported_done'")).length,
      total: (await registered('')).length,
    });
    expect(counts.overdue + counts.thisWeek + counts.later).toBe((await query('toaan', 'actionItems.activeCount')).data);
    expect(counts.options.meetings.length).toBeGreaterThanOrEqual(0);
  });

  it('filters by status and source in SQL, and finds words of the title with or without diacritics', async () => {
    const inProgress = (await query('toaan', 'actionItems.mine', { group: 'open', status: 'in_progress', limit: 200 })).data as Item[];
    expect(inProgress.map((i) => i.id)).toEqual((await registered("AND status = 'in_progress' ORDER BY due_date, id")).map((r) => r.id));
    const manual = (await query('toaan', 'actionItems.counts', { of: 'mine', filter: { source: 'manual' } })).data;
    expect(manual.total).toBe((await registered("AND source_kind = 'manual'")).length);
    for (const q of ['dat viet', 'Đất Việt', 'tai san bao dam']) {
      const found = (await query('toaan', 'actionItems.mine', { group: STATUSES[77 % 6] === 'in_progress' ? 'open' : 'done', q })).data as Item[];
      expect(found.map((i) => i.id), q).toEqual(['vol-item-0077']);
    }
    expect((await query('toaan', 'actionItems.mine', { q: '"*()' })).data).toEqual([]);
    expect((await query('vks', 'actionItems.mine', { group: 'done', q: 'dat viet' })).data).toEqual([]);
  });

  it('another agency sees none of the court’s items; the assigning agency pages them under assignedByUs', async () => {
    const vks = (await query('vks', 'actionItems.mine', { group: 'open', limit: 200 })).data as Item[];
    expect(vks.every((i) => i.agencyId === DEMO_AGENCY_IDS.vks)).toBe(true);
    const assigned = (await query('thads', 'actionItems.assignedByUs', { group: 'done', limit: 200 })).data as Item[];
    expect(assigned.length).toBe(200);
    const counts = (await query('thads', 'actionItems.counts', { of: 'assigned' })).data;
    expect(counts.reportedDone).toBe((await registered("AND status = 'reported_done'")).length);
  });

  it('refuses a malformed cursor, a cursor without a group and a page over 200 with a Vietnamese message', async () => {
    for (const input of [{ group: 'open', cursor: 'not a cursor' }, { cursor: `${today}|vol-item-0001` }, { group: 'open', limit: 201 }]) {
      const result = await query('toaan', 'actionItems.mine', input);
      expect(result.error?.data.code).toBe('BAD_REQUEST');
      expect(result.error?.message).toMatch(/con trỏ trang|tối đa|không được/i);
    }
  });

  it('the lists read the 0009 indexes: no automatic index, and the pages sort nothing', async () => {
    const live = server.deps.live;
    for (const filter of [undefined, { group: 'open' as const }, { group: 'done' as const }, { group: 'open' as const, cursor: `${today}|vol-item-0001` }]) {
      for (const side of ['agency', 'assigner'] as const) {
        const statement = (await itemsStatement(server.testDb.db, live, side, side === 'agency' ? COURT : DEMO_AGENCY_IDS.thads, filter))!;
        const plan = (await all(server.testDb.db, `EXPLAIN QUERY PLAN ${statement.sql}`, statement.args)).map((r) => String(r.detail));
        expect(plan.join('\n')).not.toMatch(/AUTOMATIC/);
        expect(plan.join('\n')).toMatch(side === 'agency' ? /action_items_agency_(page|changed)/ : /action_items_assigner_(page|changed)/);
        if (filter) expect(plan.join('\n'), JSON.stringify(filter)).not.toMatch(/TEMP B-TREE/);
      }
    }
  });
});
