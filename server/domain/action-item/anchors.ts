/** Duties anchored in an agreement's text: marked "text removed" when their text is deleted, unmarked when it comes back. */
import type { Db } from '../../db/client.ts';
import { loadYDoc } from '../../collab/persistence.ts';
import { markRemovedAnchors } from './index.ts';
import { rangeChecker } from '../../../shared/legal/anchors.ts';
import { legalSchema } from '../../../shared/legal/schema.ts';
import { LEGAL_FRAGMENT } from '../../../shared/legal/ydoc.ts';
import { docName } from '../../../shared/collab.ts';

export async function recheckDutyAnchors(db: Db, agreementId: string): Promise<number> {
  const text = await loadYDoc(db, docName('agreement', agreementId));
  try {
    const isLive = rangeChecker(text, LEGAL_FRAGMENT, legalSchema);
    return await db.write((tx) => markRemovedAnchors(tx, agreementId, isLive));
  } finally {
    text.destroy();
  }
}
