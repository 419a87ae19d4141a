/**
 * Restoring a backup (backup.ts) into DATA_DIR and DATABASE_URL's file. The manifest's hash is
 * checked before anything is written; an existing database is refused unless `force`; the database
 * is written under a temporary name, synced and renamed over the target, so an interrupted restore
 * leaves the old database or the new one, never half of one. The server must be stopped.
 */
import { constants } from 'node:fs';
import { copyFile, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BackupError, readManifest, sha256File, type Manifest } from './backup.ts';
import { filesDir } from '../domain/attachment/index.ts';

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export interface Restored { manifest: Manifest; database: string; files: number }

export async function restore(from: string, target: { databaseFile: string; dataDir: string }, options: { force?: boolean } = {}): Promise<Restored> {
  const manifest = await readManifest(from);
  const source = join(from, manifest.database.file);
  if (!(await exists(source))) throw new BackupError(`${source} is missing: the backup is incomplete`);
  const actual = await sha256File(source);
  if (actual !== manifest.database.sha256) {
    throw new BackupError(`${source} does not match its manifest (sha256 ${actual.slice(0, 12)}…, expected ${manifest.database.sha256.slice(0, 12)}…): the backup is damaged`);
  }
  const backupFiles = join(from, manifest.files.dir);
  const names = (await readdir(backupFiles).catch(() => [] as string[])).filter((n) => /^[0-9a-f]{64}$/.test(n));
  if (names.length !== manifest.files.count) throw new BackupError(`${backupFiles} holds ${names.length} files, the manifest says ${manifest.files.count}: the backup is incomplete`);
  for (const name of names) {
    if ((await sha256File(join(backupFiles, name))) !== name) throw new BackupError(`${join(backupFiles, name)} does not match its name: the backup is damaged`);
  }

  const { databaseFile, dataDir } = target;
  if (!options.force && (await exists(databaseFile))) {
    throw new BackupError(`${databaseFile} already exists: stop the server and add --force to replace it (the database there is lost), or restore into another DATA_DIR`);
  }
  await mkdir(dirname(databaseFile), { recursive: true });
  const temp = `${databaseFile}.restore-${process.pid}.tmp`;
  await copyFile(source, temp, constants.COPYFILE_FICLONE);
  await syncFile(temp);
  // The old database's WAL and shared memory belong to the old file: left beside the new one, SQLite
  // would replay them into it.
  for (const suffix of ['-wal', '-shm', '-journal']) await rm(`${databaseFile}${suffix}`, { force: true });
  await rename(temp, databaseFile);

  const filesTarget = filesDir(dataDir);
  await mkdir(filesTarget, { recursive: true });
  for (const name of names) {
    const path = join(filesTarget, name);
    if (await exists(path)) continue; // named by its content: the same bytes
    const part = join(filesTarget, `.restore-${name}.tmp`);
    await copyFile(join(backupFiles, name), part, constants.COPYFILE_FICLONE);
    await syncFile(part);
    await rename(part, path);
  }
  return { manifest, database: databaseFile, files: names.length };
}
