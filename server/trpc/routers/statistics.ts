import { z } from 'zod';
import { id } from '../../../shared/schemas.ts';
import {
  freezeInput, monthEnds, statisticalYear, statisticalYearOf, statisticsCasesInput, statisticsQueryInput, targetInput,
} from '../../../shared/statistics.ts';
import {
  complexCasesByFlag, computeFigures, figureCases, listReports, meetingActivity, progress, ranking, reportWithDifferences, statisticsUnits,
} from '../../domain/statistics/index.ts';
import * as statisticsCommands from '../../domain/statistics/commands.ts';
import { can } from '../../policy/index.ts';
import { localDate } from '../../../shared/format.ts';
import { commandDeps, protectedProcedure, router } from '../init.ts';

export const statisticsRouter = router({
  /** The figures of a period and unit, both rates, and progress against the year's target. */
  figures: protectedProcedure.input(statisticsQueryInput).query(async ({ ctx, input }) => {
    ctx.authorize('statistics.read', null);
    const figures = await computeFigures(ctx.db, input.period, input.unit);
    return { period: input.period, unit: input.unit, figures, progress: await progress(ctx.db, input.period, input.unit, figures) };
  }),

  /** Everything the dashboard shows beside the figures. */
  dashboard: protectedProcedure.input(statisticsQueryInput).query(async ({ ctx, input }) => {
    ctx.authorize('statistics.read', null);
    // Months that have not begun yet are left out of the trend.
    const today = localDate();
    const points = monthEnds(input.period).filter((point) => `${point.period.to.slice(0, 8)}01` <= today);
    const [trend, rank, complex, activity] = await Promise.all([
      Promise.all(points.map(async (point) => ({ label: point.label, period: point.period, figures: await computeFigures(ctx.db, point.period, input.unit) }))),
      ranking(ctx.db, input.period, input.unit),
      complexCasesByFlag(ctx.db, input.period, input.unit),
      meetingActivity(ctx.db, input.period, input.unit),
    ]);
    return {
      trend: trend.map((p) => ({ label: p.label, period: p.period, casesRate: p.figures.rates.cases, moneyRate: p.figures.rates.money })),
      ranking: rank, complex, activity,
      canFreeze: can(ctx.user, 'statistics.freeze', null), canSetTarget: can(ctx.user, 'statistics.setTarget', null),
    };
  }),

  /** The cases that make up one figure (drill-down). */
  cases: protectedProcedure.input(statisticsCasesInput).query(({ ctx, input }) => {
    ctx.authorize('statistics.read', null);
    return figureCases(ctx.db, input.period, input.unit, input.figure, ctx.user.agency.id, { offset: input.offset, limit: input.limit });
  }),

  /** What the unit pickers offer: enforcement offices and officers. */
  units: protectedProcedure.query(async ({ ctx }) => {
    ctx.authorize('statistics.read', null);
    return { ...(await statisticsUnits(ctx.db)), currentYear: statisticalYearOf(new Date().toISOString().slice(0, 10)) };
  }),

  setTarget: protectedProcedure.input(targetInput).mutation(({ ctx, input }) => statisticsCommands.setTarget(commandDeps(ctx), input)),

  freeze: protectedProcedure.input(freezeInput).mutation(({ ctx, input }) => statisticsCommands.freeze(commandDeps(ctx), input)),

  reports: protectedProcedure.query(({ ctx }) => {
    ctx.authorize('statistics.read', null);
    return listReports(ctx.db);
  }),

  /** A frozen report with the live figures beside it and the differences case by case. */
  report: protectedProcedure.input(z.object({ id })).query(({ ctx, input }) => {
    ctx.authorize('statistics.read', null);
    return reportWithDifferences(ctx.db, input.id);
  }),

  year: protectedProcedure.input(z.object({ year: z.number().int().min(2000).max(2100) })).query(({ input }) => statisticalYear(input.year)),
});
