/**
 * Offline drafting: the badge says offline within 3 s of the server going silent, with the count of
 * changes not yet saved; a reload while offline keeps the edit (IndexedDB), and it reaches the
 * server once the connection is back, after which the badge says "Đã đồng bộ".
 */
import { describe, expect, it } from 'vitest';
import type { WebSocketRoute } from 'playwright-core';
import { browserSuite, signInAs } from './browser.ts';
import { docxDocumentXml, signIn, startTestServer, type TestServer } from '../helpers.ts';

/** The text the server holds, read through its own DOCX export (what any other party would get). */
async function liveDocumentText(server: TestServer, id: string): Promise<string> {
  const cookie = await signIn(server.url, 'toaan@demo.concord.vn');
  const response = await fetch(`${server.url}/export/agreements/${id}.docx`, { headers: { cookie } });
  if (response.status !== 200) throw new Error(`export answered ${response.status}`);
  return docxDocumentXml(Buffer.from(await response.arrayBuffer())).replace(/<[^>]+>/g, '');
}

const SHOTS = '/tmp/shots-editor';

describe('offline drafting', () => {
  const suite = browserSuite(() => startTestServer({ web: true, seed: true }));

  it('says offline within 3 s, keeps the edit through a reload while offline, and saves it on reconnection', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    // The network between this browser and the live-document server: cut means silence, as when Wi-Fi drops.
    let cut = false;
    await context.routeWebSocket(/\/collab\//, (ws: WebSocketRoute) => {
      if (cut) return; // answered by nobody: the socket opens and hears nothing
      const upstream = ws.connectToServer();
      ws.onMessage((message) => { if (!cut) upstream.send(message); });
      upstream.onMessage((message) => { if (!cut) ws.send(message); });
    });
    await signInAs(page, suite.server.url, 'thads@demo.concord.vn');
    await page.goto(`${suite.server.url}/agreements/demo-agreement-01`);
    await page.locator('.connection-synced').waitFor();
    expect(await page.locator('.connection').textContent()).toBe('Đã đồng bộ');

    cut = true;
    const cutAt = Date.now();
    await page.locator('.connection-offline').waitFor({ timeout: 10_000 });
    const noticed = Date.now() - cutAt;
    console.log(JSON.stringify({ offlineNoticedMs: noticed }));

    const heading = page.locator('.legal-document section[data-kind="article"] h2', { hasText: 'Phạm vi điều chỉnh' });
    await heading.click();
    await page.keyboard.press('End');
    await page.keyboard.type(' khi mất mạng');
    await expect.poll(() => page.locator('.connection').textContent()).toMatch(/^Mất kết nối — \d+ thay đổi chưa lưu/);
    await page.screenshot({ path: `${SHOTS}/offline-badge-1280.png` });

    // Reload while still offline: the page comes back with the edit, kept in this browser.
    await page.reload();
    await page.locator('.legal-document').waitFor();
    await expect.poll(() => page.locator('.legal-document h2', { hasText: 'Phạm vi điều chỉnh khi mất mạng' }).count()).toBe(1);
    await expect.poll(() => page.locator('.connection').textContent()).toMatch(/thay đổi chưa lưu/);
    expect(await liveDocumentText(suite.server, 'demo-agreement-01')).not.toContain('khi mất mạng');

    // Back online: the edit reaches the server, and only then the badge says so.
    cut = false;
    await page.locator('.connection-synced').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('.connection').textContent(), { timeout: 20_000 }).toBe('Đã đồng bộ');
    await expect.poll(() => liveDocumentText(suite.server, 'demo-agreement-01'), { timeout: 10_000 }).toContain('Phạm vi điều chỉnh khi mất mạng');
    await context.close();
  });
});
