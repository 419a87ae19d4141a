/**
 * Where the log writer's transactions run. With a local database file, in a worker thread with its
 * own connection and its statements prepared once: the event loop never waits on SQLite (libsql's
 * calls are synchronous under their promises) and prepares nothing per commit. The thread's turn is
 * taken in the process's write queue (`Db.exclusive`), so no other transaction of this process is
 * open meanwhile and neither connection ever waits on the other's lock. Readers see a commit whole
 * or not at all (WAL), as before. Without a file (a remote libsql server) the batch goes through the
 * main client as one `Db.batch`.
 */
import type { Db } from '../db/client.ts';
import { resolveLibsql, ThreadCalls, type ThreadAnswer } from '../db/thread-calls.ts';
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
  /** After a commit failed: the rows' seqs if it was applied all the same (the thread died between COMMIT and its answer), else null. */
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

const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.libsql);
const db = new Database(workerData.file, { timeout: 5000 });
db.exec('PRAGMA synchronous = NORMAL');
const upsertSnapshot = db.prepare(workerData.sql.upsertSnapshot);
const deleteFolded = db.prepare(workerData.sql.deleteFolded);
const insertRow = db.prepare(workerData.sql.insertRow);
const insertAuthor = db.prepare(workerData.sql.insertAuthor);
const insertDeletion = db.prepare(workerData.sql.insertDeletion);
parentPort.on('message', ({ id, packed }) => {
  const bytes = Buffer.from(packed.bytes);
  const slice = (offset, length) => bytes.subarray(offset, offset + length);
  try {
    const seqs = [];
    db.exec('BEGIN IMMEDIATE');
    try {
      for (const s of packed.snapshots) {
        upsertSnapshot.run(s.docName, slice(s.offset, s.length), s.seq, packed.now);
        deleteFolded.run(s.docName, s.seq);
      }
      for (const r of packed.rows) {
        const stored = insertRow.get(r.docName, slice(r.offset, r.length), packed.now);
        seqs.push(stored ? Number(stored.seq) : 0);
      }
      for (const a of packed.authors) insertAuthor.run(a.docName, a.clientId, a.userId);
      for (const d of packed.deletions) insertDeletion.run(d.docName, d.userId, d.ranges, packed.now);
      db.exec('COMMIT');
    } catch (error) {
      try { db.exec('ROLLBACK'); } catch {}
      throw error;
    }
    parentPort.postMessage({ id, ok: true, seqs });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, message: String(error && error.message || error) });
  }
});
`;

/**
 * The commit with every blob copied into one buffer that is moved, not copied, to the thread. A row
 * is often a view into the socket's read buffer, and posting the view would clone the whole buffer.
 */
function pack(batch: LogCommit) {
  let total = 0;
  for (const s of batch.snapshots) total += s.state.byteLength;
  for (const r of batch.rows) total += r.data.byteLength;
  const bytes = new Uint8Array(total);
  let offset = 0;
  const place = (data: Uint8Array) => {
    bytes.set(data, offset);
    offset += data.byteLength;
    return { offset: offset - data.byteLength, length: data.byteLength };
  };
  return {
    now: batch.now,
    snapshots: batch.snapshots.map((s) => ({ docName: s.docName, seq: s.seq, ...place(s.state) })),
    rows: batch.rows.map((r) => ({ docName: r.docName, seq: r.seq, ...place(r.data) })),
    authors: batch.authors,
    deletions: batch.deletions,
    bytes: bytes.buffer,
  };
}

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

/** The log's transactions in a worker thread, restarted after it dies. */
export class ThreadLogStore implements LogStore {
  readonly #calls: ThreadCalls<ThreadAnswer & { seqs?: number[] }>;

  constructor(private readonly db: Db, file: string) {
    this.#calls = new ThreadCalls('collab log thread', THREAD_SOURCE, { file, libsql: resolveLibsql(), sql: {
      upsertSnapshot: UPSERT_SNAPSHOT, deleteFolded: DELETE_FOLDED, insertRow: INSERT_PEER_ROW, insertAuthor: PEER_AUTHOR, insertDeletion: PEER_DELETION,
    } });
  }

  /** Threads started so far (tests check a dead one is replaced). */
  get started(): number {
    return this.#calls.started;
  }

  /** The running thread, for tests that kill it. */
  get worker() {
    return this.#calls.worker;
  }

  commit(batch: LogCommit): Promise<number[]> {
    return this.db.exclusive(async () => {
      const packed = pack(batch);
      const { seqs = [] } = await this.#calls.call({ packed }, [packed.bytes]);
      return seqs;
    });
  }

  committed(batch: LogCommit): Promise<number[] | null> {
    return this.db.exclusive(() => alreadyCommitted(this.db, batch));
  }

  close(): Promise<void> {
    return this.#calls.close();
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
  return db.file ? new ThreadLogStore(db, db.file) : new BatchLogStore(db);
}
