import { describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../shared/text.ts';

// Each vowel with no tone, then huyền, sắc, hỏi, ngã, nặng: precomposed (NFC) letters as typed.
const VOWELS: [base: string, folded: string, toned: string][] = [
  ['a', 'a', 'àáảãạ'],
  ['ă', 'a', 'ằắẳẵặ'],
  ['â', 'a', 'ầấẩẫậ'],
  ['e', 'e', 'èéẻẽẹ'],
  ['ê', 'e', 'ềếểễệ'],
  ['i', 'i', 'ìíỉĩị'],
  ['o', 'o', 'òóỏõọ'],
  ['ô', 'o', 'ồốổỗộ'],
  ['ơ', 'o', 'ờớởỡợ'],
  ['u', 'u', 'ùúủũụ'],
  ['ư', 'u', 'ừứửữự'],
  ['y', 'y', 'ỳýỷỹỵ'],
];

describe('foldVietnamese', () => {
  it.each(VOWELS)('folds %s with every tone mark, in lower and upper case, to %s', (base, folded, toned) => {
    const letters = [base, ...toned];
    expect(letters).toHaveLength(6);
    for (const letter of letters) {
      expect(letter.normalize('NFC')).toHaveLength(1);
      expect(foldVietnamese(letter)).toBe(folded);
      expect(foldVietnamese(letter.toUpperCase())).toBe(folded);
      // Text pasted in decomposed form folds the same way.
      expect(foldVietnamese(letter.normalize('NFD'))).toBe(folded);
    }
  });

  it('folds đ and Đ to d', () => {
    expect(foldVietnamese('đ')).toBe('d');
    expect(foldVietnamese('Đ')).toBe('d');
  });

  it('folds whole phrases', () => {
    expect(foldVietnamese('thi hành án')).toBe('thi hanh an');
    expect(foldVietnamese('Đất đai')).toBe('dat dai');
    expect(foldVietnamese('VIỆN KIỂM SÁT NHÂN DÂN tỉnh Phú Thọ')).toBe('vien kiem sat nhan dan tinh phu tho');
  });

  it('leaves plain ASCII text lower-cased and otherwise unchanged', () => {
    expect(foldVietnamese('Quy che 01/2026-QC')).toBe('quy che 01/2026-qc');
  });
});
