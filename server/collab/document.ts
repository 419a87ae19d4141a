/**
 * One loaded live document: its Y.Doc (only what is durable), its awareness, the peers connected
 * to it with the awareness client ids each controls, and its side of the update log.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Logger } from 'pino';
import { DocLog, type LogWriter } from './persistence.ts';
import type { StoredUpdates } from './storage.ts';
import { authorshipOf } from './authorship.ts';
import {
  awarenessMessage, stampIdentity, syncStep1Message, syncStep2Message, updateMessage, type ClientMessage, type DecodedUpdate, type Identity,
} from './protocol.ts';

/** What a document needs of a connection. */
export interface Peer {
  readonly canWrite: boolean;
  /** The authenticated person behind the connection, stamped on its cursors. */
  readonly identity: Identity;
  /** Whose edits these are (`authorship.ts`). */
  readonly userId: string;
  send(message: Uint8Array): void;
}

/** Origin of what another instance sent: applied here, never published again. */
const REMOTE = Symbol('remote');

export class SharedDoc {
  readonly ydoc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.ydoc);
  /** Each peer and the awareness client ids it controls, so that its leaving removes exactly its cursors. */
  readonly peers = new Map<Peer, Set<number>>();
  readonly log: DocLog;
  /** Peers and server-side operations keeping the document loaded. */
  holds = 0;
  /** Commands holding the text still (`LiveDocuments.hold`); peers' edits wait meanwhile. */
  #stillness = 0;
  #waiting: { peer: Peer; update: Uint8Array; decoded: DecodedUpdate }[] = [];
  #settledWaiters: (() => void)[] = [];
  /** Set when other instances serve the document too (`fan-out.ts`): told what this instance commits and what its peers show. */
  cluster: { committed(seq: number, update: Uint8Array): void; awareness(message: Uint8Array): void } | null = null;

  constructor(
    readonly name: string,
    stored: StoredUpdates,
    private readonly writer: LogWriter,
    private readonly logger: Logger,
    onSettled: (doc: SharedDoc) => void,
  ) {
    this.ydoc.transact(() => {
      for (const update of stored.updates) Y.applyUpdate(this.ydoc, update);
    });
    this.awareness.setLocalState(null);
    this.log = new DocLog(name, stored, {
      // The committed bytes are relayed as they are, encoded once for every peer: the Y.Doc has no
      // 'update' listener, so Yjs does not encode each transaction a second time. Not back to the
      // peer that sent them all: it has them (browsers confirm their edits by asking, `web/lib/collab.ts`).
      durable: (update, seq, origin) => {
        this.#apply(update, origin);
        this.cluster?.committed(seq, update);
      },
      state: () => Y.encodeStateAsUpdate(this.ydoc),
      settled: () => {
        for (const resolve of this.#settledWaiters.splice(0)) resolve();
        onSettled(this);
      },
    });
    // Only committed updates reach the Y.Doc and the peers (`durable`): everything relayed is already durable.
    this.awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      const controlled = this.peers.get(origin as Peer);
      if (controlled) {
        for (const id of added) controlled.add(id);
        for (const id of removed) controlled.delete(id);
      }
      const message = awarenessMessage(this.awareness, [...added, ...updated, ...removed]);
      if (!message) return;
      this.#broadcast(message);
      if (origin !== REMOTE) this.cluster?.awareness(message);
    });
    writer.compactIfDue(this.log);
  }

  get idle(): boolean {
    return this.holds === 0 && !this.log.busy;
  }

  join(peer: Peer): void {
    this.peers.set(peer, new Set());
    peer.send(syncStep1Message(this.ydoc));
    const others = awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]);
    if (others) peer.send(others);
  }

  leave(peer: Peer): void {
    const controlled = this.peers.get(peer);
    if (!controlled) return;
    this.peers.delete(peer);
    awarenessProtocol.removeAwarenessStates(this.awareness, [...controlled], null);
  }

  receive(peer: Peer, message: ClientMessage): void {
    switch (message.type) {
      case 'sync-step-1':
        peer.send(syncStep2Message(this.ydoc, message.stateVector));
        return;
      case 'update':
        // A read-only peer's edits are dropped; its own copy may diverge, nobody else's does.
        // An empty update (a fresh client's sync step 2) would only add a row.
        if (!peer.canWrite || message.empty) return;
        if (this.#stillness > 0) this.#waiting.push({ peer, update: message.update, decoded: message.decoded });
        else this.#store(peer, message.update, message.decoded);
        return;
      case 'awareness':
        // A peer speaks for its own cursors only: it may not move or erase another member's.
        if (message.clients.some((id) => (this.#controllerOf(id) ?? peer) !== peer)) return;
        awarenessProtocol.applyAwarenessUpdate(this.awareness, stampIdentity(message.update, peer.identity), peer);
        return;
      case 'query-awareness': {
        const all = awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]);
        if (all) peer.send(all);
        return;
      }
    }
  }

  /** Stops storing peers' edits (they wait); resolves once everything received before is committed. */
  async holdStill(): Promise<void> {
    this.#stillness++;
    if (this.log.busy) await new Promise<void>((resolve) => this.#settledWaiters.push(resolve));
  }

  /** The last hold ends: the edits that waited are stored, for the peers still open and still allowed to write. */
  resume(): void {
    if (--this.#stillness > 0) return;
    for (const { peer, update, decoded } of this.#waiting.splice(0)) {
      if (this.peers.has(peer) && peer.canWrite) this.#store(peer, update, decoded);
    }
  }

  #store(peer: Peer, update: Uint8Array, decoded: DecodedUpdate): void {
    let authorship = null;
    try {
      authorship = authorshipOf(this.ydoc, decoded, peer.userId);
    } catch (error) {
      // Yjs will refuse the update too; the writer logs that, this only loses who wrote it.
      this.logger.warn({ err: error, doc: this.name }, 'collab: reading the authorship of an update failed');
    }
    this.writer.append(this.log, update, authorship, peer);
  }

  /** An update a command committed itself (in its own transaction, at seq `seq`): applied and relayed. */
  committed(seq: number, update: Uint8Array): void {
    this.log.applied(seq);
    this.log.count++;
    this.log.bytes += update.byteLength;
    this.log.hooks.durable(update, seq, null);
  }

  /** An update another instance committed at `seq` (or read back from the log): applied and relayed once. */
  applyRemote(seq: number, update: Uint8Array): void {
    if (seq <= this.log.seq || this.log.ahead.has(seq)) return;
    this.#apply(update);
    this.log.applied(seq);
    this.log.count++;
    this.log.bytes += update.byteLength;
  }

  /** A snapshot another instance folded through `seq`, newer than what this copy holds: only what is missing is applied. */
  applyFolded(state: Uint8Array, seq: number): void {
    if (seq <= this.log.seq) return;
    const missing = Y.diffUpdate(state, Y.encodeStateVector(this.ydoc));
    this.#apply(missing);
    this.log.seq = seq;
    for (const ahead of this.log.ahead) if (ahead <= seq) this.log.ahead.delete(ahead);
    while (this.log.ahead.delete(this.log.seq + 1)) this.log.seq++;
  }

  /** Cursors of another instance's peers. */
  applyRemoteAwareness(update: Uint8Array): void {
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE);
    } catch (error) {
      this.logger.warn({ err: error, doc: this.name }, 'collab: a cluster awareness update that does not decode was dropped');
    }
  }

  #apply(update: Uint8Array, origin: unknown = null): void {
    Y.applyUpdate(this.ydoc, update, this);
    this.#broadcast(updateMessage(update), origin);
  }

  destroy(): void {
    if (this.log.busy) this.logger.error({ doc: this.name }, 'collab: a document was destroyed with updates still pending');
    this.awareness.destroy();
    this.ydoc.destroy();
  }

  #controllerOf(clientId: number): Peer | null {
    for (const [peer, controlled] of this.peers) if (controlled.has(clientId)) return peer;
    return null;
  }

  #broadcast(message: Uint8Array, except: unknown = null): void {
    for (const peer of this.peers.keys()) if (peer !== except) peer.send(message);
  }
}

interface AwarenessChange { added: number[]; updated: number[]; removed: number[] }
