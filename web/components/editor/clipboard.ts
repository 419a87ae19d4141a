/**
 * Copy and paste that keep the numbers. Copying puts the numbers in as text ("Chương I", "Điều 5.
 * Tên", "1.", "a)") and cross-references as the words they show, in text/plain and text/html, so
 * that Word, mail or a chat reads the text as printed. Pasting rebuilds structure: from this editor
 * (its HTML carries the units; the numbers it added are marked and dropped) or from Word, a web page
 * or plain text (lines read by shared/legal-recogniser.ts). Each pasted chapter, article, clause or
 * point goes where its kind belongs at the cursor, and numbers itself there.
 */
import { DOMSerializer, Fragment, type Node as PMNode, type NodeType, type Slice } from 'prosemirror-model';
import { Selection, type EditorState, type Transaction } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { displayLabel, referenceLabel, type Numbering } from '../../../shared/legal/numbering.ts';
import { isStructuralKind, legalSchema } from '../../../shared/legal/schema.ts';
import { unitsFromLines } from '../../../shared/legal-recogniser.ts';
import { afterLeading, ancestor, bodyStart, canInsert } from './commands.ts';
import { numberingOf } from './numbering-plugin.ts';

const { nodes } = legalSchema;

/** Marks the numbers copying adds, so that a paste back into the editor drops them. */
const NUMBER_ATTR = 'data-legal-number';

// ---------------------------------------------------------------------------------------------
// Copy

function inlineText(block: PMNode, numbering: Numbering, articleId: string | null): string {
  let out = '';
  block.forEach((child) => {
    if (child.isText) out += child.text;
    else if (child.type === nodes.reference) out += referenceLabel(numbering, child.attrs.target as string, articleId) ?? '';
  });
  return out;
}

/** The copied slice as lines of text, each unit's first line opened by its number. */
export function sliceText(slice: Slice, numbering: Numbering): string {
  const lines: string[] = [];
  const walk = (fragment: Fragment, articleId: string | null) => {
    fragment.forEach((node) => {
      if (node.isTextblock) { lines.push(inlineText(node, numbering, articleId)); return; }
      if (!isStructuralKind(node.type.name)) { walk(node.content, articleId); return; }
      const numbered = numbering.byId.get(node.attrs.id as string);
      const inner = node.type === nodes.article ? (numbered?.id ?? articleId) : articleId;
      const start = lines.length;
      walk(node.content, inner);
      if (!numbered || lines.length === start) return;
      const label = displayLabel(numbered);
      // "Chương I" on its own line, its name on the next, as drafters write it.
      if (node.type === nodes.chapter) lines.splice(start, 0, label);
      else lines[start] = lines[start] ? `${label} ${lines[start]}` : label;
    });
  };
  walk(slice.content, null);
  return lines.join('\n');
}

/** Adds the numbers and the references' words to the HTML the editor's own serializer wrote. */
function numberCopiedDom(root: ParentNode, numbering: Numbering): void {
  for (const section of Array.from(root.querySelectorAll<HTMLElement>('section[data-kind][data-id]'))) {
    const numbered = numbering.byId.get(section.dataset.id ?? '');
    const first = section.firstElementChild;
    if (!numbered || !first) continue;
    const label = section.ownerDocument.createElement('span');
    label.setAttribute(NUMBER_ATTR, '');
    label.textContent = `${displayLabel(numbered)}${numbered.kind === 'chapter' ? '. ' : ' '}`;
    first.prepend(label);
  }
  for (const span of Array.from(root.querySelectorAll<HTMLElement>('span.legal-reference[data-target]'))) {
    const article = span.closest<HTMLElement>('section[data-kind="article"]')?.dataset.id ?? null;
    span.textContent = referenceLabel(numbering, span.dataset.target ?? '', article) ?? '';
  }
}

/** The schema's serializer, with the numbers added once the whole slice is written. */
class NumberedSerializer extends DOMSerializer {
  private depth = 0;
  constructor(private readonly numbering: () => Numbering) {
    const base = DOMSerializer.fromSchema(legalSchema);
    super(base.nodes, base.marks);
  }
  override serializeFragment(fragment: Fragment, options: { document?: Document } = {}, target?: HTMLElement | DocumentFragment): HTMLElement | DocumentFragment {
    this.depth++;
    try {
      const out = super.serializeFragment(fragment, options, target);
      if (this.depth === 1) numberCopiedDom(out, this.numbering());
      return out;
    } finally {
      this.depth--;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Paste

/** The lines of pasted HTML (Word's included): one per paragraph, heading, list item or cell line. */
export function htmlLines(html: string): string[] {
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  const lines: string[] = [];
  let current = '';
  const flush = () => { if (current.trim()) lines.push(current); current = ''; };
  const BLOCK = /^(P|DIV|H[1-6]|LI|TD|TH|TR|SECTION|ARTICLE|BLOCKQUOTE|PRE|UL|OL|TABLE|DD|DT)$/;
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) { current += node.textContent ?? ''; return; }
    if (!(node instanceof Element)) return;
    if (node.tagName === 'BR') { flush(); return; }
    if (node.tagName === 'STYLE' || node.tagName === 'SCRIPT') return;
    const block = BLOCK.test(node.tagName);
    if (block) flush();
    node.childNodes.forEach(walk);
    if (block) flush();
  };
  walk(body);
  flush();
  return lines;
}

/** Where a pasted node of this type goes for a cursor at `pos`: after the unit of its kind there. */
function placeFor(doc: PMNode, pos: number, type: NodeType): number | null {
  const $pos = doc.resolve(pos);
  let at: number | null = null;
  if (type === nodes.article) {
    const article = ancestor($pos, nodes.article);
    const chapter = ancestor($pos, nodes.chapter);
    if (article) at = article.pos + article.node.nodeSize;
    else if (chapter) at = afterLeading(chapter, [nodes.heading]);
    else at = bodyStart(doc).pos;
  } else if (type === nodes.chapter) {
    const chapter = ancestor($pos, nodes.chapter);
    if (chapter) at = chapter.pos + chapter.node.nodeSize;
    else {
      // After the articles that are in no chapter: chapters come after them.
      let end = 0;
      let index = 0;
      while (index < doc.childCount && doc.child(index).type !== nodes.chapter) end += doc.child(index++).nodeSize;
      at = end;
    }
  } else if (type === nodes.clause) {
    const clause = ancestor($pos, nodes.clause);
    const article = ancestor($pos, nodes.article);
    if (clause) at = clause.pos + clause.node.nodeSize;
    else if (article) at = afterLeading(article, [nodes.heading, nodes.paragraph]);
  } else if (type === nodes.point) {
    const point = ancestor($pos, nodes.point);
    const clause = ancestor($pos, nodes.clause);
    if (point) at = point.pos + point.node.nodeSize;
    else if (clause) at = afterLeading(clause, [nodes.paragraph]);
  } else if (type === nodes.paragraph && $pos.parent.isTextblock && $pos.depth > 0) {
    at = $pos.after();
  }
  return at !== null && canInsert(doc, at, type) ? at : null;
}

/** A node as something placeable: headings and titles become paragraphs with the same text. */
function placeable(node: PMNode): PMNode {
  if (node.isTextblock && node.type !== nodes.paragraph) return nodes.paragraph.create(null, node.content);
  return node;
}

/**
 * Inserts the units one after another, each where its kind belongs; null (nothing changed) when one
 * of them has no place at the cursor, so that the ordinary paste applies and no text is lost.
 */
export function placeUnits(state: EditorState, units: readonly PMNode[]): Transaction | null {
  const tr = state.tr;
  if (!state.selection.empty) tr.deleteSelection();
  let pos = tr.selection.from;
  for (const raw of units) {
    const node = placeable(raw);
    const at = placeFor(tr.doc, pos, node.type);
    if (at === null) return null;
    tr.insert(at, node);
    pos = Selection.near(tr.doc.resolve(at + node.nodeSize), -1).from;
  }
  return tr.setSelection(Selection.near(tr.doc.resolve(pos), -1)).scrollIntoView();
}

/** The top nodes of a slice copied from this editor, when it holds any structure. */
function ownUnits(slice: Slice): PMNode[] | null {
  let structural = false;
  slice.content.descendants((node) => { if (isStructuralKind(node.type.name)) structural = true; return !structural; });
  if (!structural) return null;
  // Unwrap the units the selection was inside of (a copy of two clauses arrives inside its article).
  let content = slice.content;
  let open = Math.min(slice.openStart, slice.openEnd);
  while (open > 0 && content.childCount === 1 && !content.firstChild!.isTextblock) { content = content.firstChild!.content; open--; }
  const units: PMNode[] = [];
  content.forEach((node) => {
    // Pieces open at the edges of the selection are closed whole: a clause keeps its first paragraph.
    units.push(node.type.validContent(node.content) ? node : node.type.createAndFill(node.attrs, node.content) ?? node);
  });
  return units;
}

export function handleStructuredPaste(view: EditorView, event: ClipboardEvent, slice: Slice): boolean {
  const html = event.clipboardData?.getData('text/html') ?? '';
  const text = event.clipboardData?.getData('text/plain') ?? '';
  let units: PMNode[] | null;
  if (/data-kind="(chapter|article|clause|point)"/.test(html)) units = ownUnits(slice);
  else {
    const lines = html ? htmlLines(html) : text.split(/\r?\n/);
    units = unitsFromLines(lines)?.map((json) => legalSchema.nodeFromJSON(json)) ?? null;
  }
  if (!units || units.length === 0) return false;
  const tr = placeUnits(view.state, units);
  if (!tr) return false;
  view.dispatch(tr.setMeta('paste', true).setMeta('uiEvent', 'paste'));
  return true;
}

/**
 * A selection that starts where a unit starts (or ends where it ends) copies the unit itself, so
 * that its number comes along: selecting an article's text from its name copies "Điều 5. …".
 */
export function widenCopied(state: EditorState, slice: Slice): Slice {
  const { from, to, empty } = state.selection;
  if (empty) return slice;
  let start = state.doc.resolve(from);
  let end = state.doc.resolve(to);
  let a = from;
  let b = to;
  while (start.depth > 0 && start.pos === start.start()) { a = start.before(); start = state.doc.resolve(a); }
  // Not past the level the start reached: a unit whose start is not copied gets no number.
  while (end.depth > start.depth && end.pos === end.end()) { b = end.after(); end = state.doc.resolve(b); }
  if (a === from && b === to) return slice;
  return state.doc.slice(a, b);
}

/** The editor props for copy and paste. */
export function clipboardProps(numbering: () => Numbering) {
  const serializer = new NumberedSerializer(numbering);
  return {
    clipboardSerializer: serializer,
    transformCopied: (slice: Slice, view: EditorView) => widenCopied(view.state, slice),
    clipboardTextSerializer: (slice: Slice, view: EditorView) => sliceText(slice, numberingOf(view.state)),
    // The numbers this editor added when copying: the pasted units number themselves.
    transformPastedHTML: (html: string) => html.includes(NUMBER_ATTR)
      ? html.replace(new RegExp(`<span ${NUMBER_ATTR}(="")?>[^<]*</span>`, 'g'), '')
      : html,
  };
}
