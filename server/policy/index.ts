/**
 * The one place that says who may do what. Routers, exports and the collaboration upgrade ask
 * `can(user, action, thing)`; nothing else looks at roles. Each rule reads as an allow-statement.
 */
import { AGREEMENT_TRANSITIONS, type AgreementStatus, type Role } from '../../shared/domain.ts';

export interface Actor {
  id: string;
  agency: { id: string };
  roles: readonly Role[];
}

/** What the rules need to know of an agreement. */
export interface AgreementScope {
  leadAgencyId: string; partyAgencyIds: readonly string[]; status: string;
  /** The parties' subordinate units (agencies whose parent is a party): they read the agreement while it is in force. */
  unitAgencyIds?: readonly string[];
}
export interface CaseScope { officeAgencyId: string; involvedAgencyIds: readonly string[] }
export interface MeetingScope {
  chairUserId: string; chairAgencyId: string; invitedAgencyIds: readonly string[]; secretaryUserId: string | null; status: string;
}
export interface ActionItemScope { agencyId: string; assignedByAgencyId: string }
/** Where an assignment comes from: work an agency gives itself, a duty of an agreement's text, a meeting's conclusion. */
export type AssignmentSource =
  | { kind: 'manual' }
  | { kind: 'agreement'; agreement: AgreementScope }
  | { kind: 'meeting'; meeting: MeetingScope };
/** The record a file is attached to. */
export type AttachmentTarget =
  | { kind: 'agreement'; agreement: AgreementScope }
  | { kind: 'meeting'; meeting: MeetingScope }
  | { kind: 'actionItem'; item: ActionItemScope }
  | { kind: 'case'; record: CaseScope };

interface Things {
  'agency.manage': null;
  'user.manage': null;
  'audit.read': null;
  'statistics.read': null;
  'statistics.freeze': null;
  'statistics.setTarget': null;
  'agreement.create': null;
  'agreement.read': AgreementScope;
  'agreement.edit': AgreementScope;
  'agreement.comment': AgreementScope;
  'agreement.manage': AgreementScope;
  'agreement.transition': { agreement: AgreementScope; to: AgreementStatus };
  'agreement.giveOpinion': AgreementScope;
  'agreement.suggest': AgreementScope;
  'agreement.release': AgreementScope;
  'agreement.decideSuggestion': AgreementScope;
  'agreement.sign': { agreement: AgreementScope; agencyId: string };
  'agreement.amend': AgreementScope;
  'agreement.review': AgreementScope;
  'agreement.recordDissemination': { agreement: AgreementScope; agencyId: string };
  'agreement.acknowledgeDissemination': { agreement: AgreementScope; unit: { id: string; parentId: string | null } };
  'case.read': CaseScope;
  'case.create': null;
  'case.edit': CaseScope;
  'meeting.create': null;
  'meeting.read': MeetingScope;
  'meeting.manage': MeetingScope;
  'meeting.editMinutes': MeetingScope;
  'meeting.recordMinutes': MeetingScope;
  'meeting.approve': MeetingScope;
  'meeting.confirmMinutes': { meeting: MeetingScope; invited: boolean };
  'meeting.correctMinutes': MeetingScope;
  'actionItem.read': ActionItemScope;
  'actionItem.work': ActionItemScope;
  'actionItem.review': ActionItemScope;
  'actionItem.assign': { assignedAgencyId: string; source: AssignmentSource };
  'attachment.upload': AttachmentTarget;
}
export type Action = keyof Things;
export type Thing<A extends Action> = Things[A];

const has = (user: Actor, role: Role) => user.roles.includes(role);
const atTable = (user: Actor, meeting: MeetingScope) =>
  meeting.chairAgencyId === user.agency.id || meeting.invitedAgencyIds.includes(user.agency.id);
const isParty = (user: Actor, agreement: AgreementScope) =>
  agreement.partyAgencyIds.includes(user.agency.id) || agreement.leadAgencyId === user.agency.id;
const isLeadLegalStaff = (user: Actor, agreement: AgreementScope) => agreement.leadAgencyId === user.agency.id && has(user, 'legal_staff');
const inForce = (agreement: AgreementScope) => agreement.status === 'in_force' || agreement.status === 'amended';

/**
 * The status in which a live text takes people's edits: an agreement while drafted, the minutes
 * until approved. Beyond the rules below, the log writer refuses rows of a text in any other status
 * (`editableText` in scopes.ts), so an edit that reaches another instance late cannot land on a
 * signed text or approved minutes.
 */
export const EDITABLE_TEXT_STATUS = { agreement: 'draft', minutes: 'scheduled' } as const;

const rules: { [A in Action]: (user: Actor, thing: Things[A]) => boolean } = {
  'agency.manage': (user) => has(user, 'admin'),
  'user.manage': (user) => has(user, 'admin'),
  'audit.read': (user) => has(user, 'admin'),
  // Inter-agency statistics: every agency sees the same figures (one shared register).
  'statistics.read': () => true,
  // A chair freezes the figures of a period (số liệu chốt) for everyone.
  'statistics.freeze': (user) => has(user, 'chair'),
  // Targets (chỉ tiêu) are set by chairs and administrators.
  'statistics.setTarget': (user) => has(user, 'chair') || has(user, 'admin'),

  'agreement.create': (user) => has(user, 'legal_staff'),
  // Everyone in a party agency sees the agreement; the parties' subordinate units see it while it is in force (quán triệt).
  'agreement.read': (user, agreement) => isParty(user, agreement) || (inForce(agreement) && (agreement.unitAgencyIds ?? []).includes(user.agency.id)),
  // Legal staff of a party draft it, while it is a draft.
  'agreement.edit': (user, agreement) => isParty(user, agreement) && has(user, 'legal_staff') && agreement.status === EDITABLE_TEXT_STATUS.agreement,
  // Commenting does not need the right to edit: a party's observers comment too, while drafting and in consultation.
  'agreement.comment': (user, agreement) => isParty(user, agreement) && (agreement.status === 'draft' || agreement.status === 'consultation'),
  // The lead agency's legal staff decide the title, the number and who the parties are; they restore versions.
  'agreement.manage': (user, agreement) => agreement.leadAgencyId === user.agency.id && has(user, 'legal_staff') && agreement.status === 'draft',
  // The lead agency's legal staff drive the text from one step to the next, only along the allowed transitions.
  'agreement.transition': (user, { agreement, to }) =>
    isLeadLegalStaff(user, agreement) && (AGREEMENT_TRANSITIONS[agreement.status as AgreementStatus] ?? []).includes(to),
  // In consultation each party answers for its agency: its legal staff or its signatory.
  'agreement.giveOpinion': (user, agreement) =>
    isParty(user, agreement) && (has(user, 'legal_staff') || has(user, 'signatory')) && agreement.status === 'consultation',
  // A party's legal staff propose changes to the frozen text during consultation.
  'agreement.suggest': (user, agreement) => isParty(user, agreement) && has(user, 'legal_staff') && agreement.status === 'consultation',
  // An agency's own reviewer (its legal staff) releases its suggestions and comments to the other parties.
  'agreement.release': (user, agreement) => isParty(user, agreement) && has(user, 'legal_staff'),
  // The lead agency's legal staff accept or reject suggestions while the text can still change hands.
  'agreement.decideSuggestion': (user, agreement) =>
    isLeadLegalStaff(user, agreement) && (agreement.status === 'consultation' || agreement.status === 'draft'),
  // Each party's signatory signs for its own agency, and only while the text is put to signature.
  'agreement.sign': (user, { agreement, agencyId }) =>
    isParty(user, agreement) && has(user, 'signatory') && agencyId === user.agency.id && agreement.status === 'signing',
  // An agreement in force is amended by a new draft the lead agency's legal staff start.
  'agreement.amend': (user, agreement) => isLeadLegalStaff(user, agreement) && agreement.status === 'in_force',
  // Chairs of the lead agency record the reviews (sơ kết, tổng kết) of an agreement in force.
  'agreement.review': (user, agreement) => agreement.leadAgencyId === user.agency.id && has(user, 'chair') && inForce(agreement),

  // Each party's legal staff record how their own agency disseminated (quán triệt) the agreement in force.
  'agreement.recordDissemination': (user, { agreement, agencyId }) =>
    isParty(user, agreement) && agencyId === user.agency.id && has(user, 'legal_staff') && inForce(agreement),
  // The working staff of a party's subordinate unit acknowledge, for their unit, that it was disseminated to them.
  'agreement.acknowledgeDissemination': (user, { agreement, unit }) =>
    unit.id === user.agency.id && unit.parentId !== null && isParty({ ...user, agency: { id: unit.parentId } }, agreement) && inForce(agreement)
      && (has(user, 'legal_staff') || has(user, 'chair') || has(user, 'signatory')),

  'case.read': (user, record) => record.officeAgencyId === user.agency.id || record.involvedAgencyIds.includes(user.agency.id),
  // The enforcement office keeps its own register: its legal staff and chairs write it.
  'case.create': (user) => has(user, 'legal_staff') || has(user, 'chair'),
  'case.edit': (user, record) => record.officeAgencyId === user.agency.id && (has(user, 'legal_staff') || has(user, 'chair')),

  'meeting.create': (user) => has(user, 'chair'),
  'meeting.read': (user, meeting) => atTable(user, meeting),
  // The person chairing reschedules, cancels and approves.
  'meeting.manage': (user, meeting) => meeting.chairUserId === user.id,
  'meeting.approve': (user, meeting) => meeting.chairUserId === user.id && meeting.status === 'scheduled',
  // Before approval each invited agency confirms the draft or remarks on it, through someone of it on the invitation list (a delegate too).
  'meeting.confirmMinutes': (user, { meeting, invited }) => meeting.status === 'scheduled' && invited
    && user.agency.id !== meeting.chairAgencyId && meeting.invitedAgencyIds.includes(user.agency.id),
  // Approved minutes change only through a correction by the chair: a new numbered version, the earlier ones kept.
  'meeting.correctMinutes': (user, meeting) => meeting.chairUserId === user.id && meeting.status === 'approved',
  // The chair, the secretary and the working staff of every agency at the table write the live minutes until they
  // are approved (or the meeting is cancelled); viewers and administrators read them.
  'meeting.editMinutes': (user, meeting) => meeting.status === EDITABLE_TEXT_STATUS.minutes && (meeting.chairUserId === user.id
    || meeting.secretaryUserId === user.id || (atTable(user, meeting) && (has(user, 'legal_staff') || has(user, 'chair') || has(user, 'signatory')))),
  // Attendance and conclusions are the chair's and the secretary's record.
  'meeting.recordMinutes': (user, meeting) =>
    (meeting.chairUserId === user.id || meeting.secretaryUserId === user.id) && meeting.status === 'scheduled',

  'actionItem.read': (user, item) => item.agencyId === user.agency.id || item.assignedByAgencyId === user.agency.id,
  // The assigned agency's signatories and staff report on the work; viewers only follow it.
  'actionItem.work': (user, item) => item.agencyId === user.agency.id && (has(user, 'signatory') || has(user, 'legal_staff') || has(user, 'chair')),
  // The assigning agency accepts, reopens or cancels what it asked for.
  'actionItem.review': (user, item) => item.assignedByAgencyId === user.agency.id && (has(user, 'chair') || has(user, 'legal_staff') || has(user, 'signatory')),
  // Who gives work to whom: an agency to itself (its chairs and legal staff); the lead agency of an agreement to
  // its parties, from the text, while it is drafted or in force; the chair or secretary of a meeting to the
  // agencies at its table, while its minutes are open.
  'actionItem.assign': (user, { assignedAgencyId, source }) => {
    switch (source.kind) {
      case 'manual':
        return assignedAgencyId === user.agency.id && (has(user, 'chair') || has(user, 'legal_staff'));
      case 'agreement': {
        const { agreement } = source;
        return agreement.leadAgencyId === user.agency.id && (has(user, 'legal_staff') || has(user, 'chair'))
          && isParty({ ...user, agency: { id: assignedAgencyId } }, agreement) && (agreement.status === 'draft' || inForce(agreement));
      }
      case 'meeting': {
        const { meeting } = source;
        return (meeting.chairUserId === user.id || meeting.secretaryUserId === user.id) && meeting.status === 'scheduled'
          && (meeting.chairAgencyId === assignedAgencyId || meeting.invitedAgencyIds.includes(assignedAgencyId));
      }
    }
  },

  // Files are attached by whoever edits or works on the record: a party's legal staff (annexes, signed scans, at
  // any status); the chair or secretary of a meeting (its dossier); the agency doing or reviewing an action item;
  // the enforcement office's staff on a case. Reading them is reading the record.
  'attachment.upload': (user, target) => {
    switch (target.kind) {
      case 'agreement': return isParty(user, target.agreement) && has(user, 'legal_staff');
      case 'meeting': return rules['meeting.recordMinutes'](user, target.meeting) || rules['meeting.manage'](user, target.meeting);
      case 'actionItem': return rules['actionItem.work'](user, target.item) || rules['actionItem.review'](user, target.item);
      case 'case': return rules['case.edit'](user, target.record);
    }
  },
};

export function can<A extends Action>(user: Actor | null, action: A, thing: Things[A]): boolean {
  return user !== null && rules[action](user, thing);
}
