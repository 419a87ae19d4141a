/**
 * How a live document is kept in libsql (migrations/0002_collab.sql): a snapshot (the state folded
 * so far, with the seq it covers) and the log of updates after it. The writer is `persistence.ts`;
 * these are the readers, and the one statement that creates a document's first row.
 */
import * as Y from 'yjs';
import type { InStatement } from '@libsql/client';
import type { Db } from '../db/client.ts';
import { INSERT_ROW } from './log-store.ts';

export interface StoredUpdates {
  /** Snapshot then log, in seq order: apply them in this order. */
  updates: Uint8Array[];
  /** The last seq stored for the document (0 when it has never been written). */
  seq: number;
  /** Log rows after the snapshot and their bytes: what compaction would fold. */
  logCount: number;
  logBytes: number;
}

const blob = (value: unknown) => new Uint8Array(value as ArrayBuffer);

/** Snapshot and log read in one read transaction, so a compaction cannot fall between them. */
export async function readStoredUpdates(db: Db, docName: string): Promise<StoredUpdates> {
  const [snapshots, log] = await db.client.batch([
    { sql: 'SELECT state, seq FROM collab_snapshots WHERE doc_name = ?', args: [docName] },
    {
      sql: `SELECT seq, data FROM collab_updates
             WHERE doc_name = ?1 AND seq > coalesce((SELECT seq FROM collab_snapshots WHERE doc_name = ?1), 0)
             ORDER BY seq`,
      args: [docName],
    },
  ], 'read');
  const snapshot = snapshots.rows[0];
  const updates = snapshot ? [blob(snapshot.state)] : [];
  let seq = snapshot ? Number(snapshot.seq) : 0;
  let logBytes = 0;
  for (const row of log.rows) {
    const data = blob(row.data);
    updates.push(data);
    logBytes += data.byteLength;
    seq = Number(row.seq);
  }
  return { updates, seq, logCount: log.rows.length, logBytes };
}

/** The stored document as a Y.Doc the caller destroys: what every client has been acknowledged. */
export async function loadStoredDoc(db: Db, docName: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const { updates } = await readStoredUpdates(db, docName);
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  return doc;
}

/** The last seq the database holds for a document (`?1`): its last row, or its snapshot when the log is folded. */
export const STORED_SEQ = `SELECT max(coalesce((SELECT max(seq) FROM collab_updates WHERE doc_name = ?1), 0),
  coalesce((SELECT seq FROM collab_snapshots WHERE doc_name = ?1), 0)) AS seq`;

/** A log row at the next free seq (RETURNING it), for a command's own transaction. */
export function logRowStatement(docName: string, update: Uint8Array): InStatement {
  return { sql: INSERT_ROW, args: [docName, update, new Date().toISOString()] };
}

/**
 * The first update of a document created with its record (seq 1), to run in the record's own
 * transaction: nobody can have the document open before the record exists.
 */
export function initialUpdateStatement(docName: string, update: Uint8Array): InStatement {
  return {
    sql: 'INSERT INTO collab_updates (doc_name, seq, data, created_at) VALUES (?, 1, ?, ?)',
    args: [docName, update, new Date().toISOString()],
  };
}

/** Reads the stored document (for tools that run without the collaboration server); `read` must not keep it. */
export async function readStored<T>(db: Db, docName: string, read: (doc: Y.Doc) => T): Promise<T> {
  const doc = await loadStoredDoc(db, docName);
  try {
    return read(doc);
  } finally {
    doc.destroy();
  }
}

/** The stored documents, read-only, for tools that run without the collaboration server (volume seeding, benchmarks). */
export function storedDocuments(db: Db) {
  return { read: <T>(docName: string, read: (doc: Y.Doc) => T) => readStored(db, docName, read) };
}
