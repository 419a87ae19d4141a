/**
 * The cluster when parts fail, with real processes: an instance killed with SIGKILL, Redis
 * restarted mid-editing, garbage on a document's channel, and the reminders' lease passing from a
 * dead holder to a live instance. Stock y-websocket clients; Debian's redis-server on a free port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pino from 'pino';
import { WebsocketProvider } from 'y-websocket';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exited, startServerProcess, type ServerProcess } from '../collab/server-process.ts';
import { connectClient, cookieWebSocket, synced, waitFor, type TestClient } from '../collab/client.ts';
import { createTestDb, signIn, type TestDb } from '../helpers.ts';
import { startRedis, type RedisProcess } from './redis-process.ts';
import { DEMO_AGENCY_IDS, DEMO_IDS } from '../../server/demo/seed.ts';
import { openRedisCluster } from '../../server/cluster/redis.ts';
import { startReminderScheduler } from '../../server/domain/action-item/scheduler.ts';
import { startBackupScheduler } from '../../server/ops/scheduler.ts';
import { listBackups } from '../../server/ops/backup.ts';
import type { Cluster } from '../../server/cluster/index.ts';
import { addDays, localDate } from '../../shared/format.ts';

const MINUTES_DOC = `minutes:${DEMO_IDS.meeting}`;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const wsUrl = (instance: ServerProcess) => `${instance.url.replace('http', 'ws')}/collab`;

let redis: RedisProcess;
let dir: string;
const instances: ServerProcess[] = [];
const clients: TestClient[] = [];

beforeAll(async () => { redis = await startRedis(); });
afterAll(async () => { await redis?.stop(); });

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const instance of instances.splice(0)) {
    instance.child.kill('SIGTERM');
    await exited(instance.child);
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Two instances on a fresh database file and the shared Redis; the first one seeds. */
async function twoInstances(): Promise<[ServerProcess, ServerProcess]> {
  dir = mkdtempSync(join(tmpdir(), 'concord-cluster-failures-'));
  const env = { REDIS_URL: redis.url, DATA_DIR: dir };
  const databaseUrl = `file:${join(dir, 'concord.db')}`;
  const one = await startServerProcess(databaseUrl, undefined, env);
  const two = await startServerProcess(databaseUrl, undefined, env);
  instances.push(one, two);
  return [one, two];
}

async function chairOn(instance: ServerProcess): Promise<TestClient> {
  const client = connectClient(wsUrl(instance), MINUTES_DOC, await signIn(instance.url, 'thads@demo.concord.vn'));
  clients.push(client);
  await synced(client);
  return client;
}

describe('an instance killed with SIGKILL', () => {
  it('loses no update a client had received: its clients reconnect to the other instance and every copy converges', async () => {
    const [one, two] = await twoInstances();
    const watcher = await chairOn(one);
    const typist = await chairOn(two);
    for (let i = 0; i < 40; i++) {
      typist.text.insert(typist.text.length, `t${i} `);
      if (i % 5 === 0) watcher.text.insert(0, `w${i} `);
      await pause(10);
      if (i === 25) two.child.kill('SIGKILL');
    }
    await exited(two.child);
    // Whatever reached the watcher went through instance 1's database before it was relayed.
    await pause(300);
    const received = watcher.text.toString();
    expect(received).toMatch(/t20 /);

    const late = await chairOn(one);
    for (const token of received.split(' ').filter(Boolean)) expect(late.text.toString()).toContain(`${token} `);

    // The typist's own client moves to instance 1 and brings what instance 2 never stored.
    typist.provider.destroy();
    const cookie = await signIn(one.url, 'thads@demo.concord.vn');
    const moved = new WebsocketProvider(wsUrl(one), MINUTES_DOC, typist.doc, {
      WebSocketPolyfill: cookieWebSocket(cookie) as unknown as typeof globalThis.WebSocket, disableBc: true, maxBackoffTime: 300,
    });
    try {
      await waitFor(() => moved.synced, 'the moved client to sync');
      await waitFor(() => watcher.text.toString() === typist.text.toString() && late.text.toString() === typist.text.toString(), 'all copies to converge');
      expect(typist.text.toString()).toContain('t39 ');
    } finally {
      moved.destroy();
    }
  }, 120_000);
});

describe('Redis restarted mid-editing', () => {
  it('the instances reconnect, re-read the loaded documents and every copy converges, all of it stored', async () => {
    const [one, two] = await twoInstances();
    const first = await chairOn(one);
    const second = await chairOn(two);
    const restarting = (async () => { await pause(150); await redis.restart(); })();
    for (let i = 0; i < 30; i++) {
      first.text.insert(first.text.length, `a${i} `);
      second.text.insert(0, `b${i} `);
      await pause(20);
    }
    await restarting;
    // One more edit each after Redis is back, then everything must meet.
    first.text.insert(first.text.length, 'after-a ');
    second.text.insert(0, 'after-b ');
    await waitFor(() => first.text.toString() === second.text.toString() && /after-a/.test(first.text.toString()) && /after-b/.test(first.text.toString()),
      'both copies to converge after the restart', 30_000);
    for (let i = 0; i < 30; i++) expect(first.text.toString()).toContain(`a${i} `);
    for (let i = 0; i < 30; i++) expect(first.text.toString()).toContain(`b${i} `);
    // Both instances answer /healthz with Redis up again; a client loading from either gets it all.
    for (const instance of [one, two]) {
      const health = await (await fetch(`${instance.url}/healthz`)).json();
      expect(health).toMatchObject({ ok: true, redis: 'ok' });
      const late = await chairOn(instance);
      await waitFor(() => late.text.toString() === first.text.toString(), 'the late client');
    }
  }, 120_000);
});

describe('garbage on a document\'s channel', () => {
  it('is logged and dropped, never applied: the document stays the same on both instances and editing goes on', async () => {
    const [one, two] = await twoInstances();
    const first = await chairOn(one);
    const second = await chairOn(two);
    first.text.insert(0, 'before ');
    await waitFor(() => second.text.toString() === first.text.toString(), 'the first edit to arrive');

    const attacker = new Redis(redis.url);
    try {
      const channel = `concord:doc:${MINUTES_DOC}`;
      const foreign = Buffer.from([8, 1, 2, 3, 4, 5, 6, 7, 8]);
      for (const body of [Buffer.alloc(0), Buffer.from([200]), Buffer.from('not a frame at all'),
        Buffer.concat([foreign, Buffer.from([0, 0xff, 0xff, 0xff])]), Buffer.concat([foreign, Buffer.from([0, 5, 3, 1, 2, 3])]),
        Buffer.concat([foreign, Buffer.from([1, 9, 9, 9, 9])]), Buffer.concat([foreign, Buffer.from(JSON.stringify({ seq: 1, update: 'x' }))])]) {
        await attacker.publish(channel, body);
      }
    } finally {
      attacker.disconnect();
    }
    await pause(500);
    expect(second.text.toString()).toBe('before ');
    expect(first.text.toString()).toBe('before ');
    second.text.insert(second.text.length, 'after');
    await waitFor(() => first.text.toString() === 'before after', 'an edit after the garbage');
    expect(`${one.output()}${two.output()}`).toMatch(/dropped/);
    for (const instance of [one, two]) expect(instance.child.exitCode).toBeNull();
  }, 120_000);
});

describe('reminders across instances', () => {
  let testDb: TestDb;
  const clusters: Cluster[] = [];
  const stops: (() => void)[] = [];
  afterAll(async () => {
    for (const stop of stops) stop();
    for (const cluster of clusters) await cluster.close();
    testDb?.cleanup();
  });

  it('a reminder due once is sent once, and when the lease holder dies another instance takes the turn over', async () => {
    testDb = await createTestDb({ seed: true });
    const { db } = testDb;
    const silent = pino({ level: 'silent' });
    const everyMs = 200;
    const insertItem = (id: string, title: string) => db.client.execute({
      sql: `INSERT INTO action_items (id, agency_id, title, due_date, status, source_kind, assigned_by_user_id, created_at, updated_at)
            VALUES (?, ?, ?, ?, 'open', 'manual', (SELECT id FROM users WHERE email = 'thads@demo.concord.vn'), ?, ?)`,
      args: [id, DEMO_AGENCY_IDS.ca, title, addDays(localDate(), 1), new Date().toISOString(), new Date().toISOString()],
    });
    const remindersOf = async (itemId: string) => (await db.client.execute({
      sql: `SELECT user_id, count(*) AS n FROM notifications WHERE item_id = ? AND kind = 'due_soon' GROUP BY user_id`, args: [itemId],
    })).rows.map((row) => Number(row.n));

    await insertItem('cluster-reminder-1', 'Nhắc một lần');
    for (let i = 0; i < 3; i++) {
      const cluster = await openRedisCluster(redis.url, silent);
      clusters.push(cluster);
      stops.push(startReminderScheduler(db, silent, { from: 'Concord <no-reply@concord.local>', publicUrl: 'http://127.0.0.1' }, cluster, everyMs));
    }
    await expect.poll(() => remindersOf('cluster-reminder-1'), { timeout: 10_000 }).not.toEqual([]);
    await pause(4 * everyMs);
    const sent = await remindersOf('cluster-reminder-1');
    expect(sent.every((n) => n === 1)).toBe(true);

    // One of the three holds the lease; it dies (its connection goes, nothing released).
    const probe = new Redis(redis.url);
    try {
      const holderToken = await probe.get('concord:lease:reminders');
      expect(holderToken).toBeTruthy();
      const holder = clusters.findIndex((cluster) => holderToken!.startsWith(`${cluster.instanceId}:`));
      expect(holder).toBeGreaterThanOrEqual(0);
      await clusters[holder].close();

      await insertItem('cluster-reminder-2', 'Nhắc sau khi một máy chết');
      await expect.poll(() => remindersOf('cluster-reminder-2'), { timeout: 15_000 }).not.toEqual([]);
      const taker = await probe.get('concord:lease:reminders');
      expect(taker?.startsWith(`${clusters[holder].instanceId}:`)).toBe(false);
      await pause(4 * everyMs);
      expect((await remindersOf('cluster-reminder-2')).every((n) => n === 1)).toBe(true);
      expect((await remindersOf('cluster-reminder-1')).every((n) => n === 1)).toBe(true);
    } finally {
      probe.disconnect();
    }
  }, 60_000);

  it('three instances started together on one BACKUP_DIR write one backup, not three', async () => {
    testDb ??= await createTestDb({ seed: true });
    const backupDir = mkdtempSync(join(tmpdir(), 'concord-cluster-backups-'));
    const dataDir = mkdtempSync(join(tmpdir(), 'concord-cluster-data-'));
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => { lines.push(JSON.parse(line).msg); } });
    try {
      for (let i = 0; i < 3; i++) {
        const cluster = await openRedisCluster(redis.url, pino({ level: 'silent' }));
        clusters.push(cluster);
        stops.push(startBackupScheduler(testDb.db, log, { backupDir, keep: 7, dataDir, databaseUrl: testDb.url, firstDelayMs: 1, intervalMs: 24 * 3_600_000 }, cluster));
      }
      await expect.poll(() => lines.length, { timeout: 20_000 }).toBe(3);
      expect(lines.filter((msg) => msg === 'backup written')).toHaveLength(1);
      expect((await listBackups(backupDir)).length).toBe(1);
    } finally {
      rmSync(backupDir, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
