/**
 * One colour per agency for presence (cursors, selections, labels). Deterministic from the agency id
 * so that every participant sees the same colour without agreeing on anything. Every colour carries
 * white label text and reads as text on white at WCAG AA (contrast ≥ 4.5:1 both ways); the
 * demo's four party agencies land on four different colours (a test keeps it so).
 */
export const AGENCY_PALETTE = [
  '#1d4ed8', '#b91c1c', '#15803d', '#7e22ce', '#b45309', '#0f766e',
  '#be185d', '#4d7c0f', '#0369a1', '#a21caf', '#9a3412', '#4338ca',
] as const;

/** FNV-1a: tiny, stable across platforms, and spreads similar ids ("agency-tand", "agency-vks"). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (const char of text) {
    h ^= char.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function agencyColor(agencyId: string): string {
  return AGENCY_PALETTE[hash(agencyId) % AGENCY_PALETTE.length];
}

/** A colour from another client's awareness, if it is a #rrggbb value; it ends up in inline styles. */
export function safeColor(value: unknown, fallback = '#4b5563'): string {
  return typeof value === 'string' && /^#[0-9a-fA-F]{6}$/.test(value) ? value : fallback;
}
