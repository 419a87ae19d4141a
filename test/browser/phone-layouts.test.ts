/**
 * Every main page at 390 px, with long unbroken words in the titles: nothing wider than the
 * screen (`document.documentElement.scrollWidth <= 390`), the month calendar as an agenda, tables
 * as cards. Screenshots in SCREENSHOT_DIR (else /tmp/shots-cases-review).
 */
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { browserSuite } from './browser.ts';
import { startTestServer } from '../helpers.ts';
import { DEMO_IDS } from '../../server/demo/seed.ts';

const SHOTS = process.env.SCREENSHOT_DIR ?? '/tmp/shots-cases-review';
const LONG = 'Quychếphốihợpliênngành'.repeat(8);

describe('phone layouts at 390 px', () => {
  const suite = browserSuite(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const server = await startTestServer({ web: true });
    const db = server.testDb.db;
    await db.batch([
      { sql: 'UPDATE agreements SET title = title || ? WHERE id = ?', args: [` ${LONG}`, DEMO_IDS.agreement] },
      { sql: 'UPDATE meetings SET title = title || ? WHERE id = ?', args: [` ${LONG}`, DEMO_IDS.meeting] },
      { sql: 'UPDATE cases SET debtor = debtor || ?, summary = ? WHERE id = ?', args: [` ${LONG}`, LONG, DEMO_IDS.case] },
    ]);
    return server;
  });

  const PAGES = [
    '/', '/agreements', `/agreements/${DEMO_IDS.agreement}`, `/agreements/${DEMO_IDS.agreement}/implementation`, '/meetings',
    `/meetings/${DEMO_IDS.meeting}`, '/cases', `/cases/${DEMO_IDS.case}`, '/action-items', '/statistics', '/agencies', '/account',
  ];

  it('every main page fits 390 px with long words in its titles', async () => {
    const errors: string[] = [];
    const page = await suite.signedInPage('thads@demo.concord.vn', { width: 390, height: 844, isMobile: true, pageErrors: errors });
    const wide: Record<string, number> = {};
    for (const path of PAGES) {
      await page.goto(`${suite.server.url}${path}`);
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      wide[path] = await page.evaluate(() => document.documentElement.scrollWidth);
      await page.screenshot({ path: `${SHOTS}/390-${path.replace(/\W+/g, '_') || 'home'}.png`, fullPage: true });
    }
    for (const [path, width] of Object.entries(wide)) expect(width, path).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('the month calendar is an agenda list, the case list a stack of cards, the tabs are tabs', async () => {
    const page = await suite.signedInPage('thads@demo.concord.vn', { width: 390, height: 844, isMobile: true });
    await page.goto(`${suite.server.url}/meetings`);
    await page.locator('[role="tab"][data-view="month"]').click();
    await page.locator('.cal-agenda').waitFor();
    expect(await page.locator('.cal-agenda').isVisible()).toBe(true);
    expect(await page.locator('.cal-month-view .cal-scroll').isVisible()).toBe(false);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}/390-meetings-month.png`, fullPage: true });

    await page.goto(`${suite.server.url}/cases`);
    await page.locator('.stack-table tbody tr').first().waitFor();
    expect(await page.locator('.stack-table tbody tr').first().evaluate((row) => getComputedStyle(row).display)).toBe('block');
    expect(await page.locator('.stack-table thead').evaluate((head) => head.getBoundingClientRect().height)).toBeLessThanOrEqual(1);

    await page.goto(`${suite.server.url}/action-items`);
    const tab = page.locator('[role="tablist"] > [role="tab"]').first();
    await tab.waitFor();
    const style = await tab.evaluate((el) => ({ border: getComputedStyle(el).borderTopWidth, weight: getComputedStyle(el).fontWeight }));
    expect(style).toEqual({ border: '0px', weight: '600' });
    await page.screenshot({ path: `${SHOTS}/390-action-items-tabs.png` });
    await page.context().close();
  }, 120_000);
});
