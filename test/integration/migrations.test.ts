import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, all, type Db } from '../../server/db/client.ts';
import { migrate, MigrationError, MIGRATIONS_DIR } from '../../server/db/migrate.ts';

let dir: string;
let migrationsDir: string;
let db: Db;

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path, 'utf8')).digest('hex');
const tables = async () => (await all<{ name: string }>(db, "SELECT name FROM sqlite_master WHERE type = 'table'")).map((row) => row.name);
const recorded = () => all<{ id: number; name: string; checksum: string }>(db, 'SELECT id, name, checksum FROM schema_migrations ORDER BY id');

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'concord-migrations-'));
  migrationsDir = join(dir, 'migrations');
  mkdirSync(migrationsDir);
  copyFileSync(join(MIGRATIONS_DIR, '0001_init.sql'), join(migrationsDir, '0001_init.sql'));
  db = await openDb(`file:${join(dir, 'c.db')}`);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migrate', () => {
  it('applies the project migrations to an empty database and records each with its checksum', async () => {
    const applied = await migrate(db);
    expect(applied[0]).toBe('0001_init.sql');
    const rows = await recorded();
    expect(rows.map((row) => row.name)).toEqual(applied);
    expect(rows[0].checksum).toBe(sha256(join(MIGRATIONS_DIR, '0001_init.sql')));
    expect(await tables()).toEqual(expect.arrayContaining(['agencies', 'users', 'sessions', 'audit_log', 'agreements', 'action_items']));
  });

  it('applies migrations in the order of their numbers, each one seeing the schema of the ones before', async () => {
    // Written out of order on purpose: 0003 needs the column 0002 adds.
    writeFileSync(join(migrationsDir, '0003_use_note.sql'), "UPDATE agencies SET note = 'x' WHERE 0;\nCREATE INDEX agencies_note ON agencies(note);\n");
    writeFileSync(join(migrationsDir, '0002_add_note.sql'), "ALTER TABLE agencies ADD COLUMN note TEXT NOT NULL DEFAULT '';\n");

    expect(await migrate(db, migrationsDir)).toEqual(['0001_init.sql', '0002_add_note.sql', '0003_use_note.sql']);
    const rows = await recorded();
    expect(rows.map((row) => [Number(row.id), row.name])).toEqual([[1, '0001_init.sql'], [2, '0002_add_note.sql'], [3, '0003_use_note.sql']]);
    for (const row of rows) expect(row.checksum).toBe(sha256(join(migrationsDir, row.name)));
  });

  it('applies nothing when run again', async () => {
    await migrate(db, migrationsDir);
    const before = await recorded();
    expect(await migrate(db, migrationsDir)).toEqual([]);
    expect(await recorded()).toEqual(before);
  });

  it('applies only the new migration when one is added later', async () => {
    await migrate(db, migrationsDir);
    writeFileSync(join(migrationsDir, '0002_notes.sql'), 'CREATE TABLE notes (id TEXT PRIMARY KEY);\n');
    expect(await migrate(db, migrationsDir)).toEqual(['0002_notes.sql']);
  });

  it('refuses an applied migration that was edited afterwards, naming the file', async () => {
    await migrate(db, migrationsDir);
    appendFileSync(join(migrationsDir, '0001_init.sql'), '\nCREATE TABLE sneaky (x);\n');

    const error = await migrate(db, migrationsDir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toContain('0001_init.sql');
    expect(await tables()).not.toContain('sneaky');
  });

  it('leaves nothing of a failing migration behind, and applies it once it is fixed', async () => {
    await migrate(db, migrationsDir);
    const file = join(migrationsDir, '0002_half.sql');
    writeFileSync(file, 'CREATE TABLE half (x TEXT);\nINSERT INTO half VALUES (1);\nINSERT INTO no_such_table VALUES (1);\n');

    await expect(migrate(db, migrationsDir)).rejects.toThrow(/no_such_table/);
    expect(await tables()).not.toContain('half');
    expect((await recorded()).map((row) => row.name)).toEqual(['0001_init.sql']);

    writeFileSync(file, 'CREATE TABLE half (x TEXT);\nINSERT INTO half VALUES (1);\n');
    expect(await migrate(db, migrationsDir)).toEqual(['0002_half.sql']);
    expect(await all(db, 'SELECT x FROM half')).toHaveLength(1);
  });

  it('stops at a failing migration without applying the ones after it', async () => {
    writeFileSync(join(migrationsDir, '0002_broken.sql'), 'CREATE TABLE broken (x);\nSELECT * FROM no_such_table;\n');
    writeFileSync(join(migrationsDir, '0003_later.sql'), 'CREATE TABLE later (x);\n');

    await expect(migrate(db, migrationsDir)).rejects.toThrow();
    expect((await recorded()).map((row) => row.name)).toEqual(['0001_init.sql']);
    expect(await tables()).not.toContain('broken');
    expect(await tables()).not.toContain('later');
  });

  it('refuses a migration file whose name does not follow 0001_name.sql', async () => {
    writeFileSync(join(migrationsDir, '2_bad.sql'), 'SELECT 1;\n');
    await expect(migrate(db, migrationsDir)).rejects.toThrow(/2_bad\.sql/);
  });
});
