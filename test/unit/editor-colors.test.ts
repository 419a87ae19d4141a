import { describe, expect, it } from 'vitest';
import { AGENCY_PALETTE, agencyColor, safeColor } from '../../shared/agency-colors.ts';

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('agency colours', () => {
  it('are the same for the same agency every time', () => {
    expect(agencyColor('agency-tand')).toBe(agencyColor('agency-tand'));
  });

  it('read on white and carry white text (WCAG AA)', () => {
    for (const color of AGENCY_PALETTE) expect(1.05 / (luminance(color) + 0.05)).toBeGreaterThanOrEqual(4.5);
  });

  it('differ for the four party agencies of the demo agreement', () => {
    const colors = ['agency-thads', 'agency-tand', 'agency-vks', 'agency-ca'].map(agencyColor);
    expect(new Set(colors).size).toBe(4);
  });

  it('refuse a remote colour that is not #rrggbb, since it lands in an inline style', () => {
    expect(safeColor('#0369a1')).toBe('#0369a1');
    expect(safeColor('red; background-image: url(https://x)')).toBe('#4b5563');
  });
});
