/**
 * Real parts for tests: a libsql database file in a temporary folder, the real app served on an
 * ephemeral port, and HTTP clients that sign in as a person would.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import pino from 'pino';
import { openDb, type Db } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { createSessions } from '../server/auth/sessions.ts';
import { createSignInLimiters } from '../server/auth/rate-limit.ts';
import { createApp, WEB_DIST, type AppDeps } from '../server/app.ts';
import { seedDemo } from '../server/demo/seed.ts';
import { seedVolume } from '../server/demo/volume.ts';
import { createCollab, type CollabOptions, type CollabServer } from '../server/collab/index.ts';
import { docName } from '../shared/collab.ts';
import { connectClient, synced, type TestClient } from './collab/client.ts';

export const DEMO_PASSWORD = 'concord-demo';

export interface TestDb { db: Db; dir: string; url: string; cleanup(): void }

/** A migrated database file in a fresh temporary folder, with the demo data unless `seed: false`. */
export async function createTestDb(options: { seed?: boolean } = {}): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), 'concord-test-'));
  const url = `file:${join(dir, 'concord.db')}`;
  const db = await openDb(url);
  await migrate(db);
  if (options.seed ?? true) await seedDemo(db, DEMO_PASSWORD);
  return { db, dir, url, cleanup: () => { db.close(); rmSync(dir, { recursive: true, force: true }); } };
}

export interface TestServer {
  url: string;
  collab: CollabServer;
  port: number;
  server: Server;
  deps: AppDeps;
  testDb: TestDb;
  close(): Promise<void>;
}

/**
 * The real app on port 0, its collaboration server attached. `extend` lets a test attach more to
 * the HTTP server; closing flushes and closes the collaboration server first.
 */
export async function startTestServer(options: {
  seed?: boolean; testDb?: TestDb; web?: boolean; collab?: CollabOptions; extend?: (server: Server, deps: AppDeps) => void | Promise<void>;
} = {}): Promise<TestServer> {
  const testDb = options.testDb ?? (await createTestDb({ seed: options.seed }));
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const sessions = createSessions(testDb.db, { secureCookies: false });
  const collab = createCollab({ db: testDb.db, sessions, log }, options.collab);
  const deps: AppDeps = {
    db: testDb.db, sessions, limiters: createSignInLimiters(), log, collab, live: collab.live, webDist: options.web ? WEB_DIST : undefined,
    dataDir: join(testDb.dir, 'data'),
  };
  const app = createApp(deps);
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server)) as Server;
  });
  collab.attach(server);
  await options.extend?.(server, deps);
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`, port, server, deps, testDb, collab,
    close: async () => {
      await collab.close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      if (!options.testDb) testDb.cleanup();
    },
  };
}

/** Signs in over HTTP and returns the session cookie header value ("session=..."). */
export async function signIn(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await fetch(`${baseUrl}/auth/sign-in`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${email} answered ${response.status}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0];
}

/** Calls a tRPC procedure over HTTP as plain JSON (no transformer), as outside tests do. */
export async function trpc(baseUrl: string, cookie: string | null, path: string, input?: unknown, kind: 'query' | 'mutation' = 'query') {
  const headers: Record<string, string> = cookie ? { cookie } : {};
  const response = kind === 'query'
    ? await fetch(`${baseUrl}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`, { headers })
    : await fetch(`${baseUrl}/trpc/${path}`, { method: 'POST', headers: { ...headers, origin: baseUrl, 'content-type': 'application/json' }, body: JSON.stringify(input ?? null) });
  const body = await response.json() as { result?: { data: any }; error?: { message: string; data: { code: string; httpStatus: number } } };
  return { status: response.status, data: body.result?.data, error: body.error };
}

export interface CollabTestServer extends TestServer {
  /** The WebSocket base URL the y-websocket client takes: `ws://127.0.0.1:<port>/collab`. */
  collabUrl: string;
}

/** The real app, for tests that open live documents. `web: true` also serves the built web app (dist/web), for browser tests. */
export async function startCollabTestServer(options: { seed?: boolean; testDb?: TestDb; collab?: CollabOptions; web?: boolean } = {}): Promise<CollabTestServer> {
  const server = await startTestServer(options);
  return { ...server, collabUrl: `ws://127.0.0.1:${server.port}/collab` };
}

/** A describe block's database: the demo data and a generated register of `cases` cases (server/demo/volume.ts). */
export function volumeDbSuite(cases: number): { readonly db: Db } {
  let testDb: TestDb | undefined;
  beforeAll(async () => {
    testDb = await createTestDb();
    await seedVolume(testDb.db, { cases });
  }, 120_000);
  afterAll(() => testDb?.cleanup());
  return { get db() { return testDb!.db; } };
}

/**
 * A server for the whole file or describe block (beforeAll / afterAll), and a session cookie for
 * each demo user named: `serverSuite(start, ['thads'])` signs in thads@demo.concord.vn as `cookies.thads`.
 */
export function serverSuite<S extends TestServer>(start: () => Promise<S>, signedIn: string[] = []): { readonly server: S; readonly cookies: Record<string, string> } {
  let server: S | undefined;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    server = await start();
    for (const who of signedIn) cookies[who] = await signIn(server.url, `${who}@demo.concord.vn`);
  });
  afterAll(() => server?.close());
  return { get server() { return server as S; }, cookies };
}

/**
 * A fresh collaboration server for each test (beforeEach / afterEach); demo users signed in on
 * first use (`cookieOf('toaan')`), their `agreements.*` calls, and live clients of an agreement,
 * destroyed after the test.
 */
export function collabServerPerTest() {
  let server: CollabTestServer | undefined;
  const clients: TestClient[] = [];
  const cookies = new Map<string, string>();
  beforeEach(async () => {
    server = await startCollabTestServer();
    cookies.clear();
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server?.close();
  });
  const suite = {
    get server() { return server as CollabTestServer; },
    async cookieOf(who: string): Promise<string> {
      let cookie = cookies.get(who);
      if (!cookie) cookies.set(who, (cookie = await signIn(suite.server.url, `${who}@demo.concord.vn`)));
      return cookie;
    },
    query: async (who: string, path: string, input?: unknown) => trpc(suite.server.url, await suite.cookieOf(who), `agreements.${path}`, input),
    mutate: async (who: string, path: string, input?: unknown) => trpc(suite.server.url, await suite.cookieOf(who), `agreements.${path}`, input, 'mutation'),
    /** A synced live client of the agreement's text, signed in as `who`. */
    async openAgreement(who: string, agreementId: string): Promise<TestClient> {
      const client = connectClient(suite.server.collabUrl, docName('agreement', agreementId), await suite.cookieOf(who));
      clients.push(client);
      await synced(client);
      return client;
    },
  };
  return suite;
}

/** word/document.xml of a DOCX (a zip), read through the zip's central directory. */
export function docxDocumentXml(zip: Buffer): string {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let offset = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < zip.readUInt16LE(eocd + 10); i += 1) {
    const nameLength = zip.readUInt16LE(offset + 28);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    if (name === 'word/document.xml') {
      const local = zip.readUInt32LE(offset + 42);
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + zip.readUInt32LE(offset + 20));
      return (zip.readUInt16LE(offset + 10) === 0 ? data : inflateRawSync(data)).toString('utf8');
    }
    offset += 46 + nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  throw new Error('word/document.xml is not in the file');
}

/** The text of a PDF as pdf.js reads it, a line break where a line ends (exports are checked by what they say). */
export async function pdfText(bytes: Buffer): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  let text = '';
  for (let n = 1; n <= pdf.numPages; n += 1) {
    const items = (await (await pdf.getPage(n)).getTextContent()).items.filter((i) => 'str' in i);
    text += items.map((i) => i.str + (i.hasEOL ? '\n' : '')).join('');
  }
  return text;
}
