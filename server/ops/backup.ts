/**
 * Backups: a consistent online copy of the database (`VACUUM INTO` on the reader's connection: one
 * read transaction, so the copy is one committed state even while the server writes; never a file
 * copy of a live WAL database) and the uploaded files, in `<backupDir>/<timestamp>/` with a
 * manifest. Written under a `.tmp` name and renamed when complete, so a folder with a manifest is a
 * whole backup. Restoring is `restore.ts`.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import type { Db } from '../db/client.ts';
import { filesDir } from '../domain/attachment/index.ts';

export const MANIFEST = 'manifest.json';
export const DB_FILE = 'concord.db';
export const FILES_DIR = 'files';

export interface Manifest {
  format: 1;
  createdAt: string;
  database: { file: string; bytes: number; sha256: string };
  files: { dir: string; count: number; bytes: number };
}

export class BackupError extends Error {}

/** The database file of a `file:` DATABASE_URL; a remote libsql server has none to copy. */
export function databaseFile(url: string): string {
  if (!url.startsWith('file:')) {
    throw new BackupError(
      `DATABASE_URL is a remote libsql server (${url.replace(/\/\/[^@/]*@/, '//…@')}): back it up with that server's own backups ` +
      '(sqld/Turso point-in-time copies); Concord backs up only an embedded file: database.',
    );
  }
  const rest = url.slice('file:'.length);
  return rest.startsWith('//') ? new URL(url).pathname : rest.split('?')[0];
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const SHA256_NAME = /^[0-9a-f]{64}$/;
/** `2026-12-02T19-55-00.123Z`: sorts as time, valid in every file system. */
const STAMP = /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z$/;

function stamp(date: Date): string {
  return date.toISOString().replace(/:/g, '-');
}

/** When the backup named `name` (a folder of `listBackups`) was taken. */
export function backupTime(name: string): Date {
  return new Date(name.replace(/T(\d\d)-(\d\d)-(\d\d)/, 'T$1:$2:$3'));
}

function quote(path: string): string {
  return `'${path.replace(/'/g, "''")}'`;
}

/**
 * Writes one backup and returns its folder and manifest. `db` is the running server's database or
 * one the CLI opened on the same file (WAL lets the copy read beside the server's writes).
 */
export async function backup(db: Db, dataDir: string, backupDir: string, now = new Date()): Promise<{ dir: string; manifest: Manifest }> {
  const name = stamp(now);
  const dir = join(backupDir, name);
  const temp = join(backupDir, `.${name}.${process.pid}.tmp`);
  await mkdir(join(temp, FILES_DIR), { recursive: true });
  try {
    const dbCopy = join(temp, DB_FILE);
    // One statement, one read transaction: every commit before it, none after.
    await db.client.execute(`VACUUM INTO ${quote(dbCopy)}`);
    // The files the copy refers to were written before their rows committed (attachments), so they
    // are all on disk now; files are immutable and named by their content, so copying them after the
    // database is consistent. Files added since are copied too (harmless: no row names them yet).
    const files = await copyFiles(filesDir(dataDir), join(temp, FILES_DIR));
    await checkReferencedFiles(dbCopy, join(temp, FILES_DIR));
    const manifest: Manifest = {
      format: 1,
      createdAt: now.toISOString(),
      database: { file: DB_FILE, bytes: (await stat(dbCopy)).size, sha256: await sha256File(dbCopy) },
      files: { dir: FILES_DIR, ...files },
    };
    await writeFile(join(temp, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    await rename(temp, dir);
    return { dir, manifest };
  } catch (error) {
    await rm(temp, { recursive: true, force: true }).catch(() => {});
    throw error;
  }
}

async function copyFiles(from: string, to: string): Promise<{ count: number; bytes: number }> {
  let names: string[];
  try {
    names = await readdir(from);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { count: 0, bytes: 0 };
    throw error;
  }
  let count = 0;
  let bytes = 0;
  for (const name of names.filter((n) => SHA256_NAME.test(n))) {
    try {
      await copyFile(join(from, name), join(to, name));
    } catch (error) {
      // Removed since it was listed (its last attachment deleted): not in the copy's rows either.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    count += 1;
    bytes += (await stat(join(to, name))).size;
  }
  return { count, bytes };
}

/** Every attachment row of the copy has its bytes in the backup, or the backup fails. */
async function checkReferencedFiles(dbCopy: string, files: string): Promise<void> {
  const copy = createClient({ url: `file:${dbCopy}` });
  try {
    const tables = await copy.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'attachments'");
    if (tables.rows.length === 0) return;
    const present = new Set(await readdir(files));
    const rows = await copy.execute('SELECT DISTINCT sha256 FROM attachments');
    const missing = rows.rows.map((row) => String(row.sha256)).filter((sha) => !present.has(sha));
    if (missing.length) throw new BackupError(`${missing.length} attachment file(s) named by the database are missing from ${files}, e.g. ${missing[0]}`);
  } finally {
    copy.close();
  }
}

/** The complete backups in `backupDir` (those with a manifest), oldest first. */
export async function listBackups(backupDir: string): Promise<string[]> {
  const names = await readdir(backupDir).catch(() => [] as string[]);
  const complete: string[] = [];
  for (const name of names.filter((n) => STAMP.test(n)).sort()) {
    if (await stat(join(backupDir, name, MANIFEST)).then(() => true, () => false)) complete.push(name);
  }
  return complete;
}

/** Keeps the newest `keep` backups, removes older ones and leftovers of failed runs over a day old. */
export async function prune(backupDir: string, keep: number, now = new Date()): Promise<string[]> {
  const removed: string[] = [];
  const complete = await listBackups(backupDir);
  for (const name of complete.slice(0, Math.max(0, complete.length - keep))) {
    await rm(join(backupDir, name), { recursive: true, force: true });
    removed.push(name);
  }
  for (const name of await readdir(backupDir).catch(() => [] as string[])) {
    if (!name.endsWith('.tmp') || !name.startsWith('.')) continue;
    const info = await stat(join(backupDir, name)).catch(() => null);
    if (info && now.getTime() - info.mtimeMs > 86_400_000) await rm(join(backupDir, name), { recursive: true, force: true });
  }
  return removed;
}

export async function readManifest(dir: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST), 'utf8');
  } catch {
    throw new BackupError(`${dir} is not a Concord backup: ${MANIFEST} is missing`);
  }
  const manifest = JSON.parse(text) as Manifest;
  if (manifest.format !== 1 || !manifest.database?.sha256 || !manifest.files) throw new BackupError(`${join(dir, MANIFEST)} is not a Concord backup manifest`);
  return manifest;
}
