/** Statistics: figures of the register, targets (chỉ tiêu) with progress and ranking, frozen reports (số liệu chốt). */
import type { Transaction } from '@libsql/client';
import { all, one, type Sql } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import type { Actor } from '../../policy/index.ts';
import { recordAudit } from '../audit/index.ts';
import { DomainError } from '../errors.ts';
import { computeContributions, computeFigures, computeFiguresBy } from './figures.ts';
import {
  figuresOf, statisticalYearOf, unitKey, unitOfKey,
  type CaseContribution, type Figures, type Period, type Unit,
} from '../../../shared/statistics.ts';

export { computeFigures, computeContributions, figureCases, explainFigures } from './figures.ts';
export { complexCasesByFlag, meetingActivity } from './activity.ts';

export interface Target { unitKey: string; year: number; casesRate: number; moneyRate: number }

/** A target per unit and statistical year, both rates in percent 0–100 (else BAD_REQUEST). */
export async function setTarget(tx: Transaction, actor: Actor, input: { unit: Unit; year: number; casesRate: number; moneyRate: number }): Promise<Target> {
  for (const rate of [input.casesRate, input.moneyRate]) {
    if (!Number.isFinite(rate) || rate < 0 || rate > 100) throw new DomainError('BAD_REQUEST', 'targetOutOfRange');
  }
  if (input.unit.kind === 'agency' && !(await one(tx, 'SELECT 1 FROM agencies WHERE id = ?', [input.unit.agencyId]))) {
    throw new DomainError('BAD_REQUEST', 'unknownAgency');
  }
  const key = unitKey(input.unit);
  await tx.execute({
    sql: `INSERT INTO statistics_targets (unit_key, year, cases_rate, money_rate, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT (unit_key, year) DO UPDATE SET cases_rate = excluded.cases_rate, money_rate = excluded.money_rate,
            set_by = excluded.set_by, set_at = excluded.set_at`,
    args: [key, input.year, input.casesRate, input.moneyRate, actor.id, new Date().toISOString()],
  });
  await recordAudit(tx, actor, { entity: 'statistics_target', entityId: `${key}@${input.year}`, action: 'set', summary: { casesRate: input.casesRate, moneyRate: input.moneyRate } });
  return { unitKey: key, year: input.year, casesRate: input.casesRate, moneyRate: input.moneyRate };
}

export async function targetOf(sql: Sql, unit: Unit, year: number): Promise<Target | null> {
  const row = await one(sql, 'SELECT unit_key, year, cases_rate, money_rate FROM statistics_targets WHERE unit_key = ? AND year = ?', [unitKey(unit), year]);
  return row ? { unitKey: String(row.unit_key), year: Number(row.year), casesRate: Number(row.cases_rate), moneyRate: Number(row.money_rate) } : null;
}

/**
 * Enforcement offices of the unit ranked by each rate for the period, with their target of the
 * statistical year the period ends in. Rank 1 is the highest rate; offices with nothing có điều
 * kiện come last, unranked.
 */
export async function ranking(sql: Sql, period: Period, unit: Unit) {
  const year = statisticalYearOf(period.to);
  const [groups, agencies, targets] = await Promise.all([
    computeFiguresBy(sql, period, unit, 'office'),
    all(sql, 'SELECT id, short_name, name_vi, name_en FROM agencies'),
    all(sql, 'SELECT unit_key, cases_rate, money_rate FROM statistics_targets WHERE year = ?', [year]),
  ]);
  const names = new Map(agencies.map((a) => [String(a.id), { shortName: String(a.short_name), nameVi: String(a.name_vi), nameEn: String(a.name_en) }]));
  const targetByKey = new Map(targets.map((t) => [String(t.unit_key), { casesRate: Number(t.cases_rate), moneyRate: Number(t.money_rate) }]));
  const rankBy = (rate: 'cases' | 'money') => {
    const sorted = groups.filter((g) => g.figures.rates[rate] !== null).sort((a, b) => b.figures.rates[rate]! - a.figures.rates[rate]!);
    return new Map(sorted.map((g, index) => [g.key, index + 1]));
  };
  const casesRank = rankBy('cases');
  const moneyRank = rankBy('money');
  return {
    year,
    units: groups.map((g) => ({
      agencyId: g.key, ...(names.get(g.key) ?? { shortName: g.key, nameVi: g.key, nameEn: g.key }),
      figures: g.figures, casesRank: casesRank.get(g.key) ?? null, moneyRank: moneyRank.get(g.key) ?? null,
      target: targetByKey.get(`agency:${g.key}`) ?? null,
    })).sort((a, b) => (a.casesRank ?? 1e9) - (b.casesRank ?? 1e9)),
  };
}

/** Progress against the unit's target for the statistical year of the period. */
export async function progress(sql: Sql, period: Period, unit: Unit, figures: Figures) {
  const year = statisticalYearOf(period.to);
  const target = await targetOf(sql, unit, year);
  const percent = (rate: number | null) => (rate === null ? null : rate * 100);
  return {
    year, target,
    casesGap: target && figures.rates.cases !== null ? percent(figures.rates.cases)! - target.casesRate : null,
    moneyGap: target && figures.rates.money !== null ? percent(figures.rates.money)! - target.moneyRate : null,
  };
}

export interface FrozenSnapshot { figures: Figures; cases: CaseContribution[] }

/** Freezes a period's figures with every case's part, as they are now; the row can never change (triggers). */
export async function freezeReport(tx: Transaction, actor: Actor, input: { name: string; period: Period; unit: Unit }) {
  const cases = await computeContributions(tx, input.period, input.unit);
  const snapshot: FrozenSnapshot = { figures: figuresOf(cases), cases };
  const id = newId();
  await tx.execute({
    sql: `INSERT INTO statistics_reports (id, name, period_from, period_to, unit_key, snapshot, created_by, agency_id, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [id, input.name, input.period.from, input.period.to, unitKey(input.unit), JSON.stringify(snapshot), actor.id, actor.agency.id, new Date().toISOString()],
  });
  await recordAudit(tx, actor, { entity: 'statistics_report', entityId: id, action: 'freeze', summary: { name: input.name, ...input.period, unit: unitKey(input.unit) } });
  return id;
}

export async function listReports(sql: Sql) {
  const rows = await all(sql, `
    SELECT r.id, r.name, r.period_from, r.period_to, r.unit_key, r.created_at, u.name AS created_by_name, a.short_name AS agency_short_name,
           json_extract(r.snapshot, '$.figures.rates.cases') AS cases_rate, json_extract(r.snapshot, '$.figures.rates.money') AS money_rate
      FROM statistics_reports r JOIN users u ON u.id = r.created_by JOIN agencies a ON a.id = r.agency_id
     ORDER BY r.created_at DESC`);
  return rows.map((row) => ({
    id: String(row.id), name: String(row.name), period: { from: String(row.period_from), to: String(row.period_to) },
    unitKey: String(row.unit_key), createdAt: String(row.created_at), createdByName: String(row.created_by_name),
    agencyShortName: String(row.agency_short_name),
    casesRate: row.cases_rate === null ? null : Number(row.cases_rate), moneyRate: row.money_rate === null ? null : Number(row.money_rate),
  }));
}

type Field = Exclude<keyof CaseContribution, 'caseId' | 'judgmentNumber' | 'officeAgencyId' | 'officerName'>;
const COMPARED: Field[] = ['carried', 'bucket', 'moneyStart', 'collected', 'terminated', 'reduced'];

export interface CaseDifference {
  caseId: string; judgmentNumber: string;
  change: 'added' | 'removed' | 'changed';
  fields: { field: Field; frozen: unknown; live: unknown }[];
}

/** A frozen report beside the live register: its figures, the live ones, and the differences case by case. */
export async function reportWithDifferences(sql: Sql, id: string) {
  const row = await one(sql, 'SELECT id, name, period_from, period_to, unit_key, snapshot, created_at FROM statistics_reports WHERE id = ?', [id]);
  if (!row) throw new DomainError('NOT_FOUND', 'notFound');
  const period = { from: String(row.period_from), to: String(row.period_to) };
  const unit = unitOfKey(String(row.unit_key));
  const frozen = JSON.parse(String(row.snapshot)) as FrozenSnapshot;
  const live = await computeContributions(sql, period, unit);
  const liveById = new Map(live.map((c) => [c.caseId, c]));
  const frozenById = new Map(frozen.cases.map((c) => [c.caseId, c]));
  const differences: CaseDifference[] = [];
  for (const before of frozen.cases) {
    const now = liveById.get(before.caseId);
    if (!now) {
      differences.push({ caseId: before.caseId, judgmentNumber: before.judgmentNumber, change: 'removed', fields: [] });
      continue;
    }
    const fields = COMPARED.filter((field) => before[field] !== now[field]).map((field) => ({ field, frozen: before[field], live: now[field] }));
    if (fields.length) differences.push({ caseId: before.caseId, judgmentNumber: before.judgmentNumber, change: 'changed', fields });
  }
  for (const now of live) {
    if (!frozenById.has(now.caseId)) differences.push({ caseId: now.caseId, judgmentNumber: now.judgmentNumber, change: 'added', fields: [] });
  }
  differences.sort((a, b) => a.judgmentNumber.localeCompare(b.judgmentNumber));
  return {
    id: String(row.id), name: String(row.name), period, unitKey: String(row.unit_key), createdAt: String(row.created_at),
    frozen: frozen.figures, live: figuresOf(live), differences,
  };
}

/** What the unit pickers offer: enforcement offices and officers. */
export async function statisticsUnits(sql: Sql) {
  const [agencies, officers] = await Promise.all([
    all(sql, `SELECT id, short_name, name_vi, name_en, level, valid_to FROM agencies WHERE kind IN ('thads', 'thads_admin') ORDER BY level, short_name`),
    all(sql, `SELECT DISTINCT officer_name FROM cases WHERE officer_name <> '' ORDER BY officer_name LIMIT 2000`),
  ]);
  return {
    agencies: agencies.map((a) => ({ id: String(a.id), shortName: String(a.short_name), nameVi: String(a.name_vi), nameEn: String(a.name_en), level: String(a.level), retired: a.valid_to !== null })),
    officers: officers.map((o) => String(o.officer_name)),
  };
}
