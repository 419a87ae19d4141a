/**
 * The production path: the compiled server (dist/server, built by `npm run build`; `npm test` builds
 * before vitest, and this file builds what is stale when run alone) started with plain Node under
 * NODE_ENV=production. Health, the web app and its hashed assets (served before any session lookup),
 * Secure cookies; and every package the compiled code imports is installed by
 * `npm ci --omit=dev`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, buildWeb, isStale, ROOT, TARGETS } from '../../scripts/launcher.mjs';
import { exited, freePort } from '../collab/server-process.ts';

const children: ChildProcess[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  if (isStale(TARGETS.web)) buildWeb();
  if (isStale(TARGETS.server)) await buildServer();
}, 120_000);

afterAll(async () => {
  for (const child of children) {
    child.kill('SIGTERM');
    await exited(child);
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function start(args: string[]): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-prod-'));
  dirs.push(dataDir);
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    // No tsx, no loader: the environment of a production host.
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: '1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => { output += chunk; });
  child.stderr!.on('data', (chunk) => { output += chunk; });
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 60_000; ;) {
    if (child.exitCode !== null) throw new Error(`the compiled server exited with ${child.exitCode}:\n${output}`);
    const ok = await fetch(`${url}/healthz`).then((r) => r.status === 200, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`the compiled server did not answer /healthz:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, child, output: () => output };
}

describe('production start', () => {
  it('node dist/server/main.js serves health, the web app, its assets before any session, and Secure cookies', async () => {
    const { url } = await start(['dist/server/main.js']);
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect((await health.json() as { ok: boolean }).ok).toBe(true);

    const index = await fetch(`${url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const asset = /\/assets\/[\w.-]+\.js/.exec(html)?.[0];
    expect(asset).toBeTruthy();

    // A stale cookie on a page or an asset is not even looked up (the session middleware would clear it).
    const stale = { cookie: 'session=not-a-session' };
    const file = await fetch(`${url}${asset}`, { headers: stale });
    expect(file.status).toBe(200);
    expect(file.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(file.headers.get('content-type')).toMatch(/javascript/);
    expect(file.headers.getSetCookie()).toEqual([]);
    expect(readFileSync(join(ROOT, 'dist/web', asset!), 'utf8')).toBe(await file.text());
    // Compressed by the build, not per request: the Brotli form to a browser that takes it, gzip to one that takes only that.
    for (const encoding of ['br', 'gzip']) {
      const compressed = await fetch(`${url}${asset}`, { headers: { 'accept-encoding': encoding } });
      expect(compressed.headers.get('content-encoding')).toBe(encoding);
      expect(compressed.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(await compressed.text()).toBe(readFileSync(join(ROOT, 'dist/web', asset!), 'utf8'));
    }
    const page = await fetch(`${url}/agreements`, { headers: stale });
    expect(page.status).toBe(200);
    expect(page.headers.getSetCookie()).toEqual([]);
    // …while an API call with it is answered with the cookie cleared.
    const api = await fetch(`${url}/trpc/auth.me`, { headers: stale });
    expect(api.headers.getSetCookie().join()).toMatch(/^session=;/);

    const signIn = await fetch(`${url}/auth/sign-in`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'thads@demo.concord.vn', password: 'concord-demo' }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.getSetCookie().find((line) => line.startsWith('session='));
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
  }, 90_000);

  it('npm start (scripts/start.mjs) with a build present runs it without building', async () => {
    const before = statSync(join(ROOT, 'dist/server/main.js')).mtimeMs;
    const { url, output } = await start(['scripts/start.mjs']);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(output()).not.toMatch(/Built (web|server)/);
    expect(statSync(join(ROOT, 'dist/server/main.js')).mtimeMs).toBe(before);
  }, 90_000);

  it('imports at run time only what npm ci --omit=dev installs, never tsx', () => {
    // What `npm ci --omit=dev` installs: the lockfile's packages not marked dev.
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const installed = (name: string) => lock.packages[`node_modules/${name}`] !== undefined && !lock.packages[`node_modules/${name}`].dev;
    const builtins = new Set(builtinModules);
    const imported = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name));
        else if (entry.name.endsWith('.js')) {
          const code = readFileSync(join(dir, entry.name), 'utf8');
          for (const match of code.matchAll(/(?:^import\s[^'"]*?from\s*|^import\s*|\bimport\s*\(\s*)"([^".][^"]*)"/gm)) imported.add(match[1]);
        }
      }
    };
    walk(join(ROOT, 'dist/server'));
    const packages = [...imported]
      .filter((specifier) => !specifier.startsWith('node:') && !builtins.has(specifier.split('/')[0]))
      .map((specifier) => specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]);
    expect(packages.length).toBeGreaterThan(10);
    expect(packages).not.toContain('tsx');
    expect([...new Set(packages)].filter((name) => !installed(name))).toEqual([]);
    expect(installed('vite')).toBe(false);
  });
});
