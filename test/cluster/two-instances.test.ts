/**
 * Two Concord processes behind one database file and one Redis (Debian's redis-server on a free
 * port): what one instance does reaches the people connected to the other.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exited, startServerProcess, type ServerProcess } from '../collab/server-process.ts';
import { connectClient, synced, waitFor, type TestClient } from '../collab/client.ts';
import { signIn, trpc } from '../helpers.ts';
import { startRedis, type RedisProcess } from './redis-process.ts';
import { DEMO_AGENCY_IDS, DEMO_IDS } from '../../server/demo/seed.ts';
import { CLOSE } from '../../shared/collab.ts';

const AGREEMENT_DOC = `agreement:${DEMO_IDS.agreement}`;

let dir: string;
let redis: RedisProcess;
let one: ServerProcess;
let two: ServerProcess;
const clients: TestClient[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'concord-cluster-'));
  redis = await startRedis();
  const env = { REDIS_URL: redis.url, DATA_DIR: dir };
  const databaseUrl = `file:${join(dir, 'concord.db')}`;
  // The first one migrates and seeds; the second finds the database ready.
  one = await startServerProcess(databaseUrl, undefined, env);
  two = await startServerProcess(databaseUrl, undefined, env);
}, 120_000);

afterAll(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const instance of [one, two]) {
    instance?.child.kill('SIGTERM');
    if (instance) await exited(instance.child);
  }
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The ticks of an SSE subscription, as the browser's EventSource reads them. */
function listen(baseUrl: string, cookie: string, path: string, input?: unknown) {
  const controller = new AbortController();
  const ticks: string[] = [];
  const url = `${baseUrl}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`;
  const done = fetch(url, { headers: { cookie, accept: 'text/event-stream' }, signal: controller.signal })
    .then(async (response) => {
      const reader = response.body!.getReader();
      for (;;) {
        const { done: finished, value } = await reader.read();
        if (finished) return;
        for (const line of new TextDecoder().decode(value).split('\n')) if (line.startsWith('data: ') && line.includes('"at"')) ticks.push(line);
      }
    })
    // Ended by stop() or by the instance going away: the ticks say what arrived.
    .catch(() => {});
  return { ticks, stop: async () => { controller.abort(); await done; } };
}

const wsUrl = (instance: ServerProcess) => `${instance.url.replace('http', 'ws')}/collab`;
const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

describe('two instances, one database, one Redis', () => {
  it('both report Redis in /healthz', async () => {
    for (const instance of [one, two]) {
      expect(await (await fetch(`${instance.url}/healthz`)).json()).toEqual({ ok: true, redis: 'ok' });
    }
  });

  it('a change made through instance 1 reaches a page open on instance 2', async () => {
    const page = listen(two.url, await signIn(two.url, 'toaan@demo.concord.vn'), 'changes.watch', { entity: 'agreement', id: DEMO_IDS.agreement });
    await settle();
    const saved = await trpc(one.url, await signIn(one.url, 'thads@demo.concord.vn'), 'agreements.saveVersion', { agreementId: DEMO_IDS.agreement, name: 'Bản cụm máy chủ' }, 'mutation');
    expect(saved.status).toBe(200);
    await expect.poll(() => page.ticks.length, { timeout: 5_000 }).toBeGreaterThan(0);
    await page.stop();
  });

  it('a notification raised on instance 1 rings the bell of a listener on instance 2', async () => {
    // THADS gives itself work: its signatories (thads@ among them) are notified.
    const bell = listen(two.url, await signIn(two.url, 'thads@demo.concord.vn'), 'notifications.changes');
    await settle();
    const thads = await signIn(one.url, 'thads@demo.concord.vn');
    const created = await trpc(one.url, thads, 'actionItems.create', {
      agencyId: DEMO_AGENCY_IDS.thads, title: 'Tổng hợp hồ sơ (cụm máy chủ)', dueDate: '2027-01-15',
    }, 'mutation');
    expect(created.error).toBeUndefined();
    await expect.poll(() => bell.ticks.length, { timeout: 5_000 }).toBeGreaterThan(0);
    await bell.stop();
  });

  it('failed sign-ins are counted across instances: the 11th try of an email is refused on either', async () => {
    const email = 'congan@demo.concord.vn';
    for (let i = 0; i < 10; i++) {
      const instance = i % 2 === 0 ? one : two;
      const response = await fetch(`${instance.url}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'wrong-password' }) });
      expect(response.status).toBe(401);
    }
    for (const instance of [one, two]) {
      const response = await fetch(`${instance.url}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'concord-demo' }) });
      expect(response.status).toBe(429);
    }
  });

  it('stock y-websocket clients on both instances converge on one document, cursors included, and it is all stored', async () => {
    const docName = 'minutes:' + DEMO_IDS.meeting;
    const chair = connectClient(wsUrl(one), docName, await signIn(one.url, 'thads@demo.concord.vn'));
    const other = connectClient(wsUrl(two), docName, await signIn(two.url, 'thads@demo.concord.vn'));
    clients.push(chair, other);
    await Promise.all([synced(chair), synced(other)]);
    for (let i = 0; i < 20; i++) {
      chair.text.insert(chair.text.length, `a${i} `);
      other.text.insert(0, `b${i} `);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await waitFor(() => chair.text.length === other.text.length && chair.text.toString() === other.text.toString() && /a19/.test(chair.text.toString()) && /b19/.test(chair.text.toString()), 'both copies to converge');
    other.provider.awareness.setLocalStateField('cursor', { at: 3 });
    await waitFor(() => [...chair.provider.awareness.getStates().values()].some((state) => state.cursor?.at === 3), 'the other instance\'s cursor');
    // A third client loading from instance 2 gets it all from the database.
    const late = connectClient(wsUrl(two), docName, await signIn(two.url, 'thads@demo.concord.vn'));
    clients.push(late);
    await synced(late);
    await waitFor(() => late.text.toString() === chair.text.toString(), 'the late client');
  });

  it('a party removed through instance 1 is closed on instance 2', async () => {
    const court = connectClient(`${two.url.replace('http', 'ws')}/collab`, AGREEMENT_DOC, await signIn(two.url, 'toaan@demo.concord.vn'));
    clients.push(court);
    await synced(court);
    const thads = await signIn(one.url, 'thads@demo.concord.vn');
    const current = await trpc(one.url, thads, 'agreements.get', { id: DEMO_IDS.agreement });
    const parties = (current.data.partyAgencyIds as string[]).filter((id) => id !== DEMO_AGENCY_IDS.tand);
    const updated = await trpc(one.url, thads, 'agreements.update', { id: DEMO_IDS.agreement, title: current.data.title, docNumber: current.data.docNumber ?? '', partyAgencyIds: parties }, 'mutation');
    expect(updated.status).toBe(200);
    await waitFor(() => court.closeCodes.includes(CLOSE.forbidden), 'the close of the removed party on instance 2');
  });
});

describe('two instances started at the same moment on an empty database', () => {
  it('both migrate, one seeds, both answer; the lock is waited for, never a crash', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'concord-cluster-start-'));
    const databaseUrl = `file:${join(fresh, 'concord.db')}`;
    const env = { REDIS_URL: redis.url, DATA_DIR: fresh };
    const started = await Promise.all([startServerProcess(databaseUrl, undefined, env), startServerProcess(databaseUrl, undefined, env)]);
    try {
      for (const instance of started) {
        const cookie = await signIn(instance.url, 'thads@demo.concord.vn');
        expect((await trpc(instance.url, cookie, 'agreements.list')).data.length).toBeGreaterThan(0);
      }
    } finally {
      for (const instance of started) {
        instance.child.kill('SIGTERM');
        await exited(instance.child);
      }
      rmSync(fresh, { recursive: true, force: true });
    }
  }, 120_000);
});
