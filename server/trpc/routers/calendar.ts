import { hasCalendarToken } from '../../domain/calendar/index.ts';
import * as calendarCommands from '../../domain/calendar/commands.ts';
import { commandDeps, protectedProcedure, router } from '../init.ts';

export const calendarRouter = router({
  status: protectedProcedure.query(async ({ ctx }) => ({ active: await hasCalendarToken(ctx.db, ctx.user.id) })),

  /** A new personal feed address; the previous one stops working. The token is shown this once. */
  renew: protectedProcedure.mutation(({ ctx }) => calendarCommands.renew(commandDeps(ctx))),

  revoke: protectedProcedure.mutation(({ ctx }) => calendarCommands.revoke(commandDeps(ctx))),
});
