/**
 * `npm start` (and `npm run migrate | backup | restore`): builds what is missing or older than its
 * sources, then runs the compiled server (or the named CLI) with plain Node: no TypeScript at run
 * time. `node scripts/start.mjs [main|migrate-cli|backup-cli|restore-cli] [args…]`.
 *
 * Under NODE_ENV=production a present build is run as it is, never rebuilt. Without a build and
 * without the build tools (`npm ci --omit=dev`) it stops with one line naming `npm run build`.
 * The compiled file is imported into this process, so the server is one Node process whose signals
 * (SIGTERM, SIGINT) reach its own shutdown, exactly as `node dist/server/main.js`.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildServer, buildWeb, hasTool, ROOT, SERVER_ENTRIES, staleness, TARGETS } from './launcher.mjs';

const entry = process.argv[2] && !process.argv[2].startsWith('-') ? process.argv[2] : 'main';
if (!(entry in SERVER_ENTRIES)) {
  console.error(`start.mjs: unknown entry point "${entry}" (one of ${Object.keys(SERVER_ENTRIES).join(', ')})`);
  process.exit(64);
}
// The CLI sees its own arguments from argv[2], as when run as `node dist/server/<entry>.js …`.
if (process.argv[2] === entry) process.argv.splice(2, 1);

const production = process.env.NODE_ENV === 'production';
const needed = entry === 'main' ? ['web', 'server'] : ['server'];

for (const name of needed) {
  const target = TARGETS[name];
  const why = staleness(target);
  if (why === null) continue;
  const missing = why.endsWith('is missing');
  if (production && !missing) continue; // a build present is the one to run
  if (!hasTool(target)) {
    if (!missing) {
      console.error(`start.mjs: ${why}, but ${target.tool} is not installed; running the build as it is.`);
      continue;
    }
    console.error('Chưa có bản dựng của Concord: chạy `npm run build` trước (no build found: run `npm run build` first).');
    process.exit(1);
  }
  const started = performance.now();
  if (name === 'web') buildWeb();
  else await buildServer();
  console.error(`Built ${name} (${why}) in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

process.setSourceMapsEnabled(true);
await import(pathToFileURL(join(ROOT, 'dist', 'server', `${entry}.js`)).href);
