/** Formats shown to users: Asia/Ho_Chi_Minh dates as dd/mm/yyyy, money as 2.500.000.000 đ. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const dateParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric',
});
const timeParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

function toDate(value: string | Date): Date {
  // A bare calendar date is a day in Viet Nam, not midnight UTC.
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00+07:00`);
  return typeof value === 'string' ? new Date(value) : value;
}

export function formatDate(value: string | Date): string {
  return dateParts.format(toDate(value));
}

export function formatDateTime(value: string | Date): string {
  const date = toDate(value);
  return `${timeParts.format(date)} ${dateParts.format(date)}`;
}

/** A calendar date (YYYY-MM-DD) `days` later (or earlier); plain calendar arithmetic, no time zone involved. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The calendar date (YYYY-MM-DD) in Viet Nam of an instant. */
export function localDate(value: string | Date = new Date()): string {
  const [day, month, year] = dateParts.format(toDate(value)).split('/');
  return `${year}-${month}-${day}`;
}

export function formatMoney(dong: number): string {
  if (!Number.isSafeInteger(dong)) throw new RangeError(`money must be an integer number of đồng: ${dong}`);
  const sign = dong < 0 ? '-' : '';
  return `${sign}${String(Math.abs(dong)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đ`;
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
