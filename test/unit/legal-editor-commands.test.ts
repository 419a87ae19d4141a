import { describe, expect, it } from 'vitest';
import { EditorState, TextSelection, type Command } from 'prosemirror-state';
import { legalSchema } from '../../shared/legal/schema.ts';
import { numberDocument, referenceLabel, type LegalNodeJSON } from '../../shared/legal/numbering.ts';
import { nodeIdPlugin } from '../../web/components/editor/ids.ts';
import { numberingOf, numberingPlugin } from '../../web/components/editor/numbering-plugin.ts';
import {
  findUnit, indentClause, insertArticle, insertArticleBefore, insertChapter, insertClause, insertClauseBefore,
  insertParagraph, insertPoint, insertPointBefore, insertReference, moveUnit, outdentPoint, splitUnit, unitAt,
} from '../../web/components/editor/commands.ts';

const text = (t: string): LegalNodeJSON[] => (t ? [{ type: 'text', text: t }] : []);
const p = (t: string): LegalNodeJSON => ({ type: 'paragraph', content: text(t) });
const heading = (t: string): LegalNodeJSON => ({ type: 'heading', content: text(t) });
const point = (id: string): LegalNodeJSON => ({ type: 'point', attrs: { id }, content: [p(`text ${id}`)] });
const clause = (id: string, points: LegalNodeJSON[] = []): LegalNodeJSON =>
  ({ type: 'clause', attrs: { id }, content: [p(`text ${id}`), ...points] });
const article = (id: string, body: LegalNodeJSON[] = []): LegalNodeJSON =>
  ({ type: 'article', attrs: { id }, content: [heading(`title ${id}`), ...body] });
const chapter = (id: string, articles: LegalNodeJSON[]): LegalNodeJSON =>
  ({ type: 'chapter', attrs: { id }, content: [heading(`name ${id}`), ...articles] });
const doc = (...body: LegalNodeJSON[]): LegalNodeJSON =>
  ({ type: 'doc', content: [{ type: 'title', content: text('QUY CHẾ') }, ...body] });

function stateOf(json: LegalNodeJSON): EditorState {
  return EditorState.create({
    doc: legalSchema.nodeFromJSON(json),
    plugins: [nodeIdPlugin(), numberingPlugin({ brokenReference: '(?)' })],
  });
}

/** Puts the cursor at the end of the text "text <id>" or "title <id>". */
function cursorIn(state: EditorState, needle: string): EditorState {
  let at = -1;
  state.doc.descendants((node, pos) => {
    if (at < 0 && node.isText && node.text === needle) at = pos + node.nodeSize;
    return at < 0;
  });
  if (at < 0) throw new Error(`no text ${needle}`);
  return state.apply(state.tr.setSelection(TextSelection.create(state.doc, at)));
}

function run(state: EditorState, command: Command): EditorState {
  let next = state;
  const ok = command(state, (tr) => { next = state.apply(tr); });
  expect(ok).toBe(true);
  expect(() => next.doc.check()).not.toThrow();
  return next;
}

const numbers = (state: EditorState, kind: string) =>
  numberingOf(state).nodes.filter((n) => n.kind === kind).map((n) => `${n.id.length === 12 ? 'new' : n.id}:${n.number}`);

const sample = doc(
  chapter('c1', [
    article('a1', [clause('k1'), clause('k2', [point('pa'), point('pb')])]),
    article('a2', [clause('k3')]),
  ]),
  chapter('c2', [article('a3', [clause('k4')]), article('a4')]),
);

describe('structural editing commands', () => {
  it('insert an article between 2 and 3: it becomes Điều 3 and everything after renumbers', () => {
    const state = run(cursorIn(stateOf(sample), 'text k3'), insertArticle);
    expect(numbers(state, 'article')).toEqual(['a1:1', 'a2:2', 'new:3', 'a3:4', 'a4:5']);
    expect(unitAt(state.selection.$from)?.kind).toBe('article');
    expect(state.selection.$from.parent.type.name).toBe('heading');
  });

  it('keep a reference pointing at the same unit while its label renumbers', () => {
    let state = run(cursorIn(stateOf(sample), 'text k4'), insertReference('pb'));
    expect(referenceLabel(numberingOf(state), 'pb')).toBe('điểm b khoản 2 Điều 1');
    state = run(cursorIn(state, 'name c1'), insertArticle);
    state = run(cursorIn(state, 'text k1'), insertClause);
    expect(referenceLabel(numberingOf(state), 'pb')).toBe('điểm b khoản 3 Điều 2');
    expect(state.doc.toJSON()).toMatchObject({ type: 'doc' });
    expect(JSON.stringify(state.doc.toJSON())).toContain('"target":"pb"');
  });

  it('insert a chapter after the chapter at the cursor: its name only, no stray empty article; Enter there starts its first article', () => {
    const state = run(cursorIn(stateOf(sample), 'title a2'), insertChapter);
    expect(numbers(state, 'chapter')).toEqual(['c1:I', 'new:II', 'c2:III']);
    expect(numbers(state, 'article')).toEqual(['a1:1', 'a2:2', 'a3:3', 'a4:4']);
    expect(state.doc.child(2).childCount).toBe(1);
    expect(state.selection.$from.parent.type.name).toBe('heading');
    expect(unitAt(state.selection.$from)?.kind).toBe('chapter');
    const withArticle = run(state, insertArticle);
    expect(numbers(withArticle, 'article')).toEqual(['a1:1', 'a2:2', 'new:3', 'a3:4', 'a4:5']);
  });

  it('insert an article, a clause or a point before the one at the cursor: it takes its number', () => {
    let state = run(cursorIn(stateOf(sample), 'text k3'), insertArticleBefore);
    expect(numbers(state, 'article')).toEqual(['a1:1', 'new:2', 'a2:3', 'a3:4', 'a4:5']);
    expect(state.selection.$from.parent.type.name).toBe('heading');
    state = run(cursorIn(state, 'text k2'), insertClauseBefore);
    expect(numbers(state, 'clause').slice(0, 3)).toEqual(['k1:1', 'new:2', 'k2:3']);
    state = run(cursorIn(state, 'text pb'), insertPointBefore);
    expect(numbers(state, 'point')).toEqual(['pa:a', 'new:b', 'pb:c']);
    expect(unitAt(state.selection.$from)?.kind).toBe('point');
    // Outside a unit of that kind there is nothing to insert before.
    expect(insertPointBefore(cursorIn(state, 'text k1'))).toBe(false);
    expect(insertClauseBefore(cursorIn(state, 'title a4'))).toBe(false);
    expect(insertArticleBefore(cursorIn(state, 'QUY CHẾ'))).toBe(false);
  });

  it('gather the articles of a document without chapters into its first chapter', () => {
    const flat = doc(article('a1'), article('a2'));
    const state = run(cursorIn(stateOf(flat), 'QUY CHẾ'), insertChapter);
    expect(state.doc.child(1).type.name).toBe('chapter');
    expect(state.doc.child(1).childCount).toBe(3);
    expect(numbers(state, 'article')).toEqual(['a1:1', 'a2:2']);
  });

  it('insert clauses and points after the one at the cursor', () => {
    let state = run(cursorIn(stateOf(sample), 'text k1'), insertClause);
    expect(numbers(state, 'clause').slice(0, 3)).toEqual(['k1:1', 'new:2', 'k2:3']);
    state = run(cursorIn(state, 'text pa'), insertPoint);
    expect(numbers(state, 'point')).toEqual(['pa:a', 'new:b', 'pb:c']);
  });

  it('insert the first clause of an article from its heading, and the first point of a clause from its text', () => {
    let state = run(cursorIn(stateOf(sample), 'title a4'), insertClause);
    expect(numberDocument(state.doc).byId.get('a4')).toBeDefined();
    expect(findUnit(state.doc, 'a4')?.node.lastChild?.type.name).toBe('clause');
    state = run(cursorIn(state, 'text k3'), insertPoint);
    expect(findUnit(state.doc, 'k3')?.node.childCount).toBe(2);
  });

  it('insert paragraphs where the structure allows them', () => {
    let state = run(cursorIn(stateOf(sample), 'QUY CHẾ'), insertParagraph);
    expect(state.doc.child(1).type.name).toBe('preamble');
    state = run(cursorIn(state, 'title a1'), insertParagraph);
    expect(findUnit(state.doc, 'a1')?.node.child(1).type.name).toBe('paragraph');
    expect(insertParagraph(cursorIn(state, 'name c1'), undefined)).toBe(false);
  });

  it('indent a clause into a point of the clause before it, and outdent it back, keeping its id', () => {
    const outdented = run(cursorIn(stateOf(sample), 'text pb'), outdentPoint);
    expect(numbers(outdented, 'clause').slice(0, 3)).toEqual(['k1:1', 'k2:2', 'pb:3']);
    expect(outdented.selection.$from.parent.textContent).toBe('text pb');
    const back = run(outdented, indentClause);
    expect(numbers(back, 'point')).toEqual(['pa:a', 'pb:b']);
    expect(back.selection.$from.parent.textContent).toBe('text pb');

    const lifted = run(cursorIn(stateOf(sample), 'text pa'), outdentPoint);
    expect(numbers(lifted, 'clause').slice(0, 3)).toEqual(['k1:1', 'k2:2', 'pa:3']);
    expect(findUnit(lifted.doc, 'pa')?.node.lastChild?.attrs.id).toBe('pb');
    expect(indentClause(cursorIn(stateOf(sample), 'text k1'), undefined)).toBe(false);
  });

  it('split a point or a last clause on Enter, giving the new unit its own id', () => {
    const state = run(cursorIn(stateOf(sample), 'text pa'), splitUnit);
    expect(numbers(state, 'point')).toEqual(['pa:a', 'new:b', 'pb:c']);
    const again = run(state, splitUnit);
    expect(numbers(again, 'clause')).toContain('new:3');
    expect(splitUnit(cursorIn(stateOf(sample), 'text k2'), undefined)).toBe(false);
  });

  it('move an article down and back up, keeping its id', () => {
    const down = run(cursorIn(stateOf(sample), 'title a1'), moveUnit(1));
    expect(numbers(down, 'article')).toEqual(['a2:1', 'a1:2', 'a3:3', 'a4:4']);
    expect(unitAt(down.selection.$from)?.node.attrs.id).toBe('a1');
    expect(numbers(run(down, moveUnit(-1)), 'article')).toEqual(['a1:1', 'a2:2', 'a3:3', 'a4:4']);
  });

  it('give a pasted copy a fresh id while the original keeps its own', () => {
    const state = stateOf(sample);
    const a1 = findUnit(state.doc, 'a1')!;
    const next = state.apply(state.tr.insert(a1.pos, a1.node));
    const ids = numberDocument(next.doc).nodes.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(findUnit(next.doc, 'a1')!.pos).toBe(a1.pos + a1.node.nodeSize);
  });
});
