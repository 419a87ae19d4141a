import { describe, expect, it } from 'vitest';
import { can, type Actor, type AgreementScope, type CaseScope, type MeetingScope, type ActionItemScope } from '../../server/policy/index.ts';
import type { Role } from '../../shared/domain.ts';

const PARTY = 'agency-party';
const OTHER_PARTY = 'agency-other-party';
const OUTSIDER = 'agency-outsider';

const actor = (roles: Role[], agencyId = PARTY): Actor => ({ id: `user-${roles.join('-') || 'none'}`, agency: { id: agencyId }, roles });

const draft: AgreementScope = { leadAgencyId: OTHER_PARTY, partyAgencyIds: [OTHER_PARTY, PARTY], status: 'draft' };
const signed: AgreementScope = { ...draft, status: 'signed' };
const meeting: MeetingScope = { chairUserId: 'chair', chairAgencyId: OTHER_PARTY, invitedAgencyIds: [PARTY], secretaryUserId: 'secretary', status: 'scheduled' };
const record: CaseScope = { officeAgencyId: OTHER_PARTY, involvedAgencyIds: [PARTY] };
const item: ActionItemScope = { agencyId: PARTY, assignedByAgencyId: OTHER_PARTY };

describe('can: nobody signed in', () => {
  it('refuses every action to a missing user', () => {
    expect(can(null, 'agreement.read', draft)).toBe(false);
    expect(can(null, 'agency.manage', null)).toBe(false);
  });
});

describe('can: admin', () => {
  const admin = actor(['admin']);
  it('manages agencies and users and reads the audit trail', () => {
    expect(can(admin, 'agency.manage', null)).toBe(true);
    expect(can(admin, 'user.manage', null)).toBe(true);
    expect(can(admin, 'audit.read', null)).toBe(true);
  });
  it('does not draft agreements or chair meetings by virtue of the admin role', () => {
    expect(can(admin, 'agreement.create', null)).toBe(false);
    expect(can(admin, 'agreement.edit', draft)).toBe(false);
    expect(can(admin, 'meeting.create', null)).toBe(false);
  });
  it('does not read an agreement of agencies it does not belong to', () => {
    expect(can(actor(['admin'], OUTSIDER), 'agreement.read', draft)).toBe(false);
  });
});

describe('can: legal staff', () => {
  const staff = actor(['legal_staff']);
  it('creates agreements but does not manage agencies, users or the audit trail', () => {
    expect(can(staff, 'agreement.create', null)).toBe(true);
    expect(can(staff, 'agency.manage', null)).toBe(false);
    expect(can(staff, 'user.manage', null)).toBe(false);
    expect(can(staff, 'audit.read', null)).toBe(false);
  });
  it('of a party edits a draft', () => {
    expect(can(staff, 'agreement.edit', draft)).toBe(true);
  });
  it('of the lead agency edits a draft even when the lead is not listed among the parties', () => {
    const ledOnly: AgreementScope = { leadAgencyId: PARTY, partyAgencyIds: [OTHER_PARTY], status: 'draft' };
    expect(can(staff, 'agreement.read', ledOnly)).toBe(true);
    expect(can(staff, 'agreement.edit', ledOnly)).toBe(true);
  });
  it('of a party cannot edit once the agreement is no longer a draft, and cannot comment either', () => {
    expect(can(staff, 'agreement.edit', signed)).toBe(false);
    expect(can(staff, 'agreement.comment', signed)).toBe(false);
    expect(can(staff, 'agreement.read', signed)).toBe(true);
  });
  it('of a non-party agency neither reads, edits nor comments', () => {
    const outsider = actor(['legal_staff'], OUTSIDER);
    expect(can(outsider, 'agreement.read', draft)).toBe(false);
    expect(can(outsider, 'agreement.edit', draft)).toBe(false);
    expect(can(outsider, 'agreement.comment', draft)).toBe(false);
  });
});

describe('can: chair', () => {
  const chair = actor(['chair']);
  it('creates meetings', () => {
    expect(can(chair, 'meeting.create', null)).toBe(true);
  });
  it('reads but does not edit a draft of its agency', () => {
    expect(can(chair, 'agreement.read', draft)).toBe(true);
    expect(can(chair, 'agreement.edit', draft)).toBe(false);
    expect(can(chair, 'agreement.create', null)).toBe(false);
  });
});

describe('can: signatory', () => {
  const signatory = actor(['signatory']);
  it('reads and comments on a draft of its agency but does not edit it', () => {
    expect(can(signatory, 'agreement.read', draft)).toBe(true);
    expect(can(signatory, 'agreement.comment', draft)).toBe(true);
    expect(can(signatory, 'agreement.edit', draft)).toBe(false);
  });
  it('creates neither agreements nor meetings', () => {
    expect(can(signatory, 'agreement.create', null)).toBe(false);
    expect(can(signatory, 'meeting.create', null)).toBe(false);
  });
});

describe('can: viewer', () => {
  const viewer = actor(['viewer']);
  it('of a party reads and comments but never edits', () => {
    expect(can(viewer, 'agreement.read', draft)).toBe(true);
    expect(can(viewer, 'agreement.comment', draft)).toBe(true);
    expect(can(viewer, 'agreement.edit', draft)).toBe(false);
  });
  it('of a non-party sees nothing of the agreement', () => {
    expect(can(actor(['viewer'], OUTSIDER), 'agreement.read', draft)).toBe(false);
  });
  it('manages nothing and creates nothing', () => {
    for (const action of ['agency.manage', 'user.manage', 'audit.read', 'agreement.create', 'meeting.create'] as const) {
      expect(can(viewer, action, null)).toBe(false);
    }
  });
});

describe('can: meetings, cases and action items go by agency', () => {
  it('an invited or chairing agency reads the meeting; another does not', () => {
    expect(can(actor(['viewer']), 'meeting.read', meeting)).toBe(true);
    expect(can(actor(['viewer'], OTHER_PARTY), 'meeting.read', meeting)).toBe(true);
    expect(can(actor(['admin', 'chair'], OUTSIDER), 'meeting.read', meeting)).toBe(false);
  });
  it('the enforcement office and involved agencies read the case; another does not', () => {
    expect(can(actor(['viewer'], OTHER_PARTY), 'case.read', record)).toBe(true);
    expect(can(actor(['viewer']), 'case.read', record)).toBe(true);
    expect(can(actor(['legal_staff'], OUTSIDER), 'case.read', record)).toBe(false);
  });
  it('the assigned and the assigning agency read an action item; another does not', () => {
    expect(can(actor(['viewer']), 'actionItem.read', item)).toBe(true);
    expect(can(actor(['viewer'], OTHER_PARTY), 'actionItem.read', item)).toBe(true);
    expect(can(actor(['admin'], OUTSIDER), 'actionItem.read', item)).toBe(false);
  });
});

describe('can: running a meeting', () => {
  const chairPerson: Actor = { id: 'chair', agency: { id: OTHER_PARTY }, roles: ['chair'] };
  const secretary: Actor = { id: 'secretary', agency: { id: OTHER_PARTY }, roles: ['viewer'] };
  const otherChair: Actor = { id: 'another-chair', agency: { id: OTHER_PARTY }, roles: ['chair'] };
  const invited = actor(['legal_staff']);

  it('only the person chairing reschedules, cancels and approves', () => {
    expect(can(chairPerson, 'meeting.manage', meeting)).toBe(true);
    expect(can(chairPerson, 'meeting.approve', meeting)).toBe(true);
    expect(can(otherChair, 'meeting.manage', meeting)).toBe(false);
    expect(can(invited, 'meeting.approve', meeting)).toBe(false);
  });

  it('the chair and the secretary record attendance and conclusions, until approval', () => {
    expect(can(chairPerson, 'meeting.recordMinutes', meeting)).toBe(true);
    expect(can(secretary, 'meeting.recordMinutes', meeting)).toBe(true);
    expect(can(invited, 'meeting.recordMinutes', meeting)).toBe(false);
    expect(can(secretary, 'meeting.recordMinutes', { ...meeting, status: 'approved' })).toBe(false);
  });

  it('every agency at the table writes the live minutes until they are approved or the meeting is cancelled', () => {
    expect(can(invited, 'meeting.editMinutes', meeting)).toBe(true);
    expect(can(actor(['legal_staff'], OUTSIDER), 'meeting.editMinutes', meeting)).toBe(false);
    expect(can(invited, 'meeting.editMinutes', { ...meeting, status: 'approved' })).toBe(false);
    expect(can(invited, 'meeting.editMinutes', { ...meeting, status: 'cancelled' })).toBe(false);
    expect(can(chairPerson, 'meeting.approve', { ...meeting, status: 'approved' })).toBe(false);
  });
});

describe('can: the case register', () => {
  it('legal staff and chairs of the office write its cases; involved agencies only read them', () => {
    expect(can(actor(['legal_staff'], OTHER_PARTY), 'case.edit', record)).toBe(true);
    expect(can(actor(['chair'], OTHER_PARTY), 'case.edit', record)).toBe(true);
    expect(can(actor(['signatory'], OTHER_PARTY), 'case.edit', record)).toBe(false);
    expect(can(actor(['legal_staff']), 'case.edit', record)).toBe(false);
    expect(can(actor(['legal_staff']), 'case.read', record)).toBe(true);
    expect(can(actor(['viewer']), 'case.create', null)).toBe(false);
  });
});

describe('can: the lifecycle of an agreement', () => {
  const ledByParty: AgreementScope = { leadAgencyId: PARTY, partyAgencyIds: [PARTY, OTHER_PARTY], status: 'draft' };
  const at = (status: string): AgreementScope => ({ ...ledByParty, status });
  const leadStaff = actor(['legal_staff']);
  const otherStaff = actor(['legal_staff', 'signatory'], OTHER_PARTY);
  const leadChair = actor(['chair']);
  const signatory = actor(['signatory'], OTHER_PARTY);

  it('lets the lead agency\'s legal staff take the allowed steps only', () => {
    expect(can(leadStaff, 'agreement.transition', { agreement: at('draft'), to: 'consultation' })).toBe(true);
    expect(can(leadStaff, 'agreement.transition', { agreement: at('draft'), to: 'signing' })).toBe(false);
    expect(can(leadStaff, 'agreement.transition', { agreement: at('signing'), to: 'draft' })).toBe(true);
    expect(can(leadStaff, 'agreement.transition', { agreement: at('in_force'), to: 'draft' })).toBe(false);
    expect(can(otherStaff, 'agreement.transition', { agreement: at('draft'), to: 'consultation' })).toBe(false);
    expect(can(leadChair, 'agreement.transition', { agreement: at('draft'), to: 'consultation' })).toBe(false);
  });

  it('in consultation: parties answer and suggest, comments go on, editing stops', () => {
    const consultation = at('consultation');
    expect(can(otherStaff, 'agreement.giveOpinion', consultation)).toBe(true);
    expect(can(signatory, 'agreement.giveOpinion', consultation)).toBe(true);
    expect(can(actor(['viewer'], OTHER_PARTY), 'agreement.giveOpinion', consultation)).toBe(false);
    expect(can(otherStaff, 'agreement.giveOpinion', at('draft'))).toBe(false);
    expect(can(otherStaff, 'agreement.suggest', consultation)).toBe(true);
    expect(can(signatory, 'agreement.suggest', consultation)).toBe(false);
    expect(can(signatory, 'agreement.comment', consultation)).toBe(true);
    expect(can(otherStaff, 'agreement.edit', consultation)).toBe(false);
    expect(can(otherStaff, 'agreement.release', consultation)).toBe(true);
    expect(can(signatory, 'agreement.release', consultation)).toBe(false);
    expect(can(leadStaff, 'agreement.decideSuggestion', consultation)).toBe(true);
    expect(can(otherStaff, 'agreement.decideSuggestion', consultation)).toBe(false);
    expect(can(actor(['legal_staff'], OUTSIDER), 'agreement.giveOpinion', consultation)).toBe(false);
  });

  it('a signatory signs for its own agency, only while signing', () => {
    expect(can(signatory, 'agreement.sign', { agreement: at('signing'), agencyId: OTHER_PARTY })).toBe(true);
    expect(can(signatory, 'agreement.sign', { agreement: at('signing'), agencyId: PARTY })).toBe(false);
    expect(can(signatory, 'agreement.sign', { agreement: at('final'), agencyId: OTHER_PARTY })).toBe(false);
    expect(can(leadStaff, 'agreement.sign', { agreement: at('signing'), agencyId: PARTY })).toBe(false);
    expect(can(actor(['signatory'], OUTSIDER), 'agreement.sign', { agreement: at('signing'), agencyId: OUTSIDER })).toBe(false);
  });

  it('amendments by the lead\'s legal staff and reviews by the lead\'s chairs, on an agreement in force', () => {
    expect(can(leadStaff, 'agreement.amend', at('in_force'))).toBe(true);
    expect(can(leadStaff, 'agreement.amend', at('signing'))).toBe(false);
    expect(can(otherStaff, 'agreement.amend', at('in_force'))).toBe(false);
    expect(can(leadChair, 'agreement.review', at('in_force'))).toBe(true);
    expect(can(leadChair, 'agreement.review', at('amended'))).toBe(true);
    expect(can(leadChair, 'agreement.review', at('draft'))).toBe(false);
    expect(can(actor(['chair'], OTHER_PARTY), 'agreement.review', at('in_force'))).toBe(false);
    expect(can(leadStaff, 'agreement.edit', at('in_force'))).toBe(false);
  });
});
