/**
 * Cold open of a 200-article agreement in the browser, from navigation to editable text: a
 * temporary database (migrations, demo data, one agreement of 200 articles in 10 chapters, each
 * article a heading and three clauses, one of them with points, written to its live document as
 * the import does), the real app serving the built web app, and Chromium (playwright-core,
 * /usr/bin/chromium). Each run opens a fresh browser context (empty cache), signs in as the lead
 * agency's drafter, then measures from `page.goto('/agreements/<id>')` until the ProseMirror editor
 * holds the last article's text and is contenteditable. Prints p50 and max over the runs, and the
 * median of each phase: the document and the JavaScript loaded (bundle), the tRPC calls answered,
 * the live document's first message over the WebSocket, and the first render of the numbered text
 * after it. Builds the web app first when it is stale. One JSON line. Target: under 1 s.
 */
import { join } from 'node:path';
import { createAgreement } from '../server/domain/agreement/index.ts';
import { DEMO_AGENCY_IDS } from '../server/demo/seed.ts';
import type { LegalNodeJSON } from '../shared/legal/numbering.ts';
import { createTestDb, signIn, startTestServer } from '../test/helpers.ts';
import { launchBrowser } from '../test/browser/browser.ts';
import { compiledServer } from './_common.ts';

const RUNS = Number(process.env.COLD_OPEN_RUNS ?? 7);
const ARTICLES = 200;
const CHAPTERS = 10;
const TARGET_MS = 1000;

// The built web app, built first when missing or older than its sources.
await compiledServer();

const text = (value: string): LegalNodeJSON[] => [{ type: 'text', text: value }];
const paragraph = (value: string): LegalNodeJSON => ({ type: 'paragraph', content: text(value) });
const heading = (value: string): LegalNodeJSON => ({ type: 'heading', content: text(value) });
const LAST_HEADING = `Trách nhiệm phối hợp số ${ARTICLES}`;

/** 200 articles of realistic length: a heading, three clauses, the second with three points. */
function bigAgreement(): LegalNodeJSON {
  const chapters: LegalNodeJSON[] = [];
  let n = 0;
  for (let c = 1; c <= CHAPTERS; c++) {
    const articles: LegalNodeJSON[] = [];
    for (let a = 1; a <= ARTICLES / CHAPTERS; a++) {
      n += 1;
      const id = `big-a${n}`;
      articles.push({
        type: 'article', attrs: { id },
        content: [
          heading(`Trách nhiệm phối hợp số ${n}`),
          { type: 'clause', attrs: { id: `${id}-k1` }, content: [paragraph(`Cơ quan thi hành án dân sự chủ trì, phối hợp với Tòa án nhân dân và Viện kiểm sát nhân dân cùng cấp trong việc tổ chức thi hành các bản án, quyết định thuộc nhóm việc số ${n}.`)] },
          {
            type: 'clause', attrs: { id: `${id}-k2` },
            content: [paragraph('Trong thời hạn 05 ngày làm việc kể từ ngày nhận được yêu cầu, cơ quan được yêu cầu có trách nhiệm:'),
              ...['a', 'b', 'c'].map((letter, p) => ({
                type: 'point', attrs: { id: `${id}-k2-${letter}` },
                content: [paragraph(['cung cấp thông tin về tài sản, tài khoản của người phải thi hành án;', 'cử cán bộ tham gia cưỡng chế khi được đề nghị;', 'thông báo kết quả bằng văn bản cho cơ quan thi hành án dân sự.'][p])],
              }))],
          },
          { type: 'clause', attrs: { id: `${id}-k3` }, content: [paragraph('Kết quả phối hợp được tổng hợp trong báo cáo định kỳ 06 tháng và hằng năm của các cơ quan ký kết.')] },
        ],
      });
    }
    chapters.push({ type: 'chapter', attrs: { id: `big-c${c}` }, content: [heading(`NHÓM NHIỆM VỤ THỨ ${c}`), ...articles] });
  }
  return { type: 'doc', content: [{ type: 'title', content: text('Quy chế phối hợp 200 điều về thi hành án dân sự') }, ...chapters] };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
};
const round = (ms: number) => Math.round(ms);

const testDb = await createTestDb();
const storedCreation = { create: async (tx: Parameters<Parameters<typeof testDb.db.write>[0]>[0], name: string, update: Uint8Array) => {
  const { initialUpdateStatement } = await import('../server/collab/storage.ts');
  await tx.execute(initialUpdateStatement(name, update));
} };
const agreement = await testDb.db.write((tx) => createAgreement(tx, storedCreation, { id: 'user-thads', agency: { id: DEMO_AGENCY_IDS.thads }, roles: ['legal_staff', 'chair', 'signatory'] } as never, {
  title: 'Quy chế phối hợp 200 điều về thi hành án dân sự', docNumber: '', partyAgencyIds: [DEMO_AGENCY_IDS.tand, DEMO_AGENCY_IDS.vks, DEMO_AGENCY_IDS.ca],
}, bigAgreement()));
const server = await startTestServer({ testDb, web: true });
const browser = await launchBrowser();
interface Run { totalMs: number; bundleMs: number; trpcMs: number; trpcCalls: number; wsOpenMs: number | null; wsFirstMessageMs: number | null; renderAfterSyncMs: number | null; jsKb: number }
const runs: Run[] = [];
try {
  const cookie = await signIn(server.url, 'thads@demo.concord.vn');
  const [name, value] = cookie.split('=');
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();
    let wsOpen: number | null = null;
    let wsFirst: number | null = null;
    page.on('websocket', (ws) => {
      if (!ws.url().includes('/collab/')) return;
      wsOpen ??= performance.now();
      ws.on('framereceived', () => { wsFirst ??= performance.now(); });
    });
    const started = performance.now();
    await page.goto(`${server.url}/agreements/${agreement.id}`);
    await page.waitForFunction((last) => {
      const editor = document.querySelector('.ProseMirror');
      return !!editor && editor.getAttribute('contenteditable') === 'true' && (editor.textContent ?? '').includes(last);
    }, LAST_HEADING, { timeout: 30_000, polling: 'raf' });
    const done = performance.now();
    const timing = await page.evaluate(() => {
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const scripts = resources.filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js'));
      const trpc = resources.filter((r) => r.name.includes('/trpc/'));
      return {
        bundleEnd: Math.max(0, ...scripts.map((r) => r.responseEnd)),
        trpcEnd: Math.max(0, ...trpc.map((r) => r.responseEnd)),
        trpcCalls: trpc.length,
        jsBytes: scripts.reduce((sum, r) => sum + (r.encodedBodySize || 0), 0),
        navigationStart: performance.timeOrigin,
      };
    });
    // Browser times are from the page's time origin, close to `started`.
    runs.push({
      totalMs: done - started, bundleMs: timing.bundleEnd, trpcMs: timing.trpcEnd, trpcCalls: timing.trpcCalls,
      wsOpenMs: wsOpen === null ? null : wsOpen - started, wsFirstMessageMs: wsFirst === null ? null : wsFirst - started,
      renderAfterSyncMs: wsFirst === null ? null : done - (wsFirst as number), jsKb: Math.round(timing.jsBytes / 1024),
    });
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}

const totals = runs.map((r) => r.totalMs);
const phase = (key: keyof Run) => {
  const values = runs.map((r) => r[key]).filter((v): v is number => typeof v === 'number');
  return values.length ? round(median(values)) : null;
};
const phases = { bundleLoadedMs: phase('bundleMs'), trpcAnsweredMs: phase('trpcMs'), websocketOpenMs: phase('wsOpenMs'), websocketFirstMessageMs: phase('wsFirstMessageMs'), renderAfterFirstMessageMs: phase('renderAfterSyncMs') };
const spans: Record<string, number> = {
  'bundle load': phases.bundleLoadedMs ?? 0,
  'tRPC calls': Math.max(0, (phases.trpcAnsweredMs ?? 0) - (phases.bundleLoadedMs ?? 0)),
  'websocket sync': Math.max(0, (phases.websocketFirstMessageMs ?? 0) - Math.max(phases.bundleLoadedMs ?? 0, phases.websocketOpenMs ?? 0)),
  'first render of the numbered text': phases.renderAfterFirstMessageMs ?? 0,
};
console.log(JSON.stringify({
  benchmark: 'agreement-cold-open', articles: ARTICLES, runs: RUNS,
  p50Ms: round(median(totals)), maxMs: round(Math.max(...totals)), targetMs: TARGET_MS, withinTarget: median(totals) < TARGET_MS && Math.max(...totals) < TARGET_MS,
  ...phases, trpcCalls: phase('trpcCalls'), jsKb: phase('jsKb'),
  dominatedBy: Object.entries(spans).sort((a, b) => b[1] - a[1])[0][0], spans,
  samplesMs: totals.map(round),
  // The first run is the coldest (a browser just started, the server loading the document for the first time): its phases apart.
  firstRun: Object.fromEntries(Object.entries(runs[0]).map(([key, value]) => [key, typeof value === 'number' ? round(value) : value])),
}));
