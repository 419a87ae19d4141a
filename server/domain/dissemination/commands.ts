/** Dissemination (quán triệt) as commands: load, check, ask the policy, act and audit in one `db.write`. */
import type { z } from 'zod';
import { authorize, type CommandDeps } from '../command.ts';
import { DomainError } from '../errors.ts';
import { readableAgreement } from '../agreement/commands.ts';
import type { AgreementSummary } from '../agreement/index.ts';
import { acknowledge as addAcknowledgement, recordDissemination, unitOf } from './index.ts';
import type { acknowledgeInput, disseminationInput } from '../../../shared/lifecycle.ts';

const inForce = (agreement: AgreementSummary) => agreement.status === 'in_force' || agreement.status === 'amended';

/** A party's legal staff record how their agency disseminated the agreement in force. */
export function record(deps: CommandDeps, input: z.infer<typeof disseminationInput>): Promise<{ ok: true }> {
  return deps.db.write(async (tx) => {
    const agreement = await readableAgreement(tx, deps.actor, input.agreementId);
    if (!inForce(agreement)) throw new DomainError('CONFLICT', 'notInForceForDissemination');
    authorize(deps.actor, 'agreement.recordDissemination', { agreement, agencyId: deps.actor.agency.id });
    await recordDissemination(tx, deps.actor, agreement, input);
    return { ok: true as const };
  });
}

/** A person of a party's subordinate unit acknowledges, for the unit, that the agreement was disseminated to it. */
export function acknowledge(deps: CommandDeps, input: z.infer<typeof acknowledgeInput>): Promise<{ ok: true }> {
  return deps.db.write(async (tx) => {
    const agreement = await readableAgreement(tx, deps.actor, input.agreementId);
    if (!inForce(agreement)) throw new DomainError('CONFLICT', 'notInForceForDissemination');
    const unit = await unitOf(tx, deps.actor.agency.id);
    if (!unit || unit.parentId === null) throw new DomainError('FORBIDDEN', 'forbidden');
    authorize(deps.actor, 'agreement.acknowledgeDissemination', { agreement, unit });
    await addAcknowledgement(tx, deps.actor, agreement, { id: unit.id, parentId: unit.parentId });
    return { ok: true as const };
  });
}
