import { describe, expect, it } from 'vitest';
import { firstOccurrence, nextOccurrence, type Recurrence } from '../../shared/recurrence.ts';

/** The due dates a duty takes one after the other, starting after `after`. */
function occurrences(rule: Recurrence, after: string, count: number): string[] {
  const dates: string[] = [];
  let last = after;
  for (let i = 0; i < count; i += 1) dates.push(last = nextOccurrence(rule, last));
  return dates;
}

describe('monthly on a day of the month', () => {
  const fifth: Recurrence = { kind: 'monthly', day: 5 };

  it('falls on the 5th of this month while the 5th is still ahead', () => {
    expect(nextOccurrence(fifth, '2026-11-04')).toBe('2026-11-05');
  });

  it('moves to next month on and after the 5th', () => {
    expect(nextOccurrence(fifth, '2026-11-05')).toBe('2026-12-05');
    expect(nextOccurrence(fifth, '2026-11-25')).toBe('2026-12-05');
  });

  it('crosses the year boundary from December to January', () => {
    expect(nextOccurrence(fifth, '2026-12-05')).toBe('2027-01-05');
    expect(nextOccurrence(fifth, '2026-12-31')).toBe('2027-01-05');
    expect(occurrences(fifth, '2026-10-05', 4)).toEqual(['2026-11-05', '2026-12-05', '2027-01-05', '2027-02-05']);
  });

  it('on the 31st falls on the last day of shorter months and comes back to the 31st', () => {
    const last: Recurrence = { kind: 'monthly', day: 31 };
    expect(occurrences(last, '2027-01-01', 5)).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30', '2027-05-31']);
  });

  it('on the 31st falls on 29 February in the leap year 2028', () => {
    const last: Recurrence = { kind: 'monthly', day: 31 };
    expect(nextOccurrence(last, '2028-01-31')).toBe('2028-02-29');
    expect(nextOccurrence(last, '2028-02-29')).toBe('2028-03-31');
    expect(nextOccurrence(last, '2028-02-28')).toBe('2028-02-29');
  });

  it('on the 30th gives 28 February in a common year, then 30 March', () => {
    expect(occurrences({ kind: 'monthly', day: 30 }, '2027-01-30', 2)).toEqual(['2027-02-28', '2027-03-30']);
  });
});

describe('every n months from a start date', () => {
  const halfYearFrom31Aug: Recurrence = { kind: 'every_months', months: 6, start: '2026-08-31' };

  it('every 6 months from 31 August falls on 28 February, then 31 August again', () => {
    expect(occurrences(halfYearFrom31Aug, '2026-08-31', 4)).toEqual(['2027-02-28', '2027-08-31', '2028-02-29', '2028-08-31']);
  });

  it('falls on 29 February in a leap year', () => {
    expect(nextOccurrence(halfYearFrom31Aug, '2027-12-01')).toBe('2028-02-29');
  });

  it('from a date between two occurrences gives the next one, not a later one', () => {
    expect(nextOccurrence(halfYearFrom31Aug, '2027-02-15')).toBe('2027-02-28');
    expect(nextOccurrence(halfYearFrom31Aug, '2027-03-01')).toBe('2027-08-31');
    expect(nextOccurrence(halfYearFrom31Aug, '2027-08-30')).toBe('2027-08-31');
  });

  it('crosses year boundaries with a period that does not divide twelve', () => {
    const everyFive: Recurrence = { kind: 'every_months', months: 5, start: '2026-10-15' };
    expect(occurrences(everyFive, '2026-10-15', 3)).toEqual(['2027-03-15', '2027-08-15', '2028-01-15']);
  });

  it('with a start in the future gives the start itself', () => {
    const later: Recurrence = { kind: 'every_months', months: 3, start: '2027-03-31' };
    expect(nextOccurrence(later, '2026-11-25')).toBe('2027-03-31');
    expect(nextOccurrence(later, '2027-03-30')).toBe('2027-03-31');
    expect(nextOccurrence(later, '2027-03-31')).toBe('2027-06-30');
  });
});

describe('firstOccurrence', () => {
  it('includes the day it starts from', () => {
    expect(firstOccurrence({ kind: 'monthly', day: 5 }, '2026-12-05')).toBe('2026-12-05');
    expect(firstOccurrence({ kind: 'every_months', months: 6, start: '2026-08-31' }, '2027-02-28')).toBe('2027-02-28');
  });

  it('otherwise gives the next occurrence after it', () => {
    expect(firstOccurrence({ kind: 'monthly', day: 5 }, '2026-11-25')).toBe('2026-12-05');
    expect(firstOccurrence({ kind: 'monthly', day: 31 }, '2027-02-01')).toBe('2027-02-28');
  });

  it('crosses the year boundary from the first of January', () => {
    expect(firstOccurrence({ kind: 'monthly', day: 31 }, '2027-01-01')).toBe('2027-01-31');
    expect(firstOccurrence({ kind: 'monthly', day: 5 }, '2027-01-01')).toBe('2027-01-05');
    expect(firstOccurrence({ kind: 'monthly', day: 1 }, '2027-01-01')).toBe('2027-01-01');
  });

  it('with a start in the future gives the start', () => {
    expect(firstOccurrence({ kind: 'every_months', months: 12, start: '2027-06-30' }, '2026-11-25')).toBe('2027-06-30');
  });
});
