/**
 * The layout of a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I): A4,
 * margins 20/20/30/15 mm, Times New Roman 13–14 pt, the national motto top right, the issuing
 * agency top left, the place and date line, page numbers centred at the top from page 2.
 * Shared by the minutes (biên bản) and the agreements (quy chế).
 */
import {
  AlignmentType, BorderStyle, Document, Header, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
  convertMillimetersToTwip, type IParagraphOptions, type ISectionOptions,
} from 'docx';
import { placeAndDate } from '../../shared/format.ts';

const FONT = 'Times New Roman';
const BODY = 28; // half-points: 14 pt
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

export function run(text: string, options: { bold?: boolean; italics?: boolean; size?: number; allCaps?: boolean } = {}): TextRun {
  return new TextRun({ text, font: FONT, size: options.size ?? BODY, bold: options.bold, italics: options.italics, allCaps: options.allCaps });
}

/** A body paragraph: justified, first line indented, 6 pt after, line spacing 1.15. */
export function para(children: (TextRun | string)[], options: Partial<IParagraphOptions> = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: convertMillimetersToTwip(12.7) },
    spacing: { after: 120, line: 276 },
    ...options,
    children: children.map((c) => (typeof c === 'string' ? run(c) : c)),
  });
}

export function centered(children: TextRun[], after = 0): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after }, children });
}

/** An underline as long as the text above it, drawn as a bottom border of a narrow centred paragraph. */
function rule(widthMm: number): Paragraph {
  const side = (70 - widthMm) / 2;
  return new Paragraph({
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    indent: { left: convertMillimetersToTwip(Math.max(side, 0)), right: convertMillimetersToTwip(Math.max(side, 0)) },
    spacing: { after: 120 },
    children: [],
  });
}

function cell(children: Paragraph[], widthPercent: number): TableCell {
  return new TableCell({ children, width: { size: widthPercent, type: WidthType.PERCENTAGE }, borders: { top: NONE, bottom: NONE, left: NONE, right: NONE } });
}

/** Top of the first page: issuing agencies left, national motto right, then number and date. */
export function documentHeader(options: { parentAgency?: string; issuingAgency: string; number?: string; place: string; date: string }): (Paragraph | Table)[] {
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
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(placeAndDate(options.place, options.date), { size: 26, italics: true })] }),
  ];
  return [
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE }, borders: NO_BORDERS,
      rows: [new TableRow({ children: [cell(left, 40), cell(right, 60)] })],
    }),
    new Paragraph({ spacing: { after: 240 }, children: [] }),
  ];
}

/** Signature blocks side by side: each a title in capitals, room to sign, then the name. */
export function signatureTable(blocks: { title: string; subtitle?: string; name: string }[]): Table {
  const width = Math.floor(100 / Math.max(blocks.length, 1));
  const column = (block: { title: string; subtitle?: string; name: string }) => cell([
    centered([run(block.title.toUpperCase(), { bold: true })]),
    ...(block.subtitle ? [centered([run(block.subtitle, { italics: true, size: 24 })])] : []),
    new Paragraph({ spacing: { before: 1400 }, children: [] }),
    centered([run(block.name, { bold: true })]),
  ], width);
  const rows: TableRow[] = [];
  for (let i = 0; i < blocks.length; i += 2) {
    const pair = blocks.slice(i, i + 2);
    rows.push(new TableRow({ children: pair.map(column) }));
  }
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, rows });
}

/** A4 with the decree's margins; page numbers centred at the top, none on the first page. */
export async function renderDocx(children: ISectionOptions['children'], title: string): Promise<Buffer> {
  const document = new Document({
    title,
    creator: 'Concord',
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [{
      properties: {
        titlePage: true,
        page: {
          size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
          margin: {
            top: convertMillimetersToTwip(20), bottom: convertMillimetersToTwip(20),
            left: convertMillimetersToTwip(30), right: convertMillimetersToTwip(15),
          },
        },
      },
      headers: {
        default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 26 })] })] }),
        first: new Header({ children: [] }),
      },
      children,
    }],
  });
  return Packer.toBuffer(document);
}
