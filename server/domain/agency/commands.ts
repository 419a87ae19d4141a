/** Changes of the agency directory, as commands (administrators only). */
import type { z } from 'zod';
import { authorize, type CommandDeps } from '../command.ts';
import { createAgency, retireAgency, updateAgency, type Agency } from './index.ts';
import type { createAgencyInput, retireAgencyInput, updateAgencyInput } from '../../../shared/schemas.ts';

export function create(deps: CommandDeps, input: z.infer<typeof createAgencyInput>): Promise<Agency> {
  return deps.db.write(async (tx) => {
    authorize(deps.actor, 'agency.manage', null);
    return createAgency(tx, deps.actor, input);
  });
}

export function update(deps: CommandDeps, input: z.infer<typeof updateAgencyInput>): Promise<Agency> {
  return deps.db.write(async (tx) => {
    authorize(deps.actor, 'agency.manage', null);
    return updateAgency(tx, deps.actor, input);
  });
}

export function retire(deps: CommandDeps, input: z.infer<typeof retireAgencyInput>): Promise<Agency> {
  return deps.db.write(async (tx) => {
    authorize(deps.actor, 'agency.manage', null);
    return retireAgency(tx, deps.actor, input);
  });
}
