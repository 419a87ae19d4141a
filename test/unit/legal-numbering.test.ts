import { describe, expect, it } from 'vitest';
import {
  displayLabel, numberDocument, pointLetter, referenceLabel, toRoman, type LegalNodeJSON,
} from '../../shared/legal/numbering.ts';
import { legalSchema } from '../../shared/legal/schema.ts';

const text = (t: string): LegalNodeJSON[] => (t ? [{ type: 'text', text: t }] : []);
const p = (t: string): LegalNodeJSON => ({ type: 'paragraph', content: text(t) });
const heading = (t: string): LegalNodeJSON => ({ type: 'heading', content: text(t) });
const point = (id: string, t = id): LegalNodeJSON => ({ type: 'point', attrs: { id }, content: [p(t)] });
const clause = (id: string, points: LegalNodeJSON[] = []): LegalNodeJSON =>
  ({ type: 'clause', attrs: { id }, content: [p(id), ...points] });
const article = (id: string, clauses: LegalNodeJSON[] = []): LegalNodeJSON =>
  ({ type: 'article', attrs: { id }, content: [heading(`Tiêu đề ${id}`), ...clauses] });
const chapter = (id: string, articles: LegalNodeJSON[]): LegalNodeJSON =>
  ({ type: 'chapter', attrs: { id }, content: [heading(`Chương ${id}`), ...articles] });
const doc = (...body: LegalNodeJSON[]): LegalNodeJSON =>
  ({ type: 'doc', content: [{ type: 'title', content: text('QUY CHẾ') }, ...body] });

const numberOf = (d: LegalNodeJSON, id: string) => numberDocument(d).byId.get(id)?.number;

describe('Roman numerals', () => {
  it('writes chapter numbers the classical way', () => {
    expect([1, 2, 3, 4, 5, 9, 10, 14, 40, 90, 1994].map(toRoman))
      .toEqual(['I', 'II', 'III', 'IV', 'V', 'IX', 'X', 'XIV', 'XL', 'XC', 'MCMXCIV']);
  });
  it('falls back to Arabic outside 1–3999', () => {
    expect(toRoman(0)).toBe('0');
    expect(toRoman(4000)).toBe('4000');
  });
});

describe('point letters', () => {
  it('include đ and skip f, j, w and z', () => {
    const letters = Array.from({ length: 23 }, (_, i) => pointLetter(i + 1));
    expect(letters.join(' ')).toBe('a b c d đ e g h i k l m n o p q r s t u v x y');
    for (const absent of ['f', 'j', 'w', 'z']) expect(letters).not.toContain(absent);
  });
  it('double the letters past y', () => {
    expect([24, 25, 28, 46, 47].map(pointLetter)).toEqual(['aa', 'bb', 'đđ', 'yy', 'aaa']);
  });
});

describe('numbering a document', () => {
  const base = doc(
    chapter('c1', [article('a1', [clause('k1'), clause('k2', [point('p1'), point('p2')])]), article('a2')]),
    chapter('c2', [article('a3', [clause('k3')])]),
  );

  it('numbers chapters in Roman, articles continuously across chapters, clauses and points locally', () => {
    const n = numberDocument(base);
    expect(n.nodes.map((x) => `${x.id}:${x.number}`)).toEqual(
      ['c1:I', 'a1:1', 'k1:1', 'k2:2', 'p1:a', 'p2:b', 'a2:2', 'c2:II', 'a3:3', 'k3:1'],
    );
    expect(n.byId.get('p2')).toMatchObject({ chapterId: 'c1', articleId: 'a1', clauseId: 'k2' });
    expect(displayLabel(n.byId.get('c2')!)).toBe('Chương II');
    expect(displayLabel(n.byId.get('a3')!)).toBe('Điều 3.');
    expect(displayLabel(n.byId.get('k3')!)).toBe('1.');
    expect(displayLabel(n.byId.get('p1')!)).toBe('a)');
  });

  it('renumbers everything after an article inserted between 2 and 3', () => {
    const inserted = doc(
      chapter('c1', [article('a1'), article('a2'), article('new', [clause('kn')])]),
      chapter('c2', [article('a3', [clause('k3')])]),
    );
    expect(numberOf(inserted, 'new')).toBe('3');
    expect(numberOf(inserted, 'a3')).toBe('4');
    expect(numberOf(inserted, 'k3')).toBe('1');
  });

  it('gives the same numbers from a ProseMirror node as from its JSON', () => {
    const node = legalSchema.nodeFromJSON(base);
    expect(numberDocument(node).nodes).toEqual(numberDocument(base).nodes);
    expect(numberDocument(node).byId.get('a1')?.text).toBe('Tiêu đề a1');
  });

  it('counts a node without an id so that its siblings keep their numbers', () => {
    const d = doc(article('a1'), { type: 'article', content: [heading('')] }, article('a3'));
    expect(numberOf(d, 'a3')).toBe('3');
  });

  it('numbers articles of a document without chapters', () => {
    expect(numberOf(doc(article('a1'), article('a2')), 'a2')).toBe('2');
  });
});

describe('reference labels', () => {
  const before = doc(
    chapter('c1', [article('a1'), article('a2', [clause('k1'), clause('k2', [point('pa'), point('pb')])])]),
    chapter('c2', [article('a3')]),
  );

  it('go from the smallest unit up, lower case but Điều, without the chapter', () => {
    const n = numberDocument(before);
    expect(referenceLabel(n, 'pb')).toBe('điểm b khoản 2 Điều 2');
    expect(referenceLabel(n, 'k1')).toBe('khoản 1 Điều 2');
    expect(referenceLabel(n, 'a3')).toBe('Điều 3');
    expect(referenceLabel(n, 'c2')).toBe('Chương II');
  });

  it('follow renumbering', () => {
    const after = doc(
      chapter('c1', [article('a0'), article('a1'), article('a2', [clause('k0'), clause('k1'), clause('k2', [point('pz'), point('pa'), point('pb')])])]),
      chapter('c2', [article('a3')]),
    );
    const n = numberDocument(after);
    expect(referenceLabel(n, 'pb')).toBe('điểm c khoản 3 Điều 3');
    expect(referenceLabel(n, 'a3')).toBe('Điều 4');
  });

  it('say "Điều này" inside the same article', () => {
    const n = numberDocument(before);
    expect(referenceLabel(n, 'pa', 'a2')).toBe('điểm a khoản 2 Điều này');
    expect(referenceLabel(n, 'a2', 'a2')).toBe('Điều 2');
    expect(referenceLabel(n, 'pa', 'a1')).toBe('điểm a khoản 2 Điều 2');
  });

  it('are null when the target is gone', () => {
    expect(referenceLabel(numberDocument(before), 'missing')).toBeNull();
  });
});
