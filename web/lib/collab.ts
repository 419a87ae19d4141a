/**
 * A live document in the browser: a Y.Doc kept in sync with the server by the stock y-websocket
 * provider, with a connection state a person can read. Edits made while offline stay in the Y.Doc
 * and merge when the connection comes back.
 */
import { createSignal, type Accessor } from 'solid-js';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
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
  destroy(): void;
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

  provider.on('sync', (isSynced: boolean) => {
    if (!isSynced) return;
    setStatus('synced');
    setSynced(true);
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
    ydoc, provider, status, synced, refusal,
    destroy() {
      clearInterval(watchdog);
      provider.destroy();
      ydoc.destroy();
    },
  };
}
