/**
 * The minutes as agencies issue them: each invited agency confirms the draft (or remarks on it)
 * before the chair approves; the approval allocates the biên bản's number and keeps version 1; a
 * correction after approval is a new numbered version with its reason, the earlier ones kept.
 */
import type { Transaction } from '@libsql/client';
import type { z } from 'zod';
import { all, one, type Sql } from '../../db/client.ts';
import { can, type Actor } from '../../policy/index.ts';
import { recordAudit } from '../audit/index.ts';
import { DomainError } from '../errors.ts';
import { localDate } from '../../../shared/format.ts';
import type { MinutesBlock } from '../../../shared/minutes.ts';
import type { confirmMinutesInput, correctMinutesInput, editConclusionInput, heldTimesInput } from '../../../shared/schemas.ts';
import { requireOpenMinutes, type MeetingSummary } from './index.ts';

// ---------------------------------------------------------------------------------------------
// Co-confirmation of the draft

export type ConfirmationState = 'confirmed' | 'remark' | 'pending';

export interface AgencyConfirmation {
  agencyId: string; agencyName: string; agencyShortName: string; state: ConfirmationState; remark: string;
  byName: string | null; at: string | null;
}

/** The agencies that confirm: those invited, the chair's own aside (its chair approves). */
export function confirmingAgencyIds(meeting: MeetingSummary): string[] {
  return meeting.invitedAgencyIds.filter((id) => id !== meeting.chairAgencyId);
}

/** Each confirming agency's answer on the draft, in the order of their short names. */
export async function confirmationsOf(sql: Sql, meeting: MeetingSummary): Promise<AgencyConfirmation[]> {
  const ids = confirmingAgencyIds(meeting);
  if (ids.length === 0) return [];
  const rows = await all(sql, `
    SELECT a.id, a.name_vi, a.short_name, c.state, c.remark, c.at, u.name AS by_name
      FROM agencies a
      LEFT JOIN meeting_confirmations c ON c.agency_id = a.id AND c.meeting_id = ?
      LEFT JOIN users u ON u.id = c.user_id
     WHERE a.id IN (${ids.map(() => '?').join(', ')}) ORDER BY a.short_name`, [meeting.id, ...ids]);
  return rows.map((r) => ({
    agencyId: String(r.id), agencyName: String(r.name_vi), agencyShortName: String(r.short_name),
    state: (r.state as ConfirmationState | null) ?? 'pending', remark: String(r.remark ?? ''),
    byName: (r.by_name as string | null) ?? null, at: (r.at as string | null) ?? null,
  }));
}

/**
 * Whether the actor answers for their agency on this meeting's draft: a member of a confirming
 * agency who is on the invitation list (by name, through the agency, or as someone's delegate).
 */
export async function representsAgency(sql: Sql, actor: Actor, meeting: MeetingSummary): Promise<boolean> {
  const invited = Boolean(await one(sql, 'SELECT 1 AS ok FROM meeting_invitees WHERE meeting_id = ? AND user_id = ?', [meeting.id, actor.id]));
  return can(actor, 'meeting.confirmMinutes', { meeting, invited });
}

/** When the meeting began: the actual start the chair recorded, else the scheduled one. */
export function startedAt(meeting: MeetingSummary): string {
  return meeting.heldFrom ?? meeting.startsAt;
}

export async function confirmDraft(tx: Transaction, actor: Actor, meeting: MeetingSummary, input: z.infer<typeof confirmMinutesInput>): Promise<void> {
  requireOpenMinutes(meeting);
  if (Date.parse(startedAt(meeting)) > Date.now()) throw new DomainError('CONFLICT', 'minutesNotStarted');
  if (!(await representsAgency(tx, actor, meeting))) throw new DomainError('FORBIDDEN', 'notRepresentative');
  const remark = input.state === 'remark' ? input.remark : '';
  await tx.execute({
    sql: `INSERT INTO meeting_confirmations (meeting_id, agency_id, user_id, state, remark, at) VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT (meeting_id, agency_id) DO UPDATE SET user_id = excluded.user_id, state = excluded.state, remark = excluded.remark, at = excluded.at`,
    args: [meeting.id, actor.agency.id, actor.id, input.state, remark, new Date().toISOString()],
  });
  await recordAudit(tx, actor, {
    entity: 'meeting', entityId: meeting.id, action: input.state === 'confirmed' ? 'confirm_minutes' : 'remark_minutes',
    summary: { agencyId: actor.agency.id, ...(remark ? { remark } : {}) },
  });
}

// ---------------------------------------------------------------------------------------------
// The biên bản's number

/** The agency's code in "Số: 12/BB-<code>": its short name's capitalised abbreviations ("THADS Phú Thọ" → "THADS"), else its initials. */
export function agencyCode(shortName: string): string {
  const plain = shortName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
  const words = plain.split(/[\s.,;:/-]+/).filter(Boolean);
  const caps = words.filter((w) => w.length >= 2 && /^[A-Z0-9]+$/.test(w) && /[A-Z]/.test(w));
  const code = caps.length ? caps.join('-') : words.map((w) => w[0]!.toUpperCase()).join('');
  return code.replace(/[^A-Z0-9-]/g, '') || 'CQ';
}

/** Allocates the next number of the issuing agency's year, inside the approval's transaction (unique index behind it). */
export async function allocateMinutesNumber(tx: Transaction, meeting: MeetingSummary, approvedAt: string): Promise<{ number: number; year: number; code: string }> {
  const year = Number(localDate(approvedAt).slice(0, 4));
  const row = await one<{ n: number | null }>(tx,
    'SELECT max(minutes_number) AS n FROM meetings WHERE chair_agency_id = ? AND minutes_year = ?', [meeting.chairAgencyId, year]);
  const number = Number(row?.n ?? 0) + 1;
  const code = agencyCode(meeting.chairAgencyShortName);
  await tx.execute({
    sql: 'UPDATE meetings SET minutes_number = ?, minutes_year = ?, minutes_code = ? WHERE id = ? AND minutes_number IS NULL',
    args: [number, year, code, meeting.id],
  });
  return { number, year, code };
}

// ---------------------------------------------------------------------------------------------
// Actual times

export async function setHeldTimes(tx: Transaction, actor: Actor, meeting: MeetingSummary, input: z.infer<typeof heldTimesInput>): Promise<void> {
  requireOpenMinutes(meeting);
  const heldFrom = new Date(input.heldFrom).toISOString();
  const heldUntil = new Date(input.heldUntil).toISOString();
  if (Date.parse(heldFrom) > Date.now() || Date.parse(heldUntil) - Date.parse(heldFrom) > 24 * 3600_000) {
    throw new DomainError('BAD_REQUEST', 'heldTimesInvalid');
  }
  await tx.execute({
    sql: 'UPDATE meetings SET held_from = ?, held_until = ?, updated_at = ? WHERE id = ?',
    args: [heldFrom, heldUntil, new Date().toISOString(), meeting.id],
  });
  await recordAudit(tx, actor, {
    entity: 'meeting', entityId: meeting.id, action: 'held_times',
    summary: { before: { heldFrom: meeting.heldFrom, heldUntil: meeting.heldUntil }, after: { heldFrom, heldUntil } },
  });
}

// ---------------------------------------------------------------------------------------------
// Conclusions

async function conclusionOf(sql: Sql, meetingId: string, conclusionId: string): Promise<{ id: string; text: string }> {
  const row = await one<{ id: string; text: string }>(sql, 'SELECT id, text FROM meeting_conclusions WHERE id = ? AND meeting_id = ?', [conclusionId, meetingId]);
  if (!row) throw new DomainError('BAD_REQUEST', 'unknownConclusion');
  return row;
}

/** Before approval the chair or secretary edit a conclusion's text freely (audited with before and after). */
export async function editConclusion(tx: Transaction, actor: Actor, meeting: MeetingSummary, input: z.infer<typeof editConclusionInput>): Promise<void> {
  requireOpenMinutes(meeting);
  const before = await conclusionOf(tx, meeting.id, input.conclusionId);
  if (before.text === input.text) return;
  await tx.execute({ sql: 'UPDATE meeting_conclusions SET text = ?, updated_at = ? WHERE id = ?', args: [input.text, new Date().toISOString(), before.id] });
  await recordAudit(tx, actor, {
    entity: 'meeting', entityId: meeting.id, action: 'edit_conclusion', summary: { conclusionId: before.id, before: before.text, after: input.text },
  });
}

// ---------------------------------------------------------------------------------------------
// Versions

export interface ConclusionSnapshot { id: string; agendaItemId: string | null; text: string }

export interface MinutesVersion {
  version: number; minutes: MinutesBlock[]; conclusions: ConclusionSnapshot[]; reason: string; createdBy: string; createdAt: string;
}

function toVersion(row: Record<string, unknown>): MinutesVersion {
  return {
    version: Number(row.version), minutes: JSON.parse(String(row.minutes)) as MinutesBlock[],
    conclusions: JSON.parse(String(row.conclusions)) as ConclusionSnapshot[], reason: String(row.reason),
    createdBy: String(row.created_by_name ?? ''), createdAt: String(row.created_at),
  };
}

const VERSION_SELECT = `SELECT v.version, v.minutes, v.conclusions, v.reason, v.created_at, u.name AS created_by_name
  FROM meeting_minutes_versions v JOIN users u ON u.id = v.created_by`;

export async function listMinutesVersions(sql: Sql, meetingId: string): Promise<MinutesVersion[]> {
  return (await all(sql, `${VERSION_SELECT} WHERE v.meeting_id = ? ORDER BY v.version`, [meetingId])).map(toVersion);
}

/** A version of the approved minutes; the latest when `version` is null. NOT_FOUND for one that does not exist. */
export async function minutesVersion(sql: Sql, meetingId: string, version: number | null): Promise<MinutesVersion> {
  const row = version === null
    ? await one(sql, `${VERSION_SELECT} WHERE v.meeting_id = ? ORDER BY v.version DESC LIMIT 1`, [meetingId])
    : await one(sql, `${VERSION_SELECT} WHERE v.meeting_id = ? AND v.version = ?`, [meetingId, version]);
  if (!row) throw new DomainError('NOT_FOUND', 'unknownMinutesVersion', { version: version ?? 1 });
  return toVersion(row);
}

async function conclusionsNow(sql: Sql, meetingId: string): Promise<ConclusionSnapshot[]> {
  const rows = await all<{ id: string; agenda_item_id: string | null; text: string }>(sql,
    'SELECT id, agenda_item_id, text FROM meeting_conclusions WHERE meeting_id = ? ORDER BY created_at, id', [meetingId]);
  return rows.map((r) => ({ id: r.id, agendaItemId: r.agenda_item_id, text: r.text }));
}

async function insertVersion(tx: Transaction, actor: Actor, meetingId: string, version: number, minutes: MinutesBlock[], reason: string, at: string) {
  await tx.execute({
    sql: `INSERT INTO meeting_minutes_versions (meeting_id, version, minutes, conclusions, reason, created_by, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?)`,
    args: [meetingId, version, JSON.stringify(minutes), JSON.stringify(await conclusionsNow(tx, meetingId)), reason, actor.id, at],
  });
}

/** Version 1, written by the approval in its transaction. */
export function insertFirstVersion(tx: Transaction, actor: Actor, meetingId: string, minutes: MinutesBlock[], at: string): Promise<void> {
  return insertVersion(tx, actor, meetingId, 1, minutes, '', at);
}

/**
 * A correction of approved minutes: the text and the conclusions as corrected become version n + 1;
 * earlier versions stay as they were. The approval (its date and number) is unchanged.
 */
export async function correctMinutes(tx: Transaction, actor: Actor, meeting: MeetingSummary, input: z.infer<typeof correctMinutesInput>): Promise<number> {
  if (meeting.status !== 'approved') throw new DomainError('CONFLICT', 'minutesNotApproved');
  const latest = await minutesVersion(tx, meeting.id, null);
  if (input.expectedVersion !== undefined && input.expectedVersion !== latest.version) {
    throw new DomainError('CONFLICT', 'minutesVersionChanged', { version: latest.version });
  }
  const now = new Date().toISOString();
  const changed: { conclusionId: string; before: string; after: string }[] = [];
  for (const edit of input.conclusions) {
    const before = await conclusionOf(tx, meeting.id, edit.id);
    if (before.text === edit.text) continue;
    await tx.execute({ sql: 'UPDATE meeting_conclusions SET text = ?, updated_at = ? WHERE id = ?', args: [edit.text, now, edit.id] });
    changed.push({ conclusionId: edit.id, before: before.text, after: edit.text });
  }
  const minutes = input.minutes.map((b) => ({ kind: b.kind, text: b.text }));
  const version = latest.version + 1;
  await insertVersion(tx, actor, meeting.id, version, minutes, input.reason, now);
  const text = JSON.stringify(minutes);
  await tx.execute({ sql: 'UPDATE meetings SET approved_minutes = ?, updated_at = ? WHERE id = ?', args: [text, now, meeting.id] });
  await recordAudit(tx, actor, {
    entity: 'meeting', entityId: meeting.id, action: 'correct_minutes',
    summary: { version, reason: input.reason, textChanged: text !== JSON.stringify(latest.minutes), conclusions: changed },
  });
  return version;
}
