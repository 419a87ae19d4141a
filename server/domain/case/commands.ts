/** Every change of the case register, as a command: read, check, authorize, act and audit in one transaction. */
import type { Transaction } from '@libsql/client';
import type { z } from 'zod';
import { authorize, expectState, readable, type CommandDeps } from '../command.ts';
import { correctCaseStep, createCase, getCase, importCases, recordCaseStatus, updateCase, type CaseSummary } from './index.ts';
import { parseCaseCsv } from './csv.ts';
import { CASE_STATUS_NAMES } from '../../../shared/messages.ts';
import type { caseImportInput, caseInput, caseStatusInput, caseStepCorrectionInput, updateCaseInput } from '../../../shared/schemas.ts';

/** The case as this transaction sees it, readable by the actor (NOT_FOUND, FORBIDDEN). */
export async function readableCase(sql: Transaction | CommandDeps['db'], actor: CommandDeps['actor'], caseId: string): Promise<CaseSummary> {
  return readable(actor, 'case.read', await getCase(sql, caseId)) as CaseSummary;
}

export function create(deps: CommandDeps, input: z.infer<typeof caseInput>): Promise<CaseSummary> {
  return deps.db.write(async (tx) => {
    authorize(deps.actor, 'case.create', null);
    return createCase(tx, deps.actor, input);
  });
}

export function update(deps: CommandDeps, input: z.infer<typeof updateCaseInput>): Promise<CaseSummary> {
  return deps.db.write(async (tx) => {
    const record = await readableCase(tx, deps.actor, input.id);
    authorize(deps.actor, 'case.edit', record);
    return updateCase(tx, deps.actor, record, input.case);
  });
}

/** A step of the enforcement, refused when another step was recorded since the caller looked (expectedStatus). */
export function recordStatus(deps: CommandDeps, input: z.infer<typeof caseStatusInput>): Promise<CaseSummary> {
  return deps.db.write(async (tx) => {
    const record = await readableCase(tx, deps.actor, input.caseId);
    expectState(input.expectedStatus, record.status, CASE_STATUS_NAMES.vi[record.status]);
    authorize(deps.actor, 'case.edit', record);
    return recordCaseStatus(tx, deps.actor, record, input);
  });
}

/** A recorded step corrected, with the reason: checked again, audited with before and after. */
export function correctStep(deps: CommandDeps, input: z.infer<typeof caseStepCorrectionInput>): Promise<CaseSummary> {
  return deps.db.write(async (tx) => {
    const record = await readableCase(tx, deps.actor, input.caseId);
    authorize(deps.actor, 'case.edit', record);
    return correctCaseStep(tx, deps.actor, record, input);
  });
}

/** A CSV register into the caller's office: all rows or none, with an error per bad row and field. */
export async function importRegister(deps: CommandDeps, input: z.infer<typeof caseImportInput>) {
  authorize(deps.actor, 'case.create', null);
  // Parsed before the transaction (it yields to other requests), checked against the register inside it.
  const register = await parseCaseCsv(input.csv);
  return deps.db.write(async (tx) => {
    authorize(deps.actor, 'case.create', null);
    return importCases(tx, deps.actor, register);
  });
}
