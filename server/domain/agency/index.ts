/**
 * Agencies and their history. A merged or renamed agency is never deleted: it gets a `valid_to`
 * date and a successor, and every record that pointed to it keeps pointing to it.
 */
import type { Transaction } from '@libsql/client';
import type { z } from 'zod';
import { all, one, type Sql } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import type { Actor } from '../../policy/index.ts';
import { recordAudit } from '../audit/index.ts';
import { DomainError } from '../errors.ts';
import type { AgencyKind, AgencyLevel } from '../../../shared/domain.ts';
import type { createAgencyInput, retireAgencyInput, updateAgencyInput } from '../../../shared/schemas.ts';
import { localDate } from '../../../shared/format.ts';
import { headTitleOf } from '../../../shared/signature-block.ts';

export interface Agency {
  id: string; nameVi: string; nameEn: string; shortName: string; kind: AgencyKind; level: AgencyLevel;
  parentId: string | null; validFrom: string; validTo: string | null; successorId: string | null;
  /** The title of its head, in capitals (CHÁNH ÁN, VIỆN TRƯỞNG…): what its signatures are written under. */
  headTitle: string;
}

const COLUMNS = 'id, name_vi, name_en, short_name, kind, level, parent_id, valid_from, valid_to, successor_id, head_title';

function toAgency(row: Record<string, unknown>): Agency {
  return {
    id: String(row.id), nameVi: String(row.name_vi), nameEn: String(row.name_en), shortName: String(row.short_name),
    kind: row.kind as AgencyKind, level: row.level as AgencyLevel, parentId: (row.parent_id as string | null) ?? null,
    validFrom: String(row.valid_from), validTo: (row.valid_to as string | null) ?? null, successorId: (row.successor_id as string | null) ?? null,
    headTitle: String(row.head_title ?? ''),
  };
}

export async function listAgencies(sql: Sql): Promise<Agency[]> {
  return (await all(sql, `SELECT ${COLUMNS} FROM agencies ORDER BY level, name_vi`)).map(toAgency);
}

export async function getAgency(sql: Sql, id: string): Promise<Agency | undefined> {
  const row = await one(sql, `SELECT ${COLUMNS} FROM agencies WHERE id = ?`, [id]);
  return row && toAgency(row);
}

export function isActive(agency: Agency, on = localDate()): boolean {
  return agency.validFrom <= on && (agency.validTo === null || agency.validTo > on);
}

/** Fails unless `id` names an agency that still exists today. */
export async function requireActiveAgency(sql: Sql, id: string): Promise<Agency> {
  const agency = await getAgency(sql, id);
  if (!agency) throw new DomainError('BAD_REQUEST', 'unknownAgency');
  if (!isActive(agency)) throw new DomainError('BAD_REQUEST', 'agencyRetired');
  return agency;
}

async function checkParent(sql: Sql, id: string | null, parentId: string | null): Promise<void> {
  if (parentId === null) return;
  await requireActiveAgency(sql, parentId);
  // Walk up from the new parent: meeting `id` on the way means a cycle.
  for (let cursor: string | null = parentId; cursor !== null;) {
    if (cursor === id) throw new DomainError('BAD_REQUEST', 'agencyCycle');
    cursor = (await one<{ parent_id: string | null }>(sql, 'SELECT parent_id FROM agencies WHERE id = ?', [cursor]))?.parent_id ?? null;
  }
}

export async function createAgency(tx: Transaction, actor: Actor, input: z.infer<typeof createAgencyInput>): Promise<Agency> {
  await checkParent(tx, null, input.parentId);
  const id = newId();
  await tx.execute({
    sql: `INSERT INTO agencies (id, name_vi, name_en, short_name, kind, level, parent_id, valid_from, head_title, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [id, input.nameVi, input.nameEn, input.shortName, input.kind, input.level, input.parentId, input.validFrom, headTitleOf(input), new Date().toISOString()],
  });
  await recordAudit(tx, actor, { entity: 'agency', entityId: id, action: 'create', summary: { nameVi: input.nameVi } });
  return (await getAgency(tx, id))!;
}

export async function updateAgency(tx: Transaction, actor: Actor, input: z.infer<typeof updateAgencyInput>): Promise<Agency> {
  const before = await getAgency(tx, input.id);
  if (!before) throw new DomainError('NOT_FOUND', 'notFound');
  await checkParent(tx, input.id, input.parentId);
  await tx.execute({
    sql: `UPDATE agencies SET name_vi = ?, name_en = ?, short_name = ?, kind = ?, level = ?, parent_id = ?, valid_from = ?, head_title = ? WHERE id = ?`,
    args: [input.nameVi, input.nameEn, input.shortName, input.kind, input.level, input.parentId, input.validFrom, headTitleOf(input), input.id],
  });
  const after = { ...input, headTitle: headTitleOf(input) };
  const changed = Object.fromEntries(
    (['nameVi', 'nameEn', 'shortName', 'kind', 'level', 'parentId', 'validFrom', 'headTitle'] as const)
      .filter((key) => before[key] !== after[key]).map((key) => [key, { from: before[key], to: after[key] }]),
  );
  await recordAudit(tx, actor, { entity: 'agency', entityId: input.id, action: 'update', summary: changed });
  return (await getAgency(tx, input.id))!;
}

/** A merger or a rename: the agency ends on `date`; its successor carries on. */
export async function retireAgency(tx: Transaction, actor: Actor, input: z.infer<typeof retireAgencyInput>): Promise<Agency> {
  const agency = await getAgency(tx, input.id);
  if (!agency) throw new DomainError('NOT_FOUND', 'notFound');
  if (agency.validTo !== null) throw new DomainError('CONFLICT', 'agencyRetired');
  if (input.successorId === input.id) throw new DomainError('BAD_REQUEST', 'successorSelf');
  if (input.successorId !== null) await requireActiveAgency(tx, input.successorId);
  if (input.date < agency.validFrom) throw new DomainError('BAD_REQUEST', 'invalidInput');
  await tx.execute({ sql: 'UPDATE agencies SET valid_to = ?, successor_id = ? WHERE id = ?', args: [input.date, input.successorId, input.id] });
  await recordAudit(tx, actor, { entity: 'agency', entityId: input.id, action: 'retire', summary: { date: input.date, successorId: input.successorId } });
  return (await getAgency(tx, input.id))!;
}

