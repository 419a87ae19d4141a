/**
 * Computes the numbers of the document after every change, local or remote, and shows them as
 * decorations: each client derives them from the same shared tree, so an inserted article
 * renumbers everything for every participant at once, and no number is ever typed or stored.
 * The labels travel in `data-label` attributes that the CSS prints before the text.
 */
import { Plugin, PluginKey, type EditorState } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Node as PMNode } from 'prosemirror-model';
import { displayLabel, numberDocument, referenceLabel, type Numbering } from '../../../shared/legal/numbering.ts';
import { isStructuralKind } from '../../../shared/legal/schema.ts';

interface NumberingState {
  numbering: Numbering;
  decorations: DecorationSet;
}

export const numberingPluginKey = new PluginKey<NumberingState>('legalNumbering');

function decorate(doc: PMNode, numbering: Numbering, brokenReference: string): DecorationSet {
  const decorations: Decoration[] = [];
  function walk(node: PMNode, pos: number, articleId: string | null): void {
    node.forEach((child, offset) => {
      const at = pos + offset;
      if (child.type.name === 'reference') {
        const label = referenceLabel(numbering, child.attrs.target as string, articleId);
        decorations.push(Decoration.node(at, at + child.nodeSize, label === null
          ? { 'data-label': brokenReference, class: 'legal-reference--broken' }
          : { 'data-label': label, title: label }));
        return;
      }
      if (child.isText) return;
      let innerArticle = articleId;
      if (isStructuralKind(child.type.name)) {
        const numbered = numbering.byId.get(child.attrs.id as string);
        const first = child.firstChild;
        if (numbered && first) {
          decorations.push(Decoration.node(at + 1, at + 1 + first.nodeSize, { 'data-label': displayLabel(numbered) }));
        }
        if (child.type.name === 'article') innerArticle = numbered?.id ?? null;
      }
      walk(child, at + 1, innerArticle);
    });
  }
  walk(doc, 0, null);
  return DecorationSet.create(doc, decorations);
}

export function numberingPlugin(options: { brokenReference: string }): Plugin<NumberingState> {
  const compute = (doc: PMNode): NumberingState => {
    const numbering = numberDocument(doc);
    return { numbering, decorations: decorate(doc, numbering, options.brokenReference) };
  };
  return new Plugin<NumberingState>({
    key: numberingPluginKey,
    state: {
      init: (_, state) => compute(state.doc),
      apply: (tr, value, _old, state) => (tr.docChanged ? compute(state.doc) : value),
    },
    props: {
      decorations: (state) => numberingPluginKey.getState(state)?.decorations,
    },
  });
}

/** The numbering of the document in this state (empty when the plugin is absent). */
export function numberingOf(state: EditorState): Numbering {
  return numberingPluginKey.getState(state)?.numbering ?? numberDocument(state.doc);
}
