/**
 * The collaboration server: `/collab/<docName>` WebSockets on the HTTP server's port, speaking the
 * y-websocket protocol. Pieces, called in order: upgrade (Origin, session, policy) → registry
 * (load the document) → connection (messages) → document (sync, awareness) → persistence (log).
 */
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Db } from '../db/client.ts';
import type { Sessions } from '../auth/sessions.ts';
import { accessOf, loadTarget, type Target } from './access.ts';
import { Connection, type ConnectionLimits } from './connection.ts';
import { Registry } from './registry.ts';
import { upgradeHandler, type Admitted } from './upgrade.ts';
import { shareLoadedDocs, type WriterLimits } from './persistence.ts';
import { CLOSE } from '../../shared/collab.ts';

export { loadDocState, loadYDoc, readDoc, readStoredDoc } from './persistence.ts';

export interface CollabDeps { db: Db; sessions: Sessions; log: Logger }

export interface CollabOptions extends Partial<ConnectionLimits>, Partial<WriterLimits> {
  /** How often peers are pinged; one that has not answered the previous ping is dropped. */
  pingIntervalMs?: number;
  /** Called after updates of a document are committed (search re-indexes the live text). */
  onPersisted?: (docName: string) => void;
}

export interface CollabServer {
  registry: Registry;
  /**
   * Re-checks the session and the access of every open connection (of one document, or all):
   * now forbidden → closed with 4403 (4401 when the session ended, 4404 when the document is gone);
   * access changed (now read-only or now writable) → closed with 4001 so the client reconnects and
   * re-reads its rights; until then its updates are dropped. Call it when a rule's inputs change.
   */
  refreshAccess(docName?: string): Promise<void>;
  /** Persists an update made by the server, then relays it to whoever has the document open. */
  applyServerUpdate(docName: string, update: Uint8Array): Promise<void>;
  /** Resolves once every update received so far is committed. */
  flushAll(): Promise<void>;
  /** Stops accepting connections, closes the open ones (1001: reconnect), flushes, unloads. */
  close(): Promise<void>;
}

export const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

export function attachCollab(server: Server, deps: CollabDeps, options: CollabOptions = {}): CollabServer {
  const limits: ConnectionLimits = {
    maxMessageBytes: options.maxMessageBytes ?? MAX_MESSAGE_BYTES,
    maxQueuedBytes: options.maxQueuedBytes ?? 2 * (options.maxMessageBytes ?? MAX_MESSAGE_BYTES),
  };
  const log = deps.log.child({ module: 'collab' });
  const registry = new Registry(deps.db, log, {
    compactAfterUpdates: options.compactAfterUpdates ?? 500,
    compactAfterBytes: options.compactAfterBytes ?? 4 * 1024 * 1024,
  });
  // Server code that reads a live document (search, duty anchors) uses the loaded copy, not the log.
  shareLoadedDocs(deps.db, (name) => registry.docs.get(name)?.ydoc);
  if (options.onPersisted) registry.writer.onPersisted = options.onPersisted;
  // Frames above twice our limit are cut off by ws itself (close 1009) before they are buffered;
  // those in between get our own close code.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 2 * limits.maxMessageBytes, perMessageDeflate: false });

  const open = (ws: WebSocket, admitted: Admitted) => {
    const connection = new Connection(ws, admitted.docName, admitted.user, admitted.sessionSecret, admitted.access, limits, log);
    registry.connections.add(connection);
    ws.on('error', (error) => log.debug({ err: error, doc: admitted.docName }, 'collab: socket error'));
    ws.on('close', () => {
      connection.closed = true;
      registry.connections.delete(connection);
      if (connection.doc) {
        connection.doc.leave(connection);
        registry.release(connection.doc);
      }
    });
    registry.acquire(admitted.docName).then(
      (doc) => {
        if (connection.closed) return registry.release(doc);
        connection.attach(doc);
      },
      (error) => {
        log.error({ err: error, doc: admitted.docName }, 'collab: loading a document failed');
        connection.close(CLOSE.serverError, 'document could not be loaded');
      },
    );
  };

  const onUpgrade = upgradeHandler(deps, wss, open);
  server.on('upgrade', onUpgrade);

  const ping = setInterval(() => {
    for (const connection of registry.connections) {
      if (!connection.alive) {
        connection.ws.terminate();
        continue;
      }
      connection.alive = false;
      connection.ws.ping();
    }
  }, options.pingIntervalMs ?? 30_000);
  ping.unref();

  const refreshAccess = async (docName?: string) => {
    const targets = new Map<string, Promise<Target | null>>();
    const sessions = new Map<string, ReturnType<Sessions['validateSession']>>();
    const connections = [...registry.connections].filter((connection) => docName === undefined || connection.docName === docName);
    await Promise.all(connections.map(async (connection) => {
      let target = targets.get(connection.docName);
      if (!target) targets.set(connection.docName, (target = loadTarget(deps.db, connection.docName)));
      let session = sessions.get(connection.sessionSecret);
      if (!session) sessions.set(connection.sessionSecret, (session = deps.sessions.validateSession(connection.sessionSecret)));
      const [{ user }, resolved] = await Promise.all([session, target]);
      if (!user) return connection.close(CLOSE.unauthenticated, 'session ended');
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
  };

  return {
    registry,
    refreshAccess,
    applyServerUpdate: (docName, update) => registry.applyServerUpdate(docName, update),
    flushAll: () => registry.writer.idle(),
    async close() {
      shareLoadedDocs(deps.db, null);
      server.off('upgrade', onUpgrade);
      clearInterval(ping);
      for (const connection of registry.connections) connection.close(CLOSE.goingAway, 'server shutting down');
      await registry.unloadAll();
      // Give the closing handshakes a moment, then cut whatever did not answer.
      for (let waited = 0; registry.connections.size > 0 && waited < 2_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      for (const connection of registry.connections) connection.ws.terminate();
      wss.close();
    },
  };
}
