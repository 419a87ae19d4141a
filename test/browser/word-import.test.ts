/**
 * "Nhập từ tệp Word" on the agreement list, in a real Chromium (issue 15): a real-looking quy chế
 * made here with the `docx` package (header table, title over two lines, "Căn cứ" preamble, three
 * chapters with their names on the next line, articles with typed clauses "1." and clauses numbered
 * by Word's own list numbering, points "a)" to "e)" through "đ)", an article without clauses, and
 * the signature table) is uploaded through the dialog; the import report is shown; the draft opens
 * with every article numbered by the editor and no number doubled ("Điều 2. Điều 2.", "1. 1."),
 * and the outline lists them. A file that is not a .docx is refused in Vietnamese and creates
 * nothing. Screenshots in SCREENSHOT_DIR (else /tmp/shots-word-import).
 */
import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  AlignmentType, BorderStyle, Document, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import { browserSuite } from './browser.ts';
import { startTestServer } from '../helpers.ts';
import { one } from '../../server/db/client.ts';
import { message } from '../../shared/messages.ts';

const SHOTS = process.env.SCREENSHOT_DIR ?? '/tmp/shots-word-import';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const DOC_NUMBER = '05/2026/QCPH-THADS-TAND-VKSND-CA';
const TITLE = 'QUY CHẾ Phối hợp liên ngành trong công tác thi hành án dân sự trên địa bàn tỉnh Phú Thọ';

/** The quy chế as its chapters, articles, clauses and points: what the editor must show, numbered by itself. */
const CHAPTERS: { name: string; articles: { title: string; lead?: string; clauses?: { text: string; points?: string[] }[]; wordList?: boolean }[] }[] = [
  {
    name: 'QUY ĐỊNH CHUNG',
    articles: [
      { title: 'Phạm vi điều chỉnh', lead: 'Quy chế này quy định nguyên tắc, nội dung và trách nhiệm phối hợp giữa các cơ quan trong công tác thi hành án dân sự.' },
      { title: 'Đối tượng áp dụng', clauses: [
        { text: 'Thi hành án dân sự tỉnh Phú Thọ và các Phòng Thi hành án dân sự khu vực.' },
        { text: 'Tòa án nhân dân tỉnh, Viện kiểm sát nhân dân tỉnh và Công an tỉnh Phú Thọ.' },
      ] },
      { title: 'Nguyên tắc phối hợp', wordList: true, clauses: [
        { text: 'Tuân thủ quy định của pháp luật về thi hành án dân sự.' },
        { text: 'Chủ động, kịp thời, thường xuyên và hiệu quả.' },
        { text: 'Bảo đảm bí mật thông tin theo quy định.' },
      ] },
    ],
  },
  {
    name: 'NỘI DUNG PHỐI HỢP',
    articles: [
      { title: 'Phối hợp trong việc chuyển giao bản án, quyết định', clauses: [
        { text: 'Tòa án chuyển giao bản án, quyết định cho cơ quan thi hành án trong thời hạn luật định, gồm:', points: [
          'Bản án, quyết định sơ thẩm đã có hiệu lực pháp luật;',
          'Bản án, quyết định phúc thẩm;',
          'Quyết định giám đốc thẩm, tái thẩm;',
          'Quyết định áp dụng biện pháp khẩn cấp tạm thời;',
          'Quyết định tuyên bố phá sản;',
          'Các quyết định khác theo quy định của pháp luật.',
        ] },
        { text: 'Cơ quan thi hành án thông báo cho Tòa án khi phát hiện sai sót trong bản án, quyết định.' },
      ] },
      { title: 'Phối hợp trong việc tổ chức cưỡng chế', wordList: true, clauses: [
        { text: 'Cơ quan thi hành án xây dựng kế hoạch cưỡng chế và gửi Công an, Viện kiểm sát trước ít nhất 10 ngày.' },
        { text: 'Công an tỉnh bố trí lực lượng bảo vệ cưỡng chế:', points: ['Bảo đảm an ninh, trật tự tại nơi cưỡng chế;', 'Xử lý người có hành vi chống đối.'] },
        { text: 'Viện kiểm sát cử Kiểm sát viên kiểm sát việc cưỡng chế.' },
      ] },
    ],
  },
  {
    name: 'TỔ CHỨC THỰC HIỆN',
    articles: [
      { title: 'Chế độ thông tin, báo cáo', clauses: [
        { text: 'Định kỳ 6 tháng, các cơ quan trao đổi số liệu thi hành án dân sự.' },
        { text: 'Các cơ quan tổ chức sơ kết hằng năm, tổng kết sau 5 năm thực hiện Quy chế.' },
      ] },
      { title: 'Hiệu lực thi hành', lead: 'Quy chế này có hiệu lực kể từ ngày ký. Trong quá trình thực hiện, nếu có vướng mắc, các cơ quan trao đổi để sửa đổi, bổ sung cho phù hợp.' },
    ],
  },
];
const ARTICLES = CHAPTERS.flatMap((c) => c.articles);
const ROMAN = ['I', 'II', 'III'];
const LETTERS = ['a', 'b', 'c', 'd', 'đ', 'e'];

const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
const centered = (text: string, options: { bold?: boolean; italics?: boolean } = {}) =>
  new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, ...options })] });
const body = (text: string, numbering?: { reference: string; level: number; instance: number }) =>
  new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 567 }, ...(numbering ? { numbering } : {}), children: [new TextRun(text)] });
const twoColumns = (left: Paragraph[], right: Paragraph[]) => new Table({
  width: { size: 100, type: WidthType.PERCENTAGE }, borders: noBorders,
  rows: [new TableRow({ children: [
    new TableCell({ width: { size: 40, type: WidthType.PERCENTAGE }, borders: noBorders, children: left }),
    new TableCell({ width: { size: 60, type: WidthType.PERCENTAGE }, borders: noBorders, children: right }),
  ] })],
});

/** A quy chế as a drafter's Word file: what the import must read. */
async function quyCheDocx(): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    twoColumns(
      [centered('THI HÀNH ÁN DÂN SỰ TỈNH PHÚ THỌ'), centered('TÒA ÁN NHÂN DÂN TỈNH PHÚ THỌ'), centered('VIỆN KIỂM SÁT NHÂN DÂN TỈNH PHÚ THỌ'), centered('CÔNG AN TỈNH PHÚ THỌ', { bold: true }), centered(`Số: ${DOC_NUMBER}`)],
      [centered('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true }), centered('Độc lập - Tự do - Hạnh phúc', { bold: true }), centered('Phú Thọ, ngày 15 tháng 01 năm 2026', { italics: true })],
    ),
    centered('QUY CHẾ', { bold: true }),
    centered('Phối hợp liên ngành trong công tác thi hành án dân sự trên địa bàn tỉnh Phú Thọ', { bold: true }),
    body('Căn cứ Luật Thi hành án dân sự ngày 14 tháng 11 năm 2008; Luật sửa đổi, bổ sung một số điều của Luật Thi hành án dân sự ngày 25 tháng 11 năm 2014;'),
    body('Căn cứ Luật Tổ chức Tòa án nhân dân, Luật Tổ chức Viện kiểm sát nhân dân và Luật Công an nhân dân;'),
    body('Thi hành án dân sự tỉnh, Tòa án nhân dân tỉnh, Viện kiểm sát nhân dân tỉnh và Công an tỉnh Phú Thọ thống nhất ban hành Quy chế phối hợp như sau:'),
  ];
  let number = 0;
  let list = 0;
  CHAPTERS.forEach((chapter, c) => {
    children.push(centered(`Chương ${ROMAN[c]}`, { bold: true }), centered(chapter.name, { bold: true }));
    for (const article of chapter.articles) {
      number += 1;
      children.push(new Paragraph({ indent: { firstLine: 567 }, children: [new TextRun({ text: `Điều ${number}. ${article.title}`, bold: true })] }));
      if (article.lead) children.push(body(article.lead));
      // Clauses typed "1." …, or numbered by Word itself (a list of its own per article, so it restarts at 1).
      if (article.wordList) list += 1;
      (article.clauses ?? []).forEach((clause, k) => {
        children.push(article.wordList ? body(clause.text, { reference: 'clauses', level: 0, instance: list }) : body(`${k + 1}. ${clause.text}`));
        (clause.points ?? []).forEach((point, p) => children.push(body(`${LETTERS[p]}) ${point}`)));
      });
    }
  });
  children.push(new Paragraph({ children: [] }), twoColumns(
    [centered('TM. TÒA ÁN NHÂN DÂN TỈNH', { bold: true }), centered('CHÁNH ÁN', { bold: true }), centered('(đã ký)', { italics: true }), centered('Lê Thị Thu Hà', { bold: true })],
    [centered('TM. THI HÀNH ÁN DÂN SỰ TỈNH', { bold: true }), centered('THỦ TRƯỞNG', { bold: true }), centered('(đã ký)', { italics: true }), centered('Nguyễn Văn Hùng', { bold: true })],
  ));
  return Packer.toBuffer(new Document({
    creator: 'Thi hành án dân sự tỉnh Phú Thọ', title: TITLE,
    styles: { default: { document: { run: { font: 'Times New Roman', size: 28 } } } },
    numbering: { config: [{ reference: 'clauses', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT }] }] },
    sections: [{ children }],
  }));
}

describe('importing a Word quy chế from the agreement list', () => {
  const suite = browserSuite(() => startTestServer({ web: true }));
  const errors: string[] = [];
  beforeAll(() => { mkdirSync(SHOTS, { recursive: true }); });

  const pageOf = (email: string, width = 1280): Promise<Page> =>
    suite.signedInPage(email, { width, height: width < 600 ? 844 : 900, timeout: 15_000, pageErrors: errors });
  const agreements = async () => Number((await one<{ n: number }>(suite.server.testDb.db, 'SELECT count(*) AS n FROM agreements'))!.n);
  async function openImport(page: Page) {
    await page.goto(`${suite.server.url}/agreements`);
    await page.getByRole('button', { name: 'Nhập từ tệp Word' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByRole('heading').first().textContent()).toBe('Nhập quy chế từ tệp Word');
    return dialog;
  }
  /** Resolves once the page has not scrolled for a few frames (the outline scrolls smoothly). */
  const scrollSettled = (page: Page) => page.evaluate(() => new Promise<void>((resolve) => {
    let last = -1;
    let still = 0;
    const tick = () => {
      still = scrollY === last ? still + 1 : 0;
      last = scrollY;
      if (still >= 10) resolve(); else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }));
  /** Each numbered line as the reader sees it: the number the CSS prints, then the text. */
  const numberedLines = (page: Page) => page.locator('.legal-document [data-label]').evaluateAll((nodes) => nodes
    .filter((n) => !n.classList.contains('legal-reference'))
    .map((n) => `${n.getAttribute('data-label')} ${n.textContent}`));

  it('a .docx of three chapters comes in as structure: report shown, articles numbered by the editor, outline listing them', async () => {
    const file = await quyCheDocx();
    const before = await agreements();
    const page = await pageOf('thads@demo.concord.vn');
    const dialog = await openImport(page);
    await dialog.getByLabel('Tệp Word (.docx, tối đa 20 MB)').setInputFiles({ name: 'Quy che phoi hop 2026.docx', mimeType: DOCX, buffer: file });
    for (const party of ['Tòa án nhân dân tỉnh Phú Thọ', 'Viện kiểm sát nhân dân tỉnh Phú Thọ', 'Công an tỉnh Phú Thọ']) {
      await dialog.getByLabel(party, { exact: true }).check();
    }
    await page.screenshot({ path: `${SHOTS}/import-dialog-1280.png` });
    await dialog.getByRole('button', { name: 'Nhập', exact: true }).click();

    // The report: the counts, then what was left out of the text (the signatures), never silently.
    await expect.poll(() => dialog.getByRole('status').textContent()).toBe(`Đã tạo dự thảo với 3 chương, ${ARTICLES.length} điều.`);
    expect(await dialog.textContent()).toContain('Các phần cần xem lại');
    const report = await dialog.locator('ul li').allTextContents();
    expect(report.join(' ')).toContain('Bảng chữ ký không đưa vào văn bản');
    expect(report.join(' ')).toContain('Lê Thị Thu Hà');
    expect(await agreements()).toBe(before + 1);
    await page.screenshot({ path: `${SHOTS}/import-report-1280.png` });
    await dialog.getByRole('button', { name: 'Mở dự thảo' }).click();
    await page.waitForURL(/\/agreements\/[^/]+$/);
    await page.locator('.connection-synced').waitFor();

    // The details from the header table, the title from its two lines.
    await expect.poll(() => page.locator('.page-header h1').textContent()).toBe(TITLE);
    expect(await page.locator('.legal-document .legal-title').textContent()).toBe(TITLE);
    const id = page.url().split('/').pop()!;
    const row = await one<{ doc_number: string; status: string }>(suite.server.testDb.db, 'SELECT doc_number, status FROM agreements WHERE id = ?', [id]);
    expect(row).toEqual({ doc_number: DOC_NUMBER, status: 'draft' });

    // Every chapter, article, clause and point numbered by the editor; no typed number left in the text.
    const articles = page.locator('.legal-document section[data-kind="article"]');
    await expect.poll(() => articles.count()).toBe(ARTICLES.length);
    const chapters = page.locator('.legal-document section[data-kind="chapter"] > .legal-heading');
    expect(await chapters.evaluateAll((hs) => hs.map((h) => `${h.getAttribute('data-label')} ${h.textContent}`)))
      .toEqual(CHAPTERS.map((c, i) => `Chương ${ROMAN[i]} ${c.name}`));
    for (const [i, article] of ARTICLES.entries()) {
      const section = articles.nth(i);
      const heading = section.locator('h2').first();
      expect(await heading.getAttribute('data-label')).toBe(`Điều ${i + 1}.`);
      expect(await heading.textContent()).toBe(article.title);
      const clauses = await section.locator(':scope > section[data-kind="clause"] > p:first-child').evaluateAll((ps) => ps.map((p) => `${p.getAttribute('data-label')} ${p.textContent}`));
      expect(clauses, article.title).toEqual((article.clauses ?? []).map((c, k) => `${k + 1}. ${c.text}`));
      for (const [k, clause] of (article.clauses ?? []).entries()) {
        const points = await section.locator(':scope > section[data-kind="clause"]').nth(k).locator('section[data-kind="point"] > p:first-child')
          .evaluateAll((ps) => ps.map((p) => `${p.getAttribute('data-label')} ${p.textContent}`));
        expect(points, `${article.title} ${k + 1}`).toEqual((clause.points ?? []).map((p, n) => `${LETTERS[n]}) ${p}`));
      }
      if (article.lead) expect(await section.locator(':scope > p').first().textContent()).toBe(article.lead);
    }
    const lines = await numberedLines(page);
    expect(lines.filter((l) => /Điều \d+\.\s+Điều \d+/.test(l))).toEqual([]);
    expect(lines.filter((l) => /^\d+\.\s+\d+\./.test(l))).toEqual([]);
    expect(lines.filter((l) => /^[a-zđ]\)\s+[a-zđ]\)/u.test(l))).toEqual([]);
    expect(lines.filter((l) => /^Chương [IVX]+\s+Chương/.test(l))).toEqual([]);
    // The label the CSS prints is the number, once.
    expect(await articles.nth(1).locator('h2').first().evaluate((h) => getComputedStyle(h, '::before').content)).toContain('Điều 2.');
    const text = (await page.locator('.legal-document').textContent())!;
    expect(text).toContain('Căn cứ Luật Thi hành án dân sự');
    // Neither the header nor the signatures are text of the quy chế.
    for (const gone of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', `Số: ${DOC_NUMBER}`, 'TM. TÒA ÁN', '(đã ký)']) expect(text).not.toContain(gone);
    await page.screenshot({ path: `${SHOTS}/imported-editor-1280.png` });

    // The outline: the chapters and every article, numbered.
    const outline = page.getByRole('navigation', { name: 'Mục lục' });
    const entries = await outline.locator('.legal-outline__entry').evaluateAll((es) => es.map((e) => e.textContent!.replace(/\s+/g, ' ').trim()));
    let n = 0;
    expect(entries).toEqual(CHAPTERS.flatMap((c, i) => [`Chương ${ROMAN[i]} ${c.name}`, ...c.articles.map((a) => `Điều ${(n += 1)}. ${a.title}`)]));
    // Choosing an article in the outline brings its heading into view, below the sticky top bar and toolbar.
    for (const [index, name] of [[3, /Điều 4\. Phối hợp trong việc chuyển giao/], [5, /Điều 6\. Chế độ thông tin/]] as const) {
      await outline.getByRole('button', { name }).click();
      await scrollSettled(page);
      const place = await articles.nth(index).locator('h2').first().evaluate((h) => {
        const toolbar = document.querySelector('.legal-toolbar')!.getBoundingClientRect();
        const r = h.getBoundingClientRect();
        return { top: Math.round(r.top), bottom: Math.round(r.bottom), covered: Math.round(toolbar.bottom), height: innerHeight };
      });
      expect(place.top, String(name)).toBeGreaterThanOrEqual(place.covered);
      expect(place.bottom, String(name)).toBeLessThanOrEqual(place.height);
    }
    await page.screenshot({ path: `${SHOTS}/imported-outline-1280.png` });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);

    // On a phone: the same draft, nothing wider than the screen.
    const phone = await pageOf('thads@demo.concord.vn', 390);
    await phone.goto(`${suite.server.url}/agreements/${id}`);
    await phone.locator('.connection-synced').waitFor();
    await expect.poll(() => phone.locator('.legal-document section[data-kind="article"]').count()).toBe(ARTICLES.length);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The sticky toolbar is one row that scrolls sideways, not a block of stacked buttons over the text.
    const toolbar = phone.getByRole('toolbar').first();
    expect((await toolbar.boundingBox())!.height).toBeLessThan(80);
    expect(await toolbar.evaluate((t) => t.scrollWidth > t.clientWidth)).toBe(true);
    await phone.screenshot({ path: `${SHOTS}/imported-editor-390.png` });
    await phone.screenshot({ path: `${SHOTS}/imported-editor-390-full.png`, fullPage: true });
    await phone.context().close();
    await page.context().close();
  });

  it('a file that is not a .docx gets the Vietnamese refusal and creates nothing', async () => {
    const before = await agreements();
    const page = await pageOf('thads@demo.concord.vn');
    const dialog = await openImport(page);
    const input = dialog.getByLabel('Tệp Word (.docx, tối đa 20 MB)');
    // Plain text that calls itself a .docx, and a .txt: read by content, refused alike.
    for (const file of [
      { name: 'Quy che.docx', mimeType: DOCX, buffer: Buffer.from('Điều 1. Phạm vi điều chỉnh\n1. Quy chế này quy định…', 'utf8') },
      { name: 'Quy che.txt', mimeType: 'text/plain', buffer: Buffer.from('Điều 1. Phạm vi điều chỉnh', 'utf8') },
    ]) {
      await input.setInputFiles(file);
      await dialog.getByRole('button', { name: 'Nhập', exact: true }).click();
      await expect.poll(() => dialog.locator('.form-error').textContent(), { message: file.name }).toBe(message('vi', 'wordImportUnreadable'));
      // Still the form, to choose another file.
      expect(await input.isVisible()).toBe(true);
    }
    expect(await agreements()).toBe(before);
    await page.screenshot({ path: `${SHOTS}/import-refused-1280.png` });

    const phone = await pageOf('thads@demo.concord.vn', 390);
    const small = await openImport(phone);
    await small.getByLabel('Tệp Word (.docx, tối đa 20 MB)').setInputFiles({ name: 'bang-tinh.docx', mimeType: DOCX, buffer: Buffer.from('%PDF-1.4\n%âãÏÓ\n', 'latin1') });
    await small.getByRole('button', { name: 'Nhập', exact: true }).click();
    await expect.poll(() => small.locator('.form-error').textContent()).toBe(message('vi', 'wordImportUnreadable'));
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: `${SHOTS}/import-refused-390.png` });
    expect(await agreements()).toBe(before);
    expect(errors).toEqual([]);
  });
});
