/**
 * Suggestions of any size (track changes): a range of the current text, anchored by two Yjs
 * relative positions, and the proposed content as a ProseMirror slice (structure kept: articles,
 * clauses, points). The browser computes the contiguous changes between the text it started from
 * and the one the user edited; the server resolves the anchors in the stored document and applies
 * the replacement. The same functions on both sides, so what is shown is what is applied.
 */
import * as Y from 'yjs';
import { diffArrays } from 'diff';
import { Fragment, Slice, type Node as PMNode } from 'prosemirror-model';
import { absolutePositionToRelativePosition, initProseMirrorDoc, relativePositionToAbsolutePosition, updateYFragment } from 'y-prosemirror';
import { encodeAnchor } from './anchors.ts';
import { isStructuralKind, legalSchema } from './schema.ts';
import { LEGAL_FRAGMENT } from './ydoc.ts';

/** At most this many bytes of proposed content (its JSON) in one suggestion. */
export const SUGGESTION_MAX_BYTES = 100_000;
/** At most this many text blocks (headings, paragraphs) proposed or replaced by one suggestion. */
export const SUGGESTION_MAX_BLOCKS = 150;

type Mapping = Parameters<typeof relativePositionToAbsolutePosition>[3];

/** One contiguous change: the range [from, to) of the base document and what replaces it. */
export interface TextChange { from: number; to: number; slice: Slice }

const keyOf = (node: PMNode) => (isStructuralKind(node.type.name) ? `${node.type.name}:${node.attrs.id as string}` : `${node.type.name}:${JSON.stringify(node.toJSON())}`);

/** The offsets of a node's children (relative to its content start). */
function offsets(node: PMNode): number[] {
  const result: number[] = [];
  let at = 0;
  node.forEach((child) => { result.push(at); at += child.nodeSize; });
  result.push(at);
  return result;
}

function inlineChange(a: PMNode, b: PMNode, start: number): TextChange | null {
  const from = a.content.findDiffStart(b.content);
  if (from === null) return null;
  let { a: endA, b: endB } = a.content.findDiffEnd(b.content)!;
  const overlap = from - Math.min(endA, endB);
  if (overlap > 0) { endA += overlap; endB += overlap; }
  return { from: start + from, to: start + endA, slice: new Slice(b.content.cut(from, endB), 0, 0) };
}

function diffChildren(a: PMNode, b: PMNode, start: number, out: TextChange[]): void {
  const aKids: PMNode[] = [];
  const bKids: PMNode[] = [];
  a.forEach((child) => aKids.push(child));
  b.forEach((child) => bKids.push(child));
  const at = offsets(a);
  let ai = 0;
  let bi = 0;
  let run: { a0: number; a1: number; b0: number; b1: number } | null = null;
  const flush = () => {
    if (!run) return;
    const removed = aKids.slice(run.a0, run.a1);
    const added = bKids.slice(run.b0, run.b1);
    // A block edited in place: the change is inside its text.
    if (removed.length === 1 && added.length === 1 && removed[0].type === added[0].type && removed[0].isTextblock) {
      const change = inlineChange(removed[0], added[0], start + at[run.a0] + 1);
      if (change) out.push(change);
    } else {
      out.push({ from: start + at[run.a0], to: start + at[run.a1], slice: new Slice(Fragment.fromArray(added), 0, 0) });
    }
    run = null;
  };
  for (const part of diffArrays(aKids.map(keyOf), bKids.map(keyOf))) {
    const n = part.count ?? part.value.length;
    if (part.removed || part.added) {
      if (!run) run = { a0: ai, a1: ai, b0: bi, b1: bi };
      if (part.removed) { ai += n; run.a1 = ai; } else { bi += n; run.b1 = bi; }
      continue;
    }
    flush();
    for (let k = 0; k < n; k++, ai++, bi++) {
      // The same unit (same id) with other content: the change is inside it.
      if (!aKids[ai].eq(bKids[bi])) diffChildren(aKids[ai], bKids[bi], start + at[ai] + 1, out);
    }
  }
  flush();
}

/** The contiguous changes that turn `base` into `edited`, in base positions, in document order. */
export function changesBetween(base: PMNode, edited: PMNode): TextChange[] {
  const out: TextChange[] = [];
  diffChildren(base, edited, 0, out);
  return out.sort((x, y) => x.from - y.from);
}

/** How many text blocks a slice holds (a slice inside one paragraph counts one). */
export function blocksIn(fragment: Fragment): number {
  let count = 0;
  fragment.descendants((node) => {
    if (node.isTextblock) count++;
    return !node.isTextblock;
  });
  return Math.max(count, 1);
}

/**
 * `base` with one change applied exactly as proposed (no wrapping or fitting: what the lead saw is
 * what goes in), checked against the schema; throws when it does not fit there.
 */
export function applyChange(base: PMNode, from: number, to: number, slice: Slice): PMNode {
  const next = base.replace(from, to, slice);
  next.check();
  return next;
}

/** What the range covers now, as it is stored to tell later whether it changed. */
export const baseOf = (doc: PMNode, from: number, to: number): string => JSON.stringify(doc.slice(from, to).toJSON() ?? null);

export const sliceFromJSON = (json: string): Slice => Slice.fromJSON(legalSchema, JSON.parse(json));

const decodeAnchor = (text: string) => Y.decodeRelativePosition(Uint8Array.from(atob(text), (c) => c.charCodeAt(0)));

/** Anchors of a range of the ProseMirror document bound to `fragment` (the end sticks to the left, so text typed after it stays out). */
export function anchorRange(fragment: Y.XmlFragment, mapping: Mapping, from: number, to: number): { anchorStart: string; anchorEnd: string } {
  return {
    anchorStart: encodeAnchor(absolutePositionToRelativePosition(from, fragment, mapping as never)),
    anchorEnd: encodeAnchor(absolutePositionToRelativePosition(to, fragment, mapping as never)),
  };
}

/** Where an anchored range is now; an empty range (an insertion) is allowed; null when its anchors are gone or reversed. */
export function resolveSuggestionRange(ydoc: Y.Doc, fragment: Y.XmlFragment, mapping: Mapping, start: string, end: string): { from: number; to: number } | null {
  try {
    const from = relativePositionToAbsolutePosition(ydoc, fragment, decodeAnchor(start), mapping);
    const to = relativePositionToAbsolutePosition(ydoc, fragment, decodeAnchor(end), mapping);
    return from === null || to === null || to < from ? null : { from, to };
  } catch {
    return null;
  }
}

/** The stored document as ProseMirror sees it, with the mapping that ties both together. */
export function proseMirrorOf(ydoc: Y.Doc) {
  const fragment = ydoc.getXmlFragment(LEGAL_FRAGMENT);
  const { doc, mapping } = initProseMirrorDoc(fragment, legalSchema);
  return { fragment, doc, mapping };
}

/** Writes a new ProseMirror document into the fragment with the least change (nodes left alone keep their Yjs items). */
export function writeInto(ydoc: Y.Doc, fragment: Y.XmlFragment, mapping: Mapping, next: PMNode): void {
  ydoc.transact(() => updateYFragment(ydoc, fragment, next, { mapping: mapping as never, isOMark: new Map() }));
}
