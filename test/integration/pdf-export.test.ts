/**
 * The PDF exports on a real server, read back with an independent reader (pdf.js): the agreement
 * in the Nghị định 30 layout with its Vietnamese text intact and in order, page numbers at the top
 * from page 2, a saved version by `?version=`, the approved minutes (409 before), an embedded
 * font; 401, 403 and 404 like the DOCX routes.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENCY_IDS, DEMO_IDS } from '../../server/demo/seed.ts';
import { buildUser, meetingUnderWay } from '../factories.ts';
import { signIn, startTestServer, type TestServer } from '../helpers.ts';

let server: TestServer;
let thads: string;
let toaan: string;

beforeAll(async () => {
  server = await startTestServer();
  thads = await signIn(server.url, 'thads@demo.concord.vn');
  toaan = await signIn(server.url, 'toaan@demo.concord.vn');
});
afterAll(() => server.close());

const download = (path: string, cookie: string | null) => fetch(`${server.url}${path}`, { headers: cookie ? { cookie } : {} });
const mutate = async (path: string, input: unknown, cookie: string) => {
  const response = await fetch(`${server.url}/trpc/${path}`, {
    method: 'POST', headers: { cookie, origin: server.url, 'content-type': 'application/json' }, body: JSON.stringify(input),
  });
  return { status: response.status, body: await response.json() as { result?: { data: any } } };
};

const MM = 72 / 25.4;
interface Page { text: string; top: string[] }
/** Each page's text (lines joined by spaces) and what is written in its top margin (above 20 mm). */
async function readPdf(bytes: Buffer): Promise<Page[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const pages: Page[] = [];
  for (let n = 1; n <= pdf.numPages; n += 1) {
    const page = await pdf.getPage(n);
    const height = page.view[3];
    const items = (await page.getTextContent()).items.filter((i) => 'str' in i);
    pages.push({
      text: items.map((i) => i.str + (i.hasEOL ? ' ' : '')).join('').replace(/\s+/g, ' ').trim(),
      top: items.filter((i) => i.transform[5] > height - 20 * MM && i.str.trim() !== '').map((i) => i.str.trim()),
    });
  }
  return pages;
}

async function pdfOf(response: Response): Promise<{ bytes: Buffer; pages: Page[]; text: string }> {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  expect(response.headers.get('content-disposition')).toMatch(/^attachment;.*\.pdf/);
  const bytes = Buffer.from(await response.arrayBuffer());
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const pages = await readPdf(bytes);
  return { bytes, pages, text: pages.map((p) => p.text).join(' ') };
}

/** The serif embedded (a subset, as TrueType) is Liberation Serif when Debian's fonts-liberation2 is installed, else DejaVu Serif. */
function expectEmbeddedSerif(bytes: Buffer) {
  const raw = bytes.toString('latin1');
  expect(raw).toContain('/FontFile2');
  const family = existsSync('/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf') ? 'LiberationSerif' : 'DejaVuSerif';
  expect(raw).toMatch(new RegExp(`/BaseFont /[A-Z]{6}\\+${family}`));
}

describe('GET /export/agreements/:id.pdf', () => {
  it('is the agreement in the Nghị định 30 layout: header, title, numbered text in order with diacritics, signature blocks, page numbers from page 2', async () => {
    const { bytes, pages, text } = await pdfOf(await download(`/export/agreements/${DEMO_IDS.agreement}.pdf`, toaan));
    expectEmbeddedSerif(bytes);
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'QUY CHẾ Phối hợp liên ngành trong công tác thi hành án dân sự', 'Số: ',
      'Phạm vi điều chỉnh', 'thi hành án dân sự', 'Nơi nhận:', 'THI HÀNH ÁN DÂN SỰ TỈNH PHÚ THỌ THỦ TRƯỞNG', 'CÔNG AN TỈNH PHÚ THỌ GIÁM ĐỐC',
    ]) expect(text, expected).toContain(expected);
    expect(text).toMatch(/Phú Thọ, ngày \d{2} tháng (0[12]|[3-9]|1[0-2]) năm \d{4}/);

    // In order: the motto, the title, Chương I, then Điều 1., Điều 2., … each once, then the signatures.
    const order = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'QUY CHẾ Phối hợp', 'Chương I', 'Điều 1. Phạm vi điều chỉnh', 'Điều 2.', 'Điều 3.', 'Chương II', 'Điều 8.', 'VIỆN TRƯỞNG'];
    const at = order.map((s) => text.indexOf(s));
    expect(at.every((i) => i >= 0), JSON.stringify(at)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // Headings, not cross-references ("… theo Điều 8. Điều 7. Phối hợp …").
    const articles = [...text.matchAll(/Điều (\d+)\. (?!Điều )[A-ZĐ]/g)].map((m) => Number(m[1]));
    expect(articles.length).toBeGreaterThanOrEqual(8);
    expect(articles).toEqual(articles.map((_, i) => i + 1));
    expect(text).toMatch(/ 1\. [A-ZĐ]/);
    expect(text).toMatch(/ a\) [A-ZĐ]/);
    // Labels are written once: no "1. Điều 1.", no "Điều 1. Điều 1.", no "a) a)".
    expect(text).not.toMatch(/(?<!Điều )\b\d+\. Điều \d+\./);
    expect(text).not.toMatch(/Điều (\d+)\. Điều \1\./);
    expect(text).not.toMatch(/\b([a-zđ])\) \1\) /);
    expect(text).not.toMatch(/ (\d+)\. \1\. /);

    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0].top).toEqual([]);
    pages.slice(1).forEach((page, i) => expect(page.top).toEqual([String(i + 2)]));
  });

  it('?version= exports a saved version; an unknown version is 404', async () => {
    const saved = await mutate('agreements.saveVersion', { agreementId: DEMO_IDS.agreement, name: 'Bản 1' }, thads);
    expect(saved.status).toBe(200);
    const versionId = saved.body.result!.data.id as string;
    const { bytes, text } = await pdfOf(await download(`/export/agreements/${DEMO_IDS.agreement}.pdf?version=${encodeURIComponent(versionId)}`, toaan));
    expect(bytes.toString('latin1')).toContain('/FontFile2');
    expect(text).toContain('Điều 1. Phạm vi điều chỉnh');
    expect(text).toContain('TÒA ÁN NHÂN DÂN TỈNH PHÚ THỌ CHÁNH ÁN');
    expect((await download(`/export/agreements/${DEMO_IDS.agreement}.pdf?version=no-such-version`, toaan)).status).toBe(404);
  });

  it('401 without a session, 403 to an agency that is not a party, 404 for an unknown agreement', async () => {
    expect((await download(`/export/agreements/${DEMO_IDS.agreement}.pdf`, null)).status).toBe(401);
    const outsider = await buildUser(server.testDb.db, { agencyId: DEMO_AGENCY_IDS.ubnd });
    const cookie = await signIn(server.url, outsider.email, outsider.password);
    expect((await download(`/export/agreements/${DEMO_IDS.agreement}.pdf`, cookie)).status).toBe(403);
    expect((await download(`/export/meetings/${DEMO_IDS.meeting}/minutes.pdf`, cookie)).status).toBe(403);
    expect((await download('/export/agreements/no-such-agreement.pdf', thads)).status).toBe(404);
  });
});

describe('GET /export/meetings/:id/minutes.pdf', () => {
  it('is 401 without a session, 404 for an unknown meeting, 409 before approval, then the biên bản', async () => {
    const path = `/export/meetings/${DEMO_IDS.meeting}/minutes.pdf`;
    expect((await download(path, null)).status).toBe(401);
    expect((await download('/export/meetings/no-such-meeting/minutes.pdf', thads)).status).toBe(404);
    expect((await download(path, thads)).status).toBe(409);

    await meetingUnderWay(server.testDb.db, DEMO_IDS.meeting);
    expect((await mutate('meetings.approveMinutes', { id: DEMO_IDS.meeting, confirmUnconfirmed: true }, thads)).status).toBe(200);

    const { bytes, text } = await pdfOf(await download(path, toaan));
    expectEmbeddedSerif(bytes);
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'BIÊN BẢN', 'THI HÀNH ÁN DÂN SỰ TỈNH PHÚ THỌ',
      'I. THỜI GIAN, ĐỊA ĐIỂM', 'II. THÀNH PHẦN THAM DỰ', 'III. NỘI DUNG', 'IV. KẾT LUẬN CỦA CHỦ TRÌ', 'Biên bản đã được chủ trì thông qua ngày',
      'THƯ KÝ', 'CHỦ TRÌ',
    ]) expect(text, expected).toContain(expected);
    expect(text.indexOf('III. NỘI DUNG')).toBeLessThan(text.indexOf('IV. KẾT LUẬN CỦA CHỦ TRÌ'));
    expect(text.lastIndexOf('THƯ KÝ')).toBeLessThan(text.lastIndexOf('CHỦ TRÌ'));
  });
});
