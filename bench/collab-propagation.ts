/**
 * Propagation of live-document updates: stock y-websocket clients (spread over worker processes)
 * type into documents of Concord's collaboration server and of y-websocket 2.1.0's reference server
 * (in memory, no auth, no persistence), under the same loads. Each update carries its sender's
 * timestamp; receivers measure how long it took to reach them. Concord writes every update to
 * libsql before relaying it, so its latency includes a commit.
 *
 * Prints one JSON line per load (Concord, reference, ratios) and one for memory. Progress on stderr.
 * `cluster`: load C on two Concord instances behind one database and Redis (each document's clients
 * split between them, so every update crosses Redis) against one instance, side by side.
 * Run: `tsx bench/collab-propagation.ts`; `BENCH_SECONDS=5 BENCH_LOADS=a,c,cluster,memory` for a quick look at some;
 * `BENCH_SERVER_NODE_ARGS` / `BENCH_REFERENCE_NODE_ARGS` add Node flags (a profiler) to Concord / the reference.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { freePort, waitUntilAnswering } from '../test/collab/server-process.ts';
import { startRedis } from '../test/cluster/redis-process.ts';
import { demoCookies, startProductionServer } from './_common.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SELF = fileURLToPath(import.meta.url);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WORKERS = 2;

interface Load { name: string; clients: number; docs: number; minMs: number; maxMs: number }
const LOADS: Load[] = [
  { name: 'a: 20 clients, 1 document, every 100-200 ms', clients: 20, docs: 1, minMs: 100, maxMs: 200 },
  { name: 'b: 100 clients, 1 document, every 1-2 s', clients: 100, docs: 1, minMs: 1000, maxMs: 2000 },
  { name: 'c: 200 clients, 50 documents, every 100-200 ms', clients: 200, docs: 50, minMs: 100, maxMs: 200 },
];

// ---- messages between the coordinator and its workers ----
interface ClientSpec { index: number; collabUrl: string; docName: string; cookie: string | null }
interface StartMsg { type: 'start'; clients: ClientSpec[]; minMs: number; maxMs: number; startAt: number; stopAt: number }
interface ExpectMsg { type: 'expect'; perDoc: Record<string, number> }
type ToWorker = StartMsg | ExpectMsg | { type: 'exit' };
type FromWorker =
  | { type: 'ready' }
  | { type: 'sent'; perDoc: Record<string, number>; sent: number; intended: number; lagMs: number[] }
  | { type: 'result'; latencies: number[]; clients: { docName: string; length: number; hash: string }[] };

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (...args: unknown[]) => console.error('[collab-bench]', ...args);

function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

// ======================= worker: runs a share of the clients =======================
async function worker(): Promise<void> {
  const [{ default: WebSocket }, Y, { WebsocketProvider }] = await Promise.all([import('ws'), import('yjs'), import('y-websocket')]);
  process.setMaxListeners(0);
  const send = (message: FromWorker) => process.send!(message);
  let clients: { spec: ClientSpec; doc: InstanceType<typeof Y.Doc>; provider: InstanceType<typeof WebsocketProvider> }[] = [];
  const latencies: number[] = [];
  let start: StartMsg;

  process.on('message', async (message: ToWorker) => {
    if (message.type === 'exit') {
      for (const client of clients) client.provider.destroy();
      process.exit(0);
    }
    if (message.type === 'start') {
      start = message;
      clients = message.clients.map((spec) => {
        const doc = new Y.Doc();
        const cookie = spec.cookie;
        class CookieWebSocket extends WebSocket {
          constructor(url: string, protocols?: string | string[]) {
            // A browser page's Origin: the server refuses upgrades without its own.
            super(url, protocols, { headers: { origin: url.replace(/^ws/, 'http').replace(/\/collab.*$/, ''), ...(cookie ? { cookie } : {}) } });
          }
        }
        const provider = new WebsocketProvider(spec.collabUrl, spec.docName, doc, {
          WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
          disableBc: true,
        });
        doc.getArray<{ c: number; n: number; t: number }>('bench').observe((event) => {
          const at = now();
          for (const delta of event.changes.delta) {
            for (const item of (delta.insert as { c: number; t: number }[] | undefined) ?? []) {
              if (item.c !== spec.index && item.t >= start.startAt) latencies.push(at - item.t);
            }
          }
        });
        return { spec, doc, provider };
      });
      const deadline = Date.now() + 60_000;
      while (!clients.every((client) => client.provider.synced) && Date.now() < deadline) await sleep(50);
      send({ type: 'ready' });

      // Each client's send times are fixed in advance; a late timer shows as lag, a missed one as sent < intended.
      const perDoc: Record<string, number> = {};
      const lagMs: number[] = [];
      let sent = 0;
      let intended = 0;
      await Promise.all(clients.map(async (client) => {
        const array = client.doc.getArray<{ c: number; n: number; t: number }>('bench');
        let at = start.startAt + Math.random() * start.maxMs;
        let n = 0;
        for (; at < start.stopAt; at += start.minMs + Math.random() * (start.maxMs - start.minMs)) {
          intended++;
          const wait = at - now();
          if (wait > 0) await sleep(wait);
          const t = now();
          if (t >= start.stopAt + 1_000) continue; // too far behind: counted as not sent
          lagMs.push(t - at);
          array.push([{ c: client.spec.index, n: n++, t }]);
          sent++;
        }
        perDoc[client.spec.docName] = (perDoc[client.spec.docName] ?? 0) + n;
      }));
      send({ type: 'sent', perDoc, sent, intended, lagMs });
    }
    if (message.type === 'expect') {
      const complete = () => clients.every((client) => client.doc.getArray('bench').length >= (message.perDoc[client.spec.docName] ?? 0));
      const deadline = Date.now() + 20_000;
      while (!complete() && Date.now() < deadline) await sleep(100);
      send({
        type: 'result',
        latencies,
        clients: clients.map((client) => {
          const items = client.doc.getArray<{ c: number; n: number }>('bench').toArray();
          return { docName: client.spec.docName, length: items.length, hash: createHash('sha1').update(JSON.stringify(items.map((i) => [i.c, i.n]))).digest('hex') };
        }),
      });
    }
  });
}

// ======================= coordinator =======================
function processStats(pid: number): { cpuSeconds: number; rssMB: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of the whole line)
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpuSeconds: ticks / 100, rssMB: rss ? Number(rss[1]) / 1024 : NaN };
}

/** The servers' processes together: CPU summed, RSS summed. */
function serversStats(children: ChildProcess[]): { cpuSeconds: number; rssMB: number } {
  const each = children.filter((child) => child.exitCode === null).map((child) => processStats(child.pid!));
  return { cpuSeconds: each.reduce((sum, s) => sum + s.cpuSeconds, 0), rssMB: each.reduce((sum, s) => sum + s.rssMB, 0) };
}

interface Target {
  kind: 'concord' | 'reference' | 'cluster';
  /** The server processes (two Concord instances for the cluster; Redis is not counted). */
  children: ChildProcess[];
  /** The collaboration URL the n-th client connects to. */
  collabUrlFor(n: number): string;
  /** The cookie of the n-th client (null for the reference server). */
  cookieFor(n: number): string | null;
  docNames(count: number): Promise<string[]>;
  stop(): Promise<void>;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}

/** One Concord process on the database file in `dir` (the first one seeds it). */
async function spawnConcord(dir: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; baseUrl: string; port: number; stopping: () => void }> {
  // One Node process on the compiled server, as in production (not the tsx CLI, which would add a parent process and hide the server's CPU and memory).
  const { child, url: baseUrl, port } = await startProductionServer(`file:${join(dir, 'concord.db')}`, { DATA_DIR: dir, LOG_LEVEL: process.env.BENCH_SERVER_LOG_LEVEL ?? 'warn', ...env });
  let stopping = false;
  child.once('exit', (code, signal) => { if (!stopping) log(`concord: the server exited (${code ?? signal})`); });
  return { child, baseUrl, port, stopping: () => { stopping = true; } };
}

/** Concord's own documents: the demo agreement, or as many new agreements as asked for. */
function concordDocNames(baseUrl: string, cookie: string) {
  return async (count: number) => {
    if (count === 1) return ['agreement:demo-agreement-01'];
    const names: string[] = [];
    for (let i = 0; i < count; i++) {
      const response = await fetch(`${baseUrl}/trpc/agreements.create`, {
        method: 'POST', headers: { 'content-type': 'application/json', cookie, origin: baseUrl },
        body: JSON.stringify({ title: `Quy chế phối hợp đo tải ${i + 1}`, docNumber: `${i + 1}/BENCH`, partyAgencyIds: ['agency-tand', 'agency-vks'] }),
      });
      const body = await response.json() as { result?: { data: { id: string } } };
      if (!body.result) throw new Error(`agreements.create answered ${response.status}: ${JSON.stringify(body)}`);
      names.push(`agreement:${body.result.data.id}`);
    }
    return names;
  };
}

const BENCH_USERS = ['thads@demo.concord.vn', 'toaan@demo.concord.vn', 'vks@demo.concord.vn'];

async function startConcord(): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'concord-bench-'));
  const server = await spawnConcord(dir);
  const cookies = await demoCookies(server.baseUrl, BENCH_USERS);
  return {
    kind: 'concord', children: [server.child], collabUrlFor: () => `ws://127.0.0.1:${server.port}/collab`,
    cookieFor: (n) => cookies[n % cookies.length],
    docNames: concordDocNames(server.baseUrl, cookies[0]),
    stop: async () => {
      server.stopping();
      await stopChild(server.child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Two Concord instances on one database file and one Redis. Client n goes to instance ⌊n / 50⌋ mod 2:
 * with load C (client n on document n mod 50) each document has two clients on each instance.
 */
async function startCluster(): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'concord-bench-cluster-'));
  const redis = await startRedis();
  const env = { REDIS_URL: redis.url };
  const first = await spawnConcord(dir, env);
  const second = await spawnConcord(dir, env);
  const instances = [first, second];
  const cookies = await demoCookies(first.baseUrl, BENCH_USERS);
  return {
    kind: 'cluster', children: instances.map((i) => i.child),
    collabUrlFor: (n) => `ws://127.0.0.1:${instances[Math.floor(n / 50) % 2].port}/collab`,
    cookieFor: (n) => cookies[n % cookies.length],
    docNames: concordDocNames(first.baseUrl, cookies[0]),
    stop: async () => {
      for (const instance of instances) instance.stopping();
      await Promise.all(instances.map((instance) => stopChild(instance.child)));
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function startReference(): Promise<Target> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...(process.env.BENCH_REFERENCE_NODE_ARGS?.split(' ').filter(Boolean) ?? []), 'node_modules/y-websocket-ref/bin/server.cjs'], {
    cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), NODE_ENV: 'production' },
  });
  await waitUntilAnswering(child, `${baseUrl}/`);
  return {
    kind: 'reference', children: [child], collabUrlFor: () => `ws://127.0.0.1:${port}`,
    cookieFor: () => null,
    docNames: async (count) => Array.from({ length: count }, (_, i) => `agreement:bench-${i + 1}`),
    stop: () => stopChild(child),
  };
}

interface Workers { children: ChildProcess[]; next(type: FromWorker['type']): Promise<FromWorker[]> }

function startWorkers(): Workers {
  const children = Array.from({ length: WORKERS }, () => fork(SELF, ['--worker'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  const inbox = children.map(() => [] as FromWorker[]);
  const waiters = children.map(() => [] as ((message: FromWorker) => void)[]);
  children.forEach((child, i) => child.on('message', (message: FromWorker) => {
    const waiter = waiters[i].shift();
    if (waiter) waiter(message); else inbox[i].push(message);
  }));
  return {
    children,
    next: (type) => Promise.all(children.map((_, i) => new Promise<FromWorker>((resolve, reject) => {
      const take = (message: FromWorker) => (message.type === type ? resolve(message) : reject(new Error(`worker sent ${message.type}, expected ${type}`)));
      const queued = inbox[i].shift();
      if (queued) take(queued); else waiters[i].push(take);
    }))),
  };
}

async function runLoad(target: Target, load: Load) {
  const docNames = await target.docNames(load.docs);
  const workers = startWorkers();
  const clientsOf = workers.children.map(() => [] as ClientSpec[]);
  for (let i = 0; i < load.clients; i++) {
    clientsOf[i % WORKERS].push({ index: i, collabUrl: target.collabUrlFor(i), docName: docNames[i % docNames.length], cookie: target.cookieFor(i) });
  }
  const startAt = now() + 3_000 + load.clients * 15; // time to connect and sync every client first
  const stopAt = startAt + SECONDS * 1000;
  workers.children.forEach((child, i) => child.send({ type: 'start', clients: clientsOf[i], minMs: load.minMs, maxMs: load.maxMs, startAt, stopAt } satisfies StartMsg));
  await workers.next('ready');
  if (now() > startAt) log(`${target.kind}: clients took longer to connect than planned`);
  await sleep(Math.max(0, startAt - now()));
  const before = serversStats(target.children);
  let peakRss = before.rssMB;
  const sampler = setInterval(() => { peakRss = Math.max(peakRss, serversStats(target.children).rssMB); }, 500);
  const sentReports = await workers.next('sent') as Extract<FromWorker, { type: 'sent' }>[];
  clearInterval(sampler);
  const gone = target.children.find((child) => child.exitCode !== null || child.signalCode !== null);
  if (gone) {
    workers.children.forEach((child) => child.kill());
    throw new Error(`a ${target.kind} server exited during the load (${gone.exitCode ?? gone.signalCode})`);
  }
  const after = serversStats(target.children);

  const perDoc: Record<string, number> = {};
  for (const report of sentReports) for (const [doc, n] of Object.entries(report.perDoc)) perDoc[doc] = (perDoc[doc] ?? 0) + n;
  workers.children.forEach((child) => child.send({ type: 'expect', perDoc } satisfies ExpectMsg));
  const results = await workers.next('result') as Extract<FromWorker, { type: 'result' }>[];
  workers.children.forEach((child) => child.send({ type: 'exit' }));
  await Promise.all(workers.children.map((child) => new Promise((resolve) => child.once('exit', resolve))));

  const latencies = Float64Array.from(results.flatMap((r) => r.latencies)).sort();
  const lag = Float64Array.from(sentReports.flatMap((r) => r.lagMs)).sort();
  const sent = sentReports.reduce((sum, r) => sum + r.sent, 0);
  const intended = sentReports.reduce((sum, r) => sum + r.intended, 0);
  let lost = 0;
  let converged = true;
  const byDoc = new Map<string, { length: number; hash: string }[]>();
  for (const client of results.flatMap((r) => r.clients)) byDoc.set(client.docName, [...(byDoc.get(client.docName) ?? []), client]);
  for (const [doc, clients] of byDoc) {
    lost += Math.max(0, (perDoc[doc] ?? 0) - Math.min(...clients.map((c) => c.length)));
    if (new Set(clients.map((c) => c.hash)).size !== 1) converged = false;
  }
  return {
    p50Ms: round(percentile(latencies, 50)), p99Ms: round(percentile(latencies, 99)), maxMs: round(latencies[latencies.length - 1] ?? NaN),
    samples: latencies.length, sent, intended,
    generatorBehind: sent < intended * 0.98 || percentile(lag, 99) > 50,
    generatorLagP99Ms: round(percentile(lag, 99)),
    lost, converged,
    serverCpuSeconds: round(after.cpuSeconds - before.cpuSeconds), serverRssMB: round(after.rssMB, 1), serverPeakRssMB: round(peakRss, 1),
  };
}

/** A document of 200 articles typed in short bursts by three clients, as a Y.XmlFragment like the editor's. */
async function memoryFigure(target: Target) {
  const [{ default: WebSocket }, Y, { WebsocketProvider }] = await Promise.all([import('ws'), import('yjs'), import('y-websocket')]);
  const connect = (docName: string, cookie: string | null) => {
    const doc = new Y.Doc();
    class CookieWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers: { origin: url.replace(/^ws/, 'http').replace(/\/collab.*$/, ''), ...(cookie ? { cookie } : {}) } });
      }
    }
    const provider = new WebsocketProvider(target.collabUrlFor(0), docName, doc, { WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket, disableBc: true });
    return { doc, provider };
  };
  const [docName] = await target.docNames(1);
  await sleep(3_000);
  const idle = serversStats(target.children);
  const writers = [0, 1, 2].map((i) => connect(docName, target.cookieFor(i)));
  while (!writers.every((w) => w.provider.synced)) await sleep(50);
  const sentence = 'Cơ quan thi hành án dân sự chủ trì, phối hợp với Tòa án nhân dân và Viện kiểm sát nhân dân trong việc ';
  for (let article = 1; article <= 200; article++) {
    const writer = writers[article % 3];
    const fragment = writer.doc.getXmlFragment('prosemirror');
    const heading = new Y.XmlElement('heading');
    heading.insert(0, [new Y.XmlText(`Điều ${article}. Trách nhiệm phối hợp số ${article}`)]);
    fragment.insert(fragment.length, [heading]);
    for (let clause = 0; clause < 3; clause++) {
      const paragraph = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      paragraph.insert(0, [text]);
      fragment.insert(fragment.length, [paragraph]);
      for (let burst = 0; burst < 4; burst++) text.insert(text.length, sentence);
    }
    if (article % 20 === 0) await sleep(20);
  }
  const reader = connect(docName, target.cookieFor(0));
  const deadline = Date.now() + 60_000;
  const blocks = (doc: InstanceType<typeof Y.Doc>) => doc.getXmlFragment('prosemirror').length;
  // Concord seeds a new agreement with a template: count what every copy holds rather than 800 exactly.
  while (Date.now() < deadline && !(reader.provider.synced && blocks(reader.doc) >= 800 && writers.every((w) => blocks(w.doc) === blocks(reader.doc)))) await sleep(100);
  const stateBytes = Y.encodeStateAsUpdate(reader.doc).byteLength;
  await sleep(2_000);
  const loaded = serversStats(target.children);
  for (const client of [...writers, reader]) client.provider.destroy();
  await sleep(5_000);
  const left = serversStats(target.children);
  return { stateKB: round(stateBytes / 1024, 1), idleRssMB: round(idle.rssMB, 1), loadedRssMB: round(loaded.rssMB, 1), afterLeaveRssMB: round(left.rssMB, 1) };
}

type RunResult = Awaited<ReturnType<typeof runLoad>> | { error: string };

/** Runs `load` against each target in turn (one at a time, so they never share the cores). */
async function sideBySide(load: Load, starts: (() => Promise<Target>)[]): Promise<Record<string, RunResult>> {
  const results: Record<string, RunResult> = {};
  for (const start of starts) {
    const target = await start();
    try {
      log(`${target.kind}: ${load.name}`);
      results[target.kind] = await runLoad(target, load);
    } catch (error) {
      results[target.kind] = { error: String(error) };
    } finally {
      await target.stop();
    }
  }
  return results;
}

async function main(): Promise<void> {
  const ratio = (a: number, b: number) => round(a / b, 2);
  const only = process.env.BENCH_LOADS?.split(',');
  for (const load of LOADS.filter((l) => !only || only.includes(l.name[0]))) {
    const { concord, reference } = await sideBySide(load, [startConcord, startReference]);
    console.log(JSON.stringify({
      benchmark: 'collab-propagation', load: load.name, seconds: SECONDS, workers: WORKERS, concord, reference,
      ratio: 'error' in concord || 'error' in reference ? null : {
        p50: ratio(concord.p50Ms, reference.p50Ms), p99: ratio(concord.p99Ms, reference.p99Ms), max: ratio(concord.maxMs, reference.maxMs),
        cpu: ratio(concord.serverCpuSeconds, reference.serverCpuSeconds), rss: ratio(concord.serverRssMB, reference.serverRssMB),
      },
    }));
  }
  if (!only || only.includes('cluster')) {
    const load = LOADS[2];
    const { concord: one, cluster: two } = await sideBySide(load, [startConcord, startCluster]);
    console.log(JSON.stringify({
      benchmark: 'collab-cluster', load: load.name, seconds: SECONDS, workers: WORKERS, oneInstance: one, twoInstances: two,
      ratio: 'error' in one || 'error' in two ? null : {
        p50: ratio(two.p50Ms, one.p50Ms), p99: ratio(two.p99Ms, one.p99Ms), cpu: ratio(two.serverCpuSeconds, one.serverCpuSeconds), rss: ratio(two.serverRssMB, one.serverRssMB),
      },
    }));
  }
  if (only && !only.includes('memory')) return;
  const memory: Record<string, unknown> = {};
  for (const start of [startConcord, startReference]) {
    const target = await start();
    try {
      log(`${target.kind}: memory with one agreement of 200 articles`);
      memory[target.kind] = await memoryFigure(target);
    } finally {
      await target.stop();
    }
  }
  console.log(JSON.stringify({ benchmark: 'collab-memory', document: '200 articles (800 blocks)', ...memory }));
}

if (process.argv.includes('--worker')) {
  void worker();
} else {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
