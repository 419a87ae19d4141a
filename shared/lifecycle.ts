/** Inputs of an agreement's life after drafting (consultation, signing, reviews, amendments), shared by the API and the web forms. */
import { z } from 'zod';
import { AGREEMENT_STATUSES, OPINION_STANCES, REVIEW_KINDS } from './domain.ts';
import { id, isoDate } from './schemas.ts';
import { SIGNING_CAPACITIES } from './signature-block.ts';

const anchor = z.string().min(4).max(400).regex(/^[A-Za-z0-9+/]+=*$/, { error: 'không phải vị trí văn bản hợp lệ' });

export const transitionInput = z.object({
  agreementId: id,
  to: z.enum(AGREEMENT_STATUSES),
  /** Entering consultation: the last day (Viet Nam) for opinions. */
  deadline: isoDate.optional(),
  /** Entering signing: the day the agreement takes effect once every party signed. */
  effectiveDate: isoDate.optional(),
  /** Why (reopening, terminating): kept in the audit trail and on voided signatures. */
  reason: z.string().trim().max(1000).default(''),
  /** The status the caller saw: the step is refused (CONFLICT) when someone else moved the agreement since. */
  expectedStatus: z.enum(AGREEMENT_STATUSES).optional(),
  /** Leaving consultation for the final text while a party disagrees: refused (CONFLICT, naming them) unless confirmed. */
  confirmDisagreement: z.boolean().optional(),
});

export const opinionInput = z.object({
  agreementId: id,
  /** null: the opinion on the whole text; otherwise the id of an article. */
  unitId: z.string().min(1).max(64).nullable().default(null),
  stance: z.enum(OPINION_STANCES),
  comment: z.string().trim().max(5000).default(''),
});

export const suggestionInput = z.object({
  agreementId: id,
  anchorStart: anchor,
  anchorEnd: anchor,
  quote: z.string().max(1000).default(''),
  replacement: z.string().max(5000).default(''),
  note: z.string().trim().max(2000).default(''),
  unitId: z.string().max(64).nullable().default(null),
  /**
   * Track changes: the proposed content as the JSON of a ProseMirror slice (structure kept), the
   * anchors then being ProseMirror positions of the range it replaces (equal for an insertion).
   * Without it, `replacement` is plain text replacing a range inside one paragraph.
   */
  content: z.string().max(1_000_000, { error: 'Đề xuất quá lớn (tối đa 1 MB).' }).optional(),
});

export const suggestionRefInput = z.object({ agreementId: id, suggestionId: id, expectedStatus: z.enum(AGREEMENT_STATUSES).optional() });

export const signInput = z.object({
  agreementId: id,
  /** The agency signed for: the signer's own. */
  agencyId: id,
  /** The SHA-256 of the text the signer read (from `agreements.signing`). */
  textHash: z.string().regex(/^[0-9a-f]{64}$/, { error: 'không phải mã băm SHA-256' }),
  /** The status the caller saw (signing). */
  expectedStatus: z.enum(AGREEMENT_STATUSES).optional(),
  /** The capacity signed in (Nghị định 30/2020): when absent, the one the signer's position suggests. */
  capacity: z.enum(SIGNING_CAPACITIES, { error: 'hãy chọn tư cách ký' }).optional(),
});

export const reviewPeriodInput = z.object({ agreementId: id, from: isoDate, to: isoDate });

export const reviewInput = z.object({
  agreementId: id,
  kind: z.enum(REVIEW_KINDS),
  reviewDate: isoDate,
  from: isoDate,
  to: isoDate,
  report: z.string().trim().min(1).max(100_000),
});

export const amendInput = z.object({ agreementId: id, title: z.string().trim().min(1).max(300).optional(), expectedStatus: z.enum(AGREEMENT_STATUSES).optional() });

/** How a party disseminated (quán triệt) the agreement in force. */
export const DISSEMINATION_FORMS = ['conference', 'document', 'online', 'other'] as const;
export type DisseminationForm = (typeof DISSEMINATION_FORMS)[number];

export const disseminationInput = z.object({
  agreementId: id,
  /** The Viet Nam date of the conference (or of the letter). */
  heldOn: isoDate,
  form: z.enum(DISSEMINATION_FORMS, { error: 'hãy chọn hình thức quán triệt' }),
  /** Subordinate units reached (agencies whose parent is the recording party). */
  unitIds: z.array(id).max(200).default([]),
  participants: z.number({ error: 'số người tham dự phải là số' }).int({ error: 'số người tham dự phải là số nguyên' })
    .min(0, { error: 'số người tham dự không thể âm' }).max(100_000, { error: 'số người tham dự quá lớn' }).default(0),
  note: z.string().trim().max(2000, { error: 'ghi chú tối đa 2000 ký tự' }).default(''),
  /** A file already uploaded to this agreement (`POST /attachments`, target `agreement:<id>`). */
  attachmentId: id.nullable().default(null),
});

export const acknowledgeInput = z.object({ agreementId: id });
