/** What the Hono app's middleware puts on each request's context. */
import type { Logger } from 'pino';
import type { Session, User } from 'lucia';
import type { Db } from '../db/client.ts';
import type { Sessions } from '../auth/sessions.ts';
import type { SignInLimiters } from '../auth/rate-limit.ts';
import type { CollabServer } from '../collab/index.ts';
import type { LiveDocuments } from '../domain/live-documents.ts';
import type { Cluster } from '../cluster/index.ts';
import type { Locale } from '../../shared/domain.ts';

export interface AppDeps {
  db: Db;
  sessions: Sessions;
  limiters: SignInLimiters;
  log: Logger;
  /** The collaboration server (built before the HTTP server listens, attached to it after). */
  collab: CollabServer;
  /** The live-documents port commands use: the collaboration server's, told to the other instances in a cluster. */
  live: LiveDocuments;
  /** The other instances (Redis), when there are any. */
  cluster?: Cluster;
  /** Folder of the built web app; absent in tests that do not need it. */
  webDist?: string;
  /** Where uploaded files are kept (`DATA_DIR`): `<dataDir>/files/<sha256>`. */
  dataDir: string;
}

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    log: Logger;
    user: User | null;
    session: Session | null;
    locale: Locale;
    clientIp: string;
    requestId: string;
  };
};
