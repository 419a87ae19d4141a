import { z } from 'zod';
import { createAgreementInput, id } from '../../../shared/schemas.ts';
import { createAgreement, getAgreement, listAgreementsOfAgency } from '../../domain/agreement/index.ts';
import { can } from '../../policy/index.ts';
import { fail, protectedProcedure, router } from '../init.ts';

export const agreementsRouter = router({
  list: protectedProcedure.query(({ ctx }) => listAgreementsOfAgency(ctx.db, ctx.user.agency.id)),

  get: protectedProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    const agreement = await getAgreement(ctx.db, input.id);
    if (!agreement) fail(ctx, 'NOT_FOUND', 'notFound');
    ctx.authorize('agreement.read', agreement);
    return { ...agreement, canEdit: can(ctx.user, 'agreement.edit', agreement), canComment: can(ctx.user, 'agreement.comment', agreement) };
  }),

  create: protectedProcedure.input(createAgreementInput).mutation(({ ctx, input }) => {
    ctx.authorize('agreement.create', null);
    return ctx.db.write((tx) => createAgreement(tx, ctx.user, input));
  }),
});
