/** Formats shown to users: Asia/Ho_Chi_Minh dates as dd/mm/yyyy, money as 2.500.000.000 đ. */
/**
 * Viet Nam keeps UTC+7 all year (no daylight saving since 1975), so its clock is UTC shifted by
 * seven hours. Read that way rather than through Intl: ICU's zone and locale data, once touched,
 * stay in a server's memory (about 8 MB) for the sake of one fixed offset.
 */
const VIET_NAM_OFFSET_MS = 7 * 3_600_000;
const two = (n: number) => String(n).padStart(2, '0');

/** The wall clock in Viet Nam at an instant. */
export function vietNamClock(value: string | Date) {
  const time = toDate(value).getTime();
  if (Number.isNaN(time)) throw new RangeError(`not a date: ${String(value)}`);
  const shifted = new Date(time + VIET_NAM_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(), minute: shifted.getUTCMinutes(),
  };
}

/** "09:05" in Viet Nam. */
export function formatTime(value: string | Date): string {
  const { hour, minute } = vietNamClock(value);
  return `${two(hour)}:${two(minute)}`;
}

function toDate(value: string | Date): Date {
  // A bare calendar date is a day in Viet Nam, not midnight UTC.
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00+07:00`);
  return typeof value === 'string' ? new Date(value) : value;
}

export function formatDate(value: string | Date): string {
  const { year, month, day } = vietNamClock(value);
  return `${two(day)}/${two(month)}/${String(year).padStart(4, '0')}`;
}

export function formatDateTime(value: string | Date): string {
  return `${formatTime(value)} ${formatDate(value)}`;
}

/** A calendar date (YYYY-MM-DD) `days` later (or earlier); plain calendar arithmetic, no time zone involved. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The calendar date (YYYY-MM-DD) in Viet Nam of an instant. */
export function localDate(value: string | Date = new Date()): string {
  const { year, month, day } = vietNamClock(value);
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}`;
}

/** A number as Vietnamese writes it: thousands grouped with dots, at most three decimals after a comma (2.500.000; 0,5). */
export function formatNumber(n: number | bigint): string {
  if (typeof n === 'number' && !Number.isFinite(n)) return String(n);
  const sign = n < 0 ? '-' : '';
  const [whole, fraction] = (typeof n === 'bigint' ? String(n < 0n ? -n : n) : String(Math.round(Math.abs(n) * 1000) / 1000)).split('.');
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}${fraction ? `,${fraction}` : ''}`;
}

export function formatMoney(dong: number): string {
  if (!Number.isSafeInteger(dong)) throw new RangeError(`money must be an integer number of đồng: ${dong}`);
  return `${formatNumber(dong)} đ`;
}

/** A rate as Vietnamese writes it: one decimal, decimal comma (85,7 %). */
export function formatPercent(ratio: number): string {
  return `${(Math.round(ratio * 1000) / 10).toFixed(1).replace('.', ',')} %`;
}

/** "Phú Thọ, ngày 05 tháng 3 năm 2026" (Nghị định 30/2020): days 01–09 and months 01–02 take a leading zero. */
export function placeAndDate(place: string, date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${place}, ngày ${String(day).padStart(2, '0')} tháng ${month < 3 ? `0${month}` : month} năm ${year}`;
}

/** The place name of an agency: what follows "tỉnh" or "thành phố" in its name. */
export function placeOf(agencyName: string): string {
  const match = /(?:tỉnh|thành phố)\s+(.+)$/i.exec(agencyName);
  return match ? match[1] : agencyName;
}
