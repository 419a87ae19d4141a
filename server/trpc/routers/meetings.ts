import { z } from 'zod';
import {
  answerInvitationInput, attendanceInput, cancelMeetingInput, conclusionInput, id, isoDate, meetingInput, updateMeetingInput,
} from '../../../shared/schemas.ts';
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
    const [details, approval] = await Promise.all([meetingDetails(ctx.db, input.id), approvalOf(ctx.db, input.id)]);
    return {
      ...meeting, ...details, approval,
      myInvitation: details.invitees.find((i) => i.userId === ctx.user.id) ?? null,
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
  approveMinutes: protectedProcedure.input(z.object({ id })).mutation(({ ctx, input }) => meetingCommands.approveMinutes(commandDeps(ctx), input.id)),
});
