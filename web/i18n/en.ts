import type { Dictionary } from './vi.ts';

export const en: Dictionary = {
  app: { name: 'Concord', tagline: 'Inter-agency workspace for civil judgment enforcement' },
  nav: {
    dashboard: 'Overview', agreements: 'Agreements', meetings: 'Meetings', cases: 'Cases', actionItems: 'Action items',
    statistics: 'Statistics', agencies: 'Agencies', users: 'Users', audit: 'Audit trail', account: 'Account', menu: 'Menu',
    administration: 'Administration', work: 'Work',
  },
  common: {
    save: 'Save', cancel: 'Cancel', create: 'Create', edit: 'Edit', close: 'Close', loading: 'Loading…', empty: 'Nothing yet.',
    signOut: 'Sign out', language: 'Language', error: 'Something went wrong', retry: 'Retry', yes: 'Yes', no: 'No', all: 'All',
    more: 'More', back: 'Back', saved: 'Saved.', required: 'Required', open: 'Open',
  },
  signIn: {
    title: 'Sign in', email: 'Work email', password: 'Password', submit: 'Sign in', submitting: 'Signing in…',
    failed: 'Wrong email or password.', limited: 'Too many attempts. Try again in a few minutes.',
    intro: 'Draft coordination agreements, hold joint meetings and track the work assigned between agencies.',
    demoHint: 'Demo accounts are printed at start and listed in the README.',
  },
  roles: { admin: 'Admin', legal_staff: 'Legal staff', chair: 'Chair', signatory: 'Signatory', viewer: 'Viewer' },
  agencyKinds: {
    thads: 'Civil judgment enforcement', thads_admin: 'Enforcement administration', court: 'Court', procuracy: 'Procuracy', police: 'Police',
    prison: 'Prison', bank: 'Bank', social_insurance: 'Social insurance', land: 'Land administration', people_committee: "People's Committee",
    steering_committee: 'Steering committee', other: 'Other',
  },
  levels: { central: 'Central', province: 'Province', regional: 'Regional' },
  dashboard: {
    hello: 'Hello, {name}', agreements: 'Agreements you take part in', meetings: 'Upcoming meetings',
    actionItems: "Your agency's action items", overdue: 'Overdue', dueSoon: 'Due within 7 days', noMeetings: 'No upcoming meetings.',
    noItems: 'Your agency has no open items.',
  },
  agencies: {
    title: 'Agencies', subtitle: 'Directory of coordinating agencies, by level, with mergers and renames kept in history.',
    nameVi: 'Vietnamese name', nameEn: 'English name', shortName: 'Short name', kind: 'Kind', level: 'Level',
    parent: 'Parent agency', none: '— None —', validFrom: 'Active from', validTo: 'Until', successor: 'Successor',
    history: 'No longer active', retiredOn: 'Ended {date}', mergedInto: 'succeeded by {name}', retire: 'Merge / rename',
    retireDate: 'End date', showHistory: 'Show agencies no longer active', newAgency: 'Add agency', editAgency: 'Edit agency',
    users: '{count} users', active: 'Active',
  },
  users: {
    title: 'Users', subtitle: 'Accounts are created by an administrator; there is no public sign-up.', name: 'Full name', email: 'Email',
    jobTitle: 'Title', agency: 'Agency', roles: 'Roles', status: 'Status', active: 'Active', disabled: 'Disabled',
    newUser: 'Create account', editUser: 'Edit account', initialPassword: 'Initial password (at least 10 characters)', disable: 'Disable account',
  },
  audit: {
    title: 'Audit trail', subtitle: 'Every change is recorded: who, when, what.', at: 'When', who: 'Who',
    entity: 'Entity', action: 'Action', details: 'Details', older: 'Older', system: 'System',
  },
  account: {
    title: 'Account', changePassword: 'Change password', currentPassword: 'Current password', newPassword: 'New password (at least 10 characters)',
    confirmPassword: 'Repeat the new password', mismatch: 'The passwords do not match.', changed: 'Password changed. Your other sessions were signed out.',
    profile: 'Profile', tooShort: 'The new password needs at least 10 characters.',
  },
  agreements: {
    title: 'Coordination agreements', subtitle: 'Inter-agency regulations your agency is a party to.', docNumber: 'Number',
    lead: 'Lead agency', parties: 'Parties', status: 'Status', updated: 'Updated', newAgreement: 'Draft a new agreement',
    titleField: 'Title', choose: 'Choose the participating agencies', none: 'No agreements yet.',
  },
  agreementStatus: { draft: 'Draft' },
  meetings: {
    title: 'Meetings', subtitle: 'Joint meetings, working groups, preliminary and final reviews.', when: 'When', chair: 'Chair', place: 'Place',
    invited: 'Invited agencies', none: 'No meetings yet.', kind: 'Kind',
  },
  meetingKinds: { joint: 'Joint meeting', working_group: 'Working group', preliminary_review: 'Preliminary review', final_review: 'Final review', other: 'Other' },
  meetingStatus: { scheduled: 'Scheduled', cancelled: 'Cancelled', held: 'Held', approved: 'Minutes approved' },
  cases: {
    title: 'Cases', subtitle: 'Register of complex enforcement cases.', judgment: 'Judgment or decision', parties: 'Parties',
    creditor: 'Judgment creditor', debtor: 'Judgment debtor', amountDue: 'Amount due', amountCollected: 'Collected',
    classification: 'Classification', status: 'Status', acceptedOn: 'Accepted on', court: 'Court', none: 'No cases yet.', type: 'Type',
  },
  caseTypes: { civil: 'Civil', asset_recovery: 'Asset recovery (corruption, economic crimes)', credit: 'Credit and banking', administrative: 'Administrative', land: 'Land' },
  classification: { enforceable: 'Enforceable', not_yet_enforceable: 'Not yet enforceable' },
  caseStatus: {
    accepted: 'Accepted', decision_issued: 'Enforcement decision', verification: 'Verification', seizure: 'Seizure', coercion: 'Coercion',
    auction: 'Auction', completed: 'Completed', terminated: 'Terminated', postponed: 'Postponed',
  },
  actionItems: {
    title: 'Action items', subtitle: 'Work assigned to your agency by agreements and meeting conclusions.', due: 'Due',
    source: 'Source', status: 'Status', none: 'Nothing has been assigned to your agency.', overdue: 'Overdue', thisWeek: 'Within 7 days',
    later: 'Later', done: 'Done', fromAgreement: 'Agreement', fromMeeting: 'Meeting', manual: 'Assigned directly',
  },
  actionItemStatus: {
    open: 'Open', in_progress: 'In progress', reported_done: 'Reported done', accepted: 'Accepted', reopened: 'Reopened', cancelled: 'Cancelled',
  },
  statistics: {
    title: 'Inter-agency statistics', subtitle: 'One set of figures, by cases and by money, computed from one register for every agency.',
    notYet: 'Figures will be computed from the case register once inter-agency statistics are switched on.',
  },
  notFound: { title: 'Page not found', body: 'This address does not exist or was removed.', home: 'Back to the overview' },
};
