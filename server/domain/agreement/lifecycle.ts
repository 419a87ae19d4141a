/**
 * An agreement's life after drafting: the steps the lead agency takes (consultation, final text,
 * signing, entry into force, termination), the signatures of every party against the hash of the
 * frozen text, and amendments. The text of each signing round is kept as a version row that never
 * changes; signatures given before the text was reopened are voided, never deleted.
 */
import * as Y from 'yjs';
import type { Transaction } from '@libsql/client';
import type { z } from 'zod';
import { all, one, type Sql } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { can, type Actor } from '../../policy/index.ts';
import { recordAudit } from '../audit/index.ts';
import { DomainError } from '../errors.ts';
import { getAgreement, type AgreementSummary } from './index.ts';
import { AGREEMENT_TRANSITIONS, type AgreementStatus } from '../../../shared/domain.ts';
import type { amendInput, signInput, transitionInput } from '../../../shared/lifecycle.ts';
import { localDate } from '../../../shared/format.ts';
import { textHash } from '../../../shared/legal/canonical.ts';
import { legalDocOf } from '../../../shared/legal/ydoc.ts';
import type { LegalNodeJSON } from '../../../shared/legal/numbering.ts';
import type { LiveDocuments } from '../live-documents.ts';
import { docName } from '../../../shared/collab.ts';
import type { AgencyKind } from '../../../shared/domain.ts';
import { COLLECTIVE_KINDS, capacityProblem, headTitleOf, likelyCapacity, signatureBlock, type SigningCapacity } from '../../../shared/signature-block.ts';

export const STATUS_NAMES_VI: Record<AgreementStatus, string> = {
  draft: 'Dự thảo', consultation: 'Lấy ý kiến', final: 'Hoàn thiện', signing: 'Đang ký kết', in_force: 'Có hiệu lực',
  amended: 'Đang sửa đổi, bổ sung', superseded: 'Đã được thay thế', terminated: 'Chấm dứt',
};

export function isAllowedStep(from: AgreementStatus, to: AgreementStatus): boolean {
  return AGREEMENT_TRANSITIONS[from].includes(to);
}

type LiveText = { json: LegalNodeJSON; hash: string };
/** Each loaded document's text as last read, dropped by its next transaction. */
const readTexts = new WeakMap<Y.Doc, { text: LiveText | null }>();

/**
 * The live text as JSON and its hash, shared and not to be changed. Read once per state of the
 * document: every open page of a 200-article agreement asks for its consultation grid again after
 * each change, and reading the text cost ≈ 60 ms of the event loop each time.
 */
export function textOf(live: Y.Doc): LiveText {
  let kept = readTexts.get(live);
  if (!kept) {
    const entry: { text: LiveText | null } = { text: null };
    live.on('afterTransaction', () => { entry.text = null; });
    readTexts.set(live, (kept = entry));
  }
  if (!kept.text) {
    const json = legalDocOf(live).toJSON() as LegalNodeJSON;
    kept.text = { json, hash: textHash(json) };
  }
  return kept.text;
}

export interface SignatureRow {
  id: string; agencyId: string; agencyShortName: string; signerId: string; signerName: string; signerTitle: string;
  /** The capacity signed in, and the head's title it was signed under (Nghị định 30/2020, Phụ lục I). */
  capacity: SigningCapacity; headTitle: string;
  textHash: string; versionId: string; signedAt: string; voidAt: string | null; voidReason: string | null;
}

export async function listSignatures(sql: Sql, agreementId: string): Promise<SignatureRow[]> {
  const rows = await all(sql, `
    SELECT s.id, s.agency_id, a.short_name, s.signer_id, s.signer_name, s.signer_title, s.capacity, s.head_title, s.text_hash, s.version_id,
           s.signed_at, s.void_at, s.void_reason
      FROM agreement_signatures s JOIN agencies a ON a.id = s.agency_id
     WHERE s.agreement_id = ? ORDER BY s.signed_at, s.id`, [agreementId]);
  return rows.map((row) => ({
    id: String(row.id), agencyId: String(row.agency_id), agencyShortName: String(row.short_name), signerId: String(row.signer_id),
    signerName: String(row.signer_name), signerTitle: String(row.signer_title), capacity: row.capacity as SigningCapacity, headTitle: String(row.head_title),
    textHash: String(row.text_hash), versionId: String(row.version_id), signedAt: String(row.signed_at),
    voidAt: (row.void_at as string | null) ?? null, voidReason: (row.void_reason as string | null) ?? null,
  }));
}

/** The parties in a stable order (lead first), with their names. */
export async function partiesOf(sql: Sql, agreement: AgreementSummary) {
  const rows = await all(sql, `
    SELECT a.id, a.name_vi, a.short_name, a.kind, a.head_title, a.parent_id, p.name_vi AS parent_name
      FROM agreement_parties ap JOIN agencies a ON a.id = ap.agency_id LEFT JOIN agencies p ON p.id = a.parent_id
     WHERE ap.agreement_id = ? ORDER BY a.id = ? DESC, a.short_name`, [agreement.id, agreement.leadAgencyId]);
  return rows.map((row) => ({
    id: String(row.id), nameVi: String(row.name_vi), shortName: String(row.short_name), kind: row.kind as AgencyKind,
    headTitle: headTitleOf({ kind: row.kind as AgencyKind, headTitle: String(row.head_title) }), parentName: (row.parent_name as string | null) ?? null,
  }));
}

/**
 * Every party's signature block for the text (current, or a saved version's), the same for the
 * .docx, the .pdf and the print view: the valid signatures given on that text, in their capacity.
 */
export async function signatureBlocksOf(sql: Sql, agreement: AgreementSummary, versionId: string | null) {
  const [parties, signatures] = await Promise.all([partiesOf(sql, agreement), listSignatures(sql, agreement.id)]);
  const valid = signatures.filter((s) => s.voidAt === null && (versionId === null || s.versionId === versionId));
  return {
    parties,
    lastSignedAt: valid.map((s) => s.signedAt).sort().at(-1) ?? null,
    blocks: parties.map((party) => {
      const signature = valid.find((s) => s.agencyId === party.id);
      return {
        agencyId: party.id,
        ...signatureBlock(party, signature ? { capacity: signature.capacity, headTitle: signature.headTitle, signerPosition: signature.signerTitle, signerName: signature.signerName } : null),
      };
    }),
  };
}

async function snapshotVersion(tx: Transaction, actor: Actor, agreementId: string, live: Y.Doc, json: LegalNodeJSON): Promise<string> {
  const round = await one<{ n: number }>(tx, `SELECT count(*) AS n FROM agreement_versions WHERE agreement_id = ? AND name LIKE 'Bản trình ký lần %'`, [agreementId]);
  const id = newId();
  await tx.execute({
    sql: 'INSERT INTO agreement_versions (id, agreement_id, name, state, content, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    args: [id, agreementId, `Bản trình ký lần ${Number(round?.n ?? 0) + 1}`, Y.encodeStateAsUpdate(live), JSON.stringify(json), actor.id, new Date().toISOString()],
  });
  return id;
}

/** Every valid signature of the parties is there. */
async function everyoneSigned(sql: Sql, agreement: AgreementSummary): Promise<boolean> {
  const signed = new Set((await listSignatures(sql, agreement.id)).filter((s) => s.voidAt === null).map((s) => s.agencyId));
  return agreement.partyAgencyIds.every((id) => signed.has(id));
}

async function setStatus(tx: Transaction, agreementId: string, status: AgreementStatus, extra: Record<string, string | null> = {}) {
  const columns = Object.keys(extra);
  await tx.execute({
    sql: `UPDATE agreements SET status = ?, updated_at = ?${columns.map((c) => `, ${c} = ?`).join('')} WHERE id = ?`,
    args: [status, new Date().toISOString(), ...columns.map((c) => extra[c]), agreementId],
  });
}

/** The agreement comes into force; the one it amends (if any) is superseded by it. */
async function enterIntoForce(tx: Transaction, actor: Actor, agreement: AgreementSummary) {
  await setStatus(tx, agreement.id, 'in_force', { in_force_at: new Date().toISOString() });
  if (agreement.amendsAgreementId) {
    const original = await getAgreement(tx, agreement.amendsAgreementId);
    if (original && (original.status === 'amended' || original.status === 'in_force')) {
      await setStatus(tx, original.id, 'superseded');
      await recordAudit(tx, actor, { entity: 'agreement', entityId: original.id, action: 'transition', summary: { from: original.status, to: 'superseded', by: agreement.id } });
    }
  }
}

/**
 * One step by hand. `live` is the text held still (frozen into a version when signing opens).
 * Returns the agreement as it now is. The command has checked the step is allowed and that the
 * actor may take it, in this transaction.
 */
export async function transition(
  tx: Transaction, actor: Actor, agreement: AgreementSummary, input: z.infer<typeof transitionInput>, live: Y.Doc,
): Promise<AgreementSummary> {
  const from = agreement.status;
  const to = input.to;
  if (!isAllowedStep(from, to)) throw new DomainError('CONFLICT', 'agreementStepNotAllowed', { from: STATUS_NAMES_VI[from], to: STATUS_NAMES_VI[to] });
  const today = localDate();
  const summary: Record<string, unknown> = { from, to, ...(input.reason ? { reason: input.reason } : {}), ...(input.confirmDisagreement ? { confirmedDisagreement: true } : {}) };

  if (to === 'consultation') {
    if (!input.deadline || input.deadline < today) throw new DomainError('BAD_REQUEST', 'deadlineRequired');
    await setStatus(tx, agreement.id, to, { consultation_deadline: input.deadline });
    summary.deadline = input.deadline;
  } else if (to === 'signing') {
    if (!input.effectiveDate) throw new DomainError('BAD_REQUEST', 'effectiveDateRequired');
    const { json, hash } = textOf(live);
    const versionId = await snapshotVersion(tx, actor, agreement.id, live, json);
    await setStatus(tx, agreement.id, to, { effective_date: input.effectiveDate, signing_hash: hash, signing_version_id: versionId });
    Object.assign(summary, { effectiveDate: input.effectiveDate, hash, versionId });
  } else if (to === 'in_force') {
    if (!(await everyoneSigned(tx, agreement))) throw new DomainError('CONFLICT', 'notEverySigned');
    if (agreement.effectiveDate && agreement.effectiveDate > today) throw new DomainError('CONFLICT', 'notYetEffective', { date: agreement.effectiveDate });
    await enterIntoForce(tx, actor, agreement);
  } else if (to === 'draft' && from === 'signing') {
    if (await everyoneSigned(tx, agreement)) throw new DomainError('CONFLICT', 'everyoneSigned');
    // Reopened before every party signed: what was signed stays on record, visibly void.
    const voided = await tx.execute({
      sql: 'UPDATE agreement_signatures SET void_at = ?, void_reason = ?, voided_by = ? WHERE agreement_id = ? AND void_at IS NULL',
      args: [new Date().toISOString(), input.reason || 'Văn bản được mở lại để sửa đổi trước khi các bên ký đủ.', actor.id, agreement.id],
    });
    summary.voidedSignatures = voided.rowsAffected;
    await setStatus(tx, agreement.id, to, { signing_hash: null, signing_version_id: null });
  } else if (to === 'terminated' && agreement.amendsAgreementId) {
    await setStatus(tx, agreement.id, to);
    // An abandoned amendment: the original is simply in force again.
    const original = await getAgreement(tx, agreement.amendsAgreementId);
    if (original?.status === 'amended') {
      await setStatus(tx, original.id, 'in_force');
      await recordAudit(tx, actor, { entity: 'agreement', entityId: original.id, action: 'transition', summary: { from: 'amended', to: 'in_force', abandoned: agreement.id } });
    }
  } else {
    await setStatus(tx, agreement.id, to);
  }
  await recordAudit(tx, actor, { entity: 'agreement', entityId: agreement.id, action: 'transition', summary });
  return (await getAgreement(tx, agreement.id))!;
}

/**
 * A signatory signs for its agency, against the hash of the text it read. The hash must be both
 * the one put to signature and the one of the text now stored (nobody can change a frozen text,
 * but the check does not rely on it). The last signature brings the agreement into force when
 * its effective date has come.
 */
export async function sign(
  tx: Transaction, actor: Actor, agreement: AgreementSummary, input: z.infer<typeof signInput>, currentHash: string,
): Promise<AgreementSummary> {
  if (agreement.status !== 'signing' || !agreement.signingHash || !agreement.signingVersionId) throw new DomainError('CONFLICT', 'notInSigning');
  if (input.textHash !== agreement.signingHash || currentHash !== agreement.signingHash) throw new DomainError('CONFLICT', 'signedTextChanged');
  if (await one(tx, 'SELECT 1 FROM agreement_signatures WHERE agreement_id = ? AND agency_id = ? AND void_at IS NULL', [agreement.id, input.agencyId])) {
    throw new DomainError('CONFLICT', 'alreadySigned');
  }
  const signer = await one<{ name: string; title: string }>(tx, 'SELECT name, title FROM users WHERE id = ?', [actor.id]);
  const agency = await one<{ name_vi: string; kind: AgencyKind; head_title: string }>(tx, 'SELECT name_vi, kind, head_title FROM agencies WHERE id = ?', [input.agencyId]);
  if (!agency) throw new DomainError('BAD_REQUEST', 'unknownAgency');
  const position = signer?.title ?? '';
  const signingAgency = { nameVi: agency.name_vi, kind: agency.kind, headTitle: agency.head_title };
  const capacity = input.capacity ?? likelyCapacity(signingAgency, position);
  const problem = capacityProblem(signingAgency, capacity, position);
  if (problem === 'collectiveOnly') throw new DomainError('BAD_REQUEST', 'capacityCollectiveOnly', { agency: agency.name_vi });
  if (problem === 'positionRequired') throw new DomainError('BAD_REQUEST', 'capacityPositionRequired');
  const id = newId();
  const now = new Date().toISOString();
  await tx.execute({
    sql: `INSERT INTO agreement_signatures (id, agreement_id, agency_id, signer_id, signer_name, signer_title, capacity, head_title, text_hash, version_id, signed_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [id, agreement.id, input.agencyId, actor.id, signer?.name ?? '', position, capacity, headTitleOf(signingAgency), input.textHash, agreement.signingVersionId, now],
  });
  await recordAudit(tx, actor, { entity: 'agreement', entityId: agreement.id, action: 'sign', summary: { signatureId: id, agencyId: input.agencyId, hash: input.textHash, capacity } });
  if (await everyoneSigned(tx, agreement) && (!agreement.effectiveDate || agreement.effectiveDate <= localDate())) {
    await enterIntoForce(tx, actor, agreement);
    await recordAudit(tx, actor, { entity: 'agreement', entityId: agreement.id, action: 'transition', summary: { from: 'signing', to: 'in_force', lastSignature: id } });
  }
  return (await getAgreement(tx, agreement.id))!;
}

/**
 * An amendment: a new draft with the same parties, led by the same agency, whose text starts as
 * the signed text (the signed version's Y.Doc state as its first update). The original is marked
 * as being amended; it stays readable and its signed versions never change.
 */
export async function startAmendment(
  tx: Transaction, live: Pick<LiveDocuments, 'create'>, actor: Actor, original: AgreementSummary, input: z.infer<typeof amendInput>,
): Promise<AgreementSummary> {
  const signed = await one<{ state: ArrayBuffer }>(tx, `
    SELECT v.state FROM agreement_signatures s JOIN agreement_versions v ON v.id = s.version_id
     WHERE s.agreement_id = ? AND s.void_at IS NULL ORDER BY s.signed_at DESC LIMIT 1`, [original.id]);
  if (!signed) throw new DomainError('CONFLICT', 'notSigned');
  const id = newId();
  const now = new Date().toISOString();
  const title = input.title ?? `${original.title} (sửa đổi, bổ sung)`;
  await tx.execute({
    sql: `INSERT INTO agreements (id, title, doc_number, lead_agency_id, status, created_by, created_at, updated_at, amends_agreement_id)
          VALUES (?, ?, '', ?, 'draft', ?, ?, ?, ?)`,
    args: [id, title, original.leadAgencyId, actor.id, now, now, original.id],
  });
  for (const agencyId of original.partyAgencyIds) {
    await tx.execute({ sql: 'INSERT INTO agreement_parties (agreement_id, agency_id) VALUES (?, ?)', args: [id, agencyId] });
  }
  await live.create(tx, docName('agreement', id), new Uint8Array(signed.state));
  await setStatus(tx, original.id, 'amended');
  await recordAudit(tx, actor, { entity: 'agreement', entityId: id, action: 'create', summary: { title, amends: original.id, parties: original.partyAgencyIds } });
  await recordAudit(tx, actor, { entity: 'agreement', entityId: original.id, action: 'transition', summary: { from: original.status, to: 'amended', amendment: id } });
  return (await getAgreement(tx, id))!;
}

/** The chain of agreements this one belongs to (originals first, then amendments), with their signed versions. */
export async function lineage(sql: Sql, agreement: AgreementSummary) {
  let root = agreement;
  for (let guard = 0; root.amendsAgreementId && guard < 50; guard += 1) {
    const parent = await getAgreement(sql, root.amendsAgreementId);
    if (!parent) break;
    root = parent;
  }
  const chain: AgreementSummary[] = [root];
  for (let guard = 0; guard < 50; guard += 1) {
    const next = await one<{ id: string }>(sql, 'SELECT id FROM agreements WHERE amends_agreement_id = ? ORDER BY created_at LIMIT 1', [chain[chain.length - 1].id]);
    const found = next && (await getAgreement(sql, next.id));
    if (!found) break;
    chain.push(found);
  }
  return Promise.all(chain.map(async (a) => ({
    id: a.id, title: a.title, status: a.status, amendsAgreementId: a.amendsAgreementId, inForceAt: a.inForceAt,
    versions: (await all(sql, `SELECT v.id, v.name, v.created_at FROM agreement_versions v WHERE v.agreement_id = ? ORDER BY v.created_at, v.id`, [a.id]))
      .map((v) => ({ id: String(v.id), name: String(v.name), createdAt: String(v.created_at) })),
  })));
}

/** The lifecycle steps of an agreement, from the audit trail. */
export async function lifecycleEvents(sql: Sql, agreementId: string) {
  const rows = await all(sql, `
    SELECT l.at, l.action, l.summary, u.name AS user_name, a.short_name
      FROM audit_log l LEFT JOIN users u ON u.id = l.user_id LEFT JOIN agencies a ON a.id = l.agency_id
     WHERE l.entity = 'agreement' AND l.entity_id = ? AND l.action IN ('create', 'transition', 'sign', 'review', 'release', 'accept_suggestion', 'reject_suggestion')
     ORDER BY l.id`, [agreementId]);
  return rows.map((row) => ({
    at: String(row.at), action: String(row.action), summary: JSON.parse(String(row.summary)) as Record<string, unknown>,
    userName: (row.user_name as string | null) ?? null, agencyShortName: (row.short_name as string | null) ?? null,
  }));
}

/** Where the agreement stands and what this person may do next (the steps offered are the steps the commands accept). */
export async function lifecycleView(sql: Sql, actor: Actor, agreement: AgreementSummary) {
  const [parties, signatures, amendment, version, signer] = await Promise.all([
    partiesOf(sql, agreement), listSignatures(sql, agreement.id),
    one<{ id: string; title: string; status: string }>(sql, 'SELECT id, title, status FROM agreements WHERE amends_agreement_id = ? ORDER BY created_at DESC LIMIT 1', [agreement.id]),
    agreement.signingVersionId ? one<{ name: string }>(sql, 'SELECT name FROM agreement_versions WHERE id = ?', [agreement.signingVersionId]) : undefined,
    one<{ name: string; title: string }>(sql, 'SELECT name, title FROM users WHERE id = ?', [actor.id]),
  ]);
  const ownParty = parties.find((p) => p.id === actor.agency.id);
  const valid = signatures.filter((s) => s.voidAt === null);
  const allSigned = parties.every((p) => valid.some((s) => s.agencyId === p.id));
  // A fully signed text is not reopened (`transition` refuses it): the step is not offered.
  const possible = (to: AgreementStatus) => !(agreement.status === 'signing' && to === 'draft' && allSigned);
  return {
    status: agreement.status,
    nextSteps: AGREEMENT_TRANSITIONS[agreement.status].filter((to) => can(actor, 'agreement.transition', { agreement, to }) && possible(to)),
    consultationDeadline: agreement.consultationDeadline, effectiveDate: agreement.effectiveDate, inForceAt: agreement.inForceAt,
    signingHash: agreement.signingHash, signingVersionId: agreement.signingVersionId, signingVersionName: version?.name ?? null,
    /** What the sign dialog offers this person: their position, the capacity it suggests, whether TM. is possible. */
    signer: ownParty ? {
      name: signer?.name ?? '', position: signer?.title ?? '', headTitle: ownParty.headTitle,
      likelyCapacity: likelyCapacity(ownParty, signer?.title ?? ''), collective: COLLECTIVE_KINDS.includes(ownParty.kind),
    } : null,
    amendsAgreementId: agreement.amendsAgreementId, amendment: amendment ?? null,
    parties: parties.map((p) => ({ ...p, signature: valid.find((s) => s.agencyId === p.id) ?? null })),
    signatures,
    rights: {
      opinion: can(actor, 'agreement.giveOpinion', agreement),
      suggest: can(actor, 'agreement.suggest', agreement),
      release: can(actor, 'agreement.release', agreement),
      decide: can(actor, 'agreement.decideSuggestion', agreement),
      sign: can(actor, 'agreement.sign', { agreement, agencyId: actor.agency.id }) && !valid.some((s) => s.agencyId === actor.agency.id),
      amend: can(actor, 'agreement.amend', agreement),
      review: can(actor, 'agreement.review', agreement),
    },
  };
}

/** The hash of the text now against the hash that was signed, per signature. */
export async function verification(sql: Sql, agreement: AgreementSummary, currentHash: string) {
  const signatures = (await listSignatures(sql, agreement.id)).filter((s) => s.voidAt === null);
  const signedHash = signatures[0]?.textHash ?? agreement.signingHash;
  return {
    currentHash, signedHash,
    matches: signedHash !== null && signatures.every((s) => s.textHash === currentHash) && signedHash === currentHash,
    signatures: signatures.map((s) => ({ agencyShortName: s.agencyShortName, signerName: s.signerName, textHash: s.textHash, matches: s.textHash === currentHash })),
  };
}
