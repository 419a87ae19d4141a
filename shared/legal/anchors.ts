/**
 * Anchors in a live text (comments, duties): a range kept as two Yjs relative positions, base64
 * encoded, which follow the text through everyone's edits. The browser resolves them with its
 * editor's mapping; the server builds the same mapping from the stored document.
 */
import * as Y from 'yjs';
import { initProseMirrorDoc, relativePositionToAbsolutePosition } from 'y-prosemirror';
import type { Schema } from 'prosemirror-model';
import { findUnitElement } from './ydoc.ts';

export const encodeAnchor = (position: Y.RelativePosition) => btoa(String.fromCharCode(...Y.encodeRelativePosition(position)));
const decodeAnchor = (text: string) => Y.decodeRelativePosition(Uint8Array.from(atob(text), (c) => c.charCodeAt(0)));

type Mapping = Parameters<typeof relativePositionToAbsolutePosition>[3];

/** Where the range is now in the ProseMirror document; null when its text is gone or the anchors are not ours. */
export function resolveRange(ydoc: Y.Doc, fragment: Y.XmlFragment, mapping: Mapping, start: string, end: string): { from: number; to: number } | null {
  try {
    const from = relativePositionToAbsolutePosition(ydoc, fragment, decodeAnchor(start), mapping);
    const to = relativePositionToAbsolutePosition(ydoc, fragment, decodeAnchor(end), mapping);
    return from === null || to === null || to <= from ? null : { from, to };
  } catch {
    return null;
  }
}

/** For the server: a checker of ranges against a stored document, its mapping built once. */
export function rangeChecker(ydoc: Y.Doc, fragmentName: string, schema: Schema): (start: string, end: string) => boolean {
  const fragment = ydoc.getXmlFragment(fragmentName);
  const { mapping } = initProseMirrorDoc(fragment, schema);
  return (start, end) => resolveRange(ydoc, fragment, mapping, start, end) !== null;
}

/** An anchor over the first text of a unit (an article's heading, a clause's first paragraph). */
export function anchorOfUnit(ydoc: Y.Doc, fragmentName: string, unitId: string): { start: string; end: string; quote: string } | null {
  const unit = findUnitElement(ydoc.getXmlFragment(fragmentName), unitId);
  const block = unit?.toArray().find((child): child is Y.XmlElement => child instanceof Y.XmlElement);
  const text = block?.toArray().find((child): child is Y.XmlText => child instanceof Y.XmlText);
  if (!text || text.length === 0) return null;
  return {
    start: encodeAnchor(Y.createRelativePositionFromTypeIndex(text, 0)),
    end: encodeAnchor(Y.createRelativePositionFromTypeIndex(text, text.length)),
    quote: text.toString(),
  };
}
