/**
 * The live text of an agreement (textOf, server/domain/agreement/lifecycle.ts) is read once per
 * state of its document: the same answer while nothing changes, a new one after any change,
 * deletions included, and always what reading it afresh gives.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { textOf } from '../../server/domain/agreement/lifecycle.ts';
import { findUnitElement, legalJSONToYUpdate } from '../../shared/legal/ydoc.ts';
import type { LegalNodeJSON } from '../../shared/legal/numbering.ts';

const text = (value: string): LegalNodeJSON[] => [{ type: 'text', text: value }];
const agreement: LegalNodeJSON = {
  type: 'doc', content: [
    { type: 'title', content: text('Quy chế phối hợp') },
    { type: 'article', attrs: { id: 'a1' }, content: [{ type: 'heading', content: text('Phạm vi điều chỉnh') },
      { type: 'clause', attrs: { id: 'a1-k1' }, content: [{ type: 'paragraph', content: text('Quy chế này quy định việc phối hợp.') }] }] },
  ],
};
/** The same document read afresh, in a copy that has never been read. */
const afresh = (doc: Y.Doc) => {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return textOf(copy);
};

describe('the live text, read once per state of its document', () => {
  it('answers the same while nothing changes, and what is there after each insertion or deletion', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, legalJSONToYUpdate(agreement));
    const first = textOf(doc);
    expect(textOf(doc)).toBe(first);
    expect(first).toEqual(afresh(doc));

    const heading = findUnitElement(doc.getXmlFragment('prosemirror'), 'a1')!.get(0) as Y.XmlElement;
    const words = heading.get(0) as Y.XmlText;
    words.insert(words.length, ' và đối tượng áp dụng');
    const inserted = textOf(doc);
    expect(inserted).not.toBe(first);
    expect(inserted.hash).not.toBe(first.hash);
    expect(JSON.stringify(inserted.json)).toContain('Phạm vi điều chỉnh và đối tượng áp dụng');
    expect(inserted).toEqual(afresh(doc));

    words.delete(0, 'Phạm vi '.length);
    const deleted = textOf(doc);
    expect(JSON.stringify(deleted.json)).not.toContain('Phạm vi');
    expect(deleted.hash).not.toBe(inserted.hash);
    expect(deleted).toEqual(afresh(doc));
  });
});
