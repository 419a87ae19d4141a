/**
 * Minutes as agencies issue them, in two browser contexts: the procuracy remarks on the draft and
 * then confirms it while the chair watches; an agency invited with nobody named is answered by its
 * member; a conclusion arrives live in the other context; the chair approves (naming who has not
 * confirmed) and corrects the approved minutes as version 2. Screenshots at 1280 and 390 px.
 */
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite } from './browser.ts';
import { signIn, startCollabTestServer, trpc } from '../helpers.ts';
import { buildUser } from '../factories.ts';
import { addDays, localDate } from '../../shared/format.ts';

const SHOTS = '/tmp/shots-meetings';
mkdirSync(SHOTS, { recursive: true });

const at = (day: string, time: string) => `${day}T${time}:00+07:00`;
const noOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

describe('minutes as agencies issue them, in a browser', () => {
  let chairCookie: string;
  let ubnd: { email: string; password: string };
  const suite = browserSuite(async () => {
    const server = await startCollabTestServer({ web: true });
    chairCookie = await signIn(server.url, 'thads@demo.concord.vn');
    ubnd = await buildUser(server.testDb.db, { agencyId: 'agency-ubnd', roles: ['viewer'], name: 'Lý Văn Bình' });
    return server;
  });

  /** A meeting held yesterday, entered after the fact by the chair (through the API: the form is tested elsewhere). */
  const heldMeeting = async (overrides: Record<string, unknown>) => {
    const day = addDays(localDate(), -1);
    const created = await trpc(suite.server.url, chairCookie, 'meetings.create', {
      kind: 'joint', title: 'Họp liên ngành về tài sản kê biên', startsAt: at(day, '08:00'), endsAt: at(day, '10:00'), place: 'Phòng họp tầng 3',
      invitedAgencyIds: ['agency-thads', 'agency-vks'], inviteeUserIds: ['user-vks'], heldAlready: true, ...overrides,
    }, 'mutation');
    expect(created.error).toBeUndefined();
    return created.data.meeting.id as string;
  };

  it('the procuracy remarks on the draft and confirms it while the chair watches; a conclusion arrives live; the chair approves and corrects', async () => {
    const id = await heldMeeting({ title: 'Họp liên ngành về tài sản kê biên' });
    const chair = await suite.signedInPage('thads@demo.concord.vn');
    await chair.goto(`${suite.server.url}/meetings/${id}`);
    const chairConfirmations = chair.locator('.confirmation[data-agency="agency-vks"]');
    await expect.poll(() => chairConfirmations.textContent()).toContain('Chưa xác nhận');

    const vks = await suite.signedInPage('vks@demo.concord.vn', { width: 390, height: 844 });
    await vks.goto(`${suite.server.url}/meetings/${id}`);
    await vks.getByRole('button', { name: 'Góp ý', exact: true }).click();
    await vks.getByLabel('Nội dung góp ý').fill('Đề nghị ghi rõ thời hạn kê biên là 15 ngày.');
    await vks.getByRole('button', { name: 'Gửi góp ý' }).click();
    await expect.poll(() => vks.getByText('Đã ghi nhận ý kiến của cơ quan bạn.').count()).toBe(1);

    // The chair sees the remark without reloading.
    await expect.poll(() => chairConfirmations.textContent(), { timeout: 5_000 }).toContain('Đề nghị ghi rõ thời hạn kê biên là 15 ngày.');
    await expect.poll(() => chairConfirmations.textContent()).toContain('Có góp ý');

    // A conclusion the chair adds arrives on the procuracy's page.
    await chair.getByLabel('Nội dung kết luận').fill('Giao Viện kiểm sát theo dõi việc kê biên trong 15 ngày.');
    await chair.getByRole('button', { name: 'Thêm kết luận' }).click();
    await expect.poll(() => vks.getByText('Giao Viện kiểm sát theo dõi việc kê biên trong 15 ngày.').count(), { timeout: 5_000 }).toBe(1);

    // The procuracy confirms; the chair sees it.
    await vks.getByRole('button', { name: 'Xác nhận dự thảo' }).click();
    await expect.poll(() => chairConfirmations.textContent(), { timeout: 5_000 }).toContain('Đã xác nhận');
    await vks.screenshot({ path: `${SHOTS}/minutes-confirm-390.png`, fullPage: true });
    expect(await noOverflow(vks)).toBeLessThanOrEqual(390);
    await chair.screenshot({ path: `${SHOTS}/minutes-confirm-1280.png`, fullPage: true });

    // Approval: everyone confirmed, so no question; the number appears; the procuracy can no longer confirm.
    await chair.getByRole('button', { name: 'Duyệt biên bản' }).click();
    const approveDialog = chair.getByRole('dialog');
    expect(await approveDialog.getByText('Các cơ quan sau chưa xác nhận dự thảo:').count()).toBe(0);
    await approveDialog.getByRole('button', { name: 'Duyệt biên bản' }).click();
    await expect.poll(() => chair.getByText(/^\d+\/BB-THADS$/).count()).toBe(1);
    await expect.poll(() => vks.getByRole('button', { name: 'Xác nhận dự thảo' }).count(), { timeout: 5_000 }).toBe(0);

    // A correction: reason and corrected conclusion; version 2 is listed beside version 1.
    await chair.getByRole('button', { name: 'Đính chính biên bản' }).click();
    const correction = chair.getByRole('dialog');
    await correction.getByLabel('Lý do đính chính').fill('Ghi sai thời hạn trong kết luận');
    await correction.getByLabel('Nội dung kết luận 1').fill('Giao Viện kiểm sát theo dõi việc kê biên trong 20 ngày.');
    await correction.getByRole('button', { name: 'Lưu bản đính chính' }).click();
    await expect.poll(() => chair.locator('.minutes-version').count()).toBe(2);
    await expect.poll(() => chair.locator('.minutes-version').nth(1).textContent()).toContain('Đính chính: Ghi sai thời hạn trong kết luận');
    await expect.poll(() => chair.getByText('Giao Viện kiểm sát theo dõi việc kê biên trong 20 ngày.').count()).toBe(1);
    await expect.poll(() => vks.getByText('Giao Viện kiểm sát theo dõi việc kê biên trong 20 ngày.').count(), { timeout: 5_000 }).toBe(1);
    await chair.screenshot({ path: `${SHOTS}/minutes-versions-1280.png`, fullPage: true });
    await vks.screenshot({ path: `${SHOTS}/minutes-versions-390.png`, fullPage: true });
    expect(await noOverflow(vks)).toBeLessThanOrEqual(390);

    await vks.context().close();
    await chair.context().close();
  }, 120_000);

  it('an agency invited with nobody named is answered by its member, and the chair sees the answer; approving asks about who has not confirmed', async () => {
    const id = await heldMeeting({ title: 'Họp với Ủy ban nhân dân tỉnh', invitedAgencyIds: ['agency-thads', 'agency-ubnd'], inviteeUserIds: [] });
    const chair = await suite.signedInPage('thads@demo.concord.vn');
    await chair.goto(`${suite.server.url}/meetings/${id}`);
    await expect.poll(() => chair.getByText('Ủy ban nhân dân tỉnh Phú Thọ: chưa có ai trả lời').count()).toBe(1);

    const member = await suite.signedInPage(ubnd.email, { width: 390, height: 844, password: ubnd.password });
    await member.goto(`${suite.server.url}/meetings/${id}`);
    await expect.poll(() => member.getByText('Cơ quan bạn được mời; bạn có thể trả lời thay cho cơ quan.').count()).toBe(1);
    await member.getByRole('radio', { name: 'Tham dự' }).check();
    await member.getByRole('button', { name: 'Gửi trả lời' }).click();
    await expect.poll(() => member.getByText('Bạn đã trả lời: Tham dự').count()).toBe(1);
    await member.screenshot({ path: `${SHOTS}/agency-answer-390.png`, fullPage: true });
    expect(await noOverflow(member)).toBeLessThanOrEqual(390);

    // The chair's page shows the member and the answer, without reloading.
    const row = chair.getByRole('row', { name: /Lý Văn Bình/ });
    await expect.poll(() => row.textContent(), { timeout: 5_000 }).toContain('Tham dự');
    expect(await chair.getByText('Ủy ban nhân dân tỉnh Phú Thọ: chưa có ai trả lời').count()).toBe(0);

    // Nobody of the committee confirmed the draft: approval names it and waits for the chair to say so.
    await chair.getByRole('button', { name: 'Duyệt biên bản' }).click();
    const dialog = chair.getByRole('dialog');
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('Ủy ban nhân dân tỉnh Phú Thọ — Chưa xác nhận');
    const approve = dialog.getByRole('button', { name: 'Duyệt biên bản' });
    expect(await approve.isDisabled()).toBe(true);
    await chair.screenshot({ path: `${SHOTS}/approve-unconfirmed-1280.png` });
    await dialog.getByRole('checkbox', { name: /Tôi vẫn duyệt biên bản/ }).check();
    await approve.click();
    await expect.poll(() => chair.getByText(/^\d+\/BB-THADS$/).count()).toBe(1);

    await member.context().close();
    await chair.context().close();
  }, 120_000);
});
