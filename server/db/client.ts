import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReadThread } from './read-thread.ts';
import { PreparedReads } from './prepared-reads.ts';
import { createClient, type Client, type InStatement, type InValue, type ResultSet, type Transaction } from '@libsql/client';

export type Row = Record<string, unknown>;
export type Args = InValue[] | Record<string, InValue>;

/** What a domain function needs to run SQL: the database itself or an open transaction. */
export interface Sql {
  execute(stmt: InStatement): Promise<ResultSet>;
}

/**
 * The database: a libsql client for reads, one for writes, and an in-process write lock.
 *
 * SQLite has one writer at a time. A second connection's `BEGIN IMMEDIATE` would busy-wait
 * synchronously (libsql's calls are synchronous under the promise), freezing the event loop while
 * the first transaction waits on it: a deadlock until the busy timeout. So every write transaction
 * of this process goes through `write()`, one after the other, on the writer's single connection;
 * reads run freely beside them (WAL).
 */
export class Db implements Sql {
  readonly client: Client;
  #writer: Client;
  readonly #openWriter: (() => Promise<Client>) | null;
  #writeQueue: Promise<unknown> = Promise.resolve();

  /** The database file's path when it is a local file (the log and the read thread open connections of their own to it). */
  readonly file: string | null;
  #longReads: ReadThread | null = null;
  /** A local file's reads, their statements prepared once (`prepared-reads.ts`). */
  readonly #reads: PreparedReads | null;

  constructor(client: Client, writer: Client = client, file: string | null = null, openWriter: (() => Promise<Client>) | null = null) {
    this.client = client;
    this.#writer = writer;
    this.file = file;
    this.#openWriter = openWriter;
    this.#reads = file ? new PreparedReads(file, client) : null;
  }

  /**
   * Begins on the writer once the file's lock is free. A BEGIN that libsql saw refused (another
   * process held the lock) leaves that connection unusable: its refused statement stays in
   * progress, so every later BEGIN on it fails too ("SQL statements in progress", then
   * BUSY_SNAPSHOT on the snapshot it pins), whatever the wait. Seen with two instances editing live
   * documents on one file: every retry refused for 10 s and the process's write queue stalled
   * behind it. So a refused connection is replaced by a new one before the next try.
   */
  #onWriter<T>(begin: (writer: Client) => Promise<T>): Promise<T> {
    return whenUnlocked(async () => {
      try {
        return await begin(this.#writer);
      } catch (error) {
        if (this.#openWriter && isBusy(error)) {
          const stale = this.#writer;
          this.#writer = await this.#openWriter();
          stale.close();
        }
        throw error;
      }
    });
  }

  execute(stmt: InStatement): Promise<ResultSet> {
    return this.#reads ? this.#reads.execute(stmt) : this.client.execute(stmt);
  }

  /** Runs `work` in one write transaction: all of it is saved, or none of it. */
  write<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const run = async () => {
      const tx = await this.#onWriter((writer) => writer.transaction('write'));
      try {
        const result = await work(tx);
        await tx.commit();
        for (const callback of committed.get(tx) ?? []) callback();
        return result;
      } catch (error) {
        await tx.rollback().catch(() => {});
        throw error;
      } finally {
        tx.close();
      }
    };
    const result = this.#writeQueue.then(run, run);
    this.#writeQueue = result.catch(() => {});
    return result;
  }

  /** Statements known in advance, applied atomically (one round trip to a remote server). */
  batch(stmts: InStatement[]): Promise<ResultSet[]> {
    return this.exclusive(() => this.#onWriter((writer) => writer.batch(stmts, 'write')));
  }

  /**
   * Runs `work` in the write queue's turn: no transaction of this process is open meanwhile. For a
   * writer on another connection (the live documents' log), which then never waits on the lock.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#writeQueue.then(work, work);
    this.#writeQueue = result.catch(() => {});
    return result;
  }

  /** Where long reads run: a worker thread with its own connection for a local file (read-thread.ts), else this client. */
  get longReads(): Sql {
    if (!this.file) return this;
    return (this.#longReads ??= new ReadThread(this.file));
  }

  close(): void {
    void this.#longReads?.close();
    this.#reads?.close();
    this.client.close();
    if (this.#writer !== this.client) this.#writer.close();
  }
}

export async function openDb(url: string, authToken?: string): Promise<Db> {
  const path = !url.startsWith('file:') ? null : url.startsWith('file://') ? fileURLToPath(url) : url.slice('file:'.length);
  if (path) mkdirSync(dirname(path), { recursive: true });
  const client = createClient({ url, authToken, timeout: 5000 });
  if (!url.startsWith('file:')) return new Db(client);
  // WAL lets readers go on while a write commits; it is a property of the file, set once. SQLite
  // answers the mode it kept when it cannot take the lock to change it (another instance opening a
  // new file at the same moment): then a commit would wait on every reader, so it is asked again,
  // each time on a connection of its own (a refused connection is not reused: see #onWriter).
  await whenUnlocked(async () => {
    const setup = createClient({ url, authToken, timeout: 5000 });
    try {
      const mode = String((await setup.execute('PRAGMA journal_mode = WAL')).rows[0]?.[0] ?? '').toLowerCase();
      if (mode !== 'wal') throw Object.assign(new Error(`SQLITE_BUSY: journal mode is still ${mode}`), { code: 'SQLITE_BUSY' });
    } finally {
      setup.close();
    }
  });
  // The writer's one connection commits without an fsync per transaction (WAL, synchronous=NORMAL):
  // a commit is in the WAL file before it returns, so it survives the process being killed at any
  // moment (the contract's kill -9); only a power cut can lose the last commits, never corrupt the
  // file. An fsync per commit blocked the event loop (libsql's calls are synchronous) for every
  // live-document write.
  // No busy timeout on the writer: another process holding the lock answers SQLITE_BUSY at once and
  // the transaction is tried again after a pause (`whenUnlocked`), instead of the event loop waiting.
  const openWriter = async () => {
    const writer = createClient({ url, authToken, timeout: 0, concurrency: 1 });
    await writer.execute('PRAGMA synchronous = NORMAL');
    return writer;
  };
  return new Db(client, await openWriter(), path, openWriter);
}

/** How long a write waits for another process (another instance on the same file) to release the lock. */
const LOCKED_FOR_MS = 10_000;

export function isBusy(error: unknown): boolean {
  const code = (error as { code?: string; rawCode?: number } | null)?.code;
  return code === 'SQLITE_BUSY' || (error as { rawCode?: number } | null)?.rawCode === 5 || /database is locked|SQLITE_BUSY/.test(String((error as Error)?.message));
}

/** Begins (`begin`) once the file's write lock is free: pauses of 1, 2, 4 … 20 ms between tries (until LOCKED_FOR_MS), never a synchronous wait. */
export async function whenUnlocked<T>(begin: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + LOCKED_FOR_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      return await begin();
    } catch (error) {
      if (!isBusy(error) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(2 ** attempt, 20)));
    }
  }
}

/** Where a long read of `sql` runs: the database's read thread, or the open transaction itself. */
export function longReads(sql: Sql): Sql {
  return sql instanceof Db ? sql.longReads : sql;
}

const committed = new WeakMap<object, (() => void)[]>();

/** Runs `callback` once `tx` (opened by `Db.write`) has committed; never if it rolls back (nor outside a transaction). */
export function afterCommit(tx: Sql, callback: () => void): void {
  const callbacks = committed.get(tx) ?? [];
  callbacks.push(callback);
  committed.set(tx, callbacks);
}

/** Reads rows of a transaction or the database as plain objects. */
export async function all<T = Row>(sql: Sql, text: string, args: Args = []): Promise<T[]> {
  return (await sql.execute({ sql: text, args })).rows as unknown as T[];
}

export async function one<T = Row>(sql: Sql, text: string, args: Args = []): Promise<T | undefined> {
  return (await all<T>(sql, text, args))[0];
}
