/**
 * Who may open a live document and how. Resolution happens in two steps so that a re-check of many
 * connections loads each document's record once: `loadTarget` (SQL) then `accessOf` (policy only).
 */
import type { Sql } from '../db/client.ts';
import { can, type Actor, type AgreementScope, type MeetingScope } from '../policy/index.ts';
import { getAgreement } from '../domain/agreement/index.ts';
import { getMeeting } from '../domain/meeting/index.ts';
import { parseDocName, type DocKind } from '../../shared/collab.ts';

export type Access = 'write' | 'read' | 'none';

export type Target =
  | { kind: 'agreement'; id: string; agreement: AgreementScope }
  | { kind: 'minutes'; id: string; meeting: MeetingScope };

/** The record behind a document name, or null when the name is malformed or the record does not exist. */
export async function loadTarget(sql: Sql, docName: string): Promise<Target | null> {
  const ref = parseDocName(docName);
  if (!ref) return null;
  if (ref.kind === 'agreement') {
    const agreement = await getAgreement(sql, ref.id);
    return agreement ? { kind: 'agreement', id: ref.id, agreement } : null;
  }
  const meeting = await getMeeting(sql, ref.id);
  return meeting ? { kind: 'minutes', id: ref.id, meeting } : null;
}

export function accessOf(user: Actor | null, target: Target): Access {
  if (target.kind === 'agreement') {
    if (can(user, 'agreement.edit', target.agreement)) return 'write';
    return can(user, 'agreement.read', target.agreement) ? 'read' : 'none';
  }
  if (can(user, 'meeting.editMinutes', target.meeting)) return 'write';
  return can(user, 'meeting.read', target.meeting) ? 'read' : 'none';
}

export interface Resolved { kind: DocKind; id: string; access: Access }

/** docName → what it is and what this user may do with it; null for an unknown document. */
export async function resolveAccess(sql: Sql, user: Actor | null, docName: string): Promise<Resolved | null> {
  const target = await loadTarget(sql, docName);
  return target && { kind: target.kind, id: target.id, access: accessOf(user, target) };
}
