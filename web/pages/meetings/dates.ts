/** Calendar arithmetic on Viet Nam dates (YYYY-MM-DD strings), so that no browser time zone leaks in. */
import { addDays, formatTime, localDate } from '../../../shared/format.ts';

/** 0 for Monday … 6 for Sunday (Vietnamese calendars start on Monday: T2 … CN). */
export function weekdayIndex(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

export function startOfWeek(date: string): string {
  return addDays(date, -weekdayIndex(date));
}

export function addMonths(date: string, months: number): string {
  const d = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/** The whole weeks (Monday to Sunday) covering the month of `date`: [first, last + 1). */
export function monthGrid(date: string): { from: string; to: string; days: string[] } {
  const first = `${date.slice(0, 7)}-01`;
  const from = startOfWeek(first);
  const last = addDays(addMonths(first, 1), -1);
  const to = addDays(startOfWeek(last), 7);
  const days: string[] = [];
  for (let day = from; day < to; day = addDays(day, 1)) days.push(day);
  return { from, to, days };
}

/** "08:30" in Viet Nam. */
export function timeOf(instant: string): string {
  return formatTime(instant);
}

/** Minutes since midnight in Viet Nam. */
export function minuteOfDay(instant: string): number {
  const [h, m] = timeOf(instant).split(':').map(Number);
  return h * 60 + m;
}

/** A date and a time typed in Viet Nam local time, as an ISO instant with its offset. */
export function vietnamInstant(date: string, hhmm: string): string {
  return `${date}T${hhmm}:00+07:00`;
}

/** The status a person reads: a meeting still open once its time is over has been held ("Đã họp"), not "Đã lên lịch". */
export function shownStatus<S extends string>(meeting: { status: S; endsAt: string }, now = Date.now()): S | 'held' {
  return meeting.status === 'scheduled' && Date.parse(meeting.endsAt) <= now ? 'held' : meeting.status;
}

export { addDays, localDate };
