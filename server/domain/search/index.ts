/**
 * Search without diacritics over agreements, meetings, cases, action items and agencies.
 *
 * Index: SQLite FTS5 (`search_index`, migrations/0006) over a folded copy of each text
 * (foldVietnamese, the same function for indexing and querying, so "dat dai" meets "đất đai"),
 * with the original text stored beside it, unindexed. FTS5 matches and ranks (bm25, a title hit
 * weighing five times a body hit); the snippet is cut from the original text by folding it again
 * character by character, which keeps a map from every folded position back to the original, so
 * the highlighted words are the user's own words with their accents.
 *
 * Freshness: triggers put every changed record in `search_queue`; the queue is drained before each
 * search and when a live document (agreement text, minutes) is persisted (`SearchIndexer`).
 *
 * Visibility: the query joins each hit to its record and keeps only what the caller's agency may
 * see, with the same conditions as the list queries (agreements.list, meetings.list, cases.list,
 * action items of or assigned by the agency; agencies are public to every signed-in user).
 */
import type { InStatement } from '@libsql/client';
import * as Y from 'yjs';
import type { Logger } from 'pino';
import { afterWritesSettle } from '../after-writes.ts';
import { all, type Db, type Sql } from '../../db/client.ts';
import type { LiveDocuments } from '../live-documents.ts';
import { visibleActionItem, visibleAgreement, visibleCase, visibleCaseIds, visibleMeeting } from '../../policy/scopes.ts';
import { foldVietnamese } from '../../../shared/text.ts';
import { textBlocks } from '../../../shared/legal/blocks.ts';
import { legalDocOf } from '../../../shared/legal/ydoc.ts';
import { minutesBlocks } from '../../../shared/minutes.ts';
import { parseDocName } from '../../../shared/collab.ts';
import type { LegalNodeJSON } from '../../../shared/legal/numbering.ts';
import { SEARCH_KINDS, type SearchHit, type SearchKind, type Segment } from '../../../shared/search.ts';

// ---------------------------------------------------------------------------------------------
// Folding with a map back to the original

/** The folded text and, for each of its UTF-16 units, the [start, end) of the original character it came from. */
export function foldWithMap(original: string): { folded: string; start: number[]; end: number[] } {
  let folded = '';
  const start: number[] = [];
  const end: number[] = [];
  let index = 0;
  for (const char of original) {
    const piece = foldVietnamese(char);
    for (let k = 0; k < piece.length; k++) {
      start.push(index);
      end.push(index + char.length);
    }
    folded += piece;
    index += char.length;
  }
  return { folded, start, end };
}

/** Words as FTS5's unicode61 tokenizer cuts them: runs of letters and digits. */
const WORD = /[\p{L}\p{N}]+/gu;

export const MAX_QUERY_CHARS = 500;
const MAX_TOKENS = 12;
const MAX_TOKEN_CHARS = 64;
/** The last word is matched as a prefix once it has this many letters (typing as you go). */
const PREFIX_FROM = 3;

export interface ParsedQuery { tokens: string[]; prefixLast: boolean; match: string }

/**
 * The user's text as an FTS5 query: folded, cut into words, each word quoted (so AND, OR, NOT,
 * NEAR, quotes, stars, colons and parentheses are plain text), all of them required. Null when no
 * word is left.
 */
export function parseQuery(q: string): ParsedQuery | null {
  const tokens = [...new Set((foldVietnamese(q.slice(0, MAX_QUERY_CHARS)).match(WORD) ?? []).map((t) => t.slice(0, MAX_TOKEN_CHARS)))].slice(0, MAX_TOKENS);
  if (tokens.length === 0) return null;
  const prefixLast = tokens[tokens.length - 1].length >= PREFIX_FROM && !/\s$/.test(q);
  const match = tokens.map((token, i) => `"${token.replaceAll('"', '""')}"${prefixLast && i === tokens.length - 1 ? '*' : ''}`).join(' ');
  return { tokens, prefixLast, match };
}

/** Marks the words of `text` that match the query, folded; the parts keep the original characters. */
export function highlight(text: string, query: ParsedQuery, window?: number): Segment[] {
  const { folded, start, end } = foldWithMap(text);
  const ranges: [number, number][] = [];
  const tokenOf: number[] = [];
  for (const match of folded.matchAll(WORD)) {
    const word = match[0];
    let tokenIndex = query.tokens.indexOf(word);
    if (tokenIndex < 0 && query.prefixLast && word.startsWith(query.tokens[query.tokens.length - 1])) tokenIndex = query.tokens.length - 1;
    if (tokenIndex < 0) continue;
    const token = query.tokens[tokenIndex];
    const from = match.index!;
    const to = from + Math.min(word.length, token.length);
    ranges.push([start[from], end[to - 1]]);
    tokenOf.push(tokenIndex);
    if (ranges.length >= 500) break;
  }
  let lo = 0;
  let hi = text.length;
  if (window !== undefined && text.length > window) {
    // The window holding the most different words of the query, the earliest of equals.
    let first = ranges[0]?.[0] ?? 0;
    let best = 0;
    for (let i = 0; i < ranges.length; i++) {
      const seen = new Set<number>();
      for (let j = i; j < ranges.length && ranges[j][1] - ranges[i][0] <= (window * 2) / 3; j++) seen.add(tokenOf[j]);
      if (seen.size > best) { best = seen.size; first = ranges[i][0]; }
    }
    lo = Math.max(0, first - Math.floor(window / 3));
    hi = Math.min(text.length, lo + window);
    // Start and end on word boundaries.
    while (lo > 0 && /\S/.test(text[lo - 1])) lo--;
    while (hi < text.length && /\S/.test(text[hi])) hi++;
  }
  const segments: Segment[] = [];
  const push = (value: string, match: boolean) => { if (value) segments.push({ text: value, match }); };
  if (lo > 0) push('… ', false);
  let cursor = lo;
  for (const [a, b] of ranges) {
    if (b <= lo || a >= hi) continue;
    push(text.slice(cursor, Math.max(cursor, a)), false);
    push(text.slice(Math.max(cursor, a), Math.min(b, hi)), true);
    cursor = Math.min(b, hi);
  }
  push(text.slice(cursor, hi).replace(/\s+/g, ' '), false);
  if (hi < text.length) push(' …', false);
  return segments.map((s) => (s.match ? s : { ...s, text: s.text.replace(/\s+/g, ' ') }));
}

// ---------------------------------------------------------------------------------------------
// Indexing

interface IndexDoc { kind: SearchKind; refId: string; title: string; body: string }

function legalText(ydoc: Y.Doc): string {
  try {
    const json = legalDocOf(ydoc).toJSON() as LegalNodeJSON;
    return textBlocks(json).map((block) => (block.label ? `${block.label} ${block.text}` : block.text)).join('\n');
  } catch {
    return ''; // an empty or unreadable document has no text to find
  }
}

function minutesText(ydoc: Y.Doc): string {
  try {
    return minutesBlocks(ydoc).map((block) => block.text).join('\n');
  } catch {
    return '';
  }
}

const inList = (ids: string[]) => ids.map(() => '?').join(', ');

/** The text of each record as it is now; a record that is gone has no entry (and leaves the index). */
/** Live texts are read through the collaboration server's port (its loaded copy when it has one). */
type LiveText = Pick<LiveDocuments, 'read'>;

async function buildDocs(db: Db, live: LiveText, kind: SearchKind, ids: string[]): Promise<IndexDoc[]> {
  const docs: IndexDoc[] = [];
  if (kind === 'agreement') {
    for (const row of await all(db, `SELECT id, title, doc_number FROM agreements WHERE id IN (${inList(ids)})`, ids)) {
      const text = await live.read(`agreement:${row.id}`, legalText);
      docs.push({ kind, refId: String(row.id), title: String(row.title), body: [String(row.doc_number), text].filter(Boolean).join('\n') });
    }
  } else if (kind === 'meeting') {
    const rows = await all(db, `
      SELECT m.id, m.title, m.place,
             (SELECT group_concat(a.title, char(10)) FROM agenda_items a WHERE a.meeting_id = m.id) AS agenda,
             (SELECT group_concat(c.text, char(10)) FROM meeting_conclusions c WHERE c.meeting_id = m.id) AS conclusions
        FROM meetings m WHERE m.id IN (${inList(ids)})`, ids);
    for (const row of rows) {
      const minutes = await live.read(`minutes:${row.id}`, minutesText);
      docs.push({
        kind, refId: String(row.id), title: String(row.title),
        body: [row.place, row.agenda, row.conclusions, minutes].filter((part) => part).map(String).join('\n'),
      });
    }
  } else if (kind === 'case') {
    // The court's name is left out: it is the same province's court on nearly every case, and a
    // search for the province's name would otherwise rank the whole register.
    const rows = await all(db, `SELECT id, judgment_number, creditor, debtor, summary FROM cases WHERE id IN (${inList(ids)})`, ids);
    for (const row of rows) {
      docs.push({ kind, refId: String(row.id), title: `${row.judgment_number} — ${row.creditor} / ${row.debtor}`, body: String(row.summary) });
    }
  } else if (kind === 'action_item') {
    for (const row of await all(db, `SELECT id, title, description FROM action_items WHERE id IN (${inList(ids)})`, ids)) {
      docs.push({ kind, refId: String(row.id), title: String(row.title), body: String(row.description) });
    }
  } else {
    for (const row of await all(db, `SELECT id, name_vi, name_en, short_name FROM agencies WHERE id IN (${inList(ids)})`, ids)) {
      docs.push({ kind, refId: String(row.id), title: String(row.name_vi), body: `${row.short_name}\n${row.name_en}` });
    }
  }
  return docs;
}

function writeStatements(kind: SearchKind, ids: string[], docs: IndexDoc[]): InStatement[] {
  const statements: InStatement[] = [];
  const present = new Set(docs.map((d) => d.refId));
  for (const refId of ids) {
    // Remove the old row (if any) first; FTS5 has no upsert.
    statements.push({ sql: 'DELETE FROM search_index WHERE rowid = (SELECT id FROM search_entries WHERE kind = ? AND ref_id = ?)', args: [kind, refId] });
    if (!present.has(refId)) statements.push({ sql: 'DELETE FROM search_entries WHERE kind = ? AND ref_id = ?', args: [kind, refId] });
  }
  for (const doc of docs) {
    statements.push({ sql: 'INSERT INTO search_entries (kind, ref_id) VALUES (?, ?) ON CONFLICT (kind, ref_id) DO NOTHING', args: [doc.kind, doc.refId] });
    statements.push({
      sql: `INSERT INTO search_index (rowid, title, body, title_folded, body_folded)
            VALUES ((SELECT id FROM search_entries WHERE kind = ? AND ref_id = ?), ?, ?, ?, ?)`,
      args: [doc.kind, doc.refId, doc.title, doc.body, foldVietnamese(doc.title), foldVietnamese(doc.body)],
    });
  }
  return statements;
}

/** The records whose indexed title and body are already what was just built: nothing to write. */
async function alreadyIndexed(db: Db, kind: SearchKind, docs: IndexDoc[]): Promise<Set<string>> {
  if (docs.length === 0) return new Set();
  const rows = await all(db, `
    SELECT e.ref_id, s.title, s.body FROM search_entries e JOIN search_index s ON s.rowid = e.id
     WHERE e.kind = ? AND e.ref_id IN (${inList(docs.map((d) => d.refId))})`, [kind, ...docs.map((d) => d.refId)]);
  const current = new Map(rows.map((row) => [String(row.ref_id), `${row.title}\u0000${row.body}`]));
  return new Set(docs.filter((d) => current.get(d.refId) === `${d.title}\u0000${d.body}`).map((d) => d.refId));
}

const draining = new WeakMap<Db, Promise<number>>();

/**
 * Indexes what the queue names, `batchSize` queue rows per transaction, until it is empty.
 * One drain at a time per database: two could otherwise write an older text over a newer one.
 */
export function drainSearchQueue(db: Db, live: LiveText, batchSize = 500): Promise<number> {
  const previous = draining.get(db) ?? Promise.resolve(0);
  const run = previous.catch(() => 0).then(async () => {
    let indexed = 0;
    for (;;) {
      const queued = await all<{ id: number; kind: SearchKind; ref_id: string }>(db, 'SELECT id, kind, ref_id FROM search_queue ORDER BY id LIMIT ?', [batchSize]);
      if (queued.length === 0) return indexed;
      const lastId = Number(queued[queued.length - 1].id);
      const byKind = new Map<SearchKind, Set<string>>();
      for (const row of queued) {
        if (!SEARCH_KINDS.includes(row.kind)) continue;
        const set = byKind.get(row.kind) ?? new Set<string>();
        set.add(String(row.ref_id));
        byKind.set(row.kind, set);
      }
      const statements: InStatement[] = [];
      for (const [kind, set] of byKind) {
        const docs = await buildDocs(db, live, kind, [...set]);
        // A live document re-persisted without a change of text (cursor moves, other fields) is not
        // re-tokenized: FTS writes of a whole agreement are the costly part of indexing.
        const same = await alreadyIndexed(db, kind, docs);
        const ids = [...set].filter((refId) => !same.has(refId));
        statements.push(...writeStatements(kind, ids, docs.filter((d) => !same.has(d.refId))));
        indexed += ids.length;
      }
      // Rows queued while this batch was built have greater ids and stay for the next round.
      statements.push({ sql: 'DELETE FROM search_queue WHERE id <= ?', args: [lastId] });
      await db.batch(statements);
    }
  });
  draining.set(db, run);
  return run;
}

/** Puts a record in the queue by hand (a live document changed: no trigger sees that). */
export async function enqueue(db: Db, kind: SearchKind, refId: string): Promise<void> {
  await db.batch([{ sql: 'INSERT INTO search_queue (kind, ref_id) VALUES (?, ?)', args: [kind, refId] }]);
}

/**
 * Follows the live documents: `persisted(docName)` is called by the collaboration persistence after
 * each committed write; the document is re-indexed from its stored state once it has been quiet
 * for `quietMs`, and at the latest `maxWaitMs` after its first unindexed change.
 */
export class SearchIndexer {
  readonly #follower: ReturnType<typeof afterWritesSettle>;

  constructor(db: Db, live: LiveText, log: Logger, options = { quietMs: 1_000, maxWaitMs: 5_000 }) {
    this.#follower = afterWritesSettle(async (docName) => {
      const ref = parseDocName(docName);
      if (!ref) return;
      const kind: SearchKind = ref.kind === 'agreement' ? 'agreement' : 'meeting';
      await enqueue(db, kind, ref.id)
        .then(() => drainSearchQueue(db, live))
        .catch((err) => log.warn({ err, docName }, 'search: re-indexing a live document failed; the next search retries'));
    }, options);
  }

  persisted = (docName: string): void => this.#follower.persisted(docName);

  close(): void {
    this.#follower.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Querying

const VISIBLE = `(
     (e.kind = 'agreement' AND EXISTS (SELECT 1 FROM agreements g WHERE g.id = e.ref_id AND ${visibleAgreement('g', ':agency')}))
  OR (e.kind = 'meeting' AND EXISTS (SELECT 1 FROM meetings m WHERE m.id = e.ref_id AND ${visibleMeeting('m', ':agency')}))
  OR (e.kind = 'case' AND EXISTS (SELECT 1 FROM cases c WHERE c.id = e.ref_id AND ${visibleCase('c', ':agency')}))
  OR (e.kind = 'action_item' AND EXISTS (SELECT 1 FROM action_items t WHERE t.id = e.ref_id AND ${visibleActionItem('t', ':agency')}))
  OR e.kind = 'agency'
)`;

const SEARCH_SQL = `
  SELECT e.kind, e.ref_id, s.title, s.body, bm25(search_index, 0.0, 0.0, 5.0, 1.0) AS score
    FROM search_index s JOIN search_entries e ON e.id = s.rowid
   WHERE search_index MATCH :match AND ${VISIBLE}
   ORDER BY score LIMIT :limit`;

/**
 * The best few hundred matches ranked by the index alone, then filtered and read: a broad query
 * ("cong ty") matches tens of thousands of rows, and checking visibility and reading the text of
 * each is what made it slow. When fewer than `limit` of the candidates are visible, the caller sees
 * little of what matches: the matches are then looked for among what the caller may see
 * (VISIBLE_SEARCH_SQL) when that is small, else among every match (SEARCH_SQL).
 */
const CANDIDATES_SQL = `
  WITH ranked AS (
    SELECT rowid AS id, bm25(search_index, 0.0, 0.0, 5.0, 1.0) AS score
      FROM search_index WHERE search_index MATCH :match ORDER BY score LIMIT :candidates)
  SELECT e.kind, e.ref_id, s.title, s.body, r.score, (SELECT count(*) FROM ranked) AS candidates
    FROM ranked r JOIN search_entries e ON e.id = r.id JOIN search_index s ON s.rowid = r.id
   WHERE ${VISIBLE}
   ORDER BY r.score LIMIT :limit`;
const CANDIDATES = 300;
/** How many candidates there are when none is visible (the query above then answers no row to say it). */
const COUNT_CANDIDATES_SQL = 'SELECT count(*) AS n FROM (SELECT 1 FROM search_index WHERE search_index MATCH :match LIMIT :candidates)';

/** The entries the caller's agency may see (VISIBLE as a set; the kinds are disjoint), read through each table's indexes. */
const VISIBLE_ENTRIES = `
  SELECT e.id FROM (${visibleCaseIds(':agency')}) vc JOIN search_entries e ON e.kind = 'case' AND e.ref_id = vc.id
  UNION ALL SELECT e.id FROM agreements g JOIN search_entries e ON e.kind = 'agreement' AND e.ref_id = g.id WHERE ${visibleAgreement('g', ':agency')}
  UNION ALL SELECT e.id FROM meetings m JOIN search_entries e ON e.kind = 'meeting' AND e.ref_id = m.id WHERE ${visibleMeeting('m', ':agency')}
  UNION ALL SELECT e.id FROM action_items t JOIN search_entries e ON e.kind = 'action_item' AND e.ref_id = t.id WHERE ${visibleActionItem('t', ':agency')}
  UNION ALL SELECT e.id FROM search_entries e WHERE e.kind = 'agency'`;
/** Up to this many visible entries, the matches are looked for among them (the index scanned once, ranked only what is visible). */
const FEW_VISIBLE = 2_000;
const COUNT_VISIBLE_SQL = `SELECT count(*) AS n FROM (${VISIBLE_ENTRIES} LIMIT ${FEW_VISIBLE + 1})`;
// Materialized: SQLite then scans the index once, filtering with a Bloom filter and an index of its
// own on the few visible ids (automatic, on the CTE, not on a table); inlined, it pushed the match
// into every part of the union (113 against 11 ms for the province office's "phu tho").
const VISIBLE_SEARCH_SQL = `
  WITH visible(id) AS MATERIALIZED (${VISIBLE_ENTRIES})
  SELECT e.kind, e.ref_id, s.title, s.body, bm25(search_index, 0.0, 0.0, 5.0, 1.0) AS score
    FROM visible v JOIN search_index s ON s.rowid = v.id JOIN search_entries e ON e.id = v.id
   WHERE search_index MATCH :match
   ORDER BY score LIMIT :limit`;

export function hrefOf(kind: SearchKind, id: string): string {
  switch (kind) {
    case 'agreement': return `/agreements/${encodeURIComponent(id)}`;
    case 'meeting': return `/meetings/${encodeURIComponent(id)}`;
    case 'case': return `/cases/${encodeURIComponent(id)}`;
    case 'action_item': return `/action-items/${encodeURIComponent(id)}`;
    case 'agency': return `/agencies?agency=${encodeURIComponent(id)}`;
  }
}

/** What the caller's agency may see that matches `q`, best first. Empty for a query with no words. */
export async function search(db: Db, live: LiveText, agencyId: string, q: string, limit = 20): Promise<SearchHit[]> {
  const query = parseQuery(q);
  if (!query) return [];
  if ((await all(db, 'SELECT 1 FROM search_queue LIMIT 1')).length) await drainSearchQueue(db, live);
  let rows = await all(db, CANDIDATES_SQL, { match: query.match, agency: agencyId, limit, candidates: CANDIDATES });
  const candidates = rows.length > 0 ? Number(rows[0].candidates) : Number((await all(db, COUNT_CANDIDATES_SQL, { match: query.match, candidates: CANDIDATES }))[0].n);
  if (rows.length < limit && candidates >= CANDIDATES) {
    const [visible] = await all(db, COUNT_VISIBLE_SQL, { agency: agencyId });
    rows = await all(db, Number(visible.n) <= FEW_VISIBLE ? VISIBLE_SEARCH_SQL : SEARCH_SQL, { match: query.match, agency: agencyId, limit });
  }
  return rows.map((row) => {
    const kind = row.kind as SearchKind;
    const id = String(row.ref_id);
    const title = String(row.title);
    const body = String(row.body);
    const snippet = highlight(body, query, 180);
    return {
      kind, id, title, href: hrefOf(kind, id), score: Number(row.score),
      titleSegments: highlight(title, query),
      snippet: snippet.some((s) => s.match) ? snippet : [],
    };
  });
}

export async function explainSearch(sql: Sql, agencyId: string, q: string): Promise<string[]> {
  const query = parseQuery(q);
  if (!query) return [];
  const rows = await all(sql, `EXPLAIN QUERY PLAN ${CANDIDATES_SQL}`, { match: query.match, agency: agencyId, limit: 20, candidates: CANDIDATES });
  return rows.map((row) => String(row.detail));
}
