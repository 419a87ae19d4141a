/**
 * One client's WebSocket on one document. Messages that arrive while the document is loading are
 * kept (up to a cap) and handled in order once it is there. A message that is too large or does
 * not decode closes this connection only.
 */
import type { WebSocket, RawData } from 'ws';
import type { Logger } from 'pino';
import { agencyColor } from '../../shared/agency-colors.ts';
import type { User } from 'lucia';
import type { SharedDoc, Peer } from './document.ts';
import { BadMessage, decodeClientMessage, type Identity } from './protocol.ts';
import { CLOSE, type CloseCode } from '../../shared/collab.ts';

export interface ConnectionLimits {
  /** Largest message accepted from a client, in bytes. */
  maxMessageBytes: number;
  /** Bytes kept while the document loads; more closes the connection. */
  maxQueuedBytes: number;
}

const SLOW_PEER_BYTES = 32 * 1024 * 1024;

export class Connection implements Peer {
  doc: SharedDoc | null = null;
  /** Answered the last ping; a peer that misses one is dropped. */
  alive = true;
  /** When the last message was sent to it (`performance.now()`): a peer that hears from the document needs no heartbeat. */
  lastSentAt = 0;
  closed = false;
  #queue: Uint8Array[] = [];
  #queuedBytes = 0;
  /** While a change of this person's session or rights is being decided, messages wait (`pause`). */
  #paused = 0;

  constructor(
    readonly ws: WebSocket,
    readonly docName: string,
    public user: User,
    /** Kept to re-validate the session when access is re-checked. */
    readonly sessionSecret: string,
    /** When the session ends unless it is renewed: the connection is checked again then. */
    public sessionExpiresAt: number,
    public access: 'write' | 'read',
    private readonly limits: ConnectionLimits,
    private readonly log: Logger,
  ) {
    ws.on('message', (data, isBinary) => this.#receive(data, isBinary));
    ws.on('pong', () => { this.alive = true; });
  }

  get identity(): Identity {
    return { name: this.user.name, agencyShortName: this.user.agency.shortName, color: agencyColor(this.user.agency.id) };
  }

  get userId(): string {
    return this.user.id;
  }

  get canWrite(): boolean {
    return this.access === 'write';
  }

  /** The document is loaded: greet the client, then handle what it already sent. */
  attach(doc: SharedDoc): void {
    this.doc = doc;
    doc.join(this);
    this.#drain();
  }

  /** Messages wait from now on, until `resume`. */
  pause(): void {
    this.#paused++;
  }

  /** Handles what waited, with the rights the connection has now (a closed one handles nothing). */
  resume(): void {
    if (--this.#paused === 0) this.#drain();
  }

  #drain(): void {
    if (!this.doc || this.#paused > 0) return;
    const queued = this.#queue;
    this.#queue = [];
    this.#queuedBytes = 0;
    for (const message of queued) {
      if (this.closed) return;
      this.#handle(message);
    }
  }

  send(message: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    // A peer that stopped reading would make the server hold every update for it; it resyncs on reconnect.
    if (this.ws.bufferedAmount > SLOW_PEER_BYTES) return this.close(CLOSE.serverError, 'not reading');
    this.lastSentAt = performance.now();
    this.ws.send(message, (error) => {
      if (error) this.close(CLOSE.serverError, 'send failed');
    });
  }

  close(code: CloseCode, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.log.debug({ doc: this.docName, user: this.user.id, code, reason }, 'collab: closing connection');
    this.ws.close(code, reason);
  }

  #receive(data: RawData, isBinary: boolean): void {
    this.alive = true;
    if (this.closed) return;
    const message = toBytes(data);
    if (message.byteLength > this.limits.maxMessageBytes) return this.close(CLOSE.tooLarge, 'message too large');
    if (!isBinary) return this.close(CLOSE.badMessage, 'text message');
    if (this.doc && this.#paused === 0) return this.#handle(message);
    this.#queuedBytes += message.byteLength;
    if (this.#queuedBytes > this.limits.maxQueuedBytes) return this.close(CLOSE.tooLarge, 'too much sent before the document loaded');
    this.#queue.push(message);
  }

  #handle(data: Uint8Array): void {
    try {
      this.doc!.receive(this, decodeClientMessage(data));
    } catch (error) {
      if (error instanceof BadMessage) {
        this.log.info({ doc: this.docName, user: this.user.id, err: error }, 'collab: undecodable message');
        this.close(CLOSE.badMessage, 'bad message');
      } else {
        this.log.error({ doc: this.docName, user: this.user.id, err: error }, 'collab: message handling failed');
        this.close(CLOSE.serverError, 'server error');
      }
    }
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}
