import { on } from 'node:events';
import { z } from 'zod';
import { id } from '../../../shared/schemas.ts';
import { recordChanges, WATCHED_ENTITIES, type RecordChange } from '../../domain/changes.ts';
import { readableAgreement } from '../../domain/agreement/commands.ts';
import { readableMeeting } from '../../domain/meeting/commands.ts';
import { readableCase } from '../../domain/case/commands.ts';
import { readableItem } from '../../domain/action-item/commands.ts';
import { protectedProcedure, router, type ProtectedContext } from '../init.ts';

const readers = {
  agreement: (ctx: ProtectedContext, recordId: string) => readableAgreement(ctx.db, ctx.user, recordId),
  meeting: (ctx: ProtectedContext, recordId: string) => readableMeeting(ctx.db, ctx.user, recordId),
  case: (ctx: ProtectedContext, recordId: string) => readableCase(ctx.db, ctx.user, recordId),
  action_item: (ctx: ProtectedContext, recordId: string) => readableItem(ctx.db, ctx.user, recordId),
};

export const changesRouter = router({
  /** Server-sent events: a tick each time the record changes (a step, a comment, a conclusion…), for a page that shows it. */
  watch: protectedProcedure.input(z.object({ entity: z.enum(WATCHED_ENTITIES), id })).subscription(async function* ({ ctx, input, signal }) {
    await readers[input.entity](ctx, input.id);
    for await (const [change] of on(recordChanges, 'change', { signal }) as AsyncIterable<[RecordChange]>) {
      if (change.entity === input.entity && change.id === input.id) yield { at: new Date().toISOString() };
    }
  }),
});
