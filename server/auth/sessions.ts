/**
 * Sessions: the `lucia` package behind this one module, so it can be swapped without touching
 * routers. Lucia hands us the session secret; the table keeps only its SHA-256, so a leaked
 * database holds no usable session.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { Lucia, TimeSpan, type Adapter, type DatabaseSession, type DatabaseUser } from 'lucia';
import type { Db } from '../db/client.ts';
import { all } from '../db/client.ts';
import type { Locale, Me, Role } from '../../shared/domain.ts';

export const SESSION_COOKIE = 'session';

/** The stored id of a session: the SHA-256 of its secret. */
export function hashSecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

interface SessionUserRow {
  session_id: string; user_id: string; expires_at: number;
  email: string; name: string; title: string; locale: Locale;
  agency_id: string; name_vi: string; name_en: string; short_name: string; roles: string | null;
}

class HashedSessionAdapter implements Adapter {
  constructor(private readonly db: Db) {}

  /**
   * Writes go through the database's write queue (`batch`): a plain `execute` beside an open
   * write transaction waits on SQLite's lock synchronously, freezing the process until it fails.
   */
  private async write(sql: string, args: (string | number)[]): Promise<void> {
    await this.db.batch([{ sql, args }]);
  }

  async getSessionAndUser(secret: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const [row] = await all<SessionUserRow>(this.db, `
      SELECT s.id AS session_id, s.user_id, s.expires_at,
             u.email, u.name, u.title, u.locale, u.agency_id, a.name_vi, a.name_en, a.short_name,
             (SELECT group_concat(role) FROM user_roles r WHERE r.user_id = u.id) AS roles
        FROM sessions s
        JOIN users u ON u.id = s.user_id AND u.disabled_at IS NULL
        JOIN agencies a ON a.id = u.agency_id
       WHERE s.id = ?`, [hashSecret(secret)]);
    if (!row) return [null, null];
    const me: Me = {
      id: row.user_id, email: row.email, name: row.name, title: row.title, locale: row.locale,
      agency: { id: row.agency_id, nameVi: row.name_vi, nameEn: row.name_en, shortName: row.short_name },
      roles: (row.roles ? row.roles.split(',') : []) as Role[],
    };
    return [
      { id: secret, userId: row.user_id, expiresAt: new Date(Number(row.expires_at)), attributes: {} },
      { id: row.user_id, attributes: me },
    ];
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await all<{ id: string; expires_at: number }>(this.db, 'SELECT id, expires_at FROM sessions WHERE user_id = ?', [userId]);
    return rows.map((row) => ({ id: row.id, userId, expiresAt: new Date(Number(row.expires_at)), attributes: {} }));
  }

  async setSession(session: DatabaseSession): Promise<void> {
    await this.write('INSERT INTO sessions (id, user_id, expires_at) VALUES (?, ?, ?)',
      [hashSecret(session.id), session.userId, session.expiresAt.getTime()]);
  }

  async updateSessionExpiration(secret: string, expiresAt: Date): Promise<void> {
    await this.write('UPDATE sessions SET expires_at = ? WHERE id = ?', [expiresAt.getTime(), hashSecret(secret)]);
  }

  async deleteSession(secret: string): Promise<void> {
    await this.write('DELETE FROM sessions WHERE id = ?', [hashSecret(secret)]);
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.write('DELETE FROM sessions WHERE user_id = ?', [userId]);
  }

  async deleteExpiredSessions(): Promise<void> {
    await this.write('DELETE FROM sessions WHERE expires_at <= ?', [Date.now()]);
  }
}

export function createSessions(db: Db, options: { secureCookies: boolean }) {
  // Lucia slides the expiry forward once less than half of it is left: at most one write a fortnight per session.
  return new Lucia(new HashedSessionAdapter(db), {
    sessionExpiresIn: new TimeSpan(30, 'd'),
    sessionCookie: { name: SESSION_COOKIE, attributes: { secure: options.secureCookies, sameSite: 'lax', path: '/' } },
    getUserAttributes: (attributes) => attributes,
  });
}

export type Sessions = ReturnType<typeof createSessions>;

declare module 'lucia' {
  interface Register {
    Lucia: Sessions;
    DatabaseUserAttributes: Me;
  }
}
