/** Dates as people type them in Viet Nam (dd/mm/yyyy) and as the app stores them (yyyy-mm-dd). Pure: no DOM. */

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** yyyy-mm-dd → dd/mm/yyyy; anything else → ''. */
export function isoToText(iso: string | null | undefined): string {
  const match = ISO.exec(iso ?? '');
  return match ? `${match[3]}/${match[2]}/${match[1]}` : '';
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export type ParsedDate = { kind: 'empty' } | { kind: 'date'; iso: string } | { kind: 'bad'; reason: 'format' | 'calendar' };

/** Reads "5/3/2026", "05/03/2026", "05-03-2026", "05.03.2026" or "05032026" as 2026-03-05. */
export function parseDateText(text: string): ParsedDate {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  let parts: string[] | null = null;
  const separated = /^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$/.exec(trimmed);
  if (separated) parts = separated.slice(1);
  else if (/^\d{8}$/.test(trimmed)) parts = [trimmed.slice(0, 2), trimmed.slice(2, 4), trimmed.slice(4)];
  if (!parts) return { kind: 'bad', reason: 'format' };
  const [day, month, year] = parts.map(Number);
  if (!isCalendarDate(year, month, day)) return { kind: 'bad', reason: 'calendar' };
  return { kind: 'date', iso: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}

/**
 * The mask applied while typing: digits only get their slashes (0503 → 05/03/), typed separators are kept
 * as slashes, nothing but digits and slashes, at most 10 characters.
 */
export function maskDateText(raw: string): string {
  const cleaned = raw.replace(/[.\-\s]/g, '/').replace(/[^\d/]/g, '').replace(/\/{2,}/g, '/');
  if (!cleaned.includes('/')) {
    const digits = cleaned.slice(0, 8);
    if (digits.length <= 2) return digits;
    if (digits.length <= 4) return `${digits.slice(0, 2)}/${digits.slice(2)}`;
    return `${digits.slice(0, 2)}/${digits.slice(2, 4)}/${digits.slice(4)}`;
  }
  const [day = '', month, ...rest] = cleaned.split('/');
  const segments = [day.slice(0, 2)];
  if (month !== undefined) {
    segments.push(month.slice(0, 2));
    if (rest.length > 0) segments.push(rest.join('').slice(0, 4));
    else if (month.length > 2) segments.push(month.slice(2, 6));
  } else if (day.length > 2) segments.push(day.slice(2, 4));
  return segments.join('/').slice(0, 10);
}

/** What is wrong with a typed date, as a message key; null when it is acceptable. */
export type DateProblem = 'required' | 'format' | 'calendar' | 'min' | 'max';

export function dateProblem(text: string, rules: { required?: boolean; min?: string; max?: string }): DateProblem | null {
  const parsed = parseDateText(text);
  if (parsed.kind === 'empty') return rules.required ? 'required' : null;
  if (parsed.kind === 'bad') return parsed.reason;
  if (rules.min && parsed.iso < rules.min) return 'min';
  if (rules.max && parsed.iso > rules.max) return 'max';
  return null;
}

/** The weeks of a month for a calendar, Monday first; days outside the month are null. */
export function monthGrid(year: number, month: number): (string | null)[][] {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7;
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let day = 1; day <= days; day++) cells.push(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}
