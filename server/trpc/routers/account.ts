import { changePasswordInput, setLocaleInput } from '../../../shared/schemas.ts';
import { endOtherSessions } from '../../auth/sessions.ts';
import { hashPassword, verifyPassword } from '../../auth/password.ts';
import { passwordHashOf, setLocale, setPassword } from '../../domain/user/index.ts';
import { fail, protectedProcedure, publicProcedure, router } from '../init.ts';

export const accountRouter = router({
  /** The signed-in user, or null: the web app asks this first. */
  me: publicProcedure.query(({ ctx }) => ctx.user),

  changePassword: protectedProcedure.input(changePasswordInput).mutation(async ({ ctx, input }) => {
    const current = await passwordHashOf(ctx.db, ctx.user.id);
    if (!current || !(await verifyPassword(current, input.currentPassword))) fail(ctx, 'BAD_REQUEST', 'wrongCurrentPassword');
    const next = await hashPassword(input.newPassword);
    await ctx.db.write((tx) => setPassword(tx, ctx.user, next));
    await endOtherSessions(ctx.db, ctx.user.id, ctx.session.id);
    return { ok: true };
  }),

  setLocale: protectedProcedure.input(setLocaleInput).mutation(async ({ ctx, input }) => {
    await ctx.db.write((tx) => setLocale(tx, ctx.user, input.locale));
    return { locale: input.locale };
  }),
});
