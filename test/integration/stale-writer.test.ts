/**
 * A BEGIN that libsql saw refused (another process held the file's lock) leaves that connection
 * unusable: every later BEGIN on it is refused too, long after the lock is free (seen with two
 * instances editing live documents on one file: 10 s of refusals, the process's write queue
 * stalled behind them, a third of the edits late; bench/collab-propagation.ts `cluster`). The
 * database replaces a refused writer connection before trying again. Here another connection
 * holds the write lock while Concord writes, as another instance does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '@libsql/client';
import { Db, one } from '../../server/db/client.ts';

describe('a writer connection refused while another process holds the lock', () => {
  let dir: string;
  let url: string;
  let reader: Client;
  let holder: Client;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'concord-stale-'));
    url = `file:${join(dir, 'db.sqlite')}`;
    reader = createClient({ url });
    await reader.execute('PRAGMA journal_mode = WAL');
    await reader.execute('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
    holder = createClient({ url, timeout: 0 });
  });
  afterEach(() => {
    holder.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const writer = () => createClient({ url, timeout: 0, concurrency: 1 });
  /** Holds the write lock for `ms` with a row of its own, as another instance's transaction does. */
  async function holdLock(ms: number) {
    const held = await holder.transaction('write');
    await held.execute({ sql: 'INSERT INTO notes (text) VALUES (?)', args: ['của tiến trình khác'] });
    return new Promise<void>((resolve, reject) => setTimeout(() => held.commit().then(() => { held.close(); resolve(); }, reject), ms));
  }

  it('is replaced: the write waits for the lock and goes through, then a batch on the new connection', async () => {
    let opened = 0;
    const db = new Db(reader, writer(), join(dir, 'db.sqlite'), async () => { opened++; return writer(); });
    try {
      const released = holdLock(150);
      await db.write(async (tx) => { await tx.execute({ sql: 'INSERT INTO notes (text) VALUES (?)', args: ['của Concord'] }); });
      await released;
      expect(opened).toBeGreaterThan(0);
      const before = opened;
      await db.batch([{ sql: 'INSERT INTO notes (text) VALUES (?)', args: ['lô của Concord'] }]);
      expect(opened).toBe(before);
      expect(await one<{ n: number }>(db, 'SELECT count(*) AS n FROM notes')).toEqual({ n: 3 });
    } finally {
      db.close();
    }
  });

  it('kept (libsql as it is), the same connection cannot commit once the lock is free: why it is replaced', async () => {
    const kept = writer();
    const held = await holder.transaction('write');
    await kept.transaction('write').then(() => { throw new Error('the lock was free'); }, () => undefined);
    await held.commit();
    held.close();
    const again = await kept.transaction('write').then(async (tx) => {
      try {
        await tx.execute({ sql: 'INSERT INTO notes (text) VALUES (?)', args: ['sau khi khóa được nhả'] });
        await tx.commit();
        return 'committed';
      } catch (error) {
        return (error as Error).message;
      } finally {
        tx.close();
      }
    }, (error: Error) => error.message);
    kept.close();
    expect(again).toMatch(/SQL statements in progress|locked/);
  });
});
