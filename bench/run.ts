/**
 * `npm run bench`: runs every benchmark script in bench/ one after the other, each as its own
 * `npx tsx <file>` process, and passes their JSON lines through. Exits non-zero if any fails.
 *
 * A benchmark is any bench/*.ts except this runner, type declarations, files whose name starts
 * with `_`, and helper modules (a file another bench file imports is a helper, not a benchmark).
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const ROOT = join(BENCH_DIR, '..');
const SELF = basename(fileURLToPath(import.meta.url));

function benchmarkFiles(dir = BENCH_DIR): string[] {
  const candidates = readdirSync(dir).filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && file !== SELF && !file.startsWith('_')).sort();
  const imported = new Set<string>();
  for (const file of candidates) {
    const source = readFileSync(join(dir, file), 'utf8');
    for (const match of source.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]\.\/([^'"]+)['"]/g)) {
      const target = match[1].replace(/\.(js|mjs)$/, '.ts');
      imported.add(target.endsWith('.ts') ? target : `${target}.ts`);
    }
  }
  return candidates.filter((file) => !imported.has(file));
}

function runOne(file: string): Promise<number> {
  return new Promise((resolve) => {
    // stdout (the JSON lines) is passed through as is; stderr carries the scripts' own logs.
    const child = spawn('npx', ['tsx', join('bench', file)], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', (error) => { console.error(`bench: cannot start ${file}: ${error.message}`); resolve(1); });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  const files = benchmarkFiles();
  if (files.length === 0) {
    console.error('bench: no benchmark scripts found in bench/');
    process.exit(1);
  }
  const failed: string[] = [];
  for (const file of files) {
    console.error(`bench: running ${file}`);
    const code = await runOne(file);
    if (code !== 0) {
      console.error(`bench: ${file} failed (exit code ${code})`);
      failed.push(file);
    }
  }
  if (failed.length) {
    console.error(`bench: ${failed.length} of ${files.length} benchmarks failed: ${failed.join(', ')}`);
    process.exit(1);
  }
}

await main();
