/** The register of enforcement cases (vụ việc): records, dated status history, complexity, import. */
import type { Transaction } from '@libsql/client';
import type { z } from 'zod';
import { all, one, type Sql } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import type { Actor, CaseScope } from '../../policy/index.ts';
import { visibleCase, visibleMeeting } from '../../policy/scopes.ts';
import { recordAudit } from '../audit/index.ts';
import { requireActiveAgency } from '../agency/index.ts';
import { DomainError } from '../errors.ts';
import { countFlags, flagsColumnSql, flagsOfRow, type CaseFlag } from './flags.ts';
import type { ParsedRegister, RowError } from './csv.ts';
import type { CaseStatus, CaseType } from '../../../shared/domain.ts';
import type { caseInput, caseStatusInput, caseStepCorrectionInput, STEP_MONEY_KINDS } from '../../../shared/schemas.ts';

type StepMoneyKind = (typeof STEP_MONEY_KINDS)[number];
import { formatDate, formatMoney, localDate } from '../../../shared/format.ts';
import { CASE_STATUS_NAMES } from '../../../shared/messages.ts';

export interface CaseSummary extends CaseScope {
  id: string; judgmentNumber: string; judgmentDate: string; courtName: string; caseType: CaseType;
  creditor: string; debtor: string; amountDue: number; amountCollected: number; officerName: string;
  /** Exempted with a termination (đình chỉ) and reduced (miễn, giảm); outstanding = due − collected − both. */
  amountTerminated: number; amountReduced: number; amountOutstanding: number;
  classification: 'enforceable' | 'not_yet_enforceable'; status: CaseStatus; acceptedOn: string; summary: string;
  disputedAssets: boolean; hotSpot: boolean; judgmentUnclear: boolean;
  /** The flags the case carries on `asOf` (flags.ts: the rule every count follows). */
  flags: CaseFlag[];
  asOf: string;
}

/** The cases' columns, with their flags on the date bound as :asOf. */
const SELECT = `
  SELECT ${flagsColumnSql('c', ':asOf')}, c.id, c.judgment_number, c.judgment_date, c.court_name, c.office_agency_id, c.case_type, c.creditor, c.debtor,
         c.amount_due, c.amount_collected, c.amount_terminated, c.amount_reduced, c.officer_name, c.classification, c.status, c.accepted_on, c.summary,
         c.disputed_assets, c.hot_spot, c.judgment_unclear,
         (SELECT group_concat(agency_id) FROM case_agencies x WHERE x.case_id = c.id) AS involved_ids
    FROM cases c`;

function toCase(row: Record<string, unknown>, asOf: string): CaseSummary {
  return {
    id: String(row.id), judgmentNumber: String(row.judgment_number), judgmentDate: String(row.judgment_date),
    courtName: String(row.court_name), officeAgencyId: String(row.office_agency_id), caseType: row.case_type as CaseType,
    creditor: String(row.creditor), debtor: String(row.debtor), officerName: String(row.officer_name),
    amountDue: Number(row.amount_due), amountCollected: Number(row.amount_collected),
    amountTerminated: Number(row.amount_terminated), amountReduced: Number(row.amount_reduced),
    amountOutstanding: Number(row.amount_due) - Number(row.amount_collected) - Number(row.amount_terminated) - Number(row.amount_reduced),
    classification: row.classification as CaseSummary['classification'], status: row.status as CaseStatus,
    acceptedOn: String(row.accepted_on), summary: String(row.summary),
    disputedAssets: Boolean(row.disputed_assets), hotSpot: Boolean(row.hot_spot), judgmentUnclear: Boolean(row.judgment_unclear),
    involvedAgencyIds: row.involved_ids ? String(row.involved_ids).split(',') : [],
    flags: flagsOfRow(row), asOf,
  };
}

/** Cases the viewer may read: its agency handles them or is involved in them. */
export async function listVisibleCases(sql: Sql, viewer: Actor, asOf = localDate()): Promise<CaseSummary[]> {
  const rows = await all(sql, `${SELECT} WHERE ${visibleCase('c', ':viewer')} ORDER BY c.accepted_on DESC, c.judgment_number`, { viewer: viewer.agency.id, asOf });
  return rows.map((row) => toCase(row, asOf));
}

/** How many of the cases the viewer may read are open on `asOf`, complex, and carry each flag (the list's counts). */
export function countVisibleFlags(sql: Sql, viewer: Actor, asOf = localDate()) {
  return countFlags(sql, asOf, { sql: visibleCase('c', ':viewer'), args: { viewer: viewer.agency.id } });
}

export async function getCase(sql: Sql, id: string, asOf = localDate()): Promise<CaseSummary | undefined> {
  const row = await one(sql, `${SELECT} WHERE c.id = :id`, { id, asOf });
  return row && toCase(row, asOf);
}

export interface StepMoney { kind: StepMoneyKind; amount: number }

/** The money a step brought (its events summed: a correction adds the difference), null when none. */
async function stepMoneyOf(sql: Sql, stepId: number): Promise<StepMoney | null> {
  const rows = await all<{ kind: StepMoneyKind; amount: number }>(sql,
    'SELECT kind, sum(amount) AS amount FROM case_money_events WHERE step_id = ? GROUP BY kind HAVING sum(amount) <> 0', [stepId]);
  return rows[0] ? { kind: rows[0].kind, amount: Number(rows[0].amount) } : null;
}

export async function caseHistory(sql: Sql, caseId: string) {
  const [rows, money, agencies, corrections] = await Promise.all([
    all(sql, `
      SELECT h.id, h.status, h.on_date, h.note, u.name AS user_name, h.recorded_at
        FROM case_status_history h LEFT JOIN users u ON u.id = h.user_id
       WHERE h.case_id = ? ORDER BY h.on_date, h.id`, [caseId]),
    all(sql, `SELECT step_id, kind, sum(amount) AS amount FROM case_money_events WHERE case_id = ? AND step_id IS NOT NULL
               GROUP BY step_id, kind HAVING sum(amount) <> 0`, [caseId]),
    all(sql, `SELECT s.step_id, s.agency_id, a.short_name FROM case_step_agencies s JOIN case_status_history h ON h.id = s.step_id
                JOIN agencies a ON a.id = s.agency_id WHERE h.case_id = ? ORDER BY a.short_name`, [caseId]),
    all(sql, `SELECT k.step_id, k.before, k.after, k.reason, k.at, u.name AS user_name FROM case_step_corrections k
                LEFT JOIN users u ON u.id = k.user_id WHERE k.case_id = ? ORDER BY k.id`, [caseId]),
  ]);
  return rows.map((row) => {
    const id = Number(row.id);
    const own = money.find((m) => Number(m.step_id) === id);
    return {
      id, status: row.status as CaseStatus, onDate: String(row.on_date), note: String(row.note),
      userName: (row.user_name as string | null) ?? null, recordedAt: String(row.recorded_at),
      money: own ? { kind: own.kind as StepMoneyKind, amount: Number(own.amount) } : null,
      agencies: agencies.filter((a) => Number(a.step_id) === id).map((a) => ({ id: String(a.agency_id), shortName: String(a.short_name) })),
      corrections: corrections.filter((k) => Number(k.step_id) === id).map((k) => ({
        before: JSON.parse(String(k.before)) as StepValues, after: JSON.parse(String(k.after)) as StepValues,
        reason: String(k.reason), at: String(k.at), userName: (k.user_name as string | null) ?? null,
      })),
    };
  });
}

/** Every agenda item about the case, with the conclusions reached there, of the meetings the viewer may read. */
export async function caseMeetings(sql: Sql, viewer: Actor, caseId: string) {
  const rows = await all(sql, `
    SELECT m.id AS meeting_id, m.title, m.starts_at, m.ends_at, m.status, a.id AS agenda_item_id, a.title AS agenda_title,
           c.id AS conclusion_id, c.text AS conclusion
      FROM agenda_items a
      JOIN meetings m ON m.id = a.meeting_id
      LEFT JOIN meeting_conclusions c ON c.agenda_item_id = a.id
     WHERE a.case_id = ?1 AND ${visibleMeeting('m', '?2')}
     ORDER BY m.starts_at, a.position, c.created_at`, [caseId, viewer.agency.id]);
  const meetings = new Map<string, { meetingId: string; title: string; startsAt: string; endsAt: string; status: string; agendaTitle: string; conclusions: { id: string; text: string }[] }>();
  for (const row of rows) {
    const key = String(row.agenda_item_id);
    const entry = meetings.get(key) ?? {
      meetingId: String(row.meeting_id), title: String(row.title), startsAt: String(row.starts_at), endsAt: String(row.ends_at), status: String(row.status),
      agendaTitle: String(row.agenda_title), conclusions: [],
    };
    if (row.conclusion_id) entry.conclusions.push({ id: String(row.conclusion_id), text: String(row.conclusion) });
    meetings.set(key, entry);
  }
  return [...meetings.values()];
}

type CaseInput = z.infer<typeof caseInput>;

async function checkUniqueJudgment(sql: Sql, judgmentNumber: string, exceptId: string | null): Promise<void> {
  const clash = await one(sql, 'SELECT id FROM cases WHERE judgment_number = ? AND id IS NOT ?', [judgmentNumber, exceptId]);
  if (clash) throw new DomainError('CONFLICT', 'duplicateJudgment', { number: judgmentNumber });
}

async function writeInvolved(tx: Transaction, caseId: string, agencyIds: readonly string[], officeAgencyId: string): Promise<void> {
  await tx.execute({ sql: 'DELETE FROM case_agencies WHERE case_id = ?', args: [caseId] });
  for (const agencyId of new Set(agencyIds)) {
    if (agencyId === officeAgencyId) continue;
    await requireActiveAgency(tx, agencyId);
    await tx.execute({ sql: 'INSERT INTO case_agencies (case_id, agency_id) VALUES (?, ?)', args: [caseId, agencyId] });
  }
}

async function insertCase(tx: Transaction, actor: Actor, input: CaseInput, status: CaseStatus): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  await tx.execute({
    sql: `INSERT INTO cases (id, judgment_number, judgment_date, court_name, office_agency_id, case_type, creditor, debtor, amount_due,
            amount_collected, classification, status, accepted_on, officer_name, disputed_assets, hot_spot, judgment_unclear, summary, created_at, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [id, input.judgmentNumber, input.judgmentDate, input.courtName, actor.agency.id, input.caseType, input.creditor, input.debtor,
      input.amountDue, input.amountCollected, input.classification, status, input.acceptedOn, input.officerName,
      input.disputedAssets ? 1 : 0, input.hotSpot ? 1 : 0, input.judgmentUnclear ? 1 : 0, input.summary, now, now],
  });
  await tx.execute({
    sql: 'INSERT INTO case_status_history (case_id, status, on_date, user_id, recorded_at) VALUES (?, ?, ?, ?, ?)',
    args: [id, 'accepted', input.acceptedOn, actor.id, now],
  });
  if (status !== 'accepted') {
    await tx.execute({
      sql: 'INSERT INTO case_status_history (case_id, status, on_date, note, user_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?)',
      args: [id, status, input.acceptedOn, 'import', actor.id, now],
    });
  }
  await writeInvolved(tx, id, input.involvedAgencyIds, actor.agency.id);
  return id;
}

/** A new case of the actor's own enforcement office. */
export async function createCase(tx: Transaction, actor: Actor, input: CaseInput): Promise<CaseSummary> {
  await checkUniqueJudgment(tx, input.judgmentNumber, null);
  const id = await insertCase(tx, actor, input, 'accepted');
  await recordAudit(tx, actor, { entity: 'case', entityId: id, action: 'create', summary: { judgmentNumber: input.judgmentNumber } });
  return (await getCase(tx, id))!;
}

export async function updateCase(tx: Transaction, actor: Actor, before: CaseSummary, input: CaseInput): Promise<CaseSummary> {
  const id = before.id;
  await checkUniqueJudgment(tx, input.judgmentNumber, id);
  await tx.execute({
    sql: `UPDATE cases SET judgment_number = ?, judgment_date = ?, court_name = ?, case_type = ?, creditor = ?, debtor = ?, amount_due = ?,
            amount_collected = ?, classification = ?, accepted_on = ?, officer_name = ?, disputed_assets = ?, hot_spot = ?,
            judgment_unclear = ?, summary = ?, updated_at = ? WHERE id = ?`,
    args: [input.judgmentNumber, input.judgmentDate, input.courtName, input.caseType, input.creditor, input.debtor, input.amountDue,
      input.amountCollected, input.classification, input.acceptedOn, input.officerName, input.disputedAssets ? 1 : 0,
      input.hotSpot ? 1 : 0, input.judgmentUnclear ? 1 : 0, input.summary, new Date().toISOString(), id],
  });
  await writeInvolved(tx, id, input.involvedAgencyIds, before.officeAgencyId);
  const changed = Object.fromEntries((Object.keys(input) as (keyof CaseInput)[])
    .filter((key) => JSON.stringify(before[key as keyof CaseSummary]) !== JSON.stringify(input[key]))
    .map((key) => [key, { from: before[key as keyof CaseSummary], to: input[key] }]));
  await recordAudit(tx, actor, { entity: 'case', entityId: id, action: 'update', summary: changed });
  return (await getCase(tx, id))!;
}

/** The order the steps of an enforcement follow; postponement, completion and termination may come at any point. */
const STEP_RANK: Partial<Record<CaseStatus, number>> = { accepted: 0, decision_issued: 1, verification: 2, seizure: 3, coercion: 4, auction: 5 };

/** A step cannot go back before one already taken by its date (kê biên after xác minh, not before). */
async function checkStepOrder(sql: Sql, caseId: string, status: CaseStatus, onDate: string, exceptStepId: number | null = null): Promise<void> {
  const rank = STEP_RANK[status];
  if (rank === undefined) return;
  const steps = await all<{ status: CaseStatus; on_date: string }>(sql, 'SELECT status, on_date FROM case_status_history WHERE case_id = ? AND id IS NOT ?', [caseId, exceptStepId]);
  const before = steps.filter((s) => s.on_date <= onDate && (STEP_RANK[s.status] ?? -1) > rank);
  const after = steps.filter((s) => s.on_date > onDate && (STEP_RANK[s.status] ?? Infinity) < rank);
  const clash = before[0] ?? after[0];
  if (clash) throw new DomainError('BAD_REQUEST', 'stepOutOfOrder', { step: CASE_STATUS_NAMES.vi[status], other: CASE_STATUS_NAMES.vi[clash.status], date: formatDate(clash.on_date) });
}

/** Money still to be enforced: due less what was collected, exempted (đình chỉ) or reduced. */
async function outstandingOf(sql: Sql, caseId: string): Promise<number> {
  const row = await one<{ left: number }>(sql, 'SELECT amount_due - amount_collected - amount_terminated - amount_reduced AS left FROM cases WHERE id = ?', [caseId]);
  return Number(row?.left ?? 0);
}

/** What a step says: the values a correction changes. */
export interface StepValues { status: CaseStatus; onDate: string; note: string; money: StepMoney | null; agencyIds: string[] }

/** Which money a step may carry: đình chỉ money with a termination, miễn/giảm with any step, money collected with any step but a termination. */
function checkStepMoney(status: CaseStatus, money: StepMoney | null): void {
  if (!money) return;
  const allowed = money.kind === 'terminated' ? status === 'terminated' : money.kind === 'collected' ? status !== 'terminated' : true;
  if (!allowed) throw new DomainError('BAD_REQUEST', 'stepMoneyNotForStep', { step: CASE_STATUS_NAMES.vi[status] });
}

/**
 * The checks of a step's values, for a new step and a corrected one alike: its date (not before
 * acceptance, not in the future), its place in the order of steps, its money (not more than is
 * still due), the agencies of a coercion, and "thi hành xong" with money still due (said on
 * purpose, with a reason). `outstandingBefore` is what is due without this step's own money.
 */
async function checkStep(sql: Sql, record: CaseSummary, values: StepValues, outstandingBefore: number, confirm: { confirmOutstanding: boolean; reason: string }, exceptStepId: number | null) {
  if (values.onDate < record.acceptedOn) throw new DomainError('BAD_REQUEST', 'statusBeforeAcceptance');
  if (values.onDate > localDate()) throw new DomainError('BAD_REQUEST', 'statusInFuture');
  await checkStepOrder(sql, record.id, values.status, values.onDate, exceptStepId);
  checkStepMoney(values.status, values.money);
  if (values.agencyIds.length && values.status !== 'coercion') throw new DomainError('BAD_REQUEST', 'stepAgenciesOnlyCoercion');
  for (const agencyId of values.agencyIds) await requireActiveAgency(sql, agencyId);
  const amount = values.money?.amount ?? 0;
  if (amount > outstandingBefore) throw new DomainError('BAD_REQUEST', 'stepMoneyTooHigh', { amount: formatMoney(amount), left: formatMoney(Math.max(outstandingBefore, 0)) });
  const left = outstandingBefore - amount;
  if (values.status === 'completed' && left > 0 && !(confirm.confirmOutstanding && confirm.reason.trim())) {
    throw new DomainError('CONFLICT', 'completedWithMoneyDue', { amount: formatMoney(left) });
  }
}

async function writeStepMoney(tx: Transaction, actor: Actor, caseId: string, stepId: number, onDate: string, kind: StepMoneyKind, amount: number, note: string) {
  await tx.execute({
    sql: 'INSERT INTO case_money_events (case_id, on_date, kind, amount, note, user_id, recorded_at, step_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    args: [caseId, onDate, kind, amount, note, actor.id, new Date().toISOString(), stepId],
  });
}

async function writeStepAgencies(tx: Transaction, stepId: number, agencyIds: readonly string[]) {
  await tx.execute({ sql: 'DELETE FROM case_step_agencies WHERE step_id = ?', args: [stepId] });
  for (const agencyId of new Set(agencyIds)) {
    await tx.execute({ sql: 'INSERT INTO case_step_agencies (step_id, agency_id) VALUES (?, ?)', args: [stepId, agencyId] });
  }
}

/** Records a step of the enforcement (kê biên, cưỡng chế…) on the day it happened, with its money and, for a coercion, the agencies that took part. */
export async function recordCaseStatus(tx: Transaction, actor: Actor, record: CaseSummary, input: z.infer<typeof caseStatusInput>): Promise<CaseSummary> {
  const values: StepValues = { status: input.status, onDate: input.onDate, note: input.note, money: input.money, agencyIds: input.agencyIds };
  await checkStep(tx, record, values, await outstandingOf(tx, record.id), { confirmOutstanding: input.confirmOutstanding, reason: input.note }, null);
  const inserted = await tx.execute({
    sql: 'INSERT INTO case_status_history (case_id, status, on_date, note, user_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
    args: [input.caseId, input.status, input.onDate, input.note, actor.id, new Date().toISOString()],
  });
  const stepId = Number(inserted.rows[0].id);
  if (input.money) await writeStepMoney(tx, actor, input.caseId, stepId, input.onDate, input.money.kind, input.money.amount, input.note);
  await writeStepAgencies(tx, stepId, input.agencyIds);
  // The current status is the latest by date (the trigger of 0006); a step entered late does not overwrite a newer one.
  await tx.execute({ sql: 'UPDATE cases SET updated_at = ? WHERE id = ?', args: [new Date().toISOString(), input.caseId] });
  await recordAudit(tx, actor, {
    entity: 'case', entityId: input.caseId, action: 'status',
    summary: { status: input.status, onDate: input.onDate, ...(input.money ? { money: input.money } : {}), ...(input.agencyIds.length ? { agencyIds: input.agencyIds } : {}) },
  });
  return (await getCase(tx, input.caseId))!;
}

/**
 * Corrects a recorded step (wrong date, wrong step, wrong amount, wrong agencies), with a reason:
 * checked again as a new step would be (order, money, thi hành xong), the money difference written
 * as events of the step, the correction kept with before and after, and audited.
 */
export async function correctCaseStep(tx: Transaction, actor: Actor, record: CaseSummary, input: z.infer<typeof caseStepCorrectionInput>): Promise<CaseSummary> {
  const row = await one(tx, 'SELECT id, status, on_date, note FROM case_status_history WHERE id = ? AND case_id = ?', [input.stepId, record.id]);
  if (!row) throw new DomainError('NOT_FOUND', 'stepNotFound');
  const agencyRows = await all(tx, 'SELECT agency_id FROM case_step_agencies WHERE step_id = ? ORDER BY agency_id', [input.stepId]);
  const before: StepValues = {
    status: row.status as CaseStatus, onDate: String(row.on_date), note: String(row.note),
    money: await stepMoneyOf(tx, input.stepId), agencyIds: agencyRows.map((a) => String(a.agency_id)),
  };
  const after: StepValues = { status: input.status, onDate: input.onDate, note: input.note, money: input.money, agencyIds: [...new Set(input.agencyIds)].sort() };
  // The acceptance step is the case's acceptance date: it is changed with the case, not here.
  const firstAcceptance = await one(tx, "SELECT min(id) AS id FROM case_status_history WHERE case_id = ? AND status = 'accepted'", [record.id]);
  if (Number(firstAcceptance?.id) === input.stepId && (after.status !== 'accepted' || after.onDate !== before.onDate)) {
    throw new DomainError('BAD_REQUEST', 'acceptanceStepFixed');
  }
  const outstandingWithout = (await outstandingOf(tx, record.id)) + (before.money?.amount ?? 0);
  await checkStep(tx, record, after, outstandingWithout, { confirmOutstanding: input.confirmOutstanding, reason: input.reason }, input.stepId);
  const now = new Date().toISOString();
  await tx.execute({ sql: 'UPDATE case_status_history SET status = ?, on_date = ?, note = ? WHERE id = ?', args: [after.status, after.onDate, after.note, input.stepId] });
  const sameMoney = JSON.stringify(before.money) === JSON.stringify(after.money) && before.onDate === after.onDate;
  if (!sameMoney) {
    const note = `Sửa bước: ${input.reason}`;
    if (before.money) await writeStepMoney(tx, actor, record.id, input.stepId, before.onDate, before.money.kind, -before.money.amount, note);
    if (after.money) await writeStepMoney(tx, actor, record.id, input.stepId, after.onDate, after.money.kind, after.money.amount, note);
  }
  await writeStepAgencies(tx, input.stepId, after.agencyIds);
  await tx.execute({
    sql: 'INSERT INTO case_step_corrections (step_id, case_id, before, after, reason, user_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    args: [input.stepId, record.id, JSON.stringify(before), JSON.stringify(after), input.reason, actor.id, now],
  });
  await tx.execute({ sql: 'UPDATE cases SET updated_at = ? WHERE id = ?', args: [now, record.id] });
  await recordAudit(tx, actor, { entity: 'case', entityId: record.id, action: 'step_correct', summary: { stepId: input.stepId, before, after, reason: input.reason } });
  return (await getCase(tx, record.id))!;
}

/** Imports a parsed register: every row is checked first; one bad row and nothing is imported. */
export async function importCases(tx: Transaction, actor: Actor, register: ParsedRegister): Promise<{ imported: number; errors: RowError[] }> {
  const { rows } = register;
  const errors = [...register.errors];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const previous = seen.get(row.judgmentNumber);
    if (previous) errors.push({ row: row.row, field: 'judgmentNumber', message: `trùng với dòng ${previous}` });
    seen.set(row.judgmentNumber, row.row);
    if (await one(tx, 'SELECT 1 FROM cases WHERE judgment_number = ?', [row.judgmentNumber])) {
      errors.push({ row: row.row, field: 'judgmentNumber', message: `${row.judgmentNumber} đã có trong sổ vụ việc` });
    }
  }
  if (errors.length) return { imported: 0, errors: errors.sort((a, b) => a.row - b.row) };
  for (const row of rows) await insertCase(tx, actor, row, row.status);
  await recordAudit(tx, actor, { entity: 'case', entityId: 'import', action: 'import', summary: { count: rows.length } });
  return { imported: rows.length, errors: [] };
}
