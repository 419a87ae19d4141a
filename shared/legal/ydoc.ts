/**
 * A legal document inside a Y.Doc: the text lives in one XmlFragment that y-prosemirror binds to
 * the editor. The server seeds a new document from JSON and reads the current text back for the
 * DOCX export and search; the editor binds the same fragment.
 */
import * as Y from 'yjs';
import { prosemirrorJSONToYDoc, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror';
import type { Node as PMNode } from 'prosemirror-model';
import { legalSchema } from './schema.ts';
import type { LegalNodeJSON } from './numbering.ts';

export const LEGAL_FRAGMENT = 'prosemirror';

/** A Y update holding the document: apply it to an empty Y.Doc to seed it (never to a live one). */
export function legalJSONToYUpdate(json: LegalNodeJSON): Uint8Array {
  // Checked first: y-prosemirror would store what the schema refuses and editors would drop it.
  legalSchema.nodeFromJSON(json).check();
  const ydoc = prosemirrorJSONToYDoc(legalSchema, json, LEGAL_FRAGMENT);
  const update = Y.encodeStateAsUpdate(ydoc);
  ydoc.destroy();
  return update;
}

/** The document held by a Y.Doc, as a ProseMirror node of the legal schema. */
export function legalDocOf(ydoc: Y.Doc): PMNode {
  return yXmlFragmentToProseMirrorRootNode(ydoc.getXmlFragment(LEGAL_FRAGMENT), legalSchema);
}

/** The element of a chapter, article, clause or point with this id, or null. */
export function findUnitElement(parent: Y.XmlFragment | Y.XmlElement, id: string): Y.XmlElement | null {
  for (const child of parent.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    if (child.getAttribute('id') === id) return child;
    const found = findUnitElement(child, id);
    if (found) return found;
  }
  return null;
}
