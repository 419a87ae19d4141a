import { createAgencyInput, retireAgencyInput, updateAgencyInput } from '../../../shared/schemas.ts';
import { createAgency, listAgencies, retireAgency, updateAgency } from '../../domain/agency/index.ts';
import { protectedProcedure, router } from '../init.ts';

export const agenciesRouter = router({
  /** Every agency, past and present: the directory shows history, forms offer the active ones. */
  list: protectedProcedure.query(({ ctx }) => listAgencies(ctx.db)),

  create: protectedProcedure.input(createAgencyInput).mutation(({ ctx, input }) => {
    ctx.authorize('agency.manage', null);
    return ctx.db.write((tx) => createAgency(tx, ctx.user, input));
  }),

  update: protectedProcedure.input(updateAgencyInput).mutation(({ ctx, input }) => {
    ctx.authorize('agency.manage', null);
    return ctx.db.write((tx) => updateAgency(tx, ctx.user, input));
  }),

  retire: protectedProcedure.input(retireAgencyInput).mutation(({ ctx, input }) => {
    ctx.authorize('agency.manage', null);
    return ctx.db.write((tx) => retireAgency(tx, ctx.user, input));
  }),
});
