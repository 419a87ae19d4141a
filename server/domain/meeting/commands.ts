/**
 * Every change of a meeting, as a command. Those that change who may write the live minutes
 * (rescheduling with other agencies, cancelling, approving) hold the minutes still for the length
 * of the transaction: the approved text is exactly the text at the approval, and an edit that
 * arrives meanwhile is stored only if its sender may still write afterwards.
 */
import type { Transaction } from '@libsql/client';
import type { z } from 'zod';
import { authorize, readable, type CommandDeps } from '../command.ts';
import { DomainError } from '../errors.ts';
import {
  addConclusion as insertConclusion, answerInvitation, approveMinutes as approve, cancelMeeting, createMeeting, findConflicts, getMeeting,
  requireOpenMinutes, setAttendance as writeAttendance, updateMeeting, type Conflict, type MeetingSummary,
} from './index.ts';
import { docName } from '../../../shared/collab.ts';
import { minutesBlocks } from '../../../shared/minutes.ts';
import { formatDateTime } from '../../../shared/format.ts';
import type {
  answerInvitationInput, approveMinutesInput, attendanceInput, cancelMeetingInput, conclusionInput, confirmMinutesInput, correctMinutesInput,
  editConclusionInput, heldTimesInput, meetingInput, updateMeetingInput,
} from '../../../shared/schemas.ts';
import {
  confirmDraft, confirmationsOf, correctMinutes as writeCorrection, editConclusion as writeConclusion, setHeldTimes as writeHeldTimes, startedAt,
} from './minutes.ts';

const minutesDoc = (meetingId: string) => docName('minutes', meetingId);

/** The meeting as this transaction sees it, readable by the actor (NOT_FOUND, FORBIDDEN). */
export async function readableMeeting(sql: Transaction | CommandDeps['db'], actor: CommandDeps['actor'], meetingId: string): Promise<MeetingSummary> {
  return readable(actor, 'meeting.read', await getMeeting(sql, meetingId)) as MeetingSummary;
}

/** The meeting, and who among its people is already busy then (a warning shown after saving). */
export interface Scheduled { meeting: MeetingSummary; conflicts: Conflict[] }

export function create(deps: CommandDeps, input: z.infer<typeof meetingInput>): Promise<Scheduled> {
  return deps.db.write(async (tx) => {
    authorize(deps.actor, 'meeting.create', null);
    const meeting = await createMeeting(tx, deps.live, deps.actor, input);
    const conflicts = await findConflicts(tx, deps.actor, [deps.actor.id, ...input.inviteeUserIds], meeting.startsAt, meeting.endsAt, meeting.id);
    return { meeting, conflicts };
  });
}

/** Refused (CONFLICT) when the meeting changed since the caller read it (`expectedSequence`). */
export function update(deps: CommandDeps, input: z.infer<typeof updateMeetingInput>): Promise<Scheduled> {
  return deps.live.hold([minutesDoc(input.id)], async (tx) => {
    const before = await readableMeeting(tx, deps.actor, input.id);
    authorize(deps.actor, 'meeting.manage', before);
    if (input.expectedSequence !== undefined && input.expectedSequence !== before.sequence) {
      throw new DomainError('CONFLICT', 'meetingChanged');
    }
    const meeting = await updateMeeting(tx, deps.actor, before, input.meeting);
    const conflicts = await findConflicts(tx, deps.actor, [meeting.chairUserId, ...input.meeting.inviteeUserIds], meeting.startsAt, meeting.endsAt, meeting.id);
    return { meeting, conflicts };
  });
}

export function cancel(deps: CommandDeps, input: z.infer<typeof cancelMeetingInput>): Promise<MeetingSummary> {
  return deps.live.hold([minutesDoc(input.id)], async (tx) => {
    const before = await readableMeeting(tx, deps.actor, input.id);
    authorize(deps.actor, 'meeting.manage', before);
    return cancelMeeting(tx, deps.actor, before, input.reason);
  });
}

export function answer(deps: CommandDeps, input: z.infer<typeof answerInvitationInput>): Promise<{ ok: true }> {
  return deps.db.write(async (tx) => {
    const meeting = await readableMeeting(tx, deps.actor, input.meetingId);
    await answerInvitation(tx, deps.actor, meeting, input);
    return { ok: true as const };
  });
}

export function setAttendance(deps: CommandDeps, input: z.infer<typeof attendanceInput>): Promise<{ ok: true }> {
  return deps.db.write(async (tx) => {
    const meeting = await readableMeeting(tx, deps.actor, input.meetingId);
    // Checked before the role: the policy's rule is false for frozen minutes, which would say FORBIDDEN.
    requireOpenMinutes(meeting);
    authorize(deps.actor, 'meeting.recordMinutes', meeting);
    await writeAttendance(tx, deps.actor, meeting, input.attendees);
    return { ok: true as const };
  });
}

/** A conclusion of the chair; its assignments become action items of the agencies named. */
export function addConclusion(deps: CommandDeps, input: z.infer<typeof conclusionInput>): Promise<{ id: string }> {
  return deps.db.write(async (tx) => {
    const meeting = await readableMeeting(tx, deps.actor, input.meetingId);
    requireOpenMinutes(meeting);
    authorize(deps.actor, 'meeting.recordMinutes', meeting);
    return { id: await insertConclusion(tx, deps.actor, meeting, input) };
  });
}

/**
 * Freezes the minutes as they stand: every edit acknowledged before is in the approved text, none after.
 * Allocates the biên bản's number and keeps version 1. While some invited agencies have not confirmed
 * the draft, `confirmUnconfirmed: false` is CONFLICT naming them (see approveMinutesInput).
 */
export function approveMinutes(deps: CommandDeps, input: z.infer<typeof approveMinutesInput>): Promise<MeetingSummary> {
  const name = minutesDoc(input.id);
  return deps.live.hold([name], async (tx, held) => {
    const before = await readableMeeting(tx, deps.actor, input.id);
    requireOpenMinutes(before);
    authorize(deps.actor, 'meeting.approve', before);
    // Minutes record what was said: a meeting that has not begun has none to approve yet.
    if (Date.parse(startedAt(before)) > Date.now()) throw new DomainError('CONFLICT', 'minutesBeforeMeeting', { time: formatDateTime(before.startsAt) });
    const unconfirmed = (await confirmationsOf(tx, before)).filter((c) => c.state !== 'confirmed');
    if (unconfirmed.length > 0 && input.confirmUnconfirmed === false) {
      throw new DomainError('CONFLICT', 'minutesUnconfirmed', { agencies: unconfirmed.map((c) => c.agencyShortName).join(', ') });
    }
    return approve(tx, deps.actor, before, minutesBlocks(held.text(name)), unconfirmed.map((c) => c.agencyId));
  });
}

/** An invited agency's representative confirms the draft minutes or remarks on it. */
export function confirmMinutes(deps: CommandDeps, input: z.infer<typeof confirmMinutesInput>): Promise<{ ok: true }> {
  return deps.db.write(async (tx) => {
    const meeting = await readableMeeting(tx, deps.actor, input.meetingId);
    await confirmDraft(tx, deps.actor, meeting, input);
    return { ok: true as const };
  });
}

/** The chair records when the meeting actually began and ended. */
export function setHeldTimes(deps: CommandDeps, input: z.infer<typeof heldTimesInput>): Promise<MeetingSummary> {
  return deps.db.write(async (tx) => {
    const meeting = await readableMeeting(tx, deps.actor, input.meetingId);
    requireOpenMinutes(meeting);
    authorize(deps.actor, 'meeting.manage', meeting);
    await writeHeldTimes(tx, deps.actor, meeting, input);
    return (await getMeeting(tx, meeting.id))!;
  });
}

/** Before approval, the chair or the secretary edit a conclusion. */
export function editConclusion(deps: CommandDeps, input: z.infer<typeof editConclusionInput>): Promise<{ ok: true }> {
  return deps.db.write(async (tx) => {
    const meeting = await readableMeeting(tx, deps.actor, input.meetingId);
    requireOpenMinutes(meeting);
    authorize(deps.actor, 'meeting.recordMinutes', meeting);
    await writeConclusion(tx, deps.actor, meeting, input);
    return { ok: true as const };
  });
}

/** After approval, the chair corrects the minutes: a new numbered version, the earlier ones kept. */
export function correctMinutes(deps: CommandDeps, input: z.infer<typeof correctMinutesInput>): Promise<{ version: number }> {
  return deps.db.write(async (tx) => {
    const meeting = await readableMeeting(tx, deps.actor, input.meetingId);
    if (meeting.status !== 'approved') throw new DomainError('CONFLICT', 'minutesNotApproved');
    authorize(deps.actor, 'meeting.correctMinutes', meeting);
    return { version: await writeCorrection(tx, deps.actor, meeting, input) };
  });
}
