/**
 * What `npm run build` and `npm start` share: the two build targets (the web app with Vite, the
 * server with esbuild), the staleness rule, and the builds themselves. Plain JavaScript that imports
 * only Node, so the launcher runs under `npm ci --omit=dev` too; the build tools are loaded only
 * when a build is needed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The Node flags `npm start` runs the server with (package.json's start script), so that whatever
 * starts the server otherwise (the benchmarks) starts it the same way. A young generation of at
 * most 4 MB per semi-space instead of 16: measured at load C of bench/collab-propagation.ts, RSS
 * 128,6 against 150,2 MB with the same CPU (3,39 / 3,23 s, within the noise).
 */
export function serverNodeFlags(root = ROOT) {
  const start = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.start;
  return start.split(/\s+/).filter((word) => word.startsWith('--'));
}

/** The server's entry points, by output name: dist/server/<name>.js. */
export const SERVER_ENTRIES = {
  main: 'server/main.ts',
  'migrate-cli': 'server/migrate-cli.ts',
  'backup-cli': 'server/ops/backup-cli.ts',
  'restore-cli': 'server/ops/restore-cli.ts',
};

/**
 * Each target: the files it produces and the sources it is built from (files or folders, relative
 * to the root). Migrations are read at run time, not built in; the launcher and the build settings
 * are sources of the server, since they decide what it is compiled into.
 */
export const TARGETS = {
  web: {
    outputs: ['dist/web/index.html'],
    sources: ['web', 'shared', 'vite.config.ts', 'package.json'],
    tool: 'vite',
  },
  server: {
    outputs: Object.keys(SERVER_ENTRIES).map((name) => `dist/server/${name}.js`),
    sources: ['server', 'shared', 'scripts/launcher.mjs', 'tsconfig.json', 'package.json'],
    tool: 'esbuild',
  },
};

/**
 * The newest modification time (ms) of a file, or of a folder and everything under it (a folder's
 * own time counts, so deleting a file makes it newer); -Infinity when nothing exists.
 */
export function newestMtime(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return -Infinity;
  }
  let newest = stat.mtimeMs;
  if (stat.isDirectory()) {
    for (const entry of readdirSync(path)) {
      if (entry === 'node_modules' || entry.startsWith('.')) continue;
      newest = Math.max(newest, newestMtime(join(path, entry)));
    }
  }
  return newest;
}

/**
 * Why a target must be built, or null when it need not: an output is missing, or a source is newer
 * than the oldest output. Paths are relative to `root`.
 */
export function staleness(target, root = ROOT) {
  let oldestOutput = Infinity;
  for (const output of target.outputs) {
    const full = join(root, output);
    if (!existsSync(full)) return `${output} is missing`;
    oldestOutput = Math.min(oldestOutput, statSync(full).mtimeMs);
  }
  for (const source of target.sources) {
    if (newestMtime(join(root, source)) > oldestOutput) return `${source} changed since the last build`;
  }
  return null;
}

export function isStale(target, root = ROOT) {
  return staleness(target, root) !== null;
}

/** Whether the target's build tool (a devDependency) is installed. */
export function hasTool(target, root = ROOT) {
  try {
    createRequire(join(root, 'package.json')).resolve(`${target.tool}/package.json`);
    return true;
  } catch {
    return false;
  }
}

export function buildWeb(root = ROOT) {
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', 'vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`vite build failed (exit code ${result.status ?? result.signal})`);
  precompressAssets(join(root, 'dist', 'web', 'assets'));
}

/**
 * Each script and style of the build beside its Brotli and gzip forms (`x.js.br`, `x.js.gz`), served
 * as they are to a browser that accepts them: compressing on every request cost each cold open the
 * gzip of ~1 MB of JavaScript (Brotli at its best setting takes ~1,4 s for the whole build, once).
 */
export function precompressAssets(dir) {
  for (const name of readdirSync(dir)) {
    if (!/\.(js|css|svg|json)$/.test(name)) continue;
    const path = join(dir, name);
    const bytes = readFileSync(path);
    if (bytes.byteLength < 1024) continue;
    writeFileSync(`${path}.br`, brotliCompressSync(bytes, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength } }));
    writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
  }
}

/**
 * The server as ES modules for Node (esbuild): one file per entry point in dist/server/, code loaded
 * on demand (the Word, PDF, Excel writers) in chunks/, packages left to node_modules, source maps.
 * Built in a temporary folder and swapped in whole, so a start never finds half a build (nor a failed one).
 */
export async function buildServer(root = ROOT) {
  const { build } = await import(createRequire(join(root, 'package.json')).resolve('esbuild'));
  const final = join(root, 'dist', 'server');
  const temp = `${final}.${process.pid}.tmp`;
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(dirname(final), { recursive: true });
  const options = {
    absWorkingDir: root,
    entryPoints: SERVER_ENTRIES,
    outdir: temp,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
  };
  try {
    await build(options);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  const old = `${final}.${process.pid}.old`;
  try {
    renameSync(final, old);
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  renameSync(temp, final);
  rmSync(old, { recursive: true, force: true });
}
