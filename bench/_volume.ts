/**
 * The volume database the statistics and search benchmarks share: 100 000 cases of one province
 * over five years (server/demo/volume.ts), generated once into the temp folder and reused while
 * the migrations and the generator are unchanged.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDb, type Db } from '../server/db/client.ts';
import { migrate, MIGRATIONS_DIR } from '../server/db/migrate.ts';
import { seedDemo } from '../server/demo/seed.ts';
import { seedVolume } from '../server/demo/volume.ts';

export const VOLUME_CASES = Number(process.env.BENCH_CASES ?? 100_000);

export async function volumeDb(): Promise<{ db: Db; generatedMs: number | null }> {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_DIR).sort()) hash.update(readFileSync(join(MIGRATIONS_DIR, file)));
  for (const source of ['../server/demo/volume.ts', '../server/domain/search/index.ts']) hash.update(readFileSync(fileURLToPath(new URL(source, import.meta.url))));
  const dir = join(tmpdir(), 'concord-bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `volume-${VOLUME_CASES}-${hash.digest('hex').slice(0, 12)}.db`);
  let generatedMs: number | null = null;
  if (!existsSync(path)) {
    const started = performance.now();
    const building = `${path}.${process.pid}.tmp`;
    const db = await openDb(`file:${building}`);
    await migrate(db);
    await seedDemo(db, 'concord-demo');
    await seedVolume(db, { cases: VOLUME_CASES });
    await db.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    db.close();
    renameSync(building, path);
    for (const suffix of ['-wal', '-shm']) rmSync(`${building}${suffix}`, { force: true });
    generatedMs = Math.round(performance.now() - started);
  }
  return { db: await openDb(`file:${path}`), generatedMs };
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
