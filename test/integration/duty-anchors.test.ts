import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { serverSuite, startCollabTestServer, trpc } from '../helpers.ts';
import { connectClient, synced } from '../collab/client.ts';
import { recheckDutyAnchors } from '../../server/domain/action-item/anchors.ts';
import { loadStoredDoc } from '../../server/collab/storage.ts';
import { findUnitElement, LEGAL_FRAGMENT } from '../../shared/legal/ydoc.ts';

const AGREEMENT = 'agreement:demo-agreement-01';

/** The clause element of the demo text whose first paragraph the court's duty is anchored to. */
function clause(doc: Y.Doc, id: string): Y.XmlElement {
  const found = findUnitElement(doc.getXmlFragment(LEGAL_FRAGMENT), id);
  if (!found) throw new Error(`no ${id}`);
  return found;
}

function hasClause(doc: Y.Doc, id: string): boolean {
  try {
    clause(doc, id);
    return true;
  } catch {
    return false;
  }
}

/** What the server has stored, polled: the client's update travels asynchronously. */
async function until(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the stored text');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('duties anchored in the agreement text', () => {
  const suite = serverSuite(() => startCollabTestServer(), ['thads']);
  const { cookies } = suite;

  const courtDuty = async () => (await trpc(suite.server.url, cookies.thads, 'actionItems.get', { id: 'demo-item-tand' })).data;

  it('an edit around the anchored text keeps the duty attached', async () => {
    const client = connectClient(suite.server.collabUrl, AGREEMENT, cookies.thads);
    await synced(client);
    const text = clause(client.doc, 'demo-a08-k1').get(0) as Y.XmlElement;
    (text.get(0) as Y.XmlText).insert(0, 'Trong thời hạn 05 ngày, ');
    await until(async () => (await loadStoredDoc(suite.server.testDb.db, AGREEMENT)).getXmlFragment('prosemirror').toString().includes('Trong thời hạn 05 ngày'));
    expect(await recheckDutyAnchors(suite.server.testDb.db, suite.server.collab.live, 'demo-agreement-01')).toBe(0);
    expect((await courtDuty()).anchorRemoved).toBe(false);
    client.destroy();
  });

  it('deleting the anchored text marks the duty "text removed" and keeps its last text and its status', async () => {
    const client = connectClient(suite.server.collabUrl, AGREEMENT, cookies.thads);
    await synced(client);
    const before = await courtDuty();
    const clauseElement = clause(client.doc, 'demo-a08-k1');
    const parent = clauseElement.parent as Y.XmlElement;
    const index = parent.toArray().indexOf(clauseElement);
    parent.delete(index, 1);
    await until(async () => !hasClause(await loadStoredDoc(suite.server.testDb.db, AGREEMENT), 'demo-a08-k1'));
    expect(await recheckDutyAnchors(suite.server.testDb.db, suite.server.collab.live, 'demo-agreement-01')).toBe(1);
    const after = await courtDuty();
    expect(after.anchorRemoved).toBe(true);
    expect(after.anchorQuote).toBe(before.anchorQuote);
    expect(after.status).toBe('open');

    client.destroy();
  });
});
