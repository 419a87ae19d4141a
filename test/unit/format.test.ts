import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMoney, formatNumber, formatPercent, formatTime, localDate } from '../../shared/format.ts';

describe('formatDate', () => {
  it('writes a UTC instant as dd/mm/yyyy in Viet Nam', () => {
    expect(formatDate('2026-03-05T02:00:00Z')).toBe('05/03/2026');
  });
  it('writes an instant that is still the evening in UTC as the next day in Viet Nam', () => {
    // 17:30 UTC is 00:30 the next morning at UTC+7.
    expect(formatDate('2025-12-31T17:30:00Z')).toBe('01/01/2026');
    expect(formatDate(new Date('2026-02-28T16:59:59Z'))).toBe('28/02/2026');
    expect(formatDate(new Date('2026-02-28T17:00:00Z'))).toBe('01/03/2026');
  });
  it('keeps a bare calendar date on that day, not the day before', () => {
    expect(formatDate('2026-07-01')).toBe('01/07/2026');
  });
});

describe('formatDateTime and localDate', () => {
  it('write the time of day in Viet Nam on a 24-hour clock', () => {
    expect(formatDateTime('2026-01-15T01:05:00Z')).toBe('08:05 15/01/2026');
    expect(formatDateTime('2026-01-15T16:30:00Z')).toBe('23:30 15/01/2026');
  });
  it('gives the calendar date in Viet Nam of an instant as YYYY-MM-DD', () => {
    expect(localDate('2025-12-31T17:30:00Z')).toBe('2026-01-01');
    expect(localDate('2025-12-31T16:59:00Z')).toBe('2025-12-31');
  });
});

describe('the Viet Nam clock (UTC+7, no ICU data)', () => {
  it('reads every instant as Intl does for Asia/Ho_Chi_Minh', () => {
    const day = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });
    const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    // Every 7 h 13 min over four years, leap day and year ends included.
    for (let t = Date.parse('2024-01-01T00:00:00Z'); t < Date.parse('2028-01-01T00:00:00Z'); t += 26_000_000) {
      const instant = new Date(t);
      expect(formatDate(instant)).toBe(day.format(instant));
      expect(formatTime(instant)).toBe(time.format(instant));
    }
  });
  it('refuses what is not a date instead of printing NaN', () => {
    expect(() => formatDate('hôm qua')).toThrow(RangeError);
    expect(() => formatTime(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('formatNumber', () => {
  it('groups thousands with dots and writes decimals after a comma', () => {
    expect(formatNumber(10_000)).toBe('10.000');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(-1_234_567)).toBe('-1.234.567');
    expect(formatNumber(0.5)).toBe('0,5');
    expect(formatNumber(1234.5678)).toBe('1.234,568');
    expect(formatNumber(12_345_678_901_234_567_890n)).toBe('12.345.678.901.234.567.890');
  });
});

describe('formatMoney', () => {
  it('groups thousands with dots and ends with đ', () => {
    expect(formatMoney(2_500_000_000)).toBe('2.500.000.000 đ');
    expect(formatMoney(0)).toBe('0 đ');
    expect(formatMoney(999)).toBe('999 đ');
    expect(formatMoney(1000)).toBe('1.000 đ');
    expect(formatMoney(-3_150_000)).toBe('-3.150.000 đ');
  });
  it('throws on a sum that is not a whole number of đồng', () => {
    expect(() => formatMoney(2.5)).toThrow(RangeError);
    expect(() => formatMoney(Number.NaN)).toThrow(RangeError);
    expect(() => formatMoney(2 ** 53)).toThrow(RangeError);
  });
});

describe('formatPercent', () => {
  it('writes one decimal with a decimal comma and a spaced percent sign', () => {
    expect(formatPercent(0.857)).toBe('85,7 %');
    expect(formatPercent(6 / 7)).toBe('85,7 %');
    expect(formatPercent(1)).toBe('100,0 %');
    expect(formatPercent(0)).toBe('0,0 %');
  });
});
