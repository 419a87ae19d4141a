/**
 * Comments on an agreement's text. A thread is anchored to a range by two Yjs relative positions
 * made in the browser, so it follows its text through every edit; the quoted text is kept for when
 * the range is deleted. Comments go through the API, not the live document: commenting does not
 * need the right to edit.
 */
import type * as Y from 'yjs';
import { rangeChecker } from '../../../shared/legal/anchors.ts';
import { legalSchema } from '../../../shared/legal/schema.ts';
import { LEGAL_FRAGMENT } from '../../../shared/legal/ydoc.ts';
import type { Transaction } from '@libsql/client';
import { all, one, type Sql } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import type { Actor, AgreementScope } from '../../policy/index.ts';
import { recordAudit } from '../audit/index.ts';
import { DomainError } from '../errors.ts';

export interface CommentRow {
  id: string; threadId: string | null; authorId: string; authorName: string; agencyId: string; agencyShortName: string;
  body: string; anchorStart: string | null; anchorEnd: string | null; quote: string; unitId: string | null;
  resolvedAt: string | null; resolvedByName: string | null; createdAt: string;
  /** null while the comment is visible only inside its agency (made in consultation, not yet released). */
  releasedAt: string | null;
}

/**
 * The comments a viewer's agency sees: every released one, and its own agency's unreleased ones.
 * Without a viewer agency (server-side readers), only the released ones.
 */
export async function listComments(sql: Sql, agreementId: string, viewerAgencyId: string | null = null): Promise<CommentRow[]> {
  const rows = await all(sql, `
    SELECT c.id, c.thread_id, c.author_id, u.name AS author_name, c.agency_id, a.short_name, c.body, c.anchor_start, c.anchor_end,
           c.quote, c.unit_id, c.resolved_at, r.name AS resolved_by_name, c.created_at, c.released_at
      FROM agreement_comments c
      JOIN users u ON u.id = c.author_id
      JOIN agencies a ON a.id = c.agency_id
      LEFT JOIN users r ON r.id = c.resolved_by
     WHERE c.agreement_id = ?1 AND (c.released_at IS NOT NULL OR c.agency_id = ?2)
     ORDER BY c.created_at, c.id`, [agreementId, viewerAgencyId]);
  return rows.map((row) => ({
    id: String(row.id), threadId: (row.thread_id as string | null) ?? null, authorId: String(row.author_id), authorName: String(row.author_name),
    agencyId: String(row.agency_id), agencyShortName: String(row.short_name), body: String(row.body),
    anchorStart: (row.anchor_start as string | null) ?? null, anchorEnd: (row.anchor_end as string | null) ?? null,
    quote: String(row.quote), unitId: (row.unit_id as string | null) ?? null,
    resolvedAt: (row.resolved_at as string | null) ?? null, resolvedByName: (row.resolved_by_name as string | null) ?? null,
    createdAt: String(row.created_at), releasedAt: (row.released_at as string | null) ?? null,
  }));
}

/**
 * When a new comment becomes visible to every party: at once while drafting; in consultation, a
 * party other than the lead agency keeps its comments to itself until its reviewer releases them.
 */
export function releasedOnCreation(agreement: AgreementScope, agencyId: string, now: string): string | null {
  return agreement.status === 'consultation' && agencyId !== agreement.leadAgencyId ? null : now;
}

export async function addThread(
  tx: Transaction, actor: Actor, agreement: AgreementScope & { id: string }, liveText: Y.Doc,
  input: { body: string; anchorStart: string; anchorEnd: string; quote: string; unitId: string | null },
): Promise<string> {
  if (!rangeChecker(liveText, LEGAL_FRAGMENT, legalSchema)(input.anchorStart, input.anchorEnd)) {
    throw new DomainError('CONFLICT', 'commentedTextRemoved');
  }
  const id = newId();
  const agreementId = agreement.id;
  const now = new Date().toISOString();
  await tx.execute({
    sql: `INSERT INTO agreement_comments (id, agreement_id, author_id, agency_id, body, anchor_start, anchor_end, quote, unit_id, created_at, released_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [id, agreementId, actor.id, actor.agency.id, input.body, input.anchorStart, input.anchorEnd, input.quote, input.unitId, now,
      releasedOnCreation(agreement, actor.agency.id, now)],
  });
  await recordAudit(tx, actor, { entity: 'agreement', entityId: agreementId, action: 'comment', summary: { commentId: id, quote: input.quote.slice(0, 80) } });
  return id;
}

/** A thread the actor's agency can see (released, or its own). */
async function thread(sql: Sql, actor: Actor, agreementId: string, threadId: string) {
  const row = await one<{ id: string; resolved_at: string | null }>(sql,
    `SELECT id, resolved_at FROM agreement_comments WHERE id = ? AND agreement_id = ? AND thread_id IS NULL
        AND (released_at IS NOT NULL OR agency_id = ?)`, [threadId, agreementId, actor.agency.id]);
  if (!row) throw new DomainError('NOT_FOUND', 'notFound');
  return row;
}

export async function reply(tx: Transaction, actor: Actor, agreement: AgreementScope & { id: string }, threadId: string, body: string): Promise<string> {
  const agreementId = agreement.id;
  await thread(tx, actor, agreementId, threadId);
  const id = newId();
  const now = new Date().toISOString();
  await tx.execute({
    sql: 'INSERT INTO agreement_comments (id, agreement_id, thread_id, author_id, agency_id, body, created_at, released_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    args: [id, agreementId, threadId, actor.id, actor.agency.id, body, now, releasedOnCreation(agreement, actor.agency.id, now)],
  });
  await recordAudit(tx, actor, { entity: 'agreement', entityId: agreementId, action: 'reply', summary: { threadId, commentId: id } });
  return id;
}

export async function setResolved(tx: Transaction, actor: Actor, agreementId: string, threadId: string, resolved: boolean): Promise<void> {
  const current = await thread(tx, actor, agreementId, threadId);
  if ((current.resolved_at !== null) === resolved) return;
  await tx.execute({
    sql: 'UPDATE agreement_comments SET resolved_at = ?, resolved_by = ? WHERE id = ?',
    args: resolved ? [new Date().toISOString(), actor.id, threadId] : [null, null, threadId],
  });
  await recordAudit(tx, actor, { entity: 'agreement', entityId: agreementId, action: resolved ? 'resolve_comment' : 'reopen_comment', summary: { threadId } });
}
