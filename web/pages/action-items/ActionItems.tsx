import { A, createAsync, useSearchParams } from '@solidjs/router';
import { createMemo, For, Show } from 'solid-js';
import { fill, useI18n } from '../../lib/i18n.tsx';
import { getAssignedByUs, getMyActionItems } from '../../lib/queries.ts';
import type { Outputs } from '../../lib/trpc.ts';
import { Empty, Page } from '../../components/Page.tsx';
import { formatDate, localDate } from '../../../shared/format.ts';
import { ACTION_ITEM_STATUSES } from '../../../shared/domain.ts';
import { dueBucket } from './due.ts';
import { isActive } from '../../../shared/action-items.ts';

type Item = Outputs['actionItems']['mine'][number];

/**
 * Việc cần làm: the agency's items grouped as overdue, due this week, later and done, with
 * filters; a second tab lists what the agency assigned, to accept or reopen reported work.
 */
export default function ActionItems() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams<{ tab?: string; source?: string; status?: string; agreement?: string; meeting?: string; person?: string }>();
  const tab = () => (params.tab === 'assigned' ? 'assigned' : 'mine');
  const mine = createAsync(() => getMyActionItems());
  const assigned = createAsync(() => getAssignedByUs());
  const today = localDate();
  const items = () => (tab() === 'mine' ? mine() : assigned()) ?? [];

  const options = createMemo(() => {
    const agreements = new Map<string, string>();
    const meetings = new Map<string, string>();
    const people = new Map<string, string>();
    for (const item of items()) {
      if (item.agreementId) agreements.set(item.agreementId, item.sourceTitle ?? item.agreementId);
      if (item.meetingId) meetings.set(item.meetingId, item.sourceTitle ?? item.meetingId);
      if (item.assigneeUserId) people.set(item.assigneeUserId, item.assigneeName ?? item.assigneeUserId);
    }
    return { agreements: [...agreements], meetings: [...meetings], people: [...people] };
  });

  const filtered = () => items().filter((item) =>
    (!params.source || item.sourceKind === params.source) && (!params.status || item.status === params.status)
    && (!params.agreement || item.agreementId === params.agreement) && (!params.meeting || item.meetingId === params.meeting)
    && (!params.person || item.assigneeUserId === params.person));

  const isDone = (item: Item) => !isActive(item.status);
  const groups = () => {
    const all = filtered();
    const open = all.filter((i) => !isDone(i));
    return [
      { key: 'overdue', label: t().actionItems.overdue, items: open.filter((i) => dueBucket(i.dueDate, today) === 'overdue') },
      { key: 'thisWeek', label: t().actionItems.thisWeek, items: open.filter((i) => dueBucket(i.dueDate, today) === 'thisWeek') },
      { key: 'later', label: t().actionItems.later, items: open.filter((i) => dueBucket(i.dueDate, today) === 'later') },
      { key: 'done', label: t().actionItems.done, items: all.filter(isDone) },
    ];
  };
  const sourceLabel = (item: Item) => item.sourceKind === 'agreement' ? t().actionItems.fromAgreement : item.sourceKind === 'meeting' ? t().actionItems.fromMeeting : t().actionItems.manual;
  const sourceHref = (item: Item) => item.agreementId ? `/agreements/${item.agreementId}?item=${item.id}` : item.meetingId ? `/meetings/${item.meetingId}` : undefined;
  const select = (key: 'source' | 'status' | 'agreement' | 'meeting' | 'person') => (event: Event) =>
    setParams({ [key]: (event.currentTarget as HTMLSelectElement).value || undefined });

  return (
    <Page title={t().actionItems.title} subtitle={t().actionItems.subtitle}>
      <div class="tabs" role="tablist">
        <button role="tab" aria-selected={tab() === 'mine'} onClick={() => setParams({ tab: undefined })}>{t().actionItemPage.mine} <span class="count">{mine()?.filter((i) => !isDone(i)).length ?? 0}</span></button>
        <button role="tab" aria-selected={tab() === 'assigned'} onClick={() => setParams({ tab: 'assigned' })}>{t().actionItemPage.assignedByUs} <span class="count">{assigned()?.filter((i) => i.status === 'reported_done').length ?? 0}</span></button>
      </div>
      <div class="filters" role="group" aria-label={t().actionItemPage.filters}>
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
      <Show when={filtered().length > 0} fallback={<Empty>{t().actionItems.none}</Empty>}>
        <For each={groups().filter((g) => g.items.length > 0)}>
          {(group) => (
            <section class="card group">
              <h2>{group.label} <span class="count">{group.items.length}</span></h2>
              <ul class="list">
                <For each={group.items}>
                  {(item) => (
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
                  )}
                </For>
              </ul>
            </section>
          )}
        </For>
      </Show>
      <p class="muted small">{fill(t().actionItemPage.count, { count: filtered().length })}</p>
    </Page>
  );
}
