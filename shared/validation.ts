/**
 * A refused input in words a person reads: each zod issue as "<field>: <what is wrong>", in the
 * person's language, the same on the server (tRPC errors) and in the web forms.
 */
import type { Locale } from './domain.ts';
import { formatNumber } from './format.ts';

export interface Issue {
  code: string; path: readonly PropertyKey[]; message: string;
  origin?: string; minimum?: number | bigint; maximum?: number | bigint; format?: string; expected?: string;
}

const FIELDS: Record<Locale, Record<string, string>> = {
  vi: {
    title: 'Tên', docNumber: 'Số, ký hiệu', partyAgencyIds: 'Các bên', agencyId: 'Cơ quan', agreementId: 'Thỏa thuận', meetingId: 'Cuộc họp',
    caseId: 'Vụ việc', startsAt: 'Thời gian bắt đầu', endsAt: 'Thời gian kết thúc', place: 'Địa điểm', onlineUrl: 'Đường dẫn họp trực tuyến',
    invitedAgencyIds: 'Cơ quan được mời', inviteeUserIds: 'Người được mời', secretaryUserId: 'Thư ký', agenda: 'Nội dung họp',
    judgmentNumber: 'Số bản án, quyết định', judgmentDate: 'Ngày bản án', courtName: 'Tòa án', caseType: 'Loại việc', creditor: 'Người được thi hành án',
    debtor: 'Người phải thi hành án', amountDue: 'Số tiền phải thi hành', amountCollected: 'Số tiền đã thu', classification: 'Phân loại',
    acceptedOn: 'Ngày thụ lý', officerName: 'Chấp hành viên', summary: 'Tóm tắt', involvedAgencyIds: 'Cơ quan liên quan', onDate: 'Ngày',
    status: 'Trạng thái', note: 'Ghi chú', reason: 'Lý do', deadline: 'Hạn góp ý', effectiveDate: 'Ngày có hiệu lực', dueDate: 'Hạn hoàn thành',
    description: 'Mô tả', body: 'Nội dung', text: 'Nội dung', email: 'Email', password: 'Mật khẩu', currentPassword: 'Mật khẩu hiện tại',
    newPassword: 'Mật khẩu mới', name: 'Họ tên', nameVi: 'Tên tiếng Việt', nameEn: 'Tên tiếng Anh', shortName: 'Tên viết tắt', roles: 'Vai trò',
    replacement: 'Nội dung đề xuất', comment: 'Ý kiến', stance: 'Ý kiến', report: 'Báo cáo', reviewDate: 'Ngày sơ kết, tổng kết',
    from: 'Từ ngày', to: 'Đến ngày', delegateName: 'Người dự thay', delegateUserId: 'Người dự thay', remark: 'Góp ý',
    heldFrom: 'Bắt đầu lúc', heldUntil: 'Kết thúc lúc', minutes: 'Biên bản', conclusions: 'Kết luận', link: 'Đường dẫn', assignments: 'Việc được giao', csv: 'Tệp',
  },
  en: {},
};

const bound = (value: number | bigint | undefined) => formatNumber(value ?? 0);

function problemVi(issue: Issue): string {
  switch (issue.code) {
    case 'too_small':
      if (!/^Too small/.test(issue.message)) return issue.message;
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'không được để trống' : `cần ít nhất ${bound(issue.minimum)} ký tự`;
      if (issue.origin === 'array' || issue.origin === 'set') return Number(issue.minimum) <= 1 ? 'cần chọn ít nhất một' : `cần chọn ít nhất ${bound(issue.minimum)}`;
      return `không được nhỏ hơn ${bound(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'string') return `dài quá ${bound(issue.maximum)} ký tự`;
      if (issue.origin === 'array' || issue.origin === 'set') return `nhiều quá ${bound(issue.maximum)} mục`;
      return `không được lớn hơn ${bound(issue.maximum)}`;
    case 'invalid_type':
      if (!/^Invalid input/.test(issue.message)) return issue.message;
      return /received undefined/.test(issue.message) ? 'bắt buộc' : 'không đúng kiểu dữ liệu';
    case 'invalid_format':
      if (issue.format === 'regex' && !/^Invalid/.test(issue.message)) return issue.message;
      if (issue.format === 'datetime' && !/^Invalid/.test(issue.message)) return issue.message;
      if (issue.format === 'email') return 'không phải địa chỉ email hợp lệ';
      if (issue.format === 'date') return 'không phải ngày hợp lệ (dd/mm/yyyy)';
      if (issue.format === 'datetime') return 'không phải ngày giờ hợp lệ';
      if (issue.format === 'url') return 'không phải đường dẫn hợp lệ';
      return 'không đúng định dạng';
    case 'invalid_value':
      return 'không phải một lựa chọn hợp lệ';
    case 'not_multiple_of':
      return 'phải là số nguyên';
    case 'unrecognized_keys':
      return 'có trường không được phép';
    default:
      return issue.message;
  }
}

/** One issue: the field's name, then what is wrong with it. */
export function issueText(locale: Locale, issue: Issue): string {
  const key = String(issue.path.at(-1) ?? '');
  if (locale === 'en') return `${issue.path.map(String).join('.') || '(input)'}: ${issue.message}`;
  const field = FIELDS.vi[key] ?? (typeof issue.path.at(-1) === 'number' ? `${FIELDS.vi[String(issue.path.at(-2))] ?? 'Mục'} ${Number(issue.path.at(-1)) + 1}` : key);
  return field ? `${field}: ${problemVi(issue)}` : problemVi(issue);
}

export function issuesText(locale: Locale, issues: readonly Issue[]): string {
  return issues.map((issue) => issueText(locale, issue)).join('; ');
}

/** What a browser says of an invalid form control, in Vietnamese (instead of its own language). */
export function controlMessageVi(validity: ValidityStateLike): string {
  if (validity.valueMissing) return 'Vui lòng điền mục này.';
  if (validity.typeMismatch) return 'Giá trị không đúng định dạng.';
  if (validity.patternMismatch) return 'Giá trị không đúng mẫu yêu cầu.';
  if (validity.tooLong) return 'Nội dung quá dài.';
  if (validity.tooShort) return 'Nội dung quá ngắn.';
  if (validity.rangeUnderflow) return 'Giá trị nhỏ hơn mức cho phép.';
  if (validity.rangeOverflow) return 'Giá trị lớn hơn mức cho phép.';
  if (validity.stepMismatch) return 'Giá trị không hợp lệ.';
  if (validity.badInput) return 'Giá trị không hợp lệ.';
  return 'Giá trị không hợp lệ.';
}

export interface ValidityStateLike {
  valueMissing: boolean; typeMismatch: boolean; patternMismatch: boolean; tooLong: boolean; tooShort: boolean;
  rangeUnderflow: boolean; rangeOverflow: boolean; stepMismatch: boolean; badInput: boolean;
}
