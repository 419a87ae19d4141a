import { z } from 'zod';
import { id } from '../../../shared/schemas.ts';
import { getMeeting, listMeetingsOfAgency } from '../../domain/meeting/index.ts';
import { fail, protectedProcedure, router } from '../init.ts';

export const meetingsRouter = router({
  list: protectedProcedure.query(({ ctx }) => listMeetingsOfAgency(ctx.db, ctx.user.agency.id)),

  get: protectedProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    const meeting = await getMeeting(ctx.db, input.id);
    if (!meeting) fail(ctx, 'NOT_FOUND', 'notFound');
    ctx.authorize('meeting.read', meeting);
    return meeting;
  }),
});
