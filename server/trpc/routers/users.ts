import { createUserInput, updateUserInput } from '../../../shared/schemas.ts';
import { hashPassword } from '../../auth/password.ts';
import { createUser, listUsers, updateUser } from '../../domain/user/index.ts';
import { protectedProcedure, router } from '../init.ts';

export const usersRouter = router({
  /** The people of the workspace (name, title, agency), for choosing invitees and assignees. */
  directory: protectedProcedure.query(async ({ ctx }) =>
    (await listUsers(ctx.db)).filter((u) => !u.disabled).map(({ id, name, title, agencyId, agencyShortName }) => ({ id, name, title, agencyId, agencyShortName }))),

  list: protectedProcedure.query(({ ctx }) => {
    ctx.authorize('user.manage', null);
    return listUsers(ctx.db);
  }),

  create: protectedProcedure.input(createUserInput).mutation(async ({ ctx, input }) => {
    ctx.authorize('user.manage', null);
    const passwordHash = await hashPassword(input.password);
    return ctx.db.write((tx) => createUser(tx, ctx.user, input, passwordHash));
  }),

  update: protectedProcedure.input(updateUserInput).mutation(({ ctx, input }) => {
    ctx.authorize('user.manage', null);
    return ctx.db.write((tx) => updateUser(tx, ctx.user, input));
  }),
});
