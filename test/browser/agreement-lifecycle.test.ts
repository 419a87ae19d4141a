import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, clickWhenSteady } from './browser.ts';
import { startCollabTestServer } from '../helpers.ts';

describe('an agreement from draft to in force, in the browser', () => {
  const suite = browserSuite(() => startCollabTestServer({ web: true }));
  const signedIn = (email: string) => suite.signedInPage(email, { width: 1400, height: 1000 });
  const status = (page: Page) => page.getByTestId('lifecycle-status').textContent();

  it('THADS and TAND: consultation, opinions, final text, signing by each party, in force; print view', async () => {
    const lead = await signedIn('thads@demo.concord.vn');
    await lead.goto(`${suite.server.url}/agreements`);
    await lead.getByRole('button', { name: 'Soạn thỏa thuận mới' }).click();
    await lead.getByLabel('Tên văn bản').fill('Quy chế phối hợp giữa Thi hành án dân sự và Tòa án nhân dân tỉnh Phú Thọ');
    await lead.getByLabel('Tòa án nhân dân tỉnh Phú Thọ').check();
    await lead.getByRole('button', { name: /Tạo mới|Lưu/ }).last().click();
    await lead.waitForURL(/\/agreements\/[^/]+$/);
    const url = lead.url();
    await lead.locator('.connection-synced').waitFor();

    // Draft: the lead's legal staff write an article, then open consultation.
    await lead.locator('.legal-document section[data-kind="article"] h2').first().click();
    await lead.keyboard.type('Phạm vi điều chỉnh');
    await expect.poll(() => status(lead)).toBe('Dự thảo');
    await clickWhenSteady(lead.getByRole('button', { name: 'Lấy ý kiến các bên' }));
    await clickWhenSteady(lead.getByRole('button', { name: /Xác nhận: Lấy ý kiến các bên/ }));
    await expect.poll(() => status(lead), { timeout: 15_000 }).toBe('Lấy ý kiến');

    // The court gives its opinion on Điều 1.
    const court = await signedIn('toaan@demo.concord.vn');
    await court.goto(url);
    await expect.poll(() => status(court)).toBe('Lấy ý kiến');
    await court.getByLabel('Về').selectOption({ label: 'Điều 1. Phạm vi điều chỉnh' });
    await court.getByLabel('Đồng ý, có góp ý').check();
    await court.getByLabel('Nội dung ý kiến').fill('Đề nghị bổ sung phạm vi đối với quyết định của Tòa án.');
    await court.getByRole('button', { name: 'Gửi', exact: true }).click();
    await expect.poll(() => court.locator('.opinion-grid .stance-agree_with_comments').count()).toBeGreaterThan(0);
    await court.getByTestId('lifecycle-panel').screenshot({ path: '/tmp/concord-lifecycle-consultation.png' });

    // Final text, then signing.
    await lead.reload();
    await expect.poll(() => lead.locator('.opinion-grid .stance-agree_with_comments').count()).toBeGreaterThan(0);
    await lead.getByRole('button', { name: 'Hoàn thiện văn bản' }).click();
    await lead.getByRole('button', { name: /Xác nhận: Hoàn thiện văn bản/ }).click();
    await expect.poll(() => status(lead)).toBe('Hoàn thiện');
    await lead.getByRole('button', { name: 'Trình ký' }).click();
    await lead.getByRole('button', { name: /Xác nhận: Trình ký/ }).click();
    await expect.poll(() => status(lead)).toBe('Đang ký kết');
    const hash = await lead.getByTestId('signing-hash').textContent();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);

    // Each party's signatory signs for its own agency.
    await lead.getByRole('button', { name: 'Ký cho THADS Phú Thọ' }).click();
    // One click does not sign: the confirmation names the agency and shows the hash of what is signed.
    const confirmation = lead.getByRole('dialog');
    await expect.poll(() => confirmation.textContent()).toContain(hash!);
    await lead.getByRole('button', { name: 'Xác nhận ký cho THADS Phú Thọ' }).click();
    await expect.poll(() => lead.locator('.signature.signed').count()).toBe(1);
    await court.reload();
    await expect.poll(() => status(court)).toBe('Đang ký kết');
    // The frozen text is read-only in the court's editor.
    await expect.poll(() => court.locator('.legal-document [contenteditable="true"]').count()).toBe(0);
    await court.getByRole('button', { name: 'Ký cho TAND Phú Thọ' }).click();
    await court.getByRole('button', { name: 'Xác nhận ký cho TAND Phú Thọ' }).click();
    await expect.poll(() => status(court), { timeout: 15_000 }).toBe('Có hiệu lực');
    await court.getByRole('button', { name: 'Kiểm tra toàn vẹn' }).click();
    await expect.poll(() => court.locator('.verify-ok').textContent()).toContain('khớp với văn bản đã ký');
    await court.getByTestId('lifecycle-panel').screenshot({ path: '/tmp/concord-lifecycle-in-force.png' });

    // The print view, in the decree's layout.
    await court.goto(`${url}/print`);
    const page = court.getByTestId('print-page');
    await expect.poll(() => page.textContent()).toContain('Độc lập - Tự do - Hạnh phúc');
    const text = await page.textContent();
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('THI HÀNH ÁN DÂN SỰ TỈNH PHÚ THỌ - TÒA ÁN NHÂN DÂN TỈNH PHÚ THỌ');
    expect(text).toContain('Điều 1. Phạm vi điều chỉnh');
    expect(text).toContain('KT. CHÁNH ÁN');
    expect(text).toContain('Lê Thị Thu Hà');
    expect(text).toContain('Nguyễn Văn Hùng');
    await court.screenshot({ path: '/tmp/concord-agreement-print.png', fullPage: true });
    await court.emulateMedia({ media: 'print' });
    expect(await court.locator('.sidebar').isVisible()).toBe(false);
    await court.screenshot({ path: '/tmp/concord-agreement-print-media.png', fullPage: true });
  });
});
