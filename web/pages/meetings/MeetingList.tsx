import { A, createAsync, useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { fill, useI18n } from '../../lib/i18n.tsx';
import { getAgencies, getMeetings, getMeetingsBetween } from '../../lib/queries.ts';
import { getMe } from '../../lib/session.ts';
import { Empty, Page } from '../../components/Page.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { formatDate, formatDateTime } from '../../../shared/format.ts';
import { addDays, addMonths, localDate, monthGrid, shownStatus, startOfWeek } from './dates.ts';
import { MonthView, WeekView } from './MeetingCalendar.tsx';
import { MeetingForm } from './MeetingForm.tsx';

type View = 'list' | 'week' | 'month';
const VIEWS: View[] = ['list', 'week', 'month'];

function MeetingTable() {
  const { t } = useI18n();
  const meetings = createAsync(() => getMeetings());
  const agencies = createAsync(() => getAgencies());
  const shortName = (id: string) => agencies()?.find((a) => a.id === id)?.shortName ?? id;
  return (
    <div class="table-wrap card">
      <table class="table stack-table">
        <thead><tr><th>{t().meetings.when}</th><th>{t().meetings.title}</th><th>{t().meetings.chair}</th><th>{t().meetings.invited}</th></tr></thead>
        <tbody>
          <For each={meetings()} fallback={<tr><td colSpan={4}><Empty>{t().meetings.none}</Empty></td></tr>}>
            {(meeting) => (
              <tr classList={{ 'row-cancelled': meeting.status === 'cancelled' }}>
                <td class="nowrap" data-label={t().meetings.when}>{formatDateTime(meeting.startsAt)}</td>
                <td data-label={t().meetings.title}>
                  <A href={`/meetings/${meeting.id}`}><strong>{meeting.title}</strong></A>
                  <div class="muted small">{t().meetingKinds[meeting.kind]} · <span class={`status status-${shownStatus(meeting)}`}>{t().meetingStatus[shownStatus(meeting)]}</span></div>
                </td>
                <td data-label={t().meetings.chair}>{meeting.chairName}<div class="muted small">{meeting.chairAgencyShortName}</div></td>
                <td data-label={t().meetings.invited}><div class="chips"><For each={meeting.invitedAgencyIds}>{(id) => <span class="chip">{shortName(id)}</span>}</For></div></td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

export default function MeetingList() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const me = createAsync(() => getMe());
  const [search, setSearch] = useSearchParams<{ view?: string; date?: string }>();
  const [scheduling, setScheduling] = createSignal(false);
  const view = (): View => (VIEWS.includes(search.view as View) ? (search.view as View) : 'list');
  const anchor = () => (search.date && /^\d{4}-\d{2}-\d{2}$/.test(search.date) ? search.date : localDate());
  const canSchedule = () => me()?.roles.includes('chair') ?? false;

  const range = () => {
    if (view() === 'month') return monthGrid(anchor());
    const from = startOfWeek(anchor());
    return { from, to: addDays(from, 7), days: [] as string[] };
  };
  const meetings = createAsync(() => (view() === 'list' ? Promise.resolve([]) : getMeetingsBetween(range().from, range().to)));
  const step = (direction: -1 | 1) => setSearch({ date: view() === 'month' ? addMonths(anchor(), direction) : addDays(anchor(), 7 * direction) });
  const label = () => view() === 'month'
    ? fill(t().meetingList.monthOf, { month: Number(anchor().slice(5, 7)), year: anchor().slice(0, 4) })
    : fill(t().meetingList.weekOf, { from: formatDate(range().from), to: formatDate(addDays(range().to, -1)) });
  const viewLabel = (v: View) => t().meetingList[v];

  const onTabKey = (event: KeyboardEvent) => {
    const index = VIEWS.indexOf(view());
    const next = event.key === 'ArrowRight' ? VIEWS[(index + 1) % 3] : event.key === 'ArrowLeft' ? VIEWS[(index + 2) % 3] : undefined;
    if (!next) return;
    event.preventDefault();
    setSearch({ view: next });
    (event.currentTarget as HTMLElement).querySelector<HTMLElement>(`[data-view="${next}"]`)?.focus();
  };

  return (
    <Page title={t().meetings.title} subtitle={t().meetings.subtitle} actions={
      <Show when={canSchedule()}><button class="button button-primary" onClick={() => setScheduling(true)}>{t().meetingList.schedule}</button></Show>
    }>
      <div class="calendar-bar">
        <div class="tabs" role="tablist" aria-label={t().meetingList.views} onKeyDown={onTabKey}>
          <For each={VIEWS}>
            {(v) => (
              <button type="button" role="tab" id={`tab-${v}`} data-view={v} aria-selected={view() === v} aria-controls="meetings-panel"
                tabIndex={view() === v ? 0 : -1} class="tab" onClick={() => setSearch({ view: v })}>{viewLabel(v)}</button>
            )}
          </For>
        </div>
        <Show when={view() !== 'list'}>
          <div class="calendar-nav">
            <button type="button" class="button button-small" onClick={() => step(-1)} aria-label={t().meetingList.previous}>‹ <span class="nav-text">{t().meetingList.previous}</span></button>
            <button type="button" class="button button-small" onClick={() => setSearch({ date: undefined })}>{t().meetingList.today}</button>
            <button type="button" class="button button-small" onClick={() => step(1)} aria-label={t().meetingList.next}><span class="nav-text">{t().meetingList.next}</span> ›</button>
            <h2 class="calendar-label" aria-live="polite">{label()}</h2>
          </div>
        </Show>
      </div>
      <div id="meetings-panel" role="tabpanel" aria-labelledby={`tab-${view()}`}>
        <Switch>
          <Match when={view() === 'list'}><MeetingTable /></Match>
          <Match when={view() === 'week'}><WeekView from={range().from} meetings={meetings() ?? []} /></Match>
          <Match when={view() === 'month'}>
            <MonthView month={anchor()} days={range().days} meetings={meetings() ?? []} onShowWeek={(day) => setSearch({ view: 'week', date: day })} />
          </Match>
        </Switch>
      </div>
      <Dialog open={scheduling()} onOpenChange={setScheduling} title={t().meetingForm.newTitle}>
        <MeetingForm onCancel={() => setScheduling(false)} onSaved={(id) => { setScheduling(false); navigate(`/meetings/${id}`); }} />
      </Dialog>
    </Page>
  );
}
