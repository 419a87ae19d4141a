/**
 * The cluster: what several Concord instances behind one database share through Redis. Topics
 * carry what one instance must tell the others (a committed update of a live document, an
 * awareness change, an access change, a record that changed, a notification); leases make
 * once-only work (reminders, digests, indexing at start) run on one instance at a time.
 *
 * Without `REDIS_URL` the cluster is this one process (`singleProcess()`): nothing is published,
 * every lease is granted at once, and Concord is exactly the single process it always was.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';

/** A topic handler gets the payload another instance published (never this instance's own). */
export type TopicHandler = (payload: Buffer) => void;

export interface Lease {
  /** Still ours (renewed in time)? Work that takes long checks before each step. */
  readonly held: boolean;
  release(): Promise<void>;
}

export interface ClusterHealth { redis: 'off' | 'ok' | 'down' }

/** Counters in fixed windows, shared by every instance (sign-in throttling). */
export interface SharedWindows {
  /** Adds one to `key`; a new key's window starts now and lasts `windowMs`. */
  add(key: string, windowMs: number): Promise<void>;
  read(key: string): Promise<{ count: number; ttlMs: number }>;
  clear(key: string): Promise<void>;
}

export interface Cluster {
  /** Random per process: messages an instance published itself are not delivered back to it. */
  readonly instanceId: string;
  /** True when other instances may exist (REDIS_URL set). */
  readonly shared: boolean;
  publish(topic: string, payload: Uint8Array | string): void;
  /** Delivers what other instances publish on `topic`; the returned function stops it. Resolves once subscribed. */
  subscribe(topic: string, handler: TopicHandler): Promise<() => void>;
  /** Called after the connection to Redis came back: whatever was published meanwhile was missed. */
  onResync(handler: () => void): () => void;
  /** The lease `name` for `ttlMs` (renewed while held), or null when another instance holds it. */
  lease(name: string, ttlMs: number): Promise<Lease | null>;
  /** Null in a single process: its counters are kept in memory. */
  readonly windows: SharedWindows | null;
  health(): Promise<ClusterHealth>;
  close(): Promise<void>;
}

/** The one-process cluster: used when REDIS_URL is not set. */
export function singleProcess(): Cluster {
  const granted: Lease = { held: true, release: async () => {} };
  return {
    instanceId: randomBytes(8).toString('hex'),
    shared: false,
    publish: () => {},
    subscribe: async () => () => {},
    onResync: () => () => {},
    lease: async () => granted,
    windows: null,
    health: async () => ({ redis: 'off' }),
    close: async () => {},
  };
}

/** Runs `work` only where the lease is granted; logs and swallows nothing: errors reach the caller. */
export async function once<T>(cluster: Cluster, name: string, ttlMs: number, work: (lease: Lease) => Promise<T>): Promise<T | null> {
  const lease = await cluster.lease(name, ttlMs);
  if (!lease) return null;
  try {
    return await work(lease);
  } finally {
    await lease.release();
  }
}

export async function openCluster(redisUrl: string | undefined, log: Logger): Promise<Cluster> {
  if (!redisUrl) return singleProcess();
  const { openRedisCluster } = await import('./redis.ts');
  return openRedisCluster(redisUrl, log);
}
