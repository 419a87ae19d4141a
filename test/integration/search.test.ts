import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEMO_AGENCY_IDS, DEMO_IDS } from '../../server/demo/seed.ts';
import { parseQuery, search, SearchIndexer } from '../../server/domain/search/index.ts';
import { storedDocuments } from '../../server/collab/storage.ts';
import { all } from '../../server/db/client.ts';
import { visibleActionItem, visibleAgreement, visibleCase, visibleCaseIds, visibleMeeting } from '../../server/policy/scopes.ts';
import { buildAgency, buildAgreement, buildUser } from '../factories.ts';
import { signIn, startCollabTestServer, trpc, volumeDbSuite, type CollabTestServer } from '../helpers.ts';
import { connectClient, synced } from '../collab/client.ts';
import pino from 'pino';

let server: CollabTestServer;
let indexer: SearchIndexer;
let thads: string;
let toaan: string;
let outsiderAgreementId: string;
const OTHER = { meeting: 'search-other-meeting', case: 'search-other-case', item: 'search-other-item' };

interface Hit { kind: string; id: string; title: string; href: string; titleSegments: { text: string; match: boolean }[]; snippet: { text: string; match: boolean }[] }
const find = async (cookie: string, q: string) => {
  const result = await trpc(server.url, cookie, 'search.query', { q });
  return result as { status: number; data: Hit[] | undefined; error?: { message: string; data: { code: string } } };
};
const marked = (segments: { text: string; match: boolean }[]) => segments.filter((s) => s.match).map((s) => s.text);

beforeAll(async () => {
  let hook: (docName: string) => void = () => {};
  server = await startCollabTestServer({ collab: { onPersisted: (name) => hook(name) } });
  indexer = new SearchIndexer(server.testDb.db, server.collab.live, pino({ level: 'silent' }), { quietMs: 100, maxWaitMs: 1_000 });
  hook = indexer.persisted;
  thads = await signIn(server.url, 'thads@demo.concord.vn');
  toaan = await signIn(server.url, 'toaan@demo.concord.vn');

  // Another province's agencies: THADS of Phú Thọ is party to none of this.
  const db = server.testDb.db;
  const otherLead = await buildUser(db, { roles: ['legal_staff', 'chair'] });
  const otherParty = await buildAgency(db);
  outsiderAgreementId = (await buildAgreement(db, {
    title: 'Quy chế phối hợp giải quyết tranh chấp đất đai tỉnh khác', createdBy: { id: otherLead.id, agencyId: otherLead.agencyId, roles: otherLead.roles },
    partyAgencyIds: [otherParty.id],
  })).id;
  const now = new Date().toISOString();
  await db.batch([
    { sql: `INSERT INTO meetings (id, kind, title, chair_user_id, chair_agency_id, starts_at, ends_at, status, created_by, created_at, updated_at)
            VALUES (?, 'joint', 'Họp liên ngành về đất đai tỉnh khác', ?, ?, '2030-01-01T02:00:00Z', '2030-01-01T04:00:00Z', 'scheduled', ?, ?, ?)`,
      args: [OTHER.meeting, otherLead.id, otherLead.agencyId, otherLead.id, now, now] },
    { sql: `INSERT INTO cases (id, judgment_number, judgment_date, court_name, office_agency_id, case_type, creditor, debtor, amount_due, classification, status, accepted_on, summary, created_at)
            VALUES (?, '77/2024/DS-ST', '2024-01-01', 'TAND tỉnh khác', ?, 'land', 'Ông Đặng Văn Đất', 'Bà Lý Thị Đai', 1000, 'enforceable', 'accepted', '2024-02-01', 'Tranh chấp đất đai', ?)`,
      args: [OTHER.case, otherLead.agencyId, now] },
    { sql: `INSERT INTO action_items (id, source_kind, agency_id, assigned_by_user_id, assigned_by_agency_id, title, due_date, status, created_at, updated_at)
            VALUES (?, 'manual', ?, ?, ?, 'Đo đạc đất đai tỉnh khác', '2030-01-01', 'open', ?, ?)`,
      args: [OTHER.item, otherLead.agencyId, otherLead.id, otherLead.agencyId, now, now] },
    // One of THADS Phú Thọ's own cases about land.
    { sql: `INSERT INTO cases (id, judgment_number, judgment_date, court_name, office_agency_id, case_type, creditor, debtor, amount_due, classification, status, accepted_on, summary, created_at)
            VALUES ('search-own-case', '88/2024/DS-PT', '2024-01-01', 'TAND tỉnh Phú Thọ', ?, 'land', 'Bà Nguyễn Thị Hòa', 'Công ty TNHH Đất Việt', 1000, 'enforceable', 'accepted', '2024-02-01', 'Giao quyền sử dụng đất đai tại xã Hy Cương', ?)`,
      args: [DEMO_AGENCY_IDS.thads, now] },
  ]);
});
afterAll(async () => {
  indexer.close();
  await server.close();
});

describe('search without diacritics', () => {
  it('"thi hanh an" finds "thi hành án" and highlights the words as written', async () => {
    const { data } = await find(thads, 'thi hanh an');
    const agreement = data!.find((hit) => hit.kind === 'agreement' && hit.id === DEMO_IDS.agreement);
    expect(agreement).toBeDefined();
    expect(agreement!.href).toBe(`/agreements/${DEMO_IDS.agreement}`);
    expect(marked(agreement!.titleSegments)).toEqual(['thi', 'hành', 'án']);
    expect(agreement!.titleSegments.map((s) => s.text).join('')).toBe(agreement!.title);
  });

  it('"dat dai" finds "đất đai", with a snippet of the body', async () => {
    const { data } = await find(thads, 'dat dai');
    const own = data!.find((hit) => hit.id === 'search-own-case');
    expect(own).toBeDefined();
    expect(own!.kind).toBe('case');
    expect(marked(own!.snippet)).toEqual(['đất', 'đai']);
    expect(own!.snippet.map((s) => s.text).join('')).toContain('Giao quyền sử dụng đất đai tại xã Hy Cương');
  });

  it('finds the article text of the live agreement and the parties of a case', async () => {
    const { data } = await find(toaan, 'vat chung');
    const hit = data!.find((h) => h.id === DEMO_IDS.agreement);
    expect(hit).toBeDefined();
    expect(marked(hit!.snippet).map((w) => w.toLowerCase())).toEqual(['vật', 'chứng']);
    const byParty = (await find(thads, 'Cong ty dat viet')).data!;
    expect(byParty.map((h) => h.id)).toContain('search-own-case');
    const byNumber = (await find(thads, '88/2024')).data!;
    expect(byNumber[0]?.id).toBe('search-own-case');
  });

  it('finds agencies and action items', async () => {
    const agencies = (await find(toaan, 'vien kiem sat phu tho')).data!;
    expect(agencies.some((h) => h.kind === 'agency' && h.id === DEMO_AGENCY_IDS.vks)).toBe(true);
  });

  it('never returns another agency\'s agreement, meeting, case or action item', async () => {
    for (const cookie of [thads, toaan]) {
      const { data } = await find(cookie, 'dat dai tinh khac');
      expect(data).toEqual([]);
      const ids = ((await find(cookie, 'dat dai')).data ?? []).map((h) => h.id);
      for (const hidden of [outsiderAgreementId, OTHER.meeting, OTHER.case, OTHER.item]) expect(ids).not.toContain(hidden);
    }
    expect((await find(thads, '77/2024/DS-ST')).data).toEqual([]);
  });

  it('the other agency finds its own records', async () => {
    // Sanity check that the hidden records are indexed at all.
    const db = server.testDb.db;
    const lead = await buildUser(db, { roles: ['legal_staff'] });
    await db.batch([{ sql: 'INSERT INTO agreement_parties (agreement_id, agency_id) VALUES (?, ?)', args: [outsiderAgreementId, lead.agencyId] }]);
    const cookie = await signIn(server.url, lead.email, lead.password);
    const ids = ((await find(cookie, 'dat dai tinh khac')).data ?? []).map((h) => h.id);
    expect(ids).toEqual([outsiderAgreementId]);
  });

  it('treats FTS operators, quotes, empty and huge input as plain text, never as a server error', async () => {
    for (const q of ['', '   ', '"', '""', 'NEAR(', 'thi AND', 'OR', 'NOT đất', '*', '^thi', 'title_folded:dat', '(dat', 'dat)', "'; DROP TABLE cases; --", 'đ'.repeat(400), 'a '.repeat(900)]) {
      const result = await find(thads, q);
      expect(result.status, q.slice(0, 20)).toBe(200);
      expect(Array.isArray(result.data)).toBe(true);
    }
    expect((await find(thads, '')).data).toEqual([]);
    expect((await find(thads, '"thi hanh an"')).data!.length).toBeGreaterThan(0);
    // A NUL byte is refused like everywhere else (a typed error, not a server error).
    expect((await find(thads, 'dat\u0000dai')).error?.data.code).toBe('BAD_REQUEST');
    const huge = await find(thads, 'x'.repeat(5000));
    expect(huge.status).toBe(400);
    expect(huge.error?.data.code).toBe('BAD_REQUEST');
    expect((await trpc(server.url, null, 'search.query', { q: 'dat dai' })).error?.data.code).toBe('UNAUTHORIZED');
  });

  it('records become searchable as soon as they are saved', async () => {
    const created = await trpc(server.url, thads, 'cases.create', {
      judgmentNumber: '91/2025/HNGĐ-ST', judgmentDate: '2025-01-10', courtName: 'Tòa án nhân dân tỉnh Phú Thọ', caseType: 'civil',
      creditor: 'Bà Trịnh Thị Nguyệt', debtor: 'Ông Quách Văn Khải', amountDue: 1_000_000, amountCollected: 0, classification: 'enforceable',
      acceptedOn: '2025-02-01', officerName: '', involvedAgencyIds: [],
    }, 'mutation');
    expect(created.error).toBeUndefined();
    const hits = (await find(thads, 'quach van khai')).data!;
    expect(hits.map((h) => h.id)).toEqual([created.data.id]);
  });

  it('edits of live minutes become searchable within seconds of their persistence', async () => {
    const client = connectClient(server.collabUrl, `minutes:${DEMO_IDS.meeting}`, thads);
    try {
      await synced(client);
      client.doc.transact(() => {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText('Thống nhất phương án kê biên quyền sử dụng đất rừng keo tại xã Thanh Sơn')]);
        client.doc.getXmlFragment('prosemirror').push([paragraph]);
      });
      const started = Date.now();
      let hits: Hit[] = [];
      while (!hits.some((h) => h.id === DEMO_IDS.meeting) && Date.now() - started < 10_000) {
        await new Promise((r) => setTimeout(r, 100));
        hits = (await find(toaan, 'rung keo thanh son')).data ?? [];
      }
      const hit = hits.find((h) => h.id === DEMO_IDS.meeting);
      expect(hit, 'the edited minutes are found').toBeDefined();
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(marked(hit!.snippet)).toEqual(['rừng', 'keo', 'Thanh', 'Sơn']);
      // Not visible to an agency that is not at the table.
      const outsider = await buildUser(server.testDb.db, { roles: ['legal_staff'] });
      const outsiderCookie = await signIn(server.url, outsider.email, outsider.password);
      expect((await find(outsiderCookie, 'rung keo thanh son')).data).toEqual([]);
    } finally {
      client.destroy();
    }
  });
});

describe('search over a large register, for an agency that sees much of it and one that sees little', () => {
  const testDb = volumeDbSuite(1500);

  /** Every visible match ranked, one by one: what any plan of the search must answer. */
  const exhaustive = async (agency: string, q: string) => {
    const rows = await all(testDb.db, `
      SELECT e.kind, e.ref_id, bm25(search_index, 0.0, 0.0, 5.0, 1.0) AS score
        FROM search_index s JOIN search_entries e ON e.id = s.rowid WHERE search_index MATCH ?`, [parseQuery(q)!.match]);
    const ids = async (table: string, scope: (alias: string, agency: string) => string) =>
      new Set((await all<{ id: string }>(testDb.db, `SELECT x.id FROM ${table} x WHERE ${scope('x', '?1')}`, [agency])).map((r) => r.id));
    const visible: Record<string, Set<string>> = {
      case: await ids('cases', visibleCase), agreement: await ids('agreements', visibleAgreement),
      meeting: await ids('meetings', visibleMeeting), action_item: await ids('action_items', visibleActionItem),
    };
    return rows.filter((row) => row.kind === 'agency' || visible[String(row.kind)].has(String(row.ref_id)))
      .sort((a, b) => Number(a.score) - Number(b.score)).slice(0, 20).map((row) => Math.round(Number(row.score) * 1e6));
  };

  it('a broad query answers the best visible hits, whichever way they are looked for', async () => {
    const few = DEMO_AGENCY_IDS.tand; // the court sees only the cases it is involved in
    const many = 'vol-kv-1'; // a regional office sees its whole register
    const fewVisible = (await all(testDb.db, visibleCaseIds('?'), [few])).length;
    const manyVisible = (await all(testDb.db, visibleCaseIds('?'), [many])).length;
    expect(fewVisible).toBeLessThan(50);
    expect(manyVisible).toBeGreaterThan(100);
    for (const q of ['cong ty', 'phu tho', 'ngan hang', 'thi hanh an dan su', 'khong co ket qua nao']) {
      for (const agency of [few, many]) {
        const hits = await search(testDb.db, storedDocuments(testDb.db), agency, q);
        expect(hits.map((hit) => Math.round(hit.score * 1e6)), `${q} for ${agency}`).toEqual(await exhaustive(agency, q));
      }
    }
    // The query the court sees little of matches more than the first candidates.
    const [broad] = await all(testDb.db, 'SELECT count(*) AS n FROM search_index WHERE search_index MATCH ?', [parseQuery('cong ty')!.match]);
    expect(Number(broad.n)).toBeGreaterThan(300);
  });
});
