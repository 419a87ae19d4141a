/**
 * API load: the compiled server as production runs it (`startProductionServer`) on a fresh database with the demo data,
 * signed in as thads@, answering `GET /trpc/agreements.list` at a fixed 500 requests/s for 20 s.
 * Prints one JSON line; everything else goes to stderr.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exited } from '../test/collab/server-process.ts';
import { startProductionServer } from './_common.ts';

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

/** Stops the server child and waits for it. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
  child.kill('SIGTERM');
  await exited(child);
  clearTimeout(force);
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'concord-bench-'));
  const { child, url } = await startProductionServer(`file:${join(dir, 'c.db')}`);
  try {
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
