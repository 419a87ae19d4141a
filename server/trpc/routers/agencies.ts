import { createAgencyInput, retireAgencyInput, updateAgencyInput } from '../../../shared/schemas.ts';
import { listAgencies } from '../../domain/agency/index.ts';
import * as agencyCommands from '../../domain/agency/commands.ts';
import { commandDeps, protectedProcedure, router } from '../init.ts';

export const agenciesRouter = router({
  /** Every agency, past and present: the directory shows history, forms offer the active ones. */
  list: protectedProcedure.query(({ ctx }) => listAgencies(ctx.db)),
  create: protectedProcedure.input(createAgencyInput).mutation(({ ctx, input }) => agencyCommands.create(commandDeps(ctx), input)),
  update: protectedProcedure.input(updateAgencyInput).mutation(({ ctx, input }) => agencyCommands.update(commandDeps(ctx), input)),
  retire: protectedProcedure.input(retireAgencyInput).mutation(({ ctx, input }) => agencyCommands.retire(commandDeps(ctx), input)),
});
