/**
 * The collaboration server: `/collab/<docName>` WebSockets on the HTTP server's port, speaking the
 * y-websocket protocol. Pieces, called in order: upgrade (Origin, session, policy) → registry
 * (load the document) → connection (messages) → document (sync, awareness) → persistence (log).
 * It is built with the app's other dependencies and attached to the HTTP server once that exists.
 */
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Db } from '../db/client.ts';
import type { Sessions } from '../auth/sessions.ts';
import { Connection, type ConnectionLimits } from './connection.ts';
import { Registry } from './registry.ts';
import { upgradeHandler, type Admitted } from './upgrade.ts';
import type { WriterLimits } from './persistence.ts';
import { CollabLiveDocuments } from './live-documents.ts';
import { DocFanOut } from './fan-out.ts';
import type { Cluster } from '../cluster/index.ts';
import { CLOSE, HEARTBEAT_MS } from '../../shared/collab.ts';

/** messageAwareness (1), then an update of zero clients. */
const HEARTBEAT = new Uint8Array([1, 1, 0]);

export interface CollabDeps {
  db: Db; sessions: Sessions; log: Logger;
  /** Other instances serving the same documents (REDIS_URL); absent for a single process. */
  cluster?: Cluster;
}

export interface CollabOptions extends Partial<ConnectionLimits>, Partial<WriterLimits> {
  /** How often peers are pinged; one that has not answered the previous ping is dropped. */
  pingIntervalMs?: number;
  /** Called after updates of a document are committed (search re-indexes the live text). */
  onPersisted?: (docName: string) => void;
}

export interface CollabServer {
  registry: Registry;
  /** The port commands use (read, hold, change live documents; re-check rights). */
  live: CollabLiveDocuments;
  /** Serves `/collab/*` upgrades of this HTTP server. */
  attach(server: Server): void;
  /** Re-checks the rights of open connections (see `LiveDocuments.refreshAccess`). */
  refreshAccess(docNames?: readonly string[]): Promise<void>;
  /** Persists an update made by the server, then relays it to whoever has the document open. */
  applyServerUpdate(docName: string, update: Uint8Array): Promise<void>;
  /** Resolves once every update received so far is committed. */
  flushAll(): Promise<void>;
  /** Stops accepting connections, closes the open ones (1001: reconnect), flushes, unloads. */
  close(): Promise<void>;
}

export const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

export function createCollab(deps: CollabDeps, options: CollabOptions = {}): CollabServer {
  const limits: ConnectionLimits = {
    maxMessageBytes: options.maxMessageBytes ?? MAX_MESSAGE_BYTES,
    maxQueuedBytes: options.maxQueuedBytes ?? 2 * (options.maxMessageBytes ?? MAX_MESSAGE_BYTES),
  };
  const log = deps.log.child({ module: 'collab' });
  const registry = new Registry(deps.db, log, {
    compactAfterUpdates: options.compactAfterUpdates ?? 500,
    compactAfterBytes: options.compactAfterBytes ?? 4 * 1024 * 1024,
  }, deps.cluster?.shared ? new DocFanOut(deps.cluster, deps.db, log) : null);
  const live = new CollabLiveDocuments(deps.db, deps.sessions, registry, log);
  if (options.onPersisted) registry.writer.onPersisted = options.onPersisted;
  registry.writer.onRefused = (name) => {
    live.refreshAccess([name]).catch((err) => log.error({ err, doc: name }, 'collab: re-checking access after refused edits failed'));
  };
  // Frames above twice our limit are cut off by ws itself (close 1009) before they are buffered;
  // those in between get our own close code.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 2 * limits.maxMessageBytes, perMessageDeflate: false });

  const open = (ws: WebSocket, admitted: Admitted) => {
    const connection = new Connection(ws, admitted.docName, admitted.user, admitted.sessionSecret, admitted.sessionExpiresAt, admitted.access, limits, log);
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
    // Rights re-checked while this connection was being admitted may have changed since: check it again before it joins.
    const current = admitted.accessEpoch === live.accessEpoch ? null : live.recheck([connection]);
    Promise.all([registry.acquire(admitted.docName), current]).then(
      ([doc]) => {
        if (connection.closed) return registry.release(doc);
        connection.attach(doc);
      },
      (error) => {
        log.error({ err: error, doc: admitted.docName }, 'collab: loading a document failed');
        connection.close(CLOSE.serverError, 'document could not be loaded');
      },
    );
  };

  let attached: { server: Server; onUpgrade: ReturnType<typeof upgradeHandler> } | null = null;

  const ping = setInterval(() => {
    // A session that reached its end is checked again (it may have been renewed by the person's other requests).
    const expired = [...registry.connections].filter((connection) => connection.sessionExpiresAt <= Date.now());
    if (expired.length > 0) live.recheck(expired).catch((err) => log.error({ err }, 'collab: re-checking expired sessions failed'));
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
  // An empty awareness update: harmless to any y-websocket client, and proof the server is there.
  // Only to peers sent nothing for half a beat (any message is proof enough): under load, none.
  const heartbeat = setInterval(() => {
    const quietSince = performance.now() - HEARTBEAT_MS / 2;
    for (const connection of registry.connections) if (connection.doc && connection.lastSentAt <= quietSince) connection.send(HEARTBEAT);
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    registry,
    live,
    attach(server) {
      const onUpgrade = upgradeHandler({ ...deps, accessEpoch: () => live.accessEpoch }, wss, open);
      server.on('upgrade', onUpgrade);
      attached = { server, onUpgrade };
    },
    refreshAccess: (docNames) => live.refreshAccess(docNames),
    applyServerUpdate: (docName, update) => live.applyServerUpdate(docName, update),
    flushAll: () => registry.writer.idle(),
    async close() {
      attached?.server.off('upgrade', attached.onUpgrade);
      clearInterval(ping);
      clearInterval(heartbeat);
      for (const connection of registry.connections) connection.close(CLOSE.goingAway, 'server shutting down');
      await registry.unloadAll();
      // Give the closing handshakes a moment, then cut whatever did not answer.
      for (let waited = 0; registry.connections.size > 0 && waited < 2_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      for (const connection of registry.connections) connection.ws.terminate();
      wss.close();
      await registry.writer.close();
    },
  };
}
