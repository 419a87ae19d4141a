/**
 * Consultation (lấy ý kiến): each party's opinion by the deadline, on the whole text or article by
 * article; suggested changes anchored in the live text like comments. A party's suggestions and
 * comments stay inside it until its own reviewer releases them; the lead agency accepts a
 * suggestion (its replacement goes into the live text) or rejects it.
 */
import * as Y from 'yjs';
import type { Transaction } from '@libsql/client';
import type { z } from 'zod';
import { all, one, type Sql } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import type { Actor } from '../../policy/index.ts';
import { recordAudit } from '../audit/index.ts';
import { DomainError } from '../errors.ts';
import type { AgreementSummary } from './index.ts';
import { releasedOnCreation } from './comments.ts';
import { partiesOf } from './lifecycle.ts';
import type { OpinionStance } from '../../../shared/domain.ts';
import type { opinionInput, suggestionInput } from '../../../shared/lifecycle.ts';
import { localDate } from '../../../shared/format.ts';
import { textBlocks } from '../../../shared/legal/blocks.ts';
import { legalDocOf } from '../../../shared/legal/ydoc.ts';
import type { LegalNodeJSON } from '../../../shared/legal/numbering.ts';
import {
  SUGGESTION_MAX_BLOCKS, SUGGESTION_MAX_BYTES, applyChange, baseOf, blocksIn, proseMirrorOf, resolveSuggestionRange, sliceFromJSON, writeInto,
} from '../../../shared/legal/suggestions.ts';
import type { Slice } from 'prosemirror-model';

const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

/** Where a suggestion's range is in the document: one paragraph's text and the offsets in it; null when gone or spanning paragraphs. */
function resolveInText(doc: Y.Doc, anchorStart: string, anchorEnd: string): { text: Y.XmlText; from: number; to: number } | 'gone' | 'spans' {
  try {
    const start = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(fromBase64(anchorStart)), doc);
    const end = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(fromBase64(anchorEnd)), doc);
    if (!start || !end) return 'gone';
    if (start.type !== end.type || !(start.type instanceof Y.XmlText)) return 'spans';
    if (end.index <= start.index) return 'gone';
    return { text: start.type, from: start.index, to: end.index };
  } catch {
    return 'gone';
  }
}

// --- Opinions -----------------------------------------------------------------------------------

export interface OpinionRow { agencyId: string; unitId: string | null; stance: OpinionStance; comment: string; authorName: string; updatedAt: string }

export async function listOpinions(sql: Sql, agreementId: string): Promise<OpinionRow[]> {
  const rows = await all(sql, `
    SELECT o.agency_id, o.unit_id, o.stance, o.comment, u.name AS author_name, o.updated_at
      FROM agreement_opinions o JOIN users u ON u.id = o.author_id WHERE o.agreement_id = ? ORDER BY o.updated_at`, [agreementId]);
  return rows.map((row) => ({
    agencyId: String(row.agency_id), unitId: row.unit_id ? String(row.unit_id) : null, stance: row.stance as OpinionStance,
    comment: String(row.comment), authorName: String(row.author_name), updatedAt: String(row.updated_at),
  }));
}

/** An agency's opinion, given again replaces the previous one; refused after the deadline. */
export async function giveOpinion(tx: Transaction, actor: Actor, agreement: AgreementSummary, text: LegalNodeJSON, input: z.infer<typeof opinionInput>) {
  if (agreement.status !== 'consultation') throw new DomainError('CONFLICT', 'agreementNotInConsultation');
  if (agreement.consultationDeadline && localDate() > agreement.consultationDeadline) {
    throw new DomainError('CONFLICT', 'consultationDeadlinePassed', { deadline: agreement.consultationDeadline.split('-').reverse().join('/') });
  }
  if (input.unitId && !textBlocks(text).some((b) => b.kind === 'article' && b.unitId === input.unitId)) throw new DomainError('BAD_REQUEST', 'unknownArticle');
  await tx.execute({
    sql: `INSERT INTO agreement_opinions (agreement_id, agency_id, unit_id, stance, comment, author_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (agreement_id, agency_id, unit_id) DO UPDATE SET stance = excluded.stance, comment = excluded.comment,
            author_id = excluded.author_id, updated_at = excluded.updated_at`,
    args: [agreement.id, actor.agency.id, input.unitId ?? '', input.stance, input.comment, actor.id, new Date().toISOString()],
  });
  await recordAudit(tx, actor, { entity: 'agreement', entityId: agreement.id, action: 'opinion', summary: { unitId: input.unitId, stance: input.stance } });
}

/**
 * The grid: articles of the current text by party. A party's article cell is its opinion on that
 * article, or else its opinion on the whole text; null when it has said nothing.
 */
export async function consultationGrid(sql: Sql, agreement: AgreementSummary, text: LegalNodeJSON) {
  const [parties, opinions] = await Promise.all([partiesOf(sql, agreement), listOpinions(sql, agreement.id)]);
  const articles = textBlocks(text).filter((b) => b.kind === 'article' && b.unitId).map((b) => ({ unitId: b.unitId!, label: b.label, text: b.text }));
  const find = (agencyId: string, unitId: string | null) => opinions.find((o) => o.agencyId === agencyId && o.unitId === unitId) ?? null;
  return {
    deadline: agreement.consultationDeadline,
    parties: parties.map((p) => ({ id: p.id, shortName: p.shortName, overall: find(p.id, null) })),
    articles: articles.map((article) => ({
      ...article,
      cells: parties.map((p) => {
        const own = find(p.id, article.unitId);
        const overall = find(p.id, null);
        return own ? { ...own, inherited: false } : overall ? { ...overall, inherited: true } : null;
      }),
    })),
  };
}

/**
 * The parties that disagree, with their opinions ("TAND Phú Thọ (Điều 3: lý do…)"), on the whole
 * text or on an article of the current text.
 */
export async function disagreements(sql: Sql, agreement: AgreementSummary, text: LegalNodeJSON): Promise<{ agencyId: string; shortName: string; opinions: string[] }[]> {
  const [parties, opinions] = await Promise.all([partiesOf(sql, agreement), listOpinions(sql, agreement.id)]);
  const labels = new Map(textBlocks(text).filter((b) => b.kind === 'article' && b.unitId).map((b) => [b.unitId!, b.label]));
  return parties.map((party) => ({
    agencyId: party.id, shortName: party.shortName,
    opinions: opinions.filter((o) => o.agencyId === party.id && o.stance === 'disagree' && (o.unitId === null || labels.has(o.unitId)))
      .map((o) => {
        const on = o.unitId === null ? 'toàn văn' : labels.get(o.unitId)!.replace(/\.$/, '');
        return o.comment ? `${on}: “${o.comment.length > 160 ? `${o.comment.slice(0, 160)}…` : o.comment}”` : on;
      }),
  })).filter((p) => p.opinions.length > 0);
}

// --- Suggestions --------------------------------------------------------------------------------

export interface SuggestionRow {
  id: string; authorName: string; agencyId: string; agencyShortName: string; anchorStart: string; anchorEnd: string;
  quote: string; replacement: string; note: string; unitId: string | null; status: 'pending' | 'accepted' | 'rejected';
  releasedAt: string | null; decidedAt: string | null; decidedByName: string | null; createdAt: string;
  /** Track changes: the proposed ProseMirror slice (JSON) and what the range covered when it was made; null for a plain replacement. */
  content: string | null; base: string | null;
}

/** What a viewer's agency sees: every released suggestion, and its own. */
export async function listSuggestions(sql: Sql, agreementId: string, viewerAgencyId: string | null): Promise<SuggestionRow[]> {
  const rows = await all(sql, `
    SELECT s.id, u.name AS author_name, s.agency_id, a.short_name, s.anchor_start, s.anchor_end, s.quote, s.replacement, s.note, s.unit_id,
           s.status, s.released_at, s.decided_at, d.name AS decided_by_name, s.created_at, s.content, s.base
      FROM agreement_suggestions s JOIN users u ON u.id = s.author_id JOIN agencies a ON a.id = s.agency_id
      LEFT JOIN users d ON d.id = s.decided_by
     WHERE s.agreement_id = ?1 AND (s.released_at IS NOT NULL OR s.agency_id = ?2)
     ORDER BY s.created_at, s.id`, [agreementId, viewerAgencyId]);
  return rows.map((row) => ({
    id: String(row.id), authorName: String(row.author_name), agencyId: String(row.agency_id), agencyShortName: String(row.short_name),
    anchorStart: String(row.anchor_start), anchorEnd: String(row.anchor_end), quote: String(row.quote), replacement: String(row.replacement),
    note: String(row.note), unitId: (row.unit_id as string | null) ?? null, status: row.status as SuggestionRow['status'],
    releasedAt: (row.released_at as string | null) ?? null, decidedAt: (row.decided_at as string | null) ?? null,
    decidedByName: (row.decided_by_name as string | null) ?? null, createdAt: String(row.created_at),
    content: (row.content as string | null) ?? null, base: (row.base as string | null) ?? null,
  }));
}

/** A proposed slice within the limits (bytes, blocks), parsed; refused with the limits otherwise. */
function proposedSlice(content: string): Slice {
  const tooLarge = () => new DomainError('BAD_REQUEST', 'suggestionTooLarge', { blocks: SUGGESTION_MAX_BLOCKS, kb: SUGGESTION_MAX_BYTES / 1000 });
  if (Buffer.byteLength(content) > SUGGESTION_MAX_BYTES) throw tooLarge();
  let slice: Slice;
  try {
    slice = sliceFromJSON(content);
  } catch {
    throw new DomainError('BAD_REQUEST', 'suggestionInvalid');
  }
  if (blocksIn(slice.content) > SUGGESTION_MAX_BLOCKS) throw tooLarge();
  return slice;
}

/** Track changes: a range of any size (several blocks, whole articles, or an empty one for an insertion) and its proposed content. */
async function addRangeSuggestion(tx: Transaction, actor: Actor, agreement: AgreementSummary, live: Y.Doc, input: z.infer<typeof suggestionInput>, content: string): Promise<string> {
  const slice = proposedSlice(content);
  const { fragment, doc, mapping } = proseMirrorOf(live);
  const range = resolveSuggestionRange(live, fragment, mapping, input.anchorStart, input.anchorEnd);
  if (!range) throw new DomainError('CONFLICT', 'suggestedTextRemoved');
  const replaced = doc.slice(range.from, range.to);
  if (replaced.content.size > 0 && blocksIn(replaced.content) > SUGGESTION_MAX_BLOCKS) {
    throw new DomainError('BAD_REQUEST', 'suggestionTooLarge', { blocks: SUGGESTION_MAX_BLOCKS, kb: SUGGESTION_MAX_BYTES / 1000 });
  }
  try {
    applyChange(doc, range.from, range.to, slice);
  } catch {
    throw new DomainError('BAD_REQUEST', 'suggestionInvalid');
  }
  const id = newId();
  const now = new Date().toISOString();
  await tx.execute({
    sql: `INSERT INTO agreement_suggestions (id, agreement_id, author_id, agency_id, anchor_start, anchor_end, quote, replacement, note, unit_id, created_at, released_at, content, base)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [id, agreement.id, actor.id, actor.agency.id, input.anchorStart, input.anchorEnd, doc.textBetween(range.from, range.to, '\n').slice(0, 1000),
      slice.content.textBetween(0, slice.content.size, '\n').slice(0, 5000), input.note, input.unitId, now,
      releasedOnCreation(agreement, actor.agency.id, now), JSON.stringify(slice.toJSON()), baseOf(doc, range.from, range.to)],
  });
  await recordAudit(tx, actor, { entity: 'agreement', entityId: agreement.id, action: 'suggest', summary: { suggestionId: id, blocks: blocksIn(slice.content) } });
  return id;
}

export async function addSuggestion(tx: Transaction, actor: Actor, agreement: AgreementSummary, live: Y.Doc, input: z.infer<typeof suggestionInput>): Promise<string> {
  if (agreement.status !== 'consultation') throw new DomainError('CONFLICT', 'agreementNotInConsultation');
  if (input.content !== undefined) return addRangeSuggestion(tx, actor, agreement, live, input, input.content);
  const range = resolveInText(live, input.anchorStart, input.anchorEnd);
  if (range === 'spans') throw new DomainError('BAD_REQUEST', 'suggestionOneParagraph');
  if (range === 'gone') throw new DomainError('CONFLICT', 'suggestedTextRemoved');
  const id = newId();
  const now = new Date().toISOString();
  await tx.execute({
    sql: `INSERT INTO agreement_suggestions (id, agreement_id, author_id, agency_id, anchor_start, anchor_end, quote, replacement, note, unit_id, created_at, released_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [id, agreement.id, actor.id, actor.agency.id, input.anchorStart, input.anchorEnd, range.text.toString().slice(range.from, range.to),
      input.replacement, input.note, input.unitId, now, releasedOnCreation(agreement, actor.agency.id, now)],
  });
  await recordAudit(tx, actor, { entity: 'agreement', entityId: agreement.id, action: 'suggest', summary: { suggestionId: id } });
  return id;
}

/** The agency's reviewer releases everything its agency still keeps to itself: suggestions and comments. */
export async function releaseOwn(tx: Transaction, actor: Actor, agreementId: string): Promise<{ suggestions: number; comments: number }> {
  const now = new Date().toISOString();
  const suggestions = await tx.execute({
    sql: 'UPDATE agreement_suggestions SET released_at = ?, released_by = ? WHERE agreement_id = ? AND agency_id = ? AND released_at IS NULL',
    args: [now, actor.id, agreementId, actor.agency.id],
  });
  const comments = await tx.execute({
    sql: 'UPDATE agreement_comments SET released_at = ?, released_by = ? WHERE agreement_id = ? AND agency_id = ? AND released_at IS NULL',
    args: [now, actor.id, agreementId, actor.agency.id],
  });
  const counts = { suggestions: suggestions.rowsAffected, comments: comments.rowsAffected };
  await recordAudit(tx, actor, { entity: 'agreement', entityId: agreementId, action: 'release', summary: counts });
  return counts;
}

async function pendingSuggestion(sql: Sql, agreementId: string, suggestionId: string) {
  const row = await one<{ anchor_start: string; anchor_end: string; replacement: string; status: string; released_at: string | null; content: string | null; base: string | null; author_id: string }>(sql,
    'SELECT anchor_start, anchor_end, replacement, status, released_at, content, base, author_id FROM agreement_suggestions WHERE id = ? AND agreement_id = ?', [suggestionId, agreementId]);
  if (!row) throw new DomainError('NOT_FOUND', 'notFound');
  if (row.status !== 'pending') throw new DomainError('CONFLICT', 'suggestionDecided');
  if (row.released_at === null) throw new DomainError('NOT_FOUND', 'notFound');
  return row;
}

/**
 * The change that applies a suggestion to the live text, computed on a copy of the stored
 * document: the range deleted, the replacement inserted in its place.
 */
export async function acceptanceUpdate(sql: Sql, agreementId: string, suggestionId: string, copy: Y.Doc): Promise<{ update: Uint8Array; authorId: string }> {
  const suggestion = await pendingSuggestion(sql, agreementId, suggestionId);
  return { update: suggestionUpdate(suggestion, copy), authorId: suggestion.author_id };
}

function suggestionUpdate(suggestion: Awaited<ReturnType<typeof pendingSuggestion>>, copy: Y.Doc): Uint8Array {
  if (suggestion.content !== null) {
    // Track changes: the range must still cover exactly what it covered when the suggestion was made.
    const { fragment, doc, mapping } = proseMirrorOf(copy);
    const found = resolveSuggestionRange(copy, fragment, mapping, suggestion.anchor_start, suggestion.anchor_end);
    if (!found) throw new DomainError('CONFLICT', 'suggestedTextRemoved');
    if (baseOf(doc, found.from, found.to) !== suggestion.base) throw new DomainError('CONFLICT', 'suggestionOutdated');
    let next;
    try {
      next = applyChange(doc, found.from, found.to, sliceFromJSON(suggestion.content));
    } catch {
      throw new DomainError('CONFLICT', 'suggestionOutdated');
    }
    const before = Y.encodeStateVector(copy);
    writeInto(copy, fragment, mapping, next);
    legalDocOf(copy);
    return Y.encodeStateAsUpdate(copy, before);
  }
  const range = resolveInText(copy, suggestion.anchor_start, suggestion.anchor_end);
  if (typeof range === 'string') throw new DomainError('CONFLICT', 'suggestedTextRemoved');
  const before = Y.encodeStateVector(copy);
  copy.transact(() => {
    range.text.delete(range.from, range.to - range.from);
    if (suggestion.replacement) range.text.insert(range.from, suggestion.replacement);
  });
  legalDocOf(copy); // the result must still be a document of the legal schema
  return Y.encodeStateAsUpdate(copy, before);
}

export async function decideSuggestion(tx: Transaction, actor: Actor, agreementId: string, suggestionId: string, decision: 'accepted' | 'rejected') {
  await pendingSuggestion(tx, agreementId, suggestionId);
  await tx.execute({
    sql: 'UPDATE agreement_suggestions SET status = ?, decided_at = ?, decided_by = ? WHERE id = ?',
    args: [decision, new Date().toISOString(), actor.id, suggestionId],
  });
  await recordAudit(tx, actor, { entity: 'agreement', entityId: agreementId, action: decision === 'accepted' ? 'accept_suggestion' : 'reject_suggestion', summary: { suggestionId } });
}
