/**
 * Where the project's files are, from the running code: server/*.ts under tsx and vitest, or the
 * bundle in dist/server/ (and its chunks) under plain node. Found by walking up from this module to
 * the folder holding package.json and migrations/, so the answer is the same before and after
 * bundling (a path relative to import.meta.url is not: the bundle sits elsewhere than the source).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'migrations'))) return dir;
    if (dirname(dir) === dir) throw new Error(`Concord: no package.json with migrations/ above ${start}`);
  }
}

export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
export const MIGRATIONS_DIR = join(ROOT, 'migrations');
export const WEB_DIST = join(ROOT, 'dist', 'web');
