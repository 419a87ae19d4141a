/**
 * No dead ends and no stale screens, in a real Chromium: a missing or forbidden link explains
 * itself inside the app; the other party's page follows a step without reload; losing the network
 * shows within seconds.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite } from './browser.ts';
import { signIn, startTestServer, trpc } from '../helpers.ts';
import { buildUser } from '../factories.ts';
import { DEMO_AGENCY_IDS, DEMO_IDS } from '../../server/demo/seed.ts';
import { localDate } from '../../shared/format.ts';

const SHOTS = process.env.SCREENSHOT_DIR;

describe('dead ends and live pages in a browser', () => {
  const suite = browserSuite(() => startTestServer({ web: true }));
  const errors: string[] = [];
  const pageOf = (email: string, password?: string, width = 1280): Promise<Page> => suite.signedInPage(email, { password, width, pageErrors: errors });

  it('a forbidden or missing record shows an explanation inside the app, with a way back, and no page error', async () => {
    const outsider = await buildUser(suite.server.testDb.db, { agencyId: DEMO_AGENCY_IDS.ubnd, roles: ['legal_staff'] });
    const page = await pageOf(outsider.email, outsider.password);
    await page.goto(`${suite.server.url}/agreements/${DEMO_IDS.agreement}`);
    await expect.poll(() => page.locator('main').textContent()).toContain('Bạn không có quyền xem nội dung này');
    expect(await page.locator('nav#sidebar').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Về danh sách' }).getAttribute('href')).toBe('/agreements');
    expect(await page.title()).toBe('Bạn không có quyền xem nội dung này – Concord');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/forbidden.png` });

    for (const path of ['/agreements/khong-ton-tai', '/meetings/doesnotexist', '/cases/khong-co', '/action-items/khong-co']) {
      await page.goto(`${suite.server.url}${path}`);
      await expect.poll(() => page.locator('main').textContent(), { message: path }).toContain('Không tìm thấy');
    }
    await page.goto(`${suite.server.url}/cases/${DEMO_IDS.case}`);
    await expect.poll(() => page.locator('main').textContent()).toContain('Bạn không có quyền xem nội dung này');
    // Following the link back to the list leaves the error behind.
    await page.getByRole('link', { name: 'Về danh sách' }).click();
    await expect.poll(() => page.locator('main h1').first().textContent()).not.toContain('quyền');

    const phone = await pageOf(outsider.email, outsider.password, 390);
    await phone.goto(`${suite.server.url}/meetings/doesnotexist`);
    await expect.poll(() => phone.locator('main').textContent()).toContain('Không tìm thấy');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    if (SHOTS) await phone.screenshot({ path: `${SHOTS}/not-found-390.png` });
    expect(errors).toEqual([]);
  });

  it("the other party's agreement page follows the lead's step without reload", async () => {
    const court = await pageOf('toaan@demo.concord.vn');
    await court.goto(`${suite.server.url}/agreements/${DEMO_IDS.agreement}`);
    await court.locator('.connection-synced').waitFor();
    await expect.poll(() => court.locator('.badge').first().textContent()).toBe('Dự thảo');
    const thads = await signIn(suite.server.url, 'thads@demo.concord.vn');
    const deadline = new Date(Date.now() + 10 * 86_400_000);
    const step = await trpc(suite.server.url, thads, 'agreements.transition', { agreementId: DEMO_IDS.agreement, to: 'consultation', deadline: localDate(deadline) }, 'mutation');
    expect(step.status).toBe(200);
    await expect.poll(() => court.locator('.badge').first().textContent(), { timeout: 5_000 }).toBe('Lấy ý kiến');
    await expect.poll(() => court.locator('.legal-editor__notice').textContent(), { timeout: 5_000 }).toContain('Đang lấy ý kiến');
    if (SHOTS) await court.screenshot({ path: `${SHOTS}/live-step.png` });
  });

  it('losing the network shows "offline" within 3 s, not after 30', async () => {
    const page = await pageOf('vks@demo.concord.vn');
    await page.goto(`${suite.server.url}/agreements/${DEMO_IDS.agreement}`);
    await page.locator('.connection-synced').waitFor();
    const started = Date.now();
    await page.context().setOffline(true);
    await page.locator('.connection-offline').waitFor({ timeout: 6_000 });
    expect(Date.now() - started).toBeLessThan(4_500);
    await page.context().setOffline(false);
    await page.locator('.connection-synced').waitFor({ timeout: 20_000 });
  });
});
