/**
 * Dissemination (quán triệt), the step after signing: each party records how it made the agreement
 * known (a conference, a letter, online; its date, the units reached, a note, a file), and each of
 * its subordinate units (agencies whose parent is the party) acknowledges it. The view shows, for
 * every party and its units, who has and who has not.
 */
import type { Transaction } from '@libsql/client';
import type { z } from 'zod';
import { all, one, type Sql } from '../../db/client.ts';
import { can, type Actor } from '../../policy/index.ts';
import { recordAudit } from '../audit/index.ts';
import { DomainError } from '../errors.ts';
import type { AgreementSummary } from '../agreement/index.ts';
import { partiesOf } from '../agreement/lifecycle.ts';
import { localDate } from '../../../shared/format.ts';
import type { DisseminationForm, disseminationInput } from '../../../shared/lifecycle.ts';

export interface Unit { id: string; nameVi: string; shortName: string; parentId: string }

/** The active subordinate units of the given agencies. */
export async function unitsOf(sql: Sql, parentIds: readonly string[]): Promise<Unit[]> {
  if (parentIds.length === 0) return [];
  const today = localDate();
  const rows = await all(sql, `
    SELECT id, name_vi, short_name, parent_id FROM agencies
     WHERE parent_id IN (${parentIds.map(() => '?').join(', ')}) AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)
     ORDER BY short_name`, [...parentIds, today, today]);
  return rows.map((row) => ({ id: String(row.id), nameVi: String(row.name_vi), shortName: String(row.short_name), parentId: String(row.parent_id) }));
}

export async function unitOf(sql: Sql, agencyId: string): Promise<{ id: string; parentId: string | null; nameVi: string } | undefined> {
  const row = await one<{ id: string; parent_id: string | null; name_vi: string }>(sql, 'SELECT id, parent_id, name_vi FROM agencies WHERE id = ?', [agencyId]);
  return row && { id: row.id, parentId: row.parent_id, nameVi: row.name_vi };
}

/** A party's record, given again, replaces the previous one (with the units it reached). */
export async function recordDissemination(tx: Transaction, actor: Actor, agreement: AgreementSummary, input: z.infer<typeof disseminationInput>): Promise<void> {
  if (input.heldOn > localDate()) throw new DomainError('BAD_REQUEST', 'disseminationDateInFuture');
  const own = new Map((await unitsOf(tx, [actor.agency.id])).map((u) => [u.id, u]));
  for (const unitId of input.unitIds) {
    if (!own.has(unitId)) {
      const unit = await unitOf(tx, unitId);
      const party = await unitOf(tx, actor.agency.id);
      throw new DomainError('BAD_REQUEST', 'notSubordinateUnit', { unit: unit?.nameVi ?? unitId, agency: party?.nameVi ?? '' });
    }
  }
  if (input.attachmentId) {
    const file = await one(tx, `SELECT 1 FROM attachments WHERE id = ? AND target_kind = 'agreement' AND target_id = ?`, [input.attachmentId, agreement.id]);
    if (!file) throw new DomainError('BAD_REQUEST', 'disseminationAttachmentInvalid');
  }
  const now = new Date().toISOString();
  await tx.execute({
    sql: `INSERT INTO agreement_disseminations (agreement_id, agency_id, held_on, form, participants, note, attachment_id, recorded_by, recorded_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (agreement_id, agency_id) DO UPDATE SET held_on = excluded.held_on, form = excluded.form, participants = excluded.participants,
            note = excluded.note, attachment_id = excluded.attachment_id, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
    args: [agreement.id, actor.agency.id, input.heldOn, input.form, input.participants, input.note, input.attachmentId, actor.id, now],
  });
  await tx.execute({ sql: 'DELETE FROM agreement_dissemination_units WHERE agreement_id = ? AND agency_id = ?', args: [agreement.id, actor.agency.id] });
  for (const unitId of new Set(input.unitIds)) {
    await tx.execute({ sql: 'INSERT INTO agreement_dissemination_units (agreement_id, agency_id, unit_id) VALUES (?, ?, ?)', args: [agreement.id, actor.agency.id, unitId] });
  }
  await recordAudit(tx, actor, {
    entity: 'agreement', entityId: agreement.id, action: 'disseminate',
    summary: { agencyId: actor.agency.id, heldOn: input.heldOn, form: input.form, units: input.unitIds.length },
  });
}

/** The unit acknowledges, once its parent party has recorded its dissemination. */
export async function acknowledge(tx: Transaction, actor: Actor, agreement: AgreementSummary, unit: { id: string; parentId: string }): Promise<void> {
  const parent = await unitOf(tx, unit.parentId);
  if (!(await one(tx, 'SELECT 1 FROM agreement_disseminations WHERE agreement_id = ? AND agency_id = ?', [agreement.id, unit.parentId]))) {
    throw new DomainError('CONFLICT', 'disseminationNotRecorded', { agency: parent?.nameVi ?? '' });
  }
  if (await one(tx, 'SELECT 1 FROM agreement_dissemination_acks WHERE agreement_id = ? AND unit_id = ?', [agreement.id, unit.id])) {
    throw new DomainError('CONFLICT', 'alreadyAcknowledged');
  }
  await tx.execute({
    sql: 'INSERT INTO agreement_dissemination_acks (agreement_id, unit_id, acknowledged_by, acknowledged_at) VALUES (?, ?, ?, ?)',
    args: [agreement.id, unit.id, actor.id, new Date().toISOString()],
  });
  await recordAudit(tx, actor, { entity: 'agreement', entityId: agreement.id, action: 'acknowledge_dissemination', summary: { unitId: unit.id } });
}

/** For every party: its record (or none) and each of its units, reached or not, acknowledged or not. */
export async function disseminationView(sql: Sql, actor: Actor, agreement: AgreementSummary) {
  const parties = await partiesOf(sql, agreement);
  const own = await unitOf(sql, actor.agency.id);
  const [units, records, reached, acks] = await Promise.all([
    unitsOf(sql, parties.map((p) => p.id)),
    all(sql, `
      SELECT d.agency_id, d.held_on, d.form, d.participants, d.note, d.attachment_id, f.name AS attachment_name, u.name AS recorded_by_name, d.recorded_at
        FROM agreement_disseminations d JOIN users u ON u.id = d.recorded_by LEFT JOIN attachments f ON f.id = d.attachment_id
       WHERE d.agreement_id = ?`, [agreement.id]),
    all(sql, 'SELECT agency_id, unit_id FROM agreement_dissemination_units WHERE agreement_id = ?', [agreement.id]),
    all(sql, `
      SELECT a.unit_id, u.name AS by_name, a.acknowledged_at FROM agreement_dissemination_acks a JOIN users u ON u.id = a.acknowledged_by
       WHERE a.agreement_id = ?`, [agreement.id]),
  ]);
  return {
    parties: parties.map((party) => {
      const record = records.find((r) => r.agency_id === party.id);
      return {
        id: party.id, shortName: party.shortName, nameVi: party.nameVi,
        record: record ? {
          heldOn: String(record.held_on), form: record.form as DisseminationForm, participants: Number(record.participants), note: String(record.note),
          attachmentId: (record.attachment_id as string | null) ?? null, attachmentName: (record.attachment_name as string | null) ?? null,
          recordedByName: String(record.recorded_by_name), recordedAt: String(record.recorded_at),
        } : null,
        units: units.filter((u) => u.parentId === party.id).map((unit) => {
          const ack = acks.find((a) => a.unit_id === unit.id);
          return {
            id: unit.id, shortName: unit.shortName, nameVi: unit.nameVi,
            reached: reached.some((r) => r.agency_id === party.id && r.unit_id === unit.id),
            acknowledgement: ack ? { byName: String(ack.by_name), at: String(ack.acknowledged_at) } : null,
          };
        }),
      };
    }),
    ownAgencyId: actor.agency.id,
    rights: {
      record: can(actor, 'agreement.recordDissemination', { agreement, agencyId: actor.agency.id }),
      acknowledge: own !== undefined && own.parentId !== null && can(actor, 'agreement.acknowledgeDissemination', { agreement, unit: own })
        && !acks.some((a) => a.unit_id === own.id) && records.some((r) => r.agency_id === own.parentId),
    },
  };
}
