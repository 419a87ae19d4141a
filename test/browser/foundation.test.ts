import { describe, expect, it } from 'vitest';
import { browserSuite } from './browser.ts';
import { startTestServer } from '../helpers.ts';

describe('the web app in a browser', () => {
  const suite = browserSuite(() => startTestServer({ web: true }));

  it('a demo user signs in, sees the dashboard of their agency, and switches to English', async () => {
    const page = await suite.signedInPage('toaan@demo.concord.vn');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Xin chào, Lê Thị Thu Hà');
    await expect.poll(() => page.locator('.topbar-agency').textContent()).toBe('Tòa án nhân dân tỉnh Phú Thọ');
    // The court's action item from the demo agreement is on its dashboard.
    await expect.poll(() => page.getByText('Giải thích bản án tuyên không rõ').count()).toBe(1);
    await expect.poll(() => page.getByRole('link', { name: 'Thỏa thuận', exact: true }).count()).toBe(1);

    await page.getByRole('button', { name: 'EN' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Hello, Lê Thị Thu Hà');
    await expect.poll(() => page.getByRole('link', { name: 'Agreements', exact: true }).count()).toBe(1);

    // The choice is the user's: it survives a reload.
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Hello');
  });

  it('a wrong password is answered on the sign-in page, and a signed-out visitor is sent there', async () => {
    const page = await suite.browser.newPage();
    await page.goto(`${suite.server.url}/agencies`);
    await page.waitForURL(/\/sign-in\?next=%2Fagencies/);
    await page.getByLabel(/Email/).fill('vks@demo.concord.vn');
    await page.getByLabel(/Mật khẩu/).fill('wrong-password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Email hoặc mật khẩu không đúng.');
    await page.getByLabel(/Mật khẩu/).fill('concord-demo');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(`${suite.server.url}/agencies`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Cơ quan');
  });

  it('an admin sees the agency hierarchy with history and the user administration', async () => {
    const page = await suite.signedInPage('admin@demo.concord.vn');
    await page.getByRole('link', { name: 'Cơ quan', exact: true }).click();
    await page.getByLabel('Hiện cơ quan đã ngừng hoạt động').check();
    await expect.poll(() => page.getByText('Cục Thi hành án dân sự tỉnh Phú Thọ', { exact: true }).count()).toBe(1);
    await expect.poll(() => page.getByText(/kế thừa bởi THADS Phú Thọ/).count()).toBe(1);
    await page.getByRole('link', { name: 'Người dùng' }).click();
    await expect.poll(() => page.getByRole('cell', { name: /congan@demo.concord.vn/ }).count()).toBe(1);
  });

  it('a user sets how many days before a due date they are reminded, and it is kept', async () => {
    const page = await suite.signedInPage('vks@demo.concord.vn');
    await page.goto(`${suite.server.url}/account`);
    await page.getByLabel('Nhắc trước hạn (ngày)').fill('9');
    await page.locator('form', { hasText: 'Nhắc việc' }).getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Đã lưu.' }).count()).toBe(1);
    await page.reload();
    await expect.poll(() => page.getByLabel('Nhắc trước hạn (ngày)').inputValue()).toBe('9');
  });

  it('an unknown address shows the not-found page with status 404', async () => {
    const response = await fetch(`${suite.server.url}/no-such-page`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('<div id="root">');
  });
});
