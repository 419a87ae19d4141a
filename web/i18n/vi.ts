/** Vietnamese, the first language of Concord. Every string on screen comes from here or en.ts. */
export const vi = {
  app: { name: 'Concord', tagline: 'Không gian phối hợp liên ngành thi hành án dân sự' },
  nav: {
    dashboard: 'Tổng quan', agreements: 'Thỏa thuận', meetings: 'Cuộc họp', cases: 'Vụ việc', actionItems: 'Việc cần làm',
    statistics: 'Thống kê', agencies: 'Cơ quan', users: 'Người dùng', audit: 'Nhật ký', account: 'Tài khoản', menu: 'Menu',
    administration: 'Quản trị', work: 'Công việc',
  },
  common: {
    save: 'Lưu', cancel: 'Hủy', create: 'Tạo mới', edit: 'Sửa', close: 'Đóng', loading: 'Đang tải…', empty: 'Chưa có dữ liệu.',
    signOut: 'Đăng xuất', language: 'Ngôn ngữ', error: 'Đã có lỗi', retry: 'Thử lại', yes: 'Có', no: 'Không', all: 'Tất cả',
    more: 'Xem thêm', back: 'Quay lại', saved: 'Đã lưu.', required: 'Bắt buộc', open: 'Mở',
  },
  signIn: {
    title: 'Đăng nhập', email: 'Email công vụ', password: 'Mật khẩu', submit: 'Đăng nhập', submitting: 'Đang đăng nhập…',
    failed: 'Email hoặc mật khẩu không đúng.', limited: 'Quá nhiều lần thử. Vui lòng thử lại sau ít phút.',
    intro: 'Soạn thảo quy chế phối hợp, họp liên ngành và theo dõi việc được giao giữa các cơ quan.',
    demoHint: 'Tài khoản dùng thử được in ra khi khởi động và liệt kê trong README.',
  },
  roles: { admin: 'Quản trị', legal_staff: 'Pháp chế', chair: 'Chủ trì họp', signatory: 'Ký kết', viewer: 'Xem' },
  agencyKinds: {
    thads: 'Thi hành án dân sự', thads_admin: 'Quản lý THADS', court: 'Tòa án', procuracy: 'Viện kiểm sát', police: 'Công an',
    prison: 'Trại giam', bank: 'Ngân hàng', social_insurance: 'Bảo hiểm xã hội', land: 'Đất đai', people_committee: 'UBND',
    steering_committee: 'Ban Chỉ đạo', other: 'Khác',
  },
  levels: { central: 'Trung ương', province: 'Tỉnh', regional: 'Khu vực' },
  dashboard: {
    hello: 'Xin chào, {name}', agreements: 'Thỏa thuận đang tham gia', meetings: 'Cuộc họp sắp tới',
    actionItems: 'Việc cần làm của cơ quan', overdue: 'Quá hạn', dueSoon: 'Đến hạn trong 7 ngày', noMeetings: 'Không có cuộc họp sắp tới.',
    noItems: 'Cơ quan không có việc đang mở.',
  },
  agencies: {
    title: 'Cơ quan', subtitle: 'Danh bạ các cơ quan phối hợp, theo cấp và lịch sử sáp nhập, đổi tên.',
    nameVi: 'Tên tiếng Việt', nameEn: 'Tên tiếng Anh', shortName: 'Tên viết tắt', kind: 'Loại cơ quan', level: 'Cấp',
    parent: 'Cơ quan cấp trên', none: '— Không —', validFrom: 'Hoạt động từ', validTo: 'Đến', successor: 'Cơ quan kế thừa',
    history: 'Đã ngừng hoạt động', retiredOn: 'Ngừng từ {date}', mergedInto: 'kế thừa bởi {name}', retire: 'Sáp nhập / đổi tên',
    retireDate: 'Ngày ngừng hoạt động', showHistory: 'Hiện cơ quan đã ngừng hoạt động', newAgency: 'Thêm cơ quan', editAgency: 'Sửa cơ quan',
    users: '{count} người dùng', active: 'Đang hoạt động',
  },
  users: {
    title: 'Người dùng', subtitle: 'Tài khoản được quản trị viên tạo; không có đăng ký công khai.', name: 'Họ và tên', email: 'Email',
    jobTitle: 'Chức danh', agency: 'Cơ quan', roles: 'Vai trò', status: 'Trạng thái', active: 'Đang hoạt động', disabled: 'Đã khóa',
    newUser: 'Tạo tài khoản', editUser: 'Sửa tài khoản', initialPassword: 'Mật khẩu ban đầu (ít nhất 10 ký tự)', disable: 'Khóa tài khoản',
  },
  audit: {
    title: 'Nhật ký thay đổi', subtitle: 'Mọi thay đổi được ghi lại: ai, khi nào, thay đổi gì.', at: 'Thời điểm', who: 'Người thực hiện',
    entity: 'Đối tượng', action: 'Thao tác', details: 'Chi tiết', older: 'Cũ hơn', system: 'Hệ thống',
  },
  account: {
    title: 'Tài khoản', changePassword: 'Đổi mật khẩu', currentPassword: 'Mật khẩu hiện tại', newPassword: 'Mật khẩu mới (ít nhất 10 ký tự)',
    confirmPassword: 'Nhập lại mật khẩu mới', mismatch: 'Mật khẩu nhập lại không khớp.', changed: 'Đã đổi mật khẩu. Các phiên đăng nhập khác đã được đăng xuất.',
    profile: 'Thông tin', tooShort: 'Mật khẩu mới cần ít nhất 10 ký tự.',
  },
  agreements: {
    title: 'Thỏa thuận phối hợp', subtitle: 'Quy chế phối hợp liên ngành mà cơ quan của bạn là một bên.', docNumber: 'Số, ký hiệu',
    lead: 'Cơ quan chủ trì', parties: 'Các bên', status: 'Trạng thái', updated: 'Cập nhật', newAgreement: 'Soạn thỏa thuận mới',
    titleField: 'Tên văn bản', choose: 'Chọn các cơ quan tham gia', none: 'Chưa có thỏa thuận nào.',
  },
  agreementStatus: { draft: 'Dự thảo' },
  meetings: {
    title: 'Cuộc họp', subtitle: 'Họp liên ngành, đoàn công tác, sơ kết và tổng kết.', when: 'Thời gian', chair: 'Chủ trì', place: 'Địa điểm',
    invited: 'Cơ quan được mời', none: 'Chưa có cuộc họp nào.', kind: 'Loại',
  },
  meetingKinds: { joint: 'Họp liên ngành', working_group: 'Đoàn công tác', preliminary_review: 'Sơ kết', final_review: 'Tổng kết', other: 'Khác' },
  meetingStatus: { scheduled: 'Đã lên lịch', cancelled: 'Đã hủy', held: 'Đã họp', approved: 'Biên bản đã duyệt' },
  cases: {
    title: 'Vụ việc', subtitle: 'Sổ theo dõi vụ việc thi hành án phức tạp.', judgment: 'Bản án, quyết định', parties: 'Đương sự',
    creditor: 'Người được thi hành án', debtor: 'Người phải thi hành án', amountDue: 'Số tiền phải thi hành', amountCollected: 'Đã thu',
    classification: 'Phân loại', status: 'Trạng thái', acceptedOn: 'Ngày thụ lý', court: 'Tòa án', none: 'Chưa có vụ việc nào.', type: 'Loại việc',
  },
  caseTypes: { civil: 'Dân sự', asset_recovery: 'Thu hồi tài sản tham nhũng, kinh tế', credit: 'Tín dụng, ngân hàng', administrative: 'Hành chính', land: 'Đất đai' },
  classification: { enforceable: 'Có điều kiện thi hành', not_yet_enforceable: 'Chưa có điều kiện thi hành' },
  caseStatus: {
    accepted: 'Thụ lý', decision_issued: 'Ra quyết định thi hành án', verification: 'Xác minh', seizure: 'Kê biên', coercion: 'Cưỡng chế',
    auction: 'Bán đấu giá', completed: 'Thi hành xong', terminated: 'Đình chỉ', postponed: 'Hoãn',
  },
  actionItems: {
    title: 'Việc cần làm', subtitle: 'Việc được giao cho cơ quan của bạn từ các thỏa thuận và kết luận cuộc họp.', due: 'Hạn',
    source: 'Nguồn', status: 'Trạng thái', none: 'Cơ quan của bạn chưa được giao việc nào.', overdue: 'Quá hạn', thisWeek: 'Trong 7 ngày tới',
    later: 'Sau đó', done: 'Đã xong', fromAgreement: 'Thỏa thuận', fromMeeting: 'Cuộc họp', manual: 'Giao trực tiếp',
  },
  actionItemStatus: {
    open: 'Chưa thực hiện', in_progress: 'Đang thực hiện', reported_done: 'Đã báo cáo xong', accepted: 'Đã nghiệm thu', reopened: 'Mở lại', cancelled: 'Đã hủy',
  },
  statistics: {
    title: 'Thống kê liên ngành', subtitle: 'Số liệu chung về việc và về tiền, tính từ một sổ đăng ký cho mọi cơ quan.',
    notYet: 'Số liệu thống kê sẽ được tính từ sổ vụ việc khi chức năng thống kê liên ngành được đưa vào hoạt động.',
  },
  notFound: { title: 'Không tìm thấy trang', body: 'Đường dẫn không tồn tại hoặc đã bị xóa.', home: 'Về trang tổng quan' },
} as const;

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Dictionary = Widen<typeof vi>;
