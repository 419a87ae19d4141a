/**
 * A party's signature block as Nghị định 30/2020/NĐ-CP (Phụ lục I) writes it: the head of an agency
 * signs under the agency's head title; a deputy writes "KT." before the head's title and "PHÓ …"
 * below; "Q." (acting), "TL." (by order) and "TUQ." (by authorisation) likewise precede the head's
 * title, the last two over the signer's own position; "TM." precedes only the name of a collective
 * body, over its head's title. The one function the DOCX, the PDF and the print view all use.
 */
import type { AgencyKind } from './domain.ts';

export const SIGNING_CAPACITIES = ['head', 'deputy', 'acting', 'by_order', 'by_authorisation', 'collective'] as const;
export type SigningCapacity = (typeof SIGNING_CAPACITIES)[number];

/** Agencies that decide as a collective body, the only ones that sign "TM.". */
export const COLLECTIVE_KINDS: readonly AgencyKind[] = ['people_committee'];

/** The head's title an agency of this kind has unless an administrator set another. */
export const DEFAULT_HEAD_TITLES: Record<AgencyKind, string> = {
  court: 'CHÁNH ÁN', procuracy: 'VIỆN TRƯỞNG', thads: 'THỦ TRƯỞNG', thads_admin: 'CỤC TRƯỞNG', police: 'GIÁM ĐỐC', prison: 'GIÁM THỊ',
  bank: 'GIÁM ĐỐC', social_insurance: 'GIÁM ĐỐC', land: 'GIÁM ĐỐC', people_committee: 'CHỦ TỊCH', steering_committee: 'TRƯỞNG BAN',
  other: 'THỦ TRƯỞNG',
};

export interface SigningAgency { nameVi: string; kind: AgencyKind; headTitle: string }
export interface GivenSignature { capacity: SigningCapacity; headTitle?: string; signerPosition: string; signerName: string }

export interface SignatureBlock {
  /** In capitals, top to bottom, above the room for the signature. */
  lines: string[];
  /** The signer's full name once signed, else empty. */
  name: string;
  signed: boolean;
}

const upper = (text: string) => text.trim().replace(/\s+/g, ' ').toLocaleUpperCase('vi');

export function headTitleOf(agency: Pick<SigningAgency, 'kind'> & { headTitle?: string }): string {
  return upper(agency.headTitle ?? '') || DEFAULT_HEAD_TITLES[agency.kind];
}

/** Why this capacity cannot be used for this agency by this signer (a message key), or null. */
export function capacityProblem(agency: Pick<SigningAgency, 'kind'>, capacity: SigningCapacity, signerPosition: string):
  'collectiveOnly' | 'positionRequired' | null {
  if (capacity === 'collective' && !COLLECTIVE_KINDS.includes(agency.kind)) return 'collectiveOnly';
  if ((capacity === 'by_order' || capacity === 'by_authorisation') && !signerPosition.trim()) return 'positionRequired';
  return null;
}

/** The capacity a signer most likely signs in, from their position ("Phó Chánh án" → deputy). */
export function likelyCapacity(agency: SigningAgency, signerPosition: string): SigningCapacity {
  const position = upper(signerPosition);
  const head = headTitleOf(agency);
  if (position.startsWith('PHÓ ')) return 'deputy';
  if (position.startsWith('QUYỀN ') || position.startsWith('Q. ')) return 'acting';
  if (position === head || position.startsWith(`${head} `)) return COLLECTIVE_KINDS.includes(agency.kind) ? 'collective' : 'head';
  return 'by_order';
}

/** The lines of the capacity: what stands above the signature. */
function capacityLines(agency: SigningAgency, capacity: SigningCapacity, head: string, position: string): string[] {
  switch (capacity) {
    case 'head': return [upper(agency.nameVi), head];
    case 'deputy': return [upper(agency.nameVi), `KT. ${head}`, `PHÓ ${head}`];
    case 'acting': return [upper(agency.nameVi), `Q. ${head}`];
    case 'by_order': return [upper(agency.nameVi), `TL. ${head}`, upper(position)];
    case 'by_authorisation': return [upper(agency.nameVi), `TUQ. ${head}`, upper(position)];
    case 'collective': return [`TM. ${upper(agency.nameVi)}`, head];
  }
}

/**
 * The block of one party: signed, in the capacity of the signature (with the head's title it was
 * signed under); not yet signed, the form its head would sign in (TM. for a collective body).
 */
export function signatureBlock(agency: SigningAgency, signature: GivenSignature | null): SignatureBlock {
  if (!signature) {
    const capacity: SigningCapacity = COLLECTIVE_KINDS.includes(agency.kind) ? 'collective' : 'head';
    return { lines: capacityLines(agency, capacity, headTitleOf(agency), ''), name: '', signed: false };
  }
  const head = upper(signature.headTitle ?? '') || headTitleOf(agency);
  return { lines: capacityLines(agency, signature.capacity, head, signature.signerPosition), name: signature.signerName.trim(), signed: true };
}
