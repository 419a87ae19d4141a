import { describe, expect, it } from 'vitest';
import { browserSuite } from './browser.ts';
import { startTestServer } from '../helpers.ts';
import { DEMO_AGENCY_IDS, DEMO_IDS } from '../../server/demo/seed.ts';
import { localDate } from '../../shared/format.ts';
import { statisticalYear, statisticalYearOf } from '../../shared/statistics.ts';

const SHOTS = process.env.SCREENSHOT_DIR;

describe('search and statistics in a browser', () => {
  const suite = browserSuite(async () => {
    const server = await startTestServer({ web: true });
    // A case accepted and completed in this statistical year, beside the demo case (enforceable, carried over).
    const { from } = statisticalYear(statisticalYearOf(localDate()));
    const now = new Date().toISOString();
    await server.testDb.db.batch([
      { sql: `INSERT INTO cases (id, judgment_number, judgment_date, court_name, office_agency_id, case_type, creditor, debtor, amount_due, classification, status, accepted_on, created_at)
              VALUES ('browser-case', '12/2026/DS-ST', ?, 'TAND tỉnh Phú Thọ', ?, 'civil', 'Bà Hà', 'Ông Sơn', 40000000, 'enforceable', 'accepted', ?, ?)`,
        args: [from, DEMO_AGENCY_IDS.thads, from, now] },
      { sql: `INSERT INTO case_status_history (case_id, status, on_date, recorded_at) VALUES ('browser-case', 'completed', ?, ?)`, args: [from, now] },
      { sql: `INSERT INTO case_money_events (case_id, on_date, kind, amount, recorded_at) VALUES ('browser-case', ?, 'collected', 40000000, ?)`, args: [from, now] },
    ]);
    return server;
  });

  it('searches without diacritics from the shell and opens the hit', async () => {
    const page = await suite.signedInPage('thads@demo.concord.vn', { height: 800 });
    await page.keyboard.press('/');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('global-search');
    await page.keyboard.type('vat chung');
    const hit = page.locator('.search-results li', { hasText: 'Quy chế phối hợp' }).first();
    await hit.waitFor();
    await expect.poll(() => hit.locator('mark').allTextContents()).toEqual(expect.arrayContaining(['vật', 'chứng']));
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/search.png` });
    await hit.click();
    await page.waitForURL(`${suite.server.url}/agreements/${DEMO_IDS.agreement}`);
  });

  it('opens the statistics dashboard and sees both rates with their formulas', async () => {
    const page = await suite.signedInPage('toaan@demo.concord.vn', { height: 1000 });
    await page.goto(`${suite.server.url}/statistics`);
    const cards = page.getByTestId('rate-card');
    await expect.poll(() => cards.count()).toBe(2);
    await expect.poll(() => cards.nth(0).textContent()).toContain('Tỷ lệ về việc');
    await expect.poll(() => cards.nth(0).textContent()).toContain('50,0 %');
    await expect.poll(() => cards.nth(0).textContent()).toContain('(thi hành xong + đình chỉ) / có điều kiện');
    await expect.poll(() => cards.nth(1).textContent()).toContain('Tỷ lệ về tiền');
    await expect.poll(() => cards.nth(1).textContent()).toMatch(/\d+,\d %/);
    await page.locator('.chart-box canvas').waitFor();
    // Drill down: the completed case belongs to THADS, which the court is not involved in: counted, not listed.
    await page.getByRole('button', { name: 'Thi hành xong' }).click();
    await expect.poll(() => page.getByRole('dialog').textContent()).toContain('1 vụ việc thuộc cơ quan khác');
    expect(await page.getByRole('dialog').textContent()).not.toContain('12/2026/DS-ST');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/statistics-drill.png`, fullPage: true });
    await page.keyboard.press('Escape');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/statistics.png`, fullPage: true });
    // Readable on a phone.
    const phone = await suite.signedInPage('toaan@demo.concord.vn', { width: 390, height: 844, isMobile: true });
    await phone.goto(`${suite.server.url}/statistics`);
    await phone.getByTestId('rate-card').nth(1).waitFor();
    await phone.locator('.chart-box canvas').waitFor();
    if (SHOTS) await phone.screenshot({ path: `${SHOTS}/statistics-phone.png`, fullPage: true });
    // Nothing of the page is wider than the phone, wide tables aside (they scroll sideways in their frame).
    const wide = await phone.evaluate(() => [...document.querySelectorAll('.page *')]
      .filter((e) => !e.closest('.table-wrap') && e.getBoundingClientRect().right > 391 && e.getBoundingClientRect().width > 0)
      .slice(0, 12).map((e) => `${e.tagName}.${e.className}:${Math.round(e.getBoundingClientRect().width)}`));
    expect(wide).toEqual([]);
    const box = await phone.getByTestId('rate-card').nth(1).boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  });
});
