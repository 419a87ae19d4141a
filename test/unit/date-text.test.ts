import { describe, expect, it } from 'vitest';
import { dateProblem, isoToText, maskDateText, monthGrid, parseDateText } from '../../web/components/date-text.ts';

describe('dates typed as dd/mm/yyyy', () => {
  it('reads the ways people type a date in Viet Nam', () => {
    expect(parseDateText('05/03/2026')).toEqual({ kind: 'date', iso: '2026-03-05' });
    expect(parseDateText('5/3/2026')).toEqual({ kind: 'date', iso: '2026-03-05' });
    expect(parseDateText(' 05-03-2026 ')).toEqual({ kind: 'date', iso: '2026-03-05' });
    expect(parseDateText('05.03.2026')).toEqual({ kind: 'date', iso: '2026-03-05' });
    expect(parseDateText('05032026')).toEqual({ kind: 'date', iso: '2026-03-05' });
    expect(parseDateText('')).toEqual({ kind: 'empty' });
  });

  it('refuses what is not a date, and days the calendar does not have', () => {
    expect(parseDateText('2026-03-05')).toEqual({ kind: 'bad', reason: 'format' });
    expect(parseDateText('05/03/26')).toEqual({ kind: 'bad', reason: 'format' });
    expect(parseDateText('ngày mai')).toEqual({ kind: 'bad', reason: 'format' });
    expect(parseDateText('31/02/2026')).toEqual({ kind: 'bad', reason: 'calendar' });
    expect(parseDateText('12/20/2026')).toEqual({ kind: 'bad', reason: 'calendar' });
    expect(parseDateText('29/02/2028')).toEqual({ kind: 'date', iso: '2028-02-29' });
    expect(parseDateText('29/02/2027')).toEqual({ kind: 'bad', reason: 'calendar' });
  });

  it('masks digits into dd/mm/yyyy while typing and keeps typed separators', () => {
    expect(maskDateText('0')).toBe('0');
    expect(maskDateText('05')).toBe('05');
    expect(maskDateText('050')).toBe('05/0');
    expect(maskDateText('0503')).toBe('05/03');
    expect(maskDateText('050320')).toBe('05/03/20');
    expect(maskDateText('0503202612')).toBe('05/03/2026');
    expect(maskDateText('5/3/2026')).toBe('5/3/2026');
    expect(maskDateText('5-3-2026')).toBe('5/3/2026');
    expect(maskDateText('05/032026')).toBe('05/03/2026');
    expect(maskDateText('ab05c')).toBe('05');
  });

  it('names the problem: required, format, calendar, before min, after max', () => {
    expect(dateProblem('', { required: true })).toBe('required');
    expect(dateProblem('', {})).toBeNull();
    expect(dateProblem('05/03', {})).toBe('format');
    expect(dateProblem('31/04/2026', {})).toBe('calendar');
    expect(dateProblem('04/03/2026', { min: '2026-03-05' })).toBe('min');
    expect(dateProblem('06/03/2026', { max: '2026-03-05' })).toBe('max');
    expect(dateProblem('05/03/2026', { min: '2026-03-05', max: '2026-03-05' })).toBeNull();
    expect(isoToText('2026-03-05')).toBe('05/03/2026');
    expect(isoToText(null)).toBe('');
  });

  it('lays a month out Monday first', () => {
    const march = monthGrid(2026, 3); // 1 March 2026 is a Sunday
    expect(march[0]).toEqual([null, null, null, null, null, null, '2026-03-01']);
    expect(march.flat().filter(Boolean)).toHaveLength(31);
    expect(march.every((week) => week.length === 7)).toBe(true);
  });
});
