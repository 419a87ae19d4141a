import { hasCalendarToken, renewCalendarToken, revokeCalendarTokens } from '../../domain/calendar/index.ts';
import { protectedProcedure, router } from '../init.ts';

export const calendarRouter = router({
  status: protectedProcedure.query(async ({ ctx }) => ({ active: await hasCalendarToken(ctx.db, ctx.user.id) })),

  /** A new personal feed address; the previous one stops working. The token is shown this once. */
  renew: protectedProcedure.mutation(async ({ ctx }) => {
    const token = await ctx.db.write((tx) => renewCalendarToken(tx, ctx.user));
    return { path: `/export/calendar/${token}.ics` };
  }),

  revoke: protectedProcedure.mutation(async ({ ctx }) => {
    await ctx.db.write((tx) => revokeCalendarTokens(tx, ctx.user));
    return { active: false };
  }),
});
