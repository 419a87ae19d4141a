/**
 * Statistics from a hand-built register of 28 counted cases (and two that must not count), with
 * every expected figure worked out by hand below, not by the code under test.
 *
 * Statistical year 2025 = 01/10/2024 – 30/09/2025. Amounts in millions of đồng (M).
 *
 * Office R1 (under province office P):
 *   A carried (05/2024), due 100M, 20M collected before the year, 80M collected and completed 01/03/2025 → completed; start 80M
 *   B carried, accepted 30/09/2024 (the day before the year starts), due 50M, nothing happens → in progress; 50M
 *   C new, accepted 01/10/2024 (the year's first day), due 30M, terminated with 30M on 30/09/2025 → đình chỉ; 30M terminated
 *   D accepted 03/2024, completed 15/09/2024, before the year → not counted
 *   E carried, due 40M, completed with 40M on 01/10/2025, the day after the year → in progress within the year; 40M
 *   F new 15/01/2025, chưa có điều kiện, due 60M → not enforceable
 *   G carried 08/2024, chưa có điều kiện until reclassified 01/02/2025, postponed 01/04/2025, 10M reduced 01/05/2025
 *     → hoãn (counts as có điều kiện); start 70M, reduced 10M, postponed money 60M
 *   H new 01/06/2025, due 25M, 5M collected 01/07/2025, reclassified chưa có điều kiện 01/12/2025 (after the year)
 *     → có điều kiện at the year's end, in progress; 25M
 *   I accepted 05/10/2025, after the year → not counted
 * Office R2 (under P):
 *   J carried (11/2023), due 200M, completed 01/12/2024 with 150M collected and 50M reduced → completed
 *   20 new cases, accepted 10/01…10/06/2025, due 10M each; the even ones completed 20/08/2025 with 10M collected
 *
 * Year, unit P: thụ lý 28 = 5 carried (A B E G J) + 23 new; có điều kiện 27, chưa có điều kiện 1 (F);
 *   xong 12 (A J + 10), đình chỉ 1 (C), hoãn 1 (G), đang thi hành 13 (B E H + 10), chuyển kỳ sau 15;
 *   rate về việc = 13 / 27 = 48,1 %.
 *   Money: thụ lý 755M (carried 440M, new 315M); có điều kiện 695M; collected 80+5+150+100 = 335M,
 *   terminated 30M, reduced 60M; rate về tiền = 425 / 695 = 61,2 %; hoãn 60M; chuyển kỳ sau 330M.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InStatement } from '@libsql/client';
import { one } from '../../server/db/client.ts';
import { formatPercent, localDate } from '../../shared/format.ts';
import { buildAgency } from '../factories.ts';
import { signIn, startTestServer, trpc, type TestServer } from '../helpers.ts';

const M = 1_000_000;
let server: TestServer;
let thads: string;
let toaan: string;
let P: string;
let R1: string;
let R2: string;
const ids: Record<string, string> = {};

interface CaseSpec {
  key: string; office: string; accepted: string; due: number; classification?: 'enforceable' | 'not_yet_enforceable';
  officer?: string; statuses?: [string, string][]; money?: [string, 'collected' | 'terminated' | 'reduced', number][];
  reclassified?: [string, 'enforceable' | 'not_yet_enforceable'][];
}

let sequence = 0;
function caseStatements(spec: CaseSpec): InStatement[] {
  const id = `stat-${spec.key}-${(sequence += 1)}`;
  ids[spec.key] = id;
  const now = new Date().toISOString();
  const statements: InStatement[] = [{
    sql: `INSERT INTO cases (id, judgment_number, judgment_date, court_name, office_agency_id, case_type, creditor, debtor, amount_due,
            classification, status, accepted_on, officer_name, created_at, updated_at)
          VALUES (?, ?, ?, 'TAND tỉnh', ?, 'civil', 'Chủ nợ', 'Người phải thi hành', ?, ?, 'accepted', ?, ?, ?, ?)`,
    args: [id, `TK-${spec.key}/${sequence}`, spec.accepted, spec.office, spec.due, spec.classification ?? 'enforceable', spec.accepted, spec.officer ?? '', now, now],
  }, {
    sql: `INSERT INTO case_status_history (case_id, status, on_date, recorded_at) VALUES (?, 'accepted', ?, ?)`, args: [id, spec.accepted, now],
  }, {
    // THADS of the demo province is involved, so that thads@ may open the cases behind the figures.
    sql: `INSERT INTO case_agencies (case_id, agency_id) VALUES (?, 'agency-thads')`, args: [id],
  }];
  for (const [date, status] of spec.statuses ?? []) {
    statements.push({ sql: 'INSERT INTO case_status_history (case_id, status, on_date, recorded_at) VALUES (?, ?, ?, ?)', args: [id, status, date, now] });
  }
  for (const [date, kind, amount] of spec.money ?? []) {
    statements.push({ sql: 'INSERT INTO case_money_events (case_id, on_date, kind, amount, recorded_at) VALUES (?, ?, ?, ?, ?)', args: [id, date, kind, amount, now] });
  }
  for (const [date, classification] of spec.reclassified ?? []) {
    statements.push({ sql: 'INSERT INTO case_classification_history (case_id, classification, on_date, recorded_at) VALUES (?, ?, ?, ?)', args: [id, classification, date, now] });
  }
  return statements;
}

const YEAR = { from: '2024-10-01', to: '2025-09-30' };
const Q1 = { from: '2024-10-01', to: '2024-12-31' };

beforeAll(async () => {
  server = await startTestServer();
  thads = await signIn(server.url, 'thads@demo.concord.vn');
  toaan = await signIn(server.url, 'toaan@demo.concord.vn');
  const db = server.testDb.db;
  P = (await buildAgency(db, { kind: 'thads', level: 'province', nameVi: 'THADS tỉnh Thử Nghiệm' })).id;
  R1 = (await buildAgency(db, { kind: 'thads', level: 'regional', parentId: P, shortName: 'KV1 TN' })).id;
  R2 = (await buildAgency(db, { kind: 'thads', level: 'regional', parentId: P, shortName: 'KV2 TN' })).id;
  const specs: CaseSpec[] = [
    { key: 'A', office: R1, accepted: '2024-05-10', due: 100 * M, officer: 'Nguyễn Văn An',
      money: [['2024-06-01', 'collected', 20 * M], ['2025-03-01', 'collected', 80 * M]], statuses: [['2025-03-01', 'completed']] },
    { key: 'B', office: R1, accepted: '2024-09-30', due: 50 * M },
    { key: 'C', office: R1, accepted: '2024-10-01', due: 30 * M, money: [['2025-09-30', 'terminated', 30 * M]], statuses: [['2025-09-30', 'terminated']] },
    { key: 'D', office: R1, accepted: '2024-03-01', due: 15 * M, money: [['2024-09-15', 'collected', 15 * M]], statuses: [['2024-09-15', 'completed']] },
    { key: 'E', office: R1, accepted: '2024-07-01', due: 40 * M, money: [['2025-10-01', 'collected', 40 * M]], statuses: [['2025-10-01', 'completed']] },
    { key: 'F', office: R1, accepted: '2025-01-15', due: 60 * M, classification: 'not_yet_enforceable' },
    { key: 'G', office: R1, accepted: '2024-08-01', due: 70 * M, classification: 'not_yet_enforceable', officer: 'Nguyễn Văn An',
      reclassified: [['2025-02-01', 'enforceable']], statuses: [['2025-04-01', 'postponed']], money: [['2025-05-01', 'reduced', 10 * M]] },
    { key: 'H', office: R1, accepted: '2025-06-01', due: 25 * M, money: [['2025-07-01', 'collected', 5 * M]], reclassified: [['2025-12-01', 'not_yet_enforceable']] },
    { key: 'I', office: R1, accepted: '2025-10-05', due: 99 * M },
    { key: 'J', office: R2, accepted: '2023-11-01', due: 200 * M, statuses: [['2024-12-01', 'completed']],
      money: [['2024-12-01', 'collected', 150 * M], ['2024-12-01', 'reduced', 50 * M]] },
    ...Array.from({ length: 20 }, (_, i): CaseSpec => ({
      key: `N${i}`, office: R2, accepted: `2025-0${1 + (i % 6)}-10`, due: 10 * M,
      ...(i % 2 === 0 ? { statuses: [['2025-08-20', 'completed']], money: [['2025-08-20', 'collected', 10 * M]] } : {}),
    })),
  ];
  await db.batch(specs.flatMap(caseStatements));
});
afterAll(() => server.close());

const q = (cookie: string | null, path: string, input?: unknown) => trpc(server.url, cookie, path, input);
const m = (cookie: string | null, path: string, input?: unknown) => trpc(server.url, cookie, path, input, 'mutation');

describe('figures of a period from the register', () => {
  it('counts the statistical year of province office P as worked out by hand', async () => {
    const { data, error } = await q(toaan, 'statistics.figures', { period: YEAR, unit: { kind: 'agency', agencyId: P } });
    expect(error).toBeUndefined();
    expect(data.figures.cases).toEqual({
      accepted: 28, carriedOver: 5, newlyAccepted: 23, enforceable: 27, notYetEnforceable: 1,
      completed: 12, terminated: 1, postponed: 1, inProgress: 13, pending: 15,
    });
    expect(data.figures.money).toEqual({
      accepted: 755 * M, carriedOver: 440 * M, newlyAccepted: 315 * M, enforceable: 695 * M, notYetEnforceable: 60 * M,
      collected: 335 * M, terminated: 30 * M, reduced: 60 * M, postponed: 60 * M, pending: 330 * M,
    });
    expect(formatPercent(data.figures.rates.cases)).toBe('48,1 %');
    expect(formatPercent(data.figures.rates.money)).toBe('61,2 %');
  });

  it('counts the first quarter (October–December): G is not yet enforceable then, A not yet completed', async () => {
    const { data } = await q(thads, 'statistics.figures', { period: Q1, unit: { kind: 'agency', agencyId: P } });
    // Accepted by 31/12/2024 and not finished before 01/10/2024: A B E G J (carried) + C (new).
    expect(data.figures.cases).toMatchObject({ accepted: 6, carriedOver: 5, newlyAccepted: 1, enforceable: 5, notYetEnforceable: 1, completed: 1, terminated: 0 });
    expect(formatPercent(data.figures.rates.cases)).toBe('20,0 %');
    // Money: A 80 + B 50 + C 30 + E 40 + J 200 enforceable = 400M; J: 150 collected + 50 reduced.
    expect(data.figures.money).toMatchObject({ enforceable: 400 * M, collected: 150 * M, reduced: 50 * M });
    expect(formatPercent(data.figures.rates.money)).toBe('50,0 %');
  });

  it('counts one regional office and one officer', async () => {
    const r1 = (await q(thads, 'statistics.figures', { period: YEAR, unit: { kind: 'agency', agencyId: R1 } })).data.figures;
    expect(r1.cases).toMatchObject({ accepted: 7, enforceable: 6, completed: 1, terminated: 1 });
    expect(formatPercent(r1.rates.cases)).toBe('33,3 %');
    const officer = (await q(thads, 'statistics.figures', { period: YEAR, unit: { kind: 'officer', name: 'Nguyễn Văn An' } })).data.figures;
    expect(officer.cases).toMatchObject({ accepted: 2, completed: 1, postponed: 1 });
  });

  it('drills every figure down to the cases that make it up', async () => {
    const unit = { kind: 'agency', agencyId: P };
    const list = async (figure: string) => (await q(thads, 'statistics.cases', { period: YEAR, unit, figure, limit: 500 })).data as { total: number; cases: { caseId: string }[] };
    const ofKeys = (...keys: string[]) => keys.map((k) => ids[k]).sort();
    expect((await list('carriedOver')).cases.map((c) => c.caseId).sort()).toEqual(ofKeys('A', 'B', 'E', 'G', 'J'));
    expect((await list('terminated')).cases.map((c) => c.caseId)).toEqual([ids.C]);
    expect((await list('postponed')).cases.map((c) => c.caseId)).toEqual([ids.G]);
    expect((await list('notYetEnforceable')).cases.map((c) => c.caseId)).toEqual([ids.F]);
    const completed = await list('completed');
    expect(completed.total).toBe(12);
    expect(completed.cases).toHaveLength(12);
    expect((await list('accepted')).total).toBe(28);
    const page = (await q(thads, 'statistics.cases', { period: YEAR, unit, figure: 'accepted', limit: 10, offset: 20 })).data;
    expect(page.total).toBe(28);
    expect(page.cases).toHaveLength(8);
  });

  it('refuses an inverted period', async () => {
    const { error } = await q(thads, 'statistics.figures', { period: { from: '2025-09-30', to: '2024-10-01' }, unit: { kind: 'all' } });
    expect(error?.data.code).toBe('BAD_REQUEST');
  });
});

describe('targets', () => {
  it('refuses a target outside 0–100 %', async () => {
    for (const [casesRate, moneyRate] of [[120, 50], [50, -1], [100.01, 0]]) {
      const { error } = await m(thads, 'statistics.setTarget', { unit: { kind: 'agency', agencyId: R1 }, year: 2025, casesRate, moneyRate });
      expect(error?.data.code).toBe('BAD_REQUEST');
    }
  });

  it('stores a target, shows progress and ranks the offices by each rate', async () => {
    const { error } = await m(thads, 'statistics.setTarget', { unit: { kind: 'agency', agencyId: R2 }, year: 2025, casesRate: 80, moneyRate: 40 });
    expect(error).toBeUndefined();
    const { error: forbidden } = await m(toaan, 'statistics.setTarget', { unit: { kind: 'agency', agencyId: R2 }, year: 2025, casesRate: 10, moneyRate: 10 });
    expect(forbidden?.data.code).toBe('FORBIDDEN');
    const figures = (await q(thads, 'statistics.figures', { period: YEAR, unit: { kind: 'agency', agencyId: R2 } })).data;
    // R2: J + 20 new = 21 enforceable, 11 completed → 52,4 %; target 80 % → 27,6 points short.
    expect(formatPercent(figures.figures.rates.cases)).toBe('52,4 %');
    expect(figures.progress.target).toMatchObject({ casesRate: 80, moneyRate: 40 });
    expect(figures.progress.casesGap).toBeCloseTo(11 / 21 * 100 - 80, 6);
    const dashboard = (await q(thads, 'statistics.dashboard', { period: YEAR, unit: { kind: 'agency', agencyId: P } })).data;
    const units = dashboard.ranking.units as { agencyId: string; casesRank: number; moneyRank: number; target: unknown }[];
    // R2 52,4 % > R1 33,3 % by cases; by money R1 = (80 + 5 + 30 + 10) / (80+50+30+40+70+25 = 295) = 42,4 % < R2 (300 / 400 = 75 %).
    expect(units.find((u) => u.agencyId === R2)).toMatchObject({ casesRank: 1, moneyRank: 1, target: { casesRate: 80, moneyRate: 40 } });
    expect(units.find((u) => u.agencyId === R1)).toMatchObject({ casesRank: 2, moneyRank: 2 });
    expect(dashboard.trend.map((p: { label: string }) => p.label)).toEqual(
      ['10/2024', '11/2024', '12/2024', '01/2025', '02/2025', '03/2025', '04/2025', '05/2025', '06/2025', '07/2025', '08/2025', '09/2025']);
    expect(formatPercent(dashboard.trend[2].casesRate)).toBe('20,0 %');
    expect(formatPercent(dashboard.trend[11].casesRate)).toBe('48,1 %');
  });
});

describe('frozen reports', () => {
  it('keeps the frozen figures after the register changes and lists the differences case by case', async () => {
    const unit = { kind: 'agency', agencyId: P };
    const { data: frozen, error } = await m(thads, 'statistics.freeze', { name: 'Số liệu chốt năm 2025', period: YEAR, unit });
    expect(error).toBeUndefined();
    const { error: notChair } = await m(toaan, 'statistics.freeze', { name: 'x', period: YEAR, unit });
    expect(notChair?.data.code).toBe('FORBIDDEN');

    // B completed on 01/09/2025 with 50M collected, entered late; H's amount edited on the case.
    const now = new Date().toISOString();
    await server.testDb.db.batch([
      { sql: `INSERT INTO case_status_history (case_id, status, on_date, recorded_at) VALUES (?, 'completed', '2025-09-01', ?)`, args: [ids.B, now] },
      { sql: `INSERT INTO case_money_events (case_id, on_date, kind, amount, recorded_at) VALUES (?, '2025-09-01', 'collected', ?, ?)`, args: [ids.B, 50 * M, now] },
    ]);
    expect(Number((await one<{ amount_collected: number }>(server.testDb.db, 'SELECT amount_collected FROM cases WHERE id = ?', [ids.B]))!.amount_collected)).toBe(50 * M);

    // Every agency sees the same report.
    const report = (await q(toaan, 'statistics.report', { id: frozen.id })).data;
    expect(report.frozen.cases.completed).toBe(12);
    expect(report.live.cases.completed).toBe(13);
    expect(formatPercent(report.frozen.rates.cases)).toBe('48,1 %');
    expect(formatPercent(report.live.rates.cases)).toBe('51,9 %');
    expect(report.differences).toEqual([{
      caseId: ids.B, judgmentNumber: expect.any(String), change: 'changed',
      fields: [{ field: 'bucket', frozen: 'in_progress', live: 'completed' }, { field: 'collected', frozen: 0, live: 50 * M }],
    }]);
    const reports = (await q(toaan, 'statistics.reports')).data as { id: string; name: string }[];
    expect(reports.find((r) => r.id === frozen.id)?.name).toBe('Số liệu chốt năm 2025');

    // The row itself cannot be changed.
    await expect(server.testDb.db.batch([{ sql: `UPDATE statistics_reports SET name = 'x' WHERE id = ?`, args: [frozen.id] }])).rejects.toThrow(/cannot be changed/);
  });
});

describe('the case form keeps dated events consistent', () => {
  it('turns a direct edit of the amount collected and the classification into dated events', async () => {
    const db = server.testDb.db;
    await db.batch([{ sql: `UPDATE cases SET amount_collected = amount_collected + ?, classification = 'enforceable' WHERE id = ?`, args: [3 * M, ids.F] }]);
    const events = await one<{ n: number; s: number }>(db, `SELECT count(*) AS n, sum(amount) AS s FROM case_money_events WHERE case_id = ? AND kind = 'collected'`, [ids.F]);
    expect(Number(events!.s)).toBe(3 * M);
    const row = await one<{ amount_collected: number; classification_on: string }>(db, 'SELECT amount_collected, classification_on FROM cases WHERE id = ?', [ids.F]);
    expect(Number(row!.amount_collected)).toBe(3 * M);
    expect(row!.classification_on).toBe(localDate());
    const history = await one<{ n: number }>(db, `SELECT count(*) AS n FROM case_classification_history WHERE case_id = ?`, [ids.F]);
    expect(Number(history!.n)).toBe(2);
  });
});

describe('GET /export/statistics.xlsx', () => {
  const url = (query: string) => `${server.url}/export/statistics.xlsx${query}`;

  it('answers 401 without a session and 400 for a bad or inverted period', async () => {
    expect((await fetch(url('?from=2024-10-01&to=2025-09-30'))).status).toBe(401);
    for (const query of ['', '?from=2025-09-30&to=2024-10-01', '?from=2024-13-01&to=2025-09-30', '?from=hôm nay&to=2025-09-30']) {
      const response = await fetch(url(query), { headers: { cookie: thads } });
      expect(response.status).toBe(400);
      expect((await response.json() as { error: string }).error).toMatch(/kỳ thống kê|period/i);
    }
  });

  it('holds the figures, both rates and the case list', async () => {
    const response = await fetch(url(`?from=2024-10-01&to=2025-09-30&agency=${P}`), { headers: { cookie: toaan } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    const sheet = book.getWorksheet('Báo cáo')!;
    const rows = new Map<string, unknown[]>();
    sheet.eachRow((row) => { const values = row.values as unknown[]; rows.set(String(values[2]), values); });
    expect(String(sheet.getCell('A2').value)).toContain('01/10/2024');
    expect(String(sheet.getCell('A3').value)).toContain('THADS tỉnh Thử Nghiệm');
    // B was completed after the freeze (above): the live register now has 13 + 1 finished of 27.
    expect(rows.get('Tổng số thụ lý')!.slice(3, 5)).toEqual([28, 755 * M]);
    expect(rows.get('Có điều kiện thi hành')!.slice(3, 5)).toEqual([27, 695 * M]);
    expect(rows.get('Tỷ lệ (viết)')!.slice(3, 5)).toEqual(['51,9 %', formatPercent((385 + 30 + 60) / 695)]);
    const list = book.getWorksheet('Danh sách vụ việc')!;
    expect(list.rowCount).toBe(1 + 28);
  });
});
