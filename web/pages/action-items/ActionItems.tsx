import { A, createAsync, useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, on, Show } from 'solid-js';
import { fill, useI18n } from '../../lib/i18n.tsx';
import { getActionItemCounts, getAssignedByUs, getMyActionItems } from '../../lib/queries.ts';
import type { Outputs } from '../../lib/trpc.ts';
import { Empty, Page } from '../../components/Page.tsx';
import { formatDate, localDate } from '../../../shared/format.ts';
import { ACTION_ITEM_STATUSES, type ActionItemStatus } from '../../../shared/domain.ts';
import { nextCursor, type ActionItemPageInput, type ItemGroup } from '../../../shared/action-item-pages.ts';
import { dueBucket } from './due.ts';

type Item = Outputs['actionItems']['mine'][number];
type Filter = NonNullable<ActionItemPageInput>;
const PAGE = 50;

/**
 * Việc cần làm: the agency's items grouped as overdue, due this week, later and done, with
 * filters and a search; a second tab lists what the agency assigned, to accept or reopen reported
 * work. Each group comes a page at a time ("Xem thêm"); the counts come from the server, so an
 * agency with thousands of items never loads them all.
 */
export default function ActionItems() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams<{ tab?: string; source?: string; status?: string; agreement?: string; meeting?: string; person?: string; q?: string }>();
  const tab = () => (params.tab === 'assigned' ? 'assigned' : 'mine');
  const today = localDate();
  const filter = createMemo((): Filter => {
    const value: Filter = {};
    if (params.source) value.source = params.source as Filter['source'];
    if (params.status && (ACTION_ITEM_STATUSES as readonly string[]).includes(params.status)) value.status = params.status as ActionItemStatus;
    if (params.agreement) value.agreementId = params.agreement;
    if (params.meeting) value.meetingId = params.meeting;
    if (params.person) value.assigneeUserId = params.person;
    if (params.q?.trim()) value.q = params.q.trim().slice(0, 200);
    return value;
  }, undefined, { equals: (a, b) => JSON.stringify(a) === JSON.stringify(b) });
  const fetchPage = (group: ItemGroup, cursor?: string) => {
    const input = { ...filter(), group, limit: PAGE, ...(cursor ? { cursor } : {}) };
    return tab() === 'mine' ? getMyActionItems(input) : getAssignedByUs(input);
  };

  const counts = createAsync(() => getActionItemCounts(tab(), filter()));
  const mineCounts = createAsync(() => getActionItemCounts('mine'));
  const assignedCounts = createAsync(() => getActionItemCounts('assigned'));
  const firstOpen = createAsync(() => fetchPage('open'));
  const firstDone = createAsync(() => fetchPage('done'));
  // Pages after the first, fetched on "Xem thêm"; a new tab or filter starts again from the first.
  const [moreOpen, setMoreOpen] = createSignal<Item[]>([]);
  const [moreDone, setMoreDone] = createSignal<Item[]>([]);
  const [loading, setLoading] = createSignal<ItemGroup | null>(null);
  createEffect(on([tab, filter], () => { setMoreOpen([]); setMoreDone([]); }, { defer: true }));
  const joined = (first: Item[] | undefined, more: Item[]) => {
    const seen = new Set((first ?? []).map((i) => i.id));
    return [...(first ?? []), ...more.filter((i) => !seen.has(i.id))];
  };
  const openItems = () => joined(firstOpen(), moreOpen());
  const doneItems = () => joined(firstDone(), moreDone());
  const openTotal = () => (counts() ? counts()!.overdue + counts()!.thisWeek + counts()!.later : openItems().length);
  const doneTotal = () => counts()?.done ?? doneItems().length;
  const loadMore = async (group: ItemGroup) => {
    const loaded = group === 'open' ? openItems() : doneItems();
    if (!loaded.length || loading()) return;
    setLoading(group);
    try {
      const page = await fetchPage(group, nextCursor(group, loaded[loaded.length - 1]));
      (group === 'open' ? setMoreOpen : setMoreDone)((more) => [...more, ...page]);
    } finally {
      setLoading(null);
    }
  };

  const options = () => counts()?.options ?? { agreements: [], meetings: [], people: [] };
  const groups = () => [
    { key: 'overdue', label: t().actionItems.overdue, total: counts()?.overdue, items: openItems().filter((i) => dueBucket(i.dueDate, today) === 'overdue') },
    { key: 'thisWeek', label: t().actionItems.thisWeek, total: counts()?.thisWeek, items: openItems().filter((i) => dueBucket(i.dueDate, today) === 'thisWeek') },
    { key: 'later', label: t().actionItems.later, total: counts()?.later, items: openItems().filter((i) => dueBucket(i.dueDate, today) === 'later') },
  ];
  const sourceLabel = (item: Item) => item.sourceKind === 'agreement' ? t().actionItems.fromAgreement : item.sourceKind === 'meeting' ? t().actionItems.fromMeeting : t().actionItems.manual;
  const sourceHref = (item: Item) => item.agreementId ? `/agreements/${item.agreementId}?item=${item.id}` : item.meetingId ? `/meetings/${item.meetingId}` : undefined;
  const select = (key: 'source' | 'status' | 'agreement' | 'meeting' | 'person') => (event: Event) =>
    setParams({ [key]: (event.currentTarget as HTMLSelectElement).value || undefined });
  const search = (event: Event) => setParams({ q: (event.currentTarget as HTMLInputElement).value.trim() || undefined });
  const more = (group: ItemGroup, loaded: number, total: number) => (
    <Show when={loaded > 0 && loaded < total}>
      <button class="button secondary more" disabled={loading() === group} onClick={() => void loadMore(group)}>
        {loading() === group ? t().common.loading : fill(t().actionItemPage.more, { left: total - loaded })}
      </button>
    </Show>
  );
  const itemRow = (item: Item) => (
    <li class="list-item action-item">
      <div>
        <A href={`/action-items/${item.id}`}><strong>{item.title}</strong></A>
        <p class="small">{item.description}</p>
        <div class="muted small">
          {sourceLabel(item)}
          <Show when={item.sourceTitle && sourceHref(item)}>: <A href={sourceHref(item)!}>{item.sourceTitle}</A></Show>
          {' · '}{tab() === 'mine' ? `${t().actionItemPage.assignedBy}: ${item.assignedByAgencyShortName}` : `${t().actionItemPage.assignedTo}: ${item.agencyShortName}`}
          <Show when={item.assigneeName}> · {item.assigneeName}</Show>
        </div>
        <Show when={item.anchorRemoved}><span class="badge badge-muted">{t().actionItemPage.textRemoved}</span></Show>
      </div>
      <div class="item-meta">
        <span class={`due due-${dueBucket(item.dueDate, today)}`}>{t().actionItems.due}: {formatDate(item.dueDate)}</span>
        <span class={`badge status-${item.status}`}>{t().actionItemStatus[item.status]}</span>
        <Show when={item.recurrence}><span class="muted small">↻ {t().actionItemPage.recurrence}</span></Show>
      </div>
    </li>
  );

  return (
    <Page title={t().actionItems.title} subtitle={t().actionItems.subtitle}>
      <div class="tabs" role="tablist">
        <button role="tab" aria-selected={tab() === 'mine'} onClick={() => setParams({ tab: undefined })}>{t().actionItemPage.mine} <span class="count">{mineCounts() ? mineCounts()!.overdue + mineCounts()!.thisWeek + mineCounts()!.later : 0}</span></button>
        <button role="tab" aria-selected={tab() === 'assigned'} onClick={() => setParams({ tab: 'assigned' })}>{t().actionItemPage.assignedByUs} <span class="count">{assignedCounts()?.reportedDone ?? 0}</span></button>
      </div>
      <div class="filters" role="group" aria-label={t().actionItemPage.filters}>
        <input type="search" aria-label={t().actionItemPage.search} placeholder={t().actionItemPage.searchPlaceholder} maxLength={200}
          value={params.q ?? ''} onChange={search} />
        <select aria-label={t().actionItems.source} value={params.source ?? ''} onChange={select('source')}>
          <option value="">{t().actionItemPage.allSources}</option>
          <option value="agreement">{t().actionItems.fromAgreement}</option>
          <option value="meeting">{t().actionItems.fromMeeting}</option>
          <option value="manual">{t().actionItems.manual}</option>
        </select>
        <select aria-label={t().actionItems.status} value={params.status ?? ''} onChange={select('status')}>
          <option value="">{t().actionItemPage.allStatuses}</option>
          <For each={ACTION_ITEM_STATUSES}>{(status) => <option value={status}>{t().actionItemStatus[status]}</option>}</For>
        </select>
        <Show when={options().agreements.length}>
          <select aria-label={t().actionItemPage.agreement} value={params.agreement ?? ''} onChange={select('agreement')}>
            <option value="">{t().actionItemPage.agreement}: {t().common.all}</option>
            <For each={options().agreements}>{([id, title]) => <option value={id}>{title}</option>}</For>
          </select>
        </Show>
        <Show when={options().meetings.length}>
          <select aria-label={t().actionItemPage.meeting} value={params.meeting ?? ''} onChange={select('meeting')}>
            <option value="">{t().actionItemPage.meeting}: {t().common.all}</option>
            <For each={options().meetings}>{([id, title]) => <option value={id}>{title}</option>}</For>
          </select>
        </Show>
        <Show when={options().people.length}>
          <select aria-label={t().actionItemPage.person} value={params.person ?? ''} onChange={select('person')}>
            <option value="">{t().actionItemPage.allPeople}</option>
            <For each={options().people}>{([id, name]) => <option value={id}>{name}</option>}</For>
          </select>
        </Show>
      </div>
      <Show when={openItems().length + doneItems().length > 0} fallback={<Empty>{firstOpen() && firstDone() ? t().actionItems.none : t().common.loading}</Empty>}>
        <For each={groups().filter((g) => g.items.length > 0)}>
          {(group) => (
            <section class="card group">
              <h2>{group.label} <span class="count">{group.total ?? group.items.length}</span></h2>
              <ul class="list"><For each={group.items}>{itemRow}</For></ul>
            </section>
          )}
        </For>
        {more('open', openItems().length, openTotal())}
        <Show when={doneItems().length > 0}>
          <section class="card group">
            <h2>{t().actionItems.done} <span class="count">{doneTotal()}</span></h2>
            <ul class="list"><For each={doneItems()}>{itemRow}</For></ul>
            {more('done', doneItems().length, doneTotal())}
          </section>
        </Show>
      </Show>
      <p class="muted small">{fill(t().actionItemPage.shown, { shown: openItems().length + doneItems().length, total: counts()?.total ?? openItems().length + doneItems().length })}</p>
    </Page>
  );
}
