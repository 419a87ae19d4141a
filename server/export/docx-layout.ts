/**
 * The layout of a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I): A4,
 * margins 20/20/30/15 mm, Times New Roman 13–14 pt, the national motto top right, the issuing
 * agency top left, the place and date line, page numbers centred at the top from page 2.
 * Shared by the minutes (biên bản) and the agreements (quy chế), and by both writers: the builders
 * here make a plain `DocumentLayout` (sizes in mm and pt, the ordered laid-out paragraphs and
 * tables), which `renderDocx` turns into Word and `renderPdf` (pdf-layout.ts) into PDF, so the
 * two files cannot drift apart. Nothing here loads `docx` until a Word file is written.
 */
import type { IParagraphOptions, Paragraph, Table, TextRun } from 'docx';
import { placeAndDate } from '../../shared/format.ts';

export type Align = 'left' | 'center' | 'justify';

export interface LaidRun { text: string; bold?: boolean; italics?: boolean; /** points; the body size when absent */ sizePt?: number; allCaps?: boolean }

export interface LaidParagraph {
  type: 'paragraph';
  runs: LaidRun[];
  /** Left when absent. */
  align?: Align;
  /** Points before and after; `line` a multiple of single line spacing. Absent means none. */
  spacing?: { beforePt?: number; afterPt?: number; line?: number };
  indent?: { leftMm?: number; rightMm?: number; firstLineMm?: number };
  /** A thin rule under the paragraph (the short underlines of the header), between its indents. */
  bottomRule?: boolean;
}

/** A table without borders: each row's cells side by side, each a column of paragraphs. */
export interface LaidTable { type: 'table'; rows: { widthPercent: number; paragraphs: LaidParagraph[] }[][] }

export type LaidBlock = LaidParagraph | LaidTable;

export interface DocumentLayout {
  title: string;
  page: { widthMm: number; heightMm: number; margins: { topMm: number; bottomMm: number; leftMm: number; rightMm: number }; /** top of page to the header line */ headerMm: number };
  font: { family: string; bodySizePt: number };
  /** Centred at the top of every page but the first. */
  pageNumbers: { position: 'top'; align: 'center'; sizePt: number; fromPage: number };
  blocks: LaidBlock[];
}

const FONT = 'Times New Roman';
const BODY_PT = 14;

export function run(text: string, options: { bold?: boolean; italics?: boolean; size?: number; allCaps?: boolean } = {}): LaidRun {
  const out: LaidRun = { text };
  if (options.bold !== undefined) out.bold = options.bold;
  if (options.italics !== undefined) out.italics = options.italics;
  if (options.size !== undefined) out.sizePt = options.size / 2; // half-points, as Word counts
  if (options.allCaps !== undefined) out.allCaps = options.allCaps;
  return out;
}

type ParagraphOptions = Partial<Omit<LaidParagraph, 'type' | 'runs'>>;

export function paragraph(runs: LaidRun[], options: ParagraphOptions = {}): LaidParagraph {
  return { type: 'paragraph', ...options, runs };
}

/** A body paragraph: justified, first line indented, 6 pt after, line spacing 1.15. */
export function para(children: (LaidRun | string)[], options: ParagraphOptions = {}): LaidParagraph {
  return paragraph(children.map((c) => (typeof c === 'string' ? run(c) : c)), {
    align: 'justify', indent: { firstLineMm: 12.7 }, spacing: { afterPt: 6, line: 1.15 }, ...options,
  });
}

export function centered(children: LaidRun[], afterPt = 0): LaidParagraph {
  return paragraph(children, { align: 'center', spacing: { afterPt } });
}

/** An underline as long as the text above it, drawn as a bottom border of a narrow centred paragraph. */
function rule(widthMm: number): LaidParagraph {
  const side = Math.max((70 - widthMm) / 2, 0);
  return paragraph([], { bottomRule: true, indent: { leftMm: side, rightMm: side }, spacing: { afterPt: 6 } });
}

/** Top of the first page: issuing agencies left, national motto right, then number and date. */
export function documentHeader(options: { parentAgency?: string; issuingAgency: string; number?: string; place: string; date: string }): LaidBlock[] {
  const left = [
    ...(options.parentAgency ? [centered([run(options.parentAgency.toUpperCase(), { size: 26 })])] : []),
    centered([run(options.issuingAgency.toUpperCase(), { size: 26, bold: true })]),
    rule(25),
    ...(options.number ? [centered([run(options.number, { size: 26 })])] : []),
  ];
  const right = [
    centered([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 24, bold: true })]),
    centered([run('Độc lập - Tự do - Hạnh phúc', { size: 26, bold: true })]),
    rule(58),
    paragraph([run(placeAndDate(options.place, options.date), { size: 26, italics: true })], { align: 'center' }),
  ];
  return [
    { type: 'table', rows: [[{ widthPercent: 40, paragraphs: left }, { widthPercent: 60, paragraphs: right }]] },
    paragraph([], { spacing: { afterPt: 12 } }),
  ];
}

/** Signature blocks side by side, two a row: each a title in capitals, room to sign, then the name. */
export function signatureTable(blocks: { title: string; subtitle?: string; name: string }[]): LaidTable {
  const width = Math.floor(100 / Math.max(blocks.length, 1));
  const column = (block: { title: string; subtitle?: string; name: string }) => ({
    widthPercent: width,
    paragraphs: [
      centered([run(block.title.toUpperCase(), { bold: true })]),
      ...(block.subtitle ? [centered([run(block.subtitle, { italics: true, size: 24 })])] : []),
      paragraph([], { spacing: { beforePt: 70 } }),
      centered([run(block.name, { bold: true })]),
    ],
  });
  const rows: LaidTable['rows'] = [];
  for (let i = 0; i < blocks.length; i += 2) rows.push(blocks.slice(i, i + 2).map(column));
  return { type: 'table', rows };
}

/**
 * The parties' signature blocks of Nghị định 30/2020 (shared/signature-block.ts), two a row: the
 * lines in bold capitals, the room to sign ("(Đã ký)" once signed), then the full name.
 */
export function ndSignatureTable(blocks: { lines: string[]; name: string; signed: boolean }[]): LaidTable {
  const width = blocks.length > 1 ? 50 : 100;
  const column = (block: { lines: string[]; name: string; signed: boolean }) => ({
    widthPercent: width,
    paragraphs: [
      ...block.lines.map((line) => centered([run(line, { bold: true })])),
      block.signed
        ? paragraph([run('(Đã ký)', { italics: true, size: 24 })], { align: 'center', spacing: { beforePt: 30, afterPt: 30 } })
        : paragraph([], { spacing: { beforePt: 70 } }),
      centered([run(block.name, { bold: true })]),
    ],
  });
  const rows: LaidTable['rows'] = [];
  for (let i = 0; i < blocks.length; i += 2) rows.push(blocks.slice(i, i + 2).map(column));
  return { type: 'table', rows };
}

/** A4 with the decree's margins; page numbers centred at the top, none on the first page. */
export function documentLayout(title: string, blocks: LaidBlock[]): DocumentLayout {
  return {
    title,
    page: { widthMm: 210, heightMm: 297, margins: { topMm: 20, bottomMm: 20, leftMm: 30, rightMm: 15 }, headerMm: 12.5 },
    font: { family: FONT, bodySizePt: BODY_PT },
    pageNumbers: { position: 'top', align: 'center', sizePt: 13, fromPage: 2 },
    blocks,
  };
}

/** The layout as a .docx. */
export async function renderDocx(layout: DocumentLayout): Promise<Buffer> {
  const {
    AlignmentType, BorderStyle, Document, Header, Packer, PageNumber, Paragraph: DocxParagraph, Table: DocxTable, TableCell, TableRow,
    TextRun: DocxTextRun, WidthType, convertMillimetersToTwip: mm,
  } = await import('docx');
  const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
  const { font, page } = layout;
  const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, justify: AlignmentType.JUSTIFIED } as const;

  const textRun = (r: LaidRun): TextRun => new DocxTextRun({
    text: r.text, font: font.family, size: (r.sizePt ?? font.bodySizePt) * 2, bold: r.bold, italics: r.italics, allCaps: r.allCaps,
  });
  const toParagraph = (p: LaidParagraph): Paragraph => {
    const options: Record<string, unknown> = {};
    if (p.align) options.alignment = ALIGN[p.align];
    if (p.bottomRule) options.border = { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } };
    if (p.indent) {
      const indent: Record<string, number> = {};
      if (p.indent.leftMm !== undefined) indent.left = mm(p.indent.leftMm);
      if (p.indent.rightMm !== undefined) indent.right = mm(p.indent.rightMm);
      if (p.indent.firstLineMm !== undefined) indent.firstLine = mm(p.indent.firstLineMm);
      options.indent = indent;
    }
    if (p.spacing) {
      const spacing: Record<string, number> = {};
      if (p.spacing.beforePt !== undefined) spacing.before = Math.round(p.spacing.beforePt * 20);
      if (p.spacing.afterPt !== undefined) spacing.after = Math.round(p.spacing.afterPt * 20);
      if (p.spacing.line !== undefined) spacing.line = Math.round(p.spacing.line * 240);
      options.spacing = spacing;
    }
    return new DocxParagraph({ ...(options as Partial<IParagraphOptions>), children: p.runs.map(textRun) });
  };
  const toTable = (t: LaidTable): Table => new DocxTable({
    width: { size: 100, type: WidthType.PERCENTAGE }, borders: NO_BORDERS,
    rows: t.rows.map((cells) => new TableRow({
      children: cells.map((c) => new TableCell({
        children: c.paragraphs.map(toParagraph), width: { size: c.widthPercent, type: WidthType.PERCENTAGE },
        borders: { top: NONE, bottom: NONE, left: NONE, right: NONE },
      })),
    })),
  });

  const document = new Document({
    title: layout.title,
    creator: 'Concord',
    styles: { default: { document: { run: { font: font.family, size: font.bodySizePt * 2 } } } },
    sections: [{
      properties: {
        titlePage: layout.pageNumbers.fromPage > 1,
        page: {
          size: { width: mm(page.widthMm), height: mm(page.heightMm) },
          margin: {
            top: mm(page.margins.topMm), bottom: mm(page.margins.bottomMm),
            left: mm(page.margins.leftMm), right: mm(page.margins.rightMm), header: mm(page.headerMm),
          },
        },
      },
      headers: {
        default: new Header({ children: [new DocxParagraph({ alignment: ALIGN[layout.pageNumbers.align], children: [new DocxTextRun({ children: [PageNumber.CURRENT], font: font.family, size: layout.pageNumbers.sizePt * 2 })] })] }),
        first: new Header({ children: [] }),
      },
      children: layout.blocks.map((b) => (b.type === 'table' ? toTable(b) : toParagraph(b))),
    }],
  });
  return Packer.toBuffer(document);
}
