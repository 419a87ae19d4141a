/**
 * The writer of live documents (the format and its readers are in `storage.ts`).
 *
 * Write-ahead: an update reaches the log before the document applies it, so whatever a client
 * has been sent is durable. Group commit: the writer runs one transaction at a time; everything
 * that arrives while one is in flight, for any document, goes into the next, and while updates
 * come faster than one per GROUP_COMMIT_MS, transactions begin at most every GROUP_COMMIT_MS: a
 * lone typist never waits, a hundred typists share each transaction instead of committing nearly
 * once per keystroke. The transactions themselves run where `log-store.ts` puts them.
 */
import * as Y from 'yjs';
import type { Logger } from 'pino';
import type { Db } from '../db/client.ts';
import type { StoredUpdates } from './storage.ts';
import { logStoreFor, type LogCommit, type LogStore } from './log-store.ts';
import { authorshipRows, type Authorship } from './authorship.ts';

/** Least time between the starts of two transactions while updates come fast (see #schedule). */
const GROUP_COMMIT_MS = 4;
/** Arrivals are counted over two buckets of this length; more than one update per GROUP_COMMIT_MS on average is "fast". */
const RATE_BUCKET_MS = 50;

/** `origin`: who sent the update (a peer), not told it again; null when the server made it. */
interface Pending { update: Uint8Array; authorship: Authorship | null; origin: unknown }
/** A row to write: the merged updates of a batch, and the one sender they all came from (or null). */
interface Row { data: Uint8Array; origin: unknown }

/** One loaded document's side of the log: what waits to be written and where the log stands. */
export class DocLog {
  seq: number;
  count: number;
  bytes: number;
  queued: Pending[] = [];
  inflight: Pending[] | null = null;
  /** Waiting for the writer's next transaction (updates, or only a compaction). */
  dirty = false;

  constructor(
    readonly docName: string,
    stored: Pick<StoredUpdates, 'seq' | 'logCount' | 'logBytes'>,
    readonly hooks: {
      /** The merged update is committed: apply it and tell the clients (all but `origin`, whose own edits these all are). */
      durable(update: Uint8Array, seq: number, origin: unknown): void;
      /** The document's whole state now, for a snapshot. */
      state(): Uint8Array;
      /** Nothing is waiting any more (the document may unload). */
      settled(): void;
    },
  ) {
    this.seq = stored.seq;
    this.count = stored.logCount;
    this.bytes = stored.logBytes;
  }

  /** Client ids whose author row is in the database: not written again (the first person seen with an id keeps it). */
  readonly authorsStored = new Set<number>();

  /** Seqs applied beyond `seq`, waiting for the rows between (written by another instance) to arrive. */
  readonly ahead = new Set<number>();
  /** Told when a seq arrived with rows missing before it (another instance wrote them): fetch them. */
  onGap: (() => void) | null = null;

  /**
   * The row `at` is in the Y.Doc. `seq` stays the last seq through which every row is applied, so
   * that a snapshot at `seq` folds exactly what it holds and never drops another instance's row.
   */
  applied(at: number): void {
    if (at <= this.seq) return;
    if (at > this.seq + 1) {
      this.ahead.add(at);
      this.onGap?.();
      return;
    }
    this.seq = at;
    while (this.ahead.delete(this.seq + 1)) this.seq++;
  }

  /** True while the writer still needs the document (its updates or its state): it must stay in memory. */
  get busy(): boolean {
    return this.dirty || this.queued.length > 0 || this.inflight !== null;
  }
}

export interface WriterLimits {
  /** Fold a document's log into its snapshot once it holds this many rows… */
  compactAfterUpdates: number;
  /** …or this many bytes. */
  compactAfterBytes: number;
}

export class LogWriter {
  /** Counters for tests and logs: transactions committed, updates they carried, failed attempts, refused batches. */
  readonly stats = { transactions: 0, updates: 0, compactions: 0, failures: 0, refused: 0 };
  /**
   * Told the name of each document whose updates a transaction has just committed (search follows
   * live documents this way). It must not throw nor block: it is called in the writer's loop.
   */
  onPersisted: ((docName: string) => void) | null = null;
  /** Told when edits of a document were refused because its text no longer takes edits: its editors must be re-checked. */
  onRefused: ((docName: string) => void) | null = null;
  readonly #dirty = new Set<DocLog>();
  #running = false;
  #scheduled = false;
  #retryDelay = 0;
  #lastFlushAt = -Infinity;
  /** Updates appended in this and the previous RATE_BUCKET_MS: the arrival rate that decides whether waiting pays. */
  #arrivals = { bucketStart: -Infinity, current: 0, previous: 0 };
  #idleWaiters: (() => void)[] = [];

  /** Where the transactions run (`log-store.ts`). */
  readonly store: LogStore;

  constructor(
    db: Db,
    private readonly log: Logger,
    private readonly limits: WriterLimits = { compactAfterUpdates: 500, compactAfterBytes: 1 << 20 },
  ) {
    this.store = logStoreFor(db);
  }

  /** Once idle: closes the log's connection. */
  async close(): Promise<void> {
    await this.idle();
    await this.store.close();
  }

  /** Queues an update (with who wrote it and who sent it); it is applied and relayed once committed. */
  append(doc: DocLog, update: Uint8Array, authorship: Authorship | null = null, origin: unknown = null): void {
    this.#countArrival();
    doc.queued.push({ update, authorship, origin });
    this.#markDirty(doc);
  }

  /** A document loaded with a long log gets folded by the next transaction. */
  compactIfDue(doc: DocLog): void {
    if (this.#dueForCompaction(doc)) this.#markDirty(doc);
  }

  /** Resolves once nothing is queued or in flight (shutdown, tests). */
  idle(): Promise<void> {
    if (!this.#running && !this.#scheduled && this.#dirty.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #dueForCompaction(doc: DocLog): boolean {
    return doc.count >= this.limits.compactAfterUpdates || doc.bytes >= this.limits.compactAfterBytes;
  }

  /** One row for the batch; one per update should Yjs fail to merge them (the row count is all that costs). */
  #rowsOf(doc: DocLog, batch: Pending[]): Row[] {
    const one = (pending: Pending): Row => ({ data: pending.update, origin: pending.origin });
    if (batch.length <= 1) return batch.map(one);
    try {
      const origin = batch.every((pending) => pending.origin === batch[0].origin) ? batch[0].origin : null;
      return [{ data: Y.mergeUpdates(batch.map((pending) => pending.update)), origin }];
    } catch (error) {
      this.log.warn({ err: error, doc: doc.docName }, 'collab: merging updates failed; storing them one by one');
      return batch.map(one);
    }
  }

  /** The state to fold the log into, or null to leave the log as it is this time. */
  #snapshotOf(doc: DocLog): Uint8Array | null {
    try {
      return doc.hooks.state();
    } catch (error) {
      this.log.error({ err: error, doc: doc.docName }, 'collab: encoding a snapshot failed; the log stays unfolded');
      return null;
    }
  }

  #countArrival(): void {
    const now = performance.now();
    const arrivals = this.#arrivals;
    if (now - arrivals.bucketStart >= RATE_BUCKET_MS) {
      arrivals.previous = now - arrivals.bucketStart < 2 * RATE_BUCKET_MS ? arrivals.current : 0;
      arrivals.current = 0;
      arrivals.bucketStart = now;
    }
    arrivals.current++;
  }

  /** More than one update per GROUP_COMMIT_MS over the last 50–100 ms. */
  get #fast(): boolean {
    const { current, previous, bucketStart } = this.#arrivals;
    const span = performance.now() - bucketStart + RATE_BUCKET_MS;
    return (current + previous) * GROUP_COMMIT_MS > span;
  }

  #markDirty(doc: DocLog): void {
    doc.dirty = true;
    this.#dirty.add(doc);
    if (this.#running || this.#scheduled) return;
    this.#schedule();
  }

  /**
   * The next transaction. While updates come faster than one per GROUP_COMMIT_MS, no sooner than
   * GROUP_COMMIT_MS after the last one began: the updates of that window share one transaction
   * (one BEGIN/COMMIT) instead of nearly one each. Otherwise at once: twenty people typing in one
   * text, or a lone typist, never wait for company.
   */
  #schedule(): void {
    this.#scheduled = true;
    const wait = this.#fast ? this.#lastFlushAt + GROUP_COMMIT_MS - performance.now() : 0;
    if (wait <= 0) setImmediate(() => void this.#flush());
    else setTimeout(() => void this.#flush(), wait);
  }

  async #flush(): Promise<void> {
    this.#scheduled = false;
    this.#lastFlushAt = performance.now();
    this.#running = true;
    const batch: LogCommit = { snapshots: [], rows: [], authors: [], deletions: [], now: new Date().toISOString() };
    const work: { doc: DocLog; batch: Pending[]; rows: Row[]; authors: number[]; compacted: boolean }[] = [];
    for (const doc of this.#dirty) {
      doc.dirty = false;
      const pending = doc.queued.splice(0);
      doc.inflight = pending;
      const snapshot = this.#dueForCompaction(doc) ? this.#snapshotOf(doc) : null;
      if (snapshot) batch.snapshots.push({ docName: doc.docName, state: snapshot, seq: doc.seq });
      const rows = this.#rowsOf(doc, pending);
      rows.forEach(({ data }, i) => batch.rows.push({ docName: doc.docName, seq: doc.seq + 1 + i, data }));
      const { authors, deletions } = authorshipRows(doc.docName, pending.flatMap((p) => p.authorship ? [p.authorship] : []));
      const newAuthors = authors.filter((a) => !doc.authorsStored.has(a.clientId));
      batch.authors.push(...newAuthors);
      batch.deletions.push(...deletions);
      work.push({ doc, batch: pending, rows, authors: newAuthors.map((a) => a.clientId), compacted: snapshot !== null });
    }
    this.#dirty.clear();

    let failure: unknown = null;
    let seqs: number[] = [];
    try {
      seqs = await this.store.commit(batch);
    } catch (error) {
      // A remote server may have applied the batch and its answer been lost: then the rows are there.
      const found = await this.store.committed(batch).catch(() => null);
      if (found) seqs = found;
      else failure = error;
    }
    if (failure) {
      // Nothing of this transaction was applied or sent: put it back in front and try again.
      this.stats.failures++;
      this.#retryDelay = Math.min(Math.max(this.#retryDelay * 2, 50), 5_000);
      this.log.error({ err: failure, docs: work.map((w) => w.doc.docName), retryInMs: this.#retryDelay }, 'collab: writing updates failed; retrying');
      for (const { doc, batch: pending } of work) {
        doc.inflight = null;
        doc.queued.unshift(...pending);
        doc.dirty = true;
        this.#dirty.add(doc);
      }
      this.#running = false;
      this.#scheduled = true;
      setTimeout(() => void this.#flush(), this.#retryDelay).unref();
      return;
    }

    this.#retryDelay = 0;
    this.stats.transactions++;
    let next = 0;
    for (const { doc, batch, rows, authors, compacted } of work) {
      doc.inflight = null;
      if (compacted) {
        this.stats.compactions++;
        doc.count = 0;
        doc.bytes = 0;
      }
      this.stats.updates += batch.length;
      let refused = false;
      for (const { data, origin } of rows) {
        // Usually seq + 1; more when another instance wrote meanwhile (its rows reach us through the cluster or a catch-up).
        const seq = seqs[next++];
        // The text was frozen by another instance: the edit is neither applied nor relayed.
        if (seq === 0) {
          refused = true;
          continue;
        }
        doc.applied(seq);
        doc.count++;
        doc.bytes += data.byteLength;
        try {
          doc.hooks.durable(data, seq, origin);
        } catch (error) {
          this.log.error({ err: error, doc: doc.docName }, 'collab: a committed update could not be applied');
        }
      }
      if (refused) {
        this.stats.refused++;
        this.log.warn({ doc: doc.docName }, 'collab: edits refused, the text no longer takes edits (frozen by another instance)');
        this.onRefused?.(doc.docName);
      }
      if (!refused) for (const clientId of authors) doc.authorsStored.add(clientId);
      if (rows.length > 0 && !refused && this.onPersisted) {
        try {
          this.onPersisted(doc.docName);
        } catch (error) {
          this.log.error({ err: error, doc: doc.docName }, 'collab: the onPersisted hook failed');
        }
      }
    }
    this.#running = false;
    for (const { doc } of work) if (!doc.busy) doc.hooks.settled();
    if (this.#dirty.size > 0) {
      this.#schedule();
    } else {
      for (const resolve of this.#idleWaiters.splice(0)) resolve();
    }
  }
}
