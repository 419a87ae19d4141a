/**
 * A review of an agreement as a "Báo cáo sơ kết" / "Báo cáo tổng kết" in the Nghị định 30 layout:
 * the lead agency's header, the title with the period, the figures computed from Concord's own
 * records for the review's period (reviews.ts reviewFigures: meetings, coercions with their
 * agencies, judgments received, miễn/giảm, duties per party, the rates at the start and the end),
 * then the report text as saved with the review, and the lead agency's signature block.
 */
import type { Sql } from '../db/client.ts';
import { getAgency } from '../domain/agency/index.ts';
import type { AgreementSummary } from '../domain/agreement/index.ts';
import { reviewFigures, type ReviewRow } from '../domain/agreement/reviews.ts';
import { formatDate, formatMoney, placeOf } from '../../shared/format.ts';
import { centered, documentHeader, documentLayout, para, paragraph, renderDocx, run, signatureTable, type DocumentLayout, type LaidBlock } from './docx-layout.ts';

const KIND = { preliminary: 'SƠ KẾT', final: 'TỔNG KẾT' } as const;
const rate = (value: number | null) => (value === null ? '—' : `${String(value).replace('.', ',')} %`);

/** Headings of the saved report (I., II., … in capitals) in bold, the rest as body paragraphs. */
function reportBlocks(text: string): LaidBlock[] {
  return text.split('\n').map((line) => line.trimEnd()).filter((line) => line.trim() !== '').map((line) =>
    /^[IVX]+\.\s/.test(line) || line === line.toUpperCase() && /\p{L}/u.test(line)
      ? para([run(line, { bold: true })], { indent: { firstLineMm: 0 } })
      : para([line]));
}

export async function reviewLayout(sql: Sql, agreement: AgreementSummary, review: ReviewRow): Promise<DocumentLayout> {
  const [figures, lead] = await Promise.all([reviewFigures(sql, agreement, review.from, review.to), getAgency(sql, agreement.leadAgencyId)]);
  if (!lead) throw new Error('lead agency missing');
  const parent = lead.parentId ? await getAgency(sql, lead.parentId) : undefined;
  const heading = (text: string) => para([run(text, { bold: true })], { indent: { firstLineMm: 0 } });
  const line = (text: string) => para([text]);
  const byAgency = figures.coercions.byAgency.map((a) => `${a.shortName}: ${a.count} cuộc`).join('; ');
  const blocks: LaidBlock[] = [
    ...documentHeader({ parentAgency: parent?.nameVi, issuingAgency: lead.nameVi, number: 'Số: …/BC-…', place: placeOf(lead.nameVi), date: review.reviewDate }),
    centered([run('BÁO CÁO', { bold: true })]),
    centered([run(`${KIND[review.kind]} THỰC HIỆN ${agreement.title.toUpperCase()}`, { bold: true })]),
    centered([run(`(Từ ngày ${formatDate(review.from)} đến ngày ${formatDate(review.to)})`, { italics: true })], 12),
    heading('I. KẾT QUẢ PHỐI HỢP THEO SỐ LIỆU CỦA HỆ THỐNG'),
    line(`Số liệu của ${figures.unit.kind === 'agency' ? `${figures.unit.name} và các đơn vị trực thuộc` : 'toàn bộ sổ vụ việc'}, tính từ hồ sơ trên hệ thống Concord.`),
    line(`1. Họp liên ngành: tổ chức ${figures.meetings.held} cuộc họp liên ngành, xem xét, cho ý kiến chỉ đạo ${figures.meetings.casesConsidered} vụ việc.`),
    line(`2. Cưỡng chế thi hành án: tổ chức ${figures.coercions.count} cuộc cưỡng chế (${figures.coercions.cases} vụ việc)${byAgency ? `, có sự tham gia của: ${byAgency}` : ''}.`),
    line(`3. Tiếp nhận bản án, quyết định: thụ lý ${figures.judgmentsReceived} bản án, quyết định.`),
    line(`4. Miễn, giảm nghĩa vụ thi hành án: ${figures.exemptions.cases} việc với số tiền ${formatMoney(figures.exemptions.amount)}; đình chỉ thi hành án: ${figures.terminations.cases} việc, ${formatMoney(figures.terminations.amount)}.`),
    line(`5. Tỷ lệ thi hành xong (có điều kiện thi hành): đầu kỳ (năm thống kê ${formatDate(figures.rates.start.from)} – ${formatDate(figures.rates.start.to)}) về việc ${rate(figures.rates.start.cases)}, về tiền ${rate(figures.rates.start.money)}; cuối kỳ (${formatDate(figures.rates.end.from)} – ${formatDate(figures.rates.end.to)}) về việc ${rate(figures.rates.end.cases)}, về tiền ${rate(figures.rates.end.money)}.`),
    line('6. Thực hiện nhiệm vụ theo Quy chế (nhiệm vụ có hạn trong kỳ):'),
    ...figures.duties.map((d) => line(`- ${d.shortName}: hoàn thành đúng hạn ${d.onTime}, hoàn thành quá hạn ${d.late}, chưa hoàn thành ${d.open}.`)),
    heading('II. NỘI DUNG BÁO CÁO'),
    ...reportBlocks(review.report),
    paragraph([], { spacing: { afterPt: 12 } }),
    signatureTable([{ title: lead.nameVi, subtitle: '(Ký, ghi rõ họ tên, đóng dấu)', name: '' }]),
  ];
  return documentLayout(`Báo cáo ${KIND[review.kind].toLowerCase()} - ${agreement.title}`, blocks);
}

export async function reviewDocx(sql: Sql, agreement: AgreementSummary, review: ReviewRow): Promise<Buffer> {
  return renderDocx(await reviewLayout(sql, agreement, review));
}
