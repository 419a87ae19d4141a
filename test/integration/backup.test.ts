/**
 * Backups that restore: a backup taken while stock y-websocket clients edit a live document, restored
 * into a fresh folder, served again, holds every update a client had received from the server before
 * it started (the server persists before it relays) and every record and file. Also the refusals of
 * restore (existing database, damaged backup) and the retention.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { all, openDb } from '../../server/db/client.ts';
import { DEMO_IDS } from '../../server/demo/seed.ts';
import { backup, BackupError, backupTime, databaseFile, listBackups, prune, readManifest } from '../../server/ops/backup.ts';
import { restore } from '../../server/ops/restore.ts';
import { startBackupScheduler } from '../../server/ops/scheduler.ts';
import { singleProcess } from '../../server/cluster/index.ts';
import { signIn, startCollabTestServer, type TestDb } from '../helpers.ts';
import { connectClient, synced, waitFor, type TestClient } from '../collab/client.ts';

const AGREEMENT = `agreement:${DEMO_IDS.agreement}`;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% ${text}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`);

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function upload(url: string, cookie: string, target: string, bytes: Uint8Array, name: string): Promise<{ id: string; sha256: string }> {
  const form = new FormData();
  form.set('target', target);
  form.set('file', new File([new Uint8Array(bytes)], name));
  const response = await fetch(`${url}/attachments`, { method: 'POST', body: form, headers: { origin: url, cookie } });
  expect(response.status).toBe(201);
  return response.json() as Promise<{ id: string; sha256: string }>;
}

const RECORD_TABLES = ['agreements', 'meetings', 'cases', 'action_items', 'attachments', 'users', 'audit_log'];

async function records(db: TestDb['db']) {
  const out: Record<string, unknown[]> = {};
  for (const table of RECORD_TABLES) {
    const exists = await all(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [table]);
    if (exists.length) out[table] = await all(db, `SELECT * FROM ${table} ORDER BY rowid`);
  }
  return out;
}

describe('backup and restore', () => {
  it('a backup taken while clients edit restores every acknowledged update, every record and every file', async () => {
    const server = await startCollabTestServer();
    cleanups.push(() => server.close());
    const cookies: Record<string, string> = {};
    for (const who of ['thads', 'toaan', 'vks', 'congan']) cookies[who] = await signIn(server.url, `${who}@demo.concord.vn`);

    const files = [
      await upload(server.url, cookies.thads, AGREEMENT, pdf('phụ lục 1'), 'Phụ lục 1.pdf'),
      await upload(server.url, cookies.thads, `meeting:${DEMO_IDS.meeting}`, pdf('hồ sơ họp'), 'Hồ sơ.pdf'),
    ];

    const typists: TestClient[] = ['thads', 'toaan', 'vks'].map((who) => connectClient(server.collabUrl, AGREEMENT, cookies[who]));
    // A read-only member never writes: everything in its copy came from the server, after it was stored.
    const observer = connectClient(server.collabUrl, AGREEMENT, cookies.congan);
    const everyone = [...typists, observer];
    cleanups.push(() => everyone.forEach((client) => client.destroy()));
    await Promise.all(everyone.map(synced));

    // Text converged before the backup: every client holds the same sentence.
    typists[0].doc.getText('note').insert(0, 'Các bên thống nhất lịch họp quý I.');
    await waitFor(() => everyone.every((client) => client.doc.getText('note').toString() === 'Các bên thống nhất lịch họp quý I.'), 'the note to converge');

    let typing = true;
    const loops = typists.map(async (typist, i) => {
      for (let n = 0; typing; n++) {
        typist.doc.getArray<string>('tokens').push([`${i}:${n}`]);
        await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 6));
      }
    });
    await waitFor(() => observer.doc.getArray('tokens').length >= 150, 'a stream of updates to flow');

    // Backed up as `npm run backup` does: its own connection to the file the server is writing.
    const acknowledged = new Set(observer.doc.getArray<string>('tokens').toArray());
    const backupDir = tempDir('concord-backups-');
    const cli = await openDb(server.testDb.url);
    const { dir, manifest } = await backup(cli, server.deps.dataDir, backupDir).finally(() => cli.close());
    await waitFor(() => observer.doc.getArray('tokens').length >= acknowledged.size + 30, 'edits to go on after the backup');
    typing = false;
    await Promise.all(loops);
    const original = await records(server.testDb.db);
    for (const client of everyone) client.provider.disconnect();

    expect(manifest.files.count).toBe(2);
    expect(manifest.database.sha256).toBe(sha256(readFileSync(join(dir, 'concord.db'))));
    expect(await listBackups(backupDir)).toEqual([dir.split('/').pop()]);

    // Restored into a fresh folder, then served.
    const fresh = tempDir('concord-restored-');
    const restored = await restore(dir, { databaseFile: join(fresh, 'concord.db'), dataDir: join(fresh, 'data') });
    expect(restored.files).toBe(2);
    const db = await openDb(`file:${join(fresh, 'concord.db')}`);
    const testDb: TestDb = { db, dir: fresh, url: `file:${join(fresh, 'concord.db')}`, cleanup: () => db.close() };
    const again = await startCollabTestServer({ testDb });
    cleanups.push(async () => { await again.close(); db.close(); });

    const reader = connectClient(again.collabUrl, AGREEMENT, await signIn(again.url, 'congan@demo.concord.vn'));
    cleanups.push(() => reader.destroy());
    await synced(reader);
    const tokens = new Set(reader.doc.getArray<string>('tokens').toArray());
    const lost = [...acknowledged].filter((token) => !tokens.has(token));
    expect(lost).toEqual([]);
    expect(reader.doc.getText('note').toString()).toBe('Các bên thống nhất lịch họp quý I.');
    // The agreement's own text (the demo's articles) came back too.
    expect(reader.doc.getXmlFragment('prosemirror').length).toBeGreaterThan(0);

    // Every record of the backed-up moment: none was written after it but the live log.
    const back = await records(db);
    for (const table of RECORD_TABLES.filter((t) => t !== 'audit_log')) expect(back[table], table).toEqual(original[table]);
    expect(back.audit_log.length).toBeGreaterThan(0);

    // The files' bytes, through the restored server.
    const cookie = await signIn(again.url, 'thads@demo.concord.vn');
    for (const file of files) {
      const response = await fetch(`${again.url}/attachments/${file.id}`, { headers: { cookie } });
      expect(response.status).toBe(200);
      expect(sha256(new Uint8Array(await response.arrayBuffer()))).toBe(file.sha256);
    }
  }, 120_000);

  it('restore refuses an existing database without --force, a damaged backup always, and writes nothing then', async () => {
    const server = await startCollabTestServer();
    cleanups.push(() => server.close());
    const backupDir = tempDir('concord-backups-');
    const { dir } = await backup(server.testDb.db, server.deps.dataDir, backupDir);

    const target = tempDir('concord-target-');
    const databaseFile = join(target, 'concord.db');
    writeFileSync(databaseFile, 'the database already there');
    await expect(restore(dir, { databaseFile, dataDir: target })).rejects.toThrow(/already exists.*--force/);
    expect(readFileSync(databaseFile, 'utf8')).toBe('the database already there');
    writeFileSync(`${databaseFile}-wal`, 'an old WAL that must not be replayed');
    await restore(dir, { databaseFile, dataDir: target }, { force: true });
    expect(existsSync(`${databaseFile}-wal`)).toBe(false);
    expect(sha256(readFileSync(databaseFile))).toBe((await readManifest(dir)).database.sha256);
    expect(readdirSync(target).filter((name) => name.includes('.tmp'))).toEqual([]);

    // A byte changed in the copy: refused before anything is written.
    const damaged = readFileSync(join(dir, 'concord.db'));
    damaged[damaged.length - 1] ^= 0xff;
    writeFileSync(join(dir, 'concord.db'), damaged);
    const empty = tempDir('concord-target-');
    await expect(restore(dir, { databaseFile: join(empty, 'concord.db'), dataDir: empty })).rejects.toThrow(/does not match its manifest/);
    expect(readdirSync(empty)).toEqual([]);
    await expect(restore(empty, { databaseFile: join(empty, 'concord.db'), dataDir: empty })).rejects.toThrow(BackupError);
  });

  it('keeps the newest BACKUP_KEEP backups and refuses a remote database', async () => {
    const server = await startCollabTestServer({ seed: false });
    cleanups.push(() => server.close());
    const backupDir = tempDir('concord-backups-');
    const made: string[] = [];
    for (let day = 1; day <= 4; day++) made.push((await backup(server.testDb.db, server.deps.dataDir, backupDir, new Date(`2026-12-0${day}T02:00:00Z`))).dir.split('/').pop()!);
    mkdirSync(join(backupDir, '2026-11-30T02-00-00.000Z')); // no manifest: not a backup, left alone
    expect(await prune(backupDir, 2)).toEqual(made.slice(0, 2));
    expect(await listBackups(backupDir)).toEqual(made.slice(2));
    expect(existsSync(join(backupDir, '2026-11-30T02-00-00.000Z'))).toBe(true);

    expect(() => databaseFile('libsql://concord.example.org')).toThrow(/remote libsql server/);
    expect(databaseFile('file:data/concord.db')).toBe('data/concord.db');
  });
});

describe('the daily backup of a running server', () => {
  it('a failed run is logged and the next one writes the backup; the server goes on', async () => {
    const server = await startCollabTestServer({ seed: false });
    cleanups.push(() => server.close());
    const root = tempDir('concord-backups-');
    // BACKUP_DIR is a file at first: the run fails.
    const backupDir = join(root, 'backups');
    writeFileSync(backupDir, 'not a folder');
    const lines: { msg: string; err?: unknown }[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => { lines.push(JSON.parse(line)); } });
    const stop = startBackupScheduler(server.testDb.db, log, {
      backupDir, keep: 2, dataDir: server.deps.dataDir, databaseUrl: server.testDb.url, firstDelayMs: 1, intervalMs: 200,
    }, singleProcess());
    cleanups.push(stop);
    await waitFor(() => lines.some((line) => line.msg.startsWith('backup failed')), 'the failed run to be logged');
    rmSync(backupDir);
    await waitFor(() => lines.filter((line) => line.msg === 'backup written').length >= 3, 'three runs to write backups');
    stop();
    expect((await listBackups(backupDir)).length).toBe(2);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('a run that finds a recent backup in BACKUP_DIR (a restart, another instance) skips it', async () => {
    const server = await startCollabTestServer({ seed: false });
    cleanups.push(() => server.close());
    const backupDir = tempDir('concord-backups-');
    const recent = (await backup(server.testDb.db, server.deps.dataDir, backupDir)).dir.split('/').pop()!;
    expect(Math.abs(backupTime(recent).getTime() - Date.now())).toBeLessThan(60_000);
    const lines: { msg: string }[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => { lines.push(JSON.parse(line)); } });
    const stop = startBackupScheduler(server.testDb.db, log, {
      backupDir, keep: 7, dataDir: server.deps.dataDir, databaseUrl: server.testDb.url, firstDelayMs: 1, intervalMs: 24 * 3_600_000,
    }, singleProcess());
    cleanups.push(stop);
    await waitFor(() => lines.length > 0, 'the first run');
    stop();
    expect(lines.map((line) => line.msg)).toEqual(['backup skipped: a recent one is in BACKUP_DIR']);
    expect(await listBackups(backupDir)).toEqual([recent]);
  });

  it('with a remote database it logs that it makes no backups', async () => {
    const lines: { msg: string }[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => { lines.push(JSON.parse(line)); } });
    const server = await startCollabTestServer({ seed: false });
    cleanups.push(() => server.close());
    const stop = startBackupScheduler(server.testDb.db, log, { backupDir: tempDir('concord-backups-'), keep: 7, dataDir: server.deps.dataDir, databaseUrl: 'libsql://db.example.org' }, singleProcess());
    stop();
    expect(lines.map((line) => line.msg)).toEqual(['backups: BACKUP_DIR is set but the database is remote; no backups are made']);
  });
});
