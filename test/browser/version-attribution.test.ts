/**
 * Attribution in a version comparison, two people in the browser: THADS's lead saves a version,
 * TAND's legal staff adds words, the lead deletes some; the comparison with the text now names who
 * added and who removed each part. Screenshot in /tmp/shots-attribution.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { browserSuite, clickWhenSteady } from './browser.ts';
import { startCollabTestServer } from '../helpers.ts';
import { DEMO_IDS } from '../../server/demo/seed.ts';

const SHOTS = '/tmp/shots-attribution';

describe('who added and removed each part, in a version comparison', () => {
  const suite = browserSuite(async () => {
    mkdirSync(SHOTS, { recursive: true });
    return startCollabTestServer({ web: true });
  });

  it('names the TAND drafter on her words and the THADS lead on the words he deleted', async () => {
    const url = `${suite.server.url}/agreements/${DEMO_IDS.agreement}`;
    const lead = await suite.signedInPage('thads@demo.concord.vn', { height: 1000 });
    await lead.goto(url);
    await lead.locator('.connection-synced').waitFor();
    await clickWhenSteady(lead.getByRole('tab', { name: 'Phiên bản' }));
    await lead.getByRole('textbox', { name: 'Tên phiên bản, ví dụ: Dự thảo lần 2' }).fill('Trước góp ý');
    await lead.getByRole('button', { name: 'Lưu phiên bản' }).click();
    await lead.getByText('Trước góp ý', { exact: true }).waitFor();

    const court = await suite.signedInPage('toaan@demo.concord.vn', { height: 1000 });
    await court.goto(url);
    await court.locator('.connection-synced').waitFor();
    const courtParagraph = court.locator('.legal-document p', { hasText: 'Trong thời hạn 15 ngày' }).first();
    await courtParagraph.click();
    await court.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
    await court.keyboard.press('End');
    await court.keyboard.type(' (ý kiến Tòa án)');
    await expect.poll(() => lead.locator('.legal-document').textContent(), { timeout: 15_000 }).toContain('(ý kiến Tòa án)');

    // The lead deletes the last word of an article's title.
    const leadParagraph = lead.locator('section[data-kind="article"] > h2', { hasText: 'Phạm vi điều chỉnh' }).first();
    await leadParagraph.click();
    await lead.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
    await lead.keyboard.press('End');
    for (let i = 0; i < ' chỉnh'.length; i++) await lead.keyboard.press('Backspace');
    await expect.poll(() => lead.locator('.connection-synced').count()).toBe(1);
    await expect.poll(() => court.locator('section[data-kind="article"] > h2', { hasText: 'Phạm vi' }).first().textContent(), { timeout: 15_000 })
      .not.toContain('chỉnh');

    await clickWhenSteady(lead.locator('.version-item', { hasText: 'Trước góp ý' }).getByRole('button', { name: 'So với hiện tại' }));
    const comparison = lead.locator('.comparison');
    await comparison.waitFor();
    await expect.poll(() => comparison.locator('.diff-author').allTextContents(), { timeout: 15_000 }).toEqual(expect.arrayContaining([
      'Thêm bởi Lê Thị Thu Hà (TAND Phú Thọ)',
      'Xóa bởi Nguyễn Văn Hùng (THADS Phú Thọ)',
    ]));
    expect((await comparison.locator('ins.by-author').allTextContents()).join('')).toContain('kiến Tòa án)');
    expect((await comparison.locator('del.by-author').allTextContents()).join('')).toContain('chỉnh');
    expect(await comparison.getByRole('list', { name: 'Người sửa' }).textContent()).toContain('Lê Thị Thu Hà · TAND Phú Thọ');
    await lead.screenshot({ path: `${SHOTS}/comparison-1280.png` });

    // A signatory who may only read, on a phone: the same names; offline, a message instead of a blank dialog.
    const police = await suite.signedInPage('congan@demo.concord.vn', { width: 390, height: 844 });
    await police.goto(url);
    // As a person would: once the text is there (on a loaded machine it lands after the panel and moves it).
    await police.locator('.legal-document p', { hasText: '(ý kiến Tòa án)' }).first().waitFor();
    const versionsTab = police.getByRole('tab', { name: 'Phiên bản' });
    await clickWhenSteady(versionsTab);
    await expect.poll(() => versionsTab.getAttribute('aria-selected')).toBe('true');
    await clickWhenSteady(police.locator('.version-item', { hasText: 'Trước góp ý' }).getByRole('button', { name: 'So với hiện tại' }));
    await police.locator('.comparison').waitFor();
    await expect.poll(() => police.locator('.comparison .diff-author').allTextContents(), { timeout: 15_000 })
      .toEqual(expect.arrayContaining(['Thêm bởi Lê Thị Thu Hà (TAND Phú Thọ)', 'Xóa bởi Nguyễn Văn Hùng (THADS Phú Thọ)']));
    await police.screenshot({ path: `${SHOTS}/comparison-390.png` });
    await police.keyboard.press('Escape');
    await police.context().setOffline(true);
    await police.locator('.version-item', { hasText: 'Trước góp ý' }).getByRole('button', { name: 'So với hiện tại' }).click();
    const refused = police.getByRole('dialog').getByRole('alert');
    await refused.waitFor({ timeout: 15_000 });
    await police.screenshot({ path: `${SHOTS}/comparison-offline-390.png` });
    expect(await refused.textContent()).toBe('Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.');
    await police.context().setOffline(false);
  });
});
