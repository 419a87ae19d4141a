import { describe, expect, it } from 'vitest';
import { createAgreementInput, meetingInput } from '../../shared/schemas.ts';
import { controlMessageVi, issuesText } from '../../shared/validation.ts';

describe('refused input in Vietnamese', () => {
  it('a title of spaces and no party read as a person would say them', () => {
    const result = createAgreementInput.safeParse({ title: '   ', docNumber: '', partyAgencyIds: [] });
    expect(result.success).toBe(false);
    const text = issuesText('vi', result.error!.issues);
    expect(text).toContain('Tên: không được để trống');
    expect(text).not.toMatch(/Too small|expected|string/);
  });

  it('a meeting that ends before it starts, and a date that is not one', () => {
    const result = meetingInput.safeParse({
      kind: 'joint', title: 'Họp', startsAt: '2026-12-20T10:00:00+07:00', endsAt: '2026-12-20T09:00:00+07:00', invitedAgencyIds: ['a'],
    });
    expect(issuesText('vi', result.error!.issues)).toBe('Thời gian kết thúc: phải sau thời gian bắt đầu');
  });

  it('the browser\'s own bubbles are replaced by Vietnamese ones', () => {
    const none = { valueMissing: false, typeMismatch: false, patternMismatch: false, tooLong: false, tooShort: false, rangeUnderflow: false, rangeOverflow: false, stepMismatch: false, badInput: false };
    expect(controlMessageVi({ ...none, valueMissing: true })).toBe('Vui lòng điền mục này.');
    expect(controlMessageVi({ ...none, typeMismatch: true })).toBe('Giá trị không đúng định dạng.');
  });
});
