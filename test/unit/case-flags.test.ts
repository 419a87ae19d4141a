import { describe, expect, it } from 'vitest';
import { complexityFlags, LARGE_CREDIT_THRESHOLD, type FlagInput } from '../../server/domain/case/flags.ts';

const TODAY = '2026-03-05';

const plain = (overrides: Partial<FlagInput> = {}): FlagInput => ({
  caseType: 'civil', amountDue: 100_000_000, acceptedOn: '2025-06-01', status: 'verification',
  disputedAssets: false, hotSpot: false, judgmentUnclear: false, ...overrides,
});
const flagsOf = (overrides: Partial<FlagInput>, today = TODAY) => complexityFlags(plain(overrides), today).map((f) => f.flag);

describe('complexityFlags', () => {
  it('a recent, small civil case with nothing special has no flag', () => {
    expect(complexityFlags(plain(), TODAY)).toEqual([]);
  });

  it('a credit case over 20 tỷ is large, and names the amount', () => {
    expect(complexityFlags(plain({ caseType: 'credit', amountDue: 20_000_000_001 }), TODAY))
      .toEqual([{ flag: 'large_credit', detail: '20000000001' }]);
  });

  it('a credit case of exactly 20.000.000.000 đ is not over the threshold', () => {
    expect(LARGE_CREDIT_THRESHOLD).toBe(20_000_000_000);
    expect(flagsOf({ caseType: 'credit', amountDue: 20_000_000_000 })).toEqual([]);
  });

  it('a large amount in a case that is not a credit case is not a large credit case', () => {
    expect(flagsOf({ caseType: 'civil', amountDue: 90_000_000_000 })).toEqual([]);
  });

  it('a case accepted the day before its third anniversary is not yet older than 3 years', () => {
    expect(flagsOf({ acceptedOn: '2023-03-06' })).toEqual([]);
  });

  it('a case reaches 3 years on the anniversary of its acceptance, and the flag names the acceptance date', () => {
    expect(complexityFlags(plain({ acceptedOn: '2023-03-05' }), TODAY)).toEqual([{ flag: 'older_than_3_years', detail: '2023-03-05' }]);
    expect(flagsOf({ acceptedOn: '2019-11-20' })).toEqual(['older_than_3_years']);
  });

  it('a case accepted on 29 February reaches 3 years on 1 March', () => {
    expect(flagsOf({ acceptedOn: '2024-02-29' }, '2027-02-28')).toEqual([]);
    expect(flagsOf({ acceptedOn: '2024-02-29' }, '2027-03-01')).toEqual(['older_than_3_years']);
  });

  it('an old case that is completed or terminated is not flagged as old', () => {
    expect(flagsOf({ acceptedOn: '2019-11-20', status: 'completed' })).toEqual([]);
    expect(flagsOf({ acceptedOn: '2019-11-20', status: 'terminated' })).toEqual([]);
    expect(flagsOf({ acceptedOn: '2019-11-20', status: 'postponed' })).toEqual(['older_than_3_years']);
  });

  it('asset recovery, disputed assets, hot spot and an unclear judgment are each a flag', () => {
    expect(flagsOf({ caseType: 'asset_recovery' })).toEqual(['asset_recovery']);
    expect(flagsOf({ disputedAssets: true })).toEqual(['disputed_assets']);
    expect(flagsOf({ hotSpot: true })).toEqual(['hot_spot']);
    expect(flagsOf({ judgmentUnclear: true })).toEqual(['judgment_unclear']);
  });

  it('flags add up', () => {
    expect(flagsOf({ caseType: 'credit', amountDue: 25_400_000_000, acceptedOn: '2022-08-03', disputedAssets: true, hotSpot: true }))
      .toEqual(['large_credit', 'older_than_3_years', 'disputed_assets', 'hot_spot']);
  });
});
