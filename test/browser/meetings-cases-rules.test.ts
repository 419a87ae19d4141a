/**
 * Four rules of meetings and cases (issue 14), as a person meets them in a real Chromium:
 * the chair cannot approve the minutes of a meeting that has not begun (refused in Vietnamese,
 * nothing frozen); Enter at the end of an agenda heading of the live minutes starts a paragraph,
 * kept after a reload; "Thi hành xong" with money still due is refused until it is confirmed with
 * a reason (or the rest is reduced); a meeting entered after the fact through the form ("Cuộc họp
 * đã diễn ra") is accepted with a past date, its minutes written and approved at once, while the
 * same date without the option is refused in the form. Screenshots at 1280 and 390 px in
 * SCREENSHOT_DIR (else /tmp/shots-meetings-cases-rules).
 */
import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { browserSuite } from './browser.ts';
import { signIn, startCollabTestServer, trpc } from '../helpers.ts';
import { DEMO_AGENCY_IDS } from '../../server/demo/seed.ts';
import { addDays, formatDate, formatDateTime, formatMoney, localDate } from '../../shared/format.ts';
import { docName } from '../../shared/collab.ts';
import { minutesBlocks, type MinutesBlock } from '../../shared/minutes.ts';

const SHOTS = process.env.SCREENSHOT_DIR ?? '/tmp/shots-meetings-cases-rules';
mkdirSync(SHOTS, { recursive: true });

const at = (day: string, time: string) => `${day}T${time}:00+07:00`;
const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
/** The whole page from its top (the sticky bar then sits where it belongs). */
async function fullShot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}
/** The blocks of the editor as the browser shows them: tag and text, in order. */
const blocksOf = (editor: Locator) => editor.evaluate((el) => [...el.children]
  .filter((child) => child.tagName !== 'DIV') // remote cursors and widgets, if any
  .map((child) => [child.tagName, (child.textContent ?? '').trim()]));

describe('meetings and cases: the rules, in a browser', () => {
  let chairCookie: string;
  const suite = browserSuite(() => startCollabTestServer({ web: true }));

  beforeAll(async () => {
    chairCookie = await signIn(suite.server.url, 'thads@demo.concord.vn');
  });

  /** A meeting of the THADS chair with the procuracy, made through the API (the form has its own test below). */
  const createMeeting = async (input: Record<string, unknown>) => {
    const created = await trpc(suite.server.url, chairCookie, 'meetings.create', {
      kind: 'joint', place: 'Phòng họp tầng 3', invitedAgencyIds: [DEMO_AGENCY_IDS.thads, DEMO_AGENCY_IDS.vks], inviteeUserIds: ['user-vks'], ...input,
    }, 'mutation');
    expect(created.error).toBeUndefined();
    return created.data.meeting as { id: string; startsAt: string };
  };
  /** The committed text of a meeting's live minutes, as the server holds it. */
  const storedMinutes = (meetingId: string): Promise<MinutesBlock[]> => suite.server.deps.live.read(docName('minutes', meetingId), minutesBlocks);
  const editorOf = (page: Page) => page.getByRole('textbox', { name: 'Nội dung biên bản' });
  /** The toolbar's block buttons say where the editor has the caret (its own state, not only the browser's). */
  const pressed = (page: Page, tool: 'Tiêu đề' | 'Đoạn văn') => page.getByRole('button', { name: tool, exact: true }).getAttribute('aria-pressed');
  /**
   * As a person puts the caret at the end of a heading: a click in the empty paragraph under it
   * (clicked again if the editor did not take it, as on a first focus), then ← to the heading's end,
   * each step waited for until the editor shows it.
   */
  async function caretAtEndOf(page: Page, editor: Locator, heading: string) {
    const under = editor.locator('h3', { hasText: heading }).locator('xpath=following-sibling::*[1]');
    expect(await under.evaluate((el) => el.tagName)).toBe('P');
    await expect.poll(async () => {
      await under.click();
      return pressed(page, 'Đoạn văn');
    }).toBe('true');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => pressed(page, 'Tiêu đề')).toBe('true');
    expect(await page.evaluate(() => {
      const selection = getSelection()!;
      return [selection.anchorNode?.parentElement?.closest('h3')?.textContent, selection.anchorOffset === (selection.anchorNode?.textContent?.length ?? -1)];
    })).toEqual([heading, true]);
  }
  async function writable(page: Page): Promise<Locator> {
    await expect.poll(() => page.locator('.minutes-card .live-status').textContent(), { timeout: 15_000 }).toBe('Đã đồng bộ');
    const editor = editorOf(page);
    await expect.poll(() => editor.getAttribute('contenteditable')).toBe('true');
    return editor;
  }

  it('before the meeting the chair cannot approve its minutes: refused in Vietnamese (the server too), nothing frozen', async () => {
    const day = addDays(localDate(), 3);
    const title = 'Họp liên ngành chưa diễn ra';
    const meeting = await createMeeting({ title, startsAt: at(day, '09:00'), endsAt: at(day, '11:00'), agenda: [{ title: 'Tài sản kê biên' }] });
    const refusal = `Chưa thể duyệt biên bản: cuộc họp bắt đầu lúc ${formatDateTime(meeting.startsAt)}. Biên bản được duyệt khi cuộc họp đã diễn ra.`;
    expect(formatDateTime(meeting.startsAt)).toBe(`09:00 ${formatDate(day)}`);

    const chair = await suite.signedInPage('thads@demo.concord.vn', { width: 390, height: 844, goto: `/meetings/${meeting.id}` });
    await expect.poll(() => chair.getByRole('heading', { level: 1 }).textContent()).toBe(title);
    await writable(chair);

    // The button is offered (the chair approves this meeting's minutes in the end); the approval is refused with the reason.
    await chair.getByRole('button', { name: 'Duyệt biên bản' }).click();
    const dialog = chair.getByRole('dialog');
    await dialog.getByRole('checkbox', { name: /Tôi vẫn duyệt biên bản/ }).check();
    await dialog.getByRole('button', { name: 'Duyệt biên bản' }).click();
    await expect.poll(() => dialog.locator('.form-error').textContent()).toBe(refusal);
    expect(await scrollWidth(chair)).toBeLessThanOrEqual(390);
    await chair.screenshot({ path: `${SHOTS}/approve-before-meeting-390.png` });

    // Nothing frozen: still scheduled, no number, no approved text, the minutes still writable.
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    await expect.poll(() => chair.getByRole('dialog').count()).toBe(0);
    await chair.reload();
    await expect.poll(() => chair.locator('.status-badge').textContent()).toBe('Đã lên lịch');
    await writable(chair);
    expect(await chair.getByText(/\d+\/BB-THADS/).count()).toBe(0);
    expect(await chair.getByLabel('Biên bản đã duyệt').count()).toBe(0);
    expect(await chair.locator('.minutes-version').count()).toBe(0);
    expect(await chair.getByRole('button', { name: 'Duyệt biên bản' }).count()).toBe(1);

    // The server says the same, typed as a conflict of state, and keeps the meeting as it was.
    const direct = await trpc(suite.server.url, chairCookie, 'meetings.approveMinutes', { id: meeting.id, confirmUnconfirmed: true }, 'mutation');
    expect(direct.error?.data.code).toBe('CONFLICT');
    expect(direct.error?.message).toBe(refusal);
    const after = await trpc(suite.server.url, chairCookie, 'meetings.get', { id: meeting.id });
    expect(after.data).toMatchObject({ status: 'scheduled', approval: null, minutesNumber: null, versions: [] });
    await chair.context().close();

    // The procuracy is not offered a confirmation it would be refused: it is told when it opens.
    const vks = await suite.signedInPage('vks@demo.concord.vn', { width: 390, height: 844, goto: `/meetings/${meeting.id}` });
    await expect.poll(() => vks.getByTestId('confirm-opens').textContent())
      .toBe(`Cơ quan bạn xác nhận hoặc góp ý dự thảo biên bản khi cuộc họp đã bắt đầu (${formatDateTime(meeting.startsAt)}).`);
    expect(await vks.getByRole('button', { name: 'Xác nhận dự thảo' }).count()).toBe(0);
    expect(await vks.getByRole('button', { name: 'Góp ý', exact: true }).count()).toBe(0);
    await vks.context().close();
  }, 120_000);

  it('Enter at the end of an agenda heading of the live minutes starts a paragraph, and it stays one after a reload', async () => {
    const day = addDays(localDate(), 5);
    const meeting = await createMeeting({
      title: 'Họp liên ngành về bản án chưa rõ', startsAt: at(day, '14:00'), endsAt: at(day, '16:00'),
      agenda: [{ title: 'Kê biên tài sản' }, { title: 'Giải thích bản án' }],
    });
    const text = 'Chi cục báo cáo đã kê biên quyền sử dụng đất ngày 21/03/2023.';
    const chair = await suite.signedInPage('thads@demo.concord.vn', { goto: `/meetings/${meeting.id}` });
    const editor = await writable(chair);
    expect(await blocksOf(editor)).toEqual([
      ['H3', 'Nội dung thảo luận'], ['H3', '1. Kê biên tài sản'], ['P', ''], ['H3', '2. Giải thích bản án'], ['P', ''],
    ]);

    await caretAtEndOf(chair, editor, '1. Kê biên tài sản');
    await chair.keyboard.press('Enter');
    await chair.keyboard.type(text);
    await expect.poll(() => blocksOf(editor)).toEqual([
      ['H3', 'Nội dung thảo luận'], ['H3', '1. Kê biên tài sản'], ['P', text], ['P', ''], ['H3', '2. Giải thích bản án'], ['P', ''],
    ]);
    // The text typed is in a paragraph, the heading kept its words, and the toolbar says "Đoạn văn" where the cursor is.
    expect(await editor.locator('p', { hasText: text }).count()).toBe(1);
    expect(await editor.locator('h2, h3', { hasText: text }).count()).toBe(0);
    expect(await chair.getByRole('button', { name: 'Đoạn văn' }).getAttribute('aria-pressed')).toBe('true');
    expect(await chair.getByRole('button', { name: 'Tiêu đề' }).getAttribute('aria-pressed')).toBe('false');

    // Stored as a paragraph under the heading, and shown so after a reload.
    await expect.poll(() => storedMinutes(meeting.id), { timeout: 10_000 }).toEqual([
      { kind: 'heading', text: 'Nội dung thảo luận' }, { kind: 'heading', text: '1. Kê biên tài sản' }, { kind: 'paragraph', text },
      { kind: 'paragraph', text: '' }, { kind: 'heading', text: '2. Giải thích bản án' }, { kind: 'paragraph', text: '' },
    ]);
    await chair.reload();
    const reloaded = await writable(chair);
    await expect.poll(() => blocksOf(reloaded)).toEqual([
      ['H3', 'Nội dung thảo luận'], ['H3', '1. Kê biên tài sản'], ['P', text], ['P', ''], ['H3', '2. Giải thích bản án'], ['P', ''],
    ]);
    await fullShot(chair, 'minutes-enter-after-heading-1280');
    await chair.context().close();
  }, 120_000);

  it('"Thi hành xong" with money still due is refused until confirmed with a reason; the rest reduced needs no confirmation', async () => {
    const DUE = 300_000_000;
    const create = async (judgmentNumber: string, debtor: string) => {
      const result = await trpc(suite.server.url, chairCookie, 'cases.create', {
        judgmentNumber, judgmentDate: addDays(localDate(), -120), courtName: 'Tòa án nhân dân tỉnh Phú Thọ', caseType: 'civil',
        creditor: 'Ông Nguyễn Văn An', debtor, amountDue: DUE, amountCollected: 0, classification: 'enforceable',
        acceptedOn: addDays(localDate(), -100), involvedAgencyIds: [DEMO_AGENCY_IDS.vks],
      }, 'mutation');
      expect(result.error).toBeUndefined();
      return result.data.id as string;
    };
    const confirmedId = await create('52/2026/DS-ST', 'Bà Trần Thị Bích');
    const reducedId = await create('53/2026/DS-ST', 'Ông Hoàng Văn Cường');
    const refusal = `Vụ việc còn ${formatMoney(DUE)} phải thi hành. Hãy ghi nhận đình chỉ, giảm hoặc chuyển kỳ sau; hoặc đánh dấu xác nhận và ghi lý do để ghi "Thi hành xong".`;
    const reason = 'Người được thi hành án có văn bản từ chối nhận số tiền còn lại';

    const page = await suite.signedInPage('thads@demo.concord.vn', { width: 390, height: 844, goto: `/cases/${confirmedId}` });
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Ghi nhận bước thi hành' }) });
    const history = page.locator('ol.timeline > li');
    await form.waitFor();
    await expect.poll(() => history.count()).toBe(1);
    const confirm = form.getByRole('checkbox', { name: /Vẫn ghi “Thi hành xong” dù còn tiền phải thi hành/ });
    expect(await confirm.count()).toBe(0);

    // Chosen: the form asks for the confirmation; sent without it, refused with what is due and what to do.
    await form.getByLabel('Bước thi hành').selectOption({ label: 'Thi hành xong' });
    await expect.poll(() => confirm.count()).toBe(1);
    await form.getByRole('button', { name: 'Ghi nhận' }).click();
    await expect.poll(() => form.locator('.form-error').textContent()).toBe(refusal);
    expect(await history.count()).toBe(1);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    await form.getByRole('button', { name: 'Ghi nhận' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/completed-refused-390.png` });

    // Confirmed without a reason: still refused, nothing recorded.
    await confirm.check();
    await form.getByRole('button', { name: 'Ghi nhận' }).click();
    await expect.poll(() => form.locator('.form-error').textContent()).toBe(refusal);
    await form.getByRole('textbox', { name: 'Ghi chú' }).fill('   ');
    await form.getByRole('button', { name: 'Ghi nhận' }).click();
    await expect.poll(() => form.locator('.form-error').textContent()).toBe(refusal);
    expect(await history.count()).toBe(1);

    // Confirmed with the reason: recorded and shown, the money still due unchanged.
    await form.getByRole('textbox', { name: 'Ghi chú' }).fill(reason);
    await form.getByRole('button', { name: 'Ghi nhận' }).click();
    await expect.poll(() => history.count()).toBe(2);
    const last = history.last();
    expect(await last.locator('strong').first().textContent()).toBe('Thi hành xong');
    expect(await last.locator('p').textContent()).toBe(reason);
    expect(await last.locator('time').textContent()).toBe(formatDate(localDate()));
    await expect.poll(() => page.locator('.details .badge').textContent()).toBe('Thi hành xong');
    expect(await page.locator('.details').textContent()).toContain(formatMoney(DUE));
    expect(await page.locator('.form-error').count()).toBe(0);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    await fullShot(page, 'completed-confirmed-390');

    // The other way: the rest reduced (miễn, giảm) in the same step, accepted without a confirmation.
    await page.goto(`${suite.server.url}/cases/${reducedId}`);
    await form.waitFor();
    await expect.poll(() => page.locator('h1').textContent()).toBe('53/2026/DS-ST');
    await form.getByLabel('Bước thi hành').selectOption({ label: 'Thi hành xong' });
    await form.getByLabel('Tiền của bước').selectOption({ label: 'Tiền được miễn, giảm' });
    await form.getByLabel('Số tiền (đồng)').fill(String(DUE));
    await form.getByRole('textbox', { name: 'Ghi chú' }).fill('Miễn phần còn lại theo quyết định của Tòa án');
    await form.getByRole('button', { name: 'Ghi nhận' }).click();
    await expect.poll(() => history.count()).toBe(2);
    expect(await history.last().locator('strong').first().textContent()).toBe('Thi hành xong');
    expect(await history.last().textContent()).toContain(`Tiền được miễn, giảm: ${formatMoney(DUE)}`);
    await expect.poll(() => page.locator('.details').textContent()).toContain(`Còn phải thu${formatMoney(0)}`);
    await page.context().close();
  }, 120_000);

  it('a meeting entered after the fact through the form: a past date is refused without "Cuộc họp đã diễn ra", accepted with it, and its minutes approved at once', async () => {
    const yesterday = addDays(localDate(), -1);
    const title = 'Họp liên ngành đã diễn ra hôm qua';
    const text = 'Viện kiểm sát đề nghị kiểm tra lại biên bản kê biên.';
    const chair = await suite.signedInPage('thads@demo.concord.vn', { goto: '/meetings' });
    await chair.getByRole('button', { name: 'Lên lịch cuộc họp' }).click();
    const dialog = chair.getByRole('dialog');
    await dialog.getByLabel('Tên cuộc họp').fill(title);
    await dialog.getByLabel('Ngày họp').fill(formatDate(yesterday));
    await dialog.getByLabel(/^Bắt đầu/).fill('08:00');
    await dialog.getByLabel('Kết thúc').fill('10:00');
    await dialog.getByLabel('Địa điểm').fill('Phòng họp tầng 2');
    await dialog.getByRole('checkbox', { name: 'Viện kiểm sát nhân dân tỉnh Phú Thọ' }).check();
    await dialog.getByLabel('Nội dung 1', { exact: true }).fill('Kiểm sát việc kê biên');
    const heldAlready = dialog.getByRole('checkbox', { name: 'Cuộc họp đã diễn ra (ghi nhận sau, kèm biên bản)' });
    expect(await heldAlready.isChecked()).toBe(false);

    // Without the option: refused in the form, with the way out named; nothing created.
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => dialog.locator('.form-error').textContent())
      .toBe('Không thể lên lịch cuộc họp trong quá khứ. Nếu cuộc họp đã diễn ra, hãy chọn “Cuộc họp đã diễn ra”.');
    expect(chair.url()).toBe(`${suite.server.url}/meetings`);
    const listed = await trpc(suite.server.url, chairCookie, 'meetings.list');
    expect(listed.data.some((m: { title: string }) => m.title === title)).toBe(false);
    await dialog.screenshot({ path: `${SHOTS}/form-past-refused-1280.png` });

    // With it: saved, opened, no refusal.
    await heldAlready.check();
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await chair.waitForURL(/\/meetings\/[^/?]+$/);
    await expect.poll(() => chair.getByRole('heading', { level: 1 }).textContent()).toBe(title);
    expect(await chair.getByText('Không thể lên lịch cuộc họp trong quá khứ', { exact: false }).count()).toBe(0);
    const id = chair.url().split('/').pop()!;
    const created = await trpc(suite.server.url, chairCookie, 'meetings.get', { id });
    expect(created.data).toMatchObject({ title, startsAt: new Date(at(yesterday, '08:00')).toISOString(), endsAt: new Date(at(yesterday, '10:00')).toISOString() });
    await expect.poll(() => chair.locator('.details').textContent()).toContain(`08:00 – 10:00, ${formatDate(yesterday)}`);
    await expect.poll(() => chair.locator('.status-badge').textContent()).toBe('Đã họp');

    // Its minutes are written now, under the agenda heading, and approved at once.
    const editor = await writable(chair);
    await caretAtEndOf(chair, editor, '1. Kiểm sát việc kê biên');
    await chair.keyboard.press('Enter');
    await chair.keyboard.type(text);
    await expect.poll(() => storedMinutes(id), { timeout: 10_000 }).toContainEqual({ kind: 'paragraph', text });
    await chair.getByRole('button', { name: 'Duyệt biên bản' }).click();
    const approve = chair.getByRole('dialog');
    await expect.poll(() => approve.getByRole('alert').textContent()).toContain('Viện kiểm sát nhân dân tỉnh Phú Thọ — Chưa xác nhận');
    await approve.getByRole('checkbox', { name: /Tôi vẫn duyệt biên bản/ }).check();
    await approve.getByRole('button', { name: 'Duyệt biên bản' }).click();
    await expect.poll(() => chair.getByText(/^\d+\/BB-THADS$/).count()).toBe(1);
    await expect.poll(() => chair.locator('.status-badge').textContent()).toBe('Biên bản đã duyệt');
    const frozen = chair.getByLabel('Biên bản đã duyệt');
    await expect.poll(() => frozen.locator('p', { hasText: text }).count()).toBe(1);
    expect(await frozen.locator('h3').allTextContents()).toEqual(['Nội dung thảo luận', '1. Kiểm sát việc kê biên']);
    expect(await chair.getByRole('dialog').count()).toBe(0);
    await fullShot(chair, 'held-meeting-approved-1280');
    await chair.context().close();

    // On a phone: the list reads as cards (the meeting held, no cell squeezed to a few letters a line), the form has the option, nothing scrolls sideways.
    const phone = await suite.signedInPage('thads@demo.concord.vn', { width: 390, height: 844, goto: '/meetings' });
    const row = phone.locator('tbody tr', { has: phone.getByRole('link', { name: title }) });
    await expect.poll(() => row.textContent()).toContain('Biên bản đã duyệt');
    const narrow = await phone.locator('main table td').evaluateAll((tds) => tds
      .filter((td) => td.getBoundingClientRect().width > 0 && td.getBoundingClientRect().width < 250).map((td) => td.textContent));
    expect(narrow).toEqual([]);
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(390);
    await fullShot(phone, 'meeting-list-390');
    await phone.getByRole('button', { name: 'Lên lịch cuộc họp' }).click();
    const phoneDialog = phone.getByRole('dialog');
    await phoneDialog.getByRole('checkbox', { name: 'Cuộc họp đã diễn ra (ghi nhận sau, kèm biên bản)' }).check();
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: `${SHOTS}/form-held-already-390.png` });
    await phone.context().close();
  }, 120_000);
});
