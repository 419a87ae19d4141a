/**
 * The procedures of an agreement's life after drafting, mounted inside `agreements`: steps,
 * consultation (opinions, suggestions, release), signing and verification, amendments, reviews.
 * Each reads like a checklist: read the agreement, check the step is in order (CONFLICT), ask the
 * policy (FORBIDDEN), act in one transaction with its audit entry, then tell open editors.
 */
import { z } from 'zod';
import { id, versionRefInput } from '../../../shared/schemas.ts';
import {
  amendInput, opinionInput, reviewInput, reviewPeriodInput, signInput, suggestionInput, suggestionRefInput, transitionInput,
} from '../../../shared/lifecycle.ts';
import { AGREEMENT_TRANSITIONS, type AgreementStatus } from '../../../shared/domain.ts';
import { docName } from '../../../shared/collab.ts';
import { compareVersions } from '../../../shared/legal/compare.ts';
import { getAgreement } from '../../domain/agreement/index.ts';
import { getVersion } from '../../domain/agreement/versions.ts';
import {
  STATUS_NAMES_VI, isAllowedStep, lifecycleEvents, lineage, listSignatures, partiesOf, sign, startAmendment, textOf, transition,
} from '../../domain/agreement/lifecycle.ts';
import {
  acceptanceUpdate, addSuggestion, consultationGrid, decideSuggestion, giveOpinion, listSuggestions, releaseOwn,
} from '../../domain/agreement/consultation.ts';
import { addReview, listReviews, reviewDraft } from '../../domain/agreement/reviews.ts';
import { loadYDoc } from '../../collab/persistence.ts';
import { can } from '../../policy/index.ts';
import { fail, protectedProcedure, type ProtectedContext } from '../init.ts';
import { one } from '../../db/client.ts';
import { textBlocks } from '../../../shared/legal/blocks.ts';
import { localDate } from '../../../shared/format.ts';
import { placeOf } from '../../../shared/format.ts';

async function readable(ctx: ProtectedContext, agreementId: string) {
  const agreement = await getAgreement(ctx.db, agreementId);
  if (!agreement) fail(ctx, 'NOT_FOUND', 'notFound');
  ctx.authorize('agreement.read', agreement);
  return agreement;
}

/** The stored text (every acknowledged update), as a Y.Doc the caller destroys. */
async function storedText(ctx: ProtectedContext, agreementId: string) {
  await ctx.collab?.flushAll();
  return loadYDoc(ctx.db, docName('agreement', agreementId));
}

async function withText<T>(ctx: ProtectedContext, agreementId: string, use: (doc: Awaited<ReturnType<typeof storedText>>) => Promise<T>): Promise<T> {
  const doc = await storedText(ctx, agreementId);
  try {
    return await use(doc);
  } finally {
    doc.destroy();
  }
}

/** Rights changed with the status: open editors are closed and come back read-only (or writable). */
const refresh = (ctx: ProtectedContext, ...agreementIds: (string | null)[]) =>
  Promise.all(agreementIds.filter((a): a is string => a !== null).map((a) => ctx.collab?.refreshAccess(docName('agreement', a))));

export const lifecycleProcedures = {
  /** Where the agreement stands and what this user may do next. */
  lifecycle: protectedProcedure.input(z.object({ agreementId: id })).query(async ({ ctx, input }) => {
    const agreement = await readable(ctx, input.agreementId);
    const [parties, signatures, amendment] = await Promise.all([
      partiesOf(ctx.db, agreement), listSignatures(ctx.db, agreement.id),
      one<{ id: string; title: string; status: string }>(ctx.db, 'SELECT id, title, status FROM agreements WHERE amends_agreement_id = ? ORDER BY created_at DESC LIMIT 1', [agreement.id]),
    ]);
    const valid = signatures.filter((s) => s.voidAt === null);
    const allSigned = parties.every((p) => valid.some((s) => s.agencyId === p.id));
    // A fully signed text is not reopened (the server refuses it): the step is not offered.
    const possible = (to: AgreementStatus) => !(agreement.status === 'signing' && to === 'draft' && allSigned);
    return {
      status: agreement.status,
      nextSteps: AGREEMENT_TRANSITIONS[agreement.status]
        .filter((to) => can(ctx.user, 'agreement.transition', { agreement, to }) && possible(to)),
      consultationDeadline: agreement.consultationDeadline, effectiveDate: agreement.effectiveDate, inForceAt: agreement.inForceAt,
      signingHash: agreement.signingHash, signingVersionId: agreement.signingVersionId,
      amendsAgreementId: agreement.amendsAgreementId, amendment: amendment ?? null,
      parties: parties.map((p) => ({ ...p, signature: valid.find((s) => s.agencyId === p.id) ?? null })),
      signatures,
      rights: {
        opinion: can(ctx.user, 'agreement.giveOpinion', agreement),
        suggest: can(ctx.user, 'agreement.suggest', agreement),
        release: can(ctx.user, 'agreement.release', agreement),
        decide: can(ctx.user, 'agreement.decideSuggestion', agreement),
        sign: can(ctx.user, 'agreement.sign', { agreement, agencyId: ctx.user.agency.id }) && !valid.some((s) => s.agencyId === ctx.user.agency.id),
        amend: can(ctx.user, 'agreement.amend', agreement),
        review: can(ctx.user, 'agreement.review', agreement),
      },
    };
  }),

  transition: protectedProcedure.input(transitionInput).mutation(async ({ ctx, input }) => {
    const before = await readable(ctx, input.agreementId);
    if (!isAllowedStep(before.status, input.to)) {
      fail(ctx, 'CONFLICT', 'agreementStepNotAllowed', { from: STATUS_NAMES_VI[before.status], to: STATUS_NAMES_VI[input.to] });
    }
    ctx.authorize('agreement.transition', { agreement: before, to: input.to });
    const act = (live: Awaited<ReturnType<typeof storedText>> | null) => ctx.db.write((tx) => transition(tx, ctx.user, before, input, live));
    const agreement = input.to === 'signing' ? await withText(ctx, before.id, act) : await act(null);
    await refresh(ctx, agreement.id, agreement.amendsAgreementId);
    return agreement;
  }),

  consultation: protectedProcedure.input(z.object({ agreementId: id })).query(async ({ ctx, input }) => {
    const agreement = await readable(ctx, input.agreementId);
    return withText(ctx, agreement.id, (doc) => consultationGrid(ctx.db, agreement, textOf(doc).json));
  }),

  giveOpinion: protectedProcedure.input(opinionInput).mutation(async ({ ctx, input }) => {
    const agreement = await readable(ctx, input.agreementId);
    if (agreement.status !== 'consultation') fail(ctx, 'CONFLICT', 'agreementNotInConsultation');
    ctx.authorize('agreement.giveOpinion', agreement);
    await withText(ctx, agreement.id, (doc) => ctx.db.write((tx) => giveOpinion(tx, ctx.user, agreement, textOf(doc).json, input)));
    return { ok: true };
  }),

  suggestions: protectedProcedure.input(z.object({ agreementId: id })).query(async ({ ctx, input }) => {
    await readable(ctx, input.agreementId);
    return listSuggestions(ctx.db, input.agreementId, ctx.user.agency.id);
  }),

  suggest: protectedProcedure.input(suggestionInput).mutation(async ({ ctx, input }) => {
    const agreement = await readable(ctx, input.agreementId);
    if (agreement.status !== 'consultation') fail(ctx, 'CONFLICT', 'agreementNotInConsultation');
    ctx.authorize('agreement.suggest', agreement);
    return { id: await withText(ctx, agreement.id, (doc) => ctx.db.write((tx) => addSuggestion(tx, ctx.user, agreement, doc, input))) };
  }),

  /** The caller's agency releases its suggestions and comments to the other parties. */
  releaseOwn: protectedProcedure.input(z.object({ agreementId: id })).mutation(async ({ ctx, input }) => {
    const agreement = await readable(ctx, input.agreementId);
    ctx.authorize('agreement.release', agreement);
    return ctx.db.write((tx) => releaseOwn(tx, ctx.user, agreement.id));
  }),

  /** The replacement goes into the live text (as a server change every editor receives), then the suggestion is marked accepted. */
  acceptSuggestion: protectedProcedure.input(suggestionRefInput).mutation(async ({ ctx, input }) => {
    const agreement = await readable(ctx, input.agreementId);
    ctx.authorize('agreement.decideSuggestion', agreement);
    if (!ctx.collab) fail(ctx, 'CONFLICT', 'collabUnavailable');
    const update = await withText(ctx, agreement.id, (copy) => acceptanceUpdate(ctx.db, agreement.id, input.suggestionId, copy));
    await ctx.collab.applyServerUpdate(docName('agreement', agreement.id), update);
    await ctx.db.write((tx) => decideSuggestion(tx, ctx.user, agreement.id, input.suggestionId, 'accepted'));
    return { ok: true };
  }),

  rejectSuggestion: protectedProcedure.input(suggestionRefInput).mutation(async ({ ctx, input }) => {
    const agreement = await readable(ctx, input.agreementId);
    ctx.authorize('agreement.decideSuggestion', agreement);
    await ctx.db.write((tx) => decideSuggestion(tx, ctx.user, agreement.id, input.suggestionId, 'rejected'));
    return { ok: true };
  }),

  sign: protectedProcedure.input(signInput).mutation(async ({ ctx, input }) => {
    const before = await readable(ctx, input.agreementId);
    if (before.status !== 'signing') fail(ctx, 'CONFLICT', 'notInSigning');
    if (!can(ctx.user, 'agreement.sign', { agreement: before, agencyId: input.agencyId })) fail(ctx, 'FORBIDDEN', 'signOwnAgencyOnly');
    const agreement = await withText(ctx, before.id, (doc) => ctx.db.write((tx) => sign(tx, ctx.user, before, input, textOf(doc).hash)));
    await refresh(ctx, agreement.id, agreement.amendsAgreementId);
    return agreement;
  }),

  /** Anyone who may read: the hash of the text now, against the hash that was signed. */
  verify: protectedProcedure.input(z.object({ agreementId: id })).query(async ({ ctx, input }) => {
    const agreement = await readable(ctx, input.agreementId);
    const currentHash = await withText(ctx, agreement.id, async (doc) => textOf(doc).hash);
    const signatures = (await listSignatures(ctx.db, agreement.id)).filter((s) => s.voidAt === null);
    const signedHash = signatures[0]?.textHash ?? agreement.signingHash;
    return {
      currentHash, signedHash,
      matches: signedHash !== null && signatures.every((s) => s.textHash === currentHash) && signedHash === currentHash,
      signatures: signatures.map((s) => ({ agencyShortName: s.agencyShortName, signerName: s.signerName, textHash: s.textHash, matches: s.textHash === currentHash })),
    };
  }),

  /** For a signature (void or not): the text that was signed against the text now, changed blocks only. */
  changesSinceSigned: protectedProcedure.input(z.object({ agreementId: id, signatureId: id })).query(async ({ ctx, input }) => {
    const agreement = await readable(ctx, input.agreementId);
    const signature = (await listSignatures(ctx.db, agreement.id)).find((s) => s.id === input.signatureId);
    if (!signature) fail(ctx, 'NOT_FOUND', 'notFound');
    const signed = await getVersion(ctx.db, agreement.id, signature.versionId);
    const current = await withText(ctx, agreement.id, async (doc) => textOf(doc).json);
    return { versionId: signed.id, versionName: signed.name, changes: compareVersions(signed.content, current).filter((b) => b.status !== 'same') };
  }),

  amend: protectedProcedure.input(amendInput).mutation(async ({ ctx, input }) => {
    const original = await readable(ctx, input.agreementId);
    if (original.status !== 'in_force') fail(ctx, 'CONFLICT', 'agreementStepNotAllowed', { from: STATUS_NAMES_VI[original.status], to: STATUS_NAMES_VI.amended });
    ctx.authorize('agreement.amend', original);
    const amendment = await ctx.db.write((tx) => startAmendment(tx, ctx.user, original, input));
    await refresh(ctx, original.id);
    return amendment;
  }),

  /** Every agreement of the chain (original, amendments) with its versions, and the steps of this one. */
  history: protectedProcedure.input(z.object({ agreementId: id })).query(async ({ ctx, input }) => {
    const agreement = await readable(ctx, input.agreementId);
    const chain = await lineage(ctx.db, agreement);
    return { chain, events: await lifecycleEvents(ctx.db, agreement.id) };
  }),

  /** A version of another agreement of the same chain (the signed original of an amendment), compared with this text. */
  compareWithVersion: protectedProcedure.input(versionRefInput.extend({ ofAgreementId: id })).query(async ({ ctx, input }) => {
    const agreement = await readable(ctx, input.agreementId);
    const other = await readable(ctx, input.ofAgreementId);
    const version = await getVersion(ctx.db, other.id, input.versionId);
    const current = await withText(ctx, agreement.id, async (doc) => textOf(doc).json);
    return { versionName: version.name, changes: compareVersions(version.content, current).filter((b) => b.status !== 'same') };
  }),

  /** What the print view lays out (the same as the DOCX): header, numbered blocks, signature blocks. */
  printable: protectedProcedure.input(z.object({ agreementId: id, versionId: id.optional() })).query(async ({ ctx, input }) => {
    const agreement = await readable(ctx, input.agreementId);
    const content = input.versionId
      ? (await getVersion(ctx.db, agreement.id, input.versionId)).content
      : await withText(ctx, agreement.id, async (doc) => textOf(doc).json);
    const [parties, signatures] = await Promise.all([partiesOf(ctx.db, agreement), listSignatures(ctx.db, agreement.id)]);
    const valid = signatures.filter((s) => s.voidAt === null && (!input.versionId || s.versionId === input.versionId));
    const lastSigned = valid.map((s) => s.signedAt).sort().at(-1);
    const lead = parties.find((p) => p.id === agreement.leadAgencyId) ?? parties[0];
    return {
      title: agreement.title, docNumber: agreement.docNumber, status: agreement.status,
      place: placeOf(lead?.nameVi ?? ''),
      date: agreement.inForceAt ? localDate(agreement.inForceAt) : lastSigned ? localDate(lastSigned) : localDate(),
      blocks: textBlocks(content),
      parties: parties.map((p) => {
        const signature = valid.find((s) => s.agencyId === p.id);
        return { id: p.id, nameVi: p.nameVi, signerName: signature?.signerName ?? null, signerTitle: signature?.signerTitle ?? null };
      }),
    };
  }),

  reviews: protectedProcedure.input(z.object({ agreementId: id })).query(async ({ ctx, input }) => {
    await readable(ctx, input.agreementId);
    return listReviews(ctx.db, input.agreementId);
  }),

  reviewDraft: protectedProcedure.input(reviewPeriodInput).query(async ({ ctx, input }) => {
    const agreement = await readable(ctx, input.agreementId);
    ctx.authorize('agreement.review', agreement);
    return { report: await reviewDraft(ctx.db, agreement, input.from, input.to) };
  }),

  addReview: protectedProcedure.input(reviewInput).mutation(async ({ ctx, input }) => {
    const agreement = await readable(ctx, input.agreementId);
    if (agreement.status !== 'in_force' && agreement.status !== 'amended') {
      fail(ctx, 'CONFLICT', 'agreementStepNotAllowed', { from: STATUS_NAMES_VI[agreement.status], to: 'sơ kết / tổng kết' });
    }
    ctx.authorize('agreement.review', agreement);
    return { id: await ctx.db.write((tx) => addReview(tx, ctx.user, agreement, input)) };
  }),
};
