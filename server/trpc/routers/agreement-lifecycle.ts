/**
 * The procedures of an agreement's life after drafting, mounted inside `agreements`: steps,
 * consultation (opinions, suggestions, release), signing and verification, amendments, reviews.
 * Mutations validate, run the command (server/domain/agreement/commands.ts) and return its result;
 * queries read through the domain and the live documents' port.
 */
import { z } from 'zod';
import { id, versionRefInput } from '../../../shared/schemas.ts';
import {
  acknowledgeInput, amendInput, disseminationInput, opinionInput, reviewInput, reviewPeriodInput, signInput, suggestionInput, suggestionRefInput, transitionInput,
} from '../../../shared/lifecycle.ts';
import { docName } from '../../../shared/collab.ts';
import { compareVersions } from '../../../shared/legal/compare.ts';
import { textBlocks } from '../../../shared/legal/blocks.ts';
import { localDate, placeOf } from '../../../shared/format.ts';
import { getVersion } from '../../domain/agreement/versions.ts';
import { lifecycleEvents, lifecycleView, lineage, listSignatures, signatureBlocksOf, textOf, verification } from '../../domain/agreement/lifecycle.ts';
import { consultationGrid, listSuggestions } from '../../domain/agreement/consultation.ts';
import { listReviews, reviewDraft, reviewFigures } from '../../domain/agreement/reviews.ts';
import * as agreementCommands from '../../domain/agreement/commands.ts';
import * as disseminationCommands from '../../domain/dissemination/commands.ts';
import { disseminationView } from '../../domain/dissemination/index.ts';
import { commandDeps, fail, protectedProcedure, type ProtectedContext } from '../init.ts';

const readable = (ctx: ProtectedContext, agreementId: string) => agreementCommands.readableAgreement(ctx.db, ctx.user, agreementId);

/** The committed live text, as JSON and its hash. */
const currentText = (ctx: ProtectedContext, agreementId: string) => ctx.live.read(docName('agreement', agreementId), textOf);

export const lifecycleProcedures = {
  /** Where the agreement stands and what this user may do next. */
  /** Where the agreement stands and what this user may do next. */
  lifecycle: protectedProcedure.input(z.object({ agreementId: id })).query(async ({ ctx, input }) =>
    lifecycleView(ctx.db, ctx.user, await readable(ctx, input.agreementId))),

  transition: protectedProcedure.input(transitionInput).mutation(({ ctx, input }) => agreementCommands.transition(commandDeps(ctx), input)),

  consultation: protectedProcedure.input(z.object({ agreementId: id })).query(async ({ ctx, input }) => {
    const agreement = await readable(ctx, input.agreementId);
    return consultationGrid(ctx.db, agreement, (await currentText(ctx, agreement.id)).json);
  }),

  giveOpinion: protectedProcedure.input(opinionInput).mutation(({ ctx, input }) => agreementCommands.giveOpinion(commandDeps(ctx), input)),

  suggestions: protectedProcedure.input(z.object({ agreementId: id })).query(async ({ ctx, input }) => {
    await readable(ctx, input.agreementId);
    return listSuggestions(ctx.db, input.agreementId, ctx.user.agency.id);
  }),

  suggest: protectedProcedure.input(suggestionInput).mutation(({ ctx, input }) => agreementCommands.suggest(commandDeps(ctx), input)),

  /** The caller's agency releases its suggestions and comments to the other parties. */
  releaseOwn: protectedProcedure.input(z.object({ agreementId: id })).mutation(({ ctx, input }) => agreementCommands.releaseOwn(commandDeps(ctx), input.agreementId)),

  /** The replacement goes into the live text (as a server change every editor receives), then the suggestion is marked accepted. */
  acceptSuggestion: protectedProcedure.input(suggestionRefInput).mutation(({ ctx, input }) => agreementCommands.acceptSuggestion(commandDeps(ctx), input)),

  rejectSuggestion: protectedProcedure.input(suggestionRefInput).mutation(({ ctx, input }) => agreementCommands.rejectSuggestion(commandDeps(ctx), input)),

  sign: protectedProcedure.input(signInput).mutation(({ ctx, input }) => agreementCommands.sign(commandDeps(ctx), input)),

  /** Anyone who may read: the hash of the text now, against the hash that was signed. */
  verify: protectedProcedure.input(z.object({ agreementId: id })).query(async ({ ctx, input }) => {
    const agreement = await readable(ctx, input.agreementId);
    return verification(ctx.db, agreement, (await currentText(ctx, agreement.id)).hash);
  }),

  /** For a signature (void or not): the text that was signed against the text now, changed blocks only. */
  changesSinceSigned: protectedProcedure.input(z.object({ agreementId: id, signatureId: id })).query(async ({ ctx, input }) => {
    const agreement = await readable(ctx, input.agreementId);
    const signature = (await listSignatures(ctx.db, agreement.id)).find((s) => s.id === input.signatureId);
    if (!signature) fail(ctx, 'NOT_FOUND', 'notFound');
    const signed = await getVersion(ctx.db, agreement.id, signature.versionId);
    const current = (await currentText(ctx, agreement.id)).json;
    return { versionId: signed.id, versionName: signed.name, changes: compareVersions(signed.content, current).filter((b) => b.status !== 'same') };
  }),

  amend: protectedProcedure.input(amendInput).mutation(({ ctx, input }) => agreementCommands.amend(commandDeps(ctx), input)),

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
    const current = (await currentText(ctx, agreement.id)).json;
    return { versionName: version.name, changes: compareVersions(version.content, current).filter((b) => b.status !== 'same') };
  }),

  /** What the print view lays out (the same as the DOCX): header, numbered blocks, signature blocks. */
  printable: protectedProcedure.input(z.object({ agreementId: id, versionId: id.optional() })).query(async ({ ctx, input }) => {
    const agreement = await readable(ctx, input.agreementId);
    const content = input.versionId
      ? (await getVersion(ctx.db, agreement.id, input.versionId)).content
      : (await currentText(ctx, agreement.id)).json;
    const [{ parties, blocks: signatureBlocks, lastSignedAt: lastSigned }, signatures] = await Promise.all([
      signatureBlocksOf(ctx.db, agreement, input.versionId ?? null), listSignatures(ctx.db, agreement.id)]);
    const valid = signatures.filter((s) => s.voidAt === null && (!input.versionId || s.versionId === input.versionId));
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
      /** The ND30 block of every party, as in the .docx and the .pdf. */
      signatureBlocks,
    };
  }),

  /** Dissemination (quán triệt): every party's record and its units' acknowledgements. */
  dissemination: protectedProcedure.input(z.object({ agreementId: id })).query(async ({ ctx, input }) =>
    disseminationView(ctx.db, ctx.user, await readable(ctx, input.agreementId))),

  recordDissemination: protectedProcedure.input(disseminationInput).mutation(({ ctx, input }) => disseminationCommands.record(commandDeps(ctx), input)),

  acknowledgeDissemination: protectedProcedure.input(acknowledgeInput).mutation(({ ctx, input }) => disseminationCommands.acknowledge(commandDeps(ctx), input)),

  reviews: protectedProcedure.input(z.object({ agreementId: id })).query(async ({ ctx, input }) => {
    await readable(ctx, input.agreementId);
    return listReviews(ctx.db, input.agreementId);
  }),

  reviewDraft: protectedProcedure.input(reviewPeriodInput).query(async ({ ctx, input }) => {
    const agreement = await readable(ctx, input.agreementId);
    ctx.authorize('agreement.review', agreement);
    return { report: await reviewDraft(ctx.db, agreement, input.from, input.to), figures: await reviewFigures(ctx.db, agreement, input.from, input.to) };
  }),

  /** The figures of a review period from the records (who may read the agreement sees them, as the report). */
  reviewFigures: protectedProcedure.input(reviewPeriodInput).query(async ({ ctx, input }) =>
    reviewFigures(ctx.db, await readable(ctx, input.agreementId), input.from, input.to)),

  addReview: protectedProcedure.input(reviewInput).mutation(({ ctx, input }) => agreementCommands.addReview(commandDeps(ctx), input)),
};
