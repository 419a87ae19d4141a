import { z } from 'zod';
import { caseImportInput, caseInput, caseStatusInput, caseStepCorrectionInput, id, updateCaseInput } from '../../../shared/schemas.ts';
import { caseHistory, caseMeetings, countVisibleFlags, listVisibleCases } from '../../domain/case/index.ts';
import * as caseCommands from '../../domain/case/commands.ts';
import { can } from '../../policy/index.ts';
import { commandDeps, protectedProcedure, router } from '../init.ts';

export const casesRouter = router({
  list: protectedProcedure.query(({ ctx }) => listVisibleCases(ctx.db, ctx.user)),

  /** Of the cases the caller may read: how many are open today, complex, and carry each flag (case/flags.ts, as the statistics count). */
  counts: protectedProcedure.query(({ ctx }) => countVisibleFlags(ctx.db, ctx.user)),

  /** The case with its dated history and the meetings that discussed it (those the caller may see). */
  get: protectedProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    const record = await caseCommands.readableCase(ctx.db, ctx.user, input.id);
    const [history, meetings] = await Promise.all([caseHistory(ctx.db, input.id), caseMeetings(ctx.db, ctx.user, input.id)]);
    return { ...record, history, meetings, canEdit: can(ctx.user, 'case.edit', record) };
  }),

  create: protectedProcedure.input(caseInput).mutation(({ ctx, input }) => caseCommands.create(commandDeps(ctx), input)),

  update: protectedProcedure.input(updateCaseInput).mutation(({ ctx, input }) => caseCommands.update(commandDeps(ctx), input)),

  recordStatus: protectedProcedure.input(caseStatusInput).mutation(({ ctx, input }) => caseCommands.recordStatus(commandDeps(ctx), input)),

  /** A recorded step corrected (date, step, amount, agencies) with a reason. */
  correctStep: protectedProcedure.input(caseStepCorrectionInput).mutation(({ ctx, input }) => caseCommands.correctStep(commandDeps(ctx), input)),

  /** A CSV register into the caller's office: all rows or none, with an error per bad row and field. */
  import: protectedProcedure.input(caseImportInput).mutation(({ ctx, input }) => caseCommands.importRegister(commandDeps(ctx), input)),
});
