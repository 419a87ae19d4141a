/**
 * Long reads (statistics over the whole register, their drill-down) in a worker thread with its own
 * connection to the database file. libsql's calls are synchronous under their promises: a 150 ms
 * query on the main connection stops every request and every live document for 150 ms, and a
 * dashboard computed after a change of the register (thirteen periods) for seconds. In the thread,
 * the event loop goes on serving while SQLite counts. The connection only reads (`query_only`) and
 * sees committed data only (WAL), like the main read connection. The thread starts on the first
 * long read and stops after a minute without one, so an idle server holds no second isolate.
 */
import type { InStatement, ResultSet } from '@libsql/client';
import type { Sql } from './client.ts';
import { resolveLibsql, ThreadCalls, type ThreadAnswer } from './thread-calls.ts';

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
  readonly #calls: ThreadCalls<ThreadAnswer & { rows?: Record<string, unknown>[] }>;
  #idle: ReturnType<typeof setTimeout> | undefined;

  constructor(file: string) {
    this.#calls = new ThreadCalls('read thread', THREAD_SOURCE, { file, libsql: resolveLibsql(), prepared: PREPARED });
  }

  /** Threads started so far (tests check that long reads go through one). */
  get started(): number {
    return this.#calls.started;
  }

  async execute(stmt: InStatement): Promise<ResultSet> {
    const { sql, args = [] } = typeof stmt === 'string' ? { sql: stmt } : stmt;
    clearTimeout(this.#idle);
    try {
      const { rows = [] } = await this.#calls.call({ sql, args });
      return { rows, columns: [], columnTypes: [], rowsAffected: 0, lastInsertRowid: undefined, toJSON: () => rows } as unknown as ResultSet;
    } finally {
      if (this.#calls.pending === 0) this.#idle = setTimeout(() => void this.close(), IDLE_MS).unref();
    }
  }

  async close(): Promise<void> {
    clearTimeout(this.#idle);
    await this.#calls.close();
  }
}
