/** `npm run backup [-- <dir>]`: one backup of the database and uploaded files into BACKUP_DIR (or <dir>), then the retention. */
import { readEnv } from '../env.ts';
import { openDb } from '../db/client.ts';
import { backup, BackupError, databaseFile, prune } from './backup.ts';

const env = readEnv();
const backupDir = process.argv[2] ?? env.BACKUP_DIR;
if (!backupDir) {
  console.error('Chưa có nơi lưu bản sao: đặt BACKUP_DIR hoặc chạy `npm run backup -- <thư mục>` (no backup folder: set BACKUP_DIR or run `npm run backup -- <dir>`).');
  process.exit(64);
}
try {
  databaseFile(env.DATABASE_URL);
  const db = await openDb(env.DATABASE_URL, env.DATABASE_AUTH_TOKEN);
  try {
    const { dir, manifest } = await backup(db, env.DATA_DIR, backupDir);
    const removed = await prune(backupDir, env.BACKUP_KEEP);
    console.log(`Backup written to ${dir}: database ${manifest.database.bytes} bytes (sha256 ${manifest.database.sha256}), ${manifest.files.count} files (${manifest.files.bytes} bytes).`);
    if (removed.length) console.log(`Removed older backups (BACKUP_KEEP=${env.BACKUP_KEEP}): ${removed.join(', ')}`);
  } finally {
    db.close();
  }
} catch (error) {
  console.error(`Sao lưu thất bại (backup failed): ${error instanceof BackupError || error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
