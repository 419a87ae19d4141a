/**
 * Initial bundle size: the JavaScript a browser downloads before the first page renders (the entry
 * module script of dist/web/index.html and the modules it preloads), gzipped. Builds the web app
 * first when dist/web is missing. Prints one JSON line.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist', 'web');
const TARGET_KB = 250;

/** The local JS files index.html loads at once: module scripts and modulepreload links. */
function initialScripts(html: string): string[] {
  const urls = new Set<string>();
  const attribute = (tag: string, name: string) => {
    const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
    return match ? match[1] ?? match[2] ?? match[3] : undefined;
  };
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attribute(tag, 'src');
    if (src && attribute(tag, 'type') === 'module') urls.add(src);
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const href = attribute(tag, 'href');
    if (href && attribute(tag, 'rel')?.toLowerCase().split(/\s+/).includes('modulepreload')) urls.add(href);
  }
  return [...urls].filter((url) => !/^(https?:)?\/\//i.test(url));
}

function main() {
  if (!existsSync(join(DIST, 'index.html'))) {
    console.error('bundle-size: dist/web is missing, building the web app');
    // The build's own output goes to stderr: stdout holds only the JSON line.
    const build = spawnSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: ['ignore', process.stderr, process.stderr] });
    if (build.status !== 0) throw new Error(`vite build failed (exit code ${build.status})`);
    if (!existsSync(join(DIST, 'index.html'))) throw new Error('vite build did not write dist/web/index.html');
  }

  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const scripts = initialScripts(html);
  if (scripts.length === 0) throw new Error('dist/web/index.html loads no module script');

  const files = scripts.map((url) => {
    const path = resolve(DIST, `.${new URL(url, 'http://concord.invalid/').pathname}`);
    if (!path.startsWith(DIST) || !existsSync(path)) throw new Error(`index.html loads ${url}, which is not in dist/web`);
    const source = readFileSync(path);
    return { file: relative(DIST, path), bytes: source.length, gzip_kb: Math.round(gzipSync(source, { level: 9 }).length / 10.24) / 100 };
  });
  const total = files.reduce((sum, file) => sum + file.gzip_kb, 0);
  console.log(JSON.stringify({ bench: 'bundle-size', initial_js_gzip_kb: Math.round(total * 100) / 100, files, target_kb: TARGET_KB }));
}

try {
  main();
} catch (error) {
  console.error(`bundle-size failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
