/** `npm run migrate`: applies pending migrations and exits. */
import { readEnv } from './env.ts';
import { openDb } from './db/client.ts';
import { migrate } from './db/migrate.ts';

const env = readEnv();
try {
  const db = await openDb(env.DATABASE_URL, env.DATABASE_AUTH_TOKEN);
  const applied = await migrate(db);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
  db.close();
} catch (error) {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
