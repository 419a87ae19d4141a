/**
 * The process-wide signals, carried to every instance: a record that changed (pages re-read it),
 * a notification for a user (the bell), and an access change (open live-document connections
 * re-check their rights). Each is emitted locally as before; the bridge publishes what this
 * instance emits and re-emits, marked as remote, what the others publish. A message that does not
 * decode is logged and dropped.
 */
import type { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { Transaction } from '@libsql/client';
import { z } from 'zod';
import type { Cluster } from './index.ts';
import { recordChanges } from '../domain/changes.ts';
import { notificationSignal } from '../domain/action-item/notifications.ts';
import type { CollabServer } from '../collab/index.ts';
import type { HeldDocuments, LiveDocuments } from '../domain/live-documents.ts';

/** The last argument of a signal re-emitted from another instance; it is not published again. */
export const REMOTE = Symbol('remote');

const change = z.object({ entity: z.string().max(40), id: z.string().max(100) });
const userId = z.string().max(100);
/** The documents whose connections re-check (all of them when `docs` is absent), or one person's. */
const access = z.union([
  z.object({ person: z.string().max(100) }),
  z.object({ docs: z.array(z.string().max(200)).max(1000).optional() }),
]);

function bridge<T>(cluster: Cluster, log: Logger, emitter: EventEmitter, event: string, topic: string, schema: z.ZodType<T>): Promise<() => void> {
  const outgoing = (value: T, marker?: unknown) => {
    if (marker !== REMOTE) cluster.publish(topic, JSON.stringify(value));
  };
  emitter.on(event, outgoing);
  return cluster.subscribe(topic, (payload) => {
    const parsed = schema.safeParse(safeJson(payload));
    if (!parsed.success) return log.warn({ topic }, 'cluster: a message that does not decode was dropped');
    emitter.emit(event, parsed.data, REMOTE);
  }).then((stop) => () => { stop(); emitter.off(event, outgoing); });
}

function safeJson(payload: Buffer): unknown {
  try {
    return JSON.parse(payload.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Record changes and notifications reach every instance's open pages. */
export async function bridgeSignals(cluster: Cluster, log: Logger): Promise<() => void> {
  if (!cluster.shared) return () => {};
  const stops = await Promise.all([
    bridge(cluster, log, recordChanges, 'change', 'changes', change),
    bridge(cluster, log, notificationSignal, 'notify', 'notifications', userId),
  ]);
  return () => stops.forEach((stop) => stop());
}

/**
 * The live-documents port for a cluster: after a command that may change rights (it held some
 * documents, or a person), every other instance re-checks its own connections of those documents
 * or that person, so that a party removed on one instance is closed on all of them.
 */
export async function clusteredLive(collab: CollabServer, cluster: Cluster, log: Logger): Promise<LiveDocuments> {
  const local = collab.live;
  if (!cluster.shared) return local;
  await cluster.subscribe('access', (payload) => {
    const parsed = access.safeParse(safeJson(payload));
    if (!parsed.success) return log.warn({ topic: 'access' }, 'cluster: a message that does not decode was dropped');
    const message = parsed.data;
    const recheck = 'person' in message
      ? (local.accessEpoch++, local.recheck([...collab.registry.connections].filter((c) => c.user.id === message.person)))
      : local.refreshAccess(message.docs);
    recheck.catch((err) => log.error({ err }, 'cluster: re-checking access failed'));
  });
  const announce = (message: z.infer<typeof access>) => cluster.publish('access', JSON.stringify(message));
  return {
    read: (name, read) => local.read(name, read),
    create: (tx, name, update) => local.create(tx, name, update),
    async hold<T>(names: readonly string[], work: (tx: Transaction, held: HeldDocuments) => Promise<T>) {
      try {
        return await local.hold(names, work);
      } finally {
        announce({ docs: [...names] });
      }
    },
    async holdPerson<T>(person: string, work: () => Promise<T>) {
      try {
        return await local.holdPerson(person, work);
      } finally {
        announce({ person });
      }
    },
    async refreshAccess(names) {
      await local.refreshAccess(names);
      announce(names ? { docs: [...names] } : {});
    },
  };
}
