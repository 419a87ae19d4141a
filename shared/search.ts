/** Search: what the box sends and what comes back (server/domain/search). */
import { z } from 'zod';

export const SEARCH_KINDS = ['agreement', 'meeting', 'case', 'action_item', 'agency'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** A piece of a title or snippet, `match` where the user's words were found (original accents kept). */
export interface Segment { text: string; match: boolean }

export interface SearchHit {
  kind: SearchKind;
  id: string;
  title: string;
  /** The page that opens the hit in the web app. */
  href: string;
  /** bm25: lower is better. */
  score: number;
  titleSegments: Segment[];
  /** A window of the body around the first match; empty when only the title matched. */
  snippet: Segment[];
}

/** Longer text is refused with BAD_REQUEST; the server also reads at most the first 500 characters and 12 words. */
export const SEARCH_MAX_INPUT = 2000;

export const searchInput = z.object({
  q: z.string().max(SEARCH_MAX_INPUT),
  limit: z.number().int().min(1).max(50).optional(),
});
