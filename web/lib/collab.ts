/**
 * A live document in the browser: a Y.Doc kept in sync with the server by the stock y-websocket
 * provider, with a connection state a person can read. Edits made while offline stay in the Y.Doc
 * and, once `persist` is called for a user who may write, in IndexedDB (y-indexeddb): a reload or a
 * closed tab loses nothing, and they merge on the next connection. The count of local changes the
 * server has not yet confirmed is read back from the server itself (see `probe`).
 */
import { createSignal, type Accessor } from 'solid-js';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { CLOSE, COLLAB_PATH, type DocKind } from '../../shared/collab.ts';

export type LiveStatus = 'connecting' | 'synced' | 'offline' | 'refused';

/** No message from the server for this long: the connection is lost. */
const SILENCE_MS = 3_000;

export interface LiveDocument {
  ydoc: Y.Doc;
  provider: WebsocketProvider;
  status: Accessor<LiveStatus>;
  /** True from the first sync on: the text is there to be shown and edited. */
  synced: Accessor<boolean>;
  /** Why the server closed for good (44xx), e.g. CLOSE.forbidden when access was revoked. */
  refusal: Accessor<number | null>;
  /** Local changes the server has not confirmed it holds (kept in the browser meanwhile). */
  pending: Accessor<number>;
  /** Keeps unsent edits of this user in IndexedDB; call only when the user may write the text. */
  persist(userId: string): void;
  /** Deletes what the browser keeps of this document for this user (read-only, access lost). */
  forget(userId: string): Promise<void>;
  destroy(): void;
}

const STORE_PREFIX = 'concord:';
const storeName = (userId: string, name: string) => `${STORE_PREFIX}${userId}:${name}`;

/** One local change: the clock its insertions reached, and the ranges it deleted. */
interface LocalChange { client: number; clock: number; deletes: [client: number, clock: number, len: number][] }

/** Deletes every document this browser kept (sign-out): the next person at this browser gets none of it. */
export async function forgetAllLiveDocuments(): Promise<void> {
  const names = (await indexedDB.databases?.() ?? []).map((d) => d.name ?? '').filter((n) => n.startsWith(STORE_PREFIX));
  await Promise.all(names.map((name) => new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  })));
  for (const key of Object.keys(localStorage)) if (key.startsWith(STORE_PREFIX)) localStorage.removeItem(key);
}

function covered(ds: { clients: Map<number, { clock: number; len: number }[]> }, client: number, clock: number, len: number): boolean {
  return (ds.clients.get(client) ?? []).some((item) => item.clock <= clock && clock + len <= item.clock + item.len);
}

/**
 * Opens `kind:id`. `onAccessChanged` runs when the server closed the connection because this
 * user's rights changed (revoked, or now read-only): the page re-reads its permissions.
 */
export function openLiveDocument(kind: DocKind, id: string, onAccessChanged?: () => void): LiveDocument {
  const ydoc = new Y.Doc();
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${COLLAB_PATH}`;
  // No BroadcastChannel: every change goes through the server, which alone decides who may write.
  const provider = new WebsocketProvider(url, `${kind}:${id}`, ydoc, { disableBc: true });
  const [status, setStatus] = createSignal<LiveStatus>('connecting');
  const [refusal, setRefusal] = createSignal<number | null>(null);
  const [synced, setSynced] = createSignal(false);

  const [pending, setPending] = createSignal(0);
  const name = `${kind}:${id}`;
  let persistence: IndexeddbPersistence | null = null;
  let pendingKey: string | null = null;
  let changes: LocalChange[] = [];
  const savePending = () => {
    setPending(changes.length);
    if (pendingKey) {
      if (changes.length) localStorage.setItem(pendingKey, JSON.stringify(changes));
      else localStorage.removeItem(pendingKey);
    }
  };
  ydoc.on('afterTransaction', (tr: Y.Transaction) => {
    if (!tr.local) return;
    const before = tr.beforeState.get(ydoc.clientID) ?? 0;
    const after = tr.afterState.get(ydoc.clientID) ?? 0;
    const deletes: LocalChange['deletes'] = [];
    tr.deleteSet.clients.forEach((items, client) => items.forEach((item) => deletes.push([client, item.clock, item.len])));
    if (after === before && deletes.length === 0) return;
    changes.push({ client: ydoc.clientID, clock: after > before ? after : 0, deletes });
    savePending();
    scheduleProbe();
  });

  // The server's answer to a sync step 1 whose state vector leaves out this browser's clients is
  // what it holds of them (and every deletion it knows): a change is confirmed once it is there.
  let probing = false;
  let probeTimer: ReturnType<typeof setTimeout> | undefined;
  function scheduleProbe(): void {
    clearTimeout(probeTimer);
    probeTimer = setTimeout(probe, 700);
  }
  function probe(): void {
    if (changes.length === 0 || !provider.wsconnected || !provider.synced || !provider.ws) return;
    const vector = Y.decodeStateVector(Y.encodeStateVector(ydoc));
    for (const change of changes) vector.set(change.client, 0);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0); // sync
    encoding.writeVarUint(encoder, 0); // step 1
    encoding.writeVarUint8Array(encoder, Y.encodeStateVector(vector));
    probing = true;
    provider.ws.send(encoding.toUint8Array(encoder));
  }
  const syncHandler = provider.messageHandlers[0];
  provider.messageHandlers[0] = (encoder, decoder, p, emitSynced, messageType) => {
    const peek = decoding.clone(decoder);
    if (probing && decoding.readVarUint(peek) === 1) {
      probing = false;
      const update = decoding.readVarUint8Array(peek);
      const held = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update));
      const { ds } = Y.decodeUpdate(update);
      changes = changes.filter((c) => (c.clock > 0 && (held.get(c.client) ?? 0) < c.clock) || c.deletes.some(([client, clock, len]) => !covered(ds as never, client, clock, len)));
      savePending();
      if (changes.length) scheduleProbe();
    }
    syncHandler(encoder, decoder, p, emitSynced, messageType);
  };

  provider.on('sync', (isSynced: boolean) => {
    if (!isSynced) return;
    setStatus('synced');
    setSynced(true);
    scheduleProbe();
  });
  provider.on('status', ({ status: next }: { status: string }) => {
    if (next === 'disconnected' && refusal() === null) setStatus('offline');
    if (next === 'connecting' && status() !== 'offline') setStatus('connecting');
  });
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (event?.code === CLOSE.accessChanged) onAccessChanged?.();
  });
  provider.on('closed', ({ code }: { code: number }) => {
    setRefusal(code);
    setStatus('refused');
    if (code !== CLOSE.tooLarge) onAccessChanged?.();
  });
  // The server sends something every second (HEARTBEAT_MS): silence for 3 s is a lost connection,
  // said at once, not after the stock provider's 30 s; closing the socket makes the provider reconnect.
  const watchdog = setInterval(() => {
    if (!provider.wsconnected || Date.now() - provider.wsLastMessageReceived < SILENCE_MS) return;
    setStatus('offline');
    provider.ws?.close();
  }, 500);

  return {
    ydoc, provider, status, synced, refusal, pending,
    persist(userId) {
      if (persistence) return;
      pendingKey = storeName(userId, `${name}:pending`);
      try {
        const kept = JSON.parse(localStorage.getItem(pendingKey) ?? '[]') as LocalChange[];
        if (Array.isArray(kept)) changes = [...kept, ...changes];
      } catch { /* unreadable: the probe starts from this session's changes */ }
      savePending();
      persistence = new IndexeddbPersistence(storeName(userId, name), ydoc);
      // Offline, the kept copy is the text to show and edit; online the server's sync merges into it.
      persistence.on('synced', () => {
        if (ydoc.store.clients.size > 0) setSynced(true);
        scheduleProbe();
      });
    },
    async forget(userId) {
      const store = persistence;
      persistence = null;
      changes = [];
      savePending();
      localStorage.removeItem(storeName(userId, `${name}:pending`));
      if (store) await store.clearData();
      else await new Promise<void>((resolve) => {
        const request = indexedDB.deleteDatabase(storeName(userId, name));
        request.onsuccess = request.onerror = request.onblocked = () => resolve();
      });
    },
    destroy() {
      clearInterval(watchdog);
      clearTimeout(probeTimer);
      void persistence?.destroy();
      provider.destroy();
      ydoc.destroy();
    },
  };
}

/** Opened ahead of its page (route preload), kept this long for the page to take it. */
const PREOPEN_MS = 15_000;
const preopened = new Map<string, { doc: LiveDocument; timer: ReturnType<typeof setTimeout> }>();

/**
 * Starts the live document's connection as soon as the route is known, while the page's code is
 * still loading: the sync then runs beside the download instead of after it. Not taken by its page
 * within PREOPEN_MS (navigation abandoned), it is closed.
 */
export function preopenLiveDocument(kind: DocKind, id: string, onAccessChanged?: () => void): void {
  const name = `${kind}:${id}`;
  if (preopened.has(name)) return;
  const doc = openLiveDocument(kind, id, onAccessChanged);
  preopened.set(name, { doc, timer: setTimeout(() => { preopened.delete(name); doc.destroy(); }, PREOPEN_MS) });
}

/** The document preopened for this page (opened with the same `onAccessChanged`), or a new one; the page owns it from here (and destroys it). */
export function takeLiveDocument(kind: DocKind, id: string, onAccessChanged?: () => void): LiveDocument {
  const name = `${kind}:${id}`;
  const kept = preopened.get(name);
  if (!kept) return openLiveDocument(kind, id, onAccessChanged);
  clearTimeout(kept.timer);
  preopened.delete(name);
  return kept.doc;
}
