/** Every string the editor shows, by locale; Vietnamese first. The document text itself is Vietnamese. */
import type { Locale } from '../../../shared/domain.ts';

export interface EditorLabels {
  documentLabel: string;
  toolbarLabel: string;
  chapter: string;
  article: string;
  clause: string;
  point: string;
  paragraph: string;
  indent: string;
  outdent: string;
  moveUp: string;
  moveDown: string;
  undo: string;
  redo: string;
  insertReference: string;
  chapters: string;
  brokenReference: string;
  outlineLabel: string;
  outlineEmpty: string;
  untitled: string;
  readOnly: string;
  articleBefore: string;
  clauseBefore: string;
  pointBefore: string;
  help: string;
  helpTitle: string;
  helpIntro: string;
  helpEnter: string;
  helpShiftEnter: string;
  close: string;
}

export const editorLabels: Record<Locale, EditorLabels> = {
  vi: {
    documentLabel: 'Nội dung văn bản',
    toolbarLabel: 'Công cụ soạn thảo',
    chapter: 'Chương',
    article: 'Điều',
    clause: 'Khoản',
    point: 'Điểm',
    paragraph: 'Đoạn',
    indent: 'Chuyển khoản thành điểm',
    outdent: 'Chuyển điểm thành khoản',
    moveUp: 'Chuyển lên',
    moveDown: 'Chuyển xuống',
    undo: 'Hoàn tác',
    redo: 'Làm lại',
    insertReference: 'Chèn tham chiếu',
    chapters: 'Các chương',
    brokenReference: '[tham chiếu đã bị xóa]',
    outlineLabel: 'Mục lục',
    outlineEmpty: 'Văn bản chưa có chương, điều nào.',
    untitled: '(chưa có tên)',
    readOnly: 'Chỉ xem',
    articleBefore: 'Chèn điều trước điều này',
    clauseBefore: 'Chèn khoản trước khoản này',
    pointBefore: 'Chèn điểm trước điểm này',
    help: 'Phím tắt',
    helpTitle: 'Phím tắt soạn thảo',
    helpIntro: 'Mọi thao tác cấu trúc đều làm được bằng bàn phím. Nút trên thanh công cụ chèn sau mục đang chọn; nút ↥ chèn trước.',
    helpEnter: 'Xuống dòng: khoản hoặc điểm tiếp theo; ở tên chương: điều đầu tiên',
    helpShiftEnter: 'Thêm đoạn văn không đánh số trong cùng mục',
    close: 'Đóng',
  },
  en: {
    documentLabel: 'Document text',
    toolbarLabel: 'Editing tools',
    chapter: 'Chapter',
    article: 'Article',
    clause: 'Clause',
    point: 'Point',
    paragraph: 'Paragraph',
    indent: 'Make the clause a point',
    outdent: 'Make the point a clause',
    moveUp: 'Move up',
    moveDown: 'Move down',
    undo: 'Undo',
    redo: 'Redo',
    insertReference: 'Insert reference',
    chapters: 'Chapters',
    brokenReference: '[deleted reference]',
    outlineLabel: 'Outline',
    outlineEmpty: 'The document has no chapters or articles yet.',
    untitled: '(untitled)',
    readOnly: 'Read only',
    articleBefore: 'Insert an article before this one',
    clauseBefore: 'Insert a clause before this one',
    pointBefore: 'Insert a point before this one',
    help: 'Shortcuts',
    helpTitle: 'Editing shortcuts',
    helpIntro: 'Every structure command works from the keyboard. Toolbar buttons insert after the current unit; ↥ buttons insert before it.',
    helpEnter: 'New line: the next clause or point; in a chapter name: its first article',
    helpShiftEnter: 'An unnumbered paragraph in the same unit',
    close: 'Close',
  },
};
