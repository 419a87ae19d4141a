/**
 * Changes of people and of one's own account, as commands. A change of someone's agency, roles,
 * password or account state holds that person's open live-document connections while it commits
 * (`LiveDocuments.holdPerson`): afterwards each is closed, downgraded or kept, and nothing sent in
 * between is stored under rights the person no longer has.
 */
import type { z } from 'zod';
import { authorize, type CommandDeps } from '../command.ts';
import { DomainError } from '../errors.ts';
import { hashPassword, verifyPassword } from '../../auth/password.ts';
import { hashSecret } from '../../auth/sessions.ts';
import { createUser, passwordHashOf, setLocale as writeLocale, setPassword, updateUser, type UserSummary } from './index.ts';
import type { changePasswordInput, createUserInput, updateUserInput } from '../../../shared/schemas.ts';

export async function create(deps: CommandDeps, input: z.infer<typeof createUserInput>): Promise<UserSummary> {
  authorize(deps.actor, 'user.manage', null);
  const passwordHash = await hashPassword(input.password);
  return deps.db.write(async (tx) => {
    authorize(deps.actor, 'user.manage', null);
    return createUser(tx, deps.actor, input, passwordHash);
  });
}

/** Name, title, agency, roles, disabled: the person's open connections follow at once. */
export function update(deps: CommandDeps, input: z.infer<typeof updateUserInput>): Promise<UserSummary> {
  return deps.live.holdPerson(input.id, () => deps.db.write(async (tx) => {
    authorize(deps.actor, 'user.manage', null);
    return updateUser(tx, deps.actor, input);
  }));
}

/** A new password ends the person's other sessions (and their open connections); the current one stays. */
export async function changePassword(deps: CommandDeps, sessionSecret: string, input: z.infer<typeof changePasswordInput>): Promise<{ ok: true }> {
  // Argon2 takes tens of milliseconds: checked and hashed before the transaction, then re-checked in it.
  const verified = await passwordHashOf(deps.db, deps.actor.id);
  if (!verified || !(await verifyPassword(verified, input.currentPassword))) throw new DomainError('BAD_REQUEST', 'wrongCurrentPassword');
  const next = await hashPassword(input.newPassword);
  return deps.live.holdPerson(deps.actor.id, () => deps.db.write(async (tx) => {
    if ((await passwordHashOf(tx, deps.actor.id)) !== verified) throw new DomainError('CONFLICT', 'wrongCurrentPassword');
    await setPassword(tx, deps.actor, next);
    await tx.execute({ sql: 'DELETE FROM sessions WHERE user_id = ? AND id != ?', args: [deps.actor.id, hashSecret(sessionSecret)] });
    return { ok: true as const };
  }));
}

export function setLocale(deps: CommandDeps, locale: 'vi' | 'en'): Promise<{ locale: 'vi' | 'en' }> {
  return deps.db.write(async (tx) => {
    await writeLocale(tx, deps.actor, locale);
    return { locale };
  });
}
