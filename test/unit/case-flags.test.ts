import { createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flagsColumnSql, flagsOfRow, LARGE_CREDIT_THRESHOLD, type CaseFlag } from '../../server/domain/case/flags.ts';
import type { CaseStatus, CaseType } from '../../shared/domain.ts';

// The rule is SQL (one rule for the page, the list and the statistics): it runs here on an
// in-memory SQLite with the columns it reads.
const db = createClient({ url: ':memory:' });
beforeAll(async () => {
  await db.executeMultiple(`
    CREATE TABLE cases (id TEXT PRIMARY KEY, case_type TEXT, amount_due INTEGER, accepted_on TEXT, status TEXT, status_on TEXT,
                        disputed_assets INTEGER, hot_spot INTEGER, judgment_unclear INTEGER);
    CREATE TABLE case_status_history (id INTEGER PRIMARY KEY, case_id TEXT, status TEXT, on_date TEXT);`);
});
afterAll(() => db.close());

const TODAY = '2026-03-05';

interface FlagInput {
  caseType: CaseType; amountDue: number; acceptedOn: string; status: CaseStatus; statusOn?: string;
  disputedAssets: boolean; hotSpot: boolean; judgmentUnclear: boolean; history?: [CaseStatus, string][];
}
const plain = (overrides: Partial<FlagInput> = {}): FlagInput => ({
  caseType: 'civil', amountDue: 100_000_000, acceptedOn: '2025-06-01', status: 'verification',
  disputedAssets: false, hotSpot: false, judgmentUnclear: false, ...overrides,
});
let seq = 0;
async function complexityFlags(c: FlagInput, asOf: string): Promise<CaseFlag[]> {
  const id = `c${++seq}`;
  const history = c.history ?? [['accepted', c.acceptedOn], ...(c.status === 'accepted' ? [] : [[c.status, c.statusOn ?? c.acceptedOn] as [CaseStatus, string]])];
  await db.execute({ sql: 'INSERT INTO cases VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', args: [id, c.caseType, c.amountDue, c.acceptedOn, c.status,
    c.statusOn ?? c.acceptedOn, Number(c.disputedAssets), Number(c.hotSpot), Number(c.judgmentUnclear)] });
  for (const [status, onDate] of history) await db.execute({ sql: 'INSERT INTO case_status_history (case_id, status, on_date) VALUES (?, ?, ?)', args: [id, status, onDate] });
  const rows = await db.execute({ sql: `SELECT ${flagsColumnSql('c', ':asOf')}, c.amount_due, c.accepted_on FROM cases c WHERE c.id = :id`, args: { id, asOf } });
  return flagsOfRow(rows.rows[0] as Record<string, unknown>);
}
const flagsOf = async (overrides: Partial<FlagInput>, today = TODAY) => (await complexityFlags(plain(overrides), today)).map((f) => f.flag);

describe('complexity flags (the SQL rule)', () => {
  it('a recent, small civil case with nothing special has no flag', async () => {
    expect(await complexityFlags(plain(), TODAY)).toEqual([]);
  });

  it('a credit case over 20 tỷ is large, and names the amount', async () => {
    expect(await complexityFlags(plain({ caseType: 'credit', amountDue: 20_000_000_001 }), TODAY))
      .toEqual([{ flag: 'large_credit', detail: '20000000001' }]);
  });

  it('a credit case of exactly 20.000.000.000 đ is not over the threshold', async () => {
    expect(LARGE_CREDIT_THRESHOLD).toBe(20_000_000_000);
    expect(await flagsOf({ caseType: 'credit', amountDue: 20_000_000_000 })).toEqual([]);
  });

  it('a large amount in a case that is not a credit case is not a large credit case', async () => {
    expect(await flagsOf({ caseType: 'civil', amountDue: 90_000_000_000 })).toEqual([]);
  });

  it('a case accepted the day before its third anniversary is not yet older than 3 years', async () => {
    expect(await flagsOf({ acceptedOn: '2023-03-06' })).toEqual([]);
  });

  it('a case reaches 3 years on the anniversary of its acceptance, and the flag names the acceptance date', async () => {
    expect(await complexityFlags(plain({ acceptedOn: '2023-03-05' }), TODAY)).toEqual([{ flag: 'older_than_3_years', detail: '2023-03-05' }]);
    expect(await flagsOf({ acceptedOn: '2019-11-20' })).toEqual(['older_than_3_years']);
  });

  it('a case accepted on 29 February reaches 3 years on 1 March', async () => {
    expect(await flagsOf({ acceptedOn: '2024-02-29' }, '2027-02-28')).toEqual([]);
    expect(await flagsOf({ acceptedOn: '2024-02-29' }, '2027-03-01')).toEqual(['older_than_3_years']);
  });

  it('an old case that is completed or terminated is not flagged as old', async () => {
    expect(await flagsOf({ acceptedOn: '2019-11-20', status: 'completed' })).toEqual([]);
    expect(await flagsOf({ acceptedOn: '2019-11-20', status: 'terminated' })).toEqual([]);
    expect(await flagsOf({ acceptedOn: '2019-11-20', status: 'postponed' })).toEqual(['older_than_3_years']);
  });

  it('asset recovery, disputed assets, hot spot and an unclear judgment are each a flag', async () => {
    expect(await flagsOf({ caseType: 'asset_recovery' })).toEqual(['asset_recovery']);
    expect(await flagsOf({ disputedAssets: true })).toEqual(['disputed_assets']);
    expect(await flagsOf({ hotSpot: true })).toEqual(['hot_spot']);
    expect(await flagsOf({ judgmentUnclear: true })).toEqual(['judgment_unclear']);
  });

  it('a finished case carries no flag at all; on a day before it finished it still does', async () => {
    const big = { caseType: 'credit' as const, amountDue: 25_400_000_000, acceptedOn: '2022-08-03', status: 'completed' as const, statusOn: '2026-01-10' };
    expect(await flagsOf(big)).toEqual([]);
    expect(await flagsOf(big, '2025-12-31')).toEqual(['large_credit', 'older_than_3_years']);
  });

  it('a case accepted after the stated date is not counted on it', async () => {
    expect(await flagsOf({ caseType: 'asset_recovery', acceptedOn: '2026-04-01' })).toEqual([]);
  });

  it('flags add up', async () => {
    expect(await flagsOf({ caseType: 'credit', amountDue: 25_400_000_000, acceptedOn: '2022-08-03', disputedAssets: true, hotSpot: true }))
      .toEqual(['large_credit', 'older_than_3_years', 'disputed_assets', 'hot_spot']);
  });
});
