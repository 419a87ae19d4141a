/**
 * createApp(deps): the whole HTTP surface as a Hono app. main.ts serves it; tests call it directly
 * or serve it on port 0.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { compress } from 'hono/compress';
import { bodyLimit } from 'hono/body-limit';
import { trpcServer } from '@hono/trpc-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Session, User } from 'lucia';
import { SESSION_COOKIE } from './auth/sessions.ts';
import { clientProtocol, isOwnOrigin } from './auth/origin.ts';
import type { AppDeps, AppEnv } from './http/env.ts';
import { authRoutes, writeCookie } from './auth/routes.ts';
import { exportRoutes } from './export/routes.ts';
import { importRoutes } from './http/import.ts';
import { attachmentRoutes } from './http/attachments.ts';
import { appRouter } from './trpc/routers/_app.ts';
import { pickLocale, type Context } from './trpc/context.ts';
import { message } from '../shared/messages.ts';
import { isClientRoute } from '../shared/routes.ts';
import type { Locale } from '../shared/domain.ts';

/** The built web app (dist/web), found from the project root so it is the same under tsx and in the bundle. */
export { WEB_DIST } from './paths.ts';

export type { AppDeps, AppEnv } from './http/env.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Paths the server answers itself; every other GET is the web app (a file, or index.html). */
const API_PREFIXES = ['/auth', '/trpc', '/import', '/export', '/collab', '/attachments'];

const MB = 1024 * 1024;
/** Body limits by route, the first that matches (CONTRACT "Limits and refusals"). */
const BODY_LIMITS: [path: string, bytes: number][] = [
  ['/import/*', 20 * MB], ['/attachments', 20 * MB], ['/attachments/*', 20 * MB], ['/auth/*', 64 * 1024], ['/trpc/*', 1 * MB],
];

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    const started = performance.now();
    const requestId = c.req.header('x-request-id')?.slice(0, 64) || crypto.randomUUID();
    const log = deps.log.child({ requestId });
    c.set('deps', deps);
    c.set('log', log);
    c.set('requestId', requestId);
    c.header('X-Request-Id', requestId);
    let clientIp = 'unknown';
    try {
      clientIp = getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      // app.request() in tests has no socket
    }
    c.set('clientIp', clientIp);
    await next();
    log.debug({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) }, 'request');
  });

  app.get('/healthz', async (c) => {
    try {
      await deps.db.execute('SELECT 1');
      // Redis is reported, not required: an instance that lost it still serves its own clients.
      if (!deps.cluster?.shared) return c.json({ ok: true });
      return c.json({ ok: true, ...(await deps.cluster.health()) });
    } catch (error) {
      c.var.log.error({ err: error }, 'health check: the database does not answer');
      return c.json({ ok: false, error: 'database unavailable' }, 503);
    }
  });

  // The web app's files are served before, and without, any session lookup or database call: hashed
  // assets cached for a year, index.html (the shell of every client route) revalidated each time.
  const webDist = deps.webDist;
  if (webDist && existsSync(join(webDist, 'index.html'))) {
    const indexHtml = readFileSync(join(webDist, 'index.html'), 'utf8');
    const files = serveStatic<AppEnv>({
      root: webDist,
      // Scripts and styles compressed once by the build (`precompressAssets`); compress() below is for anything without.
      precompressed: true,
      onFound: (path, c) => {
        c.header('Cache-Control', path.endsWith('.html') ? 'no-cache' : c.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
      },
    });
    const isApi = (path: string) => API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
    app.use('/assets/*', compress());
    app.use('*', async (c, next) => {
      if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || isApi(c.req.path) || c.req.path === '/healthz') return next();
      const served = await files(c, async () => {});
      if (served) return served;
      if (c.req.path.startsWith('/assets/')) return c.json({ error: message('vi', 'notFound') }, 404);
      c.header('Cache-Control', 'no-cache');
      return c.html(indexHtml, isClientRoute(c.req.path) ? 200 : 404);
    });
  }

  // Limits before work: a body over its route's limit is refused (413) while it is read, never buffered whole.
  for (const [path, maxSize] of BODY_LIMITS) {
    app.use(path, bodyLimit({
      maxSize,
      onError: (c) => c.json({ error: message(c.var.locale ?? 'vi', 'bodyTooLarge', { limit: `${maxSize / MB} MB` }) }, 413),
    }));
  }

  // Session: a valid cookie makes the request the user's; a stale one is cleared. The cookie is set
  // on the final answer, whatever handler built it (tRPC builds its own Response).
  app.use('*', async (c, next) => {
    const secret = getCookie(c, SESSION_COOKIE);
    let user: User | null = null;
    let session: Session | null = null;
    let cookie: string | null = null;
    if (secret) {
      ({ user, session } = await deps.sessions.validateSession(secret));
      if (session?.fresh) cookie = deps.sessions.createSessionCookie(session.id).serialize();
      if (!session) cookie = deps.sessions.createBlankSessionCookie().serialize();
    }
    c.set('user', user);
    c.set('session', session);
    c.set('locale', pickLocale(user, getCookie(c, 'lang'), c.req.header('accept-language')));
    await next();
    const answered = c.res.headers.getSetCookie().some((line) => line.startsWith(`${SESSION_COOKIE}=`));
    if (cookie && !answered) c.res.headers.append('Set-Cookie', cookie);
  });

  // Mutations come from this app's own pages only. Signing in carries no session yet, so a script
  // may sign in without Origin; a foreign Origin is refused everywhere.
  app.use('*', async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header('origin');
      const protocol = clientProtocol(c.req.header('x-forwarded-proto'), new URL(c.req.url).protocol === 'https:');
      const signIn = c.req.path === '/auth/sign-in' && origin === undefined;
      if (!signIn && !isOwnOrigin({ origin, host: c.req.header('host'), protocol })) {
        return c.json({ error: message(c.var.locale, 'foreignOrigin') }, 403);
      }
    }
    await next();
  });

  app.route('/auth', authRoutes());
  app.route('/import', importRoutes());
  app.route('/export', exportRoutes());
  app.route('/attachments', attachmentRoutes());

  app.use('/trpc/*', trpcServer({
    router: appRouter,
    endpoint: '/trpc',
    // The web app batches at most this many calls (web/lib/trpc.ts); a larger batch is refused.
    maxBatchSize: 20,
    createContext: (_opts, c): Context => ({
      db: deps.db, sessions: deps.sessions, live: deps.live, log: c.get('log'),
      user: c.get('user'), session: c.get('session'), locale: c.get('locale'), requestId: c.get('requestId'),
    }),
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') deps.log.error({ err: error, path }, 'tRPC procedure failed');
    },
  }));

  for (const prefix of API_PREFIXES) {
    app.all(`${prefix}/*`, (c) => c.json({ error: message(c.var.locale, 'notFound') }, 404));
  }

  app.notFound((c) => c.json({ error: message(c.var.locale ?? 'vi', 'notFound') }, 404));
  app.onError((error, c) => {
    (c.var.log ?? deps.log).error({ err: error }, 'request failed');
    return c.json({ error: message(c.var.locale ?? 'vi', 'internalError', { requestId: c.var.requestId ?? '' }) }, 500);
  });

  return app;
}
