/** The life of an action item: which status may follow which, and which side moves it. */
import type { ActionItemStatus } from './domain.ts';

/** The assigned agency does the work; the assigning agency reviews it. */
export type Side = 'assignee' | 'assigner';

export const TRANSITIONS: Record<ActionItemStatus, { to: ActionItemStatus; side: Side }[]> = {
  open: [{ to: 'in_progress', side: 'assignee' }, { to: 'reported_done', side: 'assignee' }, { to: 'cancelled', side: 'assigner' }],
  in_progress: [{ to: 'reported_done', side: 'assignee' }, { to: 'cancelled', side: 'assigner' }],
  reopened: [{ to: 'in_progress', side: 'assignee' }, { to: 'reported_done', side: 'assignee' }, { to: 'cancelled', side: 'assigner' }],
  reported_done: [{ to: 'accepted', side: 'assigner' }, { to: 'reopened', side: 'assigner' }],
  accepted: [],
  cancelled: [],
};

export function transition(from: ActionItemStatus, to: ActionItemStatus) {
  return TRANSITIONS[from].find((t) => t.to === to);
}

/** Still someone's work: reminders apply, it counts as open. */
export const ACTIVE_STATUSES: readonly ActionItemStatus[] = ['open', 'in_progress', 'reopened'];

export const isActive = (status: ActionItemStatus): boolean => ACTIVE_STATUSES.includes(status);
