import { describe, expect, it } from 'vitest';
import { browserSuite } from './browser.ts';
import { startCollabTestServer } from '../helpers.ts';
import { addDays, formatDate, localDate } from '../../shared/format.ts';


const SHOTS = process.env.SCREENSHOT_DIR ?? '/tmp';

describe('meetings in a browser', () => {
  const suite = browserSuite(() => startCollabTestServer({ web: true }));

  it('the chair schedules a meeting on the demo case, writes live minutes and assigns work that the court sees', async () => {
    // The demo meeting is in 7 days, 08:00–11:00: schedule over it to be warned of the overlap.
    const day = addDays(localDate(), 7);
    const due = addDays(day, 10);
    const title = 'Họp liên ngành kiểm tra tài sản kê biên';
    const minutesText = 'Tòa án cho biết sẽ giải thích bản án trong tháng.';
    const task = 'Giải thích phần tuyên về tài sản kê biên của bản án';

    const chair = await suite.signedInPage('thads@demo.concord.vn');
    await chair.getByRole('link', { name: 'Cuộc họp', exact: true }).click();
    await chair.getByRole('button', { name: 'Lên lịch cuộc họp' }).click();
    const dialog = chair.getByRole('dialog');
    await dialog.getByLabel('Tên cuộc họp').fill(title);
    await dialog.getByLabel('Ngày họp').fill(formatDate(day));
    await dialog.getByLabel(/^Bắt đầu/).fill('09:00');
    await dialog.getByLabel('Kết thúc').fill('10:30');
    await dialog.getByLabel('Địa điểm').fill('Phòng họp tầng 2');
    await dialog.getByRole('checkbox', { name: 'Tòa án nhân dân tỉnh Phú Thọ' }).check();
    await dialog.getByRole('checkbox', { name: /Lê Thị Thu Hà/ }).check();
    await dialog.getByLabel('Vụ việc của nội dung 1').selectOption({ label: '15/2022/KDTM-PT — Công ty TNHH Xây dựng Thành Đạt' });
    await expect.poll(() => dialog.getByLabel('Nội dung 1', { exact: true }).inputValue()).toContain('15/2022/KDTM-PT');
    await dialog.getByRole('button', { name: 'Lưu' }).click();

    // The chair and the judge are both at the demo meeting then: a warning, and saving stays possible.
    await expect.poll(() => dialog.getByRole('alert').first().textContent()).toContain('Trùng lịch');
    await expect.poll(() => dialog.getByText(/Lê Thị Thu Hà: Họp liên ngành về vụ việc thi hành án/).count()).toBe(1);
    await dialog.getByRole('button', { name: 'Vẫn lưu' }).click();
    await expect.poll(() => dialog.getByText('Đã lưu cuộc họp. Lưu ý trùng lịch:').count()).toBe(1);
    await dialog.getByRole('button', { name: 'Mở cuộc họp' }).click();
    await chair.waitForURL(/\/meetings\/[^/?]+$/);
    const meetingUrl = chair.url();
    await expect.poll(() => chair.getByRole('heading', { level: 1 }).textContent()).toBe(title);
    await expect.poll(() => chair.getByRole('link', { name: '15/2022/KDTM-PT' }).count()).toBe(1);

    // Live minutes: writable once synced.
    const status = chair.locator('.minutes-card .live-status');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe('Đã đồng bộ');
    const editor = chair.getByRole('textbox', { name: 'Nội dung biên bản' });
    await expect.poll(() => editor.getAttribute('contenteditable')).toBe('true');
    await editor.locator('p').last().click();
    await chair.keyboard.type(minutesText);
    await expect.poll(() => editor.textContent()).toContain(minutesText);

    // A conclusion assigning work to the court, with a due date.
    await chair.getByLabel('Thuộc nội dung').selectOption({ index: 1 });
    await chair.getByLabel('Nội dung kết luận').fill('Đề nghị Tòa án nhân dân tỉnh giải thích bản án.');
    await chair.getByRole('button', { name: '+ Thêm việc được giao' }).click();
    await chair.getByLabel('Cơ quan thực hiện').selectOption({ label: 'Tòa án nhân dân tỉnh Phú Thọ' });
    await chair.getByLabel('Việc cần làm').fill(task);
    await chair.getByLabel('Hạn hoàn thành').fill(formatDate(due));
    await chair.getByRole('button', { name: 'Thêm kết luận' }).click();
    await expect.poll(() => chair.getByRole('cell', { name: task }).count()).toBe(1);
    const [y, m, d] = due.split('-');
    await expect.poll(() => chair.getByRole('cell', { name: `${d}/${m}/${y}` }).count()).toBe(1);
    await chair.screenshot({ path: `${SHOTS}/concord-meeting-page.png`, fullPage: true });

    // The court's judge, in another browser context.
    const court = await suite.signedInPage('toaan@demo.concord.vn', { width: 390, height: 844 });
    await court.goto(`${suite.server.url}/action-items`);
    await expect.poll(() => court.getByText(task).count()).toBe(1);
    await court.getByRole('link', { name: title }).click();
    await court.waitForURL(meetingUrl);
    const courtEditor = court.getByRole('textbox', { name: 'Nội dung biên bản' });
    await expect.poll(() => courtEditor.textContent(), { timeout: 15_000 }).toContain(minutesText);

    // And what the chair types now arrives while the page is open.
    await editor.locator('p').last().click();
    await chair.keyboard.press('End');
    await chair.keyboard.type(' Hạn trả lời 15 ngày.');
    await expect.poll(() => courtEditor.textContent(), { timeout: 10_000 }).toContain('Hạn trả lời 15 ngày.');
    await court.screenshot({ path: `${SHOTS}/concord-meeting-phone.png`, fullPage: true });

    // Calendars and the case page, for a look.
    await chair.goto(`${suite.server.url}/meetings?view=week&date=${day}`);
    await expect.poll(() => chair.locator('.cal-event', { hasText: title }).count()).toBe(1);
    await chair.screenshot({ path: `${SHOTS}/concord-week.png`, fullPage: true });
    await chair.getByRole('tab', { name: 'Tháng' }).click();
    await expect.poll(() => chair.locator('.cal-line', { hasText: title }).count()).toBe(1);
    await chair.screenshot({ path: `${SHOTS}/concord-month.png`, fullPage: true });
    await chair.goto(`${suite.server.url}/cases/demo-case-01`);
    await expect.poll(() => chair.getByRole('heading', { name: 'Các cuộc họp đã xem xét' }).count()).toBe(1);
    await expect.poll(() => chair.getByRole('link', { name: title }).count()).toBe(1);
    await expect.poll(() => chair.getByText('Đề nghị Tòa án nhân dân tỉnh giải thích bản án.').count()).toBe(1);
    await chair.screenshot({ path: `${SHOTS}/concord-case.png`, fullPage: true });

    await court.context().close();
    await chair.context().close();
  }, 120_000);
});
