/**
 * Figures kept per revision of the case register (server/domain/statistics/cache.ts, migration
 * 0016): a case created through the API, a step recorded, a write by another process straight to
 * the tables, and a change of an agency's place in the tree all show in the next figures; figures
 * computed inside a transaction that is rolled back are never served; every table the figures
 * read moves the revision on insert, update and delete. Kept per month of acceptance (migration
 * 0017): a change counts again only the months it touched, and the sums equal a count from scratch.
 */
import { describe, expect, it, vi } from 'vitest';
import type { InStatement } from '@libsql/client';
import { one, type Sql } from '../../server/db/client.ts';
import { registerRevision } from '../../server/domain/statistics/cache.ts';
import { computeFigures, computeFiguresBy } from '../../server/domain/statistics/figures.ts';
import { statisticalYear, type Unit } from '../../shared/statistics.ts';
import { ReadThread } from '../../server/db/read-thread.ts';
import { DEMO_AGENCY_IDS, DEMO_IDS } from '../../server/demo/seed.ts';
import { localDate } from '../../shared/format.ts';
import { createTestDb, serverSuite, startTestServer, trpc, volumeDbSuite } from '../helpers.ts';

const suite = serverSuite(() => startTestServer(), ['thads']);
const today = localDate();
const period = { from: `${today.slice(0, 4)}-01-01`, to: `${today.slice(0, 4)}-12-31` };
const all = { kind: 'all' } as const;

const figures = async () => {
  const { data, error } = await trpc(suite.server.url, suite.cookies.thads, 'statistics.figures', { period, unit: all });
  expect(error).toBeUndefined();
  return data.figures as { cases: { accepted: number; completed: number }; money: { accepted: number; collected: number } };
};

describe('statistics kept per revision of the register', () => {
  it('a case created, a step with money, and a write by another process show in the next figures', async () => {
    const before = await figures();
    expect(await figures()).toEqual(before);

    const created = await trpc(suite.server.url, suite.cookies.thads, 'cases.create', {
      judgmentNumber: '99/2026/DS-ST', judgmentDate: today, courtName: 'Tòa án nhân dân khu vực 1 - Phú Thọ', caseType: 'civil',
      debtor: 'Công ty TNHH Kiểm Thử', amountDue: 700_000_000, classification: 'enforceable', acceptedOn: today,
    }, 'mutation');
    expect(created.error).toBeUndefined();
    const caseId = created.data.id as string;
    const afterCreate = await figures();
    expect(afterCreate.cases.accepted).toBe(before.cases.accepted + 1);
    expect(afterCreate.money.accepted).toBe(before.money.accepted + 700_000_000);

    const step = await trpc(suite.server.url, suite.cookies.thads, 'cases.recordStatus', {
      caseId, status: 'verification', onDate: today, money: { kind: 'collected', amount: 200_000_000 },
    }, 'mutation');
    expect(step.error).toBeUndefined();
    expect((await figures()).money.collected).toBe(afterCreate.money.collected + 200_000_000);

    // Another instance (or a script) writing straight to the database: the triggers move the revision.
    await suite.server.testDb.db.write(async (tx) => {
      await tx.execute({ sql: 'UPDATE cases SET amount_due = amount_due + 1000000 WHERE id = ?', args: [caseId] });
    });
    expect((await figures()).money.accepted).toBe(afterCreate.money.accepted + 1_000_000);
  });

  it('figures computed inside a transaction that rolls back are not kept', async () => {
    const { db } = suite.server.testDb;
    const before = await computeFigures(db, period, all);
    // Kept: the same result, not computed again.
    expect(await computeFigures(db, period, all)).toBe(before);
    await expect(db.write(async (tx) => {
      await tx.execute({ sql: 'UPDATE cases SET amount_due = amount_due + 5000000 WHERE id = ?', args: [DEMO_IDS.case] });
      const inside = await computeFigures(tx, period, all);
      expect(inside.money.accepted).not.toBe(before.money.accepted);
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect(await computeFigures(db, period, all)).toEqual(before);
  });

  it('every table the figures read moves the revision on insert, update and delete', async () => {
    const { db } = suite.server.testDb;
    const moves = async (statement: string, args: (string | number)[] = []) => {
      const before = await registerRevision(db);
      await db.write(async (tx) => { await tx.execute({ sql: statement, args }); });
      return (await registerRevision(db)) > before;
    };
    const user = (await one<{ id: string }>(db, "SELECT id FROM users WHERE email = 'thads@demo.concord.vn'"))!.id;
    const now = new Date().toISOString();
    expect(await moves("UPDATE agencies SET parent_id = parent_id WHERE id = ?", [DEMO_AGENCY_IDS.thads])).toBe(true);
    for (const [table, insert] of [
      ['case_money_events', `INSERT INTO case_money_events (id, case_id, kind, amount, on_date, user_id, recorded_at) VALUES (987654, ?, 'collected', 1, '${today}', '${user}', '${now}')`],
    ] as const) {
      expect(await moves(insert, [DEMO_IDS.case]), `${table} insert`).toBe(true);
      expect(await moves(`UPDATE ${table} SET amount = 2 WHERE id = 987654`), `${table} update`).toBe(true);
      expect(await moves(`DELETE FROM ${table} WHERE id = 987654`), `${table} delete`).toBe(true);
    }
    const triggers = await db.execute("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_revision_%'");
    const covered = new Set(triggers.rows.map((row) => `${row.tbl_name}:${/AFTER (\w+)/.exec(String(row.sql))![1]}`));
    for (const table of ['cases', 'case_status_history', 'case_classification_history', 'case_money_events', 'agencies']) {
      for (const event of ['INSERT', 'UPDATE', 'DELETE']) expect(covered.has(`${table}:${event}`), `${table} ${event}`).toBe(true);
    }
  });

  it('figures are counted in the read thread, which starts again after it stopped, and passes on SQLite errors', async () => {
    const { db } = suite.server.testDb;
    const thread = db.longReads as ReadThread;
    expect(thread).toBeInstanceOf(ReadThread);
    expect(thread.started).toBeGreaterThan(0);
    await thread.close();
    const started = thread.started;
    await db.write(async (tx) => { await tx.execute({ sql: 'UPDATE cases SET debtor = debtor WHERE id = ?', args: [DEMO_IDS.case] }); });
    await computeFigures(db, period, all);
    expect(thread.started).toBe(started + 1);
    await expect(thread.execute('SELECT * FROM no_such_table')).rejects.toThrow(/no such table/);
    await expect(thread.execute("INSERT INTO register_revision (id, revision) VALUES (2, 0)")).rejects.toThrow();
  });
});

describe('money sums past 64 bits', () => {
  it('1 100 cases of 2^53 − 1 đ each: the plain sum overflows, the split sum is exact', async () => {
    const testDb = await createTestDb();
    const { db } = testDb;
    try {
      const year = today.slice(0, 4);
      const base = await computeFigures(db, period, all);
      await db.write(async (tx) => {
        await tx.execute({ sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1100)
          INSERT INTO cases (id, judgment_number, judgment_date, court_name, office_agency_id, case_type, amount_due, classification, status, accepted_on, created_at)
          SELECT 'huge-' || i, 'HUGE/' || i, ?, 'Tòa án', ?, 'civil', 9007199254740991, 'enforceable', 'accepted', ?, ? FROM n`,
        args: [`${year}-01-02`, DEMO_AGENCY_IDS.thads, `${year}-01-02`, new Date().toISOString()] });
      });
      const figures = await computeFigures(db, period, all);
      expect(figures.cases.accepted).toBe(base.cases.accepted + 1100);
      const expected = BigInt(base.money.accepted) + 1100n * 9007199254740991n;
      expect(BigInt(figures.money.accepted)).toBe(BigInt(Number(expected)));
      expect(figures.money.accepted).toBeGreaterThan(9.2e18);
    } finally {
      testDb.cleanup();
    }
  });
});


describe('figures kept per month of acceptance', () => {
  const testDb = volumeDbSuite(1500);

  const year = statisticalYear(2025);
  const units: Unit[] = [{ kind: 'all' }, { kind: 'agency', agencyId: 'vol-kv-2' }];
  /** The figures counted from scratch: not through the Db, so nothing is kept. */
  const fresh = (): Sql => ({ execute: (stmt) => testDb.db.execute(stmt) });
  const write = (sql: string, args: (string | number)[] = []) => testDb.db.write(async (tx) => { await tx.execute({ sql, args }); });
  const monthRevision = async (month: string) => Number((await one<{ revision: number }>(testDb.db, 'SELECT revision FROM register_months WHERE month = ?', [month]))?.revision ?? -1);
  /** The months the next statements count again, one query each (null: the whole register at once). */
  const recounted = async (work: () => Promise<unknown>) => {
    const reads = testDb.db.longReads;
    const months: (string | null)[] = [];
    const execute = reads.execute.bind(reads);
    const spy = vi.spyOn(reads, 'execute').mockImplementation((stmt: InStatement) => {
      if (typeof stmt !== 'string' && /FROM contributions/.test(stmt.sql)) {
        const { monthFrom } = (stmt.args ?? {}) as Record<string, unknown>;
        months.push(typeof monthFrom === 'string' ? monthFrom.slice(0, 7) : null);
      }
      return execute(stmt);
    });
    try {
      await work();
    } finally {
      spy.mockRestore();
    }
    return months;
  };
  const expectAsFromScratch = async () => {
    for (const unit of units) {
      expect(await computeFigures(testDb.db, year, unit)).toEqual(await computeFigures(fresh(), year, unit));
      const kept = await computeFiguresBy(testDb.db, year, unit, 'office');
      const counted = await computeFiguresBy(fresh(), year, unit, 'office');
      expect([...kept].sort((a, b) => a.key.localeCompare(b.key))).toEqual([...counted].sort((a, b) => a.key.localeCompare(b.key)));
    }
  };

  it('a change counts again only the months it touched; the sums equal a count from scratch after each kind of change', async () => {
    const all = { kind: 'all' } as const;
    expect(await recounted(() => computeFigures(testDb.db, year, all))).toEqual([null]);
    expect(await recounted(() => computeFigures(testDb.db, year, all))).toEqual([]);
    await expectAsFromScratch();

    const target = (await one<{ id: string; accepted_on: string }>(testDb.db,
      "SELECT id, accepted_on FROM cases WHERE accepted_on BETWEEN '2025-01-01' AND '2025-03-31' AND status NOT IN ('completed', 'terminated') ORDER BY id LIMIT 1"))!;
    const month = target.accepted_on.slice(0, 7);
    const user = (await one<{ id: string }>(testDb.db, "SELECT id FROM users WHERE email = 'thads@demo.concord.vn'"))!.id;
    const now = new Date().toISOString();

    // A step with its history row and money: that month alone.
    await write("UPDATE cases SET status = 'completed', status_on = '2025-06-01' WHERE id = ?", [target.id]);
    await write("INSERT INTO case_status_history (case_id, status, on_date, user_id, recorded_at) VALUES (?, 'completed', '2025-06-01', ?, ?)", [target.id, user, now]);
    await write("INSERT INTO case_money_events (case_id, kind, amount, on_date, user_id, recorded_at) VALUES (?, 'collected', 123456789, '2025-06-01', ?, ?)", [target.id, user, now]);
    expect(await recounted(() => computeFigures(testDb.db, year, all))).toEqual([month]);
    await expectAsFromScratch();

    // The acceptance date moves to another month: both months.
    await write("UPDATE cases SET accepted_on = '2024-11-15' WHERE id = ?", [target.id]);
    expect((await recounted(() => computeFigures(testDb.db, year, all))).sort()).toEqual(['2024-11', month].sort());
    await expectAsFromScratch();

    // A classification dated in the period, a case deleted, a new case in a month never seen.
    await write("INSERT INTO case_classification_history (case_id, classification, on_date, recorded_at) VALUES (?, 'not_yet_enforceable', '2025-02-01', ?)", [target.id, now]);
    const other = (await one<{ id: string; accepted_on: string }>(testDb.db, "SELECT id, accepted_on FROM cases WHERE accepted_on LIKE '2025-04%' LIMIT 1"))!;
    await write('DELETE FROM cases WHERE id = ?', [other.id]);
    await write(`INSERT INTO cases (id, judgment_number, judgment_date, court_name, office_agency_id, case_type, amount_due, classification, status, accepted_on, created_at)
      VALUES ('new-month', 'NEW/1', '2025-09-30', 'Tòa án', 'vol-kv-2', 'civil', 5000000, 'enforceable', 'accepted', '2025-09-30', ?)`, [now]);
    expect(await monthRevision('2025-09')).toBeGreaterThan(0);
    expect((await recounted(() => computeFigures(testDb.db, year, all))).sort()).toEqual(['2024-11', '2025-04', '2025-09'].sort());
    await expectAsFromScratch();

    // The agencies: an office merged into another moves every month of a unit.
    await write("UPDATE agencies SET successor_id = 'vol-kv-2' WHERE id = 'vol-kv-3'");
    expect(await recounted(() => computeFigures(testDb.db, year, all))).toEqual([null]);
    await expectAsFromScratch();

    // Months after the period's end are never read.
    await write("UPDATE cases SET debtor = debtor WHERE accepted_on > '2025-09-30' OR id = 'new-month'");
    expect(await recounted(() => computeFigures(testDb.db, year, all))).toEqual(['2025-09']);
  });

  it('every table the figures read moves the month of its case on insert, update and delete', async () => {
    const triggers = await testDb.db.execute("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_month_%'");
    const covered = new Set(triggers.rows.map((row) => `${row.tbl_name}:${/AFTER (\w+)/.exec(String(row.sql))![1]}`));
    for (const table of ['cases', 'case_status_history', 'case_classification_history', 'case_money_events']) {
      for (const event of ['INSERT', 'UPDATE', 'DELETE']) expect(covered.has(`${table}:${event}`), `${table} ${event}`).toBe(true);
    }
    const target = (await one<{ id: string; accepted_on: string }>(testDb.db, "SELECT id, accepted_on FROM cases WHERE id <> 'new-month' LIMIT 1"))!;
    const month = target.accepted_on.slice(0, 7);
    const moves = async (statement: string, args: (string | number)[] = []) => {
      const before = await monthRevision(month);
      await write(statement, args);
      return (await monthRevision(month)) > before;
    };
    const now = new Date().toISOString();
    expect(await moves(`INSERT INTO case_money_events (id, case_id, kind, amount, on_date, recorded_at) VALUES (555001, ?, 'reduced', 1, '2025-01-01', '${now}')`, [target.id])).toBe(true);
    expect(await moves('UPDATE case_money_events SET amount = 2 WHERE id = 555001')).toBe(true);
    expect(await moves('DELETE FROM case_money_events WHERE id = 555001')).toBe(true);
    expect(await moves(`INSERT INTO case_status_history (id, case_id, status, on_date, recorded_at) VALUES (555002, ?, 'verification', '2025-01-01', '${now}')`, [target.id])).toBe(true);
    expect(await moves("UPDATE case_status_history SET note = 'x' WHERE id = 555002")).toBe(true);
    expect(await moves('DELETE FROM case_status_history WHERE id = 555002')).toBe(true);
  });
});
