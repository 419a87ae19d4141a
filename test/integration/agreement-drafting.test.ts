/**
 * Drafting an agreement together, through the real server: comments anchored in the live text the
 * way the browser anchors them, named versions (saved, kept, restored as a new change), parties
 * whose removal closes their live connections, and a new agreement's text seeded with its record.
 * Live text is read and edited with stock y-websocket clients.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { all, one } from '../../server/db/client.ts';
import { loadStoredDoc } from '../../server/collab/storage.ts';
import { DEMO_AGENCY_IDS, DEMO_IDS } from '../../server/demo/seed.ts';
import { CLOSE, docName } from '../../shared/collab.ts';
import { compareVersions } from '../../shared/legal/compare.ts';
import { LEGAL_FRAGMENT, legalDocOf, findUnitElement } from '../../shared/legal/ydoc.ts';
import { buildUser } from '../factories.ts';
import { createTestDb, signIn, startCollabTestServer, trpc, type CollabTestServer, type TestDb } from '../helpers.ts';
import { connectClient, synced, waitFor, type TestClient, findText } from '../collab/client.ts';

const AGREEMENT_ID = DEMO_IDS.agreement;
const DOC = docName('agreement', AGREEMENT_ID);
const PARTIES = [DEMO_AGENCY_IDS.thads, DEMO_AGENCY_IDS.tand, DEMO_AGENCY_IDS.vks, DEMO_AGENCY_IDS.ca];

// Sentences of the demo text (shared/legal/demo-text.ts), each in one paragraph.
const ARTICLE_8_CLAUSE_1 = 'Cơ quan thi hành án dân sự có văn bản yêu cầu Tòa án đã ra bản án, quyết định giải thích những điểm chưa rõ';
const ARTICLE_8_CLAUSE_2 = 'Trong thời hạn 15 ngày kể từ ngày nhận được văn bản yêu cầu';
const ARTICLE_10_CLAUSE_1 = 'Đối với vụ việc cưỡng chế phức tạp, có huy động lực lượng';

// ---------------------------------------------------------------------------------------------
// The live text, seen through Yjs

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));


/** The structural element (chapter, article, clause, point) with this id. */
function findUnit(doc: Y.Doc, id: string): Y.XmlElement {
  const found = findUnitElement(doc.getXmlFragment(LEGAL_FRAGMENT), id);
  if (!found) throw new Error(`no unit ${id}`);
  return found;
}

/**
 * Anchors of the range `quote` (inside `within`, when given, to pick one occurrence), made as the
 * browser makes them: two Yjs relative positions, encoded, in base64.
 */
function anchorsOf(doc: Y.Doc, quote: string, within = quote) {
  const { text, index } = findText(doc, within);
  const start = index + within.indexOf(quote);
  const encode = (at: number) => toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, at)));
  return { anchorStart: encode(start), anchorEnd: encode(start + quote.length), quote };
}

/** The text an anchored range covers in `doc` now; null when an anchor no longer resolves. */
function anchoredText(doc: Y.Doc, anchorStart: string, anchorEnd: string): string | null {
  const start = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(fromBase64(anchorStart)), doc);
  const end = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(fromBase64(anchorEnd)), doc);
  if (!start || !end || start.type !== end.type) return null;
  return (start.type as Y.XmlText).toString().slice(start.index, end.index);
}

/** Inserts `insert` into the paragraph holding `needle`, `offset` characters after the needle's start. */
function insertText(doc: Y.Doc, needle: string, offset: number, insert: string): void {
  const { text, index } = findText(doc, needle);
  text.insert(index + offset, insert);
}

const plainText = (doc: Y.Doc) => legalDocOf(doc).textContent;

async function eventually(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

// ---------------------------------------------------------------------------------------------
// A real server per test, demo users signed in on demand

let server: CollabTestServer;
const clients: TestClient[] = [];
const cookies = new Map<string, string>();

async function startServer(testDb?: TestDb) {
  server = await startCollabTestServer({ testDb });
  cookies.clear();
}
async function stopServer() {
  for (const client of clients.splice(0)) client.destroy();
  await server.close();
}

const email = (who: string) => (who.includes('@') ? who : `${who}@demo.concord.vn`);
async function cookieOf(who: string, password?: string): Promise<string> {
  let cookie = cookies.get(who);
  if (!cookie) cookies.set(who, (cookie = await signIn(server.url, email(who), password)));
  return cookie;
}
const query = async (who: string, path: string, input?: unknown) => trpc(server.url, await cookieOf(who), `agreements.${path}`, input);
const mutate = async (who: string, path: string, input?: unknown) => trpc(server.url, await cookieOf(who), `agreements.${path}`, input, 'mutation');

async function open(who: string, name = DOC): Promise<TestClient> {
  const client = connectClient(server.collabUrl, name, await cookieOf(who));
  clients.push(client);
  await synced(client);
  return client;
}

/** The text as stored: every update any client has been acknowledged. */
async function stored<T>(read: (doc: Y.Doc) => T): Promise<T> {
  const doc = await loadStoredDoc(server.testDb.db, DOC);
  try {
    return read(doc);
  } finally {
    doc.destroy();
  }
}

const comments = async (who = 'thads') => (await query(who, 'comments', { agreementId: AGREEMENT_ID })).data as {
  id: string; threadId: string | null; authorName: string; agencyId: string; agencyShortName: string; body: string;
  anchorStart: string | null; anchorEnd: string | null; quote: string; unitId: string | null; resolvedAt: string | null; resolvedByName: string | null;
}[];

const auditOf = async (entityId = AGREEMENT_ID) => all<{ action: string; email: string; summary: string }>(server.testDb.db, `
  SELECT l.action, u.email, l.summary FROM audit_log l JOIN users u ON u.id = l.user_id
   WHERE l.entity = 'agreement' AND l.entity_id = ? ORDER BY l.id`, [entityId]);

// ---------------------------------------------------------------------------------------------

describe('comments anchored in the live text', () => {
  beforeEach(() => startServer());
  afterEach(() => stopServer());

  it('a party\'s legal staff comment on a range: listed with the quote, the author and the agency, and audited', async () => {
    const toaan = await open('toaan');
    const anchors = anchorsOf(toaan.doc, '15 ngày', ARTICLE_8_CLAUSE_2);
    const added = await mutate('toaan', 'addComment', {
      agreementId: AGREEMENT_ID, body: 'Đề nghị rút xuống 10 ngày làm việc.', ...anchors, unitId: 'demo-a08-k2',
    });
    expect(added.status).toBe(200);
    expect(added.data.id).toEqual(expect.any(String));

    const listed = await comments('vks');
    expect(listed).toEqual([expect.objectContaining({
      id: added.data.id, threadId: null, body: 'Đề nghị rút xuống 10 ngày làm việc.', quote: '15 ngày', unitId: 'demo-a08-k2',
      authorName: 'Lê Thị Thu Hà', agencyId: DEMO_AGENCY_IDS.tand, agencyShortName: 'TAND Phú Thọ',
      anchorStart: anchors.anchorStart, anchorEnd: anchors.anchorEnd, resolvedAt: null,
    })]);
    expect((await auditOf()).map((a) => [a.action, a.email])).toEqual([['comment', 'toaan@demo.concord.vn']]);
  });

  it('a signatory who may only read the text comments and replies: commenting needs no right to edit', async () => {
    const rights = await query('congan', 'get', { id: AGREEMENT_ID });
    expect(rights.data).toMatchObject({ canEdit: false, canComment: true });
    // The read-only member's copy of the text is the one it anchors in, as its browser would.
    const congan = await open('congan');
    const anchors = anchorsOf(congan.doc, 'bảo vệ cưỡng chế', 'cơ quan Công an có trách nhiệm xây dựng phương án bảo vệ');
    const thread = await mutate('congan', 'addComment', { agreementId: AGREEMENT_ID, body: 'Công an thống nhất.', ...anchors });
    expect(thread.status).toBe(200);
    const answer = await mutate('congan', 'reply', { agreementId: AGREEMENT_ID, threadId: thread.data.id, body: 'Bổ sung: cần 03 ngày chuẩn bị.' });
    expect(answer.status).toBe(200);

    const listed = await comments('toaan');
    expect(listed.map((c) => [c.id, c.threadId, c.agencyShortName, c.quote])).toEqual([
      [thread.data.id, null, 'Công an Phú Thọ', 'bảo vệ cưỡng chế'],
      [answer.data.id, thread.data.id, 'Công an Phú Thọ', ''],
    ]);
    expect(listed[1]).toMatchObject({ anchorStart: null, anchorEnd: null });
    expect((await auditOf()).map((a) => [a.action, a.email])).toEqual([
      ['comment', 'congan@demo.concord.vn'], ['reply', 'congan@demo.concord.vn'],
    ]);
  });

  it('a user of an agency that is not a party may neither comment nor read the comments', async () => {
    const outsider = await buildUser(server.testDb.db, { agencyId: DEMO_AGENCY_IDS.ubnd, roles: ['legal_staff'] });
    await cookieOf(outsider.email, outsider.password);
    const thads = await open('thads');
    const anchors = anchorsOf(thads.doc, '15 ngày', ARTICLE_8_CLAUSE_2);

    const added = await mutate(outsider.email, 'addComment', { agreementId: AGREEMENT_ID, body: 'Ý kiến của UBND.', ...anchors });
    expect(added.error?.data.code).toBe('FORBIDDEN');
    expect((await query(outsider.email, 'comments', { agreementId: AGREEMENT_ID })).error?.data.code).toBe('FORBIDDEN');
    expect(await comments()).toEqual([]);
    expect(await auditOf()).toEqual([]);
  });

  it('a comment on text deleted meanwhile is refused with CONFLICT and a clear message, and nothing is stored', async () => {
    const toaan = await open('toaan');
    const thads = await open('thads');
    const anchors = anchorsOf(toaan.doc, '15 ngày', ARTICLE_8_CLAUSE_2);

    const { text, index } = findText(thads.doc, ARTICLE_8_CLAUSE_2);
    text.delete(index + 'Trong thời hạn '.length, '15 ngày kể từ'.length);
    await eventually(() => stored((doc) => plainText(doc).includes('Trong thời hạn  ngày nhận được')), 'the deletion to be stored');

    const refused = await mutate('toaan', 'addComment', { agreementId: AGREEMENT_ID, body: 'Quá ngắn.', ...anchors });
    expect(refused.status).toBe(409);
    expect(refused.error?.data.code).toBe('CONFLICT');
    expect(refused.error?.message).toBe('Đoạn văn bản được góp ý vừa bị xóa. Hãy chọn lại đoạn văn bản.');
    expect(await comments()).toEqual([]);
    expect(await auditOf()).toEqual([]);
  });

  it('a comment on a point deleted as a whole meanwhile is refused with CONFLICT too', async () => {
    const toaan = await open('toaan');
    const thads = await open('thads');
    const anchors = anchorsOf(toaan.doc, 'Viện kiểm sát', 'Gửi đồng thời cho Viện kiểm sát cùng cấp');

    const point = findUnit(thads.doc, 'demo-a08-k2-c');
    const clause = point.parent as Y.XmlElement;
    clause.delete(clause.toArray().indexOf(point), 1);
    await eventually(() => stored((doc) => !plainText(doc).includes('Gửi đồng thời cho Viện kiểm sát')), 'the deletion to be stored');

    const refused = await mutate('toaan', 'addComment', { agreementId: AGREEMENT_ID, body: 'Giữ lại điểm này.', ...anchors });
    expect(refused.error?.data.code).toBe('CONFLICT');
    expect(await comments()).toEqual([]);
  });

  it('a reply to a thread that does not exist, or to a reply, is NOT_FOUND', async () => {
    const unknown = await mutate('vks', 'reply', { agreementId: AGREEMENT_ID, threadId: 'no-such-thread', body: 'Đồng ý.' });
    expect(unknown.error?.data.code).toBe('NOT_FOUND');

    const vks = await open('vks');
    const thread = await mutate('vks', 'addComment', { agreementId: AGREEMENT_ID, body: 'Cần làm rõ.', ...anchorsOf(vks.doc, 'kiểm sát việc xác minh') });
    const answer = await mutate('vks', 'reply', { agreementId: AGREEMENT_ID, threadId: thread.data.id, body: 'Đã làm rõ.' });
    const nested = await mutate('vks', 'reply', { agreementId: AGREEMENT_ID, threadId: answer.data.id, body: 'Trả lời lồng nhau.' });
    expect(nested.error?.data.code).toBe('NOT_FOUND');
    expect((await comments()).map((c) => c.body)).toEqual(['Cần làm rõ.', 'Đã làm rõ.']);
  });

  it('resolving a thread sets resolvedAt and who resolved it, reopening clears them; each change is audited once', async () => {
    const vks = await open('vks');
    const thread = await mutate('vks', 'addComment', { agreementId: AGREEMENT_ID, body: 'Cần làm rõ.', ...anchorsOf(vks.doc, 'kiểm sát việc xác minh') });
    const threadId = thread.data.id as string;

    expect((await mutate('toaan', 'resolveComment', { agreementId: AGREEMENT_ID, threadId, resolved: true })).status).toBe(200);
    const resolved = (await comments()).find((c) => c.id === threadId)!;
    expect(Date.parse(resolved.resolvedAt!)).not.toBeNaN();
    expect(resolved.resolvedByName).toBe('Lê Thị Thu Hà');
    // Resolving again changes nothing and records nothing.
    await mutate('vks', 'resolveComment', { agreementId: AGREEMENT_ID, threadId, resolved: true });
    expect((await comments()).find((c) => c.id === threadId)).toMatchObject({ resolvedAt: resolved.resolvedAt, resolvedByName: 'Lê Thị Thu Hà' });

    expect((await mutate('vks', 'resolveComment', { agreementId: AGREEMENT_ID, threadId, resolved: false })).status).toBe(200);
    expect((await comments()).find((c) => c.id === threadId)).toMatchObject({ resolvedAt: null, resolvedByName: null });

    const unknown = await mutate('vks', 'resolveComment', { agreementId: AGREEMENT_ID, threadId: 'no-such-thread', resolved: true });
    expect(unknown.error?.data.code).toBe('NOT_FOUND');
    expect((await auditOf()).map((a) => [a.action, a.email])).toEqual([
      ['comment', 'vks@demo.concord.vn'], ['resolve_comment', 'toaan@demo.concord.vn'], ['reopen_comment', 'vks@demo.concord.vn'],
    ]);
  });

  it('stored anchors follow their text through edits before and inside the range, overlapping ranges too', async () => {
    const toaan = await open('toaan');
    const thads = await open('thads');
    // Two threads sharing "bản án": "yêu cầu Tòa án đã ra bản án" and "bản án, quyết định giải thích".
    const first = anchorsOf(toaan.doc, 'yêu cầu Tòa án đã ra bản án', ARTICLE_8_CLAUSE_1);
    const second = anchorsOf(toaan.doc, 'bản án, quyết định giải thích', ARTICLE_8_CLAUSE_1);
    for (const anchors of [first, second]) {
      expect((await mutate('toaan', 'addComment', { agreementId: AGREEMENT_ID, body: 'Góp ý.', ...anchors })).status).toBe(200);
    }

    // Before both ranges, inside the first one only, and inside the part they share.
    insertText(thads.doc, ARTICLE_8_CLAUSE_1, 0, 'Khi cần thiết, ');
    insertText(thads.doc, 'yêu cầu Tòa án', 'yêu cầu '.length, 'bằng văn bản ');
    insertText(thads.doc, 'đã ra bản án, quyết định', 'đã ra bản '.length, 'sao ');
    const edited = 'Khi cần thiết, Cơ quan thi hành án dân sự có văn bản yêu cầu bằng văn bản Tòa án đã ra bản sao án, quyết định giải thích';
    await eventually(() => stored((doc) => plainText(doc).includes(edited)), 'the edits to be stored');
    await waitFor(() => plainText(toaan.doc).includes(edited), 'the edits to reach another client');

    const threads = (await comments()).filter((c) => c.threadId === null);
    expect(threads).toHaveLength(2);
    for (const doc of [await loadStoredDoc(server.testDb.db, DOC), toaan.doc]) {
      expect(threads.map((c) => anchoredText(doc, c.anchorStart!, c.anchorEnd!))).toEqual([
        'yêu cầu bằng văn bản Tòa án đã ra bản sao án',
        'bản sao án, quyết định giải thích',
      ]);
    }
    // Still live for the server: a comment with the same anchors is accepted after the edits.
    expect((await mutate('vks', 'addComment', { agreementId: AGREEMENT_ID, body: 'Đồng ý.', ...first })).status).toBe(200);
  });
});

describe('named versions of the text', () => {
  afterEach(() => stopServer());

  const saveVersion = (who: string, name: string) => mutate(who, 'saveVersion', { agreementId: AGREEMENT_ID, name });
  const getVersion = async (who: string, versionId: string) => query(who, 'version', { agreementId: AGREEMENT_ID, versionId });

  it('a saved version is listed for every party; its name cannot be taken twice', async () => {
    await startServer();
    const saved = await saveVersion('thads', 'Dự thảo lần 1');
    expect(saved.status).toBe(200);
    expect(saved.data).toMatchObject({ name: 'Dự thảo lần 1', createdByName: 'Nguyễn Văn Hùng' });
    const listed = await query('congan', 'versions', { agreementId: AGREEMENT_ID });
    expect(listed.data).toEqual([expect.objectContaining({ id: saved.data.id, name: 'Dự thảo lần 1', createdByName: 'Nguyễn Văn Hùng' })]);

    const again = await saveVersion('vks', 'Dự thảo lần 1');
    expect(again.error?.data.code).toBe('CONFLICT');
    expect(again.error?.message).toContain('Dự thảo lần 1');
    expect((await query('thads', 'versions', { agreementId: AGREEMENT_ID })).data).toHaveLength(1);
    expect((await auditOf()).map((a) => [a.action, a.email])).toEqual([['save_version', 'thads@demo.concord.vn']]);
  });

  it('a version keeps the text of its moment after the live text changes, and after a server restart', async () => {
    const testDb = await createTestDb();
    try {
      await startServer(testDb);
      const thads = await open('thads');
      const saved = await saveVersion('thads', 'Trước khi sửa khoản 2 Điều 8');
      const atSave = await stored((doc) => legalDocOf(doc).toJSON());
      expect((await getVersion('toaan', saved.data.id)).data).toMatchObject({
        id: saved.data.id, name: 'Trước khi sửa khoản 2 Điều 8', createdByName: 'Nguyễn Văn Hùng', content: atSave,
      });

      insertText(thads.doc, ARTICLE_8_CLAUSE_2, 'Trong thời hạn '.length, 'không quá ');
      await eventually(() => stored((doc) => plainText(doc).includes('Trong thời hạn không quá 15 ngày')), 'the edit to be stored');
      const afterEdit = (await getVersion('toaan', saved.data.id)).data;
      expect(afterEdit.content).toEqual(atSave);
      expect(JSON.stringify(afterEdit.content)).not.toContain('không quá');

      await stopServer();
      await startServer(testDb);
      const afterRestart = await getVersion('vks', saved.data.id);
      expect(afterRestart.data.content).toEqual(atSave);
      expect(await stored(plainText)).toContain('Trong thời hạn không quá 15 ngày');
      await stopServer();
    } finally {
      testDb.cleanup();
    }
  });

  it('a signatory who may not edit the text cannot save a version', async () => {
    await startServer();
    const refused = await saveVersion('congan', 'Bản của Công an');
    expect(refused.error?.data.code).toBe('FORBIDDEN');
    expect((await query('congan', 'versions', { agreementId: AGREEMENT_ID })).data).toEqual([]);
  });

  it('restoring a version changes the open clients\' text to it as a new change: history kept, a concurrent edit elsewhere survives', async () => {
    await startServer();
    const thads = await open('thads');
    const vks = await open('vks');
    // The same drafter on a second device, which goes offline and edits Điều 10 while the restore happens.
    const laptop = await open('vks');

    const saved = await saveVersion('thads', 'Bản thống nhất');
    const version = (await getVersion('thads', saved.data.id)).data;

    // After the save: a clause reworded and a point deleted.
    insertText(thads.doc, ARTICLE_8_CLAUSE_1, 0, 'SỬA: ');
    const point = findUnit(thads.doc, 'demo-a08-k2-c');
    const clause = point.parent as Y.XmlElement;
    clause.delete(clause.toArray().indexOf(point), 1);
    await eventually(() => stored((doc) => plainText(doc).includes('SỬA: ') && !plainText(doc).includes('Gửi đồng thời cho Viện kiểm sát cùng cấp')),
      'the edits to be stored');
    await waitFor(() => plainText(laptop.doc).includes('SỬA: ') && !plainText(laptop.doc).includes('Gửi đồng thời'), 'the edits to reach the laptop');
    const vectorBefore = await stored((doc) => Y.decodeStateVector(Y.encodeStateVector(doc)));
    const logBefore = await all<{ seq: number; data: ArrayBuffer }>(server.testDb.db,
      'SELECT seq, data FROM collab_updates WHERE doc_name = ? ORDER BY seq', [DOC]);

    laptop.provider.disconnect();
    insertText(laptop.doc, ARTICLE_10_CLAUSE_1, ARTICLE_10_CLAUSE_1.length, ' (trừ trường hợp khẩn cấp)');

    const restored = await mutate('thads', 'restoreVersion', { agreementId: AGREEMENT_ID, versionId: saved.data.id });
    expect(restored.status).toBe(200);

    // The connected client's text becomes the version's text, the deleted point back in its place.
    await eventually(() => JSON.stringify(legalDocOf(vks.doc).toJSON()) === JSON.stringify(version.content), 'the restored text on the vks client');
    expect(legalDocOf(vks.doc).toJSON()).toEqual(version.content);
    expect(legalDocOf(thads.doc).toJSON()).toEqual(version.content);
    expect(await stored((doc) => legalDocOf(doc).toJSON())).toEqual(version.content);

    // History is kept: no client's clock went back, and the log was appended to, not rewritten.
    const vectorAfter = await stored((doc) => Y.decodeStateVector(Y.encodeStateVector(doc)));
    for (const [client, clock] of vectorBefore) expect(vectorAfter.get(client)).toBeGreaterThanOrEqual(clock);
    expect(vectorAfter.size).toBeGreaterThan(vectorBefore.size);
    const logAfter = await all<{ seq: number; data: ArrayBuffer }>(server.testDb.db,
      'SELECT seq, data FROM collab_updates WHERE doc_name = ? ORDER BY seq', [DOC]);
    expect(logAfter.length).toBeGreaterThan(logBefore.length);
    expect(logAfter.slice(0, logBefore.length).map((row) => [row.seq, toBase64(new Uint8Array(row.data))]))
      .toEqual(logBefore.map((row) => [row.seq, toBase64(new Uint8Array(row.data))]));

    // The edit made offline before the restore merges in: the only difference from the version.
    laptop.provider.connect();
    await waitFor(() => plainText(vks.doc).includes('(trừ trường hợp khẩn cấp)'), 'the concurrent edit to reach the vks client');
    await waitFor(() => JSON.stringify(legalDocOf(laptop.doc).toJSON()) === JSON.stringify(legalDocOf(vks.doc).toJSON()), 'the laptop to converge');
    const differences = compareVersions(version.content, legalDocOf(vks.doc).toJSON()).filter((b) => b.status !== 'same');
    expect(differences).toEqual([expect.objectContaining({
      key: 'demo-a10-k1/0', status: 'changed',
      parts: expect.arrayContaining([{ value: ' (trừ trường hợp khẩn cấp)', added: true, removed: undefined }]),
    })]);
    await eventually(() => stored((doc) => plainText(doc).includes('(trừ trường hợp khẩn cấp)')), 'the concurrent edit to be stored');
    expect((await auditOf()).map((a) => a.action)).toEqual(['save_version', 'restore_version']);
  });

  it('a comparison says who added and who removed each part, even after a reconnecting client resends every deletion it knows', async () => {
    const testDb = await createTestDb();
    try {
      await startServer(testDb);
      const thads = await open('thads');
      const vks = await open('vks');
      const laptop = await open('toaan');
      const saved = await saveVersion('thads', 'Trước góp ý');

      insertText(thads.doc, ARTICLE_8_CLAUSE_2, 'Trong thời hạn '.length, 'không quá ');
      const { text, index } = findText(vks.doc, ARTICLE_10_CLAUSE_1);
      vks.doc.transact(() => text.delete(index + 'Đối với vụ việc cưỡng chế '.length, 'phức tạp, '.length));
      await waitFor(() => plainText(laptop.doc).includes('không quá') && !plainText(laptop.doc).includes('cưỡng chế phức tạp'), 'both edits to reach the third client');
      // The third client goes offline, types, and on reconnecting sends its whole delete set, VKS's deletion included.
      laptop.provider.disconnect();
      insertText(laptop.doc, ARTICLE_8_CLAUSE_1, ARTICLE_8_CLAUSE_1.length, ' kèm bản sao hồ sơ');
      laptop.provider.connect();
      await eventually(() => stored((doc) => plainText(doc).includes('kèm bản sao hồ sơ')), 'the offline edit to be stored');

      // After a restart, from the database alone.
      await stopServer();
      await startServer(testDb);
      const compared = await query('toaan', 'compare', { agreementId: AGREEMENT_ID, versionId: saved.data.id, otherId: null });
      expect(compared.status).toBe(200);
      const { blocks, authors } = compared.data as { blocks: ReturnType<typeof compareVersions>; authors: { id: string; name: string; agencyShortName: string }[] };
      const nameOf = (by?: string) => authors.find((a) => a.id === by)?.name;
      const changes = blocks.flatMap((b) => b.parts.filter((p) => p.added || p.removed).map((p) => [b.key, p.added ? 'added' : 'removed', p.value.trim(), nameOf(p.by)]));
      expect(changes).toEqual(expect.arrayContaining([
        [expect.stringContaining('demo-a08-k2'), 'added', 'không quá', 'Nguyễn Văn Hùng'],
        ['demo-a10-k1/0', 'removed', 'phức tạp,', 'Phạm Quốc Toàn'],
        [expect.stringContaining('demo-a08-k1'), 'added', 'kèm bản sao hồ sơ', 'Lê Thị Thu Hà'],
      ]));
      expect(changes).toHaveLength(3);
      expect(authors.map((a) => a.agencyShortName).sort()).toEqual(['THADS Phú Thọ', 'TAND Phú Thọ', 'VKSND Phú Thọ'].sort());

      // Two saved versions compare the same way, the earlier as the older whichever is asked first.
      const later = await saveVersion('thads', 'Sau góp ý');
      const between = (await query('vks', 'compare', { agreementId: AGREEMENT_ID, versionId: later.data.id, otherId: saved.data.id })).data as typeof compared.data;
      expect(between.blocks.filter((b: { status: string }) => b.status !== 'same')).toEqual(blocks.filter((b) => b.status !== 'same'));

      // Someone who may not read the agreement gets nothing.
      expect((await query('kv1', 'compare', { agreementId: AGREEMENT_ID, versionId: saved.data.id, otherId: null })).error?.data.code).toBe('FORBIDDEN');
      await stopServer();
    } finally {
      testDb.cleanup();
    }
  });

  it('only the lead agency\'s legal staff restore a version; an unknown version is NOT_FOUND', async () => {
    await startServer();
    const saved = await saveVersion('toaan', 'Bản của Tòa án');
    expect(saved.status).toBe(200);
    for (const who of ['toaan', 'vks', 'congan', 'admin']) {
      const refused = await mutate(who, 'restoreVersion', { agreementId: AGREEMENT_ID, versionId: saved.data.id });
      expect(refused.error?.data.code, who).toBe('FORBIDDEN');
    }
    const unknown = await mutate('thads', 'restoreVersion', { agreementId: AGREEMENT_ID, versionId: 'no-such-version' });
    expect(unknown.error?.data.code).toBe('NOT_FOUND');
    expect((await getVersion('thads', 'no-such-version')).error?.data.code).toBe('NOT_FOUND');
    expect((await auditOf()).map((a) => a.action)).toEqual(['save_version']);
  });
});

describe('the parties of an agreement', () => {
  beforeEach(() => startServer());
  afterEach(() => stopServer());

  const demo = async () => (await query('thads', 'get', { id: AGREEMENT_ID })).data as { title: string; docNumber: string; partyAgencyIds: string[] };
  const update = async (who: string, partyAgencyIds: string[]) => {
    const { title, docNumber } = await demo();
    return mutate(who, 'update', { id: AGREEMENT_ID, title, docNumber, partyAgencyIds });
  };

  it('removing a party closes its members\' open connections with 4403 and refuses them the agreement', async () => {
    const toaan = await open('toaan');
    const vks = await open('vks');
    const updated = await update('thads', PARTIES.filter((id) => id !== DEMO_AGENCY_IDS.tand));
    expect(updated.status).toBe(200);
    expect([...updated.data.partyAgencyIds].sort()).toEqual(PARTIES.filter((id) => id !== DEMO_AGENCY_IDS.tand).sort());

    await waitFor(() => toaan.closeCodes.includes(CLOSE.forbidden), 'the 4403 close');
    expect(toaan.provider.shouldConnect).toBe(false);
    expect((await query('toaan', 'get', { id: AGREEMENT_ID })).error?.data.code).toBe('FORBIDDEN');
    expect((await query('toaan', 'comments', { agreementId: AGREEMENT_ID })).error?.data.code).toBe('FORBIDDEN');
    // The remaining parties keep drafting.
    expect(vks.provider.wsconnected).toBe(true);
    expect(vks.closeCodes).toEqual([]);
    expect((await auditOf()).map((a) => [a.action, a.email])).toEqual([['update', 'thads@demo.concord.vn']]);
  });

  it('the lead agency cannot be removed from the parties (BAD_REQUEST)', async () => {
    const refused = await update('thads', PARTIES.filter((id) => id !== DEMO_AGENCY_IDS.thads));
    expect(refused.error?.data.code).toBe('BAD_REQUEST');
    expect([...(await demo()).partyAgencyIds].sort()).toEqual([...PARTIES].sort());
    expect(await auditOf()).toEqual([]);
  });

  it('a party that does not lead cannot change the title or the parties', async () => {
    const refused = await update('toaan', PARTIES);
    expect(refused.error?.data.code).toBe('FORBIDDEN');
    const renamed = await mutate('toaan', 'update', { id: AGREEMENT_ID, title: 'Tên mới', docNumber: '', partyAgencyIds: PARTIES });
    expect(renamed.error?.data.code).toBe('FORBIDDEN');
    expect((await demo()).title).toContain('Quy chế phối hợp');
  });
});

describe('a new agreement', () => {
  beforeEach(() => startServer());
  afterEach(() => stopServer());

  it('opens in a live client already holding its title in the text', async () => {
    const title = 'Quy chế phối hợp trong công tác cưỡng chế thi hành án năm 2026';
    const created = await mutate('thads', 'create', { title, docNumber: '02/2026/QCPH', partyAgencyIds: [DEMO_AGENCY_IDS.tand] });
    expect(created.status).toBe(200);
    const id = created.data.id as string;
    expect([...created.data.partyAgencyIds].sort()).toEqual([DEMO_AGENCY_IDS.tand, DEMO_AGENCY_IDS.thads].sort());

    const toaan = await open('toaan', docName('agreement', id));
    const text = legalDocOf(toaan.doc);
    expect(text.firstChild?.type.name).toBe('title');
    expect(text.firstChild?.textContent).toBe(title);
    expect(text.child(1).type.name).toBe('article');
    // Stored with the record: one seeded update, before anyone opened it.
    expect(await one(server.testDb.db, 'SELECT count(*) AS n FROM collab_updates WHERE doc_name = ?', [docName('agreement', id)])).toEqual({ n: 1 });
  });
});
