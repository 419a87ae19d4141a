/** Duties anchored in an agreement's text: marked "text removed" when their text is deleted, unmarked when it comes back. */
import { all, type Db } from '../../db/client.ts';
import type { LiveDocuments } from '../live-documents.ts';
import { markRemovedAnchors } from './index.ts';
import { rangeChecker } from '../../../shared/legal/anchors.ts';
import { legalSchema } from '../../../shared/legal/schema.ts';
import { LEGAL_FRAGMENT } from '../../../shared/legal/ydoc.ts';
import { docName } from '../../../shared/collab.ts';

export async function recheckDutyAnchors(db: Db, live: Pick<LiveDocuments, 'read'>, agreementId: string): Promise<number> {
  const duties = await all<{ id: string; anchor_start: string; anchor_end: string; removed: number }>(db,
    'SELECT id, anchor_start, anchor_end, anchor_removed_at IS NOT NULL AS removed FROM action_items WHERE agreement_id = ? AND anchor_start IS NOT NULL',
    [agreementId]);
  if (duties.length === 0) return 0;
  // Read under the document, decide outside the write queue; only changed marks are written.
  const removed = await live.read(docName('agreement', agreementId), (text) => {
    const isLive = rangeChecker(text, LEGAL_FRAGMENT, legalSchema);
    return new Set(duties.filter((d) => !isLive(d.anchor_start, d.anchor_end)).map((d) => d.id));
  });
  if (duties.every((d) => Boolean(d.removed) === removed.has(d.id))) return 0;
  return db.write((tx) => markRemovedAnchors(tx, agreementId, removed));
}
