import { A, createAsync } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { fill, useI18n } from '../../lib/i18n.tsx';
import { getActionItemCounts, getAgreements, getMeetings, getMyActionItems } from '../../lib/queries.ts';
import { getMe } from '../../lib/session.ts';
import { Empty, Page } from '../../components/Page.tsx';
import { formatDate, formatDateTime, localDate } from '../../../shared/format.ts';
import { dueBucket } from '../action-items/due.ts';

export default function Dashboard() {
  const { t } = useI18n();
  const me = createAsync(() => getMe());
  const agreements = createAsync(() => getAgreements());
  const meetings = createAsync(() => getMeetings());
  const items = createAsync(() => getMyActionItems({ group: 'open', limit: 6 }));
  const counts = createAsync(() => getActionItemCounts('mine'));

  const upcoming = () => (meetings() ?? []).filter((m) => m.endsAt >= new Date().toISOString() && m.status !== 'cancelled').slice(0, 5);
  const openItems = () => items() ?? [];
  const today = localDate();
  const overdue = () => counts()?.overdue ?? 0;
  const dueSoon = () => counts()?.thisWeek ?? 0;

  return (
    <Page title={fill(t().dashboard.hello, { name: me()?.name ?? '' })} subtitle={me()?.agency.nameVi}>
      <div class="stat-row">
        <A href="/action-items" class="stat-card stat-danger"><span class="stat-value">{overdue()}</span><span>{t().dashboard.overdue}</span></A>
        <A href="/action-items" class="stat-card stat-warning"><span class="stat-value">{dueSoon()}</span><span>{t().dashboard.dueSoon}</span></A>
        <A href="/agreements" class="stat-card"><span class="stat-value">{agreements()?.length ?? 0}</span><span>{t().dashboard.agreements}</span></A>
        <A href="/meetings" class="stat-card"><span class="stat-value">{upcoming().length}</span><span>{t().dashboard.meetings}</span></A>
      </div>
      <div class="grid-2">
        <section class="card">
          <h2>{t().dashboard.actionItems}</h2>
          <ul class="list">
            <For each={openItems().slice(0, 6)} fallback={<Empty>{t().dashboard.noItems}</Empty>}>
              {(item) => (
                <li class="list-item">
                  <div>
                    <strong>{item.title}</strong>
                    <div class="muted small">{item.sourceTitle}</div>
                  </div>
                  <span class={`due due-${dueBucket(item.dueDate, today)}`}>{formatDate(item.dueDate)}</span>
                </li>
              )}
            </For>
          </ul>
        </section>
        <section class="card">
          <h2>{t().dashboard.meetings}</h2>
          <ul class="list">
            <For each={upcoming()} fallback={<Empty>{t().dashboard.noMeetings}</Empty>}>
              {(meeting) => (
                <li class="list-item">
                  <div>
                    <A href={`/meetings/${meeting.id}`}><strong>{meeting.title}</strong></A>
                    <div class="muted small">{meeting.place}</div>
                  </div>
                  <span class="nowrap">{formatDateTime(meeting.startsAt)}</span>
                </li>
              )}
            </For>
          </ul>
          <Show when={agreements()?.length}>
            <h2>{t().dashboard.agreements}</h2>
            <ul class="list">
              <For each={agreements()!.slice(0, 4)}>
                {(agreement) => (
                  <li class="list-item">
                    <A href={`/agreements/${agreement.id}`}>{agreement.title}</A>
                    <span class="badge">{t().agreementStatus[agreement.status]}</span>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </section>
      </div>
    </Page>
  );
}
