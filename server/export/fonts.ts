/**
 * The serif the PDF exports embed, resolved once: Liberation Serif, metric-compatible with Times
 * New Roman (the font the DOCX names), when an installed copy has the Vietnamese letters (Debian's
 * `fonts-liberation2`, 2.x; the older `fonts-liberation` 1.07 lacks ạ, ơ, ư… and is passed over),
 * else DejaVu Serif from the npm package `dejavu-fonts-ttf`, so a machine with only `npm ci` still
 * writes PDFs with every Vietnamese glyph. Files are read on first use and kept.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

type Style = 'regular' | 'bold' | 'italic' | 'boldItalic';

export interface SerifFonts extends Record<Style, Buffer> {
  family: 'Liberation Serif' | 'DejaVu Serif';
}

export const LIBERATION_DIRS = ['/usr/share/fonts/truetype/liberation2', '/usr/share/fonts/truetype/liberation'];

/** Every letter Vietnamese writes beyond ASCII (lower and upper case), precomposed as NFC text has them. */
const VIETNAMESE = [...new Set([...'àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ'].flatMap((c) => [c, c.toUpperCase()]))]
  .map((c) => c.codePointAt(0)!);

/** Whether the TrueType font maps every code point to a glyph (its Windows Unicode BMP cmap, format 4). */
export function coversVietnamese(font: Buffer, codePoints: number[] = VIETNAMESE): boolean {
  try {
    const tables = font.readUInt16BE(4);
    let cmap = -1;
    for (let i = 0; i < tables; i += 1) {
      if (font.toString('latin1', 12 + i * 16, 16 + i * 16) === 'cmap') cmap = font.readUInt32BE(12 + i * 16 + 8);
    }
    if (cmap < 0) return false;
    let sub = -1;
    for (let i = 0; i < font.readUInt16BE(cmap + 2); i += 1) {
      const record = cmap + 4 + i * 8;
      if (font.readUInt16BE(record) === 3 && font.readUInt16BE(record + 2) === 1) sub = cmap + font.readUInt32BE(record + 4);
    }
    if (sub < 0 || font.readUInt16BE(sub) !== 4) return false;
    const segments = font.readUInt16BE(sub + 6) / 2;
    const ends = sub + 14;
    const starts = ends + segments * 2 + 2;
    const deltas = starts + segments * 2;
    const offsets = deltas + segments * 2;
    const glyph = (c: number): number => {
      for (let i = 0; i < segments; i += 1) {
        if (font.readUInt16BE(ends + i * 2) < c) continue;
        const start = font.readUInt16BE(starts + i * 2);
        if (start > c) return 0;
        const delta = font.readInt16BE(deltas + i * 2);
        const offset = font.readUInt16BE(offsets + i * 2);
        if (offset === 0) return (c + delta) & 0xffff;
        const g = font.readUInt16BE(offsets + i * 2 + offset + (c - start) * 2);
        return g === 0 ? 0 : (g + delta) & 0xffff;
      }
      return 0;
    };
    return codePoints.every((c) => glyph(c) !== 0);
  } catch {
    return false; // not a TrueType file we can read
  }
}

function load(family: SerifFonts['family'], paths: Record<Style, string>): SerifFonts {
  return { family, regular: readFileSync(paths.regular), bold: readFileSync(paths.bold), italic: readFileSync(paths.italic), boldItalic: readFileSync(paths.boldItalic) };
}

/** The first Liberation Serif under `dirs` with all four styles covering Vietnamese, else DejaVu Serif. */
export function resolveSerifFonts(dirs: string[] = LIBERATION_DIRS): SerifFonts {
  for (const dir of dirs) {
    const paths = {
      regular: join(dir, 'LiberationSerif-Regular.ttf'), bold: join(dir, 'LiberationSerif-Bold.ttf'),
      italic: join(dir, 'LiberationSerif-Italic.ttf'), boldItalic: join(dir, 'LiberationSerif-BoldItalic.ttf'),
    };
    if (!Object.values(paths).every((p) => existsSync(p))) continue;
    const fonts = load('Liberation Serif', paths);
    if ((['regular', 'bold', 'italic', 'boldItalic'] as const).every((style) => coversVietnamese(fonts[style]))) return fonts;
  }
  const dir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return load('DejaVu Serif', {
    regular: join(dir, 'DejaVuSerif.ttf'), bold: join(dir, 'DejaVuSerif-Bold.ttf'),
    italic: join(dir, 'DejaVuSerif-Italic.ttf'), boldItalic: join(dir, 'DejaVuSerif-BoldItalic.ttf'),
  });
}

let resolved: SerifFonts | undefined;

/** The fonts of every PDF of this process, resolved on the first export. */
export function serifFonts(): SerifFonts {
  resolved ??= resolveSerifFonts();
  return resolved;
}
