/** The zod schema of every input. The server validates with them; the web forms reuse them. */
import { z } from 'zod';
import { ACTION_ITEM_STATUSES, AGENCY_KINDS, AGENCY_LEVELS, CASE_STATUSES, CASE_TYPES, LOCALES, MEETING_KINDS, ROLES } from './domain.ts';

export const id = z.string().min(1).max(64);
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'không phải ngày hợp lệ (dd/mm/yyyy)' }).refine(
  (value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
  { error: 'không có ngày này trên lịch' },
);
const name = z.string().trim().min(1).max(300);

export const signInInput = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(256),
});

export const password = z.string().min(10, { error: 'cần ít nhất 10 ký tự' }).max(256);

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: password,
});

export const setLocaleInput = z.object({ locale: z.enum(LOCALES) });

export const agencyInput = z.object({
  nameVi: name,
  nameEn: name,
  shortName: z.string().trim().min(1).max(40),
  kind: z.enum(AGENCY_KINDS),
  level: z.enum(AGENCY_LEVELS),
  parentId: id.nullable(),
  validFrom: isoDate,
  /** The head's title it signs under (CHÁNH ÁN, VIỆN TRƯỞNG…); empty: the usual one for its kind. */
  headTitle: z.string().trim().max(80).default(''),
});
export const createAgencyInput = agencyInput;
export const updateAgencyInput = agencyInput.extend({ id });

/** A merge or rename: the old agency ends on `date` and names its successor. */
export const retireAgencyInput = z.object({ id, successorId: id.nullable(), date: isoDate });

export const createUserInput = z.object({
  email: z.email().max(254),
  name,
  title: z.string().trim().max(120).default(''),
  agencyId: id,
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
  password,
});

export const updateUserInput = z.object({
  id,
  name,
  title: z.string().trim().max(120),
  agencyId: id,
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
  disabled: z.boolean(),
});

export const auditListInput = z.object({
  entity: z.string().max(40).optional(),
  cursor: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const createAgreementInput = z.object({
  title: name,
  docNumber: z.string().trim().max(120).default(''),
  partyAgencyIds: z.array(id).min(1).max(30),
});

// Cases (vụ việc)
const money = z.number().int({ error: 'phải là số đồng nguyên' }).min(0).max(Number.MAX_SAFE_INTEGER);

export const caseInput = z.object({
  judgmentNumber: z.string().trim().min(1).max(80),
  judgmentDate: isoDate,
  courtName: z.string().trim().min(1).max(200),
  caseType: z.enum(CASE_TYPES),
  creditor: z.string().trim().max(500).default(''),
  debtor: z.string().trim().min(1).max(500),
  amountDue: money,
  amountCollected: money.default(0),
  classification: z.enum(['enforceable', 'not_yet_enforceable']),
  acceptedOn: isoDate,
  officerName: z.string().trim().max(120).default(''),
  disputedAssets: z.boolean().default(false),
  hotSpot: z.boolean().default(false),
  judgmentUnclear: z.boolean().default(false),
  summary: z.string().trim().max(5000).default(''),
  involvedAgencyIds: z.array(id).max(30).default([]),
}).refine((c) => c.amountCollected <= c.amountDue, { error: 'không được lớn hơn số tiền phải thi hành', path: ['amountCollected'] })
  .refine((c) => c.acceptedOn >= c.judgmentDate, { error: 'không được trước ngày bản án', path: ['acceptedOn'] });

export const updateCaseInput = z.object({ id, case: caseInput });

export const STEP_MONEY_KINDS = ['collected', 'terminated', 'reduced'] as const;
const stepMoney = z.object({ kind: z.enum(STEP_MONEY_KINDS), amount: money.min(1, { error: 'phải lớn hơn 0' }) });

export const caseStatusInput = z.object({
  caseId: id,
  status: z.enum(CASE_STATUSES),
  onDate: isoDate,
  note: z.string().trim().max(2000).default(''),
  /** The case's status the caller saw: refused (CONFLICT) when another step was recorded since. */
  expectedStatus: z.enum(CASE_STATUSES).optional(),
  /** "Thi hành xong" although money is still due: said on purpose, with the reason in `note`. */
  confirmOutstanding: z.boolean().default(false),
  /** Money the step brought: collected (an auction, a payment), exempted by đình chỉ, or reduced (miễn, giảm). */
  money: stepMoney.nullable().default(null),
  /** The agencies that took part (a coercion: procuracy, police, commune…). */
  agencyIds: z.array(id).max(30).default([]),
});

/** A recorded step corrected: its new values, with the reason (audited with before and after). */
export const caseStepCorrectionInput = z.object({
  caseId: id,
  stepId: z.number().int().positive(),
  status: z.enum(CASE_STATUSES),
  onDate: isoDate,
  note: z.string().trim().max(2000).default(''),
  money: stepMoney.nullable().default(null),
  agencyIds: z.array(id).max(30).default([]),
  reason: z.string().trim().min(1, { error: 'hãy ghi lý do sửa' }).max(1000),
  confirmOutstanding: z.boolean().default(false),
});

/** Within the API's 1 MB body limit (a register of about 5.000 cases). */
export const caseImportInput = z.object({ csv: z.string().min(1).max(1_000_000) });

// Meetings
const instant = z.iso.datetime({ offset: true, error: 'không phải ngày giờ hợp lệ' });

export const meetingInput = z.object({
  kind: z.enum(MEETING_KINDS),
  title: name,
  startsAt: instant,
  endsAt: instant,
  place: z.string().trim().max(300).default(''),
  onlineUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(500)]).default(''),
  invitedAgencyIds: z.array(id).min(1).max(40),
  inviteeUserIds: z.array(id).max(200).default([]),
  secretaryUserId: id.nullable().default(null),
  agenda: z.array(z.object({ title: z.string().trim().min(1).max(300), caseId: id.nullable().default(null) })).max(50).default([]),
  /** A meeting already held, entered afterwards with its minutes (its time is in the past). */
  heldAlready: z.boolean().default(false),
}).refine((m) => Date.parse(m.endsAt) > Date.parse(m.startsAt), { error: 'phải sau thời gian bắt đầu', path: ['endsAt'] });

/** `expectedSequence`: the meeting's revision the caller saw (it grows with every change); refused (CONFLICT) when it changed since. */
export const updateMeetingInput = z.object({ id, meeting: meetingInput, expectedSequence: z.number().int().min(0).optional() });
export const cancelMeetingInput = z.object({ id, reason: z.string().trim().min(1).max(1000) });
/** A delegate is a real user of the invitee's agency, picked from the directory (`delegateUserId`). */
export const answerInvitationInput = z.object({
  meetingId: id,
  answer: z.enum(['attend', 'decline', 'delegate']),
  delegateUserId: id.nullable().default(null),
}).refine((a) => a.answer !== 'delegate' || a.delegateUserId !== null, { error: 'cần chọn người dự thay trong danh bạ cơ quan', path: ['delegateUserId'] });

export const attendanceInput = z.object({
  meetingId: id,
  attendees: z.array(z.object({
    agencyId: id, person: z.string().trim().min(1).max(120), position: z.string().trim().max(120).default(''), present: z.boolean(),
  })).max(200),
});

export const conclusionInput = z.object({
  meetingId: id,
  agendaItemId: id.nullable().default(null),
  text: z.string().trim().min(1).max(5000),
  assignments: z.array(z.object({
    agencyId: id,
    title: z.string().trim().min(1).max(300),
    description: z.string().trim().max(2000).default(''),
    dueDate: isoDate,
  })).max(30).default([]),
});

/**
 * `confirmUnconfirmed`: false refuses (CONFLICT, naming them) while some invited agencies have not
 * confirmed the draft, true approves all the same; the web app always says which. Absent (callers
 * of the fixed interface that predate co-confirmation) approves as before; the audit names who had not confirmed.
 */
export const approveMinutesInput = z.object({ id, confirmUnconfirmed: z.boolean().optional() });
/** An invited agency's answer on the draft minutes: confirmed, or a remark (its text required). */
export const confirmMinutesInput = z.object({
  meetingId: id,
  state: z.enum(['confirmed', 'remark']),
  remark: z.string().trim().max(2000).default(''),
}).refine((c) => c.state !== 'remark' || c.remark.length > 0, { error: 'cần ghi nội dung góp ý', path: ['remark'] });
/** The actual start and end of the meeting, recorded by the chair for the biên bản. */
export const heldTimesInput = z.object({ meetingId: id, heldFrom: instant, heldUntil: instant })
  .refine((t) => Date.parse(t.heldUntil) > Date.parse(t.heldFrom), { error: 'phải sau giờ bắt đầu', path: ['heldUntil'] });
export const editConclusionInput = z.object({ meetingId: id, conclusionId: id, text: z.string().trim().min(1).max(5000) });
const minutesBlock = z.object({ kind: z.enum(['heading', 'paragraph']), text: z.string().max(20_000) });
/** A correction after approval: a new numbered version of the text and conclusions, with its reason. */
export const correctMinutesInput = z.object({
  meetingId: id,
  reason: z.string().trim().min(1, { error: 'cần ghi lý do đính chính' }).max(1000),
  minutes: z.array(minutesBlock).max(2000),
  conclusions: z.array(z.object({ id, text: z.string().trim().min(1).max(5000) })).max(200).default([]),
  /** The latest version the caller saw: refused (CONFLICT) when another correction came since. */
  expectedVersion: z.number().int().min(1).optional(),
});

// Drafting agreements
export const updateAgreementInput = z.object({
  id,
  title: name,
  docNumber: z.string().trim().max(120),
  partyAgencyIds: z.array(id).min(1).max(30),
});

const anchor = z.string().min(4).max(400).regex(/^[A-Za-z0-9+/]+=*$/, { error: 'không phải vị trí văn bản hợp lệ' });
export const addCommentInput = z.object({
  agreementId: id,
  body: z.string().trim().min(1).max(5000),
  anchorStart: anchor,
  anchorEnd: anchor,
  quote: z.string().max(1000).default(''),
  unitId: z.string().max(64).nullable().default(null),
});
export const replyCommentInput = z.object({ agreementId: id, threadId: id, body: z.string().trim().min(1).max(5000) });
export const resolveCommentInput = z.object({ agreementId: id, threadId: id, resolved: z.boolean() });

export const saveVersionInput = z.object({ agreementId: id, name: z.string().trim().min(1).max(120) });
export const versionRefInput = z.object({ agreementId: id, versionId: id });

// Action items
export const recurrenceInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('monthly'), day: z.number().int().min(1).max(31) }),
  z.object({ kind: z.literal('every_months'), months: z.number().int().min(1).max(24), start: isoDate }),
]);

export const createActionItemInput = z.object({
  agencyId: id,
  assigneeUserId: id.nullable().default(null),
  title: z.string().trim().min(1).max(300),
  description: z.string().trim().max(5000).default(''),
  dueDate: isoDate.nullable().default(null),
  recurrence: recurrenceInput.nullable().default(null),
  /** A duty of an agreement: the party and the text that sets it. */
  agreement: z.object({
    agreementId: id,
    anchorStart: z.string().min(4).max(400),
    anchorEnd: z.string().min(4).max(400),
    quote: z.string().max(1000).default(''),
    unitId: z.string().max(64).nullable().default(null),
  }).nullable().default(null),
}).refine((i) => i.dueDate !== null || i.recurrence !== null, { error: 'cần hạn hoàn thành hoặc lịch định kỳ', path: ['dueDate'] });

export const actionItemStatusInput = z.object({
  id,
  to: z.enum(ACTION_ITEM_STATUSES),
  note: z.string().trim().max(2000).default(''),
  /** The item's status the caller saw: refused (CONFLICT) when the other side moved it since. */
  expectedStatus: z.enum(ACTION_ITEM_STATUSES).optional(),
});

export const actionItemReportInput = z.object({
  id,
  body: z.string().trim().min(1).max(5000),
  link: z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(1000)]).default(''),
});

export const reminderSettingsInput = z.object({
  reminderDays: z.number().int().min(0).max(60),
  /** Hours before a meeting the person is reminded (0: none); unchanged when absent. */
  meetingReminderHours: z.number().int().min(0).max(168).optional(),
});
