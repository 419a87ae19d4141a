/**
 * Stock y-websocket clients for the collaboration tests, signed in through a cookie header, and
 * raw sockets for what a well-behaved client never sends.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

/** The Origin a page of the server at `wsUrl` sends (`ws://host:port/...` → `http://host:port`). */
export function pageOrigin(wsUrl: string): string {
  const url = new URL(wsUrl);
  return `${url.protocol === 'wss:' ? 'https:' : 'http:'}//${url.host}`;
}

/** A `ws` WebSocket that sends the session cookie and the server's own Origin (unless `headers` say otherwise), as a browser would. */
export function cookieWebSocket(cookie: string | null, headers: Record<string, string> = {}) {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { origin: pageOrigin(url), ...headers, ...(cookie ? { cookie } : {}) } });
    }
  };
}

export interface TestClient {
  doc: Y.Doc;
  text: Y.Text;
  provider: WebsocketProvider;
  /** Close codes the server sent, in order. */
  closeCodes: number[];
  destroy(): void;
}

export function connectClient(collabUrl: string, docName: string, cookie: string | null): TestClient {
  const doc = new Y.Doc();
  const closeCodes: number[] = [];
  const provider = new WebsocketProvider(collabUrl, docName, doc, {
    WebSocketPolyfill: cookieWebSocket(cookie) as unknown as typeof globalThis.WebSocket,
    // In one Node process, clients of the same room would otherwise talk over BroadcastChannel, past the server.
    disableBc: true,
    maxBackoffTime: 300,
  });
  provider.on('connection-close', (event) => { if (event) closeCodes.push(event.code); });
  return {
    doc, text: doc.getText('body'), provider, closeCodes,
    destroy: () => { provider.destroy(); doc.destroy(); },
  };
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const synced = (client: TestClient) => waitFor(() => client.provider.synced, 'the client to sync');

/**
 * Opens a raw WebSocket; resolves with the HTTP status of a refused upgrade, or the open socket.
 * It sends the server's own Origin unless `headers` name one (`origin: null` sends none).
 */
export function rawSocket(url: string, headers: Record<string, string | null>): Promise<{ status: number; ws?: WebSocket }> {
  const sent = Object.fromEntries(Object.entries({ origin: pageOrigin(url), ...headers }).filter((entry): entry is [string, string] => entry[1] !== null));
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: sent });
    ws.on('unexpected-response', (_request, response) => {
      resolve({ status: response.statusCode ?? 0 });
      response.resume();
      ws.terminate();
    });
    ws.on('open', () => resolve({ status: 101, ws }));
    ws.on('error', (error) => reject(error));
  });
}

/** Resolves with the close code once the socket is closed. */
export function closed(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) return resolve(-1);
    ws.on('close', (code) => resolve(code));
  });
}

/** The XmlText holding `needle` and where in it the needle starts; depth-first, in document order. */
export function findText(doc: Y.Doc, needle: string): { text: Y.XmlText; index: number } {
  const visit = (node: Y.XmlFragment | Y.XmlElement): { text: Y.XmlText; index: number } | null => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) {
        const index = child.toString().indexOf(needle);
        if (index >= 0) return { text: child, index };
      } else if (child instanceof Y.XmlElement) {
        const found = visit(child);
        if (found) return found;
      }
    }
    return null;
  };
  const found = visit(doc.getXmlFragment('prosemirror'));
  if (!found) throw new Error(`"${needle}" is not in the text`);
  return found;
}
