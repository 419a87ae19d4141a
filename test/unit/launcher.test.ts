/**
 * The launcher's rule: build only what is missing or older than its sources; under NODE_ENV=production
 * run a present build as it is; without a build and without the build tools, one line naming
 * `npm run build`. Checked on temporary trees whose modification times the test sets.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isStale, newestMtime, ROOT, serverNodeFlags, staleness, TARGETS } from '../../scripts/launcher.mjs';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tree(files: Record<string, number>): string {
  const root = mkdtempSync(join(tmpdir(), 'concord-launcher-'));
  dirs.push(root);
  for (const [path, seconds] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), `// ${path}\n`);
    utimesSync(join(root, path), seconds, seconds);
  }
  return root;
}

/** Folders get the time of their newest child, as if they had been made then. */
function settle(root: string, dirsAt: Record<string, number>) {
  for (const [path, seconds] of Object.entries(dirsAt)) utimesSync(join(root, path), seconds, seconds);
}

const target = { outputs: ['dist/app.js', 'dist/cli.js'], sources: ['src', 'config.ts'], tool: 'none' };

describe('staleness', () => {
  it('builds when an output is missing', () => {
    const root = tree({ 'src/a.ts': 1000, 'config.ts': 1000, 'dist/app.js': 2000 });
    expect(staleness(target, root)).toBe('dist/cli.js is missing');
  });

  it('does not build when every output is newer than every source', () => {
    const root = tree({ 'src/a.ts': 1000, 'src/deep/b.ts': 1100, 'config.ts': 1000, 'dist/app.js': 2000, 'dist/cli.js': 2000 });
    settle(root, { 'src/deep': 1100, src: 1100 });
    expect(staleness(target, root)).toBeNull();
    expect(isStale(target, root)).toBe(false);
  });

  it('builds when a source deep in a folder is newer than the oldest output', () => {
    const root = tree({ 'src/a.ts': 1000, 'src/deep/b.ts': 2500, 'config.ts': 1000, 'dist/app.js': 3000, 'dist/cli.js': 2000 });
    settle(root, { 'src/deep': 1000, src: 1000 });
    expect(staleness(target, root)).toBe('src changed since the last build');
    utimesSync(join(root, 'src/deep/b.ts'), 1500, 1500);
    expect(staleness(target, root)).toBeNull();
    utimesSync(join(root, 'config.ts'), 2001, 2001);
    expect(staleness(target, root)).toBe('config.ts changed since the last build');
  });

  it('builds when a source file is deleted (its folder is newer)', () => {
    const root = tree({ 'src/a.ts': 1000, 'src/gone.ts': 1000, 'config.ts': 1000, 'dist/app.js': 2000, 'dist/cli.js': 2000 });
    settle(root, { src: 1000 });
    expect(isStale(target, root)).toBe(false);
    rmSync(join(root, 'src/gone.ts'));
    expect(staleness(target, root)).toBe('src changed since the last build');
  });

  it('ignores node_modules and dot folders inside sources', () => {
    const root = tree({ 'src/a.ts': 1000, 'src/node_modules/x.js': 9000, 'src/.cache/y': 9000, 'config.ts': 1000, 'dist/app.js': 2000, 'dist/cli.js': 2000 });
    settle(root, { src: 1000, 'src/node_modules': 9000, 'src/.cache': 9000 });
    expect(newestMtime(join(root, 'src'))).toBe(1_000_000);
    expect(isStale(target, root)).toBe(false);
  });

  it("names the real targets' sources: the web app from web/ and shared/, the server from server/ and shared/", () => {
    expect(TARGETS.web.sources).toEqual(expect.arrayContaining(['web', 'shared', 'vite.config.ts']));
    expect(TARGETS.server.sources).toEqual(expect.arrayContaining(['server', 'shared']));
    expect(TARGETS.server.sources).not.toContain('migrations');
    expect(TARGETS.server.outputs).toContain('dist/server/main.js');
  });
});

/** A copy of the launcher in a tree of its own, with no node_modules: no vite, no esbuild. */
function launcherTree(files: Record<string, number>): string {
  const root = tree({ ...files, 'package.json': 1000 });
  writeFileSync(join(root, 'package.json'), '{ "name": "concord-copy", "type": "module" }\n');
  utimesSync(join(root, 'package.json'), 1000, 1000);
  mkdirSync(join(root, 'scripts'), { recursive: true });
  for (const file of ['launcher.mjs', 'start.mjs']) {
    copyFileSync(join(ROOT, 'scripts', file), join(root, 'scripts', file));
    utimesSync(join(root, 'scripts', file), 1000, 1000);
  }
  settle(root, { scripts: 1000 });
  return root;
}

function start(root: string, env: Record<string, string>) {
  return spawnSync(process.execPath, [join(root, 'scripts', 'start.mjs')], {
    cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env }, timeout: 20_000,
  });
}

describe('scripts/start.mjs', () => {
  it('without a build and without the build tools stops with one line naming npm run build', () => {
    const root = launcherTree({ 'server/main.ts': 1000, 'web/index.html': 1000 });
    const result = start(root, { NODE_ENV: 'production' });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('npm run build');
    expect(lines[0]).toContain('Chưa có bản dựng');
  });

  it('under NODE_ENV=production runs a present build even when sources are newer, never building', () => {
    const built = 2000;
    const outputs = Object.fromEntries([...TARGETS.web.outputs, ...TARGETS.server.outputs].map((path) => [path, built]));
    const root = launcherTree({ ...outputs, 'server/main.ts': 5000, 'web/index.html': 5000, 'shared/x.ts': 5000 });
    writeFileSync(join(root, 'dist/server/main.js'), "console.log('compiled server ran', process.argv.length);\n");
    utimesSync(join(root, 'dist/server/main.js'), built, built);
    expect(isStale(TARGETS.server, root)).toBe(true);
    const result = start(root, { NODE_ENV: 'production' });
    expect(result.stderr).not.toContain('Built');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe('compiled server ran 2');
  });

  it('outside production, a stale build without tools is run as it is, with one warning', () => {
    const outputs = Object.fromEntries([...TARGETS.web.outputs, ...TARGETS.server.outputs].map((path) => [path, 2000]));
    const root = launcherTree({ ...outputs, 'server/main.ts': 5000 });
    writeFileSync(join(root, 'dist/server/main.js'), "console.log('compiled server ran');\n");
    utimesSync(join(root, 'dist/server/main.js'), 2000, 2000);
    const result = start(root, { NODE_ENV: 'development' });
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('server changed since the last build');
    expect(result.stdout.trim()).toBe('compiled server ran');
  });

  it('passes a CLI its own arguments, as `node dist/server/<cli>.js …` would', () => {
    const outputs = Object.fromEntries(TARGETS.server.outputs.map((path) => [path, 3000]));
    const root = launcherTree({ ...outputs, 'server/main.ts': 1000 });
    settle(root, { server: 1000 });
    writeFileSync(join(root, 'dist/server/restore-cli.js'), 'console.log(JSON.stringify(process.argv.slice(2)));\n');
    utimesSync(join(root, 'dist/server/restore-cli.js'), 3000, 3000);
    const out = execFileSync(process.execPath, [join(root, 'scripts', 'start.mjs'), 'restore-cli', '/backups/x', '--force'], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(['/backups/x', '--force']);
  });
});

describe('serverNodeFlags', () => {
  it('are the flags before the script in npm start, which the benchmarks start the server with too', () => {
    const root = mkdtempSync(join(tmpdir(), 'concord-flags-'));
    try {
      writeFileSync(join(root, 'package.json'), JSON.stringify({ scripts: { start: 'node --max-semi-space-size=4 --no-warnings scripts/start.mjs' } }));
      expect(serverNodeFlags(root)).toEqual(['--max-semi-space-size=4', '--no-warnings']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    expect(serverNodeFlags()).toEqual(expect.arrayContaining(['--max-semi-space-size=4', '--heap-growing-percent=50']));
  });
});
