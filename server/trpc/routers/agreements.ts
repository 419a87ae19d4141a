import { z } from 'zod';
import {
  addCommentInput, createAgreementInput, id, replyCommentInput, resolveCommentInput, saveVersionInput, updateAgreementInput, versionRefInput,
} from '../../../shared/schemas.ts';
import { docName } from '../../../shared/collab.ts';
import { createAgreement, draftersOf, getAgreement, listAgreementsOfAgency, updateAgreement } from '../../domain/agreement/index.ts';
import { addThread, listComments, reply, setResolved } from '../../domain/agreement/comments.ts';
import { getVersion, listVersions, restoreUpdate, saveVersion } from '../../domain/agreement/versions.ts';
import { recordAudit } from '../../domain/audit/index.ts';
import { implementationView } from '../../domain/agreement/implementation.ts';
import { loadYDoc } from '../../collab/persistence.ts';
import { can } from '../../policy/index.ts';
import { fail, protectedProcedure, router, type ProtectedContext } from '../init.ts';
import { lifecycleProcedures } from './agreement-lifecycle.ts';

async function readableAgreement(ctx: ProtectedContext, agreementId: string) {
  const agreement = await getAgreement(ctx.db, agreementId);
  if (!agreement) fail(ctx, 'NOT_FOUND', 'notFound');
  ctx.authorize('agreement.read', agreement);
  return agreement;
}

/** The live text with every update acknowledged so far. */
async function liveText(ctx: ProtectedContext, agreementId: string) {
  await ctx.collab?.flushAll();
  return loadYDoc(ctx.db, docName('agreement', agreementId));
}

export const agreementsRouter = router({
  ...lifecycleProcedures,

  list: protectedProcedure.query(({ ctx }) => listAgreementsOfAgency(ctx.db, ctx.user.agency.id)),

  get: protectedProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    const agreement = await readableAgreement(ctx, input.id);
    return {
      ...agreement,
      drafters: await draftersOf(ctx.db, agreement),
      canEdit: can(ctx.user, 'agreement.edit', agreement),
      canComment: can(ctx.user, 'agreement.comment', agreement),
      canManage: can(ctx.user, 'agreement.manage', agreement),
    };
  }),

  create: protectedProcedure.input(createAgreementInput).mutation(({ ctx, input }) => {
    ctx.authorize('agreement.create', null);
    return ctx.db.write((tx) => createAgreement(tx, ctx.user, input));
  }),

  /** Title, number and parties; a party removed loses its open connections at once. */
  update: protectedProcedure.input(updateAgreementInput).mutation(async ({ ctx, input }) => {
    const before = await readableAgreement(ctx, input.id);
    ctx.authorize('agreement.manage', before);
    const agreement = await ctx.db.write((tx) => updateAgreement(tx, ctx.user, before, input));
    await ctx.collab?.refreshAccess(docName('agreement', input.id));
    return agreement;
  }),

  /** For a signed agreement: each article's duties and their status, the follow-up conclusions, the figures before and since. */
  implementation: protectedProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    const agreement = await readableAgreement(ctx, input.id);
    return { agreement, ...(await implementationView(ctx.db, agreement)) };
  }),

  comments: protectedProcedure.input(z.object({ agreementId: id })).query(async ({ ctx, input }) => {
    await readableAgreement(ctx, input.agreementId);
    return listComments(ctx.db, input.agreementId, ctx.user.agency.id);
  }),

  addComment: protectedProcedure.input(addCommentInput).mutation(async ({ ctx, input }) => {
    const agreement = await readableAgreement(ctx, input.agreementId);
    ctx.authorize('agreement.comment', agreement);
    const text = await liveText(ctx, input.agreementId);
    try {
      return { id: await ctx.db.write((tx) => addThread(tx, ctx.user, agreement, text, input)) };
    } finally {
      text.destroy();
    }
  }),

  reply: protectedProcedure.input(replyCommentInput).mutation(async ({ ctx, input }) => {
    const agreement = await readableAgreement(ctx, input.agreementId);
    ctx.authorize('agreement.comment', agreement);
    return { id: await ctx.db.write((tx) => reply(tx, ctx.user, agreement, input.threadId, input.body)) };
  }),

  resolveComment: protectedProcedure.input(resolveCommentInput).mutation(async ({ ctx, input }) => {
    const agreement = await readableAgreement(ctx, input.agreementId);
    ctx.authorize('agreement.comment', agreement);
    await ctx.db.write((tx) => setResolved(tx, ctx.user, input.agreementId, input.threadId, input.resolved));
    return { ok: true };
  }),

  versions: protectedProcedure.input(z.object({ agreementId: id })).query(async ({ ctx, input }) => {
    await readableAgreement(ctx, input.agreementId);
    return listVersions(ctx.db, input.agreementId);
  }),

  version: protectedProcedure.input(versionRefInput).query(async ({ ctx, input }) => {
    await readableAgreement(ctx, input.agreementId);
    return getVersion(ctx.db, input.agreementId, input.versionId);
  }),

  saveVersion: protectedProcedure.input(saveVersionInput).mutation(async ({ ctx, input }) => {
    const agreement = await readableAgreement(ctx, input.agreementId);
    ctx.authorize('agreement.edit', agreement);
    const text = await liveText(ctx, input.agreementId);
    try {
      return await ctx.db.write((tx) => saveVersion(tx, ctx.user, input.agreementId, input.name, text));
    } finally {
      text.destroy();
    }
  }),

  /** Makes the live text equal to a saved version, as a new change: history is kept, concurrent edits merge. */
  restoreVersion: protectedProcedure.input(versionRefInput).mutation(async ({ ctx, input }) => {
    const agreement = await readableAgreement(ctx, input.agreementId);
    ctx.authorize('agreement.manage', agreement);
    if (!ctx.collab) fail(ctx, 'CONFLICT', 'collabUnavailable');
    const version = await getVersion(ctx.db, input.agreementId, input.versionId);
    const text = await liveText(ctx, input.agreementId);
    try {
      await ctx.collab.applyServerUpdate(docName('agreement', input.agreementId), restoreUpdate(text, version.content));
    } finally {
      text.destroy();
    }
    await ctx.db.write((tx) => recordAudit(tx, ctx.user, { entity: 'agreement', entityId: input.agreementId, action: 'restore_version', summary: { versionId: version.id, name: version.name } }));
    return { ok: true };
  }),
});
