/**
 * Recurring duties: "a report every 6 months", "by the 5th of each month". Dates are Viet Nam
 * calendar dates (YYYY-MM-DD). A day past the end of a month falls on its last day (31 → 28/29 Feb).
 */
export type Recurrence =
  | { kind: 'monthly'; day: number }
  | { kind: 'every_months'; months: number; start: string };

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function dateOf(year: number, month: number, day: number): string {
  // month may run past 12: normalise first, then clamp the day to that month.
  const y = year + Math.floor((month - 1) / 12);
  const m = ((month - 1) % 12 + 12) % 12 + 1;
  const d = Math.min(day, daysIn(y, m));
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The first occurrence strictly after `after`. */
export function nextOccurrence(rule: Recurrence, after: string): string {
  const [year, month] = after.split('-').map(Number);
  if (rule.kind === 'monthly') {
    const thisMonth = dateOf(year, month, rule.day);
    return thisMonth > after ? thisMonth : dateOf(year, month + 1, rule.day);
  }
  const [startYear, startMonth, startDay] = rule.start.split('-').map(Number);
  if (rule.start > after) return rule.start;
  // Whole periods elapsed since the start, then step until past `after`.
  let k = Math.floor(((year - startYear) * 12 + (month - startMonth)) / rule.months);
  for (;;) {
    const candidate = dateOf(startYear, startMonth + k * rule.months, startDay);
    if (candidate > after) return candidate;
    k += 1;
  }
}

/** The first due date on or after `from`. */
export function firstOccurrence(rule: Recurrence, from: string): string {
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return nextOccurrence(rule, d.toISOString().slice(0, 10));
}
