import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers.ts';

/** Reads through `Db.execute` (statements prepared once) answer as @libsql/client does. */
describe('reads with their statements prepared once', () => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await createTestDb({ seed: false });
    await testDb.db.batch([
      'CREATE TABLE probe (id INTEGER PRIMARY KEY, name TEXT, data BLOB, big INTEGER)',
      { sql: 'INSERT INTO probe VALUES (1, ?, ?, ?)', args: ['Thi hành án', new Uint8Array([1, 2, 3]).buffer, 2 ** 40] },
      { sql: 'INSERT INTO probe VALUES (2, ?, NULL, ?)', args: ['Tòa án', 9_007_199_254_740_993n] },
    ]);
  });
  afterAll(() => testDb.cleanup());

  it('gives each row by column name and by index, the first of two equal names winning, as the client does', async () => {
    const sql = 'SELECT p.id, p.name, q.name AS other, p.id AS id FROM probe p JOIN probe q ON q.id = 3 - p.id WHERE p.id = ?';
    const [ours, client] = await Promise.all([testDb.db.execute({ sql, args: [1] }), testDb.db.client.execute({ sql, args: [1] })]);
    for (const result of [ours, client]) {
      const row = result.rows[0];
      expect({ ...row }).toEqual({ id: 1, name: 'Thi hành án', other: 'Tòa án' });
      expect([row[0], row[1], row[2], row[3], row.length]).toEqual([1, 'Thi hành án', 'Tòa án', 1, 4]);
      expect(result.columns).toEqual(['id', 'name', 'other', 'id']);
    }
    // Asked again, the prepared statement answers with its new arguments.
    expect({ ...(await testDb.db.execute({ sql, args: [2] })).rows[0] }).toEqual({ id: 2, name: 'Tòa án', other: 'Thi hành án' });
  });

  it('binds named arguments, reads blobs as ArrayBuffers and refuses an integer past 2^53', async () => {
    const { rows } = await testDb.db.execute({ sql: 'SELECT data, big FROM probe WHERE id = :id', args: { id: 1 } });
    expect(rows[0].data).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(rows[0].data as ArrayBuffer)]).toEqual([1, 2, 3]);
    expect(rows[0].big).toBe(2 ** 40);
    await expect(testDb.db.execute({ sql: 'SELECT big FROM probe WHERE id = ?', args: [2] })).rejects.toThrow(RangeError);
    await expect(testDb.db.execute({ sql: 'SELECT name FROM probe WHERE id = ?', args: [Number.NaN] })).rejects.toThrow(RangeError);
  });

  it('leaves a statement that writes to the client, which counts what it changed', async () => {
    const result = await testDb.db.execute({ sql: "UPDATE probe SET name = name || '.' WHERE id = ?", args: [1] });
    expect(result.rowsAffected).toBe(1);
    expect((await testDb.db.execute('SELECT name FROM probe WHERE id = 1')).rows[0].name).toBe('Thi hành án.');
  });

  it('leaves a write that returns rows to the client too: it is done once, on the writing connection', async () => {
    const sql = "INSERT INTO probe (id, name) VALUES (?, 'Công an') RETURNING id";
    for (const id of [3, 4]) {
      const result = await testDb.db.execute({ sql, args: [id] });
      expect(result.rows.map((r) => r.id)).toEqual([id]);
    }
    expect((await testDb.db.execute("SELECT count(*) AS n FROM probe WHERE name = 'Công an'")).rows[0].n).toBe(2);
  });

  it('says what is wrong with a statement that does not prepare', async () => {
    await expect(testDb.db.execute('SELECT nobody FROM probe')).rejects.toThrow(/no such column: nobody/);
  });
});
