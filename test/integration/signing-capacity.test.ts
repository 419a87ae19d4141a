/**
 * Signing as an agency signs (Nghị định 30/2020, Phụ lục I), through the real server: the capacity
 * recorded with the agency's head title, TM. refused outside a collective body, TL./TUQ. refused
 * without a position, the same ND30 block in the DOCX, the PDF and the print view; an admin edits
 * the head title; leaving consultation while a party disagrees needs a confirmation naming it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENCY_IDS } from '../../server/demo/seed.ts';
import { localDate } from '../../shared/format.ts';
import { buildUser } from '../factories.ts';
import { docxDocumentXml, pdfText, signIn, startCollabTestServer, trpc, type CollabTestServer } from '../helpers.ts';

let server: CollabTestServer;
const cookies = new Map<string, string>();
beforeAll(async () => { server = await startCollabTestServer(); });
afterAll(() => server.close());

async function cookieOf(email: string, password?: string): Promise<string> {
  const full = email.includes('@') ? email : `${email}@demo.concord.vn`;
  let cookie = cookies.get(full);
  if (!cookie) cookies.set(full, (cookie = await signIn(server.url, full, password)));
  return cookie;
}
const call = async (who: string, path: string, input?: unknown, kind: 'query' | 'mutation' = 'mutation') => trpc(server.url, await cookieOf(who), path, input, kind);
const step = (agreementId: string, to: string, extra: Record<string, unknown> = {}) => call('thads', 'agreements.transition', { agreementId, to, ...extra });

async function toSigning(partyAgencyIds: string[]): Promise<{ id: string; hash: string }> {
  const created = await call('thads', 'agreements.create', { title: 'Quy chế phối hợp về ký kết', partyAgencyIds });
  expect(created.status).toBe(200);
  const id = created.data.id as string;
  expect((await step(id, 'final')).status).toBe(200);
  expect((await step(id, 'signing', { effectiveDate: localDate() })).status).toBe(200);
  return { id, hash: (await call('thads', 'agreements.lifecycle', { agreementId: id }, 'query')).data.signingHash };
}

const download = async (path: string) => Buffer.from(await (await fetch(`${server.url}${path}`, { headers: { cookie: await cookieOf('thads') } })).arrayBuffer());

describe('signing capacity', () => {
  it('a deputy signs KT. <head title> over PHÓ <head title>, the same in the DOCX, the PDF and the print view', async () => {
    const { id, hash } = await toSigning([DEMO_AGENCY_IDS.tand]);
    const life = (await call('toaan', 'agreements.lifecycle', { agreementId: id }, 'query')).data;
    expect(life.signer).toMatchObject({ position: 'Phó Chánh án', likelyCapacity: 'deputy', headTitle: 'CHÁNH ÁN', collective: false });
    expect(life.signingVersionName).toBe('Bản trình ký lần 1');
    expect((await call('toaan', 'agreements.sign', { agreementId: id, agencyId: DEMO_AGENCY_IDS.tand, textHash: hash, capacity: 'deputy' })).status).toBe(200);
    expect((await call('thads', 'agreements.sign', { agreementId: id, agencyId: DEMO_AGENCY_IDS.thads, textHash: hash, capacity: 'head' })).data.status).toBe('in_force');

    const signatures = (await call('thads', 'agreements.lifecycle', { agreementId: id }, 'query')).data.signatures;
    expect(signatures.map((s: { capacity: string; headTitle: string }) => [s.capacity, s.headTitle]).sort()).toEqual([['deputy', 'CHÁNH ÁN'], ['head', 'THỦ TRƯỞNG']]);

    const xml = docxDocumentXml(await download(`/export/agreements/${id}.docx`));
    const texts = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]);
    const at = texts.indexOf('KT. CHÁNH ÁN');
    expect(at).toBeGreaterThan(0);
    expect(texts[at - 1]).toBe('TÒA ÁN NHÂN DÂN TỈNH PHÚ THỌ');
    expect(texts.slice(at, at + 4)).toEqual(['KT. CHÁNH ÁN', 'PHÓ CHÁNH ÁN', '(Đã ký)', 'Lê Thị Thu Hà']);
    expect(texts).not.toContain('TM. TÒA ÁN NHÂN DÂN TỈNH PHÚ THỌ');
    expect(xml).not.toContain('Thẩm phán');

    const pdf = await pdfText(await download(`/export/agreements/${id}.pdf`));
    expect(pdf.replace(/\s+/g, ' ')).toContain('KT. CHÁNH ÁN PHÓ CHÁNH ÁN (Đã ký) Lê Thị Thu Hà');

    const printable = (await call('thads', 'agreements.printable', { agreementId: id }, 'query')).data;
    expect(printable.signatureBlocks.find((b: { agencyId: string }) => b.agencyId === DEMO_AGENCY_IDS.tand))
      .toMatchObject({ lines: ['TÒA ÁN NHÂN DÂN TỈNH PHÚ THỌ', 'KT. CHÁNH ÁN', 'PHÓ CHÁNH ÁN'], name: 'Lê Thị Thu Hà', signed: true });
  });

  it('TM. is refused for a court; by order needs a position; a people\'s committee signs TM. over its head title', async () => {
    const { id, hash } = await toSigning([DEMO_AGENCY_IDS.tand, DEMO_AGENCY_IDS.ubnd]);
    const tm = await call('toaan', 'agreements.sign', { agreementId: id, agencyId: DEMO_AGENCY_IDS.tand, textHash: hash, capacity: 'collective' });
    expect(tm.error?.data.code).toBe('BAD_REQUEST');
    expect(tm.error?.message).toContain('Chỉ tập thể (Ủy ban nhân dân) mới ký “TM.”');
    expect(tm.error?.message).toContain('Tòa án nhân dân tỉnh Phú Thọ');

    const unnamed = await buildUser(server.testDb.db, { agencyId: DEMO_AGENCY_IDS.ubnd, roles: ['signatory'], title: '' });
    cookies.set(unnamed.email, await signIn(server.url, unnamed.email, unnamed.password));
    const refused = await call(unnamed.email, 'agreements.sign', { agreementId: id, agencyId: DEMO_AGENCY_IDS.ubnd, textHash: hash, capacity: 'by_order' });
    expect(refused.error?.message).toContain('cần chức vụ của người ký');
    expect((await call(unnamed.email, 'agreements.sign', { agreementId: id, agencyId: DEMO_AGENCY_IDS.ubnd, textHash: hash, capacity: 'collective' })).status).toBe(200);
    const printable = (await call('thads', 'agreements.printable', { agreementId: id }, 'query')).data;
    expect(printable.signatureBlocks.find((b: { agencyId: string }) => b.agencyId === DEMO_AGENCY_IDS.ubnd).lines)
      .toEqual(['TM. ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ', 'CHỦ TỊCH']);
    // Not yet signed: the court's block is the form of its head, with no name.
    expect(printable.signatureBlocks.find((b: { agencyId: string }) => b.agencyId === DEMO_AGENCY_IDS.tand)).toMatchObject({ lines: ['TÒA ÁN NHÂN DÂN TỈNH PHÚ THỌ', 'CHÁNH ÁN'], signed: false, name: '' });
    // Without a capacity, the position decides: "Phó Chánh án" signs as a deputy.
    expect((await call('toaan', 'agreements.sign', { agreementId: id, agencyId: DEMO_AGENCY_IDS.tand, textHash: hash })).status).toBe(200);
    const signatures = (await call('thads', 'agreements.lifecycle', { agreementId: id }, 'query')).data.signatures;
    expect(signatures.find((s: { agencyId: string }) => s.agencyId === DEMO_AGENCY_IDS.tand).capacity).toBe('deputy');
  });

  it('an administrator edits the head title; an empty one falls back on the kind', async () => {
    const list = (await call('admin', 'agencies.list', undefined, 'query')).data as { id: string; headTitle: string; [k: string]: unknown }[];
    const vks = list.find((a) => a.id === DEMO_AGENCY_IDS.vks)!;
    expect(vks.headTitle).toBe('VIỆN TRƯỞNG');
    const { id: _id, validTo, successorId, ...fields } = vks;
    void validTo; void successorId;
    const input = { ...fields, id: vks.id, headTitle: 'Viện trưởng Viện kiểm sát' };
    expect((await call('admin', 'agencies.update', input)).data.headTitle).toBe('VIỆN TRƯỞNG VIỆN KIỂM SÁT');
    expect((await call('admin', 'agencies.update', { ...input, headTitle: '' })).data.headTitle).toBe('VIỆN TRƯỞNG');
    expect((await call('thads', 'agencies.update', input)).error?.data.code).toBe('FORBIDDEN');
  });
});

describe('leaving consultation while a party disagrees', () => {
  it('is refused with CONFLICT naming the party and its opinion, and goes through once confirmed', async () => {
    const created = await call('thads', 'agreements.create', { title: 'Quy chế phối hợp lấy ý kiến', partyAgencyIds: [DEMO_AGENCY_IDS.tand, DEMO_AGENCY_IDS.vks] });
    const id = created.data.id as string;
    expect((await step(id, 'consultation', { deadline: localDate() })).status).toBe(200);
    expect((await call('toaan', 'agreements.giveOpinion', { agreementId: id, unitId: null, stance: 'disagree', comment: 'Thời hạn giải thích bản án quá ngắn' })).status).toBe(200);
    expect((await call('vks', 'agreements.giveOpinion', { agreementId: id, unitId: null, stance: 'agree', comment: '' })).status).toBe(200);
    const refused = await step(id, 'final', { expectedStatus: 'consultation' });
    expect(refused.error?.data.code).toBe('CONFLICT');
    expect(refused.error?.message).toBe('Còn cơ quan không đồng ý: TAND Phú Thọ (toàn văn: “Thời hạn giải thích bản án quá ngắn”). Hãy xác nhận vẫn chuyển sang “Hoàn thiện”.');
    expect(refused.error?.message).not.toContain('VKSND');
    const moved = await step(id, 'final', { expectedStatus: 'consultation', confirmDisagreement: true });
    expect(moved.data.status).toBe('final');
  });
});
