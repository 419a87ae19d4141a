/**
 * Week and month calendars of meetings: CSS grids, Monday first (T2 … CN), today marked, each
 * meeting a block with its Viet Nam time and title; cancelled meetings struck through.
 */
import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { fill, useI18n } from '../../lib/i18n.tsx';
import type { Outputs } from '../../lib/trpc.ts';
import { formatDate } from '../../../shared/format.ts';
import { addDays, localDate, minuteOfDay, timeOf } from './dates.ts';

type Meeting = Outputs['meetings']['list'][number];

function useWeekdays() {
  const { t } = useI18n();
  return { short: () => t().calendar.weekdays.split(','), long: () => t().calendar.weekdaysLong.split(',') };
}

const dayMonth = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}`;

function eventLabel(meeting: Meeting, cancelled: string): string {
  return `${timeOf(meeting.startsAt)}–${timeOf(meeting.endsAt)} ${meeting.title}${meeting.status === 'cancelled' ? ` (${cancelled})` : ''}`;
}

/** Side-by-side lanes for meetings of one day that overlap. */
function lanes(meetings: Meeting[]): { meeting: Meeting; lane: number; lanes: number }[] {
  const sorted = [...meetings].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const placed: { meeting: Meeting; lane: number; lanes: number }[] = [];
  let group: typeof placed = [];
  let groupEnd = '';
  const close = () => { const count = Math.max(1, ...group.map((p) => p.lane + 1)); group.forEach((p) => { p.lanes = count; }); };
  for (const meeting of sorted) {
    if (group.length && meeting.startsAt >= groupEnd) { close(); group = []; groupEnd = ''; }
    const taken = new Set(group.filter((p) => p.meeting.endsAt > meeting.startsAt).map((p) => p.lane));
    let lane = 0;
    while (taken.has(lane)) lane++;
    const entry = { meeting, lane, lanes: 1 };
    group.push(entry);
    placed.push(entry);
    if (meeting.endsAt > groupEnd) groupEnd = meeting.endsAt;
  }
  close();
  return placed;
}

export function WeekView(props: { from: string; meetings: Meeting[] }) {
  const { t } = useI18n();
  const weekdays = useWeekdays();
  const today = localDate();
  const days = () => Array.from({ length: 7 }, (_, i) => addDays(props.from, i));
  const onDay = (day: string) => props.meetings.filter((m) => localDate(m.startsAt) === day);
  // Office hours, widened to whatever is scheduled outside them.
  const firstHour = () => Math.min(7, ...props.meetings.map((m) => Math.floor(minuteOfDay(m.startsAt) / 60)));
  const lastHour = () => Math.max(18, ...props.meetings.map((m) => (localDate(m.endsAt) > localDate(m.startsAt) ? 24 : Math.ceil(minuteOfDay(m.endsAt) / 60))));
  const hours = () => Array.from({ length: lastHour() - firstHour() }, (_, i) => firstHour() + i);
  const position = (meeting: Meeting) => {
    const start = minuteOfDay(meeting.startsAt);
    const end = localDate(meeting.endsAt) > localDate(meeting.startsAt) ? 24 * 60 : minuteOfDay(meeting.endsAt);
    const span = (lastHour() - firstHour()) * 60;
    return { top: ((start - firstHour() * 60) / span) * 100, height: (Math.max(end - start, 30) / span) * 100 };
  };

  return (
    <div class="cal-scroll">
      <div class="cal-week" style={{ '--hours': hours().length }}>
        <div class="cal-week-head">
          <span class="cal-corner">{t().calendar.time}</span>
          <For each={days()}>
            {(day, i) => (
              <div class="cal-dayhead" classList={{ 'cal-today': day === today }} aria-current={day === today ? 'date' : undefined}>
                <abbr title={weekdays.long()[i()]}>{weekdays.short()[i()]}</abbr> <span>{dayMonth(day)}</span>
              </div>
            )}
          </For>
        </div>
        <div class="cal-week-body">
          <div class="cal-hours" aria-hidden="true">
            <For each={hours()}>{(hour) => <div class="cal-hour">{String(hour).padStart(2, '0')}:00</div>}</For>
          </div>
          <For each={days()}>
            {(day, i) => (
              <div class="cal-day-col" classList={{ 'cal-today': day === today }}>
                <span class="sr-only">{weekdays.long()[i()]} {formatDate(day)}</span>
                <For each={lanes(onDay(day))}>
                  {(entry) => (
                    <A href={`/meetings/${entry.meeting.id}`} class="cal-event" classList={{ 'cal-cancelled': entry.meeting.status === 'cancelled' }}
                      title={eventLabel(entry.meeting, t().meetingList.cancelled)}
                      style={{
                        top: `${position(entry.meeting).top}%`, height: `${position(entry.meeting).height}%`,
                        left: `calc(${(entry.lane / entry.lanes) * 100}% + 2px)`, width: `calc(${100 / entry.lanes}% - 4px)`,
                      }}>
                      <time class="cal-event-time" datetime={entry.meeting.startsAt}>{timeOf(entry.meeting.startsAt)}–{timeOf(entry.meeting.endsAt)}</time>
                      <span class="cal-event-title">{entry.meeting.title}</span>
                      <Show when={entry.meeting.status === 'cancelled'}><span class="sr-only"> ({t().meetingList.cancelled})</span></Show>
                    </A>
                  )}
                </For>
              </div>
            )}
          </For>
        </div>
      </div>
    </div>
  );
}

const MONTH_CELL_LIMIT = 3;

export function MonthView(props: { month: string; days: string[]; meetings: Meeting[]; onShowWeek: (day: string) => void }) {
  const { t } = useI18n();
  const weekdays = useWeekdays();
  const today = localDate();
  const onDay = (day: string) => props.meetings.filter((m) => localDate(m.startsAt) === day).sort((a, b) => a.startsAt.localeCompare(b.startsAt));

  const inMonth = () => props.days.filter((day) => day.slice(0, 7) === props.month.slice(0, 7) && onDay(day).length > 0);
  return (
    <div class="cal-month-view">
    {/* Narrow screens: the month as an agenda, day by day (the grid is hidden under 600 px). */}
    <div class="cal-agenda">
      <Show when={inMonth().length} fallback={<p class="muted">{t().meetingList.noneInRange}</p>}>
        <ol class="cal-agenda-days">
          <For each={inMonth()}>
            {(day) => (
              <li class="cal-agenda-day" classList={{ 'cal-today': day === today }} aria-current={day === today ? 'date' : undefined}>
                <h3 class="cal-agenda-date">{weekdays.long()[(new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7]} {formatDate(day)}</h3>
                <ul>
                  <For each={onDay(day)}>
                    {(meeting) => (
                      <li>
                        <A href={`/meetings/${meeting.id}`} class="cal-agenda-line" classList={{ 'cal-cancelled': meeting.status === 'cancelled' }}>
                          <time datetime={meeting.startsAt}>{timeOf(meeting.startsAt)}–{timeOf(meeting.endsAt)}</time> <span>{meeting.title}</span>
                          <Show when={meeting.status === 'cancelled'}> <span class="badge badge-muted">{t().meetingList.cancelled}</span></Show>
                        </A>
                      </li>
                    )}
                  </For>
                </ul>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </div>
    <div class="cal-scroll">
      <div class="cal-month">
        <div class="cal-month-head" aria-hidden="true">
          <For each={weekdays.short()}>{(name) => <div class="cal-weekday">{name}</div>}</For>
        </div>
        <div class="cal-month-grid">
          <For each={props.days}>
            {(day, i) => (
              <div class="cal-cell" classList={{ 'cal-today': day === today, 'cal-outside': day.slice(0, 7) !== props.month.slice(0, 7) }}
                aria-current={day === today ? 'date' : undefined}>
                <span class="cal-date" aria-hidden="true">{Number(day.slice(8, 10))}</span>
                <span class="sr-only">{weekdays.long()[i() % 7]} {formatDate(day)}</span>
                <For each={onDay(day).slice(0, MONTH_CELL_LIMIT)}>
                  {(meeting) => (
                    <A href={`/meetings/${meeting.id}`} class="cal-line" classList={{ 'cal-cancelled': meeting.status === 'cancelled' }}
                      title={eventLabel(meeting, t().meetingList.cancelled)}>
                      <time datetime={meeting.startsAt}>{timeOf(meeting.startsAt)}</time> <span>{meeting.title}</span>
                      <Show when={meeting.status === 'cancelled'}><span class="sr-only"> ({t().meetingList.cancelled})</span></Show>
                    </A>
                  )}
                </For>
                <Show when={onDay(day).length > MONTH_CELL_LIMIT}>
                  <button type="button" class="cal-more" onClick={() => props.onShowWeek(day)}>
                    {fill(t().calendar.more, { count: onDay(day).length - MONTH_CELL_LIMIT })}
                  </button>
                </Show>
              </div>
            )}
          </For>
        </div>
      </div>
    </div>
    </div>
  );
}
