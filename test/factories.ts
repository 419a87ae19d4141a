/**
 * Whole valid object graphs for tests, built through the domain functions (or plain SQL where the
 * domain has no such operation yet). Every field has a sensible default; a test names only what
 * its behaviour depends on.
 */
import type { Transaction } from '@libsql/client';
import type { Db } from '../server/db/client.ts';
import { initialUpdateStatement } from '../server/collab/storage.ts';
import { newId } from '../server/db/ids.ts';
import { hashPassword } from '../server/auth/password.ts';
import { getAgency, type Agency } from '../server/domain/agency/index.ts';
import { createUser, updateUser, type UserSummary } from '../server/domain/user/index.ts';
import { createAgreement, getAgreement, type AgreementSummary } from '../server/domain/agreement/index.ts';
import type { AgencyKind, AgencyLevel, Role } from '../shared/domain.ts';

let sequence = 0;
const next = () => `${Date.now().toString(36)}${(sequence += 1)}`;

export interface AgencyOverrides {
  id?: string; nameVi?: string; nameEn?: string; shortName?: string; kind?: AgencyKind; level?: AgencyLevel;
  parentId?: string | null; validFrom?: string; validTo?: string | null; successorId?: string | null;
}

/** An agency; with `validTo` and `successorId` it is a retired one that keeps its history. */
export async function buildAgency(db: Db, overrides: AgencyOverrides = {}): Promise<Agency> {
  const n = next();
  const id = overrides.id ?? newId();
  await db.batch([{
    sql: `INSERT INTO agencies (id, name_vi, name_en, short_name, kind, level, parent_id, valid_from, valid_to, successor_id, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [
      id, overrides.nameVi ?? `Cơ quan thử nghiệm ${n}`, overrides.nameEn ?? `Test agency ${n}`, overrides.shortName ?? `CQ ${n}`,
      overrides.kind ?? 'other', overrides.level ?? 'province', overrides.parentId ?? null, overrides.validFrom ?? '2020-01-01',
      overrides.validTo ?? null, overrides.successorId ?? null, new Date().toISOString(),
    ],
  }]);
  return (await getAgency(db, id))!;
}

export interface UserOverrides {
  email?: string; name?: string; title?: string; agencyId?: string; roles?: Role[]; password?: string; disabled?: boolean;
}

export type BuiltUser = UserSummary & { password: string };

/** A user with roles and a password (`password` is returned in clear so the test can sign in). Builds an agency unless given one. */
export async function buildUser(db: Db, overrides: UserOverrides = {}): Promise<BuiltUser> {
  const n = next();
  const agencyId = overrides.agencyId ?? (await buildAgency(db)).id;
  const password = overrides.password ?? `mat-khau-thu-${n}`;
  const passwordHash = await hashPassword(password);
  const input = {
    email: overrides.email ?? `user-${n}@test.concord.vn`, name: overrides.name ?? `Người dùng ${n}`, title: overrides.title ?? '',
    agencyId, roles: overrides.roles ?? ['legal_staff'], password,
  };
  let user = await db.write((tx) => createUser(tx, null, input, passwordHash));
  if (overrides.disabled) {
    user = await db.write((tx) => updateUser(tx, { id: user.id, agency: { id: agencyId }, roles: input.roles }, {
      id: user.id, name: input.name, title: input.title, agencyId, roles: input.roles, disabled: true,
    }));
  }
  return { ...user, password };
}

export interface AgreementOverrides {
  title?: string; docNumber?: string;
  /** The drafter, whose agency leads; a legal staff member of a new agency by default. */
  createdBy?: { id: string; agencyId: string; roles: Role[] };
  /** The other parties; one new agency by default. */
  partyAgencyIds?: string[];
  status?: string;
}

/** New live documents written straight to storage (factories run without the collaboration server). */
const storedCreation = { create: async (tx: Transaction, name: string, update: Uint8Array) => { await tx.execute(initialUpdateStatement(name, update)); } };

/** A draft agreement led by the creator's agency, with its parties (and any other status set afterwards). */
export async function buildAgreement(db: Db, overrides: AgreementOverrides = {}): Promise<AgreementSummary> {
  const creator = overrides.createdBy ?? (await buildUser(db, { roles: ['legal_staff'] }));
  const partyAgencyIds = overrides.partyAgencyIds ?? [(await buildAgency(db)).id];
  const actor = { id: creator.id, agency: { id: creator.agencyId }, roles: creator.roles };
  const agreement = await db.write((tx) => createAgreement(tx, storedCreation, actor, {
    title: overrides.title ?? `Quy chế phối hợp thử nghiệm ${next()}`, docNumber: overrides.docNumber ?? '', partyAgencyIds,
  }));
  if (overrides.status && overrides.status !== agreement.status) {
    await db.batch([{ sql: 'UPDATE agreements SET status = ? WHERE id = ?', args: [overrides.status, agreement.id] }]);
    return (await getAgreement(db, agreement.id))!;
  }
  return agreement;
}

/** Moves a scheduled meeting's start an hour into the past: it is under way, its minutes may be approved. */
export async function meetingUnderWay(db: Db, meetingId: string): Promise<void> {
  await db.execute({ sql: 'UPDATE meetings SET starts_at = ? WHERE id = ?', args: [new Date(Date.now() - 3_600_000).toISOString(), meetingId] });
}
