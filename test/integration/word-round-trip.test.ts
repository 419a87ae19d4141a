/**
 * A real-looking Word quy chế (3 chapters, 23 articles: header and signature tables, title on two
 * lines, preambles, clauses typed and numbered by Word's lists, points past "đ", articles without
 * clauses, "Nơi nhận") imported through POST /import/agreements: every article, clause and point in
 * place; its DOCX and PDF exports carry each number once (no "3. Điều 2." or "1. 1."); the exported
 * DOCX imports back to the same tree. And an upload cut off mid-body leaves no row and no file.
 */
import { connect } from 'node:net';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import mammoth from 'mammoth';
import { AlignmentType, Document, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { one } from '../../server/db/client.ts';
import { loadStoredDoc } from '../../server/collab/storage.ts';
import { DEMO_AGENCY_IDS, DEMO_IDS } from '../../server/demo/seed.ts';
import { legalDocOf } from '../../shared/legal/ydoc.ts';
import { textBlocks } from '../../shared/legal/blocks.ts';
import type { LegalNodeJSON } from '../../shared/legal/numbering.ts';
import { pdfText, serverSuite, startTestServer } from '../helpers.ts';

const suite = serverSuite(() => startTestServer(), ['thads']);
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Clause: its text and its points; an article holds clauses (typed or as a Word list) or plain paragraphs. */
interface Clause { text: string; points?: string[] }
interface Article { name: string; clauses?: Clause[]; paragraphs?: string[]; wordList?: boolean }
interface Chapter { name: string; articles: Article[] }

const LETTERS = ['a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k'];
const ROMAN = ['I', 'II', 'III'];

const CHAPTERS: Chapter[] = [
  {
    name: 'NHỮNG QUY ĐỊNH CHUNG',
    articles: [
      { name: 'Phạm vi điều chỉnh', paragraphs: ['Quy chế này quy định nguyên tắc, nội dung, hình thức và trách nhiệm phối hợp giữa các cơ quan trong công tác thi hành án dân sự trên địa bàn tỉnh.'] },
      { name: 'Đối tượng áp dụng', clauses: [{ text: 'Cơ quan thi hành án dân sự tỉnh và các Phòng Thi hành án dân sự khu vực.' }, { text: 'Tòa án nhân dân tỉnh và Tòa án nhân dân khu vực.' }, { text: 'Viện kiểm sát nhân dân tỉnh, Công an tỉnh và các cơ quan, tổ chức có liên quan.' }] },
      { name: 'Nguyên tắc phối hợp', wordList: true, clauses: [{ text: 'Tuân thủ quy định của pháp luật, bảo đảm chức năng, nhiệm vụ của mỗi cơ quan.' }, { text: 'Phối hợp thường xuyên, kịp thời, chặt chẽ, gồm:', points: ['Trao đổi thông tin bằng văn bản;', 'Họp liên ngành định kỳ và đột xuất;', 'Cử cán bộ đầu mối.'] }, { text: 'Bảo mật thông tin theo quy định.' }] },
      { name: 'Hình thức phối hợp', clauses: [{ text: 'Trao đổi bằng văn bản, thư điện tử công vụ.' }, { text: 'Tổ chức họp liên ngành.' }, { text: 'Thành lập tổ công tác liên ngành khi cần thiết.' }] },
      { name: 'Giải thích từ ngữ', paragraphs: ['Trong Quy chế này, các từ ngữ dưới đây được hiểu như sau:', 'Vụ việc phức tạp là vụ việc có tài sản tranh chấp hoặc có nhiều người phải thi hành án.'] },
    ],
  },
  {
    name: 'NỘI DUNG PHỐI HỢP',
    articles: [
      { name: 'Phối hợp trong việc chuyển giao bản án, quyết định', clauses: [{ text: 'Tòa án chuyển giao bản án, quyết định trong thời hạn 30 ngày kể từ ngày có hiệu lực.' }, { text: 'Cơ quan thi hành án thông báo khi phát hiện sai sót.' }] },
      { name: 'Phối hợp giải thích bản án', wordList: true, clauses: [{ text: 'Cơ quan thi hành án gửi văn bản đề nghị giải thích.' }, { text: 'Tòa án trả lời trong thời hạn 15 ngày làm việc.' }] },
      { name: 'Phối hợp trong xác minh điều kiện thi hành án', clauses: [{ text: 'Ngân hàng cung cấp thông tin tài khoản theo yêu cầu, gồm:', points: ['Số tài khoản;', 'Số dư;', 'Sao kê giao dịch;', 'Tài sản bảo đảm;', 'Khoản vay còn dư nợ;', 'Hợp đồng tiền gửi;', 'Thông tin khác có liên quan.'] }, { text: 'Văn phòng đăng ký đất đai cung cấp thông tin quyền sử dụng đất.' }] },
      { name: 'Phối hợp trong cưỡng chế thi hành án', clauses: [{ text: 'Công an bảo vệ cưỡng chế theo kế hoạch.' }, { text: 'Viện kiểm sát kiểm sát việc cưỡng chế.' }, { text: 'Ủy ban nhân dân cấp xã chứng kiến và phối hợp.' }] },
      { name: 'Phối hợp trong kê biên tài sản', paragraphs: ['Việc kê biên tài sản được thực hiện theo Điều 87 Luật Thi hành án dân sự.'] },
      { name: 'Phối hợp trong định giá tài sản', wordList: true, clauses: [{ text: 'Thống nhất tổ chức thẩm định giá.' }, { text: 'Trường hợp định giá lại:', points: ['Có vi phạm trong định giá;', 'Đương sự yêu cầu.'] }] },
      { name: 'Phối hợp trong bán đấu giá tài sản', clauses: [{ text: 'Cơ quan thi hành án ký hợp đồng dịch vụ đấu giá.' }, { text: 'Các cơ quan hỗ trợ bàn giao tài sản cho người mua.' }] },
      { name: 'Phối hợp trong giải quyết khiếu nại, tố cáo', clauses: [{ text: 'Chuyển đơn đúng thẩm quyền trong 05 ngày làm việc.' }, { text: 'Trao đổi kết quả giải quyết.' }] },
      { name: 'Phối hợp trong miễn, giảm thi hành án', clauses: [{ text: 'Cơ quan thi hành án lập hồ sơ đề nghị.' }, { text: 'Viện kiểm sát có ý kiến bằng văn bản.' }, { text: 'Tòa án mở phiên họp xét miễn, giảm.' }] },
      { name: 'Phối hợp trong thi hành án hành chính', paragraphs: ['Các bên phối hợp đôn đốc thi hành án hành chính theo quy định.'] },
      { name: 'Phối hợp trong công tác thống kê', wordList: true, clauses: [{ text: 'Thống nhất số liệu trước ngày 05 hằng tháng.' }, { text: 'Đối chiếu số liệu 6 tháng, hằng năm.' }] },
      { name: 'Phối hợp trong tuyên truyền, phổ biến pháp luật', clauses: [{ text: 'Tổ chức hội nghị tuyên truyền.' }, { text: 'Đưa tin trên cổng thông tin điện tử.' }] },
      { name: 'Phối hợp trong xử lý vụ việc phức tạp', clauses: [{ text: 'Tổ chức họp liên ngành trong 10 ngày kể từ ngày có đề nghị.' }, { text: 'Kết luận cuộc họp được gửi các cơ quan.' }] },
    ],
  },
  {
    name: 'TỔ CHỨC THỰC HIỆN',
    articles: [
      { name: 'Trách nhiệm thi hành', clauses: [{ text: 'Thủ trưởng các cơ quan chỉ đạo thực hiện Quy chế.' }, { text: 'Cán bộ đầu mối theo dõi, đôn đốc.' }] },
      { name: 'Chế độ thông tin, báo cáo', wordList: true, clauses: [{ text: 'Báo cáo định kỳ:', points: ['Sáu tháng;', 'Hằng năm.'] }, { text: 'Báo cáo đột xuất khi có yêu cầu.' }] },
      { name: 'Sơ kết, tổng kết', paragraphs: ['Hằng năm các bên sơ kết; ba năm một lần tổng kết việc thực hiện Quy chế.'] },
      { name: 'Sửa đổi, bổ sung', paragraphs: ['Trong quá trình thực hiện, nếu có vướng mắc, các bên trao đổi để sửa đổi, bổ sung cho phù hợp.'] },
      { name: 'Hiệu lực thi hành', clauses: [{ text: 'Quy chế này có hiệu lực kể từ ngày ký.' }, { text: 'Quy chế số 02/2021/QCPH hết hiệu lực kể từ ngày Quy chế này có hiệu lực.' }] },
    ],
  },
];

const TITLE = ['QUY CHẾ', 'Phối hợp liên ngành trong công tác thi hành án dân sự trên địa bàn tỉnh Phú Thọ'];
const PREAMBLES = [
  'Căn cứ Luật Thi hành án dân sự ngày 14 tháng 11 năm 2008; Luật sửa đổi, bổ sung một số điều của Luật Thi hành án dân sự ngày 25 tháng 11 năm 2014;',
  'Căn cứ Luật Tổ chức Tòa án nhân dân năm 2024;',
  'Căn cứ Luật Tổ chức Viện kiểm sát nhân dân năm 2014;',
  'Thi hành án dân sự tỉnh, Tòa án nhân dân tỉnh, Viện kiểm sát nhân dân tỉnh và Công an tỉnh thống nhất ban hành Quy chế phối hợp như sau:',
];

/** The tree the file should give, as "kind|label|text" lines. */
function expectedBlocks(): string[] {
  const lines = [`title||${TITLE.join(' ')}`, ...PREAMBLES.map((text) => `preamble||${text}`)];
  let n = 0;
  CHAPTERS.forEach((chapter, c) => {
    lines.push(`chapter|Chương ${ROMAN[c]}|${chapter.name}`);
    for (const article of chapter.articles) {
      lines.push(`article|Điều ${++n}.|${article.name}`);
      for (const text of article.paragraphs ?? []) lines.push(`paragraph||${text}`);
      (article.clauses ?? []).forEach((clause, k) => {
        lines.push(`clause|${k + 1}.|${clause.text}`);
        (clause.points ?? []).forEach((point, i) => lines.push(`point|${LETTERS[i]})|${point}`));
      });
    }
  });
  return lines;
}

const p = (text: string, options: { bold?: boolean; center?: boolean; italics?: boolean } = {}) => new Paragraph({
  alignment: options.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
  children: [new TextRun({ text, bold: options.bold, italics: options.italics, font: 'Times New Roman', size: 28 })],
});
const cell = (lines: string[]) => new TableCell({ width: { size: 50, type: WidthType.PERCENTAGE }, children: lines.map((l) => p(l, { center: true, bold: true })) });
const table = (...columns: string[][]) => new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [new TableRow({ children: columns.map(cell) })] });
const listItem = (text: string, reference: string, instance: number) => new Paragraph({ text, numbering: { reference, level: 0, instance } });

async function realLookingQuyChe(): Promise<Buffer> {
  const body: (Paragraph | Table)[] = [
    table(
      ['THI HÀNH ÁN DÂN SỰ TỈNH PHÚ THỌ - TÒA ÁN NHÂN DÂN TỈNH PHÚ THỌ - VIỆN KIỂM SÁT NHÂN DÂN TỈNH PHÚ THỌ - CÔNG AN TỈNH PHÚ THỌ', 'Số: 03/2026/QCPH-THADS-TAND-VKSND-CA'],
      ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Phú Thọ, ngày 15 tháng 01 năm 2026'],
    ),
    ...TITLE.map((line) => p(line, { bold: true, center: true })),
    ...PREAMBLES.map((line) => p(line, { italics: true })),
  ];
  let n = 0;
  let instance = 0;
  CHAPTERS.forEach((chapter, c) => {
    body.push(p(`Chương ${ROMAN[c]}`, { bold: true, center: true }), p(chapter.name, { bold: true, center: true }));
    for (const article of chapter.articles) {
      body.push(p(`Điều ${++n}. ${article.name}`, { bold: true }));
      for (const text of article.paragraphs ?? []) body.push(p(text));
      const clauses = ++instance;
      for (const [k, clause] of (article.clauses ?? []).entries()) {
        body.push(article.wordList ? listItem(clause.text, 'clauses', clauses) : p(`${k + 1}. ${clause.text}`));
        const points = ++instance;
        for (const [i, point] of (clause.points ?? []).entries()) {
          body.push(article.wordList ? listItem(point, 'points', points) : p(`${LETTERS[i]}) ${point}`));
        }
      }
    }
  });
  body.push(
    table(['TM. THI HÀNH ÁN DÂN SỰ TỈNH', 'CỤC TRƯỞNG', 'Nguyễn Văn An'], ['TM. TÒA ÁN NHÂN DÂN TỈNH', 'CHÁNH ÁN', 'Trần Thị Bình']),
    table(['TM. VIỆN KIỂM SÁT NHÂN DÂN TỈNH', 'VIỆN TRƯỞNG', 'Lê Văn Cường'], ['TM. CÔNG AN TỈNH', 'GIÁM ĐỐC', 'Phạm Văn Dũng']),
    p('Nơi nhận:', { bold: true, italics: true }),
    p('- Bộ Tư pháp;'),
    p('- Lưu: VT.'),
  );
  return Packer.toBuffer(new Document({
    numbering: {
      config: [
        { reference: 'clauses', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }] },
        { reference: 'points', levels: [{ level: 0, format: LevelFormat.LOWER_LETTER, text: '%1)', alignment: AlignmentType.START }] },
      ],
    },
    sections: [{ children: body }],
  }));
}

function post(bytes: Uint8Array, name: string) {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(bytes)], name, { type: DOCX }));
  for (const party of [DEMO_AGENCY_IDS.tand, DEMO_AGENCY_IDS.vks, DEMO_AGENCY_IDS.ca]) form.append('partyAgencyIds', party);
  return fetch(`${suite.server.url}/import/agreements`, { method: 'POST', body: form, headers: { origin: suite.server.url, cookie: suite.cookies.thads } });
}

async function imported(bytes: Uint8Array, name: string) {
  const response = await post(bytes, name);
  expect(response.status).toBe(201);
  const body = await response.json() as { id: string; chapters: number; articles: number; report: string[] };
  const ydoc = await loadStoredDoc(suite.server.testDb.db, `agreement:${body.id}`);
  const blocks = textBlocks(legalDocOf(ydoc).toJSON() as LegalNodeJSON).map((b) => `${b.kind}|${b.label}|${b.text}`);
  return { ...body, blocks };
}

async function exported(id: string, extension: 'docx' | 'pdf'): Promise<Buffer> {
  const response = await fetch(`${suite.server.url}/export/agreements/${id}.${extension}`, { headers: { cookie: suite.cookies.thads } });
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

/** Each heading and numbered line of the tree, in order, once, and no number written twice. */
function expectNumberedOnce(text: string, blocks: string[]) {
  let from = 0;
  for (const line of blocks.filter((b) => /^(chapter|article|clause|point)\|/.test(b))) {
    const [, label, content] = line.split('|');
    const at = text.indexOf(content.slice(0, 40), from);
    expect(at, `${label} ${content} in order`).toBeGreaterThanOrEqual(0);
    const before = text.slice(Math.max(0, at - label.length - 12), at);
    expect(before, `${label} ${content} numbered`).toContain(label);
    from = at;
  }
  expect(text).not.toMatch(/(?:^|\s)(\d+)\.\s+\1\.\s/u);
  expect(text).not.toMatch(/\d+\.\s+Điều \d+/u);
  expect(text).not.toMatch(/Điều (\d+)\.\s+Điều \1\./u);
  expect(text).not.toMatch(/(?:^|\s)([a-zđ])\)\s+\1\)\s/u);
}

describe('a real-looking Word quy chế of 3 chapters and 23 articles', () => {
  it('comes in with every article, clause and point in place, goes out as DOCX and PDF numbered once, and the DOCX comes back as the same tree', async () => {
    const expected = expectedBlocks();
    const first = await imported(await realLookingQuyChe(), 'Quy che phoi hop 2026.docx');
    expect({ chapters: first.chapters, articles: first.articles }).toEqual({ chapters: 3, articles: 23 });
    expect(first.blocks).toEqual(expected);
    expect(first.blocks.filter((b) => b.startsWith('clause|')).length).toBe(39);
    expect(first.blocks.filter((b) => b.startsWith('point|')).length).toBe(14);
    expect(first.blocks).toContain('point|g)|Thông tin khác có liên quan.');
    // The signature tables and "Nơi nhận" are reported, not text.
    expect(first.report.join(' ')).toContain('Phạm Văn Dũng');
    expect(first.blocks.join(' ')).not.toContain('Nơi nhận');
    const row = await one<{ doc_number: string }>(suite.server.testDb.db, 'SELECT doc_number FROM agreements WHERE id = ?', [first.id]);
    expect(row!.doc_number).toBe('03/2026/QCPH-THADS-TAND-VKSND-CA');

    const docx = await exported(first.id, 'docx');
    const docxText = (await mammoth.extractRawText({ buffer: docx })).value.replace(/\s+/g, ' ');
    expectNumberedOnce(docxText, expected);

    const pdf = await exported(first.id, 'pdf');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expectNumberedOnce((await pdfText(pdf)).replace(/\s+/g, ' '), expected);

    const again = await imported(docx, 'xuat-ra.docx');
    expect({ chapters: again.chapters, articles: again.articles }).toEqual({ chapters: 3, articles: 23 });
    expect(again.blocks).toEqual(expected);
  });
});

describe('an upload cut off mid-body', () => {
  const rows = async () => Number((await one<{ n: number }>(suite.server.testDb.db, 'SELECT COUNT(*) AS n FROM attachments'))!.n);
  const files = () => {
    const dir = join(suite.server.deps.dataDir, 'files');
    return existsSync(dir) ? readdirSync(dir) : [];
  };

  it('leaves no row and no file, partial or temporary, and the server goes on answering', async () => {
    const before = { rows: await rows(), files: files().length };
    const url = new URL(suite.server.url);
    const boundary = '----concord-cut';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="target"\r\n\r\nagreement:${DEMO_IDS.agreement}\r\n`
      + `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="phu-luc.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`;
    const declared = head.length + 2 * 1024 * 1024;
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write(`POST /attachments HTTP/1.1\r\nHost: ${url.host}\r\nOrigin: ${suite.server.url}\r\nCookie: ${suite.cookies.thads}\r\n`
          + `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${declared}\r\n\r\n${head}`);
        socket.write(Buffer.alloc(512 * 1024, 0x20), () => setTimeout(() => { socket.destroy(); resolve(); }, 200));
      });
      socket.on('error', reject);
    });
    // Give the server the time to notice the closed socket and give up the body.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await rows()).toBe(before.rows);
    expect(files().length).toBe(before.files);
    expect(files().some((name) => name.endsWith('.tmp'))).toBe(false);
    const health = await fetch(`${suite.server.url}/healthz`);
    expect(health.status).toBe(200);
  });
});
