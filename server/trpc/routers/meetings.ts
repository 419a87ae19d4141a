import { z } from 'zod';
import {
  answerInvitationInput, attendanceInput, cancelMeetingInput, conclusionInput, id, isoDate, meetingInput, updateMeetingInput,
} from '../../../shared/schemas.ts';
import { docName } from '../../../shared/collab.ts';
import { minutesBlocks } from '../../../shared/minutes.ts';
import {
  addConclusion, answerInvitation, approvalOf, approveMinutes, storeApprovedMinutes, cancelMeeting, createMeeting, findConflicts, getMeeting,
  listMeetingsOfAgency, meetingDetails, requireOpenMinutes, setAttendance, updateMeeting,
} from '../../domain/meeting/index.ts';
import { loadYDoc } from '../../collab/persistence.ts';
import { can } from '../../policy/index.ts';
import { fail, protectedProcedure, router, type ProtectedContext } from '../init.ts';

async function readableMeeting(ctx: ProtectedContext, meetingId: string) {
  const meeting = await getMeeting(ctx.db, meetingId);
  if (!meeting) fail(ctx, 'NOT_FOUND', 'notFound');
  ctx.authorize('meeting.read', meeting);
  return meeting;
}

/** Open minutes editors learn at once that the minutes became read-only (approved, cancelled). */
async function refreshMinutes(ctx: ProtectedContext, meetingId: string) {
  await ctx.collab?.refreshAccess(docName('minutes', meetingId));
}

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
    .query(({ ctx, input }) => listMeetingsOfAgency(ctx.db, ctx.user.agency.id, input && {
      from: new Date(`${input.from}T00:00:00+07:00`).toISOString(), to: new Date(`${input.to}T00:00:00+07:00`).toISOString(),
    })),

  get: protectedProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    const meeting = await readableMeeting(ctx, input.id);
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

  /** Who among these people already has a meeting at that time: a warning shown before saving. */
  conflicts: protectedProcedure.input(conflictsInput).query(({ ctx, input }) =>
    findConflicts(ctx.db, input.userIds, new Date(input.startsAt).toISOString(), new Date(input.endsAt).toISOString(), input.meetingId)),

  create: protectedProcedure.input(meetingInput).mutation(async ({ ctx, input }) => {
    ctx.authorize('meeting.create', null);
    const meeting = await ctx.db.write((tx) => createMeeting(tx, ctx.user, input));
    const conflicts = await findConflicts(ctx.db, [ctx.user.id, ...input.inviteeUserIds], meeting.startsAt, meeting.endsAt, meeting.id);
    return { meeting, conflicts };
  }),

  update: protectedProcedure.input(updateMeetingInput).mutation(async ({ ctx, input }) => {
    const before = await readableMeeting(ctx, input.id);
    ctx.authorize('meeting.manage', before);
    const meeting = await ctx.db.write((tx) => updateMeeting(tx, ctx.user, before, input.meeting));
    await refreshMinutes(ctx, meeting.id);
    const conflicts = await findConflicts(ctx.db, [meeting.chairUserId, ...input.meeting.inviteeUserIds], meeting.startsAt, meeting.endsAt, meeting.id);
    return { meeting, conflicts };
  }),

  cancel: protectedProcedure.input(cancelMeetingInput).mutation(async ({ ctx, input }) => {
    const before = await readableMeeting(ctx, input.id);
    ctx.authorize('meeting.manage', before);
    const meeting = await ctx.db.write((tx) => cancelMeeting(tx, ctx.user, before, input.reason));
    await refreshMinutes(ctx, meeting.id);
    return meeting;
  }),

  answer: protectedProcedure.input(answerInvitationInput).mutation(async ({ ctx, input }) => {
    const meeting = await readableMeeting(ctx, input.meetingId);
    await ctx.db.write((tx) => answerInvitation(tx, ctx.user, meeting, input));
    return { ok: true };
  }),

  setAttendance: protectedProcedure.input(attendanceInput).mutation(async ({ ctx, input }) => {
    const meeting = await readableMeeting(ctx, input.meetingId);
    // Checked before the role: the policy's rule is false for frozen minutes, which would say FORBIDDEN.
    requireOpenMinutes(meeting);
    ctx.authorize('meeting.recordMinutes', meeting);
    await ctx.db.write((tx) => setAttendance(tx, ctx.user, meeting, input.attendees));
    return { ok: true };
  }),

  /** A conclusion of the chair; its assignments become action items of the agencies named. */
  addConclusion: protectedProcedure.input(conclusionInput).mutation(async ({ ctx, input }) => {
    const meeting = await readableMeeting(ctx, input.meetingId);
    // Checked before the role: the policy's rule is false for frozen minutes, which would say FORBIDDEN.
    requireOpenMinutes(meeting);
    ctx.authorize('meeting.recordMinutes', meeting);
    const conclusionId = await ctx.db.write((tx) => addConclusion(tx, ctx.user, meeting, input));
    return { id: conclusionId };
  }),

  /** Freezes the minutes as they stand: every update acknowledged so far is in the approved text. */
  approveMinutes: protectedProcedure.input(z.object({ id })).mutation(async ({ ctx, input }) => {
    const before = await readableMeeting(ctx, input.id);
    requireOpenMinutes(before);
    ctx.authorize('meeting.approve', before);
    const minutesNow = async () => {
      await ctx.collab?.flushAll();
      const ydoc = await loadYDoc(ctx.db, docName('minutes', input.id));
      try {
        return JSON.stringify(minutesBlocks(ydoc));
      } finally {
        ydoc.destroy();
      }
    };
    // Approve with the text as it stands, make every open editor read-only, then read the text
    // once more: an edit the server accepted before the switch is in the approved minutes, and
    // none can come after it.
    const draft = await minutesNow();
    const meeting = await ctx.db.write((tx) => approveMinutes(tx, ctx.user, before, draft));
    await refreshMinutes(ctx, meeting.id);
    const text = await minutesNow();
    if (text !== draft) await ctx.db.write((tx) => storeApprovedMinutes(tx, meeting.id, text));
    return meeting;
  }),
});
