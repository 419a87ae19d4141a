import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite } from './browser.ts';
import { startTestServer, signIn, trpc } from '../helpers.ts';

const SHOTS = '/tmp/shots-editor';

describe('dates are typed and read as dd/mm/yyyy, with Vietnamese messages', () => {
  const suite = browserSuite(() => startTestServer({ web: true, seed: true }));

  async function newAgencyForm(width: number): Promise<Page> {
    const page = await suite.signedInPage('admin@demo.concord.vn', { width, timeout: 10_000, goto: '/agencies' });
    await page.getByRole('button', { name: 'Thêm cơ quan' }).click();
    await page.getByRole('dialog').waitFor();
    return page;
  }

  it('a bad date gets a Vietnamese message under the field, no browser bubble, and nothing is saved', async () => {
    const page = await newAgencyForm(1280);
    const dialog = page.getByRole('dialog');
    const date = dialog.getByLabel('Hoạt động từ');
    // The field shows today as dd/mm/yyyy, not the browser's own format.
    await expect.poll(() => date.inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);

    await dialog.getByLabel('Tên tiếng Việt').fill('Chi cục Thi hành án dân sự khu vực thử');
    await dialog.getByLabel('Tên tiếng Anh').fill('Test regional office');
    await dialog.getByLabel('Tên viết tắt').fill('CCTHA thử');

    // A month-first (US) date is not a day of the calendar.
    await date.fill('12/20/2026');
    await date.blur();
    await expect.poll(() => dialog.locator('.validity-error').textContent()).toBe('Không có ngày này trên lịch, ví dụ 31/02 không tồn tại.');
    expect(await date.getAttribute('aria-invalid')).toBe('true');

    // Submitting anyway: stopped, the message stays Vietnamese, the browser shows no bubble of its own.
    const messages: string[] = [];
    page.on('dialog', (d) => { messages.push(d.message()); void d.dismiss(); });
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    expect(await date.evaluate((el) => (el as HTMLInputElement).validationMessage)).toBe('Không có ngày này trên lịch, ví dụ 31/02 không tồn tại.');
    await page.screenshot({ path: `${SHOTS}/date-invalid-1280.png` });

    await date.fill('');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => dialog.locator('.validity-error').textContent()).toBe('Vui lòng nhập ngày (dd/mm/yyyy).');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('placeholder'))).toBe('dd/mm/yyyy');

    await date.fill('abc');
    expect(await date.inputValue()).toBe('');
    await date.pressSequentially('05032026');
    expect(await date.inputValue()).toBe('05/03/2026');
    await expect.poll(() => dialog.locator('.validity-error').count()).toBe(0);
    expect(await dialog.locator('input[type="hidden"][name="validFrom"]').inputValue()).toBe('2026-03-05');
    expect(messages).toEqual([]);

    const cookie = await signIn(suite.server.url, 'admin@demo.concord.vn');
    const before = await trpc(suite.server.url, cookie, 'agencies.list');
    expect((before.data as { shortName: string }[]).some((a) => a.shortName === 'CCTHA thử')).toBe(false);
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    const created = async () => ((await trpc(suite.server.url, cookie, 'agencies.list')).data as { shortName: string; validFrom: string }[])
      .find((a) => a.shortName === 'CCTHA thử')?.validFrom;
    await expect.poll(created, { timeout: 15_000 }).toBe('2026-03-05');
    // Saved: the dialog closes and the directory lists the new agency.
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await page.locator('.tree-item', { hasText: 'Chi cục Thi hành án dân sự khu vực thử' }).waitFor();
  });

  it('the calendar picks a day from the keyboard and fits a phone screen', async () => {
    const page = await newAgencyForm(390);
    const dialog = page.getByRole('dialog').first();
    const date = dialog.getByLabel('Hoạt động từ');
    await date.fill('15/06/2026');
    await dialog.getByRole('button', { name: 'Chọn ngày trên lịch' }).click();
    const calendar = page.getByRole('dialog', { name: 'Lịch chọn ngày' });
    await calendar.waitFor();
    expect(await calendar.textContent()).toContain('Tháng 6 năm 2026');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('15/06/2026');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('23/06/2026');
    await page.screenshot({ path: `${SHOTS}/date-calendar-390.png` });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.keyboard.press('Enter');
    await calendar.waitFor({ state: 'detached' });
    expect(await date.inputValue()).toBe('23/06/2026');
    // Escape closes the calendar only, not the form around it.
    await dialog.getByRole('button', { name: 'Chọn ngày trên lịch' }).click();
    await calendar.waitFor();
    await page.keyboard.press('Escape');
    await calendar.waitFor({ state: 'detached' });
    expect(await page.getByRole('dialog', { name: 'Thêm cơ quan' }).isVisible()).toBe(true);
  });
});
