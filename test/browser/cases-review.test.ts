/**
 * Cases and the review report in a real Chromium, as the enforcement office (THADS, lead and chair)
 * and as the court would use them (issue 14): the case list and a case, the complexity flags the
 * same on the statistics page and in the list, a step out of order refused in Vietnamese, a step
 * corrected with its reason, the review (sơ kết) recorded from the records with its figures and its
 * "Báo cáo" as a real .docx, a case the court may not see and a missing one explained inside the
 * app, and every page at 1280 and 390 px without sideways scrolling. Screenshots in
 * SCREENSHOT_DIR (else /tmp/shots-cases-review). The tests run in order: the coercion recorded in
 * the second is the one the review counts in the third.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite } from './browser.ts';
import { docxDocumentXml, signIn, startTestServer, trpc } from '../helpers.ts';
import { DEMO_AGENCY_IDS, DEMO_IDS } from '../../server/demo/seed.ts';
import { formatDate, formatMoney, localDate } from '../../shared/format.ts';

const SHOTS = process.env.SCREENSHOT_DIR ?? '/tmp/shots-cases-review';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const DEMO_JUDGMENT = '15/2022/KDTM-PT';
/** A case of THADS alone, older than three years: the court is not involved and may not see it. */
const HIDDEN_JUDGMENT = '08/2023/DS-ST';
/** A case received during the review period, with the procuracy, and a reduction (miễn, giảm) in it. */
const NEW_JUDGMENT = '41/2026/DS-ST';
const REDUCED = 20_000_000;

const TODAY = localDate();
const daysAgo = (days: number) => {
  const d = new Date(`${TODAY}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
};
/** dd/mm/yyyy, as the date fields are typed. */
const typed = (iso: string) => formatDate(iso);
const PERIOD = { from: daysAgo(365), to: TODAY };
const COERCION_WRONG = daysAgo(30);
const COERCION_RIGHT = daysAgo(13);

describe('cases and the review report in a browser', () => {
  const suite = browserSuite(() => startTestServer({ web: true }));
  let thadsCookie: string;
  const ids: Record<string, string> = {};
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const server = suite.server;
    thadsCookie = await signIn(server.url, 'thads@demo.concord.vn');
    const create = async (input: Record<string, unknown>) => {
      const result = await trpc(server.url, thadsCookie, 'cases.create', {
        courtName: 'Tòa án nhân dân tỉnh Phú Thọ', caseType: 'civil', amountCollected: 0, classification: 'enforceable', ...input,
      }, 'mutation');
      expect(result.error).toBeUndefined();
      return result.data.id as string;
    };
    ids.hidden = await create({
      judgmentNumber: HIDDEN_JUDGMENT, judgmentDate: '2023-01-05', creditor: 'Bà Nguyễn Thị Lý', debtor: 'Ông Trần Văn Khải',
      amountDue: 850_000_000, acceptedOn: '2023-02-15', involvedAgencyIds: [],
    });
    ids.fresh = await create({
      judgmentNumber: NEW_JUDGMENT, judgmentDate: daysAgo(220), creditor: 'Ông Lê Văn Bình', debtor: 'Bà Phạm Thị Hoa',
      amountDue: 120_000_000, acceptedOn: daysAgo(200), involvedAgencyIds: [DEMO_AGENCY_IDS.vks],
    });
    const reduced = await trpc(server.url, thadsCookie, 'cases.recordStatus', {
      caseId: ids.fresh, status: 'verification', onDate: daysAgo(100), note: 'Miễn, giảm một phần án phí', money: { kind: 'reduced', amount: REDUCED },
    }, 'mutation');
    expect(reduced.error).toBeUndefined();
    // The demo agreement in force since the start of the period: its lead's chair may record reviews.
    await server.testDb.db.execute({
      sql: "UPDATE agreements SET status = 'in_force', effective_date = ?, in_force_at = ? WHERE id = ?",
      args: [PERIOD.from, new Date(`${PERIOD.from}T08:00:00+07:00`).toISOString(), DEMO_IDS.agreement],
    });
  });

  const pageOf = (email: string, width = 1280): Promise<Page> =>
    suite.signedInPage(email, { width, height: width < 600 ? 844 : 900, timeout: 15_000, pageErrors: errors });
  /** Nothing wider than the window: the page never scrolls sideways. */
  const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
  async function shot(page: Page, name: string, width: number) {
    expect(await scrollWidth(page), `${name} at ${width} px`).toBeLessThanOrEqual(width);
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
  const main = (page: Page) => page.locator('main');
  const history = (page: Page) => page.locator('ol.timeline > li');

  it('THADS: the flags of the statistics are those of the case list; opening a case shows them with their reasons', async () => {
    const page = await pageOf('thads@demo.concord.vn');
    await page.goto(`${suite.server.url}/statistics`);
    const complex = page.locator('section.card', { has: page.getByRole('heading', { name: 'Vụ việc phức tạp chưa xong' }) });
    await expect.poll(() => complex.locator('li').count()).toBeGreaterThan(0);
    const stats = Object.fromEntries(await complex.locator('li').evaluateAll((lis) => lis.map((li) => [li.querySelector('span')!.textContent!, Number(li.querySelector('strong')!.textContent)])));
    // The demo case (credit of 25,4 tỷ, disputed assets, accepted 03/08/2022) and 08/2023 are over three years; 41/2026 is new.
    expect(stats).toMatchObject({ 'Quá 3 năm': 2, 'Tín dụng trên 20 tỷ': 1, 'Tài sản tranh chấp': 1 });
    await shot(page, 'statistics-thads', 1280);

    await page.getByRole('link', { name: 'Vụ việc', exact: true }).first().click();
    await page.waitForURL(`${suite.server.url}/cases`);
    const rows = page.locator('table.case-table tbody tr:has(a)');
    await expect.poll(() => rows.count()).toBe(3);
    await expect.poll(() => page.getByTestId('case-counts').textContent()).toContain(`Đang thi hành ngày ${formatDate(TODAY)}: 3 vụ việc, 2 phức tạp`);
    const flagSelect = page.getByLabel('Dấu hiệu phức tạp');
    for (const [flag, count] of Object.entries(stats)) {
      // The option of the filter says the count, and choosing it lists as many cases, each carrying the flag.
      const option = (await flagSelect.locator('option').allTextContents()).find((o) => o.startsWith(`${flag} (`));
      expect(option, flag).toBe(`${flag} (${count})`);
      await flagSelect.selectOption({ label: option! });
      await expect.poll(() => page.locator('.filters-count').textContent(), { message: flag }).toBe(`${count} vụ việc`);
      expect(await rows.count()).toBe(count);
      for (const row of await rows.all()) expect(await row.locator('td').last().textContent()).toContain(flag);
    }
    await flagSelect.selectOption({ label: 'Quá 3 năm (2)' });
    await expect.poll(() => rows.locator('strong').allTextContents()).toEqual(expect.arrayContaining([DEMO_JUDGMENT, HIDDEN_JUDGMENT]));
    await shot(page, 'case-list-flag-thads', 1280);
    await flagSelect.selectOption({ label: 'Tất cả' });
    await expect.poll(() => rows.count()).toBe(3);
    await shot(page, 'case-list-thads', 1280);

    await page.getByRole('link', { name: DEMO_JUDGMENT }).click();
    await page.waitForURL(`${suite.server.url}/cases/${DEMO_IDS.case}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe(DEMO_JUDGMENT);
    const flags = page.locator('.flag-list');
    await expect.poll(() => flags.textContent()).toContain('Thụ lý từ 03/08/2022, đã quá 3 năm mà chưa thi hành xong.');
    expect(await flags.textContent()).toContain('Vụ việc tín dụng, ngân hàng có giá trị trên 20 tỷ đồng (25.400.000.000 đ).');
    expect(await flags.textContent()).toContain('Tài sản kê biên đang có tranh chấp.');
    expect(await history(page).locator('strong').allTextContents()).toEqual(['Thụ lý', 'Ra quyết định thi hành án', 'Xác minh', 'Kê biên']);
    await shot(page, 'case-thads', 1280);
    await page.context().close();
  });

  it('THADS: a step out of order is refused in Vietnamese; a coercion is recorded with its agencies and its wrong date corrected', async () => {
    const page = await pageOf('thads@demo.concord.vn');
    await page.goto(`${suite.server.url}/cases/${DEMO_IDS.case}`);
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Ghi nhận bước thi hành' }) });
    await form.waitFor();

    // Kê biên on 01/09/2022, before the verification of 15/09/2022: not the order of enforcement.
    await form.getByLabel('Bước thi hành').selectOption({ label: 'Kê biên' });
    await form.getByLabel('Ngày thực hiện').fill('01/09/2022');
    await form.getByRole('button', { name: 'Ghi nhận' }).click();
    await expect.poll(() => form.locator('.form-error').textContent())
      .toBe('Bước "Kê biên" không thể đứng trước hoặc sau bước "Xác minh" ngày 15/09/2022 theo trình tự thi hành án. Hãy kiểm tra lại ngày hoặc bước.');
    expect(await history(page).count()).toBe(4);
    await shot(page, 'step-refused', 1280);

    // A coercion with the procuracy and the police, entered with the wrong date.
    await form.getByLabel('Bước thi hành').selectOption({ label: 'Cưỡng chế' });
    await form.getByLabel('Ngày thực hiện').fill(typed(COERCION_WRONG));
    await form.getByLabel('Viện kiểm sát nhân dân tỉnh Phú Thọ').check();
    await form.getByLabel('Công an tỉnh Phú Thọ').check();
    await form.getByLabel('Ghi chú').fill('Cưỡng chế giao tài sản kê biên tại phường Gia Cẩm');
    await form.getByRole('button', { name: 'Ghi nhận' }).click();
    await expect.poll(() => history(page).count()).toBe(5);
    const coercion = history(page).last();
    expect(await coercion.locator('strong').first().textContent()).toBe('Cưỡng chế');
    expect(await coercion.locator('time').textContent()).toBe(formatDate(COERCION_WRONG));
    expect(await coercion.locator('div.small', { hasText: 'Cơ quan tham gia cưỡng chế' }).textContent()).toMatch(/^Cơ quan tham gia cưỡng chế: (VKSND Phú Thọ, Công an Phú Thọ|Công an Phú Thọ, VKSND Phú Thọ)$/);
    expect(await page.locator('.details').textContent()).toContain('Cưỡng chế');
    // The form is ready for the next step: from the current one, today, nothing left of the last one.
    await expect.poll(() => form.getByLabel('Bước thi hành').inputValue()).toBe('coercion');
    expect(await form.getByLabel('Ngày thực hiện').inputValue()).toBe(typed(TODAY));
    expect(await form.getByLabel('Ghi chú').inputValue()).toBe('');
    // Those who may take part: active agencies besides the office, never one retired in 2025.
    const choices = await form.locator('fieldset.checkbox-group label').allTextContents();
    expect(choices.map((c) => c.trim())).toContain('Viện kiểm sát nhân dân tỉnh Phú Thọ');
    expect(choices.map((c) => c.trim())).not.toContain('Cục Thi hành án dân sự tỉnh Phú Thọ');
    expect(choices.map((c) => c.trim())).not.toContain('Thi hành án dân sự tỉnh Phú Thọ');
    expect(await form.locator('fieldset.checkbox-group input:checked').count()).toBe(0);

    // A correction is checked as a new step: xác minh moved after the kê biên is refused…
    await history(page).nth(2).getByRole('button', { name: 'Sửa bước' }).click();
    let dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByRole('heading').first().textContent()).toBe('Sửa bước thi hành đã ghi');
    await dialog.getByLabel('Ngày thực hiện').fill('01/04/2023');
    await dialog.getByLabel('Lý do sửa').fill('Thử đổi ngày xác minh');
    await dialog.getByRole('button', { name: 'Lưu sửa đổi' }).click();
    await expect.poll(() => dialog.locator('.form-error').textContent()).toContain('Bước "Xác minh" không thể đứng trước hoặc sau bước "Kê biên" ngày 21/03/2023');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await history(page).nth(2).locator('time').textContent()).toBe('15/09/2022');

    // …and the coercion's date is corrected, with the reason kept beside the step.
    await coercion.getByRole('button', { name: 'Sửa bước' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('Ngày thực hiện').fill(typed(COERCION_RIGHT));
    await dialog.getByLabel('Lý do sửa').fill('Ghi nhầm ngày: biên bản cưỡng chế lập ngày khác');
    await shot(page, 'step-correct-dialog', 1280);
    await dialog.getByRole('button', { name: 'Lưu sửa đổi' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => history(page).last().locator('time').textContent()).toBe(formatDate(COERCION_RIGHT));
    const corrected = history(page).last().locator('.step-correction');
    await expect.poll(() => corrected.textContent()).toContain('Đã sửa bởi Nguyễn Văn Hùng');
    expect(await corrected.textContent()).toContain('Ghi nhầm ngày: biên bản cưỡng chế lập ngày khác');
    expect(await corrected.textContent()).toContain(`(Cưỡng chế, ${formatDate(COERCION_WRONG)} → Cưỡng chế, ${formatDate(COERCION_RIGHT)})`);
    expect(await history(page).count()).toBe(5);
    await shot(page, 'step-corrected', 1280);
    await page.context().close();
  });

  it('THADS chair: a sơ kết recorded from the records shows its figures, and its Báo cáo downloads as a real .docx', async () => {
    const page = await pageOf('thads@demo.concord.vn');
    await page.goto(`${suite.server.url}/agreements/${DEMO_IDS.agreement}`);
    const form = page.locator('form.review-form');
    await form.waitFor();
    await form.getByLabel('Ngày', { exact: true }).fill(typed(TODAY));
    await form.getByLabel('Từ ngày').fill(typed(PERIOD.from));
    await form.getByLabel('Đến ngày').fill(typed(PERIOD.to));
    await form.getByRole('button', { name: 'Lập dự thảo báo cáo' }).click();
    const report = form.getByLabel('Báo cáo');
    await expect.poll(() => report.inputValue()).toContain('KẾT QUẢ TỪ SỐ LIỆU CỦA HỆ THỐNG');
    const draft = await report.inputValue();
    expect(draft).toContain('- Tổ chức cưỡng chế 1 cuộc (1 vụ việc); cơ quan tham gia: ');
    expect(draft).toContain(`- Miễn, giảm nghĩa vụ thi hành án: 1 việc, số tiền ${formatMoney(REDUCED)}`);
    // The drafter adds what the figures do not say: the case behind the coercion.
    await report.fill(`${draft}\nVụ việc ${DEMO_JUDGMENT} (Công ty TNHH Xây dựng Thành Đạt): đã tổ chức cưỡng chế giao tài sản với sự tham gia của Viện kiểm sát và Công an.`);
    await form.getByRole('button', { name: 'Lưu báo cáo' }).click();
    await expect.poll(() => page.locator('.review-list li').count()).toBe(1);
    expect(await page.locator('.review-list li summary').textContent()).toContain(`Sơ kết ${formatDate(TODAY)} (${formatDate(PERIOD.from)} – ${formatDate(PERIOD.to)}) · Nguyễn Văn Hùng`);

    // The implementation page: the review with the figures of its period, as the API computes them.
    await page.goto(`${suite.server.url}/agreements/${DEMO_IDS.agreement}/implementation`);
    const panel = page.getByTestId('review-panel');
    await panel.locator('summary').first().click();
    const figures = panel.locator('.review-figures').first();
    await figures.waitFor();
    const api = await trpc(suite.server.url, thadsCookie, 'agreements.reviewFigures', { agreementId: DEMO_IDS.agreement, ...PERIOD });
    expect(api.error).toBeUndefined();
    const f = api.data;
    expect(f.meetings).toEqual({ held: 0, casesConsidered: 0 });
    expect(f.coercions).toMatchObject({ count: 1, cases: 1 });
    expect(f.coercions.byAgency.map((a: { shortName: string; count: number }) => `${a.shortName}: ${a.count}`).sort()).toEqual(['Công an Phú Thọ: 1', 'VKSND Phú Thọ: 1']);
    expect(f.judgmentsReceived).toBe(1);
    expect(f.exemptions).toEqual({ cases: 1, amount: REDUCED });
    expect(f.terminations).toEqual({ cases: 0, amount: 0 });
    const pct = (v: number | null) => (v === null ? '—' : `${String(v).replace('.', ',')} %`);
    const values = Object.fromEntries(await figures.locator('dl dt').evaluateAll((dts) => dts.map((dt) => [dt.textContent!, dt.nextElementSibling!.textContent!])));
    expect(values['Họp liên ngành']).toBe('0 cuộc, xem xét 0 vụ việc');
    expect(values['Cưỡng chế']).toMatch(/^1 cuộc \(1 vụ việc\)(VKSND Phú Thọ: 1; Công an Phú Thọ: 1|Công an Phú Thọ: 1; VKSND Phú Thọ: 1)$/);
    expect(values['Bản án, quyết định đã thụ lý']).toBe('1');
    expect(values['Miễn, giảm']).toBe(`1 việc, ${formatMoney(REDUCED)}`);
    expect(values['Đình chỉ']).toBe(`0 việc, ${formatMoney(0)}`);
    expect(values['Tỷ lệ đầu kỳ']).toBe(`về việc ${pct(f.rates.start.cases)}, về tiền ${pct(f.rates.start.money)} (${formatDate(f.rates.start.from)} – ${formatDate(f.rates.start.to)})`);
    expect(values['Tỷ lệ cuối kỳ']).toBe(`về việc ${pct(f.rates.end.cases)}, về tiền ${pct(f.rates.end.money)} (${formatDate(f.rates.end.from)} – ${formatDate(f.rates.end.to)})`);
    const duties = await figures.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent).join(' | ')));
    expect(duties).toEqual(f.duties.map((d: { shortName: string; onTime: number; late: number; open: number }) => `${d.shortName} | ${d.onTime} | ${d.late} | ${d.open}`));
    expect(duties).toHaveLength(4);
    await shot(page, 'review-panel', 1280);
    await panel.screenshot({ path: `${SHOTS}/review-panel-only-1280.png` });

    // The Báo cáo: a download of a real Word file with the figures and the case named in the report.
    const link = panel.getByRole('link', { name: 'Tải báo cáo (Word)' });
    const href = (await link.getAttribute('href'))!;
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^Bao cao so ket - .*\.docx$/);
    const file = readFileSync((await download.path())!);
    expect(file.subarray(0, 2).toString()).toBe('PK');
    const answer = await page.context().request.get(`${suite.server.url}${href}`);
    expect(answer.status()).toBe(200);
    expect(answer.headers()['content-type']).toBe(DOCX);
    const xml = docxDocumentXml(file);
    expect(docxDocumentXml(Buffer.from(await answer.body()))).toBe(xml);
    const words = xml.replace(/<[^>]+>/g, '');
    expect(words).toContain(DEMO_JUDGMENT);
    expect(words).toContain('BÁO CÁO');
    expect(words).toContain(`(Từ ngày ${formatDate(PERIOD.from)} đến ngày ${formatDate(PERIOD.to)})`);
    expect(words).toContain('2. Cưỡng chế thi hành án: tổ chức 1 cuộc cưỡng chế (1 vụ việc), có sự tham gia của: ');
    expect(words).toContain(`4. Miễn, giảm nghĩa vụ thi hành án: 1 việc với số tiền ${formatMoney(REDUCED)}`);
    expect(words).toContain('3. Tiếp nhận bản án, quyết định: thụ lý 1 bản án, quyết định.');
    await page.context().close();
  });

  it('the court: its cases only, the same review figures, a case it may not see and a missing one explained inside the app', async () => {
    const page = await pageOf('toaan@demo.concord.vn');
    await page.goto(`${suite.server.url}/cases`);
    const rows = page.locator('table.case-table tbody tr:has(a)');
    await expect.poll(() => rows.locator('strong').allTextContents()).toEqual([DEMO_JUDGMENT]);
    // The list counts the cases it shows: the statistics count the whole register, by design.
    await expect.poll(() => page.getByTestId('case-counts').textContent()).toContain('1 vụ việc, 1 phức tạp');
    await shot(page, 'case-list-court', 1280);
    await page.getByRole('link', { name: DEMO_JUDGMENT }).click();
    await expect.poll(() => page.locator('.flag-list').textContent()).toContain('Quá 3 năm');
    // Read only: no step form, no correction, no edit.
    expect(await page.getByRole('heading', { name: 'Ghi nhận bước thi hành' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Sửa bước' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Sửa', exact: true }).count()).toBe(0);
    await shot(page, 'case-court', 1280);

    await page.goto(`${suite.server.url}/agreements/${DEMO_IDS.agreement}/implementation`);
    const panel = page.getByTestId('review-panel');
    await panel.locator('summary').first().click();
    await expect.poll(() => panel.locator('.review-figures dl').textContent()).toContain('1 cuộc (1 vụ việc)');

    // A case of THADS alone: a refusal that reads as one, inside the shell, with the way back.
    await page.goto(`${suite.server.url}/cases/${ids.hidden}`);
    await expect.poll(() => main(page).textContent()).toContain('Bạn không có quyền xem nội dung này');
    expect(await main(page).textContent()).toContain('Cơ quan của bạn không tham gia hồ sơ này.');
    expect(await main(page).textContent()).not.toContain(HIDDEN_JUDGMENT);
    expect(await page.locator('nav#sidebar').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Về danh sách' }).getAttribute('href')).toBe('/cases');
    await shot(page, 'case-forbidden', 1280);

    await page.goto(`${suite.server.url}/cases/doesnotexist`);
    await expect.poll(() => main(page).textContent()).toContain('Không tìm thấy');
    expect(await main(page).textContent()).toContain('Hồ sơ này không tồn tại hoặc đã bị xóa.');
    expect(await page.locator('nav#sidebar').isVisible()).toBe(true);
    await shot(page, 'case-not-found', 1280);
    await page.context().close();
  });

  it('at 390 px every one of these pages fits the phone', async () => {
    const thads = await pageOf('thads@demo.concord.vn', 390);
    for (const [path, name, ready] of [
      ['/cases', 'case-list-thads', 'table.case-table tbody tr'],
      [`/cases/${DEMO_IDS.case}`, 'case-thads', 'ol.timeline'],
      [`/cases/${ids.fresh}`, 'case-new-thads', 'ol.timeline'],
      ['/statistics', 'statistics-thads', '[data-testid="rate-card"]'],
      [`/agreements/${DEMO_IDS.agreement}/implementation`, 'review-panel', '[data-testid="review-panel"] summary'],
    ] as const) {
      await thads.goto(`${suite.server.url}${path}`);
      await thads.locator(ready).first().waitFor();
      if (name === 'review-panel') {
        await thads.locator(ready).first().click();
        await thads.locator('.review-figures').first().waitFor();
      }
      await shot(thads, name, 390);
      if (name === 'review-panel') {
        await thads.getByTestId('review-panel').screenshot({ path: `${SHOTS}/review-panel-only-390.png` });
        // Tables read as cards on a phone: no cell squeezed to a few letters a line.
        const narrow = await thads.locator('.page table td').evaluateAll((tds) => tds
          .filter((td) => td.getBoundingClientRect().width > 0 && td.getBoundingClientRect().width < 250).map((td) => td.textContent));
        expect(narrow).toEqual([]);
      }
      if (name === 'statistics-thads') {
        // The ranking as cards says what each figure is.
        const ranking = thads.locator('section.card', { has: thads.getByRole('heading', { name: 'Xếp hạng đơn vị' }) }).locator('tbody tr').first();
        await expect.poll(async () => (await ranking.locator('td').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-label')))))
          .toEqual(['Đơn vị', 'Tỷ lệ về việc', 'Hạng (về việc)', 'Tỷ lệ về tiền', 'Hạng (về tiền)']);
        await ranking.screenshot({ path: `${SHOTS}/statistics-ranking-390.png` });
      }
    }
    await thads.goto(`${suite.server.url}/cases/${DEMO_IDS.case}`);
    await thads.locator('ol.timeline > li').last().getByRole('button', { name: 'Sửa bước' }).click();
    await thads.getByRole('dialog').getByLabel('Lý do sửa').waitFor();
    await shot(thads, 'step-correct-dialog', 390);

    const court = await pageOf('toaan@demo.concord.vn', 390);
    await court.goto(`${suite.server.url}/cases/${ids.hidden}`);
    await expect.poll(() => main(court).textContent()).toContain('Bạn không có quyền xem nội dung này');
    await shot(court, 'case-forbidden', 390);
    await court.goto(`${suite.server.url}/cases/doesnotexist`);
    await expect.poll(() => main(court).textContent()).toContain('Không tìm thấy');
    await shot(court, 'case-not-found', 390);
    await court.goto(`${suite.server.url}/cases`);
    await court.locator('table.case-table tbody tr').first().waitFor();
    await shot(court, 'case-list-court', 390);
    expect(errors).toEqual([]);
  });
});
