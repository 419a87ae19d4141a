/** POST /auth/sign-in and /auth/sign-out, exactly as the contract says. */
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import type { Cookie } from 'lucia';
import { signInInput } from '../../shared/schemas.ts';
import { message } from '../../shared/messages.ts';
import { findCredentials } from '../domain/user/index.ts';
import { recordAudit } from '../domain/audit/index.ts';
import { burnPasswordCheck, verifyPassword } from './password.ts';
import type { AppEnv } from '../http/env.ts';

export function writeCookie(c: Parameters<typeof setCookie>[0], cookie: Cookie): void {
  const { sameSite, ...rest } = cookie.attributes;
  setCookie(c, cookie.name, cookie.value, { ...rest, sameSite: sameSite === 'none' ? 'None' : sameSite === 'strict' ? 'Strict' : 'Lax' });
}

/** How long each sign-in from an address over its failure limit waits before it is answered. */
const SLOWED_ADDRESS_DELAY_MS = 1_000;

export function authRoutes() {
  const app = new Hono<AppEnv>();

  app.post('/sign-in', async (c) => {
    const { db, sessions, limiters } = c.var.deps;
    const locale = c.var.locale;
    const body = await c.req.json().catch(() => null);
    const parsed = signInInput.safeParse(body);
    if (!parsed.success) return c.json({ error: message(locale, 'invalidInput') }, 400);
    const email = parsed.data.email.toLowerCase();
    const ip = c.var.clientIp;

    // An email that failed too often is locked for the window. An address that failed too often
    // (a whole agency may sit behind one NAT address) is only slowed: its right passwords still work.
    const wait = await limiters.perEmail.retryAfter(email);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return c.json({ error: message(locale, 'rateLimited', { seconds: wait }) }, 429);
    }
    if ((await limiters.perIp.retryAfter(ip)) > 0) await new Promise((resolve) => setTimeout(resolve, SLOWED_ADDRESS_DELAY_MS));

    const account = await findCredentials(db, email);
    const valid = account ? await verifyPassword(account.password_hash, parsed.data.password) : (await burnPasswordCheck(parsed.data.password), false);
    if (!account || !valid) {
      await Promise.all([limiters.perEmail.fail(email), limiters.perIp.fail(ip)]);
      c.var.log.info({ email }, 'sign-in refused');
      return c.json({ error: message(locale, 'badCredentials') }, 401);
    }
    await limiters.perEmail.clear(email);
    const session = await sessions.createSession(account.id, {});
    const { user } = await sessions.validateSession(session.id);
    await db.write((tx) => recordAudit(tx, user, { entity: 'session', entityId: account.id, action: 'sign_in', summary: { ip } }));
    writeCookie(c, sessions.createSessionCookie(session.id));
    return c.json({ ok: true, user });
  });

  app.post('/sign-out', async (c) => {
    const { sessions, live } = c.var.deps;
    const { session, user } = c.var;
    // The session's open live documents close with it; nothing they send meanwhile is stored.
    if (session && user) await live.holdPerson(user.id, () => sessions.invalidateSession(session.id));
    writeCookie(c, sessions.createBlankSessionCookie());
    return c.json({ ok: true });
  });

  return app;
}
