import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all } from '../../server/db/client.ts';
import { buildUser } from '../factories.ts';
import { signIn, startTestServer, trpc, type TestServer } from '../helpers.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

/** The attributes of a Set-Cookie header, keys lower-cased. */
function cookieAttributes(setCookie: string): { name: string; value: string; attributes: Map<string, string> } {
  const [pair, ...rest] = setCookie.split(';').map((part) => part.trim());
  const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
  return { name, value, attributes: new Map(rest.map((part) => { const [k, v = ''] = part.split('='); return [k.toLowerCase(), v]; })) };
}

describe('POST /auth/sign-in', () => {
  it('answers 200 with an HttpOnly, SameSite=Lax, Path=/ session cookie that is not Secure in development', async () => {
    const response = await postJson('/auth/sign-in', { email: 'thads@demo.concord.vn', password: 'concord-demo' });
    expect(response.status).toBe(200);
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('session='));
    expect(setCookie).toBeDefined();
    const cookie = cookieAttributes(setCookie!);
    expect(cookie.value.length).toBeGreaterThanOrEqual(20);
    expect(cookie.attributes.has('httponly')).toBe(true);
    expect(cookie.attributes.get('samesite')).toBe('Lax');
    expect(cookie.attributes.get('path')).toBe('/');
    expect(cookie.attributes.has('secure')).toBe(false);
    const body = await response.json();
    expect(body.user.email).toBe('thads@demo.concord.vn');
  });

  it('accepts the email in any letter case', async () => {
    const response = await postJson('/auth/sign-in', { email: 'ToaAn@Demo.Concord.VN', password: 'concord-demo' });
    expect(response.status).toBe(200);
  });

  it('answers an unknown email and a wrong password with the same 401 body', async () => {
    const unknown = await postJson('/auth/sign-in', { email: 'nobody@demo.concord.vn', password: 'concord-demo' });
    const wrong = await postJson('/auth/sign-in', { email: 'vks@demo.concord.vn', password: 'not-the-password' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    const [unknownBody, wrongBody] = [await unknown.text(), await wrong.text()];
    expect(unknownBody).toBe(wrongBody);
    expect(unknown.headers.getSetCookie()).toEqual([]);
    expect(JSON.parse(wrongBody).error).toBe('Email hoặc mật khẩu không đúng.');
  });

  it('answers 429 with Retry-After after repeated failures for one email, even with the right password', async () => {
    const user = await buildUser(server.testDb.db);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) statuses.push((await postJson('/auth/sign-in', { email: user.email, password: `wrong-${i}` })).status);
    expect(statuses).toEqual(Array(10).fill(401));

    const limited = await postJson('/auth/sign-in', { email: user.email, password: user.password });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect((await limited.json()).error).toContain(String(retryAfter));

    // Another account from the same address is not locked out by it.
    expect((await postJson('/auth/sign-in', { email: 'congan@demo.concord.vn', password: 'concord-demo' })).status).toBe(200);
  });

  it('answers 400 to a malformed body', async () => {
    expect((await postJson('/auth/sign-in', '{"email": ')).status).toBe(400);
    expect((await postJson('/auth/sign-in', { email: 'not-an-email', password: 'x' })).status).toBe(400);
    expect((await postJson('/auth/sign-in', { email: 'thads@demo.concord.vn' })).status).toBe(400);
  });

  it('stores only a hash of the session secret', async () => {
    const cookie = await signIn(server.url, 'thads@demo.concord.vn');
    const secret = cookie.slice('session='.length);
    const rows = await all<{ id: string }>(server.testDb.db, 'SELECT id FROM sessions');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.id).not.toContain(secret);
    const dump = JSON.stringify(await all(server.testDb.db, 'SELECT * FROM sessions'));
    expect(dump).not.toContain(secret);
  });

  it('is not blocked by a write transaction that is open at the same moment', async () => {
    // A session write beside an open transaction used to wait on SQLite's lock synchronously,
    // freezing the process for the busy timeout and then failing.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const held = server.testDb.db.write(async (tx) => {
      await tx.execute("INSERT INTO audit_log (at, entity, entity_id, action) VALUES ('2026-01-01T00:00:00Z', 'test', 'x', 'hold')");
      await gate;
    });
    const started = performance.now();
    const signingIn = postJson('/auth/sign-in', { email: 'vks@demo.concord.vn', password: 'concord-demo' });
    setTimeout(release, 200);
    const response = await signingIn;
    await held;
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe('POST /auth/sign-out', () => {
  it('ends the session and clears the cookie', async () => {
    const cookie = await signIn(server.url, 'thads@demo.concord.vn');
    expect((await trpc(server.url, cookie, 'agreements.list')).status).toBe(200);

    const response = await fetch(`${server.url}/auth/sign-out`, { method: 'POST', headers: { cookie, origin: server.url } });
    expect(response.status).toBe(200);
    const cleared = cookieAttributes(response.headers.getSetCookie().find((c) => c.startsWith('session='))!);
    expect(cleared.value).toBe('');
    expect(cleared.attributes.get('max-age')).toBe('0');

    const after = await trpc(server.url, cookie, 'agreements.list');
    expect(after.status).toBe(401);
    expect(after.error?.data.code).toBe('UNAUTHORIZED');
  });
});

describe('Origin check', () => {
  it('refuses a mutation sent from another origin with 403 and lets the same-origin one through', async () => {
    const cookie = await signIn(server.url, 'toaan@demo.concord.vn');
    const send = (origin: string) => fetch(`${server.url}/trpc/account.setLocale`, {
      method: 'POST', headers: { cookie, origin, 'content-type': 'application/json' }, body: JSON.stringify({ locale: 'vi' }),
    });
    expect((await send('https://evil.example')).status).toBe(403);
    expect((await send('null')).status).toBe(403);
    expect((await send(server.url)).status).toBe(200);
  });

  it('refuses a mutation without Origin, or from the same host under another scheme', async () => {
    const cookie = await signIn(server.url, 'toaan@demo.concord.vn');
    const post = (headers: Record<string, string>) => fetch(`${server.url}/trpc/account.setLocale`, {
      method: 'POST', headers: { cookie, 'content-type': 'application/json', ...headers }, body: JSON.stringify({ locale: 'vi' }),
    });
    const missing = await post({});
    expect(missing.status).toBe(403);
    expect(((await missing.json()) as { error: string }).error).toBe('Yêu cầu từ nguồn khác bị từ chối.');
    expect((await post({ origin: server.url.replace('http:', 'https:') })).status).toBe(403);
    expect((await fetch(`${server.url}/auth/sign-out`, { method: 'POST', headers: { cookie } })).status).toBe(403);
  });

  it('refuses a sign-in posted from another origin', async () => {
    const response = await postJson('/auth/sign-in', { email: 'thads@demo.concord.vn', password: 'concord-demo' }, { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('lets a query from another origin read nothing more than its own cookie allows (GET is not a mutation)', async () => {
    const response = await fetch(`${server.url}/trpc/agreements.list`, { headers: { origin: 'https://evil.example' } });
    expect(response.status).toBe(401);
  });
});

describe('account.changePassword', () => {
  it('changes the password and ends the other sessions, keeping the current one', async () => {
    const user = await buildUser(server.testDb.db);
    const current = await signIn(server.url, user.email, user.password);
    const other = await signIn(server.url, user.email, user.password);

    const result = await trpc(server.url, current, 'account.changePassword', { currentPassword: user.password, newPassword: 'mot-mat-khau-moi-dai' }, 'mutation');
    expect(result.status).toBe(200);

    expect((await trpc(server.url, current, 'agreements.list')).status).toBe(200);
    expect((await trpc(server.url, other, 'agreements.list')).status).toBe(401);
    expect((await postJson('/auth/sign-in', { email: user.email, password: user.password })).status).toBe(401);
    expect((await postJson('/auth/sign-in', { email: user.email, password: 'mot-mat-khau-moi-dai' })).status).toBe(200);
  });

  it('refuses a wrong current password with BAD_REQUEST and a Vietnamese message', async () => {
    const user = await buildUser(server.testDb.db);
    const cookie = await signIn(server.url, user.email, user.password);
    const result = await trpc(server.url, cookie, 'account.changePassword', { currentPassword: 'khong-dung-dau', newPassword: 'mot-mat-khau-moi-dai' }, 'mutation');
    expect(result.status).toBe(400);
    expect(result.error?.data.code).toBe('BAD_REQUEST');
    expect(result.error?.message).toBe('Mật khẩu hiện tại không đúng.');
    expect((await postJson('/auth/sign-in', { email: user.email, password: user.password })).status).toBe(200);
  });

  it('refuses a new password shorter than 10 characters', async () => {
    const user = await buildUser(server.testDb.db);
    const cookie = await signIn(server.url, user.email, user.password);
    const result = await trpc(server.url, cookie, 'account.changePassword', { currentPassword: user.password, newPassword: 'short' }, 'mutation');
    expect(result.error?.data.code).toBe('BAD_REQUEST');
    expect(result.error?.message).toContain('Mật khẩu mới:');
  });
});

describe('a disabled user', () => {
  it('loses the session it had and cannot sign in again', async () => {
    const user = await buildUser(server.testDb.db, { roles: ['viewer'] });
    const cookie = await signIn(server.url, user.email, user.password);
    expect((await trpc(server.url, cookie, 'agreements.list')).status).toBe(200);

    const admin = await signIn(server.url, 'admin@demo.concord.vn');
    const disabled = await trpc(server.url, admin, 'users.update', {
      id: user.id, name: user.name, title: user.title, agencyId: user.agencyId, roles: user.roles, disabled: true,
    }, 'mutation');
    expect(disabled.status).toBe(200);
    expect(disabled.data.disabled).toBe(true);

    const after = await trpc(server.url, cookie, 'agreements.list');
    expect(after.status).toBe(401);
    expect(after.error?.data.code).toBe('UNAUTHORIZED');
    expect((await postJson('/auth/sign-in', { email: user.email, password: user.password })).status).toBe(401);
  });
});
