import { z } from 'zod';
import { caseImportInput, caseInput, caseStatusInput, id, updateCaseInput } from '../../../shared/schemas.ts';
import { caseHistory, caseMeetings, createCase, getCase, importCases, listCasesOfAgency, recordCaseStatus, updateCase } from '../../domain/case/index.ts';
import { can } from '../../policy/index.ts';
import { fail, protectedProcedure, router, type ProtectedContext } from '../init.ts';

async function readableCase(ctx: ProtectedContext, caseId: string) {
  const record = await getCase(ctx.db, caseId);
  if (!record) fail(ctx, 'NOT_FOUND', 'notFound');
  ctx.authorize('case.read', record);
  return record;
}

export const casesRouter = router({
  list: protectedProcedure.query(({ ctx }) => listCasesOfAgency(ctx.db, ctx.user.agency.id)),

  /** The case with its dated history and every meeting that discussed it. */
  get: protectedProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    const record = await readableCase(ctx, input.id);
    const [history, meetings] = await Promise.all([caseHistory(ctx.db, input.id), caseMeetings(ctx.db, input.id)]);
    return { ...record, history, meetings, canEdit: can(ctx.user, 'case.edit', record) };
  }),

  create: protectedProcedure.input(caseInput).mutation(({ ctx, input }) => {
    ctx.authorize('case.create', null);
    return ctx.db.write((tx) => createCase(tx, ctx.user, input));
  }),

  update: protectedProcedure.input(updateCaseInput).mutation(async ({ ctx, input }) => {
    const record = await readableCase(ctx, input.id);
    ctx.authorize('case.edit', record);
    return ctx.db.write((tx) => updateCase(tx, ctx.user, input.id, input.case));
  }),

  recordStatus: protectedProcedure.input(caseStatusInput).mutation(async ({ ctx, input }) => {
    const record = await readableCase(ctx, input.caseId);
    ctx.authorize('case.edit', record);
    return ctx.db.write((tx) => recordCaseStatus(tx, ctx.user, input));
  }),

  /** A CSV register into the caller's office: all rows or none, with an error per bad row and field. */
  import: protectedProcedure.input(caseImportInput).mutation(({ ctx, input }) => {
    ctx.authorize('case.create', null);
    return ctx.db.write((tx) => importCases(tx, ctx.user, input.csv));
  }),
});
