/**
 * The WebSocket upgrade of `/collab/<docName>`: Origin, session, document, policy, in that order,
 * all before the handshake, so a refusal is a plain HTTP answer the client can read.
 */
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import type { User } from 'lucia';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Db } from '../db/client.ts';
import type { Sessions } from '../auth/sessions.ts';
import { clientProtocol, isOwnOrigin } from '../auth/origin.ts';
import { resolveAccess } from './access.ts';
import { COLLAB_PATH } from '../../shared/collab.ts';

export interface UpgradeDeps {
  db: Db; sessions: Sessions; log: Logger;
  /** The collaboration server's count of access re-checks, read before this admission looks at the rights. */
  accessEpoch(): number;
}

export interface Admitted {
  docName: string; user: User; sessionSecret: string; sessionExpiresAt: number; access: 'write' | 'read'; accessEpoch: number;
}

type Verdict = Admitted | { status: 401 | 403 | 404 };

/**
 * The y-websocket client appends the room name to the URL's path: the document is the last path
 * segment, URL-decoded. Null when the path is not under /collab/.
 */
export function docNameOf(url: string | undefined): string | null {
  const path = (url ?? '').split('?')[0];
  if (!path.startsWith(`${COLLAB_PATH}/`)) return null;
  try {
    return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
  } catch {
    return '';
  }
}

export async function admit(request: IncomingMessage, deps: UpgradeDeps): Promise<Verdict> {
  const forwarded = request.headers['x-forwarded-proto'];
  const protocol = clientProtocol(Array.isArray(forwarded) ? forwarded[0] : forwarded, 'encrypted' in request.socket && Boolean(request.socket.encrypted));
  if (!isOwnOrigin({ origin: request.headers.origin, host: request.headers.host, protocol })) return { status: 403 };
  const secret = deps.sessions.readSessionCookie(request.headers.cookie ?? '');
  if (!secret) return { status: 401 };
  const { user, session } = await deps.sessions.validateSession(secret);
  if (!user || !session) return { status: 401 };
  const docName = docNameOf(request.url);
  if (docName === null) return { status: 404 };
  const accessEpoch = deps.accessEpoch();
  const resolved = await resolveAccess(deps.db, user, docName);
  if (!resolved) return { status: 404 };
  if (resolved.access === 'none') return { status: 403 };
  return { docName, user, sessionSecret: secret, sessionExpiresAt: session.expiresAt.getTime(), access: resolved.access, accessEpoch };
}

function refuse(socket: Duplex, status: number): void {
  const body = STATUS_CODES[status] ?? 'Error';
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${body}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** The `upgrade` listener: admits, then hands the WebSocket to `onOpen`. */
export function upgradeHandler(deps: UpgradeDeps, wss: WebSocketServer, onOpen: (ws: WebSocket, admitted: Admitted) => void) {
  return (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // The socket is ours until the handshake: a reset during the async checks must not crash the process.
    const onSocketError = () => socket.destroy();
    socket.on('error', onSocketError);
    admit(request, deps).then(
      (verdict) => {
        if (socket.destroyed) return;
        if ('status' in verdict) return refuse(socket, verdict.status);
        socket.removeListener('error', onSocketError);
        wss.handleUpgrade(request, socket, head, (ws) => onOpen(ws, verdict));
      },
      (error) => {
        deps.log.error({ err: error, url: request.url }, 'collab: upgrade failed');
        if (!socket.destroyed) refuse(socket, 500);
      },
    );
  };
}
