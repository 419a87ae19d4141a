/**
 * Comment anchors: a selection in the editor becomes two Yjs relative positions (which follow the
 * text through everyone's edits), and back into a range of the current document to highlight.
 */
import type * as Y from 'yjs';
import { absolutePositionToRelativePosition, ySyncPluginKey } from 'y-prosemirror';
import { encodeAnchor, resolveRange } from '../../../shared/legal/anchors.ts';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import type { EditorState } from 'prosemirror-state';


function binding(state: EditorState) {
  return ySyncPluginKey.getState(state)?.binding as { type: Y.XmlFragment; doc: Y.Doc; mapping: Map<unknown, unknown> } | undefined;
}

/** The current selection as anchors, with the text it covers; null for an empty selection. */
export function selectionAnchors(view: EditorView): { anchorStart: string; anchorEnd: string; quote: string } | null {
  const { from, to, empty } = view.state.selection;
  const sync = binding(view.state);
  if (empty || !sync) return null;
  const encode = (pos: number) => encodeAnchor(absolutePositionToRelativePosition(pos, sync.type, sync.mapping as never));
  return { anchorStart: encode(from), anchorEnd: encode(to), quote: view.state.doc.textBetween(from, to, ' ').slice(0, 1000) };
}

/** Where an anchored range is now; null when its text was deleted. */
export function resolveAnchors(state: EditorState, anchorStart: string, anchorEnd: string): { from: number; to: number } | null {
  const sync = binding(state);
  if (!sync) return null;
  const range = resolveRange(sync.doc, sync.type, sync.mapping as never, anchorStart, anchorEnd);
  return range && { from: Math.min(range.from, state.doc.content.size), to: Math.min(range.to, state.doc.content.size) };
}

/** A highlighted range of the text: a comment thread or a duty. */
export interface Highlight { id: string; anchorStart: string | null; anchorEnd: string | null; color: string; kind: 'comment' | 'duty' }

/** Highlights of open threads and duties; the active one stronger. */
export function highlightDecorations(state: EditorState, highlights: Highlight[], activeId: string | null): DecorationSet {
  const decorations: Decoration[] = [];
  for (const highlight of highlights) {
    if (!highlight.anchorStart || !highlight.anchorEnd) continue;
    const range = resolveAnchors(state, highlight.anchorStart, highlight.anchorEnd);
    if (!range) continue;
    decorations.push(Decoration.inline(range.from, range.to, {
      class: `${highlight.kind}-highlight${highlight.id === activeId ? ` ${highlight.kind}-highlight--active` : ''}`,
      style: `--highlight-color: ${highlight.color}`,
      [highlight.kind === 'comment' ? 'data-thread' : 'data-duty']: highlight.id,
    }));
  }
  return DecorationSet.create(state.doc, decorations);
}
