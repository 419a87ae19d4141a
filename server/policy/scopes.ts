/**
 * The read rules of `policy/index.ts` as SQL: each scope is the condition, on a row of its table,
 * that `can(user, '<thing>.read', row)` is true. Every list, search, count, conflict check and
 * drill-down that shows records of these kinds filters with its scope and nothing else; a test
 * checks scope and policy agree on every record of multi-agency data (test/unit/scopes.test.ts).
 *
 * `agency` is the SQL parameter holding the viewer's agency id (`?1`, `:agency`...).
 */
import { EDITABLE_TEXT_STATUS } from './index.ts';

/** `agreement.read`: a party agency, the lead agency included; a party's subordinate unit while the agreement is in force. */
export function visibleAgreement(alias: string, agency: string): string {
  return `(${alias}.lead_agency_id = ${agency}
    OR EXISTS (SELECT 1 FROM agreement_parties vp WHERE vp.agreement_id = ${alias}.id AND vp.agency_id = ${agency})
    OR (${alias}.status IN ('in_force', 'amended') AND EXISTS (
      SELECT 1 FROM agencies vu WHERE vu.id = ${agency}
         AND vu.parent_id IN (SELECT vp2.agency_id FROM agreement_parties vp2 WHERE vp2.agreement_id = ${alias}.id))))`;
}

/** `meeting.read`: the chair's agency and every agency invited to the table. */
export function visibleMeeting(alias: string, agency: string): string {
  return `(${alias}.chair_agency_id = ${agency}
    OR EXISTS (SELECT 1 FROM meeting_agencies vm WHERE vm.meeting_id = ${alias}.id AND vm.agency_id = ${agency}))`;
}

/** `case.read`: the enforcement office that keeps the case and the agencies involved in it. */
export function visibleCase(alias: string, agency: string): string {
  return `(${alias}.office_agency_id = ${agency}
    OR EXISTS (SELECT 1 FROM case_agencies vc WHERE vc.case_id = ${alias}.id AND vc.agency_id = ${agency}))`;
}

/**
 * `case.read` as the set of case ids, read through the indexes (the office's cases, the cases it is
 * involved in) rather than tested case by case: for a viewer who sees few of a large register.
 * The same rule as visibleCase (the visibility test checks both agree).
 */
export function visibleCaseIds(agency: string): string {
  // Two disjoint parts (UNION ALL streams: a LIMIT around it stops early, where UNION would collect every id first).
  return `SELECT id FROM cases WHERE office_agency_id = ${agency}
    UNION ALL SELECT vc.case_id FROM case_agencies vc JOIN cases vo ON vo.id = vc.case_id WHERE vc.agency_id = ${agency} AND vo.office_agency_id <> ${agency}`;
}

/** `actionItem.read`: the agency doing the work and the agency that assigned it. */
export function visibleActionItem(alias: string, agency: string): string {
  return `(${alias}.agency_id = ${agency} OR ${alias}.assigned_by_agency_id = ${agency})`;
}

/**
 * A live document whose text still takes people's edits (the status part of `agreement.edit` and
 * `meeting.editMinutes`); `doc` is the SQL parameter holding its name (`agreement:<id>`, `minutes:<id>`).
 */
export function editableText(doc: string): string {
  return `(EXISTS (SELECT 1 FROM agreements ea WHERE ea.id = substr(${doc}, ${'agreement:'.length + 1})
            AND substr(${doc}, 1, ${'agreement:'.length}) = 'agreement:' AND ea.status = '${EDITABLE_TEXT_STATUS.agreement}')
    OR EXISTS (SELECT 1 FROM meetings em WHERE em.id = substr(${doc}, ${'minutes:'.length + 1})
            AND substr(${doc}, 1, ${'minutes:'.length}) = 'minutes:' AND em.status = '${EDITABLE_TEXT_STATUS.minutes}'))`;
}
