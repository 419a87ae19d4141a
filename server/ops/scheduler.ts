/**
 * With BACKUP_DIR set, the server backs itself up: the first run a few minutes after start, then
 * every 24 hours, keeping BACKUP_KEEP backups. A run goes only where the cluster's `backup` lease is
 * granted (several instances started together would otherwise all back up at once), and skips when
 * BACKUP_DIR holds a backup younger than half the interval (a restart, or another instance sharing
 * the folder). A failed backup is logged and tried again at the next run; it never stops the server.
 */
import type { Logger } from 'pino';
import type { Db } from '../db/client.ts';
import { once, type Cluster } from '../cluster/index.ts';
import { backup, backupTime, databaseFile, listBackups, prune } from './backup.ts';

/** Longer than any backup takes: renewed while the backup runs, released when it ends. */
const LEASE_MS = 10 * 60_000;

export interface BackupSchedule {
  backupDir: string;
  keep: number;
  dataDir: string;
  databaseUrl: string;
  firstDelayMs?: number;
  intervalMs?: number;
}

export function startBackupScheduler(db: Db, log: Logger, schedule: BackupSchedule, cluster: Cluster): () => void {
  try {
    databaseFile(schedule.databaseUrl);
  } catch (error) {
    log.error({ err: error }, 'backups: BACKUP_DIR is set but the database is remote; no backups are made');
    return () => {};
  }
  const { backupDir, keep, dataDir, firstDelayMs = 5 * 60_000, intervalMs = 24 * 3_600_000 } = schedule;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const run = async () => {
    try {
      const ran = await once(cluster, 'backup', LEASE_MS, async () => {
        const newest = (await listBackups(backupDir)).at(-1);
        if (newest && Date.now() - backupTime(newest).getTime() < intervalMs / 2) {
          log.info({ newest }, 'backup skipped: a recent one is in BACKUP_DIR');
          return;
        }
        const { dir, manifest } = await backup(db, dataDir, backupDir);
        const removed = await prune(backupDir, keep);
        log.info({ dir, bytes: manifest.database.bytes, files: manifest.files.count, removed }, 'backup written');
      });
      if (ran === null) log.info('backup skipped: another instance is backing up');
    } catch (error) {
      log.error({ err: error, backupDir }, 'backup failed; tried again at the next run');
    }
    if (!stopped) next(intervalMs);
  };
  const next = (ms: number) => {
    timer = setTimeout(() => void run(), ms);
    timer.unref();
  };
  next(firstDelayMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
