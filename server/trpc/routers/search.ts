import { searchInput } from '../../../shared/search.ts';
import { search } from '../../domain/search/index.ts';
import { protectedProcedure, router } from '../init.ts';

export const searchRouter = router({
  /** What the caller's agency may see that matches `q`, diacritics ignored, best first. */
  query: protectedProcedure.input(searchInput).query(({ ctx, input }) => search(ctx.db, ctx.live, ctx.user.agency.id, input.q, input.limit ?? 20)),
});
