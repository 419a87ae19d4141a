import { z } from 'zod';
import { id } from '../../../shared/schemas.ts';
import { getCase, listCasesOfAgency } from '../../domain/case/index.ts';
import { fail, protectedProcedure, router } from '../init.ts';

export const casesRouter = router({
  list: protectedProcedure.query(({ ctx }) => listCasesOfAgency(ctx.db, ctx.user.agency.id)),

  get: protectedProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    const record = await getCase(ctx.db, input.id);
    if (!record) fail(ctx, 'NOT_FOUND', 'notFound');
    ctx.authorize('case.read', record);
    return record;
  }),
});
