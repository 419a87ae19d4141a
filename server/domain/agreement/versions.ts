/** Named versions of an agreement's text: saved, opened read-only, compared, restored as a new change. */
import * as Y from 'yjs';
import { updateYFragment } from 'y-prosemirror';
import type { Transaction } from '@libsql/client';
import { all, one, type Sql } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import type { Actor } from '../../policy/index.ts';
import { recordAudit } from '../audit/index.ts';
import { DomainError } from '../errors.ts';
import { legalSchema } from '../../../shared/legal/schema.ts';
import { LEGAL_FRAGMENT, legalDocOf } from '../../../shared/legal/ydoc.ts';
import type { LegalNodeJSON } from '../../../shared/legal/numbering.ts';

export interface VersionSummary { id: string; name: string; createdByName: string; createdAt: string }

export async function listVersions(sql: Sql, agreementId: string): Promise<VersionSummary[]> {
  const rows = await all(sql, `
    SELECT v.id, v.name, u.name AS created_by_name, v.created_at
      FROM agreement_versions v JOIN users u ON u.id = v.created_by
     WHERE v.agreement_id = ? ORDER BY v.created_at DESC, v.id DESC`, [agreementId]);
  return rows.map((row) => ({ id: String(row.id), name: String(row.name), createdByName: String(row.created_by_name), createdAt: String(row.created_at) }));
}

export async function getVersion(sql: Sql, agreementId: string, versionId: string) {
  const row = await one(sql, `
    SELECT v.id, v.name, v.content, v.created_at, u.name AS created_by_name
      FROM agreement_versions v JOIN users u ON u.id = v.created_by WHERE v.id = ? AND v.agreement_id = ?`, [versionId, agreementId]);
  if (!row) throw new DomainError('NOT_FOUND', 'notFound');
  return {
    id: String(row.id), name: String(row.name), createdAt: String(row.created_at), createdByName: String(row.created_by_name),
    content: JSON.parse(String(row.content)) as LegalNodeJSON,
  };
}

/** A version's Yjs state (for comparing with who wrote what), with when it was saved. */
export async function getVersionState(sql: Sql, agreementId: string, versionId: string): Promise<{ state: Uint8Array; createdAt: string }> {
  const row = await one<{ state: ArrayBuffer; created_at: string }>(sql,
    'SELECT state, created_at FROM agreement_versions WHERE id = ? AND agreement_id = ?', [versionId, agreementId]);
  if (!row) throw new DomainError('NOT_FOUND', 'notFound');
  return { state: new Uint8Array(row.state), createdAt: String(row.created_at) };
}

/** Saves the text as the live document holds it (every acknowledged update) under a unique name. */
export async function saveVersion(tx: Transaction, actor: Actor, agreementId: string, name: string, live: Y.Doc): Promise<VersionSummary> {
  if (await one(tx, 'SELECT 1 FROM agreement_versions WHERE agreement_id = ? AND name = ?', [agreementId, name])) {
    throw new DomainError('CONFLICT', 'versionNameTaken', { name });
  }
  const id = newId();
  const now = new Date().toISOString();
  await tx.execute({
    sql: 'INSERT INTO agreement_versions (id, agreement_id, name, state, content, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    args: [id, agreementId, name, Y.encodeStateAsUpdate(live), JSON.stringify(legalDocOf(live).toJSON()), actor.id, now],
  });
  await recordAudit(tx, actor, { entity: 'agreement', entityId: agreementId, action: 'save_version', summary: { versionId: id, name } });
  const author = await one<{ name: string }>(tx, 'SELECT name FROM users WHERE id = ?', [actor.id]);
  return { id, name, createdByName: author?.name ?? '', createdAt: now };
}

/**
 * The change that turns the live text into a saved version's text: a minimal edit of the shared
 * fragment (unchanged paragraphs are kept), so history is kept and concurrent edits merge.
 */
export function restoreUpdate(live: Y.Doc, content: LegalNodeJSON): Uint8Array {
  const before = Y.encodeStateVector(live);
  const target = legalSchema.nodeFromJSON(content);
  live.transact(() => updateYFragment(live, live.getXmlFragment(LEGAL_FRAGMENT), target, { mapping: new Map(), isOMark: new Map() }));
  return Y.encodeStateAsUpdate(live, before);
}
