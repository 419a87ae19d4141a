import { A, createAsync } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { useI18n } from '../../lib/i18n.tsx';
import { getMyActionItems } from '../../lib/queries.ts';
import type { Outputs } from '../../lib/trpc.ts';
import { Empty, Page } from '../../components/Page.tsx';
import { formatDate, localDate } from '../../../shared/format.ts';
import { dueBucket } from './due.ts';

type Item = Outputs['actionItems']['mine'][number];

export default function ActionItems() {
  const { t } = useI18n();
  const items = createAsync(() => getMyActionItems());
  const today = localDate();
  const isDone = (item: Item) => ['accepted', 'reported_done', 'cancelled'].includes(item.status);
  const groups = () => {
    const all = items() ?? [];
    return [
      { key: 'overdue', label: t().actionItems.overdue, items: all.filter((i) => !isDone(i) && dueBucket(i.dueDate, today) === 'overdue') },
      { key: 'thisWeek', label: t().actionItems.thisWeek, items: all.filter((i) => !isDone(i) && dueBucket(i.dueDate, today) === 'thisWeek') },
      { key: 'later', label: t().actionItems.later, items: all.filter((i) => !isDone(i) && dueBucket(i.dueDate, today) === 'later') },
      { key: 'done', label: t().actionItems.done, items: all.filter(isDone) },
    ];
  };
  const sourceLink = (item: Item) => item.agreementId ? `/agreements/${item.agreementId}` : item.meetingId ? `/meetings/${item.meetingId}` : undefined;

  return (
    <Page title={t().actionItems.title} subtitle={t().actionItems.subtitle}>
      <Show when={(items() ?? []).length > 0} fallback={<Empty>{t().actionItems.none}</Empty>}>
        <For each={groups().filter((g) => g.items.length > 0)}>
          {(group) => (
            <section class="card group">
              <h2>{group.label} <span class="count">{group.items.length}</span></h2>
              <ul class="list">
                <For each={group.items}>
                  {(item) => (
                    <li class="list-item action-item">
                      <div>
                        <strong>{item.title}</strong>
                        <p class="small">{item.description}</p>
                        <div class="muted small">
                          {item.sourceKind === 'agreement' ? t().actionItems.fromAgreement : item.sourceKind === 'meeting' ? t().actionItems.fromMeeting : t().actionItems.manual}
                          <Show when={sourceLink(item)}>{(href) => <>: <A href={href()}>{item.sourceTitle}</A></>}</Show>
                        </div>
                      </div>
                      <div class="item-meta">
                        <span class={`due due-${dueBucket(item.dueDate, today)}`}>{t().actionItems.due}: {formatDate(item.dueDate)}</span>
                        <span class="badge">{t().actionItemStatus[item.status]}</span>
                      </div>
                    </li>
                  )}
                </For>
              </ul>
            </section>
          )}
        </For>
      </Show>
    </Page>
  );
}
