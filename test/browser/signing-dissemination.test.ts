/**
 * Issue 13 in the browser (two people at once): leaving consultation while the court disagrees asks
 * in a dialog naming it; the court signs as a deputy and the DOCX and PDF carry "KT. CHÁNH ÁN /
 * PHÓ CHÁNH ÁN / Lê Thị Thu Hà"; a subordinate unit's acknowledgement appears on the lead's open
 * implementation page without reload. Screenshots at 1280 and 390 px in /tmp/shots-signing/.
 */
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite } from './browser.ts';
import { docxDocumentXml, signIn, startCollabTestServer, trpc } from '../helpers.ts';
import { DEMO_AGENCY_IDS } from '../../server/demo/seed.ts';
import { localDate } from '../../shared/format.ts';

const SHOTS = '/tmp/shots-signing';

describe('signing like an agency signs, consultation, dissemination', () => {
  const suite = browserSuite(async () => {
    mkdirSync(SHOTS, { recursive: true });
    return startCollabTestServer({ web: true });
  });
  const cookies = new Map<string, string>();

  async function api(who: string, path: string, input: unknown, kind: 'query' | 'mutation' = 'mutation') {
    let cookie = cookies.get(who);
    if (!cookie) cookies.set(who, (cookie = await signIn(suite.server.url, `${who}@demo.concord.vn`)));
    const result = await trpc(suite.server.url, cookie, path, input, kind);
    expect(result.error, JSON.stringify(result.error)).toBeUndefined();
    return result.data;
  }
  const signedIn = (who: string, width = 1280) => suite.signedInPage(`${who}@demo.concord.vn`, { width });
  const status = (page: Page) => page.getByTestId('lifecycle-status').textContent();
  const noOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

  it('consultation confirmation names the disagreeing party; the court signs KT. CHÁNH ÁN; DOCX and PDF carry the block', async () => {
    const id = (await api('thads', 'agreements.create', { title: 'Quy chế phối hợp ký theo Nghị định 30', partyAgencyIds: [DEMO_AGENCY_IDS.tand] })).id as string;
    await api('thads', 'agreements.transition', { agreementId: id, to: 'consultation', deadline: localDate() });
    await api('toaan', 'agreements.giveOpinion', { agreementId: id, unitId: null, stance: 'disagree', comment: 'Thời hạn 5 ngày là quá ngắn' });

    const lead = await signedIn('thads');
    await lead.goto(`${suite.server.url}/agreements/${id}`);
    await expect.poll(() => status(lead)).toBe('Lấy ý kiến');
    // The opinion is read in the grid by opening the cell, from the keyboard too.
    const cell = lead.getByRole('button', { name: /Xem ý kiến của TAND Phú Thọ về Toàn văn/ });
    await cell.focus();
    await lead.keyboard.press('Enter');
    await expect.poll(() => lead.locator('.opinion-detail').first().textContent()).toContain('Thời hạn 5 ngày là quá ngắn');
    await lead.getByRole('button', { name: 'Hoàn thiện văn bản' }).click();
    await lead.getByRole('button', { name: /Xác nhận: Hoàn thiện văn bản/ }).click();
    const dialog = lead.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toContain('TAND Phú Thọ');
    expect(await dialog.textContent()).toContain('Thời hạn 5 ngày là quá ngắn');
    await lead.screenshot({ path: `${SHOTS}/consultation-confirm-1280.png` });
    expect(await status(lead)).toBe('Lấy ý kiến');
    await lead.getByRole('button', { name: /Vẫn chuyển sang “Hoàn thiện”/ }).click();
    await expect.poll(() => status(lead)).toBe('Hoàn thiện');

    await api('thads', 'agreements.transition', { agreementId: id, to: 'signing', effectiveDate: localDate() });
    const hash = (await api('thads', 'agreements.lifecycle', { agreementId: id }, 'query')).signingHash as string;

    const court = await signedIn('toaan');
    await court.goto(`${suite.server.url}/agreements/${id}`);
    await expect.poll(() => status(court)).toBe('Đang ký kết');
    await court.getByRole('button', { name: 'Ký cho TAND Phú Thọ' }).click();
    const signDialog = court.getByRole('dialog');
    await expect.poll(() => court.getByTestId('short-hash').textContent()).toBe(`${hash.slice(0, 8)}…${hash.slice(-8)}`);
    expect(await court.getByTestId('sign-capacity').inputValue()).toBe('deputy');
    expect(await court.getByTestId('sign-preview').textContent()).toContain('KT. CHÁNH ÁNPHÓ CHÁNH ÁNLê Thị Thu Hà');
    const facts = await court.getByTestId('sign-facts').textContent();
    expect(facts).toContain('Bản trình ký lần 1');
    expect(facts).toContain('THADS Phú Thọ, TAND Phú Thọ');
    // TM. is not offered to a court.
    expect(await court.getByTestId('sign-capacity').locator('option[value="collective"]').count()).toBe(0);
    await signDialog.screenshot({ path: `${SHOTS}/sign-dialog-1280.png` });
    await court.getByRole('button', { name: 'Xác nhận ký cho TAND Phú Thọ' }).click();
    await expect.poll(() => court.locator('.signature.signed').count()).toBe(1);
    await expect.poll(() => court.getByTestId('signed-capacity').first().textContent()).toBe('KT. CHÁNH ÁN / PHÓ CHÁNH ÁN');
    await api('thads', 'agreements.sign', { agreementId: id, agencyId: DEMO_AGENCY_IDS.thads, textHash: hash, capacity: 'deputy' });
    await expect.poll(() => status(court), { timeout: 10_000 }).toBe('Có hiệu lực');
    // A frozen text says why it is read-only.
    await expect.poll(() => court.locator('.legal-editor__notice').textContent()).toContain('Đã có hiệu lực');

    const docx = await court.request.get(`${suite.server.url}/export/agreements/${id}.docx`);
    const texts = [...docxDocumentXml(Buffer.from(await docx.body())).matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]);
    const at = texts.indexOf('KT. CHÁNH ÁN');
    expect(texts.slice(at - 1, at + 4)).toEqual(['TÒA ÁN NHÂN DÂN TỈNH PHÚ THỌ', 'KT. CHÁNH ÁN', 'PHÓ CHÁNH ÁN', '(Đã ký)', 'Lê Thị Thu Hà']);
    const pdf = await court.request.get(`${suite.server.url}/export/agreements/${id}.pdf`);
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const reader = await getDocument({ data: new Uint8Array(await pdf.body()), useSystemFonts: false }).promise;
    let text = '';
    for (let n = 1; n <= reader.numPages; n += 1) text += (await (await reader.getPage(n)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
    expect(text.replace(/\s+/g, ' ')).toContain('KT. CHÁNH ÁN PHÓ CHÁNH ÁN (Đã ký) Lê Thị Thu Hà');

    await court.goto(`${suite.server.url}/agreements/${id}/print`);
    await expect.poll(() => court.getByTestId('signature-block').nth(1).textContent()).toContain('KT. CHÁNH ÁNPHÓ CHÁNH ÁN(Đã ký)Lê Thị Thu Hà');
    await court.screenshot({ path: `${SHOTS}/print-1280.png`, fullPage: true });
    await court.setViewportSize({ width: 390, height: 844 });
    await court.screenshot({ path: `${SHOTS}/print-390.png`, fullPage: true });
  });

  it('a dissemination acknowledged by a subordinate unit shows on the lead\'s open implementation page without reload', async () => {
    const id = (await api('thads', 'agreements.create', { title: 'Quy chế phối hợp cần quán triệt', partyAgencyIds: [DEMO_AGENCY_IDS.tand] })).id as string;
    await api('thads', 'agreements.transition', { agreementId: id, to: 'final' });
    await api('thads', 'agreements.transition', { agreementId: id, to: 'signing', effectiveDate: localDate() });
    const hash = (await api('thads', 'agreements.lifecycle', { agreementId: id }, 'query')).signingHash as string;
    await api('thads', 'agreements.sign', { agreementId: id, agencyId: DEMO_AGENCY_IDS.thads, textHash: hash, capacity: 'deputy' });
    await api('toaan', 'agreements.sign', { agreementId: id, agencyId: DEMO_AGENCY_IDS.tand, textHash: hash, capacity: 'deputy' });

    const lead = await signedIn('thads');
    await lead.goto(`${suite.server.url}/agreements/${id}/implementation`);
    const form = lead.getByTestId('dissemination-form');
    await form.getByLabel('Ghi chú').fill('Hội nghị quán triệt toàn ngành');
    await form.getByRole('button', { name: 'Ghi nhận việc quán triệt' }).click();
    const unitRow = lead.getByTestId(`unit-${DEMO_AGENCY_IDS['thads-kv1']}`);
    await expect.poll(() => lead.getByTestId(`dissemination-${DEMO_AGENCY_IDS.thads}`).textContent()).toContain('Đã quán triệt ngày');
    await expect.poll(() => unitRow.textContent()).toContain('Chưa xác nhận');

    const unit = await signedIn('kv1', 390);
    await unit.goto(`${suite.server.url}/agreements/${id}/implementation`);
    await unit.getByTestId('acknowledge').click();
    await expect.poll(() => unit.getByRole('status').first().textContent()).toContain('Đã xác nhận');
    expect(await noOverflow(unit)).toBe(true);
    await unit.screenshot({ path: `${SHOTS}/implementation-unit-390.png`, fullPage: true });

    // The lead's page was never reloaded: the change channel brought the acknowledgement.
    await expect.poll(() => unitRow.textContent(), { timeout: 5_000 }).toContain('Đã quán triệt: Đỗ Thị Lan');
    await expect.poll(() => lead.getByTestId('dissemination-summary').textContent()).toContain('1/2 cơ quan đã quán triệt; 1/2 đơn vị trực thuộc đã xác nhận');
    await lead.screenshot({ path: `${SHOTS}/implementation-lead-1280.png`, fullPage: true });
    await lead.setViewportSize({ width: 390, height: 844 });
    expect(await noOverflow(lead)).toBe(true);
    await lead.screenshot({ path: `${SHOTS}/implementation-lead-390.png`, fullPage: true });
  });
});
