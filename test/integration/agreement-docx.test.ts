/**
 * The agreement as a Word document (Nghị định 30/2020 layout), read back with an independent zip
 * reader: motto, parties, number line, numbered chapters and articles, every party's signature
 * block, Times New Roman; saved versions by `?version=`; 401, 403 and 404 like the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENCY_IDS, DEMO_IDS } from '../../server/demo/seed.ts';
import { localDate } from '../../shared/format.ts';
import { docxDocumentXml, signIn, startCollabTestServer, trpc, type CollabTestServer } from '../helpers.ts';
import { buildUser } from '../factories.ts';

let server: CollabTestServer;
let thads: string;
let toaan: string;

beforeAll(async () => {
  server = await startCollabTestServer();
  thads = await signIn(server.url, 'thads@demo.concord.vn');
  toaan = await signIn(server.url, 'toaan@demo.concord.vn');
});
afterAll(() => server.close());

const download = (path: string, cookie: string | null) => fetch(`${server.url}${path}`, { headers: cookie ? { cookie } : {} });
/** The visible text of document.xml: the runs' text joined per paragraph. */
const paragraphs = (xml: string) => xml.split('</w:p>').map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));

describe('GET /export/agreements/:id.docx', () => {
  it('renders the current text in the Nghị định 30 layout', async () => {
    const response = await download(`/export/agreements/${DEMO_IDS.agreement}.docx`, toaan);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const xml = docxDocumentXml(Buffer.from(await response.arrayBuffer()));
    const text = paragraphs(xml);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text.some((p) => p.startsWith('Số: '))).toBe(true);
    expect(text.some((p) => /^Phú Thọ, ngày \d{2} tháng (0[12]|[3-9]|1[0-2]) năm \d{4}$/.test(p))).toBe(true);
    // The agencies joined with hyphens, as a joint document names its issuers.
    const issuers = text.find((p) => p.startsWith('THI HÀNH ÁN DÂN SỰ TỈNH PHÚ THỌ - '));
    expect(issuers?.split(' - ').sort()).toEqual(['CÔNG AN TỈNH PHÚ THỌ', 'THI HÀNH ÁN DÂN SỰ TỈNH PHÚ THỌ', 'TÒA ÁN NHÂN DÂN TỈNH PHÚ THỌ', 'VIỆN KIỂM SÁT NHÂN DÂN TỈNH PHÚ THỌ']);
    expect(text).toContain('Chương I');
    expect(text.some((p) => p.startsWith('Điều 1. '))).toBe(true);
    expect(text.some((p) => p.startsWith('Điều 8. '))).toBe(true);
    expect(text.some((p) => /^1\. /.test(p))).toBe(true);
    expect(text.some((p) => /^a\) /.test(p))).toBe(true);
    // Not yet signed: each party's block is its name over its head's title (Nghị định 30: "TM." only for a collective body).
    for (const [name, head] of [['Thi hành án dân sự tỉnh Phú Thọ', 'THỦ TRƯỞNG'], ['Tòa án nhân dân tỉnh Phú Thọ', 'CHÁNH ÁN'], ['Viện kiểm sát nhân dân tỉnh Phú Thọ', 'VIỆN TRƯỞNG'], ['Công an tỉnh Phú Thọ', 'GIÁM ĐỐC']]) {
      expect(text[text.indexOf(name.toUpperCase()) + 1]).toBe(head);
    }
    expect(text.some((p) => p.startsWith('TM. '))).toBe(false);
    expect(xml).toContain('Times New Roman');
    // A4, margins 20/20/30/15 mm, page numbers from page 2.
    expect(xml).toMatch(/<w:pgSz w:w="1190\d" w:h="1683\d"/);
    expect(xml).toContain('<w:titlePg/>');
  });

  it('a signed version carries the signers\' names; an unknown version, or one of another agreement, is 404', async () => {
    const created = await trpc(server.url, thads, 'agreements.create', { title: 'Quy chế phối hợp thử nghiệm ký', partyAgencyIds: [DEMO_AGENCY_IDS.tand] }, 'mutation');
    const id = created.data.id;
    const step = (to: string, extra = {}) => trpc(server.url, thads, 'agreements.transition', { agreementId: id, to, ...extra }, 'mutation');
    await step('consultation', { deadline: localDate() });
    await step('final');
    await step('signing', { effectiveDate: localDate() });
    const { signingHash, signingVersionId } = (await trpc(server.url, thads, 'agreements.lifecycle', { agreementId: id })).data;
    await trpc(server.url, thads, 'agreements.sign', { agreementId: id, agencyId: DEMO_AGENCY_IDS.thads, textHash: signingHash }, 'mutation');
    await trpc(server.url, toaan, 'agreements.sign', { agreementId: id, agencyId: DEMO_AGENCY_IDS.tand, textHash: signingHash }, 'mutation');

    const response = await download(`/export/agreements/${id}.docx?version=${signingVersionId}`, toaan);
    expect(response.status).toBe(200);
    const text = paragraphs(docxDocumentXml(Buffer.from(await response.arrayBuffer())));
    // Nghị định 30's title: the kind in capitals, then the summary as written.
    expect(text).toContain('QUY CHẾ');
    expect(text).toContain('Phối hợp thử nghiệm ký');
    // Signed without a capacity given: the signers' positions ("Phó …") make them deputies.
    expect(text).toContain('KT. THỦ TRƯỞNG');
    expect(text).toContain('KT. CHÁNH ÁN');
    expect(text).toContain('PHÓ CHÁNH ÁN');
    expect(text).toContain('Nguyễn Văn Hùng');
    expect(text).toContain('Lê Thị Thu Hà');

    expect((await download(`/export/agreements/${id}.docx?version=no-such-version`, toaan)).status).toBe(404);
    expect((await download(`/export/agreements/${DEMO_IDS.agreement}.docx?version=${signingVersionId}`, toaan)).status).toBe(404);
    expect((await download('/export/agreements/no-such-agreement.docx', toaan)).status).toBe(404);
  });

  it('401 without a session, 403 for a user of an agency that is not a party', async () => {
    expect((await download(`/export/agreements/${DEMO_IDS.agreement}.docx`, null)).status).toBe(401);
    const outsider = await buildUser(server.testDb.db, { agencyId: DEMO_AGENCY_IDS.ubnd, roles: ['legal_staff'] });
    const cookie = await signIn(server.url, outsider.email, outsider.password);
    expect((await download(`/export/agreements/${DEMO_IDS.agreement}.docx`, cookie)).status).toBe(403);
  });
});
