/**
 * Search over the 100 000-case volume database (plus the demo agreement and meeting): p50 and p99
 * server time of `search` for realistic queries typed without diacritics, as the province office
 * (which sees every case), with SQLite's query plan. Target: p99 under 50 ms. One JSON line.
 */
import { volumeDb, percentile, VOLUME_CASES } from './_volume.ts';
import { explainSearch, search } from '../server/domain/search/index.ts';
import { DEMO_AGENCY_IDS } from '../server/demo/seed.ts';
import { all } from '../server/db/client.ts';
import { storedDocuments } from '../server/collab/storage.ts';

const { db, generatedMs } = await volumeDb();
const agencies = (await all<{ id: string }>(db, `SELECT id FROM agencies WHERE id LIKE 'vol-kv-%'`)).map((a) => a.id);
const numbers = (await all<{ judgment_number: string }>(db, `SELECT judgment_number FROM cases WHERE id IN ('vol-17', 'vol-4242', 'vol-77777', 'vol-99999')`)).map((r) => r.judgment_number);
const QUERIES = [
  'thi hanh an', 'dat dai', 'nguyen van hung', 'cong ty co phan', 'ngan hang cong thuong', 'tran thi lan', 'dat dai viet tri',
  'vat chung', 'cuong che', 'hop lien nganh', 'le thi', 'quang', 'phu tho', 'hop tac xa nong nghiep thanh son', 'tham phan',
  ...numbers, 'khong co ket qua nao', 'ngu', 'do thi thu hang',
];
// The regional offices see their own register; the province office sees what it handles itself.
const viewers = [DEMO_AGENCY_IDS.thads, ...agencies];
for (const q of QUERIES) await search(db, storedDocuments(db), viewers[0], q);
const samples: number[] = [];
let hits = 0;
for (let round = 0; round < 10; round++) {
  for (const [i, q] of QUERIES.entries()) {
    const started = performance.now();
    hits += (await search(db, storedDocuments(db), viewers[(i + round) % viewers.length], q)).length;
    samples.push(performance.now() - started);
  }
}
samples.sort((a, b) => a - b);
const round1 = (n: number) => Math.round(n * 10) / 10;
console.log(JSON.stringify({
  benchmark: 'search', cases: VOLUME_CASES, generatedMs, queries: samples.length, p50Ms: round1(percentile(samples, 50)), p99Ms: round1(percentile(samples, 99)),
  maxMs: round1(samples[samples.length - 1]), targetP99Ms: 50, withinTarget: percentile(samples, 99) < 50, averageHits: round1(hits / samples.length),
  plan: await explainSearch(db, agencies[0], 'dat dai'),
}));
db.close();
