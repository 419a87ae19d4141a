/**
 * Long reads (statistics over the whole register, their drill-down) in a worker thread with its own
 * connection to the database file. libsql's calls are synchronous under their promises: a 150 ms
 * query on the main connection stops every request and every live document for 150 ms, and a
 * dashboard computed after a change of the register (thirteen periods) for seconds. In the thread,
 * the event loop goes on serving while SQLite counts. The connection only reads (`query_only`) and
 * sees committed data only (WAL), like the main read connection. The thread starts on the first
 * long read and stops after a minute without one, so an idle server holds no second isolate.
 *
 * The thread's code is a string evaluated by the Worker (plain CommonJS), so it is the same file
 * whether the server runs from sources or from a bundle (as the log thread, collab/log-thread.ts).
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { InStatement, ResultSet } from '@libsql/client';
import type { Sql } from './client.ts';

const IDLE_MS = 60_000;
/** Statements kept prepared in the thread (the statistics' texts are long to prepare). */
const PREPARED = 64;

const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.libsql);
const db = new Database(workerData.file, { timeout: 5000 });
db.exec('PRAGMA query_only = 1');
const prepared = new Map();
function statement(sql) {
  let stmt = prepared.get(sql);
  if (stmt) { prepared.delete(sql); prepared.set(sql, stmt); return stmt; }
  stmt = db.prepare(sql);
  prepared.set(sql, stmt);
  if (prepared.size > workerData.prepared) prepared.delete(prepared.keys().next().value);
  return stmt;
}
parentPort.on('message', ({ id, sql, args }) => {
  try {
    const stmt = statement(sql);
    const rows = Array.isArray(args) ? stmt.all(...args) : stmt.all(args);
    parentPort.postMessage({ id, ok: true, rows });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, message: String(error && error.message || error), code: error && error.code });
  }
});
`;

export class ReadThread implements Sql {
  /** Threads started so far (tests check that long reads go through one). */
  started = 0;
  #worker: Worker | null = null;
  #pending = new Map<number, { resolve(result: ResultSet): void; reject(error: Error): void }>();
  #nextId = 1;
  #idle: ReturnType<typeof setTimeout> | undefined;
  readonly #libsql: string;

  constructor(private readonly file: string) {
    this.#libsql = resolveLibsql();
  }

  execute(stmt: InStatement): Promise<ResultSet> {
    const { sql, args = [] } = typeof stmt === 'string' ? { sql: stmt } : stmt;
    return new Promise<ResultSet>((resolve, reject) => {
      const id = this.#nextId++;
      this.#pending.set(id, { resolve, reject });
      clearTimeout(this.#idle);
      this.#thread().postMessage({ id, sql, args });
    });
  }

  #thread(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(THREAD_SOURCE, { eval: true, workerData: { file: this.file, libsql: this.#libsql, prepared: PREPARED } });
    this.started++;
    worker.unref();
    worker.on('message', ({ id, ok, rows, message, code }: { id: number; ok: boolean; rows?: Record<string, unknown>[]; message?: string; code?: string }) => {
      const pending = this.#pending.get(id);
      this.#pending.delete(id);
      if (ok) pending?.resolve({ rows, columns: [], columnTypes: [], rowsAffected: 0, lastInsertRowid: undefined, toJSON: () => rows } as unknown as ResultSet);
      else pending?.reject(Object.assign(new Error(message), { code }));
      if (this.#pending.size === 0) this.#idle = setTimeout(() => void this.close(), IDLE_MS).unref();
    });
    const gone = (error: Error) => {
      if (this.#worker !== worker) return;
      this.#worker = null;
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    };
    worker.on('error', (error) => gone(error));
    worker.on('exit', (code) => gone(new Error(`read thread exited (${code})`)));
    this.#worker = worker;
    return worker;
  }

  async close(): Promise<void> {
    clearTimeout(this.#idle);
    const worker = this.#worker;
    this.#worker = null;
    if (worker) await worker.terminate();
  }
}

/** libsql is @libsql/client's own native binding: resolved from there, so that it is the same one. */
export function resolveLibsql(): string {
  const require = createRequire(import.meta.url);
  return require.resolve('libsql', { paths: [dirname(require.resolve('@libsql/client'))] });
}
