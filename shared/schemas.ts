/** The zod schema of every input. The server validates with them; the web forms reuse them. */
import { z } from 'zod';
import { AGENCY_KINDS, AGENCY_LEVELS, LOCALES, ROLES } from './domain.ts';

export const id = z.string().min(1).max(64);
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'YYYY-MM-DD' }).refine(
  (value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
  { error: 'not a calendar date' },
);
const name = z.string().trim().min(1).max(300);

export const signInInput = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(256),
});

export const password = z.string().min(10, { error: 'at least 10 characters' }).max(256);

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
