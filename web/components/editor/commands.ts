/**
 * Editing commands of a legal document. They need no DOM (tests run them on an EditorState in
 * Node). Each one answers false, without dispatching, where it does not apply, so the toolbar can
 * ask `command(state)` to grey a button out.
 */
import { Selection, TextSelection, type Command, type EditorState, type Transaction } from 'prosemirror-state';
import { Fragment, type Node as PMNode, type NodeType, type ResolvedPos } from 'prosemirror-model';
import { createNodeId, isStructuralKind, legalSchema, type StructuralKind } from '../../../shared/legal/schema.ts';

const { nodes } = legalSchema;

interface Located {
  node: PMNode;
  /** Position just before the node. */
  pos: number;
  depth: number;
}

export function ancestor($pos: ResolvedPos, type: NodeType): Located | null {
  for (let depth = $pos.depth; depth > 0; depth--) {
    if ($pos.node(depth).type === type) return { node: $pos.node(depth), pos: $pos.before(depth), depth };
  }
  return null;
}

/** The innermost chapter, article, clause or point around a position. */
export function unitAt($pos: ResolvedPos): (Located & { kind: StructuralKind }) | null {
  for (let depth = $pos.depth; depth > 0; depth--) {
    const node = $pos.node(depth);
    const kind = node.type.name;
    if (isStructuralKind(kind)) return { node, pos: $pos.before(depth), depth, kind };
  }
  return null;
}

/** Where the structural node with this id is, if it still exists. */
export function findUnit(doc: PMNode, id: string): { node: PMNode; pos: number } | null {
  let found: { node: PMNode; pos: number } | null = null;
  doc.descendants((node, pos) => {
    if (found) return false;
    if (isStructuralKind(node.type.name) && node.attrs.id === id) found = { node, pos };
    return !node.isTextblock;
  });
  return found;
}

const newHeading = () => nodes.heading.create();
const newParagraph = () => nodes.paragraph.create();
const newPoint = () => nodes.point.create({ id: createNodeId() }, newParagraph());
const newClause = () => nodes.clause.create({ id: createNodeId() }, newParagraph());
const newArticle = () => nodes.article.create({ id: createNodeId() }, newHeading());

export function canInsert(doc: PMNode, pos: number, type: NodeType): boolean {
  const $pos = doc.resolve(pos);
  return $pos.parent.canReplaceWith($pos.index(), $pos.index(), type);
}

/** Inserts the node at `pos` and puts the cursor in its first text block. */
function insertAt(state: EditorState, dispatch: ((tr: Transaction) => void) | undefined, pos: number, node: PMNode): boolean {
  if (!canInsert(state.doc, pos, node.type)) return false;
  if (dispatch) {
    const tr = state.tr.insert(pos, node);
    dispatch(tr.setSelection(Selection.near(tr.doc.resolve(pos + 1))).scrollIntoView());
  }
  return true;
}

/** Position after the title and the preamble: where the body of the document starts. */
export function bodyStart(doc: PMNode): { pos: number; index: number } {
  let pos = 0;
  let index = 0;
  while (index < doc.childCount && (doc.child(index).type === nodes.title || doc.child(index).type === nodes.preamble)) {
    pos += doc.child(index).nodeSize;
    index++;
  }
  return { pos, index };
}

/** Position after a node's leading children of the given types (a heading, intro paragraphs). */
export function afterLeading(unit: Located, leading: NodeType[]): number {
  let pos = unit.pos + 1;
  for (let i = 0; i < unit.node.childCount && leading.includes(unit.node.child(i).type); i++) {
    pos += unit.node.child(i).nodeSize;
  }
  return pos;
}

/**
 * A new chapter (its name only) after the chapter at the cursor. Outside any chapter, the new chapter gathers the
 * article at the cursor (or the first one) and the articles after it that are not yet in a chapter:
 * that is how a document without chapters gets its first one.
 */
export const insertChapter: Command = (state, dispatch) => {
  const { $from } = state.selection;
  const chapter = ancestor($from, nodes.chapter);
  // No empty article comes with it: Enter in the chapter's name starts its first article.
  const withArticle = (articles: PMNode[]) => nodes.chapter.create({ id: createNodeId() }, [newHeading(), ...articles]);
  if (chapter) return insertAt(state, dispatch, chapter.pos + chapter.node.nodeSize, withArticle([]));

  const { doc } = state;
  const article = ancestor($from, nodes.article);
  let { pos: from, index: start } = bodyStart(doc);
  if (article) { from = article.pos; start = $from.index(0); }
  const gathered: PMNode[] = [];
  let to = from;
  for (let i = start; i < doc.childCount && doc.child(i).type === nodes.article; i++) {
    gathered.push(doc.child(i));
    to += doc.child(i).nodeSize;
  }
  if (!doc.canReplaceWith(start, start + gathered.length, nodes.chapter)) return false;
  if (dispatch) {
    const tr = state.tr.replaceWith(from, to, withArticle(gathered));
    dispatch(tr.setSelection(TextSelection.create(tr.doc, from + 2)).scrollIntoView());
  }
  return true;
};

/** A new article after the article at the cursor; from a chapter heading, its first article. */
export const insertArticle: Command = (state, dispatch) => {
  const { $from } = state.selection;
  const article = ancestor($from, nodes.article);
  if (article) return insertAt(state, dispatch, article.pos + article.node.nodeSize, newArticle());
  const chapter = ancestor($from, nodes.chapter);
  if (chapter) return insertAt(state, dispatch, afterLeading(chapter, [nodes.heading]), newArticle());
  // From the title or the preamble: the first article of the document.
  const body = bodyStart(state.doc);
  const first = body.index < state.doc.childCount ? state.doc.child(body.index) : null;
  const pos = first?.type === nodes.chapter ? body.pos + 1 + first.child(0).nodeSize : body.pos;
  return insertAt(state, dispatch, pos, newArticle());
};

/** A new clause after the clause at the cursor; from an article's heading or intro, its first clause. */
export const insertClause: Command = (state, dispatch) => {
  const { $from } = state.selection;
  const clause = ancestor($from, nodes.clause);
  if (clause) return insertAt(state, dispatch, clause.pos + clause.node.nodeSize, newClause());
  const article = ancestor($from, nodes.article);
  if (!article) return false;
  return insertAt(state, dispatch, afterLeading(article, [nodes.heading, nodes.paragraph]), newClause());
};

/** A new point after the point at the cursor; from a clause's text, its first point. */
export const insertPoint: Command = (state, dispatch) => {
  const { $from } = state.selection;
  const point = ancestor($from, nodes.point);
  if (point) return insertAt(state, dispatch, point.pos + point.node.nodeSize, newPoint());
  const clause = ancestor($from, nodes.clause);
  if (!clause) return false;
  return insertAt(state, dispatch, afterLeading(clause, [nodes.paragraph]), newPoint());
};

/**
 * A new article, clause or point just before the one at the cursor (it takes the current number and
 * the current one and those after it move up by one). Answers false outside a unit of that kind.
 */
export function insertBefore(kind: 'article' | 'clause' | 'point'): Command {
  const make = { article: newArticle, clause: newClause, point: newPoint }[kind];
  return (state, dispatch) => {
    const unit = ancestor(state.selection.$from, nodes[kind]);
    if (!unit) return false;
    return insertAt(state, dispatch, unit.pos, make());
  };
}
export const insertArticleBefore = insertBefore('article');
export const insertClauseBefore = insertBefore('clause');
export const insertPointBefore = insertBefore('point');

/**
 * An unnumbered paragraph after the text block at the cursor, in the same unit. From the title it
 * goes to the preamble ("Căn cứ …"), which is created when missing.
 */
export const insertParagraph: Command = (state, dispatch) => {
  const { $from } = state.selection;
  if (!$from.parent.isTextblock || $from.depth < 1) return false;
  if ($from.parent.type === nodes.title) {
    const after = $from.after(1);
    const next = state.doc.childAfter(after).node;
    if (next?.type === nodes.preamble) return insertAt(state, dispatch, after + 1, newParagraph());
    return insertAt(state, dispatch, after, nodes.preamble.create(null, newParagraph()));
  }
  return insertAt(state, dispatch, $from.after(), newParagraph());
};

/** Moves the selection by `shift` when it lies within [from, to). */
function shiftSelection(tr: Transaction, state: EditorState, from: number, to: number, shift: number): Transaction {
  const { anchor, head } = state.selection;
  if (Math.min(anchor, head) < from || Math.max(anchor, head) > to) return tr;
  return tr.setSelection(TextSelection.create(tr.doc, anchor + shift, head + shift));
}

/** Tab: a clause without points becomes the last point of the clause before it, keeping its id. */
export const indentClause: Command = (state, dispatch) => {
  const { $from, $to } = state.selection;
  const unit = unitAt($from);
  if (unit?.kind !== 'clause' || $to.pos > unit.pos + unit.node.nodeSize) return false;
  if (unit.node.lastChild?.type === nodes.point) return false; // points do not nest
  const index = $from.index(unit.depth - 1);
  const prev = index > 0 ? $from.node(unit.depth - 1).child(index - 1) : null;
  if (prev?.type !== nodes.clause) return false;
  if (dispatch) {
    const prevPos = unit.pos - prev.nodeSize;
    const point = nodes.point.create({ id: unit.node.attrs.id }, unit.node.content);
    const tr = state.tr.replaceWith(prevPos, unit.pos + unit.node.nodeSize, prev.copy(prev.content.addToEnd(point)));
    // The text now opens at the clause's old position instead of one after it.
    dispatch(shiftSelection(tr, state, unit.pos, unit.pos + unit.node.nodeSize, -1).scrollIntoView());
  }
  return true;
};

/**
 * Shift-Tab: a point becomes a clause after its clause, keeping its id; the points after it come
 * along as its own points, so the text keeps its order.
 */
export const outdentPoint: Command = (state, dispatch) => {
  const { $from, $to } = state.selection;
  const unit = unitAt($from);
  if (unit?.kind !== 'point' || $to.pos > unit.pos + unit.node.nodeSize) return false;
  const clause = { node: $from.node(unit.depth - 1), pos: $from.before(unit.depth - 1) };
  const index = $from.index(unit.depth - 1);
  const siblings = clause.node.children;
  const kept = clause.node.copy(Fragment.fromArray(siblings.slice(0, index)));
  const lifted = nodes.clause.create({ id: unit.node.attrs.id }, unit.node.content.append(Fragment.fromArray(siblings.slice(index + 1))));
  if (dispatch) {
    const tr = state.tr.replaceWith(clause.pos, clause.pos + clause.node.nodeSize, [kept, lifted]);
    const shift = clause.pos + kept.nodeSize - unit.pos;
    dispatch(shiftSelection(tr, state, unit.pos, unit.pos + unit.node.nodeSize, shift).scrollIntoView());
  }
  return true;
};

/**
 * Enter in a point, or in the last paragraph of a clause without points, splits the unit: the text
 * after the cursor starts the next point or clause, as in a list. Enter in an empty point lifts it
 * to a clause. Elsewhere it answers false so that the ordinary paragraph split applies.
 */
export const splitUnit: Command = (state, dispatch) => {
  const { $from, $to } = state.selection;
  if (!$from.sameParent($to) || $from.parent.type !== nodes.paragraph || $from.depth < 2) return false;
  const unit = $from.node(-1);
  if (unit.type === nodes.point) {
    if (unit.childCount === 1 && unit.textContent === '') return outdentPoint(state, dispatch);
  } else if (unit.type !== nodes.clause || $from.index(-1) !== unit.childCount - 1) {
    return false;
  }
  if (dispatch) {
    const tr = state.tr.delete($from.pos, $to.pos);
    tr.split($from.pos, 2, [{ type: unit.type, attrs: { id: createNodeId() } }, { type: nodes.paragraph }]);
    dispatch(tr.scrollIntoView());
  }
  return true;
};

/** Alt-↑ / Alt-↓: swaps the unit at the cursor with its previous or next sibling of the same kind. */
export function moveUnit(direction: -1 | 1): Command {
  return (state, dispatch) => {
    const unit = unitAt(state.selection.$from);
    if (!unit) return false;
    const $unit = state.doc.resolve(unit.pos);
    const index = $unit.index() + direction;
    const sibling = index >= 0 && index < $unit.parent.childCount ? $unit.parent.child(index) : null;
    if (sibling?.type !== unit.node.type) return false;
    if (dispatch) {
      const end = unit.pos + unit.node.nodeSize;
      const tr = direction < 0
        ? state.tr.replaceWith(unit.pos - sibling.nodeSize, end, [unit.node, sibling])
        : state.tr.replaceWith(unit.pos, end + sibling.nodeSize, [sibling, unit.node]);
      const shift = direction < 0 ? -sibling.nodeSize : sibling.nodeSize;
      dispatch(shiftSelection(tr, state, unit.pos, end, shift).scrollIntoView());
    }
    return true;
  };
}

/** Inserts a cross-reference to the chapter, article, clause or point with this id at the cursor. */
export function insertReference(targetId: string): Command {
  return (state, dispatch) => {
    const { $from } = state.selection;
    if (!$from.parent.inlineContent || !canInsert(state.doc, $from.pos, nodes.reference)) return false;
    if (dispatch) dispatch(state.tr.replaceSelectionWith(nodes.reference.create({ target: targetId }), false).scrollIntoView());
    return true;
  };
}
