/** Messages the server sends to a person (tRPC errors, HTTP answers), in both locales. */
import type { ActionItemStatus, CaseStatus, Locale } from './domain.ts';

export const messages = {
  unauthorized: { vi: 'Vui lòng đăng nhập.', en: 'Please sign in.' },
  forbidden: { vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' },
  notFound: { vi: 'Không tìm thấy.', en: 'Not found.' },
  badCredentials: { vi: 'Email hoặc mật khẩu không đúng.', en: 'Wrong email or password.' },
  rateLimited: { vi: 'Quá nhiều lần thử. Vui lòng thử lại sau {seconds} giây.', en: 'Too many attempts. Try again in {seconds} seconds.' },
  foreignOrigin: { vi: 'Yêu cầu từ nguồn khác bị từ chối.', en: 'Request from another origin refused.' },
  bodyTooLarge: { vi: 'Nội dung gửi lên quá lớn (tối đa {limit}).', en: 'The request is too large (at most {limit}).' },
  internalError: { vi: 'Máy chủ gặp lỗi ngoài dự kiến. Hãy thử lại; nếu vẫn lỗi, báo quản trị viên mã {requestId}.', en: 'The server failed unexpectedly. Try again; if it fails again, give the administrator the code {requestId}.' },
  controlCharacters: { vi: 'Văn bản có ký tự điều khiển không hợp lệ (ví dụ ký tự NUL). Hãy xóa rồi gửi lại.', en: 'The text holds control characters that are not allowed (such as NUL). Remove them and send again.' },
  attachmentTargetInvalid: { vi: 'Tệp đính kèm phải gắn với một thỏa thuận, cuộc họp, công việc hoặc vụ việc (ví dụ “meeting:<mã>”).', en: 'An attachment must belong to an agreement, a meeting, an action item or a case (such as “meeting:<id>”).' },
  attachmentMissingFile: { vi: 'Chưa chọn tệp để tải lên.', en: 'No file was chosen to upload.' },
  attachmentEmpty: { vi: 'Tệp trống, không có nội dung để lưu.', en: 'The file is empty.' },
  attachmentTooLarge: { vi: 'Tệp quá lớn (tối đa 20 MB).', en: 'The file is too large (at most 20 MB).' },
  attachmentTypeRefused: { vi: 'Loại tệp này không được chấp nhận. Chỉ nhận PDF, Word, Excel, PowerPoint, ODT, ảnh PNG, JPEG, TIFF hoặc văn bản thuần (UTF-8).', en: 'This type of file is not accepted. Only PDF, Word, Excel, PowerPoint, ODT, PNG, JPEG or TIFF images, or plain UTF-8 text.' },
  invalidInput: { vi: 'Dữ liệu không hợp lệ.', en: 'Invalid input.' },
  wrongCurrentPassword: { vi: 'Mật khẩu hiện tại không đúng.', en: 'The current password is wrong.' },
  emailTaken: { vi: 'Email này đã được dùng cho tài khoản khác.', en: 'This email is already used by another account.' },
  unknownAgency: { vi: 'Cơ quan không tồn tại.', en: 'Unknown agency.' },
  agencyRetired: { vi: 'Cơ quan đã ngừng hoạt động (đã sáp nhập hoặc đổi tên).', en: 'This agency no longer exists (merged or renamed).' },
  agencyCycle: { vi: 'Cơ quan cấp trên không thể là chính nó hoặc cơ quan cấp dưới của nó.', en: 'An agency cannot be its own parent or a parent of its parent.' },
  successorSelf: { vi: 'Cơ quan kế thừa phải là cơ quan khác.', en: 'The successor must be another agency.' },
  lastAdmin: { vi: 'Không thể bỏ quyền quản trị của quản trị viên cuối cùng.', en: 'The last administrator cannot lose the admin role.' },
  duplicateJudgment: { vi: 'Bản án, quyết định số {number} đã có trong sổ vụ việc.', en: 'Judgment {number} is already in the register.' },
  statusBeforeAcceptance: { vi: 'Ngày của bước thi hành không thể trước ngày thụ lý.', en: 'A status cannot be dated before the case was accepted.' },
  statusInFuture: { vi: 'Ngày của bước thi hành không thể ở tương lai.', en: 'A status cannot be dated in the future.' },
  heldMeetingInFuture: { vi: 'Cuộc họp ghi nhận sau phải đã kết thúc: thời gian kết thúc không thể ở tương lai.', en: 'A meeting entered after the fact must be over: its end cannot be in the future.' },
  meetingInPast: { vi: 'Không thể lên lịch cuộc họp trong quá khứ. Nếu cuộc họp đã diễn ra, hãy chọn “Cuộc họp đã diễn ra”.', en: 'A meeting cannot be scheduled in the past.' },
  meetingTooLong: { vi: 'Một cuộc họp không thể kéo dài quá 24 giờ.', en: 'A meeting cannot last more than 24 hours.' },
  unknownCase: { vi: 'Vụ việc không tồn tại hoặc bạn không được xem.', en: 'Unknown case, or one you may not see.' },
  inviteeNotInvitedAgency: { vi: 'Người được mời phải thuộc một cơ quan được mời.', en: 'Invited people must belong to an invited agency.' },
  unknownUser: { vi: 'Người dùng không tồn tại.', en: 'Unknown user.' },
  minutesBeforeMeeting: { vi: 'Chưa thể duyệt biên bản: cuộc họp bắt đầu lúc {time}. Biên bản được duyệt khi cuộc họp đã diễn ra.', en: 'The minutes cannot be approved yet: the meeting starts at {time}. Minutes are approved once the meeting has taken place.' },
  completedWithMoneyDue: { vi: 'Vụ việc còn {amount} phải thi hành. Hãy ghi nhận đình chỉ, giảm hoặc chuyển kỳ sau; hoặc đánh dấu xác nhận và ghi lý do để ghi "Thi hành xong".', en: '{amount} is still due on this case. Record a termination, a reduction or a carry-over; or tick the confirmation and give the reason to record it as completed.' },
  stepOutOfOrder: { vi: 'Bước "{step}" không thể đứng trước hoặc sau bước "{other}" ngày {date} theo trình tự thi hành án. Hãy kiểm tra lại ngày hoặc bước.', en: 'The step "{step}" cannot come on either side of "{other}" of {date} in the order of enforcement. Check the date or the step.' },
  meetingChanged: { vi: 'Cuộc họp vừa được người khác thay đổi. Hãy tải lại để xem bản mới nhất rồi sửa tiếp.', en: 'Someone else just changed this meeting. Reload it to see the latest, then edit again.' },
  meetingCancelled: { vi: 'Cuộc họp đã bị hủy.', en: 'The meeting was cancelled.' },
  minutesApproved: { vi: 'Biên bản đã được duyệt và không thể sửa.', en: 'The minutes are approved and cannot change.' },
  notInvited: { vi: 'Bạn không có trong danh sách được mời.', en: 'You are not on the invitation list.' },
  agencyNotAtMeeting: { vi: 'Chỉ giao việc cho cơ quan chủ trì hoặc được mời dự họp.', en: 'Work can only be assigned to the chair agency or an invited agency.' },
  dueBeforeMeeting: { vi: 'Hạn hoàn thành không thể trước ngày họp.', en: 'The due date cannot be before the meeting.' },
  unknownAgendaItem: { vi: 'Mục nghị sự không thuộc cuộc họp này.', en: 'The agenda item is not part of this meeting.' },
  minutesNotApproved: { vi: 'Biên bản chưa được duyệt.', en: 'The minutes are not approved yet.' },
  dutyTextRemoved: { vi: 'Đoạn văn bản quy định nhiệm vụ vừa bị xóa. Hãy chọn lại đoạn văn bản.', en: 'The text that sets this duty was just deleted. Select the text again.' },
  commentedTextRemoved: { vi: 'Đoạn văn bản được góp ý vừa bị xóa. Hãy chọn lại đoạn văn bản.', en: 'The text you commented on was just deleted. Select the text again.' },
  versionNameTaken: { vi: 'Đã có phiên bản tên "{name}". Hãy đặt tên khác.', en: 'A version named "{name}" already exists. Choose another name.' },
  collabUnavailable: { vi: 'Máy chủ cộng tác chưa sẵn sàng.', en: 'The collaboration server is not available.' },
  dueDateRequired: { vi: 'Cần hạn hoàn thành hoặc lịch định kỳ.', en: 'A due date or a recurrence is required.' },
  dueBeforeAssignment: { vi: 'Hạn hoàn thành không thể trước ngày giao việc.', en: 'The due date cannot be before the assignment date.' },
  assigneeNotInAgency: { vi: 'Người được giao phải thuộc cơ quan được giao việc.', en: 'The person must belong to the assigned agency.' },
  transitionNotAllowed: { vi: 'Không thể chuyển trạng thái từ "{from}" sang "{to}".', en: 'The status cannot change from "{from}" to "{to}".' },
  reasonRequired: { vi: 'Cần ghi lý do (vào ô ghi chú) khi yêu cầu làm lại.', en: 'Give the reason (in the note) to send work back.' },
  itemCancelled: { vi: 'Việc này đã bị hủy, không thể báo cáo.', en: 'This item was cancelled; it takes no reports.' },
  itemAccepted: { vi: 'Việc này đã được nghiệm thu.', en: 'This item was already accepted.' },
  agencyNotParty: { vi: 'Chỉ giao việc cho cơ quan là một bên của thỏa thuận.', en: 'Work can only be assigned to a party of the agreement.' },
  leadNotParty: { vi: 'Cơ quan chủ trì phải là một bên của thỏa thuận.', en: 'The lead agency must be a party.' },
  targetOutOfRange: { vi: 'Chỉ tiêu phải từ 0 đến 100 %.', en: 'A target must be between 0 and 100 %.' },
  periodMissing: { vi: 'Cần kỳ thống kê: from và to dạng YYYY-MM-DD.', en: 'A period is required: from and to as YYYY-MM-DD.' },
  periodNotADate: { vi: 'Ngày của kỳ thống kê không hợp lệ (YYYY-MM-DD).', en: 'A date of the period is not a valid YYYY-MM-DD date.' },
  periodInverted: { vi: 'Ngày bắt đầu của kỳ thống kê phải không sau ngày kết thúc.', en: 'The period starts after it ends.' },
  periodTooLong: { vi: 'Kỳ thống kê quá dài (tối đa 10 năm).', en: 'The period is too long (at most 10 years).' },
  searchTooLong: { vi: 'Từ khóa tìm kiếm quá dài.', en: 'The search text is too long.' },
  agreementStepNotAllowed: { vi: 'Không thể chuyển thỏa thuận từ "{from}" sang "{to}".', en: 'The agreement cannot go from "{from}" to "{to}".' },
  agreementNotInConsultation: { vi: 'Thỏa thuận không ở giai đoạn lấy ý kiến.', en: 'The agreement is not in consultation.' },
  consultationDeadlinePassed: { vi: 'Đã hết hạn góp ý ({deadline}).', en: 'The consultation deadline has passed ({deadline}).' },
  deadlineRequired: { vi: 'Cần hạn góp ý (không trước hôm nay).', en: 'A consultation deadline (not before today) is required.' },
  unknownArticle: { vi: 'Điều này không có trong văn bản.', en: 'This article is not in the text.' },
  suggestionOneParagraph: { vi: 'Đề xuất sửa đổi phải nằm trong một đoạn văn bản.', en: 'A suggested change must stay within one paragraph.' },
  suggestedTextRemoved: { vi: 'Đoạn văn bản được đề xuất sửa đã thay đổi hoặc bị xóa.', en: 'The text of this suggestion changed or was deleted.' },
  suggestionDecided: { vi: 'Đề xuất này đã được xử lý.', en: 'This suggestion was already decided.' },
  suggestionNotReleased: { vi: 'Đề xuất chưa được cơ quan đề xuất chuyển cho các bên.', en: 'The proposing agency has not released this suggestion yet.' },
  notInSigning: { vi: 'Thỏa thuận không ở giai đoạn ký kết.', en: 'The agreement is not open for signature.' },
  signOwnAgencyOnly: { vi: 'Chỉ người có thẩm quyền ký của cơ quan mới được ký cho cơ quan đó.', en: 'Only a signatory of an agency may sign for it.' },
  signedTextChanged: { vi: 'Văn bản đã thay đổi so với bản trình ký (mã băm không khớp). Hãy tải lại văn bản trước khi ký.', en: 'The text differs from the one put to signature (hash mismatch). Reload it before signing.' },
  alreadySigned: { vi: 'Cơ quan đã ký văn bản này.', en: 'Your agency has already signed this text.' },
  notEverySigned: { vi: 'Chưa đủ chữ ký của các bên.', en: 'Not every party has signed yet.' },
  notYetEffective: { vi: 'Chưa đến ngày có hiệu lực ({date}).', en: 'The effective date ({date}) has not come yet.' },
  effectiveDateRequired: { vi: 'Cần ngày có hiệu lực.', en: 'An effective date is required.' },
  notSigned: { vi: 'Thỏa thuận chưa được đưa ra ký.', en: 'The agreement has not been put to signature.' },
  stateChanged: { vi: 'Trạng thái vừa được người khác thay đổi: hiện là "{current}". Hãy xem lại rồi thao tác tiếp.', en: 'Someone else just changed the status: it is now "{current}". Review it, then try again.' },
  everyoneSigned: { vi: 'Mọi bên đã ký: văn bản đã ký không thể mở lại, chỉ có thể sửa đổi, bổ sung sau khi có hiệu lực.', en: 'Every party has signed: the signed text cannot be reopened, only amended once in force.' },
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof messages;

/** An action item's status inside a message, named as the pages name it. */
export const ACTION_ITEM_STATUS_NAMES: Record<Locale, Record<ActionItemStatus, string>> = {
  vi: { open: 'Chưa thực hiện', in_progress: 'Đang thực hiện', reported_done: 'Đã báo cáo xong', accepted: 'Đã nghiệm thu', reopened: 'Mở lại', cancelled: 'Đã hủy' },
  en: { open: 'Open', in_progress: 'In progress', reported_done: 'Reported done', accepted: 'Accepted', reopened: 'Reopened', cancelled: 'Cancelled' },
};

/** A case's enforcement status inside a message. */
export const CASE_STATUS_NAMES: Record<Locale, Record<CaseStatus, string>> = {
  vi: {
    accepted: 'Thụ lý', decision_issued: 'Ra quyết định thi hành án', verification: 'Xác minh', seizure: 'Kê biên', coercion: 'Cưỡng chế',
    auction: 'Bán đấu giá', completed: 'Thi hành xong', terminated: 'Đình chỉ', postponed: 'Hoãn',
  },
  en: {
    accepted: 'Accepted', decision_issued: 'Enforcement decision issued', verification: 'Verification', seizure: 'Seizure', coercion: 'Coercion',
    auction: 'Auction', completed: 'Completed', terminated: 'Terminated', postponed: 'Postponed',
  },
};

export function message(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  return messages[key][locale].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}
