/**
 * Where the log writer's transactions run: with a local database file, on a connection of the log's
 * own (`FileLogStore`); with a remote libsql server, as one `Db.batch` of the main client. Either
 * way in the process's write queue (`Db.exclusive`), so no other transaction of this process is
 * open meanwhile and the two connections never wait on each other's lock. Readers see a commit
 * whole or not at all (WAL).
 */
import { createRequire } from 'node:module';
import { isBusy, whenUnlocked, type Db } from '../db/client.ts';
import { resolveLibsql } from '../db/thread-calls.ts';
import { editableText } from '../policy/scopes.ts';
import { PEER_AUTHOR, PEER_DELETION } from './authorship.ts';

/** One transaction of the log: snapshots first (each folds its log up to `seq`), then the new rows. */
export interface LogCommit {
  snapshots: { docName: string; state: Uint8Array; seq: number }[];
  /** `seq` is the least the row can get: the database gives it the next free one (another instance may have written). */
  rows: { docName: string; seq: number; data: Uint8Array }[];
  /** Who wrote the rows (`authorship.ts`), stored under the same condition as the rows. */
  authors: { docName: string; clientId: number; userId: string }[];
  deletions: { docName: string; userId: string; ranges: string }[];
  now: string;
}

export interface LogStore {
  /** Resolves with the seq each row was given, in the order of `batch.rows`; 0 for a row refused because its text no longer takes edits. */
  commit(batch: LogCommit): Promise<number[]>;
  /** After a commit failed: the rows' seqs if it was applied all the same (a remote server's answer was lost), else null. */
  committed(batch: LogCommit): Promise<number[] | null>;
  close(): Promise<void>;
}

// Several instances may write one document's log: a snapshot only ever moves forward (a lagging
// instance's older fold is not kept), and a row takes the next seq after every row and snapshot in
// the database, read inside the same write transaction, so no two rows collide and none hides
// behind a snapshot.
const UPSERT_SNAPSHOT = `INSERT INTO collab_snapshots (doc_name, state, seq, updated_at) VALUES (?, ?, ?, ?)
  ON CONFLICT (doc_name) DO UPDATE SET state = excluded.state, seq = excluded.seq, updated_at = excluded.updated_at
  WHERE excluded.seq > collab_snapshots.seq`;
const DELETE_FOLDED = 'DELETE FROM collab_updates WHERE doc_name = ? AND seq <= ?';
const NEXT_ROW = `INSERT INTO collab_updates (doc_name, seq, data, created_at)
  SELECT ?1, max(coalesce((SELECT max(seq) FROM collab_updates WHERE doc_name = ?1), 0),
                 coalesce((SELECT seq FROM collab_snapshots WHERE doc_name = ?1), 0)) + 1, ?2, ?3`;
/** A change the server makes in a command's transaction (which has checked the text's status itself). */
export const INSERT_ROW = `${NEXT_ROW} RETURNING seq`;
/**
 * A change people sent: stored only while the text takes edits, so that an edit reaching this
 * instance after another one froze the text (signed, approved) never lands on it. Refused, it
 * returns no row.
 */
const INSERT_PEER_ROW = `${NEXT_ROW} WHERE ${editableText('?1')} RETURNING seq`;

const STATEMENTS = {
  upsertSnapshot: UPSERT_SNAPSHOT, deleteFolded: DELETE_FOLDED, insertRow: INSERT_PEER_ROW, insertAuthor: PEER_AUTHOR, insertDeletion: PEER_DELETION,
};

/**
 * A commit is applied when its rows are there, found by their bytes at or after their least seq
 * (another instance's row may hold the seq this one expected), or (a compaction alone) when its
 * first snapshot stands at its seq.
 */
async function alreadyCommitted(db: Db, batch: LogCommit): Promise<number[] | null> {
  if (batch.rows.length > 0) {
    const seqs: number[] = [];
    for (const row of batch.rows) {
      const found = await db.client.execute({
        sql: 'SELECT seq FROM collab_updates WHERE doc_name = ? AND seq >= ? AND data = ? ORDER BY seq LIMIT 1',
        args: [row.docName, Math.max(row.seq, (seqs.at(-1) ?? 0) + 1), row.data],
      });
      if (found.rows.length === 0) return null;
      seqs.push(Number(found.rows[0].seq));
    }
    return seqs;
  }
  const snapshot = batch.snapshots[0];
  if (!snapshot) return [];
  const found = await db.client.execute({ sql: 'SELECT seq FROM collab_snapshots WHERE doc_name = ?', args: [snapshot.docName] });
  return found.rows.length > 0 && Number(found.rows[0].seq) >= snapshot.seq ? [] : null;
}

interface Statement { run(...args: unknown[]): unknown; get(...args: unknown[]): Record<string, unknown> | undefined }
interface Connection { exec(sql: string): void; prepare(sql: string): Statement; close(): void }

/**
 * The log's transactions on a connection of their own with their statements prepared once, run on
 * the event loop in the write queue's turn. A transaction is a few inserts and a commit into the
 * WAL (no fsync): 0,1–0,4 ms. In a worker thread (as before) the same work cost more than it
 * saved: two messages per commit (~60 µs of CPU each way), a thread woken for every commit on a
 * shared machine, and 26 MB for the thread's isolate.
 *
 * The connection has no busy timeout: while another instance holds the file's lock, BEGIN is
 * refused at once and tried again after a pause (`whenUnlocked`), never waited for synchronously;
 * a refused connection is replaced, as libsql leaves it unable to commit (`Db.#onWriter`).
 */
export class FileLogStore implements LogStore {
  #connection: { db: Connection; statements: Record<keyof typeof STATEMENTS, Statement> } | null = null;
  /** Connections opened so far (a refused one is replaced). */
  opened = 0;

  constructor(private readonly db: Db, private readonly file: string) {}

  commit(batch: LogCommit): Promise<number[]> {
    return this.db.exclusive(() => whenUnlocked(async () => this.#commitNow(batch)));
  }

  committed(batch: LogCommit): Promise<number[] | null> {
    return this.db.exclusive(() => alreadyCommitted(this.db, batch));
  }

  async close(): Promise<void> {
    this.#connection?.db.close();
    this.#connection = null;
  }

  #open() {
    if (this.#connection) return this.#connection;
    const Database = createRequire(import.meta.url)(resolveLibsql());
    const db = new Database(this.file, { timeout: 0 }) as Connection;
    db.exec('PRAGMA synchronous = NORMAL');
    const statements = Object.fromEntries(Object.entries(STATEMENTS).map(([name, sql]) => [name, db.prepare(sql)])) as Record<keyof typeof STATEMENTS, Statement>;
    this.opened++;
    return (this.#connection = { db, statements });
  }

  #commitNow(batch: LogCommit): number[] {
    const { db, statements } = this.#open();
    try {
      db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      if (isBusy(error)) {
        this.#connection = null;
        db.close();
      }
      throw error;
    }
    try {
      for (const s of batch.snapshots) {
        statements.upsertSnapshot.run(s.docName, s.state, s.seq, batch.now);
        statements.deleteFolded.run(s.docName, s.seq);
      }
      const seqs = batch.rows.map((r) => Number(statements.insertRow.get(r.docName, r.data, batch.now)?.seq ?? 0));
      for (const a of batch.authors) statements.insertAuthor.run(a.docName, a.clientId, a.userId);
      for (const d of batch.deletions) statements.insertDeletion.run(d.docName, d.userId, d.ranges, batch.now);
      db.exec('COMMIT');
      return seqs;
    } catch (error) {
      try {
        db.exec('ROLLBACK');
      } catch {
        // Nothing to roll back (SQLite rolled back itself).
      }
      throw error;
    }
  }
}

/** The log's transactions as one batch of the main client (a remote database has no file to share). */
export class BatchLogStore implements LogStore {
  constructor(private readonly db: Db) {}

  async commit(batch: LogCommit): Promise<number[]> {
    if (batch.snapshots.length === 0 && batch.rows.length === 0) return [];
    const results = await this.db.batch([
      ...batch.snapshots.flatMap((s) => [
        { sql: UPSERT_SNAPSHOT, args: [s.docName, s.state, s.seq, batch.now] },
        { sql: DELETE_FOLDED, args: [s.docName, s.seq] },
      ]),
      ...batch.rows.map((r) => ({ sql: INSERT_PEER_ROW, args: [r.docName, r.data, batch.now] })),
      ...batch.authors.map((a) => ({ sql: PEER_AUTHOR, args: [a.docName, a.clientId, a.userId] })),
      ...batch.deletions.map((d) => ({ sql: PEER_DELETION, args: [d.docName, d.userId, d.ranges, batch.now] })),
    ]);
    const first = 2 * batch.snapshots.length;
    return results.slice(first, first + batch.rows.length).map((result) => Number(result.rows[0]?.seq ?? 0));
  }

  committed(batch: LogCommit): Promise<number[] | null> {
    return this.db.exclusive(() => alreadyCommitted(this.db, batch));
  }

  async close(): Promise<void> {}
}

export function logStoreFor(db: Db): LogStore {
  return db.file ? new FileLogStore(db, db.file) : new BatchLogStore(db);
}
