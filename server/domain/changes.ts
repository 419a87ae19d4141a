/**
 * Which records just changed, for the pages that show them: every audited change announces its
 * record once its transaction commits, and `changes.watch` (an SSE subscription) tells each open
 * page of that record to read it again, through the usual authorized queries. The event carries no
 * data, only that the record changed.
 */
import { EventEmitter } from 'node:events';
import { afterCommit, type Sql } from '../db/client.ts';

export const WATCHED_ENTITIES = ['agreement', 'meeting', 'case', 'action_item'] as const;
export type WatchedEntity = (typeof WATCHED_ENTITIES)[number];

export interface RecordChange { entity: string; id: string }

/** Emits 'change' with a `RecordChange` after the commit that changed the record. */
export const recordChanges = new EventEmitter().setMaxListeners(0);

/** Announces that `entity` `id` changed, once `tx` commits (never if it rolls back). */
export function announceChange(tx: Sql, entity: string, id: string): void {
  afterCommit(tx, () => recordChanges.emit('change', { entity, id } satisfies RecordChange));
}
