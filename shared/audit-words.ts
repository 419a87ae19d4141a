/**
 * The audit log in words: every action the server records (recordAudit's `entity` and `action`),
 * named in Vietnamese, and its details as labelled fields. One map; test/unit/audit-words.test.ts
 * reads the actions out of the server's code and fails on one without words here.
 */
import { formatDate, formatMoney, formatNumber, formatTime } from './format.ts';

/** Words of an action on a given kind of record, where the action alone would be vague ("Tạo"). */
const BY_ENTITY: Record<string, string> = {
  'session.sign_in': 'Đăng nhập',
  'user.create': 'Tạo tài khoản', 'user.update': 'Sửa tài khoản', 'user.change_password': 'Đổi mật khẩu',
  'user.set_locale': 'Đổi ngôn ngữ', 'user.reminder_settings': 'Đổi cài đặt nhắc việc', 'user.notifications_read': 'Đánh dấu đã đọc thông báo',
  'agency.create': 'Thêm cơ quan', 'agency.update': 'Sửa cơ quan', 'agency.retire': 'Ngừng hoạt động cơ quan',
  'agreement.create': 'Tạo dự thảo quy chế', 'agreement.update': 'Sửa thông tin quy chế', 'agreement.transition': 'Chuyển giai đoạn quy chế',
  'agreement.import': 'Nhập quy chế từ tệp Word',
  'case.create': 'Thêm vụ việc', 'case.update': 'Sửa vụ việc', 'case.status': 'Ghi nhận bước thi hành', 'case.step_correct': 'Sửa bước thi hành',
  'case.import': 'Nhập vụ việc từ CSV',
  'meeting.create': 'Lên lịch cuộc họp', 'meeting.update': 'Sửa cuộc họp', 'meeting.cancel': 'Hủy cuộc họp',
  'action_item.create': 'Giao việc', 'action_item.update': 'Sửa việc', 'action_item.transition': 'Chuyển trạng thái công việc',
  'action_item.report': 'Báo cáo kết quả công việc',
  'calendar_token.create': 'Tạo đường dẫn lịch cá nhân', 'calendar_token.revoke': 'Thu hồi đường dẫn lịch cá nhân',
  'calendar_token.renew': 'Cấp lại đường dẫn lịch cá nhân',
  'statistics_target.set': 'Đặt chỉ tiêu thống kê', 'statistics_report.freeze': 'Chốt số liệu thống kê',
};

/** Words of an action whatever the record. */
const BY_ACTION: Record<string, string> = {
  sign_in: 'Đăng nhập', create: 'Tạo mới', update: 'Sửa', transition: 'Chuyển trạng thái', status: 'Ghi nhận bước thi hành',
  step_correct: 'Sửa bước thi hành', suggest: 'Đề xuất sửa văn bản', sign: 'Ký văn bản', set_locale: 'Đổi ngôn ngữ', set: 'Đặt giá trị',
  save_version: 'Lưu phiên bản văn bản', restore_version: 'Khôi phục phiên bản văn bản', revoke: 'Thu hồi', review: 'Ghi nhận sơ kết, tổng kết',
  retire: 'Ngừng hoạt động', report: 'Báo cáo kết quả', reply: 'Trả lời góp ý', renew: 'Cấp lại', reminder_settings: 'Đổi cài đặt nhắc việc',
  release: 'Chuyển đề xuất cho các bên', opinion: 'Gửi ý kiến về dự thảo', notifications_read: 'Đánh dấu đã đọc thông báo', import: 'Nhập dữ liệu',
  held_times: 'Ghi giờ họp thực tế', freeze: 'Chốt số liệu', edit_conclusion: 'Sửa kết luận', disseminate: 'Quán triệt quy chế',
  correct_minutes: 'Đính chính biên bản', conclude: 'Ghi kết luận', comment: 'Bình luận văn bản', change_password: 'Đổi mật khẩu',
  cancel: 'Hủy', attendance: 'Ghi điểm danh', approve_minutes: 'Duyệt biên bản', answer: 'Trả lời giấy mời',
  acknowledge_dissemination: 'Xác nhận đã quán triệt', confirm_minutes: 'Xác nhận dự thảo biên bản', remark_minutes: 'Góp ý dự thảo biên bản',
  resolve_comment: 'Đóng thảo luận', reopen_comment: 'Mở lại thảo luận', accept_suggestion: 'Chấp nhận đề xuất sửa', reject_suggestion: 'Không chấp nhận đề xuất sửa',
  'attachment.upload': 'Tải tệp đính kèm lên', seed: 'Tạo dữ liệu mẫu',
};

/** What kind of record, in words. */
export const AUDIT_ENTITY_WORDS: Record<string, string> = {
  session: 'Phiên đăng nhập', user: 'Tài khoản', agency: 'Cơ quan', agreement: 'Quy chế phối hợp', case: 'Vụ việc', meeting: 'Cuộc họp',
  action_item: 'Công việc', calendar_token: 'Lịch cá nhân', statistics_target: 'Chỉ tiêu thống kê', statistics_report: 'Số liệu chốt', workspace: 'Hệ thống',
};

/** The action in words, or undefined when none is known (the test fails on those). */
export function auditActionWords(entity: string | null, action: string): string | undefined {
  return (entity && BY_ENTITY[`${entity}.${action}`]) || BY_ACTION[action];
}

/** The action in words for the page: the words, else the raw name (never blank). */
export function auditActionLabel(entity: string, action: string): string {
  return auditActionWords(entity, action) ?? action;
}

/** Labels of the detail fields the code records. */
const FIELD_WORDS: Record<string, string> = {
  judgmentNumber: 'Số bản án', status: 'Trạng thái', onDate: 'Ngày', money: 'Số tiền', agencyIds: 'Cơ quan', stepId: 'Bước',
  before: 'Trước', after: 'Sau', reason: 'Lý do', count: 'Số lượng', title: 'Tiêu đề', docNumber: 'Số văn bản', parties: 'Các bên',
  from: 'Từ', to: 'Thành', roles: 'Vai trò', disabled: 'Khóa tài khoản', agencyId: 'Cơ quan', answer: 'Trả lời', delegateName: 'Người dự thay',
  delegateUserId: 'Người dự thay (mã)', length: 'Độ dài', number: 'Số', unconfirmed: 'Cơ quan chưa xác nhận', version: 'Phiên bản',
  textChanged: 'Đổi nội dung', conclusions: 'Kết luận', conclusionId: 'Kết luận (mã)', heldFrom: 'Bắt đầu', heldUntil: 'Kết thúc',
  heldOn: 'Ngày quán triệt', form: 'Hình thức', units: 'Số đơn vị', reminderDays: 'Nhắc trước (ngày)', meetingReminderHours: 'Nhắc họp trước (giờ)',
  name: 'Tên', size: 'Dung lượng', sha256: 'Mã băm', contentType: 'Loại tệp', attachmentId: 'Tệp (mã)', kind: 'Loại', reviewId: 'Báo cáo (mã)',
  reviewDate: 'Ngày báo cáo', casesRate: 'Chỉ tiêu về việc (%)', moneyRate: 'Chỉ tiêu về tiền (%)', locale: 'Ngôn ngữ', note: 'Ghi chú',
  amount: 'Số tiền', email: 'Email', remark: 'Góp ý', threadId: 'Thảo luận (mã)', suggestionId: 'Đề xuất (mã)', text: 'Nội dung',
};

export function auditFieldLabel(key: string): string {
  return FIELD_WORDS[key] ?? key;
}

/** A detail value as a person reads it: dates dd/mm/yyyy, money with dots, lists joined, yes/no. */
export function auditValue(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (typeof value === 'number') return /amount|money/i.test(key) ? formatMoney(value) : formatNumber(value);
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
    if (/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(value)) return auditTime(value);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => auditValue(key, v)).join(', ') || '—';
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('kind' in record && 'amount' in record) return `${formatMoney(Number(record.amount))}`;
    return Object.entries(record).map(([k, v]) => `${auditFieldLabel(k)}: ${auditValue(k, v)}`).join('; ');
  }
  return String(value);
}

/** The details of an entry as labelled fields. */
export function auditFields(summary: Record<string, unknown>): { label: string; value: string }[] {
  return Object.entries(summary).map(([key, value]) => ({ label: auditFieldLabel(key), value: auditValue(key, value) }));
}

/** An instant as dd/mm/yyyy HH:mm in Viet Nam. */
export function auditTime(iso: string): string {
  return `${formatDate(iso)} ${formatTime(iso)}`;
}
