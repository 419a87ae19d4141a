import { z } from 'zod';
import {
  answerInvitationInput, approveMinutesInput, attendanceInput, cancelMeetingInput, conclusionInput, confirmMinutesInput, correctMinutesInput,
  editConclusionInput, heldTimesInput, id, isoDate, meetingInput, updateMeetingInput,
} from '../../../shared/schemas.ts';
import { confirmationsOf, listMinutesVersions, representsAgency, startedAt } from '../../domain/meeting/minutes.ts';
import { approvalOf, findConflicts, listVisibleMeetings, meetingDetails } from '../../domain/meeting/index.ts';
import * as meetingCommands from '../../domain/meeting/commands.ts';
import { can } from '../../policy/index.ts';
import { commandDeps, protectedProcedure, router } from '../init.ts';

const conflictsInput = z.object({
  userIds: z.array(id).max(200),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  meetingId: id.nullable().default(null),
});

export const meetingsRouter = router({
  /** Meetings of the caller's agency; with a range (Viet Nam dates, end exclusive), those overlapping it. */
  list: protectedProcedure
    .input(z.object({ from: isoDate, to: isoDate }).refine((r) => r.to > r.from, { error: 'to must be after from' }).optional())
    .query(({ ctx, input }) => listVisibleMeetings(ctx.db, ctx.user, input && {
      from: new Date(`${input.from}T00:00:00+07:00`).toISOString(), to: new Date(`${input.to}T00:00:00+07:00`).toISOString(),
    })),

  get: protectedProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    const meeting = await meetingCommands.readableMeeting(ctx.db, ctx.user, input.id);
    const [details, approval, confirmations, versions, represents] = await Promise.all([
      meetingDetails(ctx.db, input.id), approvalOf(ctx.db, input.id), confirmationsOf(ctx.db, meeting), listMinutesVersions(ctx.db, input.id),
      representsAgency(ctx.db, ctx.user, meeting),
    ]);
    const mine = details.invitees.find((i) => i.userId === ctx.user.id) ?? null;
    // A member of an invited agency not on the list answers for the agency.
    const forAgency = !mine && meeting.invitedAgencyIds.includes(ctx.user.agency.id) && ctx.user.agency.id !== meeting.chairAgencyId;
    const confirming = represents && meeting.status === 'scheduled';
    const begun = Date.parse(startedAt(meeting)) <= Date.now();
    return {
      ...meeting, ...details, approval, confirmations,
      versions: versions.map((v) => ({ version: v.version, reason: v.reason, createdBy: v.createdBy, createdAt: v.createdAt })),
      latestMinutes: versions.at(-1) ?? null,
      myInvitation: mine ?? (forAgency ? {
        userId: ctx.user.id, name: ctx.user.name, title: '', agencyId: ctx.user.agency.id, agencyShortName: '', answer: 'pending' as const,
        delegateName: '', answeredAt: null, delegateUserId: null, delegatedByName: null,
      } : null),
      answersForAgency: forAgency,
      // The draft is confirmed once the meeting has begun (confirmDraft refuses it before).
      canConfirm: confirming && begun,
      confirmOpensAt: confirming && !begun ? startedAt(meeting) : null,
      canCorrect: can(ctx.user, 'meeting.correctMinutes', meeting),
      canManage: can(ctx.user, 'meeting.manage', meeting) && meeting.status === 'scheduled',
      canRecord: can(ctx.user, 'meeting.recordMinutes', meeting),
      canApprove: can(ctx.user, 'meeting.approve', meeting),
      canEditMinutes: can(ctx.user, 'meeting.editMinutes', meeting),
    };
  }),

  /** Who among these people already has a meeting at that time: a warning shown before saving ("busy" only for meetings the caller may not see). */
  conflicts: protectedProcedure.input(conflictsInput).query(({ ctx, input }) =>
    findConflicts(ctx.db, ctx.user, input.userIds, new Date(input.startsAt).toISOString(), new Date(input.endsAt).toISOString(), input.meetingId)),

  create: protectedProcedure.input(meetingInput).mutation(({ ctx, input }) => meetingCommands.create(commandDeps(ctx), input)),

  update: protectedProcedure.input(updateMeetingInput).mutation(({ ctx, input }) => meetingCommands.update(commandDeps(ctx), input)),

  cancel: protectedProcedure.input(cancelMeetingInput).mutation(({ ctx, input }) => meetingCommands.cancel(commandDeps(ctx), input)),

  answer: protectedProcedure.input(answerInvitationInput).mutation(({ ctx, input }) => meetingCommands.answer(commandDeps(ctx), input)),

  setAttendance: protectedProcedure.input(attendanceInput).mutation(({ ctx, input }) => meetingCommands.setAttendance(commandDeps(ctx), input)),

  /** A conclusion of the chair; its assignments become action items of the agencies named. */
  addConclusion: protectedProcedure.input(conclusionInput).mutation(({ ctx, input }) => meetingCommands.addConclusion(commandDeps(ctx), input)),

  /** Freezes the minutes as they stand: every update acknowledged so far is in the approved text. */
  approveMinutes: protectedProcedure.input(approveMinutesInput).mutation(({ ctx, input }) => meetingCommands.approveMinutes(commandDeps(ctx), input)),

  /** An invited agency's representative confirms the draft minutes or remarks on it (before approval). */
  confirmMinutes: protectedProcedure.input(confirmMinutesInput).mutation(({ ctx, input }) => meetingCommands.confirmMinutes(commandDeps(ctx), input)),

  /** The chair records the actual start and end ("Bắt đầu lúc … Kết thúc lúc …"). */
  setHeldTimes: protectedProcedure.input(heldTimesInput).mutation(({ ctx, input }) => meetingCommands.setHeldTimes(commandDeps(ctx), input)),

  /** Before approval: the chair or secretary edit a conclusion's text. */
  editConclusion: protectedProcedure.input(editConclusionInput).mutation(({ ctx, input }) => meetingCommands.editConclusion(commandDeps(ctx), input)),

  /** After approval: a correction, a new numbered version of the minutes with its reason. */
  correctMinutes: protectedProcedure.input(correctMinutesInput).mutation(({ ctx, input }) => meetingCommands.correctMinutes(commandDeps(ctx), input)),
});
