/** Enumerations and types both the server and the web app speak. */
export const AGENCY_KINDS = [
  'thads', 'thads_admin', 'court', 'procuracy', 'police', 'prison', 'bank', 'social_insurance', 'land', 'people_committee', 'steering_committee', 'other',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export const AGENCY_LEVELS = ['central', 'province', 'regional'] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];

export const ROLES = ['admin', 'legal_staff', 'chair', 'signatory', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const AGREEMENT_STATUSES = ['draft', 'consultation', 'final', 'signing', 'in_force', 'amended', 'superseded', 'terminated'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/**
 * The steps the lead agency's legal staff take by hand. The others happen by themselves: signing →
 * in_force with the last signature (on or after the effective date), in_force → amended when an
 * amendment starts, amended → superseded when the amendment comes into force (→ in_force again if
 * it is abandoned).
 */
export const AGREEMENT_TRANSITIONS: Record<AgreementStatus, readonly AgreementStatus[]> = {
  draft: ['consultation', 'final', 'terminated'],
  consultation: ['draft', 'final'],
  final: ['draft', 'signing'],
  signing: ['draft', 'in_force'],
  in_force: ['terminated'],
  amended: [],
  superseded: [],
  terminated: [],
};

export const OPINION_STANCES = ['agree', 'agree_with_comments', 'disagree'] as const;
export type OpinionStance = (typeof OPINION_STANCES)[number];

export const REVIEW_KINDS = ['preliminary', 'final'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

export const CASE_TYPES = ['civil', 'asset_recovery', 'credit', 'administrative', 'land'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const CASE_STATUSES = [
  'accepted', 'decision_issued', 'verification', 'seizure', 'coercion', 'auction', 'completed', 'terminated', 'postponed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const MEETING_KINDS = ['joint', 'working_group', 'preliminary_review', 'final_review', 'other'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const ACTION_ITEM_STATUSES = ['open', 'in_progress', 'reported_done', 'accepted', 'reopened', 'cancelled'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

/** The signed-in user as the web app sees it. */
export interface Me {
  id: string;
  email: string;
  name: string;
  title: string;
  locale: Locale;
  agency: { id: string; nameVi: string; nameEn: string; shortName: string };
  roles: Role[];
}
