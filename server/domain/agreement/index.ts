/** Agreements (quy chế phối hợp): the record around the live text. */
import type { Transaction } from '@libsql/client';
import type { z } from 'zod';
import { all, one, type Sql } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import type { Actor, AgreementScope } from '../../policy/index.ts';
import { visibleAgreement } from '../../policy/scopes.ts';
import { recordAudit } from '../audit/index.ts';
import { requireActiveAgency } from '../agency/index.ts';
import type { AgreementStatus } from '../../../shared/domain.ts';
import type { createAgreementInput, updateAgreementInput } from '../../../shared/schemas.ts';
import { DomainError } from '../errors.ts';
import type { LiveDocuments } from '../live-documents.ts';
import { blankAgreementJSON, legalJSONToYUpdate } from '../../../shared/legal/demo-text.ts';
import { docName } from '../../../shared/collab.ts';
import type { LegalNodeJSON } from '../../../shared/legal/numbering.ts';

export interface AgreementSummary extends AgreementScope {
  id: string; title: string; docNumber: string; status: AgreementStatus;
  leadAgencyShortName: string; createdAt: string; updatedAt: string;
  /** The agreement this one amends (a new draft seeded with its signed text). */
  amendsAgreementId: string | null;
  consultationDeadline: string | null; effectiveDate: string | null;
  /** SHA-256 of the text put to signature, and the version row that keeps that text. */
  signingHash: string | null; signingVersionId: string | null; inForceAt: string | null;
}

const SELECT = `
  SELECT g.id, g.title, g.doc_number, g.lead_agency_id, l.short_name AS lead_short_name, g.status, g.created_at, g.updated_at,
         g.amends_agreement_id, g.consultation_deadline, g.effective_date, g.signing_hash, g.signing_version_id, g.in_force_at,
         (SELECT group_concat(agency_id) FROM agreement_parties p WHERE p.agreement_id = g.id) AS party_ids,
         (SELECT group_concat(u.id) FROM agencies u WHERE u.parent_id IN (SELECT agency_id FROM agreement_parties p WHERE p.agreement_id = g.id)) AS unit_ids
    FROM agreements g JOIN agencies l ON l.id = g.lead_agency_id`;

const nullable = (value: unknown) => (value as string | null) ?? null;

function toAgreement(row: Record<string, unknown>): AgreementSummary {
  return {
    id: String(row.id), title: String(row.title), docNumber: String(row.doc_number), status: row.status as AgreementStatus,
    leadAgencyId: String(row.lead_agency_id), leadAgencyShortName: String(row.lead_short_name),
    partyAgencyIds: row.party_ids ? String(row.party_ids).split(',') : [],
    unitAgencyIds: row.unit_ids ? String(row.unit_ids).split(',') : [],
    createdAt: String(row.created_at), updatedAt: String(row.updated_at),
    amendsAgreementId: nullable(row.amends_agreement_id), consultationDeadline: nullable(row.consultation_deadline),
    effectiveDate: nullable(row.effective_date), signingHash: nullable(row.signing_hash), signingVersionId: nullable(row.signing_version_id),
    inForceAt: nullable(row.in_force_at),
  };
}

/** The agreements the viewer may read (its agency takes part in them). */
export async function listVisibleAgreements(sql: Sql, viewer: Actor): Promise<AgreementSummary[]> {
  const rows = await all(sql, `${SELECT} WHERE ${visibleAgreement('g', '?1')} ORDER BY g.updated_at DESC`, [viewer.agency.id]);
  return rows.map(toAgreement);
}

export async function getAgreement(sql: Sql, id: string): Promise<AgreementSummary | undefined> {
  const row = await one(sql, `${SELECT} WHERE g.id = ?`, [id]);
  return row && toAgreement(row);
}

/**
 * The creator's agency leads the drafting and is always a party. The live text is `text` (an
 * imported one) or a blank one.
 */
export async function createAgreement(
  tx: Transaction, live: Pick<LiveDocuments, 'create'>, actor: Actor, input: z.infer<typeof createAgreementInput>, text?: LegalNodeJSON,
): Promise<AgreementSummary> {
  const parties = [...new Set([actor.agency.id, ...input.partyAgencyIds])];
  for (const agencyId of parties) await requireActiveAgency(tx, agencyId);
  const id = newId();
  const now = new Date().toISOString();
  await tx.execute({
    sql: `INSERT INTO agreements (id, title, doc_number, lead_agency_id, status, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, 'draft', ?, ?, ?)`,
    args: [id, input.title, input.docNumber, actor.agency.id, actor.id, now, now],
  });
  for (const agencyId of parties) {
    await tx.execute({ sql: 'INSERT INTO agreement_parties (agreement_id, agency_id) VALUES (?, ?)', args: [id, agencyId] });
  }
  await live.create(tx, docName('agreement', id), legalJSONToYUpdate(text ?? blankAgreementJSON(input.title)));
  await recordAudit(tx, actor, { entity: 'agreement', entityId: id, action: 'create', summary: { title: input.title, parties } });
  return (await getAgreement(tx, id))!;
}

/** New title, number or parties. The lead agency stays a party. */
export async function updateAgreement(
  tx: Transaction, actor: Actor, before: AgreementSummary, input: z.infer<typeof updateAgreementInput>,
): Promise<AgreementSummary> {
  const parties = [...new Set(input.partyAgencyIds)];
  if (!parties.includes(before.leadAgencyId)) throw new DomainError('BAD_REQUEST', 'leadNotParty');
  for (const agencyId of parties) if (!before.partyAgencyIds.includes(agencyId)) await requireActiveAgency(tx, agencyId);
  await tx.execute({
    sql: 'UPDATE agreements SET title = ?, doc_number = ?, updated_at = ? WHERE id = ?',
    args: [input.title, input.docNumber, new Date().toISOString(), before.id],
  });
  await tx.execute({ sql: 'DELETE FROM agreement_parties WHERE agreement_id = ?', args: [before.id] });
  for (const agencyId of parties) {
    await tx.execute({ sql: 'INSERT INTO agreement_parties (agreement_id, agency_id) VALUES (?, ?)', args: [before.id, agencyId] });
  }
  await recordAudit(tx, actor, {
    entity: 'agreement', entityId: before.id, action: 'update',
    summary: { title: input.title, docNumber: input.docNumber, parties: { from: before.partyAgencyIds, to: parties } },
  });
  return (await getAgreement(tx, before.id))!;
}

/** The drafting team: legal staff of the party agencies. */
export async function draftersOf(sql: Sql, agreement: AgreementScope) {
  const agencies = [...new Set([agreement.leadAgencyId, ...agreement.partyAgencyIds])];
  const rows = await all(sql, `
    SELECT u.id, u.name, u.title, u.agency_id, a.short_name
      FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'legal_staff' JOIN agencies a ON a.id = u.agency_id
     WHERE u.disabled_at IS NULL AND u.agency_id IN (${agencies.map(() => '?').join(', ')})
     ORDER BY a.short_name, u.name`, agencies);
  return rows.map((row) => ({ id: String(row.id), name: String(row.name), title: String(row.title), agencyId: String(row.agency_id), agencyShortName: String(row.short_name) }));
}
