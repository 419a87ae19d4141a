/** Users of an agency and their roles. No public sign-up: an admin creates accounts. */
import type { Transaction } from '@libsql/client';
import type { z } from 'zod';
import { all, one, type Sql } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import type { Actor } from '../../policy/index.ts';
import { recordAudit } from '../audit/index.ts';
import { requireActiveAgency } from '../agency/index.ts';
import { DomainError } from '../errors.ts';
import type { Role } from '../../../shared/domain.ts';
import type { createUserInput, updateUserInput } from '../../../shared/schemas.ts';

export interface UserSummary {
  id: string; email: string; name: string; title: string; agencyId: string; agencyShortName: string;
  roles: Role[]; disabled: boolean;
}

const SELECT = `
  SELECT u.id, u.email, u.name, u.title, u.agency_id, a.short_name, u.disabled_at,
         (SELECT group_concat(role) FROM user_roles r WHERE r.user_id = u.id) AS roles
    FROM users u JOIN agencies a ON a.id = u.agency_id`;

function toUser(row: Record<string, unknown>): UserSummary {
  return {
    id: String(row.id), email: String(row.email), name: String(row.name), title: String(row.title),
    agencyId: String(row.agency_id), agencyShortName: String(row.short_name),
    roles: (row.roles ? String(row.roles).split(',').sort() : []) as Role[], disabled: row.disabled_at !== null,
  };
}

export async function listUsers(sql: Sql, agencyId?: string): Promise<UserSummary[]> {
  const rows = await all(sql, `${SELECT} WHERE (?1 IS NULL OR u.agency_id = ?1) ORDER BY a.short_name, u.name`, [agencyId ?? null]);
  return rows.map(toUser);
}

export async function getUser(sql: Sql, id: string): Promise<UserSummary | undefined> {
  const row = await one(sql, `${SELECT} WHERE u.id = ?`, [id]);
  return row && toUser(row);
}

/** These users (those that exist), by name. */
export async function getUsers(sql: Sql, ids: readonly string[]): Promise<UserSummary[]> {
  if (ids.length === 0) return [];
  const rows = await all(sql, `${SELECT} WHERE u.id IN (${ids.map(() => '?').join(', ')}) ORDER BY u.name`, [...ids]);
  return rows.map(toUser);
}

async function setRoles(tx: Transaction, userId: string, roles: readonly Role[]): Promise<void> {
  await tx.execute({ sql: 'DELETE FROM user_roles WHERE user_id = ?', args: [userId] });
  for (const role of new Set(roles)) {
    await tx.execute({ sql: 'INSERT INTO user_roles (user_id, role) VALUES (?, ?)', args: [userId, role] });
  }
}

export async function createUser(
  tx: Transaction, actor: Actor | null, input: z.infer<typeof createUserInput>, passwordHash: string,
): Promise<UserSummary> {
  await requireActiveAgency(tx, input.agencyId);
  if (await one(tx, 'SELECT 1 FROM users WHERE email = ?', [input.email])) throw new DomainError('CONFLICT', 'emailTaken');
  const id = newId();
  await tx.execute({
    sql: 'INSERT INTO users (id, email, name, title, agency_id, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    args: [id, input.email.toLowerCase(), input.name, input.title, input.agencyId, passwordHash, new Date().toISOString()],
  });
  await setRoles(tx, id, input.roles);
  await recordAudit(tx, actor, { entity: 'user', entityId: id, action: 'create', summary: { email: input.email, roles: input.roles } });
  return (await getUser(tx, id))!;
}

export async function updateUser(tx: Transaction, actor: Actor, input: z.infer<typeof updateUserInput>): Promise<UserSummary> {
  const before = await getUser(tx, input.id);
  if (!before) throw new DomainError('NOT_FOUND', 'notFound');
  if (before.agencyId !== input.agencyId) await requireActiveAgency(tx, input.agencyId);
  const losesAdmin = before.roles.includes('admin') && (!input.roles.includes('admin') || input.disabled);
  if (losesAdmin) {
    const admins = await one<{ n: number }>(tx, `
      SELECT count(*) AS n FROM user_roles r JOIN users u ON u.id = r.user_id WHERE r.role = 'admin' AND u.disabled_at IS NULL`);
    if (Number(admins?.n) <= 1) throw new DomainError('CONFLICT', 'lastAdmin');
  }
  await tx.execute({
    sql: `UPDATE users SET name = ?, title = ?, agency_id = ?,
            disabled_at = CASE WHEN ? THEN coalesce(disabled_at, ?) ELSE NULL END WHERE id = ?`,
    args: [input.name, input.title, input.agencyId, input.disabled ? 1 : 0, new Date().toISOString(), input.id],
  });
  await setRoles(tx, input.id, input.roles);
  // A disabled account or one moved to another agency signs in again under its new rights.
  if (input.disabled || before.agencyId !== input.agencyId) {
    await tx.execute({ sql: 'DELETE FROM sessions WHERE user_id = ?', args: [input.id] });
  }
  await recordAudit(tx, actor, {
    entity: 'user', entityId: input.id, action: 'update',
    summary: { roles: { from: before.roles, to: [...input.roles].sort() }, disabled: input.disabled, agencyId: input.agencyId },
  });
  return (await getUser(tx, input.id))!;
}

export async function findCredentials(sql: Sql, email: string) {
  return one<{ id: string; password_hash: string }>(sql,
    'SELECT id, password_hash FROM users WHERE email = ? AND disabled_at IS NULL', [email.toLowerCase()]);
}

export async function passwordHashOf(sql: Sql, userId: string): Promise<string | undefined> {
  return (await one<{ password_hash: string }>(sql, 'SELECT password_hash FROM users WHERE id = ?', [userId]))?.password_hash;
}

export async function setPassword(tx: Transaction, actor: Actor, passwordHash: string): Promise<void> {
  await tx.execute({ sql: 'UPDATE users SET password_hash = ? WHERE id = ?', args: [passwordHash, actor.id] });
  await recordAudit(tx, actor, { entity: 'user', entityId: actor.id, action: 'change_password' });
}

export async function setLocale(tx: Transaction, actor: Actor, locale: 'vi' | 'en'): Promise<void> {
  await tx.execute({ sql: 'UPDATE users SET locale = ? WHERE id = ?', args: [locale, actor.id] });
  await recordAudit(tx, actor, { entity: 'user', entityId: actor.id, action: 'set_locale', summary: { locale } });
}
