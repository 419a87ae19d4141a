/** Why a case is complex enough for a joint meeting (glossary: "Complex cases that get joint meetings"). */
import type { CaseStatus, CaseType } from '../../../shared/domain.ts';

export type ComplexityFlag = 'large_credit' | 'older_than_3_years' | 'asset_recovery' | 'disputed_assets' | 'hot_spot' | 'judgment_unclear';

/** Credit-institution cases over 20 tỷ đồng. */
export const LARGE_CREDIT_THRESHOLD = 20_000_000_000;
const FINISHED: readonly CaseStatus[] = ['completed', 'terminated'];

export interface FlagInput {
  caseType: CaseType; amountDue: number; acceptedOn: string; status: CaseStatus;
  disputedAssets: boolean; hotSpot: boolean; judgmentUnclear: boolean;
}

function yearsBefore(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) - years}${date.slice(4)}`;
}

/** Each flag that applies, with the fact behind it; `today` is a Viet Nam calendar date. */
export function complexityFlags(c: FlagInput, today: string): { flag: ComplexityFlag; detail: string }[] {
  const flags: { flag: ComplexityFlag; detail: string }[] = [];
  if (c.caseType === 'credit' && c.amountDue > LARGE_CREDIT_THRESHOLD) flags.push({ flag: 'large_credit', detail: String(c.amountDue) });
  if (!FINISHED.includes(c.status) && c.acceptedOn <= yearsBefore(today, 3)) flags.push({ flag: 'older_than_3_years', detail: c.acceptedOn });
  if (c.caseType === 'asset_recovery') flags.push({ flag: 'asset_recovery', detail: '' });
  if (c.disputedAssets) flags.push({ flag: 'disputed_assets', detail: '' });
  if (c.hotSpot) flags.push({ flag: 'hot_spot', detail: '' });
  if (c.judgmentUnclear) flags.push({ flag: 'judgment_unclear', detail: '' });
  return flags;
}
