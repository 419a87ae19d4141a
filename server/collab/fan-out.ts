/**
 * Live documents across instances (REDIS_URL): every update an instance commits is published on
 * the document's topic with its seq, and every awareness change its peers make; each instance that
 * has the document loaded applies them and relays them to its own peers. The update is durable
 * before it is published, as before it is relayed. An instance follows a document's topics before
 * it reads the stored state, so nothing falls between the two; a seq that arrives with rows missing
 * before it, a Redis reconnection, and a command about to act on the text each make the document
 * catch up from the database. A message that does not decode is logged and dropped.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Logger } from 'pino';
import type { Db } from '../db/client.ts';
import type { Cluster } from '../cluster/index.ts';
import type { SharedDoc } from './document.ts';
import { MESSAGE_AWARENESS } from './protocol.ts';

const blob = (value: unknown) => new Uint8Array(value as ArrayBuffer);

interface Followed {
  stop: Promise<() => void>;
  doc: SharedDoc | null;
  /** Messages that arrived between following and the document's load. */
  early: Buffer[];
  catchingUp: Promise<void> | null;
  gapTimer: NodeJS.Timeout | null;
}

export class DocFanOut {
  readonly #followed = new Map<string, Followed>();

  constructor(private readonly cluster: Cluster, private readonly db: Db, private readonly log: Logger) {
    // Whatever was published while Redis was away is lost: every loaded document re-reads the database.
    cluster.onResync(() => {
      for (const followed of this.#followed.values()) if (followed.doc) void this.catchUp(followed.doc);
    });
  }

  /** Starts receiving the document's topics; resolves once subscribed (then read the stored state). */
  async follow(name: string): Promise<void> {
    if (this.#followed.has(name)) return;
    const followed: Followed = { stop: Promise.resolve(() => {}), doc: null, early: [], catchingUp: null, gapTimer: null };
    this.#followed.set(name, followed);
    followed.stop = this.cluster.subscribe(`doc:${name}`, (payload) => {
      if (followed.doc) this.#receive(followed.doc, payload);
      else if (followed.early.length < 10_000) followed.early.push(payload);
    });
    await followed.stop;
  }

  /** The document is loaded: what arrived meanwhile is applied (duplicates of stored rows are skipped). */
  attached(doc: SharedDoc): void {
    const followed = this.#followed.get(doc.name);
    if (!followed) return;
    followed.doc = doc;
    doc.log.onGap = () => this.#gap(doc);
    doc.cluster = {
      committed: (seq, update) => this.cluster.publish(`doc:${doc.name}`, encodeUpdate(seq, update)),
      awareness: (message) => this.cluster.publish(`doc:${doc.name}`, encodeAwareness(message)),
    };
    for (const payload of followed.early.splice(0)) this.#receive(doc, payload);
  }

  unfollow(name: string): void {
    const followed = this.#followed.get(name);
    if (!followed) return;
    this.#followed.delete(name);
    if (followed.gapTimer) clearTimeout(followed.gapTimer);
    followed.stop.then((stop) => stop(), () => {});
  }

  /** Applies what the database holds beyond the document's seq (rows of other instances, or a newer snapshot). */
  catchUp(doc: SharedDoc): Promise<void> {
    const followed = this.#followed.get(doc.name);
    if (!followed) return Promise.resolve();
    followed.catchingUp ??= this.#catchUp(doc).finally(() => { followed.catchingUp = null; });
    return followed.catchingUp;
  }

  async #catchUp(doc: SharedDoc): Promise<void> {
    const since = doc.log.seq;
    const [snapshots, rows] = await this.db.client.batch([
      { sql: 'SELECT state, seq FROM collab_snapshots WHERE doc_name = ? AND seq > ?', args: [doc.name, since] },
      {
        sql: `SELECT seq, data FROM collab_updates
               WHERE doc_name = ?1 AND seq > max(?2, coalesce((SELECT seq FROM collab_snapshots WHERE doc_name = ?1), 0))
               ORDER BY seq`,
        args: [doc.name, since],
      },
    ], 'read');
    const snapshot = snapshots.rows[0];
    if (snapshot) doc.applyFolded(blob(snapshot.state), Number(snapshot.seq));
    for (const row of rows.rows) doc.applyRemote(Number(row.seq), blob(row.data));
  }

  /** Rows missing before a seq usually arrive a moment later from their instance; read them if they do not. */
  #gap(doc: SharedDoc): void {
    const followed = this.#followed.get(doc.name);
    if (!followed || followed.gapTimer) return;
    followed.gapTimer = setTimeout(() => {
      followed.gapTimer = null;
      if (doc.log.ahead.size > 0) this.catchUp(doc).catch((err) => this.log.warn({ err, doc: doc.name }, 'collab: catching up from the database failed'));
    }, 50);
    followed.gapTimer.unref();
  }

  #receive(doc: SharedDoc, payload: Buffer): void {
    let message: Decoded;
    try {
      message = decode(payload);
    } catch {
      this.log.warn({ doc: doc.name, bytes: payload.byteLength }, 'collab: a cluster message that does not decode was dropped');
      return;
    }
    if (message.kind === 'update') doc.applyRemote(message.seq, message.update);
    else doc.applyRemoteAwareness(message.update);
  }
}

const KIND_UPDATE = 0;
const KIND_AWARENESS = 1;

type Decoded = { kind: 'update'; seq: number; update: Uint8Array } | { kind: 'awareness'; update: Uint8Array };

function encodeUpdate(seq: number, update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, KIND_UPDATE);
  encoding.writeVarUint(encoder, seq);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** `message` is the y-websocket awareness message the peers were sent: [1, update]. */
function encodeAwareness(message: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, KIND_AWARENESS);
  encoding.writeUint8Array(encoder, message);
  return encoding.toUint8Array(encoder);
}

function decode(payload: Uint8Array): Decoded {
  const decoder = decoding.createDecoder(payload);
  const kind = decoding.readVarUint(decoder);
  if (kind === KIND_UPDATE) {
    const seq = decoding.readVarUint(decoder);
    const update = decoding.readVarUint8Array(decoder);
    if (seq < 1 || decoding.hasContent(decoder)) throw new Error('trailing bytes');
    Y.decodeUpdate(update);
    return { kind: 'update', seq, update };
  }
  if (kind === KIND_AWARENESS) {
    if (decoding.readVarUint(decoder) !== MESSAGE_AWARENESS) throw new Error('not an awareness message');
    const update = decoding.readVarUint8Array(decoder);
    if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
    return { kind: 'awareness', update };
  }
  throw new Error(`unknown kind ${kind}`);
}
