/**
 * The pages this round changed, as each role that uses them sees them, on a laptop and at 390 px:
 * no page error, nothing wider than the screen, the record or its refusal in Vietnamese.
 */
import { describe, expect, it } from 'vitest';
import { browserSuite } from './browser.ts';
import { startTestServer } from '../helpers.ts';
import { DEMO_IDS } from '../../server/demo/seed.ts';

const SHOTS = process.env.SCREENSHOT_DIR;
const PAGES = [
  '/agreements', `/agreements/${DEMO_IDS.agreement}`, '/meetings', `/meetings/${DEMO_IDS.meeting}`, `/cases/${DEMO_IDS.case}`,
  '/action-items/demo-item-tand', '/statistics', '/agreements/khong-co', '/meetings/khong-co', '/cases/khong-co',
];

describe('changed pages by role and screen', () => {
  const suite = browserSuite(() => startTestServer({ web: true }));

  for (const who of ['thads', 'toaan', 'vks', 'congan', 'admin']) {
    it(`${who}@: every changed page renders in Vietnamese, with no page error, at 1280 and 390 px`, async () => {
      for (const width of [1280, 390]) {
        const errors: string[] = [];
        const page = await suite.signedInPage(`${who}@demo.concord.vn`, { width, isMobile: width < 500, pageErrors: errors });
        for (const path of PAGES) {
          await page.goto(`${suite.server.url}${path}`);
          await page.locator('main h1').first().waitFor();
          await page.waitForLoadState('networkidle');
          const main = (await page.locator('main').textContent()) ?? '';
          expect(main, `${who} ${path}`).not.toMatch(/TRPCClientError|undefined|\[object Object\]/);
          const wide = await page.evaluate(() => document.documentElement.scrollWidth);
          if (SHOTS) await page.screenshot({ path: `${SHOTS}/${who}-${width}-${path.replace(/\W+/g, '_')}.png`, fullPage: width < 500 });
          if (width < 500) expect(wide, `${who} ${path} at 390 px`).toBeLessThanOrEqual(390);
        }
        expect(errors, who).toEqual([]);
        await page.context().close();
      }
    }, 120_000);
  }
});
