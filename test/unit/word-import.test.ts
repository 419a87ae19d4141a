/**
 * The Word recogniser on .docx files written here with the `docx` package: typed numbers, Word's
 * own list numbering, chapter names on their own line, points past "đ", the header and signature
 * tables, an article without clauses; and files that are not a readable .docx.
 */
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AlignmentType, Document, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { recogniseDocx, type ImportedAgreement } from '../../server/domain/agreement/word-import.ts';
import { DomainError } from '../../server/domain/errors.ts';
import { textBlocks } from '../../shared/legal/blocks.ts';
import type { LegalNodeJSON } from '../../shared/legal/numbering.ts';
import { legalSchema } from '../../shared/legal/schema.ts';

type Block = Paragraph | Table;

const p = (text: string, options: { bold?: boolean; center?: boolean } = {}) => new Paragraph({
  alignment: options.center ? AlignmentType.CENTER : undefined,
  children: [new TextRun({ text, bold: options.bold })],
});
const cell = (lines: string[]) => new TableCell({ width: { size: 50, type: WidthType.PERCENTAGE }, children: lines.map((l) => p(l, { center: true })) });
const table = (...columns: string[][]) => new Table({ rows: [new TableRow({ children: columns.map(cell) })] });

const HEADER = table(
  ['THI HÀNH ÁN DÂN SỰ TỈNH PHÚ THỌ - TÒA ÁN NHÂN DÂN TỈNH PHÚ THỌ', 'Số: 01/2026/QCPH-THADS-TAND'],
  ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Phú Thọ, ngày 05 tháng 01 năm 2026'],
);
const SIGNATURES = table(
  ['TM. THI HÀNH ÁN DÂN SỰ TỈNH', 'CỤC TRƯỞNG', 'Nguyễn Văn An'],
  ['TM. TÒA ÁN NHÂN DÂN TỈNH', 'CHÁNH ÁN', 'Trần Thị Bình'],
);

async function docx(children: Block[], numbering?: ConstructorParameters<typeof Document>[0]['numbering']): Promise<Buffer> {
  return Packer.toBuffer(new Document({ numbering, sections: [{ children }] }));
}

async function read(children: Block[], numbering?: ConstructorParameters<typeof Document>[0]['numbering']): Promise<ImportedAgreement> {
  const result = await recogniseDocx(await docx(children, numbering));
  legalSchema.nodeFromJSON(result.text).check();
  return result;
}

const count = (doc: LegalNodeJSON, type: string): number =>
  (doc.content ?? []).reduce((n, child) => n + (child.type === type ? 1 : 0) + count(child, type), 0);
const blocks = (doc: LegalNodeJSON) => textBlocks(doc).map((b) => `${b.kind}|${b.label}|${b.text}`);

const LETTERS = ['a', 'b', 'c', 'd', 'đ', 'e', 'g'];

describe('Word import: typed numbers', () => {
  it('reads header, title over two lines, preamble, chapters (name on the next line or the same), articles, clauses, points up to g, signatures', async () => {
    const result = await read([
      HEADER,
      p('QUY CHẾ', { bold: true, center: true }),
      p('Phối hợp liên ngành trong công tác thi hành án dân sự', { bold: true, center: true }),
      p('Căn cứ Luật Thi hành án dân sự ngày 14 tháng 11 năm 2008;'),
      p('Căn cứ Luật Tổ chức Tòa án nhân dân năm 2024;'),
      p('Chương I', { bold: true, center: true }),
      p('NHỮNG QUY ĐỊNH CHUNG', { bold: true, center: true }),
      p('Điều 1. Phạm vi điều chỉnh', { bold: true }),
      p('Quy chế này quy định việc phối hợp giữa các cơ quan.'),
      p('Điều 2. Đối tượng áp dụng', { bold: true }),
      p('1. Thi hành án dân sự tỉnh.'),
      p('2. Tòa án nhân dân tỉnh.'),
      p('Chương II. NỘI DUNG PHỐI HỢP', { bold: true, center: true }),
      p('Điều 3. Chuyển giao bản án', { bold: true }),
      p('1. Tòa án chuyển giao bản án, quyết định, cụ thể:'),
      ...LETTERS.map((l, i) => p(`${l}) Trường hợp thứ ${i + 1};`)),
      p('Trường hợp khác do hai bên thống nhất.'),
      p('2) Viện kiểm sát kiểm sát việc chuyển giao.'),
      SIGNATURES,
      p('Nơi nhận:'),
      p('- Như trên;'),
    ]);
    expect(result.title).toBe('QUY CHẾ Phối hợp liên ngành trong công tác thi hành án dân sự');
    expect(result.docNumber).toBe('01/2026/QCPH-THADS-TAND');
    expect(result.chapters).toBe(2);
    expect(result.articles).toBe(3);
    expect(count(result.text, 'clause')).toBe(4);
    expect(count(result.text, 'point')).toBe(7);
    const lines = blocks(result.text);
    expect(lines.slice(0, 3)).toEqual([
      'title||QUY CHẾ Phối hợp liên ngành trong công tác thi hành án dân sự',
      'preamble||Căn cứ Luật Thi hành án dân sự ngày 14 tháng 11 năm 2008;',
      'preamble||Căn cứ Luật Tổ chức Tòa án nhân dân năm 2024;',
    ]);
    expect(lines).toContain('chapter|Chương I|NHỮNG QUY ĐỊNH CHUNG');
    expect(lines).toContain('chapter|Chương II|NỘI DUNG PHỐI HỢP');
    expect(lines).toContain('article|Điều 1.|Phạm vi điều chỉnh');
    expect(lines).toContain('paragraph||Quy chế này quy định việc phối hợp giữa các cơ quan.');
    expect(lines).toContain('clause|2.|Tòa án nhân dân tỉnh.');
    expect(lines).toContain('point|đ)|Trường hợp thứ 5;');
    expect(lines).toContain('point|g)|Trường hợp thứ 7;');
    expect(lines).toContain('clause|2.|Viện kiểm sát kiểm sát việc chuyển giao.');
    // Nothing of the header or the signatures in the text; no typed number kept.
    const all = lines.join('\n');
    expect(all).not.toMatch(/CỘNG HÒA|Số:|Nguyễn Văn An|Nơi nhận|CHÁNH ÁN/);
    expect(textBlocks(result.text).some((b) => /^(\d+\.|[a-zđ]\)|Điều \d|Chương )/.test(b.text))).toBe(false);
    expect(result.report.join('\n')).toContain('Nguyễn Văn An');
  });

  it('an article without clauses and a point outside any clause; stray text before the first article is kept and reported', async () => {
    const result = await read([
      p('QUY CHẾ PHỐI HỢP'),
      p('Điều 1. Hiệu lực'),
      p('Quy chế có hiệu lực từ ngày ký.'),
      p('Điều 2. Trách nhiệm'),
      p('a) Các cơ quan tổ chức thực hiện.'),
      p('Chương I'),
      p('TỔ CHỨC THỰC HIỆN'),
      p('Mục 1. Quy định riêng'),
      p('Điều 3. Sửa đổi'),
    ]);
    expect(result.articles).toBe(4);
    const lines = blocks(result.text);
    expect(lines).toContain('article|Điều 1.|Hiệu lực');
    expect(lines).toContain('paragraph||Quy chế có hiệu lực từ ngày ký.');
    expect(lines).toContain('clause|1.|Các cơ quan tổ chức thực hiện.');
    expect(lines).toContain('paragraph||Mục 1. Quy định riêng');
    expect(result.report.some((r) => r.includes('Mục 1. Quy định riêng'))).toBe(true);
    expect(result.report.some((r) => r.includes('không thuộc khoản nào'))).toBe(true);
  });
});

describe('Word import: Word list numbering', () => {
  const numbering = {
    config: [
      { reference: 'clauses', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }] },
      {
        reference: 'points',
        levels: [{ level: 0, format: LevelFormat.LOWER_LETTER, text: '%1)', alignment: AlignmentType.START }],
      },
      {
        reference: 'nested',
        levels: [
          { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START },
          { level: 1, format: LevelFormat.LOWER_LETTER, text: '%2)', alignment: AlignmentType.START },
        ],
      },
    ],
  };
  const item = (text: string, reference: string, level = 0, instance?: number) => new Paragraph({ text, numbering: { reference, level, instance } });

  it('clauses and points numbered by Word, as two lists or as one list of two levels', async () => {
    const result = await read([
      p('QUY CHẾ PHỐI HỢP LIÊN NGÀNH'),
      p('Điều 1. Nguyên tắc'),
      item('Tuân thủ pháp luật.', 'clauses', 0, 1),
      item('Phối hợp thường xuyên, gồm:', 'clauses', 0, 1),
      item('Trao đổi thông tin;', 'points', 0, 1),
      item('Họp liên ngành;', 'points', 0, 1),
      item('Bảo mật thông tin.', 'clauses', 0, 1),
      p('Điều 2. Hình thức'),
      item('Bằng văn bản, gồm:', 'nested', 0),
      item('Công văn;', 'nested', 1),
      item('Thư điện tử.', 'nested', 1),
      item('Họp trực tiếp.', 'nested', 0),
      p('Điều 3. Thông tin'),
      item('Chế độ báo cáo:', 'clauses', 0, 2),
      item('Hằng tháng;', 'points', 0, 2),
    ], numbering);
    expect(result.articles).toBe(3);
    expect(count(result.text, 'clause')).toBe(6);
    expect(count(result.text, 'point')).toBe(5);
    const lines = blocks(result.text);
    expect(lines).toContain('clause|3.|Bảo mật thông tin.');
    expect(lines).toContain('point|b)|Họp liên ngành;');
    expect(lines).toContain('point|b)|Thư điện tử.');
    expect(lines).toContain('clause|2.|Họp trực tiếp.');
    expect(lines).toContain('point|a)|Hằng tháng;');
  });
});

describe('Word import: refusals', () => {
  const refused = async (bytes: Uint8Array) => {
    const error = await recogniseDocx(bytes).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).key).toBe('wordImportUnreadable');
  };

  /** A one-entry zip with the given declared size. */
  function zip(name: string, data: Buffer, declaredSize = data.length): Buffer {
    const body = deflateRawSync(data);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30); local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(body.length, 18); local.writeUInt32LE(declaredSize, 22); local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46); central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(8, 10);
    central.writeUInt32LE(body.length, 20); central.writeUInt32LE(declaredSize, 24); central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(0, 42);
    const cdOffset = 30 + nameBytes.length + body.length;
    const end = Buffer.alloc(22); end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(1, 8); end.writeUInt16LE(1, 10);
    end.writeUInt32LE(46 + nameBytes.length, 12); end.writeUInt32LE(cdOffset, 16);
    return Buffer.concat([local, nameBytes, body, central, nameBytes, end]);
  }

  it('plain text, a truncated .docx, a zip without a document, a zip bomb declared or lying', async () => {
    await refused(Buffer.from('Điều 1. Không phải tệp Word'));
    const good = await docx([p('Điều 1. Thử')]);
    await refused(good.subarray(0, Math.floor(good.length / 2)));
    await refused(zip('hello.txt', Buffer.from('hello')));
    await refused(zip('word/document.xml', Buffer.alloc(10), 200 * 1024 * 1024));
    await refused(zip('word/document.xml', Buffer.alloc(5 * 1024 * 1024), 1000));
  });
});
