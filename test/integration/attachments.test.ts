import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../../server/db/client.ts';
import { DEMO_IDS } from '../../server/demo/seed.ts';
import { message } from '../../shared/messages.ts';
import { buildUser } from '../factories.ts';
import { signIn, startTestServer, trpc, type TestServer } from '../helpers.ts';

let server: TestServer;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  for (const who of ['thads', 'toaan', 'vks', 'congan']) cookies[who] = await signIn(server.url, `${who}@demo.concord.vn`);
  const outsider = await buildUser(server.testDb.db, { agencyId: 'agency-ubnd', roles: ['legal_staff', 'chair'] });
  cookies.ubnd = await signIn(server.url, outsider.email, outsider.password);
});
afterAll(() => server.close());

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% ${text}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`);
const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000050001' +
  '0d0a2db40000000049454e44ae426082', 'hex');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function upload(who: string | null, target: string, bytes: Uint8Array, name: string, type = 'application/octet-stream') {
  const form = new FormData();
  form.set('target', target);
  form.set('file', new File([new Uint8Array(bytes)], name, { type }));
  return fetch(`${server.url}/attachments`, {
    method: 'POST', body: form, headers: { origin: server.url, ...(who ? { cookie: cookies[who] } : {}) },
  });
}
const download = (who: string | null, id: string) => fetch(`${server.url}/attachments/${id}`, { headers: who ? { cookie: cookies[who] } : {} });
const storedFiles = () => {
  const dir = join(server.deps.dataDir, 'files');
  return existsSync(dir) ? readdirSync(dir) : [];
};
const rows = async () => Number((await one<{ n: number }>(server.testDb.db, 'SELECT COUNT(*) AS n FROM attachments'))!.n);

describe('attachments', () => {
  let annexId: string;
  const annex = pdf('Phụ lục 01');

  it('a party uploads a PDF to the agreement; another party downloads the same bytes, as a download', async () => {
    const response = await upload('thads', `agreement:${DEMO_IDS.agreement}`, annex, 'Phụ lục 01.pdf', 'text/html');
    expect(response.status).toBe(201);
    const body = await response.json() as { id: string; name: string; size: number; sha256: string };
    expect(body).toEqual({ id: expect.any(String), name: 'Phụ lục 01.pdf', size: annex.length, sha256: sha256(annex) });
    annexId = body.id;
    expect(readFileSync(join(server.deps.dataDir, 'files', body.sha256))).toEqual(annex);

    const file = await download('toaan', annexId);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(annex);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(file.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('Phụ lục 01.pdf')}`);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');

    const audit = await one<{ action: string }>(server.testDb.db, `SELECT action FROM audit_log WHERE entity = 'agreement' AND entity_id = ? ORDER BY id DESC LIMIT 1`, [DEMO_IDS.agreement]);
    expect(audit?.action).toBe('attachment.upload');
  });

  it('refuses a non-party (403), an anonymous caller (401) and an unknown attachment (404)', async () => {
    const forbidden = await download('ubnd', annexId);
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json() as { error: string }).error).toBe(message('vi', 'forbidden'));
    expect((await download(null, annexId)).status).toBe(401);
    expect((await download('thads', 'khong-co-tep-nay')).status).toBe(404);
    expect((await upload(null, `agreement:${DEMO_IDS.agreement}`, annex, 'a.pdf')).status).toBe(401);
    expect((await upload('ubnd', `agreement:${DEMO_IDS.agreement}`, annex, 'a.pdf')).status).toBe(403);
    expect((await upload('thads', 'agreement:khong-co', annex, 'a.pdf')).status).toBe(404);
    expect((await upload('thads', 'folder:x', annex, 'a.pdf')).status).toBe(400);
  });

  it('upload rights follow the record: a signatory-only party may read but not attach; the chair attaches to the meeting, the office to its case', async () => {
    expect((await upload('congan', `agreement:${DEMO_IDS.agreement}`, annex, 'a.pdf')).status).toBe(403);
    expect((await download('congan', annexId)).status).toBe(200);
    expect((await upload('thads', `meeting:${DEMO_IDS.meeting}`, pdf('Hồ sơ cuộc họp'), 'Hồ sơ.pdf')).status).toBe(201);
    expect((await upload('toaan', `meeting:${DEMO_IDS.meeting}`, pdf('x'), 'x.pdf')).status).toBe(403);
    const scan = await upload('thads', `case:${DEMO_IDS.case}`, png, 'ban-an.png');
    expect(scan.status).toBe(201);
    const scanFile = await download('thads', (await scan.json() as { id: string }).id);
    expect(scanFile.headers.get('content-type')).toBe('image/png');
    const letter = await upload('toaan', 'actionItem:demo-item-tand', Buffer.from('Công văn trả lời: đã giải thích bản án.\n'), 'cong-van.txt');
    expect(letter.status).toBe(201);
    expect((await download('toaan', (await letter.json() as { id: string }).id)).headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect((await upload('ubnd', 'actionItem:demo-item-tand', pdf('x'), 'x.pdf')).status).toBe(403);
  });

  it('the same file uploaded twice is stored once on disk', async () => {
    const before = storedFiles().length;
    const again = await upload('toaan', `agreement:${DEMO_IDS.agreement}`, annex, 'Bản sao phụ lục.pdf');
    expect(again.status).toBe(201);
    const body = await again.json() as { id: string; sha256: string };
    expect(body.id).not.toBe(annexId);
    expect(body.sha256).toBe(sha256(annex));
    expect(storedFiles().length).toBe(before);
    expect(storedFiles().filter((name) => name === sha256(annex))).toHaveLength(1);
    expect(storedFiles().filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses by content, not by name: HTML, SVG or an executable renamed .pdf is 400 with a Vietnamese message', async () => {
    const before = { rows: await rows(), files: storedFiles().length };
    for (const [bytes, name] of [
      [Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>'), 'phu-luc.pdf'],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'so-do.pdf'],
      [Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]), 'bien-ban.pdf'],
      [Buffer.from('văn bản\u0000có NUL'), 'ghi-chu.txt'],
    ] as const) {
      const response = await upload('thads', `agreement:${DEMO_IDS.agreement}`, bytes, name, 'application/pdf');
      expect(response.status, name).toBe(400);
      expect((await response.json() as { error: string }).error).toBe(message('vi', 'attachmentTypeRefused'));
    }
    expect(await rows()).toBe(before.rows);
    expect(storedFiles().length).toBe(before.files);
  });

  it('a body over 20 MB is 413 and leaves no row nor file', async () => {
    const before = { rows: await rows(), files: storedFiles().length };
    const big = Buffer.alloc(21 * 1024 * 1024, 0x20);
    big.write('%PDF-1.4\n');
    const response = await upload('thads', `agreement:${DEMO_IDS.agreement}`, big, 'qua-lon.pdf');
    expect(response.status).toBe(413);
    expect((await response.json() as { error: string }).error).toBe(message('vi', 'bodyTooLarge', { limit: '20 MB' }));
    expect(await rows()).toBe(before.rows);
    expect(storedFiles().length).toBe(before.files);
  });

  it('a name with path separators or control characters is sanitised', async () => {
    const response = await upload('thads', `agreement:${DEMO_IDS.agreement}`, pdf('passwd'), '../../etc/passwd\u0001.pdf');
    expect(response.status).toBe(201);
    const { id, name } = await response.json() as { id: string; name: string };
    expect(name).toBe('passwd.pdf');
    const file = await download('vks', id);
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="passwd.pdf"; filename*=UTF-8''passwd.pdf`);
    expect(storedFiles().every((stored) => /^[0-9a-f]{64}$/.test(stored))).toBe(true);
  });

  it('the list over tRPC shows a record’s files to its readers only', async () => {
    const listed = await trpc(server.url, cookies.vks, 'attachments.list', { target: `agreement:${DEMO_IDS.agreement}` });
    expect(listed.status).toBe(200);
    expect(listed.data.items.map((item: { id: string }) => item.id)).toContain(annexId);
    expect(listed.data.items.find((item: { id: string }) => item.id === annexId)).toMatchObject({ name: 'Phụ lục 01.pdf', size: annex.length, contentType: 'application/pdf' });
    expect(listed.data.canUpload).toBe(true);
    expect((await trpc(server.url, cookies.congan, 'attachments.list', { target: `agreement:${DEMO_IDS.agreement}` })).data.canUpload).toBe(false);

    const outsider = await trpc(server.url, cookies.ubnd, 'attachments.list', { target: `agreement:${DEMO_IDS.agreement}` });
    expect(outsider.error?.data.code).toBe('FORBIDDEN');
    expect((await trpc(server.url, null, 'attachments.list', { target: `agreement:${DEMO_IDS.agreement}` })).error?.data.code).toBe('UNAUTHORIZED');
    expect((await trpc(server.url, cookies.thads, 'attachments.list', { target: 'meeting:khong-co' })).error?.data.code).toBe('NOT_FOUND');
    expect((await trpc(server.url, cookies.thads, 'attachments.list', { target: 'x' })).error?.data.code).toBe('BAD_REQUEST');
  });
});
