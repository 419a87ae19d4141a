import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite } from './browser.ts';
import { startTestServer } from '../helpers.ts';
import { createCollab, type CollabServer } from '../../server/collab/index.ts';

describe('co-drafting an agreement in two browsers', () => {
  let collab: CollabServer;
  const suite = browserSuite(async () => {
    const server = await startTestServer({ web: true });
    collab = server.collab;
    return server;
  });
  // The collaboration server a test started in place of the first one (runs before the suite closes).
  afterAll(async () => {
    if (collab !== suite.server?.collab) await collab?.close();
  });

  async function openAgreement(email: string): Promise<Page> {
    const page = await suite.signedInPage(email, { width: 1400, goto: '/agreements/demo-agreement-01' });
    await page.locator('.connection-synced').waitFor();
    return page;
  }

  it('two users of two agencies type and each sees the other’s words and cursor', async () => {
    const lead = await openAgreement('thads@demo.concord.vn');
    const court = await openAgreement('toaan@demo.concord.vn');
    const article1 = (page: Page) => page.locator('.legal-document section[data-kind="article"]').first();

    await article1(lead).locator('p').first().click();
    await lead.keyboard.press('End');
    await lead.keyboard.type(' Bổ sung của THADS.');
    await expect.poll(() => article1(court).textContent(), { timeout: 15_000 }).toContain('Bổ sung của THADS.');

    await article1(court).locator('h2').first().click();
    await court.keyboard.press('End');
    await court.keyboard.type(' và phạm vi áp dụng');
    await expect.poll(() => article1(lead).textContent(), { timeout: 15_000 }).toContain('và phạm vi áp dụng');

    // Each sees the other's named cursor, and the other among those present.
    await expect.poll(() => court.locator('.legal-cursor__label').allTextContents(), { timeout: 15_000 }).toContain('Nguyễn Văn Hùng · THADS Phú Thọ');
    await expect.poll(() => lead.locator('.legal-cursor__label').allTextContents(), { timeout: 15_000 }).toContain('Lê Thị Thu Hà · TAND Phú Thọ');
    await expect.poll(() => lead.locator('.presence-chip').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Lê Thị Thu Hà')]));
    await court.screenshot({ path: '/tmp/concord-agreement-court.png' });
  });

  it('inserting an article renumbers the following ones for the other participant at once', async () => {
    const lead = await openAgreement('thads@demo.concord.vn');
    const vks = await openAgreement('vks@demo.concord.vn');
    const labelOf = (page: Page, text: string) => page.locator('.legal-document section[data-kind="article"]', { hasText: text }).first().locator('h2').first().getAttribute('data-label');
    const before = await labelOf(vks, 'Nguyên tắc phối hợp');
    await lead.locator('.legal-document section[data-kind="article"] h2', { hasText: 'Mục đích phối hợp' }).click();
    await lead.getByRole('button', { name: 'Điều', exact: true }).click();
    await lead.keyboard.type('Điều mới chèn');
    await expect.poll(() => labelOf(vks, 'Nguyên tắc phối hợp'), { timeout: 15_000 }).not.toBe(before);
    const after = await labelOf(vks, 'Nguyên tắc phối hợp');
    expect(Number(after?.match(/\d+/)?.[0])).toBe(Number(before?.match(/\d+/)?.[0]) + 1);
  });

  it('a participant who loses the connection keeps typing, sees it, and the edits merge on reconnect', async () => {
    const lead = await openAgreement('thads@demo.concord.vn');
    const court = await openAgreement('toaan@demo.concord.vn');
    const firstArticle = (page: Page) => page.locator('.legal-document section[data-kind="article"]').first();

    // The collaboration server goes away (as a network cut would): both pages say so.
    await collab.close();
    await expect.poll(() => lead.locator('.connection').getAttribute('class'), { timeout: 15_000 }).toContain('connection-offline');
    await firstArticle(lead).locator('p').first().click();
    await lead.keyboard.press('End');
    await lead.keyboard.type(' Viết khi mất mạng.');
    await expect.poll(() => firstArticle(lead).textContent()).toContain('Viết khi mất mạng.');

    // Back: the offline words reach the other participant and the server.
    collab = createCollab(suite.server.deps);
    collab.attach(suite.server.server);
    suite.server.deps.collab = collab;
    await expect.poll(() => lead.locator('.connection').getAttribute('class'), { timeout: 20_000 }).toContain('connection-synced');
    await expect.poll(() => firstArticle(court).textContent(), { timeout: 20_000 }).toContain('Viết khi mất mạng.');
  });

  it('an observer reads the text without being able to edit it, and comments on it', async () => {
    const police = await openAgreement('congan@demo.concord.vn');
    await expect.poll(() => police.locator('.legal-document').getAttribute('contenteditable')).toBe('false');
    await police.locator('.legal-document section[data-kind="article"] p').first().click({ clickCount: 3 });
    await police.getByRole('button', { name: 'Góp ý đoạn đang chọn' }).click();
    await police.getByLabel('Nội dung góp ý').fill('Công an đề nghị bổ sung thời hạn.');
    await police.getByRole('button', { name: 'Gửi' }).click();
    await expect.poll(() => police.locator('.comment-thread').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Công an đề nghị bổ sung thời hạn.')]));
    await expect.poll(() => police.locator('.comment-highlight').count()).toBeGreaterThan(0);
  });
});
