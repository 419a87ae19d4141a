import { z } from 'zod';
import { listAttachments, parseTarget } from '../../domain/attachment/index.ts';
import { protectedProcedure, router } from '../init.ts';

export const attachmentsRouter = router({
  /** The files of a record the caller may read (`agreement:<id>`, `meeting:<id>`, `actionItem:<id>`, `case:<id>`), and whether they may add one. */
  list: protectedProcedure.input(z.object({ target: z.string().min(1).max(100) })).query(async ({ ctx, input }) => {
    const { items, canUpload } = await listAttachments(ctx.db, ctx.user, parseTarget(input.target));
    return {
      canUpload,
      items: items.map((item) => ({
        id: item.id, name: item.name, size: item.size, sha256: item.sha256, contentType: item.contentType,
        uploaderName: item.uploaderName, agencyShortName: item.agencyShortName, createdAt: item.createdAt,
      })),
    };
  }),
});
