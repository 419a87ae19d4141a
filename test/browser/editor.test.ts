/**
 * The legal editor as a drafter uses it: insert before and after from the toolbar and the keyboard,
 * no stray nodes, the shortcut help, the sticky toolbar, and copy/paste that keep numbers.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { browserSuite } from './browser.ts';
import { startTestServer } from '../helpers.ts';

const SHOTS = '/tmp/shots-editor';

describe('the legal editor', () => {
  const suite = browserSuite(() => startTestServer({ web: true, seed: true }));

  async function open(width = 1280): Promise<Page> {
    const page = await suite.signedInPage('thads@demo.concord.vn', { width, timeout: 15_000, goto: '/agreements/demo-agreement-01' });
    await page.locator('.connection-synced').waitFor();
    return page;
  }
  /** Puts the caret there: a click, then a frame and a task, for ProseMirror reads a click's caret from the
   * selectionchange event that follows it (a shortcut pressed at once would act where the caret was). */
  async function place(target: Locator): Promise<void> {
    await target.click();
    await target.page().evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  }
  const article = (page: Page, title: string) => page.locator('.legal-document section[data-kind="article"]', { has: page.locator('h2', { hasText: title }) }).first();
  const labelOf = (page: Page, title: string) => article(page, title).locator('h2').first().getAttribute('data-label');
  const clauseLabels = (page: Page, title: string) => article(page, title).locator(':scope > section[data-kind="clause"] > p:first-child').evaluateAll(
    (ps) => ps.map((p) => `${p.getAttribute('data-label')} ${p.textContent}`));

  it('inserts articles, clauses and points before or after the current one, from the toolbar and from the keyboard alone', async () => {
    const page = await open();
    const before = await labelOf(page, 'Mục đích phối hợp');
    expect(before).toBe('Điều 3.');

    // Toolbar: an article before the current one takes its number.
    await place(article(page, 'Mục đích phối hợp').locator('h2'));
    await page.getByRole('button', { name: 'Chèn điều trước điều này' }).click();
    await page.keyboard.type('Điều chèn trước');
    await expect.poll(() => labelOf(page, 'Điều chèn trước')).toBe('Điều 3.');
    await expect.poll(() => labelOf(page, 'Mục đích phối hợp')).toBe('Điều 4.');

    // Keyboard only: a clause before the first clause, then one after it, then a point before.
    await place(article(page, 'Mục đích phối hợp').locator('p', { hasText: 'Nâng cao hiệu quả' }));
    await page.keyboard.press('Control+Alt+Shift+3');
    await page.keyboard.type('Khoản chèn trước');
    await page.keyboard.press('Control+Alt+3');
    await page.keyboard.type('Khoản chèn sau');
    await expect.poll(() => clauseLabels(page, 'Mục đích phối hợp')).toEqual([
      '1. Khoản chèn trước', '2. Khoản chèn sau', expect.stringMatching(/^3\. Nâng cao hiệu quả/), expect.stringMatching(/^4\. Kịp thời/), expect.stringMatching(/^5\. Thống nhất/),
    ]);
    await page.keyboard.press('Control+Alt+4');
    await page.keyboard.type('điểm sau');
    await page.keyboard.press('Control+Alt+Shift+4');
    await page.keyboard.type('điểm trước');
    const points = article(page, 'Mục đích phối hợp').locator('section[data-kind="point"] > p');
    await expect.poll(() => points.evaluateAll((ps) => ps.map((p) => `${p.getAttribute('data-label')} ${p.textContent}`))).toEqual(['a) điểm trước', 'b) điểm sau']);
    // Promote from the keyboard: the point becomes a clause (the point after it comes along as its point).
    await page.keyboard.press('Shift+Tab');
    await expect.poll(() => points.count()).toBe(1);
    await expect.poll(() => clauseLabels(page, 'Mục đích phối hợp')).toContain('3. điểm trước');
    // Demote: a clause without points becomes a point of the clause before it.
    await place(article(page, 'Mục đích phối hợp').locator('p', { hasText: 'Thống nhất số liệu' }));
    await page.keyboard.press('Tab');
    await expect.poll(() => article(page, 'Mục đích phối hợp').locator('section[data-kind="point"] > p', { hasText: 'Thống nhất số liệu' }).getAttribute('data-label')).toBe('a)');
    await page.context().close();
  });

  it('a new chapter brings no stray empty article', async () => {
    const page = await open();
    const articles = () => page.locator('.legal-document section[data-kind="article"]').count();
    const chapters = () => page.locator('.legal-document section[data-kind="chapter"]').count();
    const [a0, c0] = [await articles(), await chapters()];
    await place(page.locator('.legal-document section[data-kind="chapter"] > h2', { hasText: 'NHỮNG QUY ĐỊNH CHUNG' }));
    await page.keyboard.press('Control+Alt+1');
    await page.keyboard.type('CHƯƠNG CHÈN');
    await expect.poll(chapters).toBe(c0 + 1);
    expect(await articles()).toBe(a0);
    const added = page.locator('.legal-document section[data-kind="chapter"]', { has: page.locator('h2', { hasText: 'CHƯƠNG CHÈN' }) });
    expect(await added.locator(':scope > *').count()).toBe(1);
    expect(await added.locator('h2').getAttribute('data-label')).toBe('Chương II');
    // Enter in the chapter's name starts its first article.
    await page.keyboard.press('Enter');
    await page.keyboard.type('Điều đầu của chương');
    await expect.poll(() => added.locator('section[data-kind="article"]').count()).toBe(1);
    await page.context().close();
  });

  it('lists the shortcuts from "?" and Ctrl+/, and keeps the toolbar under the header when scrolled', async () => {
    for (const width of [1280, 390]) {
      const page = await open(width);
      await place(article(page, 'Phạm vi điều chỉnh').locator('h2'));
      await page.keyboard.press('Control+/');
      const help = page.getByRole('dialog', { name: 'Phím tắt soạn thảo' });
      await help.waitFor();
      expect(await help.textContent()).toContain('Chèn điều trước điều này');
      expect(await help.locator('kbd').allTextContents()).toEqual(expect.arrayContaining(['Ctrl+Alt+Shift+2', 'Ctrl+Alt+2', 'Tab', 'Shift+Tab', 'Ctrl+/']));
      await page.screenshot({ path: `${SHOTS}/editor-help-${width}.png` });
      await page.keyboard.press('Escape');
      await help.waitFor({ state: 'detached' });
      expect(await page.evaluate(() => document.activeElement?.classList.contains('ProseMirror'))).toBe(true);
      await page.getByRole('button', { name: 'Phím tắt' }).click();
      await help.waitFor();
      await page.getByRole('button', { name: 'Đóng', exact: true }).click();
      await help.waitFor({ state: 'detached' });

      await page.mouse.wheel(0, 2500);
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
      const bar = await page.locator('.legal-toolbar').boundingBox();
      const header = await page.locator('.topbar').boundingBox();
      expect(bar).not.toBeNull();
      expect(Math.round(bar!.y)).toBe(Math.round(header!.y + header!.height));
      await page.screenshot({ path: `${SHOTS}/editor-sticky-toolbar-${width}.png` });
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await page.context().close();
    }
  });

  async function copySelection(page: Page): Promise<{ text: string; html: string }> {
    return page.evaluate(() => {
      const data = new DataTransfer();
      document.querySelector('.ProseMirror')!.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
      return { text: data.getData('text/plain'), html: data.getData('text/html') };
    });
  }
  async function paste(page: Page, data: { text: string; html?: string }): Promise<void> {
    await page.evaluate((d) => {
      const transfer = new DataTransfer();
      transfer.setData('text/plain', d.text);
      if (d.html) transfer.setData('text/html', d.html);
      document.querySelector('.ProseMirror')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    }, data);
  }

  it('copies with the numbers and references as text, and a paste back rebuilds the article, renumbered', async () => {
    const page = await open();
    const source = article(page, 'Hình thức phối hợp');
    const number = Number((await labelOf(page, 'Hình thức phối hợp'))!.match(/\d+/)![0]);
    await place(source.locator('h2'));
    // Select from the start of the article's name to the end of its last clause.
    await page.evaluate(() => {
      const section = [...document.querySelectorAll('.legal-document section[data-kind="article"]')].find((s) => s.querySelector('h2')?.textContent === 'Hình thức phối hợp')!;
      const first = section.querySelector('h2')!.firstChild!;
      const paragraphs = section.querySelectorAll('section[data-kind="clause"] > p');
      const last = paragraphs[paragraphs.length - 1].lastChild!;
      window.getSelection()!.setBaseAndExtent(first, 0, last, last.textContent!.length);
    });
    await page.waitForTimeout(100);
    const copied = await copySelection(page);
    const lines = copied.text.split('\n');
    expect(lines[0]).toBe(`Điều ${number}. Hình thức phối hợp`);
    expect(lines[1]).toBe('Việc phối hợp được thực hiện bằng một hoặc các hình thức sau:');
    expect(lines[2]).toMatch(/^1\. Trao đổi thông tin/);
    expect(lines[3]).toMatch(/^2\. Tổ chức họp liên ngành theo quy định tại Điều \d+\.$/);
    expect(lines[5]).toBe('4. Sơ kết, tổng kết việc thực hiện Quy chế.');
    expect(copied.html).toContain(`Điều ${number}. `);
    expect(copied.html).toMatch(/<span class="legal-reference" data-target="[^"]+">Điều \d+<\/span>/);

    // Pasted from this editor into the article before: a whole article after it, numbers not typed in.
    await place(article(page, 'Nguyên tắc phối hợp').locator('h2'));
    await paste(page, copied);
    const copies = page.locator('.legal-document section[data-kind="article"]', { has: page.locator('h2', { hasText: /^Hình thức phối hợp$/ }) });
    await expect.poll(() => copies.count()).toBe(2);
    expect(await copies.nth(0).locator('h2').getAttribute('data-label')).toBe(`Điều ${number}.`);
    expect(await copies.nth(1).locator('h2').getAttribute('data-label')).toBe(`Điều ${number + 1}.`);
    expect(await copies.nth(0).locator(':scope > section[data-kind="clause"]').count()).toBe(4);
    expect(await copies.nth(0).textContent()).not.toContain('Điều 5.');
    // The reference came back as a reference, not as typed words.
    expect(await copies.nth(0).locator('.legal-reference').count()).toBe(1);
    const outline = page.getByRole('navigation', { name: 'Mục lục' });
    await expect.poll(async () => (await outline.locator('.legal-outline__text').allTextContents()).filter((t) => t === 'Hình thức phối hợp').length).toBe(2);
    await page.context().close();
  });

  it('a paste from Word (“Điều 2 …”, “1. …”, “a) …”) becomes an article with clauses and points, in the outline', async () => {
    const page = await open();
    await place(article(page, 'Mục đích phối hợp').locator('p', { hasText: 'Thống nhất số liệu' }));
    const html = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{margin:0}</style></head><body lang=VI>
<p class=MsoNormal><b><span lang=VI>Điều 2. Trách nhiệm báo cáo</span></b><o:p></o:p></p>
<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp; </span></span><![endif]><span lang=VI>Báo cáo định kỳ gồm:</span></p>
<p class=MsoNormal style='margin-left:36pt'>a) Báo cáo hằng tháng;</p>
<p class=MsoNormal style='margin-left:36pt'>b) Báo cáo hằng quý.</p>
<p class=MsoNormal>2. Báo cáo đột xuất khi có yêu cầu.</p>
</body></html>`;
    await paste(page, { html, text: 'Điều 2. Trách nhiệm báo cáo\n1. Báo cáo định kỳ gồm:\na) Báo cáo hằng tháng;\nb) Báo cáo hằng quý.\n2. Báo cáo đột xuất khi có yêu cầu.' });
    const pasted = article(page, 'Trách nhiệm báo cáo');
    await pasted.waitFor();
    expect(await pasted.locator('h2').textContent()).toBe('Trách nhiệm báo cáo');
    const after = Number((await labelOf(page, 'Mục đích phối hợp'))!.match(/\d+/)![0]);
    expect(await pasted.locator('h2').getAttribute('data-label')).toBe(`Điều ${after + 1}.`);
    expect(await clauseLabels(page, 'Trách nhiệm báo cáo')).toEqual(['1. Báo cáo định kỳ gồm:', '2. Báo cáo đột xuất khi có yêu cầu.']);
    expect(await pasted.locator('section[data-kind="point"] > p').evaluateAll((ps) => ps.map((p) => `${p.getAttribute('data-label')} ${p.textContent}`)))
      .toEqual(['a) Báo cáo hằng tháng;', 'b) Báo cáo hằng quý.']);
    await expect.poll(() => page.getByRole('navigation', { name: 'Mục lục' }).textContent()).toContain('Trách nhiệm báo cáo');

    // Plain text clauses pasted in a clause go in after it, in the same article.
    await place(pasted.locator('p', { hasText: 'Báo cáo đột xuất' }));
    await page.keyboard.press('End');
    await paste(page, { text: '3. Khoản dán thêm\n4. Khoản dán nữa' });
    await expect.poll(() => clauseLabels(page, 'Trách nhiệm báo cáo')).toEqual([
      '1. Báo cáo định kỳ gồm:', '2. Báo cáo đột xuất khi có yêu cầu.', '3. Khoản dán thêm', '4. Khoản dán nữa',
    ]);
    await page.screenshot({ path: `${SHOTS}/editor-word-paste-1280.png` });
    // An ordinary line of text is pasted as text.
    await paste(page, { text: ' và nội dung thường' });
    await expect.poll(() => pasted.locator('p', { hasText: 'Khoản dán nữa và nội dung thường' }).count()).toBe(1);
    await page.context().close();
  });

  it('the reference picker lists its targets once it is used (not at every change), and inserts the one chosen', async () => {
    const page = await open();
    const picker = page.getByRole('combobox', { name: 'Chèn tham chiếu' });
    // Built only when used: a long text has some 1 400 targets.
    expect(await picker.locator('option').count()).toBe(1);
    await place(article(page, 'Hình thức phối hợp').locator('section[data-kind="clause"] > p').first());
    await page.keyboard.press('Control+Alt+r');
    await expect.poll(() => picker.evaluate((el) => el === document.activeElement)).toBe(true);
    const labels = await picker.locator('option').allTextContents();
    expect(labels.length).toBeGreaterThan(10);
    // Each article's group: the article first, then its clauses, in order; every target once.
    const number = (await labelOf(page, 'Mục đích phối hợp'))!.match(/\d+/)![0];
    const group = await picker.locator(`optgroup[label^="Điều ${number}. Mục đích phối hợp"]`).locator('option').allTextContents();
    expect(group[0]).toBe(`Điều ${number}`);
    expect(group[1]).toMatch(new RegExp(`^khoản 1 Điều ${number} – `));
    expect(labels.filter((label) => label === `Điều ${number}`)).toHaveLength(1);
    await picker.selectOption({ label: `Điều ${number}` });
    const clause = article(page, 'Hình thức phối hợp').locator('section[data-kind="clause"] > p').first();
    await expect.poll(() => clause.locator('.legal-reference').evaluateAll((spans) => spans.map((s) => s.getAttribute('data-label')))).toEqual([`Điều ${number}`]);
    // Left, the picker drops its list again.
    await expect.poll(() => picker.locator('option').count()).toBe(1);
    await page.context().close();
  });

});
