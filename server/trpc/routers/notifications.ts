import { on } from 'node:events';
import { z } from 'zod';
import { id, reminderSettingsInput } from '../../../shared/schemas.ts';
import { listNotifications, markRead, meetingReminderHoursOf, notificationSignal, reminderDaysOf, setReminderDays } from '../../domain/action-item/notifications.ts';
import { commandDeps, protectedProcedure, router } from '../init.ts';

export const notificationsRouter = router({
  list: protectedProcedure.query(({ ctx }) => listNotifications(ctx.db, ctx.user.id)),

  markRead: protectedProcedure.input(z.object({ ids: z.union([z.literal('all'), z.array(id).max(200)]) })).mutation(async ({ ctx, input }) => {
    await markRead(commandDeps(ctx), input.ids);
    return { ok: true };
  }),

  /** Server-sent events: a tick each time the caller gets a notification, so the centre updates live. */
  changes: protectedProcedure.subscription(async function* ({ ctx, signal }) {
    for await (const [userId] of on(notificationSignal, 'notify', { signal })) {
      if (userId === ctx.user.id) yield { at: new Date().toISOString() };
    }
  }),

  settings: protectedProcedure.query(async ({ ctx }) => ({
    reminderDays: await reminderDaysOf(ctx.db, ctx.user.id),
    meetingReminderHours: await meetingReminderHoursOf(ctx.db, ctx.user.id),
  })),

  setSettings: protectedProcedure.input(reminderSettingsInput).mutation(async ({ ctx, input }) => {
    await setReminderDays(commandDeps(ctx), input.reminderDays, input.meetingReminderHours);
    return input;
  }),
});
