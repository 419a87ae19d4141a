/** Inputs of an agreement's life after drafting (consultation, signing, reviews, amendments), shared by the API and the web forms. */
import { z } from 'zod';
import { AGREEMENT_STATUSES, OPINION_STANCES, REVIEW_KINDS } from './domain.ts';
import { id, isoDate } from './schemas.ts';

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
  replacement: z.string().max(5000),
  note: z.string().trim().max(2000).default(''),
  unitId: z.string().max(64).nullable().default(null),
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
