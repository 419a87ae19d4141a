import { createUserInput, updateUserInput } from '../../../shared/schemas.ts';
import { listUsers } from '../../domain/user/index.ts';
import * as userCommands from '../../domain/user/commands.ts';
import { commandDeps, protectedProcedure, router } from '../init.ts';

export const usersRouter = router({
  /** The people of the workspace (name, title, agency), for choosing invitees and assignees. */
  directory: protectedProcedure.query(async ({ ctx }) =>
    (await listUsers(ctx.db)).filter((u) => !u.disabled).map(({ id, name, title, agencyId, agencyShortName }) => ({ id, name, title, agencyId, agencyShortName }))),

  list: protectedProcedure.query(({ ctx }) => {
    ctx.authorize('user.manage', null);
    return listUsers(ctx.db);
  }),

  create: protectedProcedure.input(createUserInput).mutation(({ ctx, input }) => userCommands.create(commandDeps(ctx), input)),

  /** A change of agency, roles or account state closes or downgrades the person's open live documents at once. */
  update: protectedProcedure.input(updateUserInput).mutation(({ ctx, input }) => userCommands.update(commandDeps(ctx), input)),
});
