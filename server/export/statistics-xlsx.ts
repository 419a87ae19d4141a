/**
 * The statistics of a period as the workbook a unit sends upward (Thông tư 05/2024/TT-BTP):
 * title, period, unit, the figures in cases and in đồng, both rates with their formula, then a
 * sheet listing every case that the figures count.
 */
import ExcelJS from 'exceljs';
import { one, type Sql } from '../db/client.ts';
import { computeContributions } from '../domain/statistics/index.ts';
import { figuresOf, type Period, type Unit } from '../../shared/statistics.ts';
import { formatDate, formatPercent } from '../../shared/format.ts';

const BUCKET_VI: Record<string, string> = {
  completed: 'Thi hành xong', terminated: 'Đình chỉ', postponed: 'Hoãn', in_progress: 'Đang thi hành', not_yet: 'Chưa có điều kiện',
};

export async function unitLabel(sql: Sql, unit: Unit): Promise<string> {
  if (unit.kind === 'all') return 'Toàn bộ sổ thụ lý (tất cả đơn vị)';
  if (unit.kind === 'officer') return `Chấp hành viên ${unit.name}`;
  const agency = await one<{ name_vi: string }>(sql, 'SELECT name_vi FROM agencies WHERE id = ?', [unit.agencyId]);
  return agency ? agency.name_vi : unit.agencyId;
}

export async function statisticsWorkbook(sql: Sql, period: Period, unit: Unit): Promise<Buffer> {
  const contributions = await computeContributions(sql, period, unit);
  const f = figuresOf(contributions);
  const offices = new Map<string, string>();
  const book = new ExcelJS.Workbook();
  book.creator = 'Concord';
  book.created = new Date();

  const sheet = book.addWorksheet('Báo cáo', { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1 } });
  sheet.columns = [{ width: 6 }, { width: 52 }, { width: 16 }, { width: 24 }];
  sheet.mergeCells('A1:D1');
  sheet.getCell('A1').value = 'BÁO CÁO KẾT QUẢ THI HÀNH ÁN DÂN SỰ';
  sheet.getCell('A1').font = { bold: true, size: 14, name: 'Times New Roman' };
  sheet.getCell('A1').alignment = { horizontal: 'center' };
  sheet.mergeCells('A2:D2');
  sheet.getCell('A2').value = `Kỳ báo cáo: từ ngày ${formatDate(period.from)} đến ngày ${formatDate(period.to)}`;
  sheet.getCell('A2').alignment = { horizontal: 'center' };
  sheet.mergeCells('A3:D3');
  sheet.getCell('A3').value = `Đơn vị: ${await unitLabel(sql, unit)}`;
  sheet.getCell('A3').alignment = { horizontal: 'center' };
  sheet.mergeCells('A4:D4');
  sheet.getCell('A4').value = 'Theo Thông tư 05/2024/TT-BTP quy định chế độ báo cáo thống kê thi hành án dân sự';
  sheet.getCell('A4').font = { italic: true };
  sheet.getCell('A4').alignment = { horizontal: 'center' };

  const header = sheet.addRow([]);
  sheet.addRow(['STT', 'Chỉ tiêu', 'Về việc', 'Về tiền (đồng)']);
  header.height = 6;
  const headerRow = sheet.lastRow!;
  headerRow.font = { bold: true };
  headerRow.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };

  const rows: [string, string, number | null, number | null][] = [
    ['1', 'Tổng số thụ lý', f.cases.accepted, f.money.accepted],
    ['1.1', 'Năm trước chuyển sang (cũ chuyển sang)', f.cases.carriedOver, f.money.carriedOver],
    ['1.2', 'Thụ lý mới', f.cases.newlyAccepted, f.money.newlyAccepted],
    ['2', 'Có điều kiện thi hành', f.cases.enforceable, f.money.enforceable],
    ['2.1', 'Thi hành xong (tiền: đã thu được)', f.cases.completed, f.money.collected],
    ['2.2', 'Đình chỉ thi hành (tiền: đình chỉ)', f.cases.terminated, f.money.terminated],
    ['2.3', 'Giảm thi hành án (tiền)', null, f.money.reduced],
    ['2.4', 'Hoãn thi hành án', f.cases.postponed, f.money.postponed],
    ['2.5', 'Đang thi hành', f.cases.inProgress, null],
    ['3', 'Chưa có điều kiện thi hành', f.cases.notYetEnforceable, f.money.notYetEnforceable],
    ['4', 'Chuyển kỳ sau', f.cases.pending, f.money.pending],
  ];
  for (const values of rows) {
    const row = sheet.addRow(values);
    row.getCell(3).numFmt = '#,##0';
    row.getCell(4).numFmt = '#,##0';
    if (!values[0].includes('.')) row.font = { bold: true };
  }
  const rateRow = sheet.addRow(['5', 'Tỷ lệ thi hành xong', f.rates.cases, f.rates.money]);
  rateRow.font = { bold: true };
  rateRow.getCell(3).numFmt = '0.0%';
  rateRow.getCell(4).numFmt = '0.0%';
  sheet.addRow(['', 'Tỷ lệ (viết)', f.rates.cases === null ? '—' : formatPercent(f.rates.cases), f.rates.money === null ? '—' : formatPercent(f.rates.money)]);
  for (let r = headerRow.number; r <= sheet.lastRow!.number; r++) {
    for (let c = 1; c <= 4; c++) sheet.getCell(r, c).border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
  }
  sheet.addRow([]);
  sheet.addRow(['', 'Tỷ lệ về việc = (thi hành xong + đình chỉ) / số việc có điều kiện thi hành']);
  sheet.addRow(['', 'Tỷ lệ về tiền = (số tiền thu được + số tiền đình chỉ, giảm) / số tiền có điều kiện thi hành']);

  const list = book.addWorksheet('Danh sách vụ việc');
  list.columns = [
    { header: 'STT', width: 6 }, { header: 'Bản án, quyết định số', width: 26 }, { header: 'Đơn vị', width: 22 },
    { header: 'Chấp hành viên', width: 22 }, { header: 'Nguồn', width: 14 }, { header: 'Kết quả cuối kỳ', width: 20 },
    { header: 'Tiền phải thi hành đầu kỳ', width: 20 }, { header: 'Đã thu', width: 18 }, { header: 'Đình chỉ', width: 16 }, { header: 'Giảm', width: 16 },
  ];
  list.getRow(1).font = { bold: true };
  for (const [index, c] of contributions.entries()) {
    let office = offices.get(c.officeAgencyId);
    if (office === undefined) {
      office = (await one<{ short_name: string }>(sql, 'SELECT short_name FROM agencies WHERE id = ?', [c.officeAgencyId]))?.short_name ?? c.officeAgencyId;
      offices.set(c.officeAgencyId, office);
    }
    const row = list.addRow([index + 1, c.judgmentNumber, office, c.officerName, c.carried ? 'Cũ chuyển sang' : 'Thụ lý mới',
      BUCKET_VI[c.bucket], c.moneyStart, c.collected, c.terminated, c.reduced]);
    for (const col of [7, 8, 9, 10]) row.getCell(col).numFmt = '#,##0';
  }
  list.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}
