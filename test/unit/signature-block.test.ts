import { describe, expect, it } from 'vitest';
import { capacityProblem, headTitleOf, likelyCapacity, signatureBlock, type SigningAgency, type SigningCapacity } from '../../shared/signature-block.ts';

const court: SigningAgency = { nameVi: 'Tòa án nhân dân tỉnh Phú Thọ', kind: 'court', headTitle: 'Chánh án' };
const committee: SigningAgency = { nameVi: 'Ủy ban nhân dân tỉnh Phú Thọ', kind: 'people_committee', headTitle: '' };
const sign = (capacity: SigningCapacity, signerPosition = '') =>
  ({ capacity, signerPosition, signerName: 'Lê Thị Thu Hà' });

describe('signature block (Nghị định 30/2020, Phụ lục I)', () => {
  it('the head signs under the agency head title', () => {
    expect(signatureBlock(court, sign('head'))).toEqual({ lines: ['TÒA ÁN NHÂN DÂN TỈNH PHÚ THỌ', 'CHÁNH ÁN'], name: 'Lê Thị Thu Hà', signed: true });
  });
  it('a deputy signs KT. over PHÓ', () => {
    expect(signatureBlock(court, sign('deputy', 'Thẩm phán')).lines).toEqual(['TÒA ÁN NHÂN DÂN TỈNH PHÚ THỌ', 'KT. CHÁNH ÁN', 'PHÓ CHÁNH ÁN']);
  });
  it('an acting head signs Q.', () => {
    expect(signatureBlock(court, sign('acting')).lines).toEqual(['TÒA ÁN NHÂN DÂN TỈNH PHÚ THỌ', 'Q. CHÁNH ÁN']);
  });
  it('by order and by authorisation write the signer position under TL. and TUQ.', () => {
    expect(signatureBlock(court, sign('by_order', 'Chánh Văn phòng')).lines).toEqual(['TÒA ÁN NHÂN DÂN TỈNH PHÚ THỌ', 'TL. CHÁNH ÁN', 'CHÁNH VĂN PHÒNG']);
    expect(signatureBlock(court, sign('by_authorisation', 'Trưởng phòng  Kiểm tra')).lines).toEqual(['TÒA ÁN NHÂN DÂN TỈNH PHÚ THỌ', 'TUQ. CHÁNH ÁN', 'TRƯỞNG PHÒNG KIỂM TRA']);
  });
  it('a collective body signs TM. over its head title', () => {
    expect(signatureBlock(committee, sign('collective')).lines).toEqual(['TM. ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ', 'CHỦ TỊCH']);
  });
  it('the head title signed under stays what it was when signing', () => {
    expect(signatureBlock({ ...court, headTitle: 'Chánh án mới' }, { ...sign('deputy'), headTitle: 'CHÁNH ÁN' }).lines[1]).toBe('KT. CHÁNH ÁN');
  });
  it('an unsigned party shows the form of its head, with no name', () => {
    expect(signatureBlock(court, null)).toEqual({ lines: ['TÒA ÁN NHÂN DÂN TỈNH PHÚ THỌ', 'CHÁNH ÁN'], name: '', signed: false });
    expect(signatureBlock(committee, null).lines).toEqual(['TM. ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ', 'CHỦ TỊCH']);
  });
  it('an agency with no head title falls back on its kind', () => {
    expect(headTitleOf({ kind: 'procuracy', headTitle: ' ' })).toBe('VIỆN TRƯỞNG');
    expect(headTitleOf({ kind: 'police', headTitle: '' })).toBe('GIÁM ĐỐC');
  });
  it('TM. only for a collective body; TL. and TUQ. need a position', () => {
    expect(capacityProblem(court, 'collective', 'Chánh án')).toBe('collectiveOnly');
    expect(capacityProblem(committee, 'collective', '')).toBeNull();
    expect(capacityProblem(court, 'by_order', ' ')).toBe('positionRequired');
    expect(capacityProblem(court, 'deputy', '')).toBeNull();
  });
  it('the likely capacity follows the position', () => {
    expect(likelyCapacity(court, 'Phó Chánh án')).toBe('deputy');
    expect(likelyCapacity(court, 'Chánh án')).toBe('head');
    expect(likelyCapacity(court, 'Quyền Chánh án')).toBe('acting');
    expect(likelyCapacity(committee, 'Chủ tịch')).toBe('collective');
    expect(likelyCapacity(court, 'Chánh Văn phòng')).toBe('by_order');
  });
});
