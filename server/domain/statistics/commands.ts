/** Targets and frozen reports of the statistics, as commands. */
import { authorize, type CommandDeps } from '../command.ts';
import { freezeReport, setTarget as writeTarget, type Target } from './index.ts';
import type { Period, Unit } from '../../../shared/statistics.ts';

export function setTarget(deps: CommandDeps, input: { unit: Unit; year: number; casesRate: number; moneyRate: number }): Promise<Target> {
  return deps.db.write(async (tx) => {
    authorize(deps.actor, 'statistics.setTarget', null);
    return writeTarget(tx, deps.actor, input);
  });
}

/** The figures of a period frozen for everyone (số liệu chốt), as they are at this commit. */
export function freeze(deps: CommandDeps, input: { name: string; period: Period; unit: Unit }): Promise<{ id: string }> {
  return deps.db.write(async (tx) => {
    authorize(deps.actor, 'statistics.freeze', null);
    return { id: await freezeReport(tx, deps.actor, input) };
  });
}
