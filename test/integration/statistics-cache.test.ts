/**
 * Figures kept per revision of the case register (server/domain/statistics/cache.ts, migration
 * 0016): a case created through the API, a step recorded, a write by another process straight to
 * the tables, and a change of an agency's place in the tree all show in the next figures; figures
 * computed inside a transaction that is rolled back are never served; every table the figures
 * read moves the revision on insert, update and delete.
 */
import { describe, expect, it } from 'vitest';
import { one } from '../../server/db/client.ts';
import { registerRevision } from '../../server/domain/statistics/cache.ts';
import { computeFigures } from '../../server/domain/statistics/index.ts';
import { ReadThread } from '../../server/db/read-thread.ts';
import { DEMO_AGENCY_IDS, DEMO_IDS } from '../../server/demo/seed.ts';
import { localDate } from '../../shared/format.ts';
import { createTestDb, serverSuite, startTestServer, trpc } from '../helpers.ts';

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

