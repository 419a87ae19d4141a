import { describe, expect, it } from 'vitest';
import { recogniseLine, unitsFromLines } from '../../shared/legal-recogniser.ts';
import { legalSchema } from '../../shared/legal/schema.ts';
import type { LegalNodeJSON } from '../../shared/legal/numbering.ts';

/** kind(text) of each node, nested in brackets: a readable shape of the tree. */
function shape(nodes: LegalNodeJSON[]): string {
  const textOf = (n: LegalNodeJSON): string => n.text ?? (n.content ?? []).map(textOf).join('');
  return nodes.map((n) => {
    if (n.type === 'paragraph' || n.type === 'heading') return `${n.type === 'heading' ? 'h' : 'p'}:${textOf(n)}`;
    return `${n.type}[${shape(n.content ?? [])}]`;
  }).join(' ');
}

describe('one line read as a legal unit', () => {
  it('reads chapters, articles, clauses and points with their typed numbers', () => {
    expect(recogniseLine('Chương II')).toEqual({ kind: 'chapter', label: 'II', text: '' });
    expect(recogniseLine('Chương III. TRÁCH NHIỆM')).toEqual({ kind: 'chapter', label: 'III', text: 'TRÁCH NHIỆM' });
    expect(recogniseLine('Điều 5. Trách nhiệm của Tòa án')).toEqual({ kind: 'article', label: '5', text: 'Trách nhiệm của Tòa án' });
    expect(recogniseLine('ĐIỀU 12')).toEqual({ kind: 'article', label: '12', text: '' });
    expect(recogniseLine('1. Gửi bản án')).toEqual({ kind: 'clause', label: '1', text: 'Gửi bản án' });
    expect(recogniseLine('đ) Phối hợp xác minh')).toEqual({ kind: 'point', label: 'đ', text: 'Phối hợp xác minh' });
    expect(recogniseLine('2.500.000 đồng là mức phạt')).toEqual({ kind: 'paragraph', label: '', text: '2.500.000 đồng là mức phạt' });
    expect(recogniseLine('f) không phải chữ cái điểm').kind).toBe('paragraph');
    expect(recogniseLine('Điều này áp dụng').kind).toBe('paragraph');
  });
});

describe('pasted lines rebuilt as structure', () => {
  const valid = (nodes: LegalNodeJSON[]) => {
    // Top-level nodes are placed by the editor; each must be a valid node on its own.
    for (const n of nodes) legalSchema.nodeFromJSON(n).check();
  };

  it('an article with clauses and points (as copied from Word or from this editor)', () => {
    const nodes = unitsFromLines(['Điều 2. Trách nhiệm', '1. Gửi bản án', 'a) trong 3 ngày;', 'b) đúng địa chỉ.', '2. Xác minh', 'Nội dung thêm của khoản 2.'])!;
    valid(nodes);
    expect(shape(nodes)).toBe('article[h:Trách nhiệm clause[p:Gửi bản án point[p:trong 3 ngày;] point[p:đúng địa chỉ.]] clause[p:Xác minh p:Nội dung thêm của khoản 2.]]');
  });

  it('chapters with the name on the next line, and articles inside them', () => {
    const nodes = unitsFromLines(['Chương I', 'NHỮNG QUY ĐỊNH CHUNG', 'Điều 1. Phạm vi', 'Quy chế này quy định…', 'Chương II. TRÁCH NHIỆM', 'Điều 2. Của THADS'])!;
    valid(nodes);
    expect(shape(nodes)).toBe('chapter[h:NHỮNG QUY ĐỊNH CHUNG article[h:Phạm vi p:Quy chế này quy định…]] chapter[h:TRÁCH NHIỆM article[h:Của THADS]]');
  });

  it('clauses or points alone stay at their level, for the editor to place in the current article or clause', () => {
    const clauses = unitsFromLines(['3. Khoản mới', 'a) điểm của nó', '4. Khoản nữa'])!;
    valid(clauses);
    expect(shape(clauses)).toBe('clause[p:Khoản mới point[p:điểm của nó]] clause[p:Khoản nữa]');
    const points = unitsFromLines(['c) điểm c', 'd) điểm d'])!;
    expect(shape(points)).toBe('point[p:điểm c] point[p:điểm d]');
  });

  it('text before the first unit stays paragraphs; blank lines and doubled spaces go', () => {
    const nodes = unitsFromLines(['Lời dẫn', '', 'Điều 7.  Hiệu   lực', ''])!;
    expect(shape(nodes)).toBe('p:Lời dẫn article[h:Hiệu lực]');
  });

  it('ordinary text is not structure: the editor pastes it as it is', () => {
    expect(unitsFromLines(['Một đoạn văn.', 'Đoạn nữa, số 2.500.000 đồng.'])).toBeNull();
  });
});
