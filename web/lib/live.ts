/** Pages that stay current: a change someone else makes to the record on screen is read again within a second. */
import { revalidate } from '@solidjs/router';
import { createEffect, on, onCleanup } from 'solid-js';
import { api } from './trpc.ts';

type Entity = 'agreement' | 'meeting' | 'case' | 'action_item';

/**
 * Follows the record `id()` of `entity` through the server's `changes.watch` events and revalidates
 * `keys` (router query keys) on each; one subscription per record page, closed when it goes away.
 */
export function followRecord(entity: Entity, id: () => string | undefined, keys: () => string[]): void {
  createEffect(on(id, (current) => {
    if (!current) return;
    let pending: ReturnType<typeof setTimeout> | undefined;
    const subscription = api.changes.watch.subscribe({ entity, id: current }, {
      // A burst of changes (a conclusion with its assignments) is read once.
      onData: () => {
        clearTimeout(pending);
        pending = setTimeout(() => void revalidate(keys()), 100);
      },
    });
    onCleanup(() => {
      clearTimeout(pending);
      subscription.unsubscribe();
    });
  }));
}
