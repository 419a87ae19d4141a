import { describe, expect, it } from 'vitest';
import { textBlocks } from '../../shared/legal/blocks.ts';
import { compareVersions, type ComparedBlock } from '../../shared/legal/compare.ts';
import type { LegalNodeJSON } from '../../shared/legal/numbering.ts';
import { legalSchema } from '../../shared/legal/schema.ts';

/** Inline content; `[[id]]` is a reference to the node with that id. */
const inline = (t: string): LegalNodeJSON[] => t.split(/\[\[([\w-]+)\]\]/).flatMap((part, i): LegalNodeJSON[] => {
  if (i % 2 === 1) return [{ type: 'reference', attrs: { target: part } }];
  return part ? [{ type: 'text', text: part }] : [];
});
const p = (t: string): LegalNodeJSON => ({ type: 'paragraph', content: inline(t) });
const heading = (t: string): LegalNodeJSON => ({ type: 'heading', content: inline(t) });
const point = (id: string, t: string): LegalNodeJSON => ({ type: 'point', attrs: { id }, content: [p(t)] });
const clause = (id: string, t: string, points: LegalNodeJSON[] = []): LegalNodeJSON =>
  ({ type: 'clause', attrs: { id }, content: [p(t), ...points] });
const article = (id: string, title: string, body: LegalNodeJSON[] = []): LegalNodeJSON =>
  ({ type: 'article', attrs: { id }, content: [heading(title), ...body] });
const chapter = (id: string, title: string, articles: LegalNodeJSON[]): LegalNodeJSON =>
  ({ type: 'chapter', attrs: { id }, content: [heading(title), ...articles] });
const doc = (...body: LegalNodeJSON[]): LegalNodeJSON =>
  ({ type: 'doc', content: [{ type: 'title', content: inline('QUY CHẾ PHỐI HỢP') }, ...body] });

/**
 * A small quy chế: two chapters, five articles, clauses with points, and references across
 * articles and within one. Every option changes one thing of the same text.
 */
function regulation(options: { explainDays?: string; insertArticle?: boolean; withoutPoint?: string } = {}): LegalNodeJSON {
  const points = [
    point('p-a', 'Giải thích rõ nội dung bản án;'),
    point('p-b', 'Nêu rõ việc đính chính nếu có sai sót;'),
    point('p-c', 'Gửi đồng thời cho Viện kiểm sát.'),
  ].filter((node) => node.attrs?.id !== options.withoutPoint);
  return doc(
    { type: 'preamble', content: [p('Căn cứ Luật Thi hành án dân sự;')] },
    chapter('c1', 'QUY ĐỊNH CHUNG', [
      article('a1', 'Phạm vi điều chỉnh', [p('Quy chế này quy định việc phối hợp giữa các cơ quan.')]),
      ...(options.insertArticle ? [article('a-new', 'Giải thích từ ngữ', [clause('k-new', 'Vụ việc phức tạp là vụ việc kéo dài.')])] : []),
      article('a2', 'Nguyên tắc phối hợp', [clause('a2-k1', 'Tuân thủ quy định của pháp luật.')]),
    ]),
    chapter('c2', 'NỘI DUNG PHỐI HỢP', [
      article('a3', 'Chuyển giao bản án', [clause('a3-k1', 'Tòa án chuyển giao bản án đúng hạn.')]),
      article('a4', 'Họp liên ngành', [clause('a4-k1', 'Họp ít nhất mỗi năm một lần.')]),
      article('a5', 'Giải thích bản án', [
        clause('a5-k1', 'Cơ quan thi hành án có văn bản yêu cầu giải thích.'),
        clause('a5-k2', `Trong thời hạn ${options.explainDays ?? '15 ngày'}, Tòa án trả lời bằng văn bản:`, points),
        clause('a5-k3', 'Quá thời hạn tại [[a5-k2]] thì báo cáo theo [[a4]].'),
      ]),
      article('a6', 'Khiếu nại', [clause('a6-k1', 'Khiếu nại về nội dung bản án thực hiện theo [[a5-k2]].')]),
    ]),
  );
}

const only = (blocks: ComparedBlock[], status: ComparedBlock['status']) => blocks.filter((b) => b.status === status);

describe('a legal document read as text blocks', () => {
  const blocks = textBlocks(regulation());
  const byKey = new Map(blocks.map((b) => [b.key, b]));

  it('is a valid document of the legal schema (the fixture the other tests change)', () => {
    expect(() => legalSchema.nodeFromJSON(regulation()).check()).not.toThrow();
    expect(() => legalSchema.nodeFromJSON(regulation({ insertArticle: true, withoutPoint: 'p-b', explainDays: '10 ngày' })).check()).not.toThrow();
  });

  it('keeps the reading order, title and preamble first', () => {
    expect(blocks.slice(0, 3).map((b) => [b.kind, b.text])).toEqual([
      ['title', 'QUY CHẾ PHỐI HỢP'],
      ['preamble', 'Căn cứ Luật Thi hành án dân sự;'],
      ['chapter', 'QUY ĐỊNH CHUNG'],
    ]);
    expect(blocks[0].label).toBe('');
    expect(blocks[1].label).toBe('');
  });

  it('labels chapters "Chương I", articles "Điều 5.", clauses "2." and points "a)", on the first block of the unit', () => {
    expect(byKey.get('c1/0')).toMatchObject({ kind: 'chapter', label: 'Chương I', unitId: 'c1' });
    expect(byKey.get('c2/0')).toMatchObject({ kind: 'chapter', label: 'Chương II', text: 'NỘI DUNG PHỐI HỢP' });
    expect(byKey.get('a5/0')).toMatchObject({ kind: 'article', label: 'Điều 5.', text: 'Giải thích bản án', unitId: 'a5' });
    expect(byKey.get('a5-k2/0')).toMatchObject({ kind: 'clause', label: '2.', unitId: 'a5-k2' });
    expect(byKey.get('p-a/0')).toMatchObject({ kind: 'point', label: 'a)', text: 'Giải thích rõ nội dung bản án;' });
    expect(byKey.get('p-c/0')).toMatchObject({ kind: 'point', label: 'c)' });
  });

  it('numbers articles continuously across chapters', () => {
    expect(blocks.filter((b) => b.kind === 'article').map((b) => b.label)).toEqual(['Điều 1.', 'Điều 2.', 'Điều 3.', 'Điều 4.', 'Điều 5.', 'Điều 6.']);
  });

  it('gives a paragraph after a heading no label of its own, but its unit', () => {
    expect(byKey.get('a1/1')).toMatchObject({ kind: 'paragraph', label: '', text: 'Quy chế này quy định việc phối hợp giữa các cơ quan.', unitId: 'a1' });
  });

  it('writes references out: "khoản 2 Điều 5" from another article, "khoản 2 Điều này" from the same one', () => {
    expect(byKey.get('a6-k1/0')!.text).toBe('Khiếu nại về nội dung bản án thực hiện theo khoản 2 Điều 5.');
    expect(byKey.get('a5-k3/0')!.text).toBe('Quá thời hạn tại khoản 2 Điều này thì báo cáo theo Điều 4.');
  });

  it('writes a reference to a unit that no longer exists as "[…]"', () => {
    const dangling = doc(article('x1', 'Điều thử', [clause('x1-k1', 'Theo [[gone]].')]));
    expect(textBlocks(dangling).find((b) => b.key === 'x1-k1/0')!.text).toBe('Theo […].');
  });
});

describe('comparing two versions', () => {
  it('marks every block "same" when the text did not change', () => {
    const compared = compareVersions(regulation(), regulation());
    expect(compared).toHaveLength(textBlocks(regulation()).length);
    expect(compared.every((b) => b.status === 'same')).toBe(true);
    expect(compared.every((b) => b.label === b.oldLabel)).toBe(true);
  });

  it('marks a reworded clause "changed", with the words added and removed', () => {
    const compared = compareVersions(regulation(), regulation({ explainDays: '10 ngày làm việc' }));
    expect(only(compared, 'changed').map((b) => b.key)).toEqual(['a5-k2/0']);
    const changed = compared.find((b) => b.key === 'a5-k2/0')!;
    expect(changed).toMatchObject({ kind: 'clause', label: '2.', oldLabel: '2.' });
    expect(changed.parts.filter((c) => c.removed).map((c) => c.value).join('')).toBe('15');
    expect(changed.parts.filter((c) => c.added).map((c) => c.value).join('')).toBe('10 làm việc');
    // The parts read as the old text without what was added, and as the new one without what was removed.
    expect(changed.parts.filter((c) => !c.added).map((c) => c.value).join('')).toBe('Trong thời hạn 15 ngày, Tòa án trả lời bằng văn bản:');
    expect(changed.parts.filter((c) => !c.removed).map((c) => c.value).join('')).toBe('Trong thời hạn 10 ngày làm việc, Tòa án trả lời bằng văn bản:');
    expect(changed.parts.find((c) => c.value.includes('Tòa án trả lời'))).toMatchObject({ added: undefined, removed: undefined });
  });

  it('marks an inserted article "added"; the articles after it keep their keys and show their new numbers', () => {
    const compared = compareVersions(regulation(), regulation({ insertArticle: true }));
    expect(only(compared, 'added').map((b) => [b.key, b.label, b.parts])).toEqual([
      ['a-new/0', 'Điều 2.', [{ value: 'Giải thích từ ngữ', added: true }]],
      ['k-new/0', '1.', [{ value: 'Vụ việc phức tạp là vụ việc kéo dài.', added: true }]],
    ]);
    expect(only(compared, 'removed')).toEqual([]);
    const article = (key: string) => compared.find((b) => b.key === key)!;
    expect(article('a2/0')).toMatchObject({ status: 'same', oldLabel: 'Điều 2.', label: 'Điều 3.' });
    expect(article('a5/0')).toMatchObject({ status: 'same', oldLabel: 'Điều 5.', label: 'Điều 6.' });
    expect(article('a6/0')).toMatchObject({ status: 'same', oldLabel: 'Điều 6.', label: 'Điều 7.' });
    // In the newer order, right after the article before it.
    const keys = compared.map((b) => b.key);
    expect(keys.indexOf('a-new/0')).toBe(keys.indexOf('a1/1') + 1);
    // A reference follows its renumbered target: the only text that changes besides the new article.
    expect(only(compared, 'changed').map((b) => b.key).sort()).toEqual(['a5-k3/0', 'a6-k1/0']);
    expect(article('a6-k1/0').parts.filter((c) => c.added).map((c) => c.value).join('')).toBe('6');
    expect(article('a6-k1/0').parts.filter((c) => c.removed).map((c) => c.value).join('')).toBe('5');
  });

  it('marks a deleted point "removed" with its old label, and relabels the points after it', () => {
    const compared = compareVersions(regulation(), regulation({ withoutPoint: 'p-b' }));
    expect(only(compared, 'removed')).toEqual([{
      key: 'p-b/0', kind: 'point', status: 'removed', label: 'b)', oldLabel: 'b)',
      parts: [{ value: 'Nêu rõ việc đính chính nếu có sai sót;', removed: true }],
    }]);
    expect(only(compared, 'added')).toEqual([]);
    expect(compared.find((b) => b.key === 'p-c/0')).toMatchObject({ status: 'same', oldLabel: 'c)', label: 'b)' });
    // In the older order, where it stood.
    const keys = compared.map((b) => b.key);
    expect(keys.slice(keys.indexOf('p-a/0'), keys.indexOf('p-a/0') + 3)).toEqual(['p-a/0', 'p-b/0', 'p-c/0']);
  });
});
