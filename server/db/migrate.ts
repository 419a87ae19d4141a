import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { all, type Db } from './client.ts';

import { MIGRATIONS_DIR } from '../paths.ts';

/** migrations/ at the project root, read at run time (never bundled): the same from tsx and from dist/server. */
export { MIGRATIONS_DIR };

export class MigrationError extends Error {}

interface Migration { id: number; name: string; sql: string; checksum: string }

function readMigrations(dir: string): Migration[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => {
      const match = /^(\d{4})_[\w-]+\.sql$/.exec(file);
      if (!match) throw new MigrationError(`migration file name must look like 0001_name.sql: ${file}`);
      const sql = readFileSync(join(dir, file), 'utf8');
      return { id: Number(match[1]), name: file, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/**
 * Applies the pending migrations in order, each in its own transaction with its record.
 * An applied migration whose file changed since is refused: forward only, never rewritten.
 */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  await db.execute(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Map(
    (await all<{ id: number; name: string; checksum: string }>(db, 'SELECT id, name, checksum FROM schema_migrations'))
      .map((row) => [Number(row.id), row]),
  );
  const done: string[] = [];
  for (const migration of readMigrations(dir)) {
    const previous = applied.get(migration.id);
    if (previous) {
      if (previous.checksum !== migration.checksum) {
        throw new MigrationError(
          `migration ${migration.name} was edited after it was applied (checksum ${previous.checksum.slice(0, 12)}… in the database, ` +
          `${migration.checksum.slice(0, 12)}… on disk). Restore the file and add a new migration instead.`,
        );
      }
      continue;
    }
    const applies = await db.write(async (tx) => {
      // Another instance starting beside this one may have applied it since the list was read.
      if ((await tx.execute({ sql: 'SELECT 1 FROM schema_migrations WHERE id = ?', args: [migration.id] })).rows.length > 0) return false;
      await tx.executeMultiple(migration.sql);
      await tx.execute({
        sql: 'INSERT INTO schema_migrations (id, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
        args: [migration.id, migration.name, migration.checksum, new Date().toISOString()],
      });
      return true;
    });
    if (applies) done.push(migration.name);
  }
  return done;
}
