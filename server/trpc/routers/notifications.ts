import { on } from 'node:events';
import { z } from 'zod';
import { id, reminderSettingsInput } from '../../../shared/schemas.ts';
import { listNotifications, markNotificationsRead, notificationSignal } from '../../domain/action-item/notifications.ts';
import { one } from '../../db/client.ts';
import { recordAudit } from '../../domain/audit/index.ts';
import { protectedProcedure, router } from '../init.ts';

export const notificationsRouter = router({
  list: protectedProcedure.query(({ ctx }) => listNotifications(ctx.db, ctx.user.id)),

  markRead: protectedProcedure.input(z.object({ ids: z.union([z.literal('all'), z.array(id).max(200)]) })).mutation(async ({ ctx, input }) => {
    await ctx.db.write(async (tx) => {
      await markNotificationsRead(tx, ctx.user.id, input.ids);
      await recordAudit(tx, ctx.user, { entity: 'user', entityId: ctx.user.id, action: 'notifications_read', summary: { ids: input.ids } });
    });
    return { ok: true };
  }),

  /** Server-sent events: a tick each time the caller gets a notification, so the centre updates live. */
  changes: protectedProcedure.subscription(async function* ({ ctx, signal }) {
    for await (const [userId] of on(notificationSignal, 'notify', { signal })) {
      if (userId === ctx.user.id) yield { at: new Date().toISOString() };
    }
  }),

  settings: protectedProcedure.query(async ({ ctx }) => ({
    reminderDays: Number((await one<{ reminder_days: number }>(ctx.db, 'SELECT reminder_days FROM users WHERE id = ?', [ctx.user.id]))?.reminder_days ?? 3),
  })),

  setSettings: protectedProcedure.input(reminderSettingsInput).mutation(async ({ ctx, input }) => {
    await ctx.db.write(async (tx) => {
      await tx.execute({ sql: 'UPDATE users SET reminder_days = ? WHERE id = ?', args: [input.reminderDays, ctx.user.id] });
      await recordAudit(tx, ctx.user, { entity: 'user', entityId: ctx.user.id, action: 'reminder_settings', summary: input });
    });
    return input;
  }),
});
