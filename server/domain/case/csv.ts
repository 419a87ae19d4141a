/**
 * Reads a case register exported from Excel (CSV, comma or semicolon, Vietnamese headers with or
 * without diacritics) into case inputs, or a list of errors naming each bad row and field.
 */
import type { z } from 'zod';
import { caseInput } from '../../../shared/schemas.ts';
import { foldVietnamese } from '../../../shared/text.ts';
import { issueText } from '../../../shared/validation.ts';
import { formatNumber } from '../../../shared/format.ts';
import type { CaseStatus, CaseType } from '../../../shared/domain.ts';

export interface RowError { row: number; field: string; message: string }
type CaseInput = z.infer<typeof caseInput>;

const HEADERS: Record<string, keyof CaseInput | 'status'> = {
  'so ban an': 'judgmentNumber', 'so ban an, quyet dinh': 'judgmentNumber', 'ban an': 'judgmentNumber',
  'ngay ban an': 'judgmentDate', 'toa an': 'courtName', 'loai viec': 'caseType',
  'nguoi duoc thi hanh an': 'creditor', 'nguoi phai thi hanh an': 'debtor',
  'so tien phai thi hanh': 'amountDue', 'so tien da thu': 'amountCollected', 'phan loai': 'classification',
  'ngay thu ly': 'acceptedOn', 'trang thai': 'status', 'chap hanh vien': 'officerName',
  'tai san tranh chap': 'disputedAssets', 'diem nong': 'hotSpot', 'ban an khong ro': 'judgmentUnclear',
  'tom tat': 'summary', 'ghi chu': 'summary',
};
const REQUIRED = ['judgmentNumber', 'judgmentDate', 'courtName', 'caseType', 'debtor', 'amountDue', 'classification', 'acceptedOn'] as const;

const CASE_TYPES: Record<string, CaseType> = {
  'dan su': 'civil', civil: 'civil', 'thu hoi tai san': 'asset_recovery', 'tham nhung, kinh te': 'asset_recovery', asset_recovery: 'asset_recovery',
  'tin dung': 'credit', 'tin dung, ngan hang': 'credit', 'ngan hang': 'credit', credit: 'credit',
  'hanh chinh': 'administrative', administrative: 'administrative', 'dat dai': 'land', land: 'land',
};
const CLASSIFICATIONS: Record<string, CaseInput['classification']> = {
  'co dieu kien': 'enforceable', 'co dieu kien thi hanh': 'enforceable', enforceable: 'enforceable',
  'chua co dieu kien': 'not_yet_enforceable', 'chua co dieu kien thi hanh': 'not_yet_enforceable', not_yet_enforceable: 'not_yet_enforceable',
};
const STATUSES: Record<string, CaseStatus> = {
  'thu ly': 'accepted', 'ra quyet dinh': 'decision_issued', 'ra quyet dinh thi hanh an': 'decision_issued', 'xac minh': 'verification',
  'ke bien': 'seizure', 'cuong che': 'coercion', 'ban dau gia': 'auction', 'thi hanh xong': 'completed', 'dinh chi': 'terminated', hoan: 'postponed',
};

class CellError extends Error {}

function date(value: string): string {
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (vn) return `${vn[3]}-${vn[2].padStart(2, '0')}-${vn[1].padStart(2, '0')}`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  throw new CellError(`"${value}" không phải ngày (dd/mm/yyyy)`);
}

/** "2.500.000.000", "2,500,000,000", "2500000000" or "2.500.000.000 đ": whole đồng only. */
function money(value: string): number {
  const cleaned = value.replace(/\s*(đ|đồng|vnd)$/i, '').replace(/\s/g, '');
  if (!/^\d{1,3}([.,]\d{3})*$|^\d+$/.test(cleaned)) throw new CellError(`"${value}" không phải số đồng nguyên (ví dụ 2.500.000.000)`);
  const amount = Number(cleaned.replace(/[.,]/g, ''));
  if (!Number.isSafeInteger(amount)) throw new CellError(`"${value}" lớn quá mức cho phép`);
  return amount;
}

function flag(value: string): boolean {
  const folded = foldVietnamese(value.trim());
  if (['', '0', 'khong', 'no', 'false'].includes(folded)) return false;
  if (['x', '1', 'co', 'yes', 'true'].includes(folded)) return true;
  throw new CellError(`"${value}" không phải có/không (x, có, không)`);
}

function lookup<T>(table: Record<string, T>, value: string): T {
  const found = table[foldVietnamese(value.trim())];
  // The Vietnamese names only (the English codes the table also accepts are not offered).
  const offered = [...new Set(Object.keys(table).filter((key) => key !== String(table[key])))];
  if (found === undefined) throw new CellError(`"${value}" không thuộc các giá trị: ${offered.join('; ')}`);
  return found;
}

/** csv-parse's errors (English) in Vietnamese, by their code. */
function csvErrorText(error: Error & { code?: string }): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED': return 'không đọc được tệp CSV: có dấu ngoặc kép (") mở mà không đóng';
    case 'CSV_INVALID_CLOSING_QUOTE': return 'không đọc được tệp CSV: có dấu ngoặc kép (") đặt sai chỗ trong một ô';
    case 'CSV_MAX_RECORD_SIZE': return 'không đọc được tệp CSV: một dòng quá dài';
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE': return 'không đọc được tệp CSV: có ký tự sau dấu ngoặc kép đóng của một ô';
    default: return 'không đọc được tệp CSV: hãy lưu lại tệp từ Excel dưới dạng CSV UTF-8 rồi thử lại';
  }
}

/** Rows of one import (a register larger than this is imported in parts). */
export const MAX_IMPORT_ROWS = 5_000;
/** Characters of one row: a row longer than this is not a case register's. */
const MAX_ROW_CHARS = 20_000;
/** The text is fed to the parser in slices, the event loop served between them: one import never holds up other users. */
const SLICE_CHARS = 64 * 1024;

export type ParsedRegister = { rows: (CaseInput & { status: CaseStatus; row: number })[]; errors: RowError[] };

/** The records of a CSV text, read as a stream with a row and a row-size limit. */
async function readRecords(text: string): Promise<string[][] | RowError> {
  const firstLine = text.slice(0, Math.min(text.indexOf('\n') >>> 0, MAX_ROW_CHARS));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const { parse } = await import('csv-parse'); // loaded on the first import, not at start
  const parser = parse({ delimiter, bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, max_record_size: MAX_ROW_CHARS });
  const records: string[][] = [];
  let failure: RowError | null = null;
  parser.on('readable', () => {
    for (let record: string[] | null; (record = parser.read() as string[] | null) !== null;) {
      if (records.length > MAX_IMPORT_ROWS) {
        failure ??= { row: records.length + 1, field: '', message: `quá ${formatNumber(MAX_IMPORT_ROWS)} dòng: hãy chia sổ thành nhiều tệp` };
        return;
      }
      records.push(record);
    }
  });
  parser.on('error', (error) => { failure ??= { row: records.length + 1, field: '', message: csvErrorText(error) }; });
  for (let at = 0; at < text.length && !failure; at += SLICE_CHARS) {
    parser.write(text.slice(at, at + SLICE_CHARS));
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (!failure) await new Promise<void>((resolve) => parser.end(resolve));
  return failure ?? records;
}

export async function parseCaseCsv(text: string): Promise<ParsedRegister> {
  const records = await readRecords(text);
  if (!Array.isArray(records)) return { rows: [], errors: [records] };
  if (records.length === 0) return { rows: [], errors: [{ row: 1, field: '', message: 'tệp trống' }] };

  const header = records[0].map((cell) => HEADERS[foldVietnamese(cell.trim())]);
  const errors: RowError[] = records[0]
    .map((cell, i) => (header[i] === undefined && cell.trim() !== '' ? { row: 1, field: cell, message: 'cột không nhận ra' } : null))
    .filter((e): e is RowError => e !== null);
  for (const field of REQUIRED) if (!header.includes(field)) errors.push({ row: 1, field, message: 'thiếu cột' });
  if (errors.length) return { rows: [], errors };

  const rows: (CaseInput & { status: CaseStatus; row: number })[] = [];
  records.slice(1).forEach((record, index) => {
    const row = index + 2;
    const raw: Record<string, unknown> = {};
    let status: CaseStatus = 'accepted';
    header.forEach((field, i) => {
      const value = record[i] ?? '';
      if (!field) return;
      try {
        if (field === 'judgmentDate' || field === 'acceptedOn') raw[field] = date(value);
        else if (field === 'amountDue' || field === 'amountCollected') raw[field] = value === '' && field === 'amountCollected' ? 0 : money(value);
        else if (field === 'disputedAssets' || field === 'hotSpot' || field === 'judgmentUnclear') raw[field] = flag(value);
        else if (field === 'caseType') raw[field] = lookup(CASE_TYPES, value);
        else if (field === 'classification') raw[field] = lookup(CLASSIFICATIONS, value);
        else if (field === 'status') status = value === '' ? 'accepted' : lookup(STATUSES, value);
        else raw[field] = value;
      } catch (error) {
        if (!(error instanceof CellError)) throw error;
        errors.push({ row, field, message: error.message });
      }
    });
    const parsed = caseInput.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        if (!errors.some((e) => e.row === row && e.field === field)) errors.push({ row, field, message: issueText('vi', { ...issue, path: [] }) });
      }
      return;
    }
    rows.push({ ...parsed.data, status, row });
  });
  return { rows, errors };
}
