import { describe, expect, it } from 'vitest';
import { foldWithMap, highlight, parseQuery } from '../../server/domain/search/index.ts';
import { foldVietnamese } from '../../shared/text.ts';

describe('search queries', () => {
  it('quotes every word so FTS5 operators and quotes are plain text', () => {
    expect(parseQuery('thi hành "án" AND NEAR(x)')!.match).toBe('"thi" "hanh" "an" "and" "near" "x"');
    expect(parseQuery('đất')!.match).toBe('"dat"*');
    expect(parseQuery('dat ')!.match).toBe('"dat"');
    expect(parseQuery('  "" * ( ) : ^ ')).toBeNull();
    expect(parseQuery('')).toBeNull();
  });

  it('caps the words and their length', () => {
    expect(parseQuery('a '.repeat(1000))!.tokens).toEqual(['a']);
    expect(parseQuery(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '))!.tokens).toHaveLength(12);
    expect(parseQuery('x'.repeat(300))!.tokens[0]).toHaveLength(64);
  });

  it('folds with a map back to the original characters, decomposed input included', () => {
    const original = 'Đất đai Thi hành án';
    const { folded, start, end } = foldWithMap(original);
    expect(folded).toBe(foldVietnamese(original));
    const at = folded.indexOf('hanh');
    expect(original.slice(start[at], end[at + 3])).toBe('hành');
    const decomposed = 'Thi hành án'.normalize('NFD');
    const mapped = foldWithMap(decomposed);
    expect(mapped.folded).toBe('thi hanh an');
    expect(decomposed.slice(mapped.start[4], mapped.end[7])).toBe('hành'.normalize('NFD'));
  });

  it('highlights the matching words in the original text', () => {
    const segments = highlight('Giao quyền sử dụng ĐẤT ĐAI tại xã', parseQuery('dat dai')!);
    expect(segments.filter((s) => s.match).map((s) => s.text)).toEqual(['ĐẤT', 'ĐAI']);
    expect(segments.map((s) => s.text).join('')).toBe('Giao quyền sử dụng ĐẤT ĐAI tại xã');
  });
});
