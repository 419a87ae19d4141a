/**
 * Inter-agency statistics (thống kê liên ngành) as Thông tư 05/2024/TT-BTP counts them: periods of
 * the statistical year (1 October – 30 September), units, figures and the two rates. Both sides
 * import this: the server counts, the web app picks periods and prints the formulas.
 */
import { z } from 'zod';
import { isoDate } from './schemas.ts';

/** A period: Viet Nam calendar dates, both days included. */
export interface Period { from: string; to: string }

const pad = (n: number) => String(n).padStart(2, '0');
function lastDayOfMonth(year: number, month: number): string {
  return `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;
}

/**
 * The statistical year named by the calendar year it ends in: năm 2025 runs 01/10/2024 – 30/9/2025
 * (as "6 tháng đầu năm 2021" is 1/10/2020 – 31/3/2021).
 */
export function statisticalYear(year: number): Period {
  return { from: `${year - 1}-10-01`, to: `${year}-09-30` };
}

/** The statistical year a date falls in: from 1 October it is the next calendar year's. */
export function statisticalYearOf(date: string): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 10 ? year + 1 : year;
}

/** The first `months` months of the statistical year, cumulative from 1 October (the monthly reports). */
export function cumulativeMonths(year: number, months: number): Period {
  const end = new Date(Date.UTC(year - 1, 9 + months - 1, 1));
  return { from: `${year - 1}-10-01`, to: lastDayOfMonth(end.getUTCFullYear(), end.getUTCMonth() + 1) };
}

export const firstSixMonths = (year: number): Period => cumulativeMonths(year, 6);

/** Quarter 1 is October – December of the year before. */
export function quarter(year: number, q: 1 | 2 | 3 | 4): Period {
  const start = new Date(Date.UTC(year - 1, 9 + (q - 1) * 3, 1));
  const end = new Date(Date.UTC(year - 1, 9 + q * 3 - 1, 1));
  return {
    from: `${start.getUTCFullYear()}-${pad(start.getUTCMonth() + 1)}-01`,
    to: lastDayOfMonth(end.getUTCFullYear(), end.getUTCMonth() + 1),
  };
}

/** One calendar month. */
export function month(year: number, monthNumber: number): Period {
  return { from: `${year}-${pad(monthNumber)}-01`, to: lastDayOfMonth(year, monthNumber) };
}

/** The month ends of the statistical year up to `to`: the points of the monthly trend. */
export function monthEnds(period: Period): { label: string; period: Period }[] {
  const year = statisticalYearOf(period.to);
  const points: { label: string; period: Period }[] = [];
  for (let m = 1; m <= 12; m++) {
    const cumulative = cumulativeMonths(year, m);
    const monthStart = cumulative.to.slice(0, 8) + '01';
    if (monthStart > period.to) break;
    points.push({ label: `${cumulative.to.slice(5, 7)}/${cumulative.to.slice(0, 4)}`, period: cumulative });
  }
  return points;
}

export const MAX_PERIOD_DAYS = 3700;

/** A period from user input; null with the reason when it is not one. */
export function checkPeriod(from: unknown, to: unknown): { period: Period } | { error: 'missing' | 'notADate' | 'inverted' | 'tooLong' } {
  if (typeof from !== 'string' || typeof to !== 'string' || !from || !to) return { error: 'missing' };
  if (!isoDate.safeParse(from).success || !isoDate.safeParse(to).success) return { error: 'notADate' };
  if (from > to) return { error: 'inverted' };
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_PERIOD_DAYS) return { error: 'tooLong' };
  return { period: { from, to } };
}

export const periodInput = z.object({ from: isoDate, to: isoDate }).refine((p) => p.from <= p.to, { error: 'ngày bắt đầu không được sau ngày kết thúc', path: ['from'] })
  .refine((p) => (Date.parse(p.to) - Date.parse(p.from)) / 86_400_000 <= MAX_PERIOD_DAYS, { error: 'kỳ thống kê tối đa 10 năm', path: ['to'] });

/**
 * A unit: the whole register, an agency with everything under it (and the agencies it succeeded),
 * or one enforcement officer (chấp hành viên, by the name on the case).
 */
export const unitInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('agency'), agencyId: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('officer'), name: z.string().trim().min(1).max(200) }),
]);
export type Unit = z.infer<typeof unitInput>;

export function unitKey(unit: Unit): string {
  return unit.kind === 'all' ? 'all' : unit.kind === 'agency' ? `agency:${unit.agencyId}` : `officer:${unit.name}`;
}

export function unitOfKey(key: string): Unit {
  if (key.startsWith('agency:')) return { kind: 'agency', agencyId: key.slice(7) };
  if (key.startsWith('officer:')) return { kind: 'officer', name: key.slice(8) };
  return { kind: 'all' };
}

/** Where a case stands at the end of the period. */
export const BUCKETS = ['completed', 'terminated', 'postponed', 'in_progress', 'not_yet'] as const;
export type Bucket = (typeof BUCKETS)[number];

/** What one case adds to the figures of a period: what a frozen report keeps, and what a drill-down lists. */
export interface CaseContribution {
  caseId: string;
  judgmentNumber: string;
  officeAgencyId: string;
  officerName: string;
  /** Accepted before the period (cũ chuyển sang) rather than in it (thụ lý mới). */
  carried: boolean;
  bucket: Bucket;
  /** Money to enforce at the start of the period (or on acceptance), in đồng. */
  moneyStart: number;
  collected: number;
  terminated: number;
  reduced: number;
}

export interface Figures {
  cases: {
    accepted: number; carriedOver: number; newlyAccepted: number;
    enforceable: number; notYetEnforceable: number;
    completed: number; terminated: number; postponed: number; inProgress: number; pending: number;
  };
  money: {
    accepted: number; carriedOver: number; newlyAccepted: number;
    enforceable: number; notYetEnforceable: number;
    collected: number; terminated: number; reduced: number; postponed: number; pending: number;
  };
  /** Ratios 0…1, null when nothing is có điều kiện. */
  rates: { cases: number | null; money: number | null };
}

export const FIGURES = [
  'accepted', 'carriedOver', 'newlyAccepted', 'enforceable', 'notYetEnforceable', 'completed', 'terminated', 'postponed',
  'inProgress', 'pending', 'collected', 'terminatedOrReduced',
] as const;
export type Figure = (typeof FIGURES)[number];

/** Whether a case is part of a figure (the drill-down). */
export function inFigure(c: Pick<CaseContribution, 'carried' | 'bucket' | 'collected' | 'terminated' | 'reduced'>, figure: Figure): boolean {
  const enforceable = c.bucket !== 'not_yet';
  switch (figure) {
    case 'accepted': return true;
    case 'carriedOver': return c.carried;
    case 'newlyAccepted': return !c.carried;
    case 'enforceable': return enforceable;
    case 'notYetEnforceable': return !enforceable;
    case 'completed': return c.bucket === 'completed';
    case 'terminated': return c.bucket === 'terminated';
    case 'postponed': return c.bucket === 'postponed';
    case 'inProgress': return c.bucket === 'in_progress';
    case 'pending': return c.bucket !== 'completed' && c.bucket !== 'terminated';
    case 'collected': return enforceable && c.collected !== 0;
    case 'terminatedOrReduced': return enforceable && (c.terminated !== 0 || c.reduced !== 0);
  }
}

/**
 * The two rates of Thông tư 05/2024/TT-BTP, over what is có điều kiện thi hành only:
 *   về việc = (thi hành xong + đình chỉ) / có điều kiện
 *   về tiền = (tiền thu được + tiền đình chỉ, miễn, giảm) / tiền có điều kiện
 */
export function casesRate(completed: number, terminated: number, enforceable: number): number | null {
  return enforceable > 0 ? (completed + terminated) / enforceable : null;
}
export function moneyRate(collected: number, terminated: number, reduced: number, enforceableMoney: number): number | null {
  return enforceableMoney > 0 ? (collected + terminated + reduced) / enforceableMoney : null;
}

/** Figures from per-case contributions: the same arithmetic as the SQL, for snapshots and tests. */
export function figuresOf(contributions: readonly CaseContribution[]): Figures {
  const f: Figures = {
    cases: { accepted: 0, carriedOver: 0, newlyAccepted: 0, enforceable: 0, notYetEnforceable: 0, completed: 0, terminated: 0, postponed: 0, inProgress: 0, pending: 0 },
    money: { accepted: 0, carriedOver: 0, newlyAccepted: 0, enforceable: 0, notYetEnforceable: 0, collected: 0, terminated: 0, reduced: 0, postponed: 0, pending: 0 },
    rates: { cases: null, money: null },
  };
  for (const c of contributions) {
    const remaining = c.moneyStart - c.collected - c.terminated - c.reduced;
    f.cases.accepted++; f.money.accepted += c.moneyStart;
    if (c.carried) { f.cases.carriedOver++; f.money.carriedOver += c.moneyStart; } else { f.cases.newlyAccepted++; f.money.newlyAccepted += c.moneyStart; }
    if (c.bucket === 'not_yet') { f.cases.notYetEnforceable++; f.money.notYetEnforceable += c.moneyStart; } else {
      f.cases.enforceable++; f.money.enforceable += c.moneyStart;
      f.money.collected += c.collected; f.money.terminated += c.terminated; f.money.reduced += c.reduced;
    }
    if (c.bucket === 'completed') f.cases.completed++;
    else if (c.bucket === 'terminated') f.cases.terminated++;
    else {
      f.cases.pending++; f.money.pending += remaining;
      if (c.bucket === 'postponed') { f.cases.postponed++; f.money.postponed += remaining; }
      if (c.bucket === 'in_progress') f.cases.inProgress++;
    }
  }
  f.rates.cases = casesRate(f.cases.completed, f.cases.terminated, f.cases.enforceable);
  f.rates.money = moneyRate(f.money.collected, f.money.terminated, f.money.reduced, f.money.enforceable);
  return f;
}

export const statisticsQueryInput = z.object({ period: periodInput, unit: unitInput });
export const statisticsCasesInput = statisticsQueryInput.extend({
  figure: z.enum(FIGURES),
  offset: z.number().int().min(0).max(1_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
/** A target in percent, 0–100 (85.7 for 85,7 %). */
export const targetInput = z.object({
  unit: unitInput,
  year: z.number().int().min(2000).max(2100),
  casesRate: z.number(),
  moneyRate: z.number(),
});
export const freezeInput = statisticsQueryInput.extend({ name: z.string().trim().min(1).max(200) });
