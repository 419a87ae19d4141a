/**
 * The y-websocket wire format (y-protocols 1.x): what a client may send, decoded and validated in
 * full before anything acts on it, and the messages the server sends. A message that does not
 * decode throws; the caller closes that one connection.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** An update read in full (`Y.decodeUpdate`): validated, and kept for the authorship check so that it is decoded once. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

export type ClientMessage =
  | { type: 'sync-step-1'; stateVector: Uint8Array }
  /** Sync step 2 and incremental updates are the same thing to the server: content to persist. */
  | { type: 'update'; update: Uint8Array; decoded: DecodedUpdate; empty: boolean }
  | { type: 'awareness'; update: Uint8Array; clients: number[] }
  | { type: 'query-awareness' };

export class BadMessage extends Error {}

export function decodeClientMessage(data: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (step === SYNC_STEP_1) {
        Y.decodeStateVector(payload);
        return { type: 'sync-step-1', stateVector: payload };
      }
      if (step === SYNC_STEP_2 || step === SYNC_UPDATE) {
        // A malformed update written to the log would break every later load of the document.
        const decoded = Y.decodeUpdate(payload);
        return { type: 'update', update: payload, decoded, empty: decoded.structs.length === 0 && decoded.ds.clients.size === 0 };
      }
      throw new BadMessage(`unknown sync step ${step}`);
    }
    if (type === MESSAGE_AWARENESS) {
      const update = decoding.readVarUint8Array(decoder);
      return { type: 'awareness', update, clients: awarenessClients(update) };
    }
    if (type === MESSAGE_QUERY_AWARENESS) return { type: 'query-awareness' };
    throw new BadMessage(`unknown message type ${type}`);
  } catch (error) {
    throw error instanceof BadMessage ? error : new BadMessage(String(error));
  }
}

/** Who a connection is, as others see it next to its cursor: set by the server, not by the client. */
export interface Identity { name: string; agencyShortName: string; color: string }

/**
 * The same awareness update with each state's `user` replaced by the connection's verified
 * identity, so that nobody can show a cursor under another person's or agency's name.
 */
export function stampIdentity(update: Uint8Array, identity: Identity): Uint8Array {
  const decoder = decoding.createDecoder(update);
  const encoder = encoding.createEncoder();
  const count = decoding.readVarUint(decoder);
  encoding.writeVarUint(encoder, count);
  for (let i = 0; i < count; i++) {
    encoding.writeVarUint(encoder, decoding.readVarUint(decoder));
    encoding.writeVarUint(encoder, decoding.readVarUint(decoder));
    const state = JSON.parse(decoding.readVarString(decoder)) as Record<string, unknown> | null;
    encoding.writeVarString(encoder, JSON.stringify(state === null ? null : { ...state, user: identity }));
  }
  return encoding.toUint8Array(encoder);
}

/**
 * The client ids an awareness update speaks for, read in full first: awareness applies entry by
 * entry, and a bad entry halfway would leave a state half applied and unannounced.
 */
function awarenessClients(update: Uint8Array): number[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const clients: number[] = [];
  for (let i = 0; i < count; i++) {
    clients.push(decoding.readVarUint(decoder));
    decoding.readVarUint(decoder);
    JSON.parse(decoding.readVarString(decoder));
  }
  return clients;
}

export function syncStep1Message(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, SYNC_STEP_1);
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc));
  return encoding.toUint8Array(encoder);
}

/** The answer to a client's step 1, sent even when empty: the client counts itself synced on receiving it. */
export function syncStep2Message(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, SYNC_STEP_2);
  encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc, stateVector));
  return encoding.toUint8Array(encoder);
}

export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, SYNC_UPDATE);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** The awareness of `clients`, or null when there is none to tell. */
export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array | null {
  if (clients.length === 0) return null;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}
