/** The register of enforcement cases (vụ việc). */
import { all, one, type Sql } from '../../db/client.ts';
import type { CaseScope } from '../../policy/index.ts';
import type { CaseStatus, CaseType } from '../../../shared/domain.ts';

export interface CaseSummary extends CaseScope {
  id: string; judgmentNumber: string; judgmentDate: string; courtName: string; caseType: CaseType;
  creditor: string; debtor: string; amountDue: number; amountCollected: number;
  classification: 'enforceable' | 'not_yet_enforceable'; status: CaseStatus; acceptedOn: string; summary: string;
}

const SELECT = `
  SELECT c.id, c.judgment_number, c.judgment_date, c.court_name, c.office_agency_id, c.case_type, c.creditor, c.debtor,
         c.amount_due, c.amount_collected, c.classification, c.status, c.accepted_on, c.summary,
         (SELECT group_concat(agency_id) FROM case_agencies x WHERE x.case_id = c.id) AS involved_ids
    FROM cases c`;

function toCase(row: Record<string, unknown>): CaseSummary {
  return {
    id: String(row.id), judgmentNumber: String(row.judgment_number), judgmentDate: String(row.judgment_date),
    courtName: String(row.court_name), officeAgencyId: String(row.office_agency_id), caseType: row.case_type as CaseType,
    creditor: String(row.creditor), debtor: String(row.debtor),
    amountDue: Number(row.amount_due), amountCollected: Number(row.amount_collected),
    classification: row.classification as CaseSummary['classification'], status: row.status as CaseStatus,
    acceptedOn: String(row.accepted_on), summary: String(row.summary),
    involvedAgencyIds: row.involved_ids ? String(row.involved_ids).split(',') : [],
  };
}

/** Cases the agency handles or is involved in (the policy's `case.read` as a query). */
export async function listCasesOfAgency(sql: Sql, agencyId: string): Promise<CaseSummary[]> {
  const rows = await all(sql, `${SELECT}
    WHERE c.office_agency_id = ?1 OR EXISTS (SELECT 1 FROM case_agencies x WHERE x.case_id = c.id AND x.agency_id = ?1)
    ORDER BY c.accepted_on DESC`, [agencyId]);
  return rows.map(toCase);
}

export async function getCase(sql: Sql, id: string): Promise<CaseSummary | undefined> {
  const row = await one(sql, `${SELECT} WHERE c.id = ?`, [id]);
  return row && toCase(row);
}
