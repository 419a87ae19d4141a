/**
 * Demo data for an empty database: the agencies of Phú Thọ province (with the 2025 reorganisation
 * kept in history), the contract's five accounts, one draft agreement, one complex case, one
 * scheduled joint meeting, and action items for every party agency.
 */
import type { InArgs, InStatement } from '@libsql/client';
import { one, type Db } from '../db/client.ts';
import { hashPassword } from '../auth/password.ts';
import { addDays, localDate } from '../../shared/format.ts';
import type { Role } from '../../shared/domain.ts';
import { initialUpdateStatement } from '../collab/storage.ts';
import * as Y from 'yjs';
import { DEMO_ARTICLE_IDS, demoAgreementJSON, legalJSONToYUpdate } from '../../shared/legal/demo-text.ts';
import { anchorOfUnit } from '../../shared/legal/anchors.ts';
import { LEGAL_FRAGMENT } from '../../shared/legal/ydoc.ts';
import { minutesJSONToYUpdate, minutesTemplateJSON } from '../../shared/minutes.ts';

export const DEMO_ACCOUNTS: { email: string; name: string; title: string; agency: string; roles: Role[] }[] = [
  { email: 'admin@demo.concord.vn', name: 'Trần Thị Mai', title: 'Chuyên viên quản trị hệ thống', agency: 'thads', roles: ['admin'] },
  { email: 'thads@demo.concord.vn', name: 'Nguyễn Văn Hùng', title: 'Phó Trưởng Thi hành án dân sự tỉnh', agency: 'thads', roles: ['legal_staff', 'chair', 'signatory'] },
  { email: 'toaan@demo.concord.vn', name: 'Lê Thị Thu Hà', title: 'Phó Chánh án', agency: 'tand', roles: ['legal_staff', 'signatory'] },
  { email: 'vks@demo.concord.vn', name: 'Phạm Quốc Toàn', title: 'Phó Viện trưởng', agency: 'vks', roles: ['legal_staff', 'signatory'] },
  { email: 'congan@demo.concord.vn', name: 'Hoàng Minh Đức', title: 'Trưởng phòng Cảnh sát thi hành án hình sự và hỗ trợ tư pháp', agency: 'ca', roles: ['signatory'] },
  // Subordinate units of two parties: they acknowledge the dissemination (quán triệt) of a signed agreement.
  { email: 'kv1@demo.concord.vn', name: 'Đỗ Thị Lan', title: 'Trưởng phòng', agency: 'thads-kv1', roles: ['legal_staff'] },
  { email: 'tandkv1@demo.concord.vn', name: 'Vũ Đình Nam', title: 'Chánh án', agency: 'tand-kv1', roles: ['legal_staff'] },
];

export const DEMO_IDS = {
  agreement: 'demo-agreement-01',
  case: 'demo-case-01',
  meeting: 'demo-meeting-01',
} as const;

const AGENCIES = [
  // key, name_vi, name_en, short, kind, level, parent, valid_from, valid_to, successor
  ['moj', 'Cục Quản lý thi hành án dân sự - Bộ Tư pháp', 'Civil Judgment Enforcement Administration, Ministry of Justice', 'Cục QLTHADS', 'thads_admin', 'central', null, '2025-03-01', null, null],
  ['thads-old', 'Cục Thi hành án dân sự tỉnh Phú Thọ', 'Civil Judgment Enforcement Department of Phú Thọ', 'Cục THADS Phú Thọ', 'thads', 'province', 'moj', '2009-01-01', '2025-07-01', 'thads'],
  ['thads', 'Thi hành án dân sự tỉnh Phú Thọ', 'Civil Judgment Enforcement Office of Phú Thọ Province', 'THADS Phú Thọ', 'thads', 'province', 'moj', '2025-07-01', null, null],
  ['thads-viettri-old', 'Chi cục Thi hành án dân sự thành phố Việt Trì', 'Việt Trì City Civil Judgment Enforcement Sub-department', 'Chi cục THADS Việt Trì', 'thads', 'regional', 'thads-old', '2009-01-01', '2025-07-01', 'thads-kv1'],
  ['thads-kv1', 'Phòng Thi hành án dân sự khu vực 1 - Phú Thọ', 'Regional Civil Judgment Enforcement Office No. 1, Phú Thọ', 'Phòng THADS KV1', 'thads', 'regional', 'thads', '2025-07-01', null, null],
  ['tand', 'Tòa án nhân dân tỉnh Phú Thọ', 'People\'s Court of Phú Thọ Province', 'TAND Phú Thọ', 'court', 'province', null, '1976-01-01', null, null],
  ['vks', 'Viện kiểm sát nhân dân tỉnh Phú Thọ', 'People\'s Procuracy of Phú Thọ Province', 'VKSND Phú Thọ', 'procuracy', 'province', null, '1976-01-01', null, null],
  ['ca', 'Công an tỉnh Phú Thọ', 'Phú Thọ Provincial Police', 'Công an Phú Thọ', 'police', 'province', null, '1976-01-01', null, null],
  ['ubnd', 'Ủy ban nhân dân tỉnh Phú Thọ', 'People\'s Committee of Phú Thọ Province', 'UBND Phú Thọ', 'people_committee', 'province', null, '1976-01-01', null, null],
  ['tand-kv1', 'Tòa án nhân dân khu vực 1 - Phú Thọ', 'Regional People\'s Court No. 1, Phú Thọ', 'TAND KV1', 'court', 'regional', 'tand', '2025-07-01', null, null],
] as const;

/** The title each demo agency's head signs under (Nghị định 30/2020, Phụ lục I). */
const HEAD_TITLES: Record<(typeof AGENCIES)[number][0], string> = {
  moj: 'CỤC TRƯỞNG', 'thads-old': 'CỤC TRƯỞNG', thads: 'THỦ TRƯỞNG', 'thads-viettri-old': 'CHI CỤC TRƯỞNG', 'thads-kv1': 'TRƯỞNG PHÒNG',
  tand: 'CHÁNH ÁN', vks: 'VIỆN TRƯỞNG', ca: 'GIÁM ĐỐC', ubnd: 'CHỦ TỊCH', 'tand-kv1': 'CHÁNH ÁN',
};

export const DEMO_AGENCY_IDS = Object.fromEntries(AGENCIES.map(([key]) => [key, `agency-${key}`])) as Record<(typeof AGENCIES)[number][0], string>;


export async function isEmpty(db: Db): Promise<boolean> {
  return !(await one(db, 'SELECT 1 FROM agencies LIMIT 1'));
}

export async function seedDemo(db: Db, password: string): Promise<void> {
  const now = new Date().toISOString();
  const today = localDate();
  const userId = (email: string) => `user-${email.split('@')[0]}`;
  const hashed = await hashPassword(password);
  const stmts: InStatement[] = [];
  const add = (sql: string, args: InArgs) => stmts.push({ sql, args });

  // Successors first-referenced before they exist: insert, then link.
  for (const [key, nameVi, nameEn, short, kind, level, parent, from, to] of AGENCIES) {
    add(`INSERT INTO agencies (id, name_vi, name_en, short_name, kind, level, parent_id, valid_from, valid_to, head_title, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [DEMO_AGENCY_IDS[key], nameVi, nameEn, short, kind, level, parent && DEMO_AGENCY_IDS[parent], from, to, HEAD_TITLES[key], now]);
  }
  for (const [key, , , , , , , , , successor] of AGENCIES) {
    if (successor) add('UPDATE agencies SET successor_id = ? WHERE id = ?', [DEMO_AGENCY_IDS[successor], DEMO_AGENCY_IDS[key]]);
  }

  for (const account of DEMO_ACCOUNTS) {
    add('INSERT INTO users (id, email, name, title, agency_id, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [userId(account.email), account.email, account.name, account.title, DEMO_AGENCY_IDS[account.agency as keyof typeof DEMO_AGENCY_IDS], hashed, now]);
    for (const role of account.roles) add('INSERT INTO user_roles (user_id, role) VALUES (?, ?)', [userId(account.email), role]);
  }

  const thadsUser = userId('thads@demo.concord.vn');
  const parties = [DEMO_AGENCY_IDS.thads, DEMO_AGENCY_IDS.tand, DEMO_AGENCY_IDS.vks, DEMO_AGENCY_IDS.ca];
  add(`INSERT INTO agreements (id, title, doc_number, lead_agency_id, status, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, 'draft', ?, ?, ?)`,
    [DEMO_IDS.agreement, 'Quy chế phối hợp liên ngành trong công tác thi hành án dân sự trên địa bàn tỉnh Phú Thọ',
      '01/2026/QCPHLN/THADS-VKSND-TAND-CA', DEMO_AGENCY_IDS.thads, thadsUser, now, now]);
  for (const agency of parties) add('INSERT INTO agreement_parties (agreement_id, agency_id) VALUES (?, ?)', [DEMO_IDS.agreement, agency]);
  const agreementText = legalJSONToYUpdate(demoAgreementJSON());
  stmts.push(initialUpdateStatement(`agreement:${DEMO_IDS.agreement}`, agreementText));
  // The agreement's duties point at the clause that sets them.
  const textDoc = new Y.Doc();
  Y.applyUpdate(textDoc, agreementText);
  const anchorOf = (articleId: string) => anchorOfUnit(textDoc, LEGAL_FRAGMENT, `${articleId}-k1`);

  add(`INSERT INTO cases (id, judgment_number, judgment_date, court_name, office_agency_id, officer_user_id, case_type, creditor, debtor,
         amount_due, amount_collected, classification, status, accepted_on, disputed_assets, summary, officer_name, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'credit', ?, ?, ?, ?, 'enforceable', 'seizure', ?, 1, ?, 'Nguyễn Văn Hùng', ?, ?)`,
    [DEMO_IDS.case, '15/2022/KDTM-PT', '2022-05-12', 'Tòa án nhân dân tỉnh Phú Thọ', DEMO_AGENCY_IDS.thads, thadsUser,
      'Ngân hàng TMCP Công Thương Việt Nam - Chi nhánh Phú Thọ', 'Công ty TNHH Xây dựng Thành Đạt',
      25_400_000_000, 3_150_000_000, '2022-08-03',
      'Tài sản kê biên là quyền sử dụng đất và công trình tại phường Gia Cẩm; người thứ ba tranh chấp quyền sở hữu một phần công trình.', now, now]);
  for (const agency of [DEMO_AGENCY_IDS.tand, DEMO_AGENCY_IDS.vks, DEMO_AGENCY_IDS.ca]) {
    add('INSERT INTO case_agencies (case_id, agency_id) VALUES (?, ?)', [DEMO_IDS.case, agency]);
  }
  for (const [status, onDate] of [['accepted', '2022-08-03'], ['decision_issued', '2022-08-10'], ['verification', '2022-09-15'], ['seizure', '2023-03-21']]) {
    add('INSERT INTO case_status_history (case_id, status, on_date, note, user_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?)',
      [DEMO_IDS.case, status, onDate, '', thadsUser, now]);
  }

  // Next week, 08:00 to 11:00 in Viet Nam.
  const meetingDay = addDays(today, 7);
  add(`INSERT INTO meetings (id, kind, title, chair_user_id, chair_agency_id, starts_at, ends_at, place, status, created_by, created_at, updated_at)
       VALUES (?, 'joint', ?, ?, ?, ?, ?, ?, 'scheduled', ?, ?, ?)`,
    [DEMO_IDS.meeting, 'Họp liên ngành về vụ việc thi hành án Công ty TNHH Xây dựng Thành Đạt', thadsUser, DEMO_AGENCY_IDS.thads,
      new Date(`${meetingDay}T08:00:00+07:00`).toISOString(), new Date(`${meetingDay}T11:00:00+07:00`).toISOString(),
      'Phòng họp tầng 3, Thi hành án dân sự tỉnh Phú Thọ', thadsUser, now, now]);
  for (const agency of parties) add('INSERT INTO meeting_agencies (meeting_id, agency_id) VALUES (?, ?)', [DEMO_IDS.meeting, agency]);
  const agendaTitle = 'Xử lý tài sản kê biên có tranh chấp - Bản án 15/2022/KDTM-PT';
  add('INSERT INTO agenda_items (id, meeting_id, position, title, case_id) VALUES (?, ?, 1, ?, ?)', ['demo-agenda-01', DEMO_IDS.meeting, agendaTitle, DEMO_IDS.case]);
  for (const email of ['toaan@demo.concord.vn', 'vks@demo.concord.vn', 'congan@demo.concord.vn']) {
    add('INSERT INTO meeting_invitees (meeting_id, user_id) VALUES (?, ?)', [DEMO_IDS.meeting, userId(email)]);
  }
  stmts.push(initialUpdateStatement(`minutes:${DEMO_IDS.meeting}`, minutesJSONToYUpdate(minutesTemplateJSON([agendaTitle]))));

  const items: [string, 'agreement' | 'meeting', string, string, string, number, string | null][] = [
    ['demo-item-tand', 'agreement', DEMO_AGENCY_IDS.tand, 'Giải thích bản án tuyên không rõ', 'Trả lời văn bản yêu cầu giải thích bản án số 15/2022/KDTM-PT trong thời hạn 15 ngày (Điều 8 của Quy chế).', 12, DEMO_ARTICLE_IDS.courtExplainsJudgment],
    ['demo-item-vks', 'agreement', DEMO_AGENCY_IDS.vks, 'Cử Kiểm sát viên kiểm sát việc cưỡng chế', 'Cử Kiểm sát viên tham gia và kiểm sát buổi cưỡng chế kê biên tài sản (Điều 12 của Quy chế).', 20, DEMO_ARTICLE_IDS.procuracySupervisesCoercion],
    ['demo-item-ca', 'agreement', DEMO_AGENCY_IDS.ca, 'Bố trí lực lượng bảo vệ cưỡng chế', 'Xây dựng phương án và bố trí lực lượng bảo vệ buổi cưỡng chế (Điều 11 của Quy chế).', 25, DEMO_ARTICLE_IDS.policeProtectCoercion],
    ['demo-item-thads', 'meeting', DEMO_AGENCY_IDS.thads, 'Xác minh lại điều kiện thi hành án của người phải thi hành án', 'Xác minh tài sản, tài khoản của Công ty TNHH Xây dựng Thành Đạt và báo cáo tại cuộc họp liên ngành.', 5, null],
  ];
  for (const [id, source, agency, title, description, days, articleId] of items) {
    const anchor = articleId ? anchorOf(articleId) : null;
    add(`INSERT INTO action_items (id, source_kind, agreement_id, meeting_id, agency_id, assigned_by_user_id, assigned_by_agency_id, title, description, due_date, status,
           anchor_start, anchor_end, anchor_quote, anchor_unit_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?)`,
      [id, source, source === 'agreement' ? DEMO_IDS.agreement : null, source === 'meeting' ? DEMO_IDS.meeting : null,
        agency, thadsUser, DEMO_AGENCY_IDS.thads, title, description, addDays(today, days),
        anchor?.start ?? null, anchor?.end ?? null, anchor?.quote ?? '', articleId ? `${articleId}-k1` : null, now, now]);
    add('INSERT INTO action_item_events (item_id, at, user_id, from_status, to_status, due_date) VALUES (?, ?, ?, NULL, ?, ?)',
      [id, now, thadsUser, 'open', addDays(today, days)]);
  }

  add(`INSERT INTO audit_log (at, entity, entity_id, action, summary) VALUES (?, 'workspace', 'demo', 'seed', '{}')`, [now]);
  await db.batch(stmts);
}
