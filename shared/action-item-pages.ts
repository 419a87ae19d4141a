/**
 * Pages of action items (`actionItems.mine`, `actionItems.assignedByUs`): the optional input that
 * asks for one group a page at a time, and the cursor the next page starts after. Without `group`
 * the answer is a bounded window: the items still to do that are due soonest, and the most recently
 * finished of the others; the counts (`actionItems.counts`) say how many there are in all.
 */
import { z } from 'zod';
import { ACTION_ITEM_STATUSES } from './domain.ts';

/** An answer without a group: at most this many items still to do (soonest due first)… */
export const WINDOW_OPEN = 200;
/** …and the last this many of the others (reported done, accepted, cancelled). */
export const WINDOW_FINISHED = 50;
export const PAGE_DEFAULT = 50;
export const PAGE_MAX = 200;

/** `open`: still to do (open, in progress, reopened), soonest due first. `done`: the rest, last changed first. */
export const ITEM_GROUPS = ['open', 'done'] as const;
export type ItemGroup = (typeof ITEM_GROUPS)[number];

const cursor = z.string().max(200).regex(/^[0-9T:.Z-]{10,30}\|[^|]{1,64}$/, { error: 'con trỏ trang không hợp lệ' });

export const actionItemPageInput = z.object({
  status: z.enum(ACTION_ITEM_STATUSES).optional(),
  source: z.enum(['agreement', 'meeting', 'manual']).optional(),
  agreementId: z.string().min(1).max(64).optional(),
  meetingId: z.string().min(1).max(64).optional(),
  assigneeUserId: z.string().min(1).max(64).optional(),
  /** Words of the title or the description, diacritics ignored. */
  q: z.string().max(200).optional(),
  group: z.enum(ITEM_GROUPS).optional(),
  /** From the last item of the previous page (`nextCursor`); only with `group`. */
  cursor: cursor.optional(),
  limit: z.number().int().min(1).max(PAGE_MAX).optional(),
}).refine((input) => !input.cursor || input.group, { error: 'con trỏ trang cần đi kèm nhóm (group)', path: ['cursor'] }).optional();

export type ActionItemPageInput = z.infer<typeof actionItemPageInput>;

/** Where the next page of `group` starts: after this item. */
export function nextCursor(group: ItemGroup, item: { dueDate: string; updatedAt: string; id: string }): string {
  return `${group === 'open' ? item.dueDate : item.updatedAt}|${item.id}`;
}
