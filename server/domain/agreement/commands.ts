/**
 * Every change of an agreement, as a command: inside one transaction it loads the agreement,
 * checks the step is in order (CONFLICT), asks the policy (FORBIDDEN), acts and audits. Commands
 * that need the live text (signing hashes, opinions, suggestions, versions) or change who may
 * edit it hold the document still for the length of the transaction (`LiveDocuments.hold`), so
 * the text they read is the text they act on and no edit slips in between.
 */
import * as Y from 'yjs';
import type { Transaction } from '@libsql/client';
import type { z } from 'zod';
import { authorize, expectState, readable, type CommandDeps } from '../command.ts';
import { DomainError } from '../errors.ts';
import type { HeldDocuments } from '../live-documents.ts';
import { recordAudit } from '../audit/index.ts';
import { can } from '../../policy/index.ts';
import { createAgreement, getAgreement, updateAgreement, type AgreementSummary } from './index.ts';
import { addThread, reply as addReply, setResolved } from './comments.ts';
import { getVersion, restoreUpdate, saveVersion as insertVersion } from './versions.ts';
import { STATUS_NAMES_VI, isAllowedStep, sign as addSignature, startAmendment, textOf, transition as takeStep } from './lifecycle.ts';
import { acceptanceUpdate, addSuggestion, decideSuggestion, disagreements, giveOpinion as recordOpinion, releaseOwn as releaseOwnRemarks } from './consultation.ts';
import { addReview as insertReview } from './reviews.ts';
import { docName } from '../../../shared/collab.ts';
import type { AgreementStatus } from '../../../shared/domain.ts';
import type {
  addCommentInput, createAgreementInput, replyCommentInput, resolveCommentInput, saveVersionInput, updateAgreementInput, versionRefInput,
} from '../../../shared/schemas.ts';
import type { amendInput, opinionInput, reviewInput, signInput, suggestionInput, suggestionRefInput, transitionInput } from '../../../shared/lifecycle.ts';

const textDoc = (agreementId: string) => docName('agreement', agreementId);

/** The agreement as this transaction sees it, readable by the actor (NOT_FOUND, FORBIDDEN). */
export async function readableAgreement(sql: Transaction | CommandDeps['db'], actor: CommandDeps['actor'], agreementId: string): Promise<AgreementSummary> {
  return readable(actor, 'agreement.read', await getAgreement(sql, agreementId)) as AgreementSummary;
}

function expectStatus(expected: AgreementStatus | undefined, agreement: AgreementSummary): void {
  expectState(expected, agreement.status, STATUS_NAMES_VI[agreement.status]);
}

/** A command on one agreement that holds its live text: `work` runs in the transaction. */
function onHeldText<T>(deps: CommandDeps, agreementIds: readonly (string | null)[], work: (tx: Transaction, held: HeldDocuments) => Promise<T>): Promise<T> {
  const names = agreementIds.filter((id): id is string => id !== null).map(textDoc);
  return deps.live.hold(names, work);
}

/**
 * The agreement and the one it amends (if any): a step of an amendment changes the original too
 * (superseded, or in force again), so the original's editors are re-checked with it. Which
 * agreement an amendment amends is set at its creation and never changes, so it is read first.
 */
async function withOriginal<T>(deps: CommandDeps, agreementId: string, work: (ids: (string | null)[]) => Promise<T>): Promise<T> {
  const amends = (await getAgreement(deps.db, agreementId))?.amendsAgreementId ?? null;
  return work([agreementId, amends]);
}

/** A private copy of the text for computing a server change (the held document itself must not change before the commit). */
function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

export function create(deps: CommandDeps, input: z.infer<typeof createAgreementInput>): Promise<AgreementSummary> {
  return deps.db.write(async (tx) => {
    authorize(deps.actor, 'agreement.create', null);
    return createAgreement(tx, deps.live, deps.actor, input);
  });
}

/** Title, number and parties; a party removed loses its open connections at once. */
export function update(deps: CommandDeps, input: z.infer<typeof updateAgreementInput>): Promise<AgreementSummary> {
  return onHeldText(deps, [input.id], async (tx) => {
    const before = await readableAgreement(tx, deps.actor, input.id);
    authorize(deps.actor, 'agreement.manage', before);
    return updateAgreement(tx, deps.actor, before, input);
  });
}

export function addComment(deps: CommandDeps, input: z.infer<typeof addCommentInput>): Promise<{ id: string }> {
  return onHeldText(deps, [input.agreementId], async (tx, held) => {
    const agreement = await readableAgreement(tx, deps.actor, input.agreementId);
    authorize(deps.actor, 'agreement.comment', agreement);
    return { id: await addThread(tx, deps.actor, agreement, held.text(textDoc(agreement.id)), input) };
  });
}

export function reply(deps: CommandDeps, input: z.infer<typeof replyCommentInput>): Promise<{ id: string }> {
  return deps.db.write(async (tx) => {
    const agreement = await readableAgreement(tx, deps.actor, input.agreementId);
    authorize(deps.actor, 'agreement.comment', agreement);
    return { id: await addReply(tx, deps.actor, agreement, input.threadId, input.body) };
  });
}

export function resolveComment(deps: CommandDeps, input: z.infer<typeof resolveCommentInput>): Promise<{ ok: true }> {
  return deps.db.write(async (tx) => {
    const agreement = await readableAgreement(tx, deps.actor, input.agreementId);
    authorize(deps.actor, 'agreement.comment', agreement);
    await setResolved(tx, deps.actor, agreement.id, input.threadId, input.resolved);
    return { ok: true as const };
  });
}

/** Saves the text as it stands (every acknowledged edit, none after) under a unique name. */
export function saveVersion(deps: CommandDeps, input: z.infer<typeof saveVersionInput>) {
  return onHeldText(deps, [input.agreementId], async (tx, held) => {
    const agreement = await readableAgreement(tx, deps.actor, input.agreementId);
    authorize(deps.actor, 'agreement.edit', agreement);
    return insertVersion(tx, deps.actor, agreement.id, input.name, held.text(textDoc(agreement.id)));
  });
}

/** Makes the live text equal to a saved version, as a new change: history is kept, every editor receives it. */
export function restoreVersion(deps: CommandDeps, input: z.infer<typeof versionRefInput>): Promise<{ ok: true }> {
  return onHeldText(deps, [input.agreementId], async (tx, held) => {
    const agreement = await readableAgreement(tx, deps.actor, input.agreementId);
    authorize(deps.actor, 'agreement.manage', agreement);
    const version = await getVersion(tx, agreement.id, input.versionId);
    const copy = copyOf(held.text(textDoc(agreement.id)));
    try {
      await held.apply(tx, textDoc(agreement.id), restoreUpdate(copy, version.content), deps.actor.id);
    } finally {
      copy.destroy();
    }
    await recordAudit(tx, deps.actor, { entity: 'agreement', entityId: agreement.id, action: 'restore_version', summary: { versionId: version.id, name: version.name } });
    return { ok: true as const };
  });
}

/** One step of the agreement's life, by the lead agency's legal staff, along the allowed transitions only. */
export function transition(deps: CommandDeps, input: z.infer<typeof transitionInput>): Promise<AgreementSummary> {
  return withOriginal(deps, input.agreementId, (ids) => onHeldText(deps, ids, async (tx, held) => {
    const before = await readableAgreement(tx, deps.actor, input.agreementId);
    expectStatus(input.expectedStatus, before);
    if (!isAllowedStep(before.status, input.to)) {
      throw new DomainError('CONFLICT', 'agreementStepNotAllowed', { from: STATUS_NAMES_VI[before.status], to: STATUS_NAMES_VI[input.to] });
    }
    authorize(deps.actor, 'agreement.transition', { agreement: before, to: input.to });
    if (before.status === 'consultation' && input.to === 'final' && !input.confirmDisagreement) {
      const against = await disagreements(tx, before, textOf(held.text(textDoc(before.id))).json);
      if (against.length > 0) {
        throw new DomainError('CONFLICT', 'partiesDisagree', {
          parties: against.map((p) => `${p.shortName} (${p.opinions.join('; ')})`).join(', '), to: STATUS_NAMES_VI.final,
        });
      }
    }
    return takeStep(tx, deps.actor, before, input, held.text(textDoc(before.id)));
  }));
}

export function giveOpinion(deps: CommandDeps, input: z.infer<typeof opinionInput>): Promise<{ ok: true }> {
  return onHeldText(deps, [input.agreementId], async (tx, held) => {
    const agreement = await readableAgreement(tx, deps.actor, input.agreementId);
    if (agreement.status !== 'consultation') throw new DomainError('CONFLICT', 'agreementNotInConsultation');
    authorize(deps.actor, 'agreement.giveOpinion', agreement);
    await recordOpinion(tx, deps.actor, agreement, textOf(held.text(textDoc(agreement.id))).json, input);
    return { ok: true as const };
  });
}

export function suggest(deps: CommandDeps, input: z.infer<typeof suggestionInput>): Promise<{ id: string }> {
  return onHeldText(deps, [input.agreementId], async (tx, held) => {
    const agreement = await readableAgreement(tx, deps.actor, input.agreementId);
    if (agreement.status !== 'consultation') throw new DomainError('CONFLICT', 'agreementNotInConsultation');
    authorize(deps.actor, 'agreement.suggest', agreement);
    return { id: await addSuggestion(tx, deps.actor, agreement, held.text(textDoc(agreement.id)), input) };
  });
}

/** The caller's agency releases its suggestions and comments to the other parties. */
export function releaseOwn(deps: CommandDeps, agreementId: string) {
  return deps.db.write(async (tx) => {
    const agreement = await readableAgreement(tx, deps.actor, agreementId);
    authorize(deps.actor, 'agreement.release', agreement);
    return releaseOwnRemarks(tx, deps.actor, agreement.id);
  });
}

/** The replacement goes into the live text and the suggestion is marked accepted, in one transaction. */
export function acceptSuggestion(deps: CommandDeps, input: z.infer<typeof suggestionRefInput>): Promise<{ ok: true }> {
  return onHeldText(deps, [input.agreementId], async (tx, held) => {
    const agreement = await readableAgreement(tx, deps.actor, input.agreementId);
    expectStatus(input.expectedStatus, agreement);
    authorize(deps.actor, 'agreement.decideSuggestion', agreement);
    const copy = copyOf(held.text(textDoc(agreement.id)));
    try {
      const accepted = await acceptanceUpdate(tx, agreement.id, input.suggestionId, copy);
      // The accepted words are their suggester's, not the lead's who accepted them.
      await held.apply(tx, textDoc(agreement.id), accepted.update, accepted.authorId);
    } finally {
      copy.destroy();
    }
    await decideSuggestion(tx, deps.actor, agreement.id, input.suggestionId, 'accepted');
    return { ok: true as const };
  });
}

export function rejectSuggestion(deps: CommandDeps, input: z.infer<typeof suggestionRefInput>): Promise<{ ok: true }> {
  return deps.db.write(async (tx) => {
    const agreement = await readableAgreement(tx, deps.actor, input.agreementId);
    expectStatus(input.expectedStatus, agreement);
    authorize(deps.actor, 'agreement.decideSuggestion', agreement);
    await decideSuggestion(tx, deps.actor, agreement.id, input.suggestionId, 'rejected');
    return { ok: true as const };
  });
}

/** A signatory signs for its agency against the hash of the text held still in this transaction. */
export function sign(deps: CommandDeps, input: z.infer<typeof signInput>): Promise<AgreementSummary> {
  return withOriginal(deps, input.agreementId, (ids) => onHeldText(deps, ids, async (tx, held) => {
    const before = await readableAgreement(tx, deps.actor, input.agreementId);
    expectStatus(input.expectedStatus, before);
    if (before.status !== 'signing') throw new DomainError('CONFLICT', 'notInSigning');
    if (!can(deps.actor, 'agreement.sign', { agreement: before, agencyId: input.agencyId })) throw new DomainError('FORBIDDEN', 'signOwnAgencyOnly');
    return addSignature(tx, deps.actor, before, input, textOf(held.text(textDoc(before.id))).hash);
  }));
}

/** An agreement in force is amended by a new draft seeded with its signed text. */
export function amend(deps: CommandDeps, input: z.infer<typeof amendInput>): Promise<AgreementSummary> {
  return onHeldText(deps, [input.agreementId], async (tx) => {
    const original = await readableAgreement(tx, deps.actor, input.agreementId);
    expectStatus(input.expectedStatus, original);
    if (original.status !== 'in_force') {
      throw new DomainError('CONFLICT', 'agreementStepNotAllowed', { from: STATUS_NAMES_VI[original.status], to: STATUS_NAMES_VI.amended });
    }
    authorize(deps.actor, 'agreement.amend', original);
    return startAmendment(tx, deps.live, deps.actor, original, input);
  });
}

export function addReview(deps: CommandDeps, input: z.infer<typeof reviewInput>): Promise<{ id: string }> {
  return deps.db.write(async (tx) => {
    const agreement = await readableAgreement(tx, deps.actor, input.agreementId);
    if (agreement.status !== 'in_force' && agreement.status !== 'amended') {
      throw new DomainError('CONFLICT', 'agreementStepNotAllowed', { from: STATUS_NAMES_VI[agreement.status], to: 'sơ kết / tổng kết' });
    }
    authorize(deps.actor, 'agreement.review', agreement);
    return { id: await insertReview(tx, deps.actor, agreement, input) };
  });
}
