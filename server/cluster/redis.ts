/**
 * The cluster over Redis (ioredis): one connection publishes and holds leases, a second one
 * subscribes (a subscribed Redis connection can do nothing else). Every message is framed with the
 * publishing instance's id, so an instance ignores its own. ioredis reconnects and re-subscribes by
 * itself; after a reconnection the resync handlers run, because whatever was published while the
 * connection was down is lost (Redis pub/sub keeps nothing): the documents re-read the database.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Cluster, ClusterHealth, Lease, TopicHandler } from './index.ts';

const PREFIX = 'concord:';
/** Extends the lease only if it is still ours; releases likewise. */
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

function frame(instanceId: Buffer, payload: Uint8Array | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  return Buffer.concat([Buffer.from([instanceId.length]), instanceId, body]);
}

export async function openRedisCluster(url: string, log: Logger): Promise<Cluster> {
  const id = randomBytes(8);
  const instanceId = id.toString('hex');
  /** The leases this instance holds: on close each stops renewing and is no longer held. */
  const holding = new Set<() => void>();
  const options = {
    // A command waits for a reconnection rather than failing at once, but not forever.
    maxRetriesPerRequest: 3,
    retryStrategy: (attempt: number) => Math.min(50 * 2 ** attempt, 2_000),
    connectionName: `concord-${instanceId}`,
  };
  const main = new Redis(url, options);
  const sub = new Redis(url, { ...options, connectionName: `concord-${instanceId}-sub` });
  const handlers = new Map<string, Set<TopicHandler>>();
  const resync = new Set<() => void>();
  const clog = log.child({ module: 'cluster' });

  for (const [name, connection] of [['main', main], ['sub', sub]] as const) {
    let wasReady = false;
    connection.on('error', (err) => clog.warn({ err: err.message, connection: name }, 'redis: connection error'));
    connection.on('ready', () => {
      if (wasReady) {
        clog.info({ connection: name }, 'redis: reconnected');
        if (name === 'sub') for (const handler of resync) handler();
      }
      wasReady = true;
    });
  }

  sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
    const topic = channel.toString('utf8').slice(PREFIX.length);
    const topicHandlers = handlers.get(topic);
    if (!topicHandlers || message.length < 1) return;
    const idLength = message[0];
    if (message.length < 1 + idLength) return clog.warn({ topic }, 'redis: a message without its frame was dropped');
    if (message.subarray(1, 1 + idLength).equals(id)) return;
    const payload = message.subarray(1 + idLength);
    for (const handler of topicHandlers) {
      try {
        handler(payload);
      } catch (err) {
        clog.warn({ err, topic }, 'redis: a message that does not decode was dropped');
      }
    }
  });

  await Promise.all([main.ping(), sub.ping()]).catch((err) => {
    main.disconnect();
    sub.disconnect();
    throw new Error(`Redis at ${url} does not answer: ${err instanceof Error ? err.message : err}`);
  });

  return {
    instanceId,
    shared: true,
    publish(topic, payload) {
      main.publish(PREFIX + topic, frame(id, payload)).catch((err) => clog.warn({ err: err.message, topic }, 'redis: publish failed'));
    },
    async subscribe(topic, handler) {
      let set = handlers.get(topic);
      if (!set) {
        handlers.set(topic, (set = new Set()));
        await sub.subscribe(PREFIX + topic);
      }
      set.add(handler);
      return () => {
        const current = handlers.get(topic);
        if (!current?.delete(handler) || current.size > 0) return;
        handlers.delete(topic);
        sub.unsubscribe(PREFIX + topic).catch(() => {});
      };
    },
    onResync(handler) {
      resync.add(handler);
      return () => resync.delete(handler);
    },
    async lease(name, ttlMs): Promise<Lease | null> {
      const key = `${PREFIX}lease:${name}`;
      const token = `${instanceId}:${randomBytes(6).toString('hex')}`;
      const granted = await main.set(key, token, 'PX', ttlMs, 'NX').catch((err) => {
        clog.warn({ err: err.message, lease: name }, 'redis: lease unavailable; the work waits for the next turn');
        return null;
      });
      if (granted !== 'OK') return null;
      let held = true;
      const renew = setInterval(() => {
        main.eval(RENEW, 1, key, token, String(ttlMs)).then(
          (ok) => { if (ok !== 1) held = false; },
          () => { held = false; },
        );
      }, Math.max(100, Math.floor(ttlMs / 3)));
      renew.unref();
      const lapse = () => {
        clearInterval(renew);
        held = false;
        holding.delete(lapse);
      };
      holding.add(lapse);
      return {
        get held() { return held; },
        async release() {
          lapse();
          await main.eval(RELEASE, 1, key, token).catch(() => {});
        },
      };
    },
    windows: {
      async add(key, windowMs) {
        const k = `${PREFIX}window:${key}`;
        await main.multi().incr(k).pexpire(k, windowMs, 'NX').exec();
      },
      async read(key) {
        const k = `${PREFIX}window:${key}`;
        const [[, count], [, ttl]] = (await main.multi().get(k).pttl(k).exec()) as [[unknown, string | null], [unknown, number]];
        return { count: Number(count ?? 0), ttlMs: Math.max(0, Number(ttl)) };
      },
      async clear(key) {
        await main.del(`${PREFIX}window:${key}`);
      },
    },
    async health(): Promise<ClusterHealth> {
      try {
        await Promise.race([main.ping(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 1_000))]);
        return { redis: 'ok' };
      } catch {
        return { redis: 'down' };
      }
    },
    async close() {
      // Leases still held are no longer this instance's; in Redis they lapse with their TTL.
      for (const lapse of [...holding]) lapse();
      await Promise.allSettled([main.quit(), sub.quit()]);
    },
  };
}

/** The raw connection, for the shared sign-in counters (auth/rate-limit.ts). */
export type { Redis };
