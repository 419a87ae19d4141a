/**
 * API load: the real server (`npx tsx server/main.ts`) on a fresh database with the demo data,
 * signed in as thads@, answering `GET /trpc/agreements.list` at a fixed 500 requests/s for 20 s.
 * Prints one JSON line; everything else goes to stderr.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RATE = 500;
const DURATION_S = 20;
const TARGET_P99_MS = 20;

interface AutocannonResult {
  errors: number; timeouts: number; non2xx: number;
  latency: { p50: number; p99: number };
  requests: { average: number; total: number };
  duration: number;
}
// autocannon ships no types; this is the part of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as (options: {
  url: string; method?: string; headers?: Record<string, string>; connections?: number; overallRate?: number; duration?: number;
  ignoreCoordinatedOmission?: boolean;
}) => Promise<AutocannonResult>;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode} before answering`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server did not answer /healthz within ${timeoutMs / 1000} s`);
}

/** Stops the server and whatever npx started under it: it runs in its own process group. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = (signal: NodeJS.Signals) => { try { process.kill(-child.pid!, signal); } catch { /* already gone */ } };
    const force = setTimeout(() => kill('SIGKILL'), 10_000);
    child.once('exit', () => { clearTimeout(force); resolve(); });
    kill('SIGTERM');
  });
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'concord-bench-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn('npx', ['tsx', 'server/main.ts'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: `file:${join(dir, 'c.db')}`, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'development', SEED_DEMO: '1' },
  });
  // The server's banner and logs are not the benchmark's output.
  child.stdout!.pipe(process.stderr);
  child.stderr!.pipe(process.stderr);

  try {
    await waitForHealth(url, child);
    const signInResponse = await fetch(`${url}/auth/sign-in`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'thads@demo.concord.vn', password: process.env.DEMO_PASSWORD ?? 'concord-demo' }),
    });
    const cookie = signInResponse.headers.getSetCookie().find((c) => c.startsWith('session='))?.split(';')[0];
    if (signInResponse.status !== 200 || !cookie) throw new Error(`sign-in as thads@ answered ${signInResponse.status}`);

    const target = `${url}/trpc/agreements.list`;
    const check = await fetch(target, { headers: { cookie } });
    const body = await check.json() as { result?: { data: unknown[] } };
    if (check.status !== 200 || !body.result?.data.length) throw new Error(`agreements.list answered ${check.status} without the demo agreement`);
    // Warm the JIT and the database's page cache so the first second does not skew the percentiles.
    for (let i = 0; i < 200; i += 1) await (await fetch(target, { headers: { cookie } })).arrayBuffer();

    // autocannon's coordinated-omission correction takes the expected interval as ceil(1 / rate)
    // = 1 ms whatever the rate (seconds read as milliseconds), so it adds a made-up sample for every
    // millisecond of each slow answer; the latencies reported are the measured ones. Its rate limit
    // sends each connection's share in a burst at the start of every second; ten connections keep
    // that burst's queue close to what ten browsers would cause.
    const result = await autocannon({
      url: target, method: 'GET', headers: { cookie }, connections: 10, overallRate: RATE, duration: DURATION_S, ignoreCoordinatedOmission: true,
    });
    console.log(JSON.stringify({
      bench: 'api-load',
      p50_ms: result.latency.p50,
      p99_ms: result.latency.p99,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
      rps: Math.round(result.requests.total / result.duration * 10) / 10,
      target_p99_ms: TARGET_P99_MS,
    }));
  } finally {
    await stop(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`api-load failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  process.exit(1);
});
