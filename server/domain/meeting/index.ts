/** Joint inter-agency meetings (họp liên ngành) and working-group visits, from scheduling to approved minutes. */
import type { Transaction } from '@libsql/client';
import type { z } from 'zod';
import { all, one, type Sql } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import type { Actor, MeetingScope } from '../../policy/index.ts';
import { can } from '../../policy/index.ts';
import { visibleMeeting } from '../../policy/scopes.ts';
import { recordAudit } from '../audit/index.ts';
import { requireActiveAgency } from '../agency/index.ts';
import { getCase } from '../case/index.ts';
import { insertActionItem } from '../action-item/index.ts';
import { notifyMeeting } from './notices.ts';
import { DomainError } from '../errors.ts';
import type { MeetingKind } from '../../../shared/domain.ts';
import type { answerInvitationInput, attendanceInput, conclusionInput, meetingInput } from '../../../shared/schemas.ts';
import { localDate } from '../../../shared/format.ts';
import type { LiveDocuments } from '../live-documents.ts';
import { minutesJSONToYUpdate, minutesTemplateJSON, type MinutesBlock } from '../../../shared/minutes.ts';
import { allocateMinutesNumber, insertFirstVersion } from './minutes.ts';
import { docName } from '../../../shared/collab.ts';

export type MeetingStatus = 'scheduled' | 'cancelled' | 'approved';

export interface MeetingSummary extends MeetingScope {
  id: string; kind: MeetingKind; title: string; chairName: string; chairEmail: string; chairAgencyShortName: string;
  startsAt: string; endsAt: string; place: string; onlineUrl: string; status: MeetingStatus; sequence: number;
  secretaryUserId: string | null; cancelledReason: string; updatedAt: string;
  /** The actual times the chair recorded (null until then: the scheduled ones stand in). */
  heldFrom: string | null; heldUntil: string | null;
  /** "12/BB-THADS" once approved, allocated at the approval; null before. */
  minutesNumber: string | null;
}

const SELECT = `
  SELECT m.id, m.kind, m.title, m.chair_user_id, u.name AS chair_name, u.email AS chair_email, m.chair_agency_id, a.short_name AS chair_short_name,
         m.starts_at, m.ends_at, m.place, m.online_url, m.status, m.sequence, m.secretary_user_id, m.cancelled_reason,
         coalesce(m.updated_at, m.created_at) AS updated_at, m.held_from, m.held_until, m.minutes_number, m.minutes_code,
         (SELECT group_concat(agency_id) FROM meeting_agencies i WHERE i.meeting_id = m.id) AS invited_ids
    FROM meetings m JOIN users u ON u.id = m.chair_user_id JOIN agencies a ON a.id = m.chair_agency_id`;

function toMeeting(row: Record<string, unknown>): MeetingSummary {
  return {
    id: String(row.id), kind: row.kind as MeetingKind, title: String(row.title),
    chairUserId: String(row.chair_user_id), chairName: String(row.chair_name), chairEmail: String(row.chair_email),
    chairAgencyId: String(row.chair_agency_id), chairAgencyShortName: String(row.chair_short_name),
    startsAt: String(row.starts_at), endsAt: String(row.ends_at), place: String(row.place), onlineUrl: String(row.online_url),
    status: row.status as MeetingStatus, sequence: Number(row.sequence), secretaryUserId: (row.secretary_user_id as string | null) ?? null,
    cancelledReason: String(row.cancelled_reason), updatedAt: String(row.updated_at),
    heldFrom: (row.held_from as string | null) ?? null, heldUntil: (row.held_until as string | null) ?? null,
    minutesNumber: row.minutes_number === null || row.minutes_number === undefined ? null : `${Number(row.minutes_number)}/BB-${String(row.minutes_code)}`,
    invitedAgencyIds: row.invited_ids ? String(row.invited_ids).split(',') : [],
  };
}

/** Meetings the viewer may read (its agency chairs or is invited); with a range, those overlapping it. */
export async function listVisibleMeetings(sql: Sql, viewer: Actor, range?: { from: string; to: string }): Promise<MeetingSummary[]> {
  const rows = await all(sql, `${SELECT}
    WHERE ${visibleMeeting('m', '?1')} AND (?2 IS NULL OR m.ends_at >= ?2) AND (?3 IS NULL OR m.starts_at < ?3)
    ORDER BY m.starts_at`, [viewer.agency.id, range?.from ?? null, range?.to ?? null]);
  return rows.map(toMeeting);
}

/**
 * Meetings a person is asked to (invited by name, chairing, or keeping the minutes) that they may
 * still read (someone who moved to another agency no longer sees its meetings), ending at `since`
 * or later, the first `limit` by start.
 */
export async function listMeetingsOfUser(sql: Sql, user: { id: string; agencyId: string }, since: string, limit: number): Promise<MeetingSummary[]> {
  const rows = await all(sql, `${SELECT}
    WHERE (m.chair_user_id = ?1 OR m.secretary_user_id = ?1
       OR EXISTS (SELECT 1 FROM meeting_invitees i WHERE i.meeting_id = m.id AND i.user_id = ?1))
      AND ${visibleMeeting('m', '?2')} AND m.ends_at >= ?3
    ORDER BY m.starts_at LIMIT ?4`, [user.id, user.agencyId, since, limit]);
  return rows.map(toMeeting);
}

export async function getMeeting(sql: Sql, id: string): Promise<MeetingSummary | undefined> {
  const row = await one(sql, `${SELECT} WHERE m.id = ?`, [id]);
  return row && toMeeting(row);
}

/** Everything on the meeting page: invitees and answers, agenda, attendance, conclusions with the work they assign. */
export async function meetingDetails(sql: Sql, id: string) {
  const [invitees, agenda, attendance, conclusions, assignments] = await Promise.all([
    all(sql, `SELECT i.user_id, u.name, u.title, u.agency_id, a.short_name, i.answer, i.delegate_name, i.delegate_user_id, i.answered_at,
                     i.delegated_by, d.name AS delegated_by_name
                FROM meeting_invitees i JOIN users u ON u.id = i.user_id JOIN agencies a ON a.id = u.agency_id
                LEFT JOIN users d ON d.id = i.delegated_by
               WHERE i.meeting_id = ? ORDER BY a.short_name, u.name`, [id]),
    all(sql, `SELECT g.id, g.position, g.title, g.case_id, c.judgment_number
                FROM agenda_items g LEFT JOIN cases c ON c.id = g.case_id WHERE g.meeting_id = ? ORDER BY g.position`, [id]),
    all(sql, `SELECT t.id, t.agency_id, a.short_name, t.person, t.position, t.present
                FROM meeting_attendance t JOIN agencies a ON a.id = t.agency_id WHERE t.meeting_id = ? ORDER BY a.short_name, t.person`, [id]),
    all(sql, `SELECT c.id, c.agenda_item_id, c.text, c.created_at, u.name AS author
                FROM meeting_conclusions c JOIN users u ON u.id = c.created_by WHERE c.meeting_id = ? ORDER BY c.created_at`, [id]),
    all(sql, `SELECT i.id, i.conclusion_id, i.agency_id, a.short_name, i.title, i.due_date, i.status
                FROM action_items i JOIN agencies a ON a.id = i.agency_id WHERE i.meeting_id = ? AND i.conclusion_id IS NOT NULL
               ORDER BY i.due_date`, [id]),
  ]);
  return {
    invitees: invitees.map((r) => ({
      userId: String(r.user_id), name: String(r.name), title: String(r.title), agencyId: String(r.agency_id), agencyShortName: String(r.short_name),
      answer: r.answer as 'pending' | 'attend' | 'decline' | 'delegate', delegateName: String(r.delegate_name), answeredAt: (r.answered_at as string | null) ?? null,
      delegateUserId: (r.delegate_user_id as string | null) ?? null, delegatedByName: (r.delegated_by_name as string | null) ?? null,
    })),
    agenda: agenda.map((r) => ({
      id: String(r.id), position: Number(r.position), title: String(r.title), caseId: (r.case_id as string | null) ?? null,
      judgmentNumber: (r.judgment_number as string | null) ?? null,
    })),
    attendance: attendance.map((r) => ({
      id: String(r.id), agencyId: String(r.agency_id), agencyShortName: String(r.short_name), person: String(r.person),
      position: String(r.position), present: Boolean(r.present),
    })),
    conclusions: conclusions.map((r) => ({
      id: String(r.id), agendaItemId: (r.agenda_item_id as string | null) ?? null, text: String(r.text), createdAt: String(r.created_at),
      author: String(r.author),
      assignments: assignments.filter((a) => a.conclusion_id === r.id).map((a) => ({
        actionItemId: String(a.id), agencyId: String(a.agency_id), agencyShortName: String(a.short_name), title: String(a.title),
        dueDate: String(a.due_date), status: String(a.status),
      })),
    })),
  };
}

/** A person already busy then: the meeting is named only when the viewer may read it. */
export interface Conflict { userId: string; name: string; meetingId: string | null; title: string | null; startsAt: string; endsAt: string }

/**
 * People who already chair or are expected at a meeting overlapping [startsAt, endsAt) (not those
 * who declined or sent a delegate). A warning, not a refusal. A meeting the viewer may not read is
 * only "busy": no id, no title.
 */
export async function findConflicts(
  sql: Sql, viewer: Actor, userIds: readonly string[], startsAt: string, endsAt: string, exceptMeetingId: string | null,
): Promise<Conflict[]> {
  if (userIds.length === 0) return [];
  const placeholders = userIds.map(() => '?').join(', ');
  const rows = await all(sql, `
    SELECT p.user_id, u.name, m.id, m.title, m.starts_at, m.ends_at, ${visibleMeeting('m', '?')} AS visible
      FROM (SELECT meeting_id, user_id FROM meeting_invitees WHERE answer NOT IN ('decline', 'delegate')
            UNION SELECT id, chair_user_id FROM meetings) p
      JOIN meetings m ON m.id = p.meeting_id
      JOIN users u ON u.id = p.user_id
     WHERE p.user_id IN (${placeholders}) AND m.status != 'cancelled' AND m.id IS NOT ?
       AND m.starts_at < ? AND m.ends_at > ?
     ORDER BY m.starts_at`, [viewer.agency.id, viewer.agency.id, ...userIds, exceptMeetingId, endsAt, startsAt]);
  return rows.map((r) => {
    const visible = Boolean(r.visible);
    return {
      userId: String(r.user_id), name: String(r.name), meetingId: visible ? String(r.id) : null, title: visible ? String(r.title) : null,
      startsAt: String(r.starts_at), endsAt: String(r.ends_at),
    };
  });
}

/**
 * SQL: meeting `m` was held by the instant `now` (an SQL expression): not cancelled, and begun (its
 * recorded start, else its scheduled one). The one rule behind every count of meetings held: the
 * dashboard's activity and a review's figures.
 */
export function heldMeetingSql(m: string, now: string): string {
  return `(${m}.status <> 'cancelled' AND coalesce(${m}.held_from, ${m}.starts_at) <= ${now})`;
}

type MeetingInput = z.infer<typeof meetingInput>;

/** Checks a meeting's times, invitations and agenda against the register; returns the normalised times. */
async function checkMeeting(tx: Transaction, actor: Actor, input: MeetingInput, chairAgencyId: string, current?: MeetingSummary) {
  const startsAt = new Date(input.startsAt).toISOString();
  const endsAt = new Date(input.endsAt).toISOString();
  // A meeting under way can still have its title, place or secretary corrected; it cannot be moved into the past.
  const moved = !current || current.startsAt !== startsAt;
  // A meeting is scheduled ahead, or entered after the fact once it was held (then its time is past).
  if (input.heldAlready) {
    if (Date.parse(endsAt) > Date.now()) throw new DomainError('BAD_REQUEST', 'heldMeetingInFuture');
  } else if (moved && Date.parse(startsAt) < Date.now()) {
    throw new DomainError('BAD_REQUEST', 'meetingInPast');
  }
  if (Date.parse(endsAt) - Date.parse(startsAt) > 24 * 3600_000) throw new DomainError('BAD_REQUEST', 'meetingTooLong');
  const agencies = [...new Set(input.invitedAgencyIds)];
  for (const agencyId of agencies) await requireActiveAgency(tx, agencyId);
  for (const userId of new Set([...input.inviteeUserIds, ...(input.secretaryUserId ? [input.secretaryUserId] : [])])) {
    const user = await one<{ agency_id: string }>(tx, 'SELECT agency_id FROM users WHERE id = ? AND disabled_at IS NULL', [userId]);
    if (!user) throw new DomainError('BAD_REQUEST', 'unknownUser');
    if (user.agency_id !== chairAgencyId && !agencies.includes(user.agency_id)) throw new DomainError('BAD_REQUEST', 'inviteeNotInvitedAgency');
  }
  for (const item of input.agenda) {
    if (item.caseId === null) continue;
    const record = await getCase(tx, item.caseId);
    if (!record || !can(actor, 'case.read', record)) throw new DomainError('BAD_REQUEST', 'unknownCase');
  }
  return { startsAt, endsAt, agencies };
}

/**
 * The people an invitation reaches: those named, and for an agency invited without anyone named,
 * its working members (chairs, legal staff, signatories), each of whom may answer for it.
 */
async function inviteesOf(tx: Transaction, input: MeetingInput, agencies: string[], chairAgencyId: string): Promise<string[]> {
  const named = new Set(input.inviteeUserIds);
  if (agencies.length === 0) return [...named];
  const list = agencies.map(() => '?').join(', ');
  const people = await all<{ id: string; agency_id: string; working: number }>(tx, `
    SELECT u.id, u.agency_id, EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role IN ('chair', 'legal_staff', 'signatory')) AS working
      FROM users u WHERE u.disabled_at IS NULL AND u.agency_id IN (${list}) ORDER BY u.id`, agencies);
  const namedAgencies = new Set(people.filter((p) => named.has(p.id)).map((p) => p.agency_id));
  for (const person of people) {
    if (person.working && person.agency_id !== chairAgencyId && !namedAgencies.has(person.agency_id)) named.add(person.id);
  }
  return [...named];
}

/** Writes who is invited; notifies those newly invited; returns those who were and still are (besides the actor). */
async function writeParticipants(tx: Transaction, actor: Actor, meetingId: string, input: MeetingInput, agencies: string[], keepAnswers: boolean, chairAgencyId: string): Promise<string[]> {
  const rows = await all<{ user_id: string; answer: string; delegate_name: string; delegate_user_id: string | null; answered_at: string | null; delegated_by: string | null }>(tx,
    'SELECT user_id, answer, delegate_name, delegate_user_id, answered_at, delegated_by FROM meeting_invitees WHERE meeting_id = ?', [meetingId]);
  const previous = new Map(rows.map((r) => [r.user_id, r]));
  const invitees = await inviteesOf(tx, input, agencies, chairAgencyId);
  // Delegates stay while the one who sent them is still invited and the time holds (a new time asks everyone again).
  const kept = new Set(invitees);
  const delegates = keepAnswers ? rows.filter((r) => r.delegated_by && kept.has(r.delegated_by) && !kept.has(r.user_id)) : [];
  invitees.push(...delegates.map((r) => r.user_id));
  const newlyInvited = invitees.filter((id) => !previous.has(id) && id !== actor.id);
  const stillInvited = invitees.filter((id) => previous.has(id) && id !== actor.id);
  if (!keepAnswers) previous.clear();
  await tx.execute({ sql: 'DELETE FROM meeting_agencies WHERE meeting_id = ?', args: [meetingId] });
  await tx.execute({ sql: 'DELETE FROM meeting_invitees WHERE meeting_id = ?', args: [meetingId] });
  for (const agencyId of agencies) await tx.execute({ sql: 'INSERT INTO meeting_agencies (meeting_id, agency_id) VALUES (?, ?)', args: [meetingId, agencyId] });
  for (const userId of invitees) {
    const old = previous.get(userId);
    await tx.execute({
      sql: 'INSERT INTO meeting_invitees (meeting_id, user_id, answer, delegate_name, delegate_user_id, answered_at, delegated_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
      args: [meetingId, userId, old?.answer ?? 'pending', old?.delegate_name ?? '', old?.delegate_user_id ?? null, old?.answered_at ?? null, old?.delegated_by ?? null],
    });
  }
  await notifyMeeting(tx, newlyInvited, { id: meetingId }, 'invited');
  return stillInvited;
}

async function writeAgenda(tx: Transaction, meetingId: string, agenda: MeetingInput['agenda']): Promise<void> {
  // An item still on the agenda keeps its id, and so its conclusions: the same case (even retitled),
  // or the same title for an item about no case. Matching by position would move a conclusion to
  // whatever item now stands in its place. Items no longer on the agenda are deleted; their
  // conclusions stay, as general ones (agenda_item_id becomes null).
  const existing = await all<{ id: string; title: string; case_id: string | null }>(tx,
    'SELECT id, title, case_id FROM agenda_items WHERE meeting_id = ? ORDER BY position', [meetingId]);
  const unused = new Map(existing.map((row) => [row.id, row]));
  const claim = (match: (row: { title: string; case_id: string | null }) => boolean): string | undefined => {
    for (const row of unused.values()) {
      if (match(row)) {
        unused.delete(row.id);
        return row.id;
      }
    }
    return undefined;
  };
  const ids = agenda.map((item) => claim((row) => row.case_id === item.caseId && row.title === item.title));
  agenda.forEach((item, index) => {
    if (ids[index] === undefined && item.caseId !== null) ids[index] = claim((row) => row.case_id === item.caseId);
  });
  for (const stale of unused.keys()) await tx.execute({ sql: 'DELETE FROM agenda_items WHERE id = ?', args: [stale] });
  for (const [index, item] of agenda.entries()) {
    const id = ids[index];
    if (id) await tx.execute({ sql: 'UPDATE agenda_items SET position = ?, title = ?, case_id = ? WHERE id = ?', args: [index + 1, item.title, item.caseId, id] });
    else await tx.execute({ sql: 'INSERT INTO agenda_items (id, meeting_id, position, title, case_id) VALUES (?, ?, ?, ?, ?)', args: [newId(), meetingId, index + 1, item.title, item.caseId] });
  }
}

export async function createMeeting(tx: Transaction, live: Pick<LiveDocuments, 'create'>, actor: Actor, input: MeetingInput): Promise<MeetingSummary> {
  const { startsAt, endsAt, agencies } = await checkMeeting(tx, actor, input, actor.agency.id);
  const id = newId();
  const now = new Date().toISOString();
  await tx.execute({
    // Entered after the fact, the times given are the ones it was actually held at (the chair can still correct them).
    sql: `INSERT INTO meetings (id, kind, title, chair_user_id, chair_agency_id, starts_at, ends_at, place, online_url, status, sequence,
            secretary_user_id, created_by, created_at, updated_at, held_from, held_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'scheduled', 0, ?, ?, ?, ?, ?, ?)`,
    args: [id, input.kind, input.title, actor.id, actor.agency.id, startsAt, endsAt, input.place, input.onlineUrl, input.secretaryUserId, actor.id, now, now,
      input.heldAlready ? startsAt : null, input.heldAlready ? endsAt : null],
  });
  await writeParticipants(tx, actor, id, input, agencies, false, actor.agency.id);
  // The secretary keeps the minutes: told like an invitee (unless invited already, or the chair themself).
  if (input.secretaryUserId && input.secretaryUserId !== actor.id
    && !(await one(tx, 'SELECT 1 AS ok FROM meeting_invitees WHERE meeting_id = ? AND user_id = ?', [id, input.secretaryUserId]))) {
    await notifyMeeting(tx, [input.secretaryUserId], { id }, 'invited');
  }
  await writeAgenda(tx, id, input.agenda);
  await live.create(tx, docName('minutes', id), minutesJSONToYUpdate(minutesTemplateJSON(input.agenda.map((item) => item.title))));
  await recordAudit(tx, actor, { entity: 'meeting', entityId: id, action: 'create', summary: { title: input.title, startsAt, endsAt } });
  return (await getMeeting(tx, id))!;
}

/** A change the invitees must learn of: the calendar SEQUENCE goes up; a new time asks everyone again. */
export async function updateMeeting(tx: Transaction, actor: Actor, meeting: MeetingSummary, input: MeetingInput): Promise<MeetingSummary> {
  if (meeting.status === 'cancelled') throw new DomainError('CONFLICT', 'meetingCancelled');
  if (meeting.status === 'approved') throw new DomainError('CONFLICT', 'minutesApproved');
  const { startsAt, endsAt, agencies } = await checkMeeting(tx, actor, input, meeting.chairAgencyId, meeting);
  const moved = startsAt !== meeting.startsAt || endsAt !== meeting.endsAt;
  await tx.execute({
    sql: `UPDATE meetings SET kind = ?, title = ?, starts_at = ?, ends_at = ?, place = ?, online_url = ?, secretary_user_id = ?,
            sequence = sequence + 1, updated_at = ? WHERE id = ?`,
    args: [input.kind, input.title, startsAt, endsAt, input.place, input.onlineUrl, input.secretaryUserId, new Date().toISOString(), meeting.id],
  });
  const stillInvited = await writeParticipants(tx, actor, meeting.id, input, agencies, !moved, meeting.chairAgencyId);
  await writeAgenda(tx, meeting.id, input.agenda);
  // Those already invited learn of a new time or place (the newly invited got their invitation).
  if (moved || input.place !== meeting.place || input.onlineUrl !== meeting.onlineUrl) {
    const secretary = input.secretaryUserId && input.secretaryUserId !== actor.id ? [input.secretaryUserId] : [];
    await notifyMeeting(tx, [...stillInvited, ...secretary], meeting, 'meeting_changed');
  }
  await recordAudit(tx, actor, { entity: 'meeting', entityId: meeting.id, action: 'update', summary: { title: input.title, startsAt, endsAt, moved } });
  return (await getMeeting(tx, meeting.id))!;
}

export async function cancelMeeting(tx: Transaction, actor: Actor, meeting: MeetingSummary, reason: string): Promise<MeetingSummary> {
  if (meeting.status === 'cancelled') throw new DomainError('CONFLICT', 'meetingCancelled');
  if (meeting.status === 'approved') throw new DomainError('CONFLICT', 'minutesApproved');
  await tx.execute({
    sql: `UPDATE meetings SET status = 'cancelled', cancelled_reason = ?, sequence = sequence + 1, updated_at = ? WHERE id = ?`,
    args: [reason, new Date().toISOString(), meeting.id],
  });
  const invited = await all<{ user_id: string }>(tx, 'SELECT user_id FROM meeting_invitees WHERE meeting_id = ? AND user_id != ?', [meeting.id, actor.id]);
  const secretary = meeting.secretaryUserId && meeting.secretaryUserId !== actor.id ? [meeting.secretaryUserId] : [];
  await notifyMeeting(tx, [...invited.map((r) => r.user_id), ...secretary], meeting, 'meeting_cancelled');
  await recordAudit(tx, actor, { entity: 'meeting', entityId: meeting.id, action: 'cancel', summary: { reason } });
  return (await getMeeting(tx, meeting.id))!;
}

/**
 * An answer to the invitation. A member of an invited agency who was not named answers for the
 * agency (they join the list). A delegate is a real user of the same agency: they are invited in
 * their own row (`delegated_by`), are told so, and may answer and confirm the minutes in turn.
 */
export async function answerInvitation(tx: Transaction, actor: Actor, meeting: MeetingSummary, input: z.infer<typeof answerInvitationInput>): Promise<void> {
  if (meeting.status === 'cancelled') throw new DomainError('CONFLICT', 'meetingCancelled');
  const now = new Date().toISOString();
  let delegate: { id: string; name: string } | undefined;
  if (input.answer === 'delegate') {
    delegate = await one<{ id: string; name: string }>(tx,
      'SELECT id, name FROM users WHERE id = ? AND agency_id = ? AND disabled_at IS NULL', [input.delegateUserId, actor.agency.id]);
    if (!delegate || delegate.id === actor.id || delegate.id === meeting.chairUserId) throw new DomainError('BAD_REQUEST', 'delegateNotInAgency');
  }
  const result = await tx.execute({
    sql: 'UPDATE meeting_invitees SET answer = ?, delegate_name = ?, delegate_user_id = ?, answered_at = ? WHERE meeting_id = ? AND user_id = ?',
    args: [input.answer, delegate?.name ?? '', delegate?.id ?? null, now, meeting.id, actor.id],
  });
  if (result.rowsAffected === 0) {
    // The agency itself is invited: any of its members answers for it.
    if (!meeting.invitedAgencyIds.includes(actor.agency.id) || actor.agency.id === meeting.chairAgencyId) throw new DomainError('FORBIDDEN', 'notInvited');
    await tx.execute({
      sql: 'INSERT INTO meeting_invitees (meeting_id, user_id, answer, delegate_name, delegate_user_id, answered_at) VALUES (?, ?, ?, ?, ?, ?)',
      args: [meeting.id, actor.id, input.answer, delegate?.name ?? '', delegate?.id ?? null, now],
    });
  }
  // Whoever this person sent before is no longer sent (unless invited in their own right).
  await tx.execute({
    sql: 'DELETE FROM meeting_invitees WHERE meeting_id = ? AND delegated_by = ? AND user_id IS NOT ?',
    args: [meeting.id, actor.id, delegate?.id ?? null],
  });
  if (delegate) {
    const added = await tx.execute({
      sql: `INSERT INTO meeting_invitees (meeting_id, user_id, answer, delegated_by) VALUES (?, ?, 'pending', ?)
            ON CONFLICT (meeting_id, user_id) DO NOTHING`,
      args: [meeting.id, delegate.id, actor.id],
    });
    if (added.rowsAffected > 0) await notifyMeeting(tx, [delegate.id], meeting, 'delegated');
  }
  await recordAudit(tx, actor, {
    entity: 'meeting', entityId: meeting.id, action: 'answer',
    summary: { answer: input.answer, ...(delegate ? { delegateUserId: delegate.id, delegateName: delegate.name } : {}) },
  });
}

/** Approved or cancelled minutes refuse any change (CONFLICT): the state, not the person asking, is why. */
export function requireOpenMinutes(meeting: MeetingSummary): void {
  if (meeting.status === 'cancelled') throw new DomainError('CONFLICT', 'meetingCancelled');
  if (meeting.status === 'approved') throw new DomainError('CONFLICT', 'minutesApproved');
}

export async function setAttendance(tx: Transaction, actor: Actor, meeting: MeetingSummary, attendees: z.infer<typeof attendanceInput>['attendees']): Promise<void> {
  requireOpenMinutes(meeting);
  const allowed = new Set([meeting.chairAgencyId, ...meeting.invitedAgencyIds]);
  if (attendees.some((a) => !allowed.has(a.agencyId))) throw new DomainError('BAD_REQUEST', 'agencyNotAtMeeting');
  await tx.execute({ sql: 'DELETE FROM meeting_attendance WHERE meeting_id = ?', args: [meeting.id] });
  for (const attendee of attendees) {
    await tx.execute({
      sql: 'INSERT INTO meeting_attendance (id, meeting_id, agency_id, person, position, present) VALUES (?, ?, ?, ?, ?, ?)',
      args: [newId(), meeting.id, attendee.agencyId, attendee.person, attendee.position, attendee.present ? 1 : 0],
    });
  }
  await recordAudit(tx, actor, { entity: 'meeting', entityId: meeting.id, action: 'attendance', summary: { count: attendees.length } });
}

/** A conclusion of the chair; each assignment becomes an action item of the agency it names. */
export async function addConclusion(tx: Transaction, actor: Actor, meeting: MeetingSummary, input: z.infer<typeof conclusionInput>) {
  requireOpenMinutes(meeting);
  if (input.agendaItemId && !(await one(tx, 'SELECT 1 FROM agenda_items WHERE id = ? AND meeting_id = ?', [input.agendaItemId, meeting.id]))) {
    throw new DomainError('BAD_REQUEST', 'unknownAgendaItem');
  }
  const allowed = new Set([meeting.chairAgencyId, ...meeting.invitedAgencyIds]);
  const meetingDay = localDate(meeting.startsAt);
  for (const assignment of input.assignments) {
    if (!allowed.has(assignment.agencyId)) throw new DomainError('BAD_REQUEST', 'agencyNotAtMeeting');
    if (!can(actor, 'actionItem.assign', { assignedAgencyId: assignment.agencyId, source: { kind: 'meeting', meeting } })) {
      throw new DomainError('FORBIDDEN', 'forbidden');
    }
    if (assignment.dueDate < meetingDay) throw new DomainError('BAD_REQUEST', 'dueBeforeMeeting');
  }
  const id = newId();
  const now = new Date().toISOString();
  await tx.execute({
    sql: 'INSERT INTO meeting_conclusions (id, meeting_id, agenda_item_id, text, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    args: [id, meeting.id, input.agendaItemId, input.text, actor.id, now],
  });
  for (const assignment of input.assignments) {
    await insertActionItem(tx, actor, {
      sourceKind: 'meeting', meetingId: meeting.id, conclusionId: id, agencyId: assignment.agencyId,
      title: assignment.title, description: assignment.description || input.text, dueDate: assignment.dueDate,
    });
  }
  await recordAudit(tx, actor, { entity: 'meeting', entityId: meeting.id, action: 'conclude', summary: { conclusionId: id, assignments: input.assignments.length } });
  return id;
}

/** The chair approves the minutes: from now on they are a record, frozen with the text as it stands (held still by the command). */
export async function approveMinutes(tx: Transaction, actor: Actor, meeting: MeetingSummary, minutes: MinutesBlock[], unconfirmed: readonly string[] = []): Promise<MeetingSummary> {
  requireOpenMinutes(meeting);
  const now = new Date().toISOString();
  const minutesText = JSON.stringify(minutes);
  await tx.execute({
    sql: `UPDATE meetings SET status = 'approved', approved_by_user_id = ?, approved_at = ?, approved_minutes = ?, updated_at = ? WHERE id = ?`,
    args: [actor.id, now, minutesText, now, meeting.id],
  });
  const { number, code } = await allocateMinutesNumber(tx, meeting, now);
  await insertFirstVersion(tx, actor, meeting.id, minutes, now);
  await recordAudit(tx, actor, {
    entity: 'meeting', entityId: meeting.id, action: 'approve_minutes',
    summary: { length: minutesText.length, number: `${number}/BB-${code}`, ...(unconfirmed.length ? { unconfirmed } : {}) },
  });
  return (await getMeeting(tx, meeting.id))!;
}

export async function approvalOf(sql: Sql, meetingId: string) {
  const row = await one(sql, `SELECT m.approved_at, m.approved_minutes, u.name AS approved_by FROM meetings m
                               LEFT JOIN users u ON u.id = m.approved_by_user_id WHERE m.id = ?`, [meetingId]);
  return row?.approved_at ? { approvedAt: String(row.approved_at), approvedBy: String(row.approved_by), minutes: String(row.approved_minutes ?? '') } : null;
}
