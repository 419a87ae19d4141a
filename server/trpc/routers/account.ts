import { changePasswordInput, setLocaleInput } from '../../../shared/schemas.ts';
import * as userCommands from '../../domain/user/commands.ts';
import { commandDeps, protectedProcedure, publicProcedure, router } from '../init.ts';

export const accountRouter = router({
  /** The signed-in user, or null: the web app asks this first. */
  me: publicProcedure.query(({ ctx }) => ctx.user),

  /** A new password; the caller's other sessions end (and their open live documents close). */
  changePassword: protectedProcedure.input(changePasswordInput).mutation(({ ctx, input }) =>
    userCommands.changePassword(commandDeps(ctx), ctx.session.id, input)),

  setLocale: protectedProcedure.input(setLocaleInput).mutation(({ ctx, input }) => userCommands.setLocale(commandDeps(ctx), input.locale)),
});
