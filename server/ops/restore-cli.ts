/** `npm run restore -- <backup dir> [--force]`: brings a backup back into DATA_DIR and DATABASE_URL's file (server stopped). */
import { resolve } from 'node:path';
import { readEnv } from '../env.ts';
import { databaseFile } from './backup.ts';
import { restore } from './restore.ts';

const env = readEnv();
const args = process.argv.slice(2);
const force = args.includes('--force');
const dirs = args.filter((arg) => arg !== '--force');
if (dirs.length !== 1 || dirs[0].startsWith('-')) {
  console.error('Cách dùng (usage): npm run restore -- <backup dir> [--force]');
  process.exit(64);
}
try {
  const target = { databaseFile: resolve(databaseFile(env.DATABASE_URL)), dataDir: resolve(env.DATA_DIR) };
  const restored = await restore(resolve(dirs[0]), target, { force });
  console.log(`Restored the backup of ${restored.manifest.createdAt} into ${restored.database} and ${restored.files} files into ${target.dataDir}. Start the server: it applies any newer migrations.`);
} catch (error) {
  console.error(`Không khôi phục được (restore refused): ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
