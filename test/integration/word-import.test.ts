/**
 * POST /import/agreements on the real server: a .docx becomes a draft whose live text has the
 * file's structure; the demo agreement exported to Word imports back with the same articles;
 * files that are not a readable .docx, people who may not create agreements and anonymous calls
 * are refused and leave nothing.
 */
import { describe, expect, it } from 'vitest';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { all, one } from '../../server/db/client.ts';
import { loadStoredDoc } from '../../server/collab/storage.ts';
import { DEMO_AGENCY_IDS, DEMO_IDS } from '../../server/demo/seed.ts';
import { legalDocOf } from '../../shared/legal/ydoc.ts';
import { textBlocks } from '../../shared/legal/blocks.ts';
import type { LegalNodeJSON } from '../../shared/legal/numbering.ts';
import { message } from '../../shared/messages.ts';
import { serverSuite, startTestServer } from '../helpers.ts';

const suite = serverSuite(() => startTestServer(), ['thads', 'congan']);
const { cookies } = suite;

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function post(who: string | null, bytes: Uint8Array, name: string, parties: string[] = [DEMO_AGENCY_IDS.tand]) {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(bytes)], name, { type: DOCX }));
  for (const party of parties) form.append('partyAgencyIds', party);
  return fetch(`${suite.server.url}/import/agreements`, {
    method: 'POST', body: form, headers: { origin: suite.server.url, ...(who ? { cookie: cookies[who] } : {}) },
  });
}

const agreementCount = async () => Number((await one<{ n: number }>(suite.server.testDb.db, 'SELECT COUNT(*) AS n FROM agreements'))!.n);

async function liveText(agreementId: string): Promise<LegalNodeJSON> {
  const ydoc = await loadStoredDoc(suite.server.testDb.db, `agreement:${agreementId}`);
  return legalDocOf(ydoc).toJSON() as LegalNodeJSON;
}

const p = (text: string) => new Paragraph({ children: [new TextRun(text)] });
const cell = (lines: string[]) => new TableCell({ children: lines.map((l) => new Paragraph({ alignment: AlignmentType.CENTER, text: l })) });

async function sampleDocx(): Promise<Buffer> {
  return Packer.toBuffer(new Document({
    sections: [{
      children: [
        new Table({ rows: [new TableRow({ children: [cell(['THADS TỈNH - TAND TỈNH', 'Số: 07/2026/QCPH']), cell(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'])] })] }),
        p('QUY CHẾ'),
        p('Phối hợp trong công tác thi hành án dân sự'),
        p('Căn cứ Luật Thi hành án dân sự;'),
        p('Chương I'),
        p('QUY ĐỊNH CHUNG'),
        p('Điều 1. Phạm vi'),
        p('Quy chế này quy định việc phối hợp.'),
        p('Chương II'),
        p('NỘI DUNG'),
        p('Điều 2. Trao đổi thông tin'),
        p('1. Các bên trao đổi thông tin:'),
        p('a) Bằng văn bản;'),
        p('b) Qua thư điện tử.'),
        p('2. Thông tin được bảo mật.'),
        new Table({ rows: [new TableRow({ children: [cell(['TM. THADS TỈNH', 'CỤC TRƯỞNG', 'Nguyễn Văn A']), cell(['TM. TAND TỈNH', 'CHÁNH ÁN', 'Lê Văn B'])] })] }),
      ],
    }],
  }));
}

describe('POST /import/agreements', () => {
  it('creates a draft led by the importer with the parties, number and structured live text', async () => {
    const response = await post('thads', await sampleDocx(), 'Quy che.docx');
    expect(response.status).toBe(201);
    const body = await response.json() as { id: string; chapters: number; articles: number; report: string[] };
    expect(body).toMatchObject({ id: expect.any(String), chapters: 2, articles: 2 });
    expect(body.report.join(' ')).toContain('Nguyễn Văn A');

    const row = await one<{ title: string; doc_number: string; lead_agency_id: string; status: string }>(suite.server.testDb.db,
      'SELECT title, doc_number, lead_agency_id, status FROM agreements WHERE id = ?', [body.id]);
    expect(row).toMatchObject({ title: 'QUY CHẾ Phối hợp trong công tác thi hành án dân sự', doc_number: '07/2026/QCPH', lead_agency_id: DEMO_AGENCY_IDS.thads, status: 'draft' });
    const parties = await all<{ agency_id: string }>(suite.server.testDb.db, 'SELECT agency_id FROM agreement_parties WHERE agreement_id = ?', [body.id]);
    expect(parties.map((r) => r.agency_id).sort()).toEqual([DEMO_AGENCY_IDS.tand, DEMO_AGENCY_IDS.thads].sort());

    const blocks = textBlocks(await liveText(body.id)).map((b) => `${b.kind}|${b.label}|${b.text}`);
    expect(blocks).toEqual([
      'title||QUY CHẾ Phối hợp trong công tác thi hành án dân sự',
      'preamble||Căn cứ Luật Thi hành án dân sự;',
      'chapter|Chương I|QUY ĐỊNH CHUNG',
      'article|Điều 1.|Phạm vi',
      'paragraph||Quy chế này quy định việc phối hợp.',
      'chapter|Chương II|NỘI DUNG',
      'article|Điều 2.|Trao đổi thông tin',
      'clause|1.|Các bên trao đổi thông tin:',
      'point|a)|Bằng văn bản;',
      'point|b)|Qua thư điện tử.',
      'clause|2.|Thông tin được bảo mật.',
    ]);
  });

  it('the demo agreement exported to Word imports back with the same articles and headings', async () => {
    const exported = await fetch(`${suite.server.url}/export/agreements/${DEMO_IDS.agreement}.docx`, { headers: { cookie: cookies.thads } });
    expect(exported.status).toBe(200);
    const response = await post('thads', new Uint8Array(await exported.arrayBuffer()), 'demo.docx', [DEMO_AGENCY_IDS.tand, DEMO_AGENCY_IDS.vks, DEMO_AGENCY_IDS.ca]);
    expect(response.status).toBe(201);
    const body = await response.json() as { id: string; chapters: number; articles: number; report: string[] };

    const original = textBlocks(await liveText(DEMO_IDS.agreement));
    const imported = textBlocks(await liveText(body.id));
    const headings = (blocks: typeof original, kind: string) => blocks.filter((b) => b.kind === kind).map((b) => `${b.label} ${b.text}`);
    expect(body.articles).toBe(headings(original, 'article').length);
    expect(body.chapters).toBe(headings(original, 'chapter').length);
    expect(headings(imported, 'article')).toEqual(headings(original, 'article'));
    expect(headings(imported, 'chapter')).toEqual(headings(original, 'chapter'));
    expect(imported.filter((b) => b.kind === 'clause').length).toBe(original.filter((b) => b.kind === 'clause').length);
    expect(imported.filter((b) => b.kind === 'point').length).toBe(original.filter((b) => b.kind === 'point').length);
    expect(imported.filter((b) => b.kind === 'preamble').map((b) => b.text)).toEqual(original.filter((b) => b.kind === 'preamble').map((b) => b.text));
  });

  it('a .txt file or a corrupt .docx: 400 with a Vietnamese message, nothing created', async () => {
    const before = await agreementCount();
    const text = await post('thads', new TextEncoder().encode('Điều 1. Văn bản thuần'), 'quy-che.txt');
    expect(text.status).toBe(400);
    expect(await text.json()).toEqual({ error: message('vi', 'wordImportUnreadable') });
    const good = await sampleDocx();
    const corrupt = Buffer.from(good);
    corrupt.fill(0x41, 200, 2000);
    const broken = await post('thads', corrupt, 'hong.docx');
    expect(broken.status).toBe(400);
    expect((await broken.json() as { error: string }).error).toBe(message('vi', 'wordImportUnreadable'));
    expect(await agreementCount()).toBe(before);
  });

  it('an unknown party agency is refused, nothing created', async () => {
    const before = await agreementCount();
    const response = await post('thads', await sampleDocx(), 'a.docx', ['agency-nowhere']);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: message('vi', 'unknownAgency') });
    expect(await agreementCount()).toBe(before);
  });

  it('403 to a signatory who is not legal staff; 401 without a session; 413 over 20 MB', async () => {
    const before = await agreementCount();
    const forbidden = await post('congan', await sampleDocx(), 'a.docx');
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({ error: message('vi', 'forbidden') });
    const anonymous = await post(null, await sampleDocx(), 'a.docx');
    expect(anonymous.status).toBe(401);
    const large = await post('thads', new Uint8Array(21 * 1024 * 1024), 'big.docx');
    expect(large.status).toBe(413);
    expect(await agreementCount()).toBe(before);
    const unknown = await fetch(`${suite.server.url}/import/nothing`, { headers: { cookie: cookies.thads } });
    expect(unknown.status).toBe(404);
  });
});
