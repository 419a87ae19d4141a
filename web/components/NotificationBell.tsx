import { createAsync, revalidate, useNavigate } from '@solidjs/router';
import { For, onCleanup, onMount, Show } from 'solid-js';
import { DropdownMenu } from '@kobalte/core/dropdown-menu';
import { fill, useI18n } from '../lib/i18n.tsx';
import { getActiveItemCount, getMyActionItems, getNotifications } from '../lib/queries.ts';
import { api } from '../lib/trpc.ts';
import { auditTime } from '../../shared/audit-words.ts';

/** Dates in a notice's text as dd/mm/yyyy (notices written before the bell formatted them carry 2026-12-24). */
const dayFirst = (text: string) => text.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, '$3/$2/$1');

/** The notification centre: unread count on a bell, the latest notices, live through server-sent events. */
export function NotificationBell() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const notices = createAsync(() => getNotifications());

  onMount(() => {
    const subscription = api.notifications.changes.subscribe(undefined, {
      onData: () => { void revalidate([getNotifications.key, getMyActionItems.key, getActiveItemCount.key]); },
    });
    onCleanup(() => subscription.unsubscribe());
  });

  const open = async (notice: { id: string; itemId: string | null; meetingId: string | null }) => {
    await api.notifications.markRead.mutate({ ids: [notice.id] });
    await revalidate(getNotifications.key);
    if (notice.itemId) navigate(`/action-items/${notice.itemId}`);
    else if (notice.meetingId) navigate(`/meetings/${notice.meetingId}`);
  };
  const label = (kind: string) => (t().notifications.kinds as Record<string, string>)[kind] ?? kind;

  return (
    <DropdownMenu>
      <DropdownMenu.Trigger class="bell-button" aria-label={fill(t().notifications.label, { count: notices()?.unread ?? 0 })}>
        <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
          <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" /><path d="M13.73 21a2 2 0 0 1-3.46 0" />
        </svg>
        <Show when={(notices()?.unread ?? 0) > 0}><span class="bell-count">{notices()!.unread}</span></Show>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content class="menu notifications-menu">
          <div class="menu-header notifications-header">
            <strong>{t().notifications.title}</strong>
            <button class="button button-small button-ghost" disabled={!notices()?.unread}
              onClick={async () => { await api.notifications.markRead.mutate({ ids: 'all' }); await revalidate(getNotifications.key); }}>
              {t().notifications.markAll}
            </button>
          </div>
          <For each={notices()?.items.slice(0, 12)} fallback={<p class="empty menu-empty">{t().notifications.none}</p>}>
            {(notice) => (
              <DropdownMenu.Item class="menu-item notice" classList={{ unread: !notice.read }} onSelect={() => open(notice)}>
                <span class={`notice-kind notice-${notice.kind}`}>{label(notice.kind)}</span>
                <span class="notice-title">{notice.title}</span>
                <span class="muted small">{notice.body ? `${dayFirst(notice.body)} · ` : ''}{auditTime(notice.createdAt)}</span>
              </DropdownMenu.Item>
            )}
          </For>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu>
  );
}
