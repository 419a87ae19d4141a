/**
 * The loaded documents and the open connections. A document is loaded by its first holder (a
 * connection or a server-side update) and unloaded when the last one lets go and no write of it is
 * pending: unloading earlier would let a reload miss updates not yet committed.
 */
import type { Logger } from 'pino';
import type { Db } from '../db/client.ts';
import { SharedDoc } from './document.ts';
import { LogWriter, type WriterLimits } from './persistence.ts';
import { readStoredUpdates } from './storage.ts';
import type { Connection } from './connection.ts';
import type { DocFanOut } from './fan-out.ts';

export class Registry {
  readonly docs = new Map<string, SharedDoc>();
  readonly connections = new Set<Connection>();
  readonly writer: LogWriter;
  readonly #loading = new Map<string, Promise<SharedDoc>>();

  constructor(private readonly db: Db, private readonly log: Logger, limits?: WriterLimits, readonly fanOut: DocFanOut | null = null) {
    this.writer = new LogWriter(db, log, limits);
  }

  /** The loaded document, loading it if needed; the caller holds it until `release`. */
  async acquire(name: string): Promise<SharedDoc> {
    for (;;) {
      const doc = this.docs.get(name) ?? (await this.#load(name));
      // A document may have been unloaded between its load and this continuation: load again.
      if (this.docs.get(name) !== doc) continue;
      doc.holds++;
      return doc;
    }
  }

  release(doc: SharedDoc): void {
    doc.holds--;
    this.#unloadIfIdle(doc);
  }

  /** Unloads every document once its writes are committed (shutdown). */
  async unloadAll(): Promise<void> {
    await this.writer.idle();
    for (const doc of this.docs.values()) {
      this.docs.delete(doc.name);
      this.fanOut?.unfollow(doc.name);
      doc.destroy();
    }
  }

  #load(name: string): Promise<SharedDoc> {
    let loading = this.#loading.get(name);
    if (!loading) {
      // Another instance's updates are followed before the stored state is read: none falls between.
      loading = (this.fanOut?.follow(name) ?? Promise.resolve())
        .then(() => readStoredUpdates(this.db, name))
        .then((stored) => {
          const doc = new SharedDoc(name, stored, this.writer, this.log, (settled) => this.#unloadIfIdle(settled));
          this.docs.set(name, doc);
          this.fanOut?.attached(doc);
          return doc;
        }, (error) => {
          this.fanOut?.unfollow(name);
          throw error;
        })
        .finally(() => this.#loading.delete(name));
      this.#loading.set(name, loading);
    }
    return loading;
  }

  #unloadIfIdle(doc: SharedDoc): void {
    if (!doc.idle || this.docs.get(doc.name) !== doc) return;
    this.docs.delete(doc.name);
    this.fanOut?.unfollow(doc.name);
    doc.destroy();
  }
}
