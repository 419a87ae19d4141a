/** Boots Concord: environment, database, migrations, demo data, HTTP and collaboration, shutdown. */
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import pino from 'pino';
import { readEnv } from './env.ts';
import { openDb, type Db } from './db/client.ts';
import { migrate, MigrationError } from './db/migrate.ts';
import { createSessions } from './auth/sessions.ts';
import { createSignInLimiters } from './auth/rate-limit.ts';
import { createApp, WEB_DIST, type AppDeps } from './app.ts';
import { startReminderScheduler } from './domain/action-item/scheduler.ts';
import { recheckDutyAnchors } from './domain/action-item/anchors.ts';
import { afterWritesSettle } from './domain/after-writes.ts';
import { parseDocName } from '../shared/collab.ts';
import { createCollab } from './collab/index.ts';
import { drainSearchQueue, SearchIndexer } from './domain/search/index.ts';
import { startBackupScheduler } from './ops/scheduler.ts';
import { once, openCluster } from './cluster/index.ts';
import { bridgeSignals, clusteredLive } from './cluster/signals.ts';

const env = readEnv();
const log = pino({ level: env.LOG_LEVEL, base: { service: 'concord' } });

/** The database, opened and migrated (a writer refused the lock by another instance migrating the same file is replaced: Db.#onWriter). */
async function openMigrated(): Promise<Db> {
  const db = await openDb(env.DATABASE_URL, env.DATABASE_AUTH_TOKEN).catch((error) => {
    log.fatal({ err: error, url: env.DATABASE_URL }, 'cannot open the database');
    process.exit(1);
  });
  try {
    const applied = await migrate(db);
    if (applied.length) log.info({ applied }, 'migrations applied');
    return db;
  } catch (error) {
    log.fatal({ err: error }, error instanceof MigrationError ? error.message : 'migrations failed');
    process.exit(1);
  }
}

async function main() {
  const db = await openMigrated();

  const seed = env.SEED_DEMO ?? (env.NODE_ENV === 'production' ? '0' : '1');
  // The demo data (texts, accounts, password hashing) is loaded only where it may be seeded.
  const demo = seed === '1' ? await import('./demo/seed.ts') : null;
  if (demo && (await demo.isEmpty(db))) {
    // The seed is one batch; if it fails because another instance seeded the file meanwhile, that is fine.
    const seeded = await demo.seedDemo(db, env.DEMO_PASSWORD).then(() => true, async (error) => {
      if (await demo.isEmpty(db)) throw error;
      return false;
    });
    if (seeded) log.info('demo data seeded');
  }

  const cluster = await openCluster(env.REDIS_URL, log).catch((error) => {
    log.fatal({ err: error }, 'cannot reach Redis (REDIS_URL)');
    process.exit(1);
  });
  const sessions = createSessions(db, { secureCookies: env.NODE_ENV === 'production' });
  // Search follows the live documents: re-indexed within seconds of each committed write.
  // Duties whose anchored text is deleted are marked "text removed" within seconds.
  let searchIndexer: SearchIndexer | null = null;
  const dutyAnchors = afterWritesSettle(async (name) => {
    const ref = parseDocName(name);
    if (ref?.kind !== 'agreement') return;
    await recheckDutyAnchors(db, collab.live, ref.id).catch((err) => log.warn({ err, doc: name }, 'duty anchors: recheck failed; the next write retries'));
  });
  const collab = createCollab({ db, sessions, log, cluster }, {
    onPersisted: (name) => { searchIndexer?.persisted(name); dutyAnchors.persisted(name); },
  });
  searchIndexer = new SearchIndexer(db, collab.live, log);
  const live = await clusteredLive(collab, cluster, log);
  const stopSignals = await bridgeSignals(cluster, log);
  const deps: AppDeps = { db, sessions, limiters: createSignInLimiters(cluster.windows), log, collab, live, cluster, webDist: WEB_DIST, dataDir: env.DATA_DIR };
  const app = createApp(deps);
  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
    const url = `http://${info.address.includes(':') ? `[${info.address}]` : info.address}:${info.port}`;
    console.log(`\nConcord is running at ${url}`);
    if (demo) {
      console.log(`Demo accounts (password: ${env.DEMO_PASSWORD}):`);
      for (const account of demo.DEMO_ACCOUNTS) console.log(`  ${account.email.padEnd(26)} ${account.roles.join(', ')}`);
    }
  }) as Server;
  collab.attach(server);
  once(cluster, 'search-drain', 60_000, () => drainSearchQueue(db, collab.live)).catch((err) => log.warn({ err }, 'search: indexing at start failed; the first search retries'));

  const stopReminders = startReminderScheduler(db, log, { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, publicUrl: env.PUBLIC_URL ?? `http://${env.HOST}:${env.PORT}` }, cluster);
  const stopBackups = env.BACKUP_DIR
    ? startBackupScheduler(db, log, { backupDir: env.BACKUP_DIR, keep: env.BACKUP_KEEP, dataDir: env.DATA_DIR, databaseUrl: env.DATABASE_URL }, cluster)
    : () => {};
  const sweep = setInterval(() => sessions.deleteExpiredSessions().catch((err) => log.warn({ err }, 'session sweep failed')), 3_600_000);
  sweep.unref();

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    clearInterval(sweep);
    searchIndexer?.close();
    dutyAnchors.close();
    stopReminders();
    stopSignals();
    stopBackups();
    setTimeout(() => process.exit(1), 10_000).unref();
    const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections?.();
    // The live documents' last updates must be committed before the database closes.
    collab.close()
      .catch((err) => log.error({ err }, 'collab: shutdown failed'))
      .then(() => httpClosed)
      .finally(async () => {
        await cluster.close();
        db.close();
        process.exit(0);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error) => {
  log.fatal({ err: error }, 'Concord failed to start');
  process.exit(1);
});
