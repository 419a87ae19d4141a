/**
 * An agreement's life after drafting, through the real server and stock y-websocket clients:
 * steps in order and by the right role, opinions, suggestions and comments kept inside an agency
 * until released, accepted suggestions written into the live text, signing against the hash of
 * the frozen text, signatures voided when the text is reopened, amendments that leave the signed
 * original untouched, and reviews.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { all } from '../../server/db/client.ts';
import { loadStoredDoc } from '../../server/collab/storage.ts';
import { DEMO_AGENCY_IDS, DEMO_IDS } from '../../server/demo/seed.ts';
import { CLOSE, docName } from '../../shared/collab.ts';
import { localDate } from '../../shared/format.ts';
import { LEGAL_FRAGMENT, legalDocOf } from '../../shared/legal/ydoc.ts';
import { collabServerPerTest } from '../helpers.ts';
import { waitFor, findText } from '../collab/client.ts';

const suite = collabServerPerTest();
const { query, mutate, openAgreement: open } = suite;

async function stored<T>(agreementId: string, read: (doc: Y.Doc) => T): Promise<T> {
  const doc = await loadStoredDoc(suite.server.testDb.db, docName('agreement', agreementId));
  try {
    return read(doc);
  } finally {
    doc.destroy();
  }
}
const plainText = (doc: Y.Doc) => legalDocOf(doc).textContent;


const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
function anchorsOf(doc: Y.Doc, quote: string) {
  const { text, index } = findText(doc, quote);
  const encode = (at: number) => toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, at)));
  return { anchorStart: encode(index), anchorEnd: encode(index + quote.length), quote };
}

async function eventually(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const TITLE = 'Quy chế phối hợp giữa THADS và TAND về giải thích bản án';

/** A new agreement between THADS (lead) and TAND, created by thads@. */
async function newAgreement(): Promise<string> {
  const created = await mutate('thads', 'create', { title: TITLE, partyAgencyIds: [DEMO_AGENCY_IDS.tand] });
  expect(created.status).toBe(200);
  return created.data.id;
}

const today = () => localDate();
const step = (who: string, agreementId: string, to: string, extra: Record<string, unknown> = {}) =>
  mutate(who, 'transition', { agreementId, to, ...extra });

async function toSigning(agreementId: string) {
  expect((await step('thads', agreementId, 'consultation', { deadline: today() })).status).toBe(200);
  expect((await step('thads', agreementId, 'final')).status).toBe(200);
  const signing = await step('thads', agreementId, 'signing', { effectiveDate: today() });
  expect(signing.status).toBe(200);
  return (await query('thads', 'lifecycle', { agreementId })).data.signingHash as string;
}

async function toInForce(agreementId: string) {
  const hash = await toSigning(agreementId);
  expect((await mutate('thads', 'sign', { agreementId, agencyId: DEMO_AGENCY_IDS.thads, textHash: hash })).status).toBe(200);
  const last = await mutate('toaan', 'sign', { agreementId, agencyId: DEMO_AGENCY_IDS.tand, textHash: hash });
  expect(last.data.status).toBe('in_force');
  return hash;
}

const auditOf = async (agreementId: string) => all<{ action: string; email: string; summary: string }>(suite.server.testDb.db, `
  SELECT l.action, u.email, l.summary FROM audit_log l JOIN users u ON u.id = l.user_id
   WHERE l.entity = 'agreement' AND l.entity_id = ? ORDER BY l.id`, [agreementId]);

describe('steps of the lifecycle', () => {
  it('each step only in order (CONFLICT) and only by the lead agency\'s legal staff (FORBIDDEN), each audited', async () => {
    const id = await newAgreement();
    expect((await step('toaan', id, 'consultation', { deadline: today() })).error?.data.code).toBe('FORBIDDEN');
    const skipped = await step('thads', id, 'signing', { effectiveDate: today() });
    expect(skipped.error?.data.code).toBe('CONFLICT');
    expect(skipped.error?.message).toBe('Không thể chuyển thỏa thuận từ "Dự thảo" sang "Đang ký kết".');
    expect((await step('thads', id, 'in_force')).error?.data.code).toBe('CONFLICT');
    expect((await step('thads', id, 'consultation')).error?.data.code).toBe('BAD_REQUEST');
    expect((await step('thads', id, 'consultation', { deadline: '2001-01-01' })).error?.data.code).toBe('BAD_REQUEST');

    expect((await step('thads', id, 'consultation', { deadline: today() })).data.status).toBe('consultation');
    expect((await query('thads', 'get', { id })).data).toMatchObject({ canEdit: false, canComment: true });
    expect((await step('toaan', id, 'final')).error?.data.code).toBe('FORBIDDEN');
    expect((await step('thads', id, 'final')).data.status).toBe('final');
    expect((await mutate('toaan', 'sign', { agreementId: id, agencyId: DEMO_AGENCY_IDS.tand, textHash: '0'.repeat(64) })).error?.data.code).toBe('CONFLICT');
    expect((await step('thads', id, 'signing')).error?.data.code).toBe('BAD_REQUEST');
    expect((await step('thads', id, 'signing', { effectiveDate: today() })).data.status).toBe('signing');
    expect((await step('thads', id, 'in_force')).error?.message).toBe('Chưa đủ chữ ký của các bên.');

    const transitions = (await auditOf(id)).filter((a) => a.action === 'transition').map((a) => [JSON.parse(a.summary).to, a.email]);
    expect(transitions).toEqual([['consultation', 'thads@demo.concord.vn'], ['final', 'thads@demo.concord.vn'], ['signing', 'thads@demo.concord.vn']]);
    const lifecycle = await query('toaan', 'lifecycle', { agreementId: id });
    expect(lifecycle.data).toMatchObject({ status: 'signing', nextSteps: [], rights: { sign: true, opinion: false } });
    expect((await query('thads', 'lifecycle', { agreementId: id })).data.nextSteps).toEqual(['draft', 'in_force']);
  });

  it('opinions: each party by the deadline, on the whole text or per article; the grid shows article × party; a non-party is refused', async () => {
    const agreementId = DEMO_IDS.agreement;
    expect((await mutate('toaan', 'giveOpinion', { agreementId, stance: 'agree' })).error?.data.code).toBe('CONFLICT');
    expect((await step('thads', agreementId, 'consultation', { deadline: today() })).status).toBe(200);
    expect((await mutate('toaan', 'giveOpinion', { agreementId, stance: 'agree' })).status).toBe(200);
    expect((await mutate('vks', 'giveOpinion', { agreementId, unitId: 'demo-a08', stance: 'disagree', comment: 'Thời hạn quá ngắn.' })).status).toBe(200);
    expect((await mutate('vks', 'giveOpinion', { agreementId, stance: 'agree_with_comments' })).status).toBe(200);
    expect((await mutate('vks', 'giveOpinion', { agreementId, unitId: 'no-such-article', stance: 'agree' })).error?.data.code).toBe('BAD_REQUEST');
    await suite.server.testDb.db.batch([{ sql: 'INSERT INTO users (id, email, name, agency_id, password_hash, created_at) SELECT ?, ?, ?, ?, password_hash, created_at FROM users WHERE email = ?', args: ['ub', 'ubnd@demo.concord.vn', 'UBND', DEMO_AGENCY_IDS.ubnd, 'vks@demo.concord.vn'] },
      { sql: "INSERT INTO user_roles (user_id, role) VALUES ('ub', 'legal_staff')", args: [] }]);
    expect((await mutate('ubnd', 'giveOpinion', { agreementId, stance: 'agree' })).error?.data.code).toBe('FORBIDDEN');

    const grid = (await query('congan', 'consultation', { agreementId })).data;
    expect(grid.deadline).toBe(today());
    const parties = grid.parties.map((p: { id: string }) => p.id);
    expect(parties[0]).toBe(DEMO_AGENCY_IDS.thads);
    const article8 = grid.articles.find((a: { unitId: string }) => a.unitId === 'demo-a08');
    expect(article8.label).toBe('Điều 8.');
    const cell = (agencyId: string) => article8.cells[parties.indexOf(agencyId)];
    expect(cell(DEMO_AGENCY_IDS.vks)).toMatchObject({ stance: 'disagree', comment: 'Thời hạn quá ngắn.', inherited: false });
    expect(cell(DEMO_AGENCY_IDS.tand)).toMatchObject({ stance: 'agree', inherited: true });
    expect(cell(DEMO_AGENCY_IDS.ca)).toBeNull();
    const article1 = grid.articles[0];
    expect(article1.cells[parties.indexOf(DEMO_AGENCY_IDS.vks)]).toMatchObject({ stance: 'agree_with_comments', inherited: true });

    // After the deadline day, opinions are refused.
    await suite.server.testDb.db.batch([{ sql: "UPDATE agreements SET consultation_deadline = '2020-01-01' WHERE id = ?", args: [agreementId] }]);
    const late = await mutate('toaan', 'giveOpinion', { agreementId, stance: 'disagree' });
    expect(late.error?.data.code).toBe('CONFLICT');
    expect(late.error?.message).toBe('Đã hết hạn góp ý (01/01/2020).');
  });
});

describe('suggestions and comments during consultation', () => {
  const agreementId = DEMO_IDS.agreement;
  const QUOTE = 'Trong thời hạn 15 ngày';

  it('an agency\'s suggestions and comments stay inside it until its own reviewer releases them', async () => {
    const toaan = await open('toaan', agreementId);
    await step('thads', agreementId, 'consultation', { deadline: today() });
    const suggested = await mutate('toaan', 'suggest', { agreementId, ...anchorsOf(toaan.doc, QUOTE), replacement: 'Trong thời hạn 10 ngày làm việc', note: 'Rút ngắn.' });
    expect(suggested.status).toBe(200);
    const commented = await mutate('toaan', 'addComment', { agreementId, body: 'Ý kiến nội bộ của Tòa án.', ...anchorsOf(toaan.doc, '15 ngày') });
    expect(commented.status).toBe(200);
    // The lead agency's own comment in consultation is visible at once.
    const thads = await open('thads', agreementId);
    const lead = await mutate('thads', 'addComment', { agreementId, body: 'Cơ quan chủ trì ghi nhận.', ...anchorsOf(thads.doc, 'Tòa án') });

    const seenBy = async (who: string) => ({
      suggestions: (await query(who, 'suggestions', { agreementId })).data.map((s: { id: string }) => s.id),
      comments: (await query(who, 'comments', { agreementId })).data.map((c: { id: string }) => c.id),
    });
    expect(await seenBy('toaan')).toEqual({ suggestions: [suggested.data.id], comments: [commented.data.id, lead.data.id] });
    expect(await seenBy('thads')).toEqual({ suggestions: [], comments: [lead.data.id] });
    expect(await seenBy('vks')).toEqual({ suggestions: [], comments: [lead.data.id] });
    // Others can neither reply to nor decide what they cannot see.
    expect((await mutate('vks', 'reply', { agreementId, threadId: commented.data.id, body: 'Đồng ý.' })).error?.data.code).toBe('NOT_FOUND');
    expect((await mutate('thads', 'acceptSuggestion', { agreementId, suggestionId: suggested.data.id })).error?.data.code).toBe('NOT_FOUND');
    // A signatory without the reviewer's role may not release; the reviewer of another agency releases only its own.
    expect((await mutate('congan', 'releaseOwn', { agreementId })).error?.data.code).toBe('FORBIDDEN');
    expect((await mutate('vks', 'releaseOwn', { agreementId })).data).toEqual({ suggestions: 0, comments: 0 });

    expect((await mutate('toaan', 'releaseOwn', { agreementId })).data).toEqual({ suggestions: 1, comments: 1 });
    expect(await seenBy('vks')).toEqual({ suggestions: [suggested.data.id], comments: [commented.data.id, lead.data.id] });
    const [suggestion] = (await query('thads', 'suggestions', { agreementId })).data;
    expect(suggestion).toMatchObject({ agencyId: DEMO_AGENCY_IDS.tand, quote: QUOTE, replacement: 'Trong thời hạn 10 ngày làm việc', status: 'pending', authorName: 'Lê Thị Thu Hà' });
    expect(suggestion.releasedAt).toEqual(expect.any(String));
  });

  it('accepting applies the replacement to the live text (stored and relayed to open editors); only the lead\'s legal staff decide', async () => {
    const vks = await open('vks', agreementId);
    await step('thads', agreementId, 'consultation', { deadline: today() });
    const suggested = await mutate('vks', 'suggest', { agreementId, ...anchorsOf(vks.doc, QUOTE), replacement: 'Trong thời hạn 10 ngày làm việc' });
    const other = await mutate('vks', 'suggest', { agreementId, ...anchorsOf(vks.doc, 'kiểm sát việc xác minh'), replacement: 'giám sát' });
    await mutate('vks', 'releaseOwn', { agreementId });
    expect((await mutate('toaan', 'acceptSuggestion', { agreementId, suggestionId: suggested.data.id })).error?.data.code).toBe('FORBIDDEN');
    // A client that may no longer write in consultation cannot change the text itself...
    findText(vks.doc, 'kiểm sát').text.insert(0, 'XYZ ');
    expect((await mutate('thads', 'acceptSuggestion', { agreementId, suggestionId: suggested.data.id })).status).toBe(200);
    expect((await mutate('thads', 'rejectSuggestion', { agreementId, suggestionId: other.data.id })).status).toBe(200);
    expect((await mutate('thads', 'acceptSuggestion', { agreementId, suggestionId: suggested.data.id })).error?.data.code).toBe('CONFLICT');

    const text = await stored(agreementId, plainText);
    expect(text).toContain('Trong thời hạn 10 ngày làm việc kể từ ngày nhận được');
    expect(text).not.toContain('Trong thời hạn 15 ngày');
    expect(text).not.toContain('XYZ');
    const observer = await open('congan', agreementId);
    expect(plainText(observer.doc)).toContain('Trong thời hạn 10 ngày làm việc kể từ');
    const statuses = (await query('vks', 'suggestions', { agreementId })).data.map((s: { status: string }) => s.status);
    expect(statuses).toEqual(['accepted', 'rejected']);
    expect((await auditOf(agreementId)).map((a) => a.action)).toEqual(expect.arrayContaining(['suggest', 'release', 'accept_suggestion', 'reject_suggestion']));
  });

  it('a suggestion spanning two paragraphs is refused', async () => {
    const vks = await open('vks', agreementId);
    await step('thads', agreementId, 'consultation', { deadline: today() });
    const a = findText(vks.doc, QUOTE);
    const b = findText(vks.doc, 'kiểm sát việc xác minh');
    const encode = (text: Y.XmlText, at: number) => toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, at)));
    const refused = await mutate('vks', 'suggest', { agreementId, anchorStart: encode(a.text, a.index), anchorEnd: encode(b.text, b.index), replacement: 'x' });
    expect(refused.error?.data.code).toBe('BAD_REQUEST');
  });
});

describe('signing', () => {
  it('an open editor becomes read-only when the text freezes; the WebSocket then neither stores nor relays a client\'s update', async () => {
    const id = await newAgreement();
    const writer = await open('toaan', id);
    const hash = await toSigning(id);
    await waitFor(() => writer.closeCodes.includes(CLOSE.accessChanged), 'the editor to be told its rights changed');
    await waitFor(() => writer.provider.synced, 'the editor to reconnect');

    const watcher = await open('thads', id);
    findText(writer.doc, TITLE).text.insert(0, 'SỬA TRÁI PHÉP ');
    await new Promise((resolve) => setTimeout(resolve, 400));
    await suite.server.collab.flushAll();
    expect(plainText(watcher.doc)).not.toContain('SỬA TRÁI PHÉP');
    expect(await stored(id, plainText)).not.toContain('SỬA TRÁI PHÉP');
    expect((await query('vks', 'verify', { agreementId: id })).error?.data.code).toBe('FORBIDDEN');
    const verified = (await query('toaan', 'verify', { agreementId: id })).data;
    expect(verified).toMatchObject({ currentHash: hash, signedHash: hash, matches: true });
  });

  it('each signatory signs for its own agency against the current hash; the last signature brings the agreement into force', async () => {
    const id = await newAgreement();
    const hash = await toSigning(id);
    const forOther = await mutate('toaan', 'sign', { agreementId: id, agencyId: DEMO_AGENCY_IDS.thads, textHash: hash });
    expect(forOther.error?.data.code).toBe('FORBIDDEN');
    expect(forOther.error?.message).toBe('Chỉ người có thẩm quyền ký của cơ quan mới được ký cho cơ quan đó.');
    const stale = await mutate('toaan', 'sign', { agreementId: id, agencyId: DEMO_AGENCY_IDS.tand, textHash: 'a'.repeat(64) });
    expect(stale.error?.data.code).toBe('CONFLICT');
    expect(stale.error?.message).toContain('mã băm không khớp');
    expect((await mutate('vks', 'sign', { agreementId: id, agencyId: DEMO_AGENCY_IDS.vks, textHash: hash })).error?.data.code).toBe('FORBIDDEN');

    const first = await mutate('thads', 'sign', { agreementId: id, agencyId: DEMO_AGENCY_IDS.thads, textHash: hash });
    expect(first.data.status).toBe('signing');
    expect((await mutate('thads', 'sign', { agreementId: id, agencyId: DEMO_AGENCY_IDS.thads, textHash: hash })).error?.data.code).toBe('CONFLICT');
    const last = await mutate('toaan', 'sign', { agreementId: id, agencyId: DEMO_AGENCY_IDS.tand, textHash: hash });
    expect(last.data.status).toBe('in_force');

    const lifecycle = (await query('toaan', 'lifecycle', { agreementId: id })).data;
    expect(lifecycle.parties.map((p: { shortName: string; signature: { signerName: string; textHash: string } }) => [p.shortName, p.signature.signerName, p.signature.textHash])).toEqual([
      ['THADS Phú Thọ', 'Nguyễn Văn Hùng', hash], ['TAND Phú Thọ', 'Lê Thị Thu Hà', hash],
    ]);
    // The signed text is kept as a version row: state and JSON.
    const versions = (await query('toaan', 'versions', { agreementId: id })).data;
    expect(versions.map((v: { name: string }) => v.name)).toEqual(['Bản trình ký lần 1']);
    expect((await step('thads', id, 'draft')).error?.data.code).toBe('CONFLICT');
  });

  it('a text changed behind the hash refuses the signature', async () => {
    const id = await newAgreement();
    const hash = await toSigning(id);
    // Somebody changes the stored text past the frozen editor (as a server-side change would).
    const doc = await loadStoredDoc(suite.server.testDb.db, docName('agreement', id));
    const before = Y.encodeStateVector(doc);
    findText(doc, TITLE).text.insert(0, 'Đã thay đổi ');
    await suite.server.collab.applyServerUpdate(docName('agreement', id), Y.encodeStateAsUpdate(doc, before));
    doc.destroy();
    const verified = (await query('toaan', 'verify', { agreementId: id })).data;
    expect(verified.matches).toBe(false);
    expect(verified.currentHash).not.toBe(hash);
    expect((await mutate('toaan', 'sign', { agreementId: id, agencyId: DEMO_AGENCY_IDS.tand, textHash: hash })).error?.data.code).toBe('CONFLICT');
  });

  it('reopening before every party signed voids the signatures given (kept, with when and why) and shows what changed since', async () => {
    const id = await newAgreement();
    const hash = await toSigning(id);
    const signed = await mutate('thads', 'sign', { agreementId: id, agencyId: DEMO_AGENCY_IDS.thads, textHash: hash });
    expect(signed.status).toBe(200);
    expect((await step('thads', id, 'draft', { reason: 'Tòa án đề nghị sửa tên văn bản.' })).data.status).toBe('draft');

    const { signatures } = (await query('toaan', 'lifecycle', { agreementId: id })).data;
    expect(signatures).toHaveLength(1);
    expect(signatures[0]).toMatchObject({ agencyShortName: 'THADS Phú Thọ', textHash: hash, voidReason: 'Tòa án đề nghị sửa tên văn bản.' });
    expect(signatures[0].voidAt).toEqual(expect.any(String));

    const editor = await open('thads', id);
    findText(editor.doc, TITLE).text.insert(TITLE.length, ' (sửa đổi)');
    await eventually(() => stored(id, (doc) => plainText(doc).includes('(sửa đổi)')), 'the edit to be stored');
    const changes = (await query('thads', 'changesSinceSigned', { agreementId: id, signatureId: signatures[0].id })).data;
    expect(changes.versionName).toBe('Bản trình ký lần 1');
    expect(changes.changes).toEqual([expect.objectContaining({ kind: 'title', status: 'changed', parts: expect.arrayContaining([expect.objectContaining({ added: true })]) })]);

    // Signing again is a new round with a new hash; the void signature stays void.
    await step('thads', id, 'final');
    await step('thads', id, 'signing', { effectiveDate: today() });
    const round2 = (await query('thads', 'lifecycle', { agreementId: id })).data;
    expect(round2.signingHash).not.toBe(hash);
    expect(round2.parties.every((p: { signature: unknown }) => p.signature === null)).toBe(true);
    expect((await mutate('thads', 'sign', { agreementId: id, agencyId: DEMO_AGENCY_IDS.thads, textHash: hash })).error?.data.code).toBe('CONFLICT');
  });

  it('signed before the effective date: in force only once the lead enters it on or after that day', async () => {
    const id = await newAgreement();
    await step('thads', id, 'consultation', { deadline: today() });
    await step('thads', id, 'final');
    await step('thads', id, 'signing', { effectiveDate: '2999-01-01' });
    const hash = (await query('thads', 'lifecycle', { agreementId: id })).data.signingHash;
    await mutate('thads', 'sign', { agreementId: id, agencyId: DEMO_AGENCY_IDS.thads, textHash: hash });
    expect((await mutate('toaan', 'sign', { agreementId: id, agencyId: DEMO_AGENCY_IDS.tand, textHash: hash })).data.status).toBe('signing');
    expect((await step('thads', id, 'in_force')).error?.message).toBe('Chưa đến ngày có hiệu lực (2999-01-01).');
    // Signed by every party: the signed text can no longer be reopened, and the step is not offered.
    expect((await step('thads', id, 'draft')).error?.data.code).toBe('CONFLICT');
    expect((await query('thads', 'lifecycle', { agreementId: id })).data.nextSteps).not.toContain('draft');
  });
});

describe('amendments and reviews', () => {
  it('an amendment starts from the signed text; the signed original stays intact and is superseded once the amendment is in force', async () => {
    const id = await newAgreement();
    await toInForce(id);
    const signedVersion = (await query('toaan', 'lifecycle', { agreementId: id })).data.signingVersionId;
    const before = (await query('toaan', 'version', { agreementId: id, versionId: signedVersion })).data.content;

    expect((await mutate('toaan', 'amend', { agreementId: id })).error?.data.code).toBe('FORBIDDEN');
    const amendment = (await mutate('thads', 'amend', { agreementId: id })).data;
    expect(amendment).toMatchObject({ status: 'draft', amendsAgreementId: id, title: `${TITLE} (sửa đổi, bổ sung)` });
    expect((await query('toaan', 'get', { id })).data).toMatchObject({ status: 'amended', canEdit: false });
    expect((await mutate('thads', 'amend', { agreementId: id })).error?.data.code).toBe('CONFLICT');

    const editor = await open('thads', amendment.id);
    expect(plainText(editor.doc)).toContain(TITLE);
    findText(editor.doc, TITLE).text.insert(0, 'Sửa đổi: ');
    await eventually(() => stored(amendment.id, (doc) => plainText(doc).startsWith('Sửa đổi: ')), 'the amendment edit to be stored');
    expect(await stored(id, plainText)).not.toContain('Sửa đổi: ');
    const compared = (await query('thads', 'compareWithVersion', { agreementId: amendment.id, ofAgreementId: id, versionId: signedVersion })).data;
    expect(compared.changes).toHaveLength(1);

    await toInForce(amendment.id);
    expect((await query('toaan', 'get', { id })).data.status).toBe('superseded');
    expect((await query('toaan', 'version', { agreementId: id, versionId: signedVersion })).data.content).toEqual(before);
    expect((await query('toaan', 'verify', { agreementId: id })).data.matches).toBe(true);
    const history = (await query('toaan', 'history', { agreementId: amendment.id })).data;
    expect(history.chain.map((a: { id: string; status: string }) => [a.id, a.status])).toEqual([[id, 'superseded'], [amendment.id, 'in_force']]);
    expect(history.chain[0].versions.map((v: { name: string }) => v.name)).toEqual(['Bản trình ký lần 1']);
  });

  it('an abandoned amendment leaves the original in force', async () => {
    const id = await newAgreement();
    await toInForce(id);
    const amendment = (await mutate('thads', 'amend', { agreementId: id })).data;
    expect((await step('thads', amendment.id, 'terminated', { reason: 'Không cần sửa.' })).data.status).toBe('terminated');
    expect((await query('thads', 'get', { id })).data.status).toBe('in_force');
  });

  it('reviews: recorded by a chair of the lead agency, prefilled with the duties and their outcomes', async () => {
    const id = await newAgreement();
    await suite.server.testDb.db.batch([{
      sql: `INSERT INTO action_items (id, source_kind, agreement_id, agency_id, assigned_by_user_id, assigned_by_agency_id, title, due_date, status, created_at, updated_at)
            SELECT 'ai-1', 'agreement', ?, ?, id, agency_id, 'Giải thích bản án số 12/2025', ?, 'accepted', ?, ? FROM users WHERE email = 'thads@demo.concord.vn'`,
      args: [id, DEMO_AGENCY_IDS.tand, today(), new Date().toISOString(), new Date().toISOString()],
    }]);
    expect((await mutate('thads', 'addReview', { agreementId: id, kind: 'preliminary', reviewDate: today(), from: today(), to: today(), report: 'x' })).error?.data.code).toBe('CONFLICT');
    await toInForce(id);
    const draft = (await query('thads', 'reviewDraft', { agreementId: id, from: '2020-01-01', to: today() })).data.report as string;
    expect(draft).toContain('I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ THEO QUY CHẾ');
    expect(draft).toContain('- TAND Phú Thọ: Giải thích bản án số 12/2025');
    expect(draft).toContain('Đã nghiệm thu');
    expect((await mutate('toaan', 'addReview', { agreementId: id, kind: 'preliminary', reviewDate: today(), from: '2020-01-01', to: today(), report: draft })).error?.data.code).toBe('FORBIDDEN');
    expect((await mutate('thads', 'addReview', { agreementId: id, kind: 'preliminary', reviewDate: today(), from: '2020-01-01', to: today(), report: `${draft}\nĐã chỉnh sửa.` })).status).toBe(200);
    const reviews = (await query('toaan', 'reviews', { agreementId: id })).data;
    expect(reviews).toEqual([expect.objectContaining({ kind: 'preliminary', reviewDate: today(), createdByName: 'Nguyễn Văn Hùng' })]);
    expect(reviews[0].report).toContain('Đã chỉnh sửa.');
  });
});
