/**
 * The collaboration server's side of the domain's `LiveDocuments` port: commands read, hold and
 * change live documents through it, and ask it to re-check the rights of open connections.
 */
import * as Y from 'yjs';
import type { Logger } from 'pino';
import type { Transaction } from '@libsql/client';
import { afterCommit, type Db } from '../db/client.ts';
import type { Sessions } from '../auth/sessions.ts';
import type { HeldDocuments, LiveDocuments } from '../domain/live-documents.ts';
import { DomainError } from '../domain/errors.ts';
import { accessOf, loadTarget, type Target } from './access.ts';
import type { Connection } from './connection.ts';
import type { Registry } from './registry.ts';
import type { SharedDoc } from './document.ts';
import { authorshipOf, authorshipStatements } from './authorship.ts';
import { initialUpdateStatement, logRowStatement, readStored, STORED_SEQ } from './storage.ts';
import { CLOSE, parseDocName } from '../../shared/collab.ts';

/** Long enough for a slow disk; a command does not wait forever on a database that refuses writes. */
const SETTLE_TIMEOUT_MS = 15_000;

export class CollabLiveDocuments implements LiveDocuments {
  /** Bumped by every re-check: a connection admitted before one is checked again when it opens. */
  accessEpoch = 0;

  constructor(
    private readonly db: Db,
    private readonly sessions: Sessions,
    private readonly registry: Registry,
    private readonly log: Logger,
  ) {}

  async read<T>(docName: string, read: (doc: Y.Doc) => T): Promise<T> {
    const loaded = this.registry.docs.get(docName);
    // The loaded copy holds exactly the committed updates.
    return loaded ? read(loaded.ydoc) : readStored(this.db, docName, read);
  }

  async hold<T>(docNames: readonly string[], work: (tx: Transaction, held: HeldDocuments) => Promise<T>): Promise<T> {
    const names = [...new Set(docNames)];
    for (const name of names) if (!parseDocName(name)) throw new Error(`not a live document name: ${name}`);
    const docs = new Map<string, SharedDoc>();
    let still = false;
    try {
      for (const name of names) docs.set(name, await this.registry.acquire(name));
      const settled = Promise.all([...docs.values()].map((doc) => doc.holdStill()));
      still = true;
      await withTimeout(settled);
      for (let attempt = 1; ; attempt++) {
        // Another instance may have committed what this copy has not received yet: the command acts on the stored text.
        const fanOut = this.registry.fanOut;
        if (fanOut) await Promise.all([...docs.values()].map((doc) => fanOut.catchUp(doc)));
        try {
          return await this.db.write(async (tx) => {
            // In the transaction nobody else writes: if the held copy is the stored text now, it stays so until the commit.
            await expectStored(tx, docs);
            return work(tx, this.#held(docs));
          });
        } catch (error) {
          if (!(error instanceof StaleCopy) || !fanOut || attempt === 3) throw error instanceof StaleCopy ? new DomainError('CONFLICT', 'collabStale') : error;
        }
      }
    } finally {
      await this.refreshAccess(names).catch((err) => this.log.error({ err, docs: names }, 'collab: re-checking access failed'));
      for (const doc of docs.values()) {
        if (still) doc.resume();
        this.registry.release(doc);
      }
    }
  }

  async create(tx: Transaction, docName: string, update: Uint8Array): Promise<void> {
    await tx.execute(initialUpdateStatement(docName, update));
  }

  /** Persists an update made by the server outside any command (tests, seeding an open document). */
  async applyServerUpdate(docName: string, update: Uint8Array): Promise<void> {
    Y.decodeUpdate(update);
    return this.hold([docName], (tx, held) => held.apply(tx, docName, update, null));
  }

  async holdPerson<T>(userId: string, work: () => Promise<T>): Promise<T> {
    const connections = [...this.registry.connections].filter((connection) => connection.user.id === userId);
    for (const connection of connections) connection.pause();
    try {
      return await work();
    } finally {
      this.accessEpoch++;
      await this.recheck([...this.registry.connections].filter((connection) => connection.user.id === userId))
        .catch((err) => this.log.error({ err, userId }, 'collab: re-checking a person\'s connections failed'));
      for (const connection of connections) connection.resume();
    }
  }

  async refreshAccess(docNames?: readonly string[]): Promise<void> {
    this.accessEpoch++;
    const only = docNames && new Set(docNames);
    await this.recheck([...this.registry.connections].filter((connection) => !only || only.has(connection.docName)));
  }

  /** Session and rights of these connections, checked again: each record and session is read once. */
  async recheck(connections: Connection[]): Promise<void> {
    const targets = new Map<string, Promise<Target | null>>();
    const sessions = new Map<string, ReturnType<Sessions['validateSession']>>();
    await Promise.all(connections.map(async (connection) => {
      let target = targets.get(connection.docName);
      if (!target) targets.set(connection.docName, (target = loadTarget(this.db, connection.docName)));
      let session = sessions.get(connection.sessionSecret);
      if (!session) sessions.set(connection.sessionSecret, (session = this.sessions.validateSession(connection.sessionSecret)));
      const [{ user, session: current }, resolved] = await Promise.all([session, target]);
      if (!user || !current) return connection.close(CLOSE.unauthenticated, 'session ended');
      connection.sessionExpiresAt = current.expiresAt.getTime();
      if (!resolved) return connection.close(CLOSE.documentGone, 'document gone');
      const access = accessOf(user, resolved);
      if (access === 'none') return connection.close(CLOSE.forbidden, 'access revoked');
      connection.user = user;
      // The client must learn at once that it may no longer (or may now) write: it reconnects and re-reads its rights.
      if (access !== connection.access) {
        connection.access = access;
        return connection.close(CLOSE.accessChanged, access === 'read' ? 'now read-only' : 'now writable');
      }
    }));
  }

  #held(docs: Map<string, SharedDoc>): HeldDocuments {
    const nextSeq = new Map<string, number>();
    const docOf = (name: string) => {
      const doc = docs.get(name);
      if (!doc) throw new Error(`${name} is not held by this command`);
      return doc;
    };
    return {
      text: (name) => docOf(name).ydoc,
      apply: async (tx, name, update, authorId) => {
        const doc = docOf(name);
        if (authorId) {
          const now = new Date().toISOString();
          for (const statement of authorshipStatements(name, authorshipOf(doc.ydoc, Y.decodeUpdate(update), authorId), now)) await tx.execute(statement);
        }
        // Held and settled: nothing else writes this document's log until the hold ends.
        const expected = (nextSeq.get(name) ?? doc.log.seq) + 1;
        const seq = Number((await tx.execute(logRowStatement(name, update))).rows[0].seq);
        // Another instance wrote this document after it was read: what the command checked is stale.
        if (seq !== expected) throw new DomainError('CONFLICT', 'collabStale');
        nextSeq.set(name, seq);
        afterCommit(tx, () => {
          doc.committed(seq, update);
          this.registry.writer.onPersisted?.(name);
        });
      },
    };
  }
}

/** The held copy lags the stored text: another instance wrote the document after the catch-up. */
class StaleCopy extends Error {}

async function expectStored(tx: Transaction, docs: Map<string, SharedDoc>): Promise<void> {
  for (const doc of docs.values()) {
    const row = (await tx.execute({ sql: STORED_SEQ, args: [doc.name] })).rows[0];
    if (Number(row?.seq ?? 0) > doc.log.seq) throw new StaleCopy(doc.name);
  }
}

async function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DomainError('CONFLICT', 'collabUnavailable')), SETTLE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
