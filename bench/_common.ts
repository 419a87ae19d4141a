/** Small pieces the benchmarks share (a `_` file: bench/run.ts never runs it as a benchmark). */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort, ROOT, waitUntilAnswering } from '../test/collab/server-process.ts';

/** Signs the demo users in over HTTP, in order, and returns their session cookies ("session=…"). */
export async function demoCookies(baseUrl: string, emails: string[]): Promise<string[]> {
  const cookies: string[] = [];
  for (const email of emails) {
    const response = await fetch(`${baseUrl}/auth/sign-in`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: process.env.DEMO_PASSWORD ?? 'concord-demo' }),
    });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('session='));
    if (!cookie) throw new Error(`sign-in of ${email} answered ${response.status}`);
    cookies.push(cookie.split(';')[0]);
  }
  return cookies;
}

/**
 * The compiled server's entry (dist/server/main.js), built first when missing or older than its
 * sources: the benchmarks measure the production server (plain Node, no TypeScript loader, whose
 * transpiling and source maps added CPU and tens of MB to every figure).
 */
export async function compiledServer(): Promise<string> {
  const { buildServer, buildWeb, isStale, ROOT, TARGETS } = await import('../scripts/launcher.mjs');
  if (isStale(TARGETS.web)) buildWeb();
  if (isStale(TARGETS.server)) await buildServer();
  return join(ROOT, 'dist', 'server', 'main.js');
}

/** The Node arguments the server runs with: npm start's flags (`serverNodeFlags`), then BENCH_SERVER_NODE_ARGS (a profiler, say). */
export async function serverNodeArgs(): Promise<string[]> {
  const { serverNodeFlags } = await import('../scripts/launcher.mjs');
  return [...serverNodeFlags(), ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [])];
}

/**
 * The compiled server as production runs it (`NODE_ENV=production`, npm start's Node flags) on
 * `databaseUrl` with the demo data, on a free port; resolves once `/healthz` answers. Its output
 * goes to stderr (a benchmark's stdout holds only its results).
 */
export async function startProductionServer(databaseUrl: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string; port: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, [...(await serverNodeArgs()), await compiledServer()], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_DEMO: '1', NODE_ENV: 'production', ...env },
  });
  child.stdout!.pipe(process.stderr);
  const url = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(child, `${url}/healthz`);
  return { child, url, port };
}
