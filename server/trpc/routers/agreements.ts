import { z } from 'zod';
import {
  addCommentInput, createAgreementInput, id, replyCommentInput, resolveCommentInput, saveVersionInput, updateAgreementInput, versionRefInput,
} from '../../../shared/schemas.ts';
import { draftersOf, listVisibleAgreements } from '../../domain/agreement/index.ts';
import { listComments } from '../../domain/agreement/comments.ts';
import { getVersion, listVersions } from '../../domain/agreement/versions.ts';
import { compareVersionsOf } from '../../domain/agreement/attribution.ts';
import { implementationView } from '../../domain/agreement/implementation.ts';
import * as agreementCommands from '../../domain/agreement/commands.ts';
import { can } from '../../policy/index.ts';
import { commandDeps, protectedProcedure, router, type ProtectedContext } from '../init.ts';
import { lifecycleProcedures } from './agreement-lifecycle.ts';

const readable = (ctx: ProtectedContext, agreementId: string) => agreementCommands.readableAgreement(ctx.db, ctx.user, agreementId);

export const agreementsRouter = router({
  ...lifecycleProcedures,

  list: protectedProcedure.query(({ ctx }) => listVisibleAgreements(ctx.db, ctx.user)),

  get: protectedProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    const agreement = await readable(ctx, input.id);
    return {
      ...agreement,
      drafters: await draftersOf(ctx.db, agreement),
      canEdit: can(ctx.user, 'agreement.edit', agreement),
      canComment: can(ctx.user, 'agreement.comment', agreement),
      canManage: can(ctx.user, 'agreement.manage', agreement),
      // Duties are assigned from the text while it is drafted and once it is in force (the point of signing it).
      canAssignDuties: can(ctx.user, 'actionItem.assign', { assignedAgencyId: agreement.leadAgencyId, source: { kind: 'agreement', agreement } }),
    };
  }),

  create: protectedProcedure.input(createAgreementInput).mutation(({ ctx, input }) => agreementCommands.create(commandDeps(ctx), input)),

  /** Title, number and parties; a party removed loses its open connections at once. */
  update: protectedProcedure.input(updateAgreementInput).mutation(({ ctx, input }) => agreementCommands.update(commandDeps(ctx), input)),

  /** For a signed agreement: each article's duties and their status, the follow-up conclusions, the figures before and since. */
  implementation: protectedProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    const agreement = await readable(ctx, input.id);
    return { agreement, ...(await implementationView(ctx.db, ctx.live, agreement)) };
  }),

  comments: protectedProcedure.input(z.object({ agreementId: id })).query(async ({ ctx, input }) => {
    await readable(ctx, input.agreementId);
    return listComments(ctx.db, input.agreementId, ctx.user.agency.id);
  }),

  addComment: protectedProcedure.input(addCommentInput).mutation(({ ctx, input }) => agreementCommands.addComment(commandDeps(ctx), input)),

  reply: protectedProcedure.input(replyCommentInput).mutation(({ ctx, input }) => agreementCommands.reply(commandDeps(ctx), input)),

  resolveComment: protectedProcedure.input(resolveCommentInput).mutation(({ ctx, input }) => agreementCommands.resolveComment(commandDeps(ctx), input)),

  versions: protectedProcedure.input(z.object({ agreementId: id })).query(async ({ ctx, input }) => {
    await readable(ctx, input.agreementId);
    return listVersions(ctx.db, input.agreementId);
  }),

  version: protectedProcedure.input(versionRefInput).query(async ({ ctx, input }) => {
    await readable(ctx, input.agreementId);
    return getVersion(ctx.db, input.agreementId, input.versionId);
  }),

  /** A version against another or against the text now (`otherId` null): what changed, and who added and removed each part. */
  compare: protectedProcedure.input(versionRefInput.extend({ otherId: id.nullable() })).query(async ({ ctx, input }) => {
    await readable(ctx, input.agreementId);
    return compareVersionsOf(ctx.db, ctx.live, input.agreementId, input.versionId, input.otherId);
  }),

  saveVersion: protectedProcedure.input(saveVersionInput).mutation(({ ctx, input }) => agreementCommands.saveVersion(commandDeps(ctx), input)),

  /** Makes the live text equal to a saved version, as a new change: history is kept, concurrent edits merge. */
  restoreVersion: protectedProcedure.input(versionRefInput).mutation(({ ctx, input }) => agreementCommands.restoreVersion(commandDeps(ctx), input)),
});
