/**
 * Reads on the main connection with their statements prepared once. @libsql/client prepares each
 * statement again at every call and asks its columns twice (a native call each): at 500 requests
 * a second that was 37 % of the server's CPU (`bench/api-load.ts`, profile in the README). The
 * answers are @libsql/client's: rows by column name (the first of two equal names wins) and by
 * index, integers as numbers (a RangeError past 2^53), blobs as ArrayBuffers. The connection only
 * reads (`query_only`): a statement that writes, `INSERT … RETURNING` included, is refused there
 * before it changes anything and goes to the client as before.
 */
import { createRequire } from 'node:module';
import type { Client, InStatement, ResultSet } from '@libsql/client';
import { resolveLibsql } from './thread-calls.ts';

/** Statements kept prepared, the least recently used dropped first. */
const PREPARED = 256;

interface NativeStatement {
  readonly reader: boolean;
  raw(raw: boolean): NativeStatement;
  safeIntegers(toggle: boolean): NativeStatement;
  columns(): { name: string }[];
  all(args: unknown): unknown[][];
}
interface NativeDatabase { prepare(sql: string): NativeStatement; exec(sql: string): void; close(): void }
interface Prepared { statement: NativeStatement; columns: string[] }

function valueOf(value: unknown): unknown {
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new RangeError('Received integer which cannot be safely represented as a JavaScript number');
    }
    return Number(value);
  }
  if (value instanceof Buffer) return value.buffer;
  return value;
}

function argOf(value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  if (value === undefined) throw new TypeError('undefined cannot be passed as a SQL argument');
  return value;
}

function argsOf(stmt: InStatement): unknown {
  if (typeof stmt === 'string' || stmt.args === undefined) return [];
  if (Array.isArray(stmt.args)) return stmt.args.map(argOf);
  const named: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(stmt.args)) named[/^[@$:]/.test(name) ? name.slice(1) : name] = argOf(value);
  return named;
}

function rowOf(values: unknown[], columns: string[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  Object.defineProperty(row, 'length', { value: values.length });
  for (let i = 0; i < values.length; i++) {
    const value = valueOf(values[i]);
    Object.defineProperty(row, i, { value });
    if (!Object.hasOwn(row, columns[i])) row[columns[i]] = value;
  }
  return row;
}

export class PreparedReads {
  readonly #db: NativeDatabase;
  readonly #prepared = new Map<string, Prepared | null>();

  constructor(file: string, private readonly client: Client) {
    const Database = createRequire(import.meta.url)(resolveLibsql());
    this.#db = new Database(file, { timeout: 5000 }) as NativeDatabase;
    this.#db.exec('PRAGMA query_only = 1');
  }

  async execute(stmt: InStatement): Promise<ResultSet> {
    const sql = typeof stmt === 'string' ? stmt : stmt.sql;
    const prepared = this.#statement(sql);
    if (!prepared) return this.client.execute(stmt);
    let values: unknown[][];
    try {
      values = prepared.statement.all(argsOf(stmt));
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_READONLY') throw error;
      this.#prepared.set(sql, null);
      return this.client.execute(stmt);
    }
    const rows = values.map((row) => rowOf(row, prepared.columns));
    return {
      columns: prepared.columns, columnTypes: prepared.columns.map(() => ''), rows, rowsAffected: 0, lastInsertRowid: undefined,
      toJSON: () => ({ columns: prepared.columns, rows: rows.map((row) => Array.from({ length: prepared.columns.length }, (_, i) => row[i])) }),
    } as unknown as ResultSet;
  }

  close(): void {
    this.#prepared.clear();
    this.#db.close();
  }

  /** The statement prepared, or null when it writes (its text is remembered as such). */
  #statement(sql: string): Prepared | null {
    const known = this.#prepared.get(sql);
    if (known !== undefined) {
      this.#prepared.delete(sql);
      this.#prepared.set(sql, known);
      return known;
    }
    const statement = this.#db.prepare(sql);
    const prepared = statement.reader ? { statement: statement.raw(true).safeIntegers(true), columns: statement.columns().map((c) => c.name) } : null;
    this.#prepared.set(sql, prepared);
    if (this.#prepared.size > PREPARED) this.#prepared.delete(this.#prepared.keys().next().value!);
    return prepared;
  }
}
