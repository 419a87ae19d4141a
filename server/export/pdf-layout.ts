/**
 * A `DocumentLayout` (docx-layout.ts, the one the Word writer takes) as PDF, with pdfkit: the same
 * page size and margins, the same paragraphs with their alignment, indents, spacing and weights,
 * the header and signature tables side by side, page numbers centred at the top from page 2.
 * The serif (Liberation Serif, else DejaVu Serif; fonts.ts) is embedded as a subset, so every
 * Vietnamese glyph shows on any reader.
 */
import PDFDocument from 'pdfkit';
import type { DocumentLayout, LaidParagraph, LaidRun, LaidTable } from './docx-layout.ts';
import { serifFonts } from './fonts.ts';

const MM = 72 / 25.4;
/** Word's default left and right cell margins (108 twips). */
const CELL_PADDING = 1.905 * MM;
/** The header's rules: Word's bottom border of size 6 (eighths of a point), 1 pt below the paragraph. */
const RULE_WIDTH = 0.75;
const RULE_SPACE = 1;

type Doc = PDFKit.PDFDocument;

export async function renderPdf(layout: DocumentLayout): Promise<Buffer> {
  const { page, font } = layout;
  const margins = { top: page.margins.topMm * MM, bottom: page.margins.bottomMm * MM, left: page.margins.leftMm * MM, right: page.margins.rightMm * MM };
  const doc: Doc = new PDFDocument({
    size: [page.widthMm * MM, page.heightMm * MM], margins, bufferPages: true,
    info: { Title: layout.title, Creator: 'Concord', Producer: 'Concord' }, lang: 'vi-VN', displayTitle: true,
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const fonts = serifFonts();
  doc.registerFont('serif', fonts.regular);
  doc.registerFont('serif-bold', fonts.bold);
  doc.registerFont('serif-italic', fonts.italic);
  doc.registerFont('serif-bold-italic', fonts.boldItalic);
  const contentWidth = doc.page.width - margins.left - margins.right;
  const maxY = () => doc.page.height - margins.bottom;

  const useFont = (r: Pick<LaidRun, 'bold' | 'italics' | 'sizePt'>) =>
    doc.font(r.bold ? (r.italics ? 'serif-bold-italic' : 'serif-bold') : r.italics ? 'serif-italic' : 'serif').fontSize(r.sizePt ?? font.bodySizePt);
  const textOf = (r: LaidRun) => (r.allCaps ? r.text.toLocaleUpperCase('vi') : r.text);
  const isEmpty = (p: LaidParagraph) => p.runs.every((r) => r.text === '');
  /** Extra space between lines for a line spacing of `line` (1.15 in the body), at the current font. */
  const lineGap = (line: number) => (line - 1) * doc.currentLineHeight(true);
  const emptyLineHeight = (p: LaidParagraph) => {
    useFont(p.runs[0] ?? {});
    return doc.currentLineHeight(true) * (p.spacing?.line ?? 1);
  };
  const options = (p: LaidParagraph, width: number): PDFKit.Mixins.TextOptions => ({
    width: width - (p.indent?.leftMm ?? 0) * MM - (p.indent?.rightMm ?? 0) * MM,
    align: p.align ?? 'left', indent: (p.indent?.firstLineMm ?? 0) * MM, lineGap: lineGap(p.spacing?.line ?? 1),
  });

  const measure = (p: LaidParagraph, width: number): number => {
    const spacing = (p.spacing?.beforePt ?? 0) + (p.spacing?.afterPt ?? 0);
    if (isEmpty(p)) return spacing + emptyLineHeight(p);
    useFont(p.runs[0]);
    return spacing + doc.heightOfString(p.runs.map(textOf).join(''), options(p, width));
  };

  /** One paragraph at `x`, `width` wide, from doc.y; `flow` lets it start a new page when the page is full. */
  const draw = (p: LaidParagraph, x: number, width: number, flow: boolean): void => {
    doc.y += p.spacing?.beforePt ?? 0;
    const left = x + (p.indent?.leftMm ?? 0) * MM;
    if (isEmpty(p)) {
      const height = emptyLineHeight(p);
      if (flow && doc.y + height > maxY()) doc.addPage();
      if (p.bottomRule) {
        const y = doc.y + height + RULE_SPACE;
        doc.save().lineWidth(RULE_WIDTH).moveTo(left, y).lineTo(left + options(p, width).width!, y).stroke().restore();
      }
      doc.y += height;
    } else {
      if (flow && doc.y > maxY() - doc.currentLineHeight(true)) doc.addPage();
      const y = doc.y;
      p.runs.forEach((r, i) => {
        useFont(r);
        const o = { ...options(p, width), continued: i < p.runs.length - 1 };
        if (i === 0) doc.text(textOf(r), left, y, o);
        else doc.text(textOf(r), o);
      });
    }
    doc.y += p.spacing?.afterPt ?? 0;
    doc.x = margins.left;
  };

  /** Each row's cells side by side, filling the text width as Word fills a 100 % table; a row is never split. */
  const table = (t: LaidTable): void => {
    for (const row of t.rows) {
      const total = row.reduce((sum, c) => sum + c.widthPercent, 0) || 1;
      let x = margins.left;
      const cells = row.map((c) => {
        const width = (contentWidth * c.widthPercent) / total;
        const cell = { x: x + CELL_PADDING, width: width - 2 * CELL_PADDING, paragraphs: c.paragraphs };
        x += width;
        return cell;
      });
      const height = Math.max(0, ...cells.map((c) => c.paragraphs.reduce((sum, p) => sum + measure(p, c.width), 0)));
      if (doc.y + height > maxY() && doc.y > margins.top) doc.addPage();
      const top = doc.y;
      let bottom = top;
      for (const c of cells) {
        doc.y = top;
        for (const p of c.paragraphs) draw(p, c.x, c.width, false);
        bottom = Math.max(bottom, doc.y);
      }
      doc.y = bottom;
      doc.x = margins.left;
    }
  };

  for (const block of layout.blocks) {
    if (block.type === 'table') table(block);
    else draw(block, margins.left, contentWidth, true);
  }

  const numbers = layout.pageNumbers;
  const range = doc.bufferedPageRange();
  for (let i = numbers.fromPage - 1; i < range.count; i += 1) {
    doc.switchToPage(range.start + i);
    useFont({ sizePt: numbers.sizePt });
    doc.text(String(i + 1), margins.left, page.headerMm * MM, { width: contentWidth, align: numbers.align, lineBreak: false });
  }
  doc.flushPages();
  doc.end();
  return done;
}
