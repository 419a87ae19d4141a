/**
 * Word import: a .docx of an existing quy chế read into the legal tree (shared/legal/schema.ts).
 * Pure code: the bytes in, the tree, title, number and a report out; the only reader is mammoth.
 *
 * The zip is checked first (central directory read as binary, every entry inflated with a ceiling
 * so that a zip bomb, declared or lying, is refused before mammoth reads it). mammoth then reads the
 * document into its model (paragraphs with their Word list level, tables, runs), which is walked as
 * Vietnamese drafters write a quy chế:
 *
 *   header table (agencies, "Số: …", national motto, place and date)  → details (docNumber), not text
 *   "QUY CHẾ …" (over one to three lines)                              → title
 *   "Căn cứ …" and other lines before the body                         → preamble
 *   "Chương II" + its name (same line or the next)                     → chapter
 *   "Điều 5. Tên điều"                                                 → article
 *   "1." / Word list level 0                                           → clause
 *   "a)" … "đ)" … / Word list level 1 or a second list inside a clause → point
 *   other text                                                         → paragraph of the unit it follows
 *   signature table, "TM. …" blocks, "Nơi nhận:"                       → not text (reported)
 *
 * Lines are read by shared/legal-recogniser.ts (the editor's paste reads them the same way).
 * Typed numbers are stripped: the tree numbers itself. What cannot be placed is kept as a plain
 * paragraph and listed in the report, never dropped.
 */
import { inflateRawSync } from 'node:zlib';
import mammoth from 'mammoth';
import { createNodeId } from '../../../shared/legal/schema.ts';
import type { LegalNodeJSON } from '../../../shared/legal/numbering.ts';
import { isStructuralLine, recogniseLine } from '../../../shared/legal-recogniser.ts';
import { DomainError } from '../errors.ts';

export interface ImportedAgreement {
  /** The document's title ("QUY CHẾ …"), or '' when none was found. */
  title: string;
  /** The number from "Số: …" in the header, or ''. */
  docNumber: string;
  /** The live text to seed, a `doc` of the legal schema. */
  text: LegalNodeJSON;
  chapters: number;
  articles: number;
  /** The parts that could not be placed (kept as plain paragraphs) or were left out (signatures). */
  report: string[];
}

// ---------------------------------------------------------------------------------------------
// The zip, checked before anyone inflates it.

/** Sum of the uncompressed entries: a quy chế with images stays far below. */
export const MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024;
const MAX_ENTRIES = 5000;

function unreadable(): DomainError {
  return new DomainError('BAD_REQUEST', 'wordImportUnreadable');
}

/**
 * Refuses what is not a zip with `word/document.xml`, ZIP64, more than MAX_ENTRIES entries, or more
 * than MAX_UNCOMPRESSED_BYTES once inflated: each entry is inflated with a ceiling of its declared
 * size, so an entry that lies about its size is refused too.
 */
export function checkDocxZip(bytes: Uint8Array): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) throw unreadable();
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw unreadable();
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || count > MAX_ENTRIES || cdOffset + cdSize > buf.length) throw unreadable();
  let total = 0;
  let hasDocument = false;
  let at = cdOffset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) throw unreadable();
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (compressed === 0xffffffff || size === 0xffffffff) throw unreadable();
    total += size;
    if (total > MAX_UNCOMPRESSED_BYTES) throw unreadable();
    if (name === 'word/document.xml') hasDocument = true;
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) throw unreadable();
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + compressed > buf.length) throw unreadable();
    if (method === 0) {
      if (compressed !== size) throw unreadable();
    } else if (method === 8) {
      let inflated: Buffer;
      try {
        inflated = inflateRawSync(buf.subarray(start, start + compressed), { maxOutputLength: Math.max(size, 1) });
      } catch {
        throw unreadable();
      }
      if (inflated.length !== size) throw unreadable();
    } else {
      throw unreadable();
    }
  }
  if (!hasDocument) throw unreadable();
}

// ---------------------------------------------------------------------------------------------
// mammoth's document model, flattened to lines and tables.

/** The parts of mammoth's document model read here. */
interface MammothElement {
  type: string;
  children?: MammothElement[];
  value?: string;
  breakType?: string;
  alignment?: string;
  /** Word list numbering: the same object for every paragraph of one list level. */
  numbering?: { level: string; isOrdered: boolean } | null;
}

interface Line {
  text: string;
  /** The Word list this paragraph is numbered by (object identity), and its level. */
  list: { key: object; level: number; ordered: boolean } | null;
  centered: boolean;
}
type Item = { kind: 'line'; line: Line } | { kind: 'table'; cells: Line[][] };

// C0 controls but tab, newline and carriage return; C1 controls: never kept in the live text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;

function clean(text: string): string {
  return text.normalize('NFC').replace(CONTROL, '').replace(/[\s\u00A0\u2000-\u200B\u202F\u3000]+/g, ' ').trim();
}

function runText(element: MammothElement): string {
  switch (element.type) {
    case 'text': return element.value ?? '';
    case 'tab': return ' ';
    case 'break': return element.breakType === 'line' || element.breakType === undefined ? '\n' : '';
    case 'table': return '';
    default: return (element.children ?? []).map(runText).join('');
  }
}

function paragraphLines(p: MammothElement): Line[] {
  const numbering = p.numbering ?? null;
  const list = numbering ? { key: numbering as object, level: Number(numbering.level) || 0, ordered: numbering.isOrdered } : null;
  return runText(p).split('\n').map(clean).filter(Boolean)
    .map((text, i) => ({ text, list: i === 0 ? list : null, centered: p.alignment === 'center' }));
}

/** Every paragraph (and table) in order; nested tables and text boxes are read as their lines. */
function flatten(document: MammothElement): Item[] {
  const items: Item[] = [];
  const linesOf = (element: MammothElement): Line[] => element.type === 'paragraph'
    ? paragraphLines(element)
    : (element.children ?? []).flatMap(linesOf);
  const visit = (element: MammothElement) => {
    if (element.type === 'paragraph') {
      for (const line of paragraphLines(element)) items.push({ kind: 'line', line });
    } else if (element.type === 'table') {
      const cells = (element.children ?? []).flatMap((row) => (row.children ?? []).map(linesOf)).filter((c) => c.length > 0);
      if (cells.length > 0) items.push({ kind: 'table', cells });
    } else {
      for (const child of element.children ?? []) visit(child);
    }
  };
  visit(document);
  return items;
}

async function readModel(bytes: Uint8Array): Promise<MammothElement> {
  let model: MammothElement | null = null;
  try {
    await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }, {
      transformDocument: (document: MammothElement) => { model = document; return { type: 'document', children: [] }; },
      // Images are never read (nor base64-encoded): only the text matters here.
      convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
    });
  } catch {
    throw unreadable();
  }
  if (!model) throw unreadable();
  return model;
}

// ---------------------------------------------------------------------------------------------
// Recognising the shapes of a quy chế.

const PREAMBLE = /^Căn cứ\b/iu;
const NUMBER = /^Số\s*:\s*(.*)$/iu;
const MOTTO = /^(CỘNG HÒA|CỘNG HOÀ) XÃ HỘI CHỦ NGHĨA VIỆT NAM$|^Độc lập\s*[-–—]\s*Tự do\s*[-–—]\s*Hạnh phúc$/iu;
const PLACE_DATE = /ngày\s+\S*\s*tháng\s+\S*\s*năm/iu;
const RULE = /^[-–—_=.*\s]+$/u;
const TITLE_WORDS = /^(QUY CHẾ|QUY ĐỊNH|THÔNG TƯ LIÊN TỊCH|KẾ HOẠCH|CHƯƠNG TRÌNH)(\s|$)/iu;
const SIGNING = /^(TM|KT|TL|TUQ|Q|PP)\.\s*\S/u;
const RECIPIENTS = /^Nơi nhận\s*:?/iu;
const ROLE_WORDS = /\b(GIÁM ĐỐC|CHÁNH ÁN|VIỆN TRƯỞNG|CHỦ TỊCH|THỦ TRƯỞNG|CỤC TRƯỞNG|TRƯỞNG)\b|\(đã ký\)|\(ký, ghi rõ/u;

const isUpper = (text: string) => /\p{L}/u.test(text) && text === text.toUpperCase();
const quote = (text: string) => `“${text.length > 80 ? `${text.slice(0, 77)}…` : text}”`;

interface Unit { type: 'chapter' | 'article' | 'clause' | 'point'; heading?: string; paragraphs: string[]; children: Unit[] }

const text = (value: string): LegalNodeJSON[] => (value ? [{ type: 'text', text: value }] : []);
const paragraph = (value: string): LegalNodeJSON => ({ type: 'paragraph', content: text(value) });

function toJSON(unit: Unit): LegalNodeJSON {
  const content: LegalNodeJSON[] = [];
  if (unit.type === 'chapter' || unit.type === 'article') content.push({ type: 'heading', content: text(unit.heading ?? '') });
  content.push(...unit.paragraphs.map(paragraph));
  content.push(...unit.children.map(toJSON));
  return { type: unit.type, attrs: { id: createNodeId() }, content };
}

/** The recogniser proper, on the flattened document. Exported for tests of shapes mammoth cannot make. */
export function recogniseItems(items: Item[]): ImportedAgreement {
  const report: string[] = [];
  let docNumber = '';
  const titleLines: string[] = [];
  const preamble: string[] = [];
  const chapters: Unit[] = [];
  const looseArticles: Unit[] = [];
  let chapter: Unit | null = null;
  let article: Unit | null = null;
  let clause: Unit | null = null;
  let point: Unit | null = null;
  /** A chapter waiting for its name on the next line. */
  let chapterNamePending = false;
  /** Per Word list: whether its items are clauses or points (decided at its first item). */
  const listRole = new Map<object, 'clause' | 'point'>();
  let phase: 'front' | 'title' | 'preamble' | 'body' | 'end' = 'front';
  /** Signature blocks and "Nơi nhận" after the body: reported, not text. */
  const endLines: string[] = [];

  const where = () => (article ? `Điều ${articleCount()}` : chapter ? `Chương ${chapters.length}` : 'đầu văn bản');
  const articleCount = () => looseArticles.length + chapters.reduce((n, c) => n + c.children.length, 0);

  const openArticle = (heading: string): Unit => {
    const unit: Unit = { type: 'article', heading, paragraphs: [], children: [] };
    (chapter ? chapter.children : looseArticles).push(unit);
    article = unit; clause = null; point = null;
    return unit;
  };
  const openClause = (lead: string): void => {
    if (!article) openArticle('');
    clause = { type: 'clause', paragraphs: [lead], children: [] };
    article!.children.push(clause);
    point = null;
  };
  const openPoint = (lead: string): void => {
    point = { type: 'point', paragraphs: [lead], children: [] };
    clause!.children.push(point);
  };
  /** Text under the deepest open unit, where the schema allows a paragraph. */
  const addParagraph = (value: string, reportAs?: string): void => {
    if (!article) {
      openArticle('');
      report.push(`${reportAs ?? 'Đoạn văn ngoài mọi điều'} ${quote(value)}: giữ thành đoạn văn trong một điều chưa có tên (${where()}).`);
      reportAs = undefined;
    }
    if (point) point.paragraphs.push(value);
    else if (clause && clause.children.length > 0) clause.children.at(-1)!.paragraphs.push(value);
    else if (clause) clause.paragraphs.push(value);
    else if (article!.children.length > 0) article!.children.at(-1)!.paragraphs.push(value);
    else article!.paragraphs.push(value);
    if (reportAs) report.push(`${reportAs} ${quote(value)}: giữ thành đoạn văn (${where()}).`);
  };

  const bodyLine = (line: Line): void => {
    const value = line.text;
    const r = recogniseLine(value);
    const structural = r.kind === 'chapter' || r.kind === 'article';
    if (chapter && chapter.children.length === 0 && !structural && (chapterNamePending || (isUpper(value) && chapter.heading))) {
      // The chapter's name on the line after "Chương II"; a name in capitals may run on one more line.
      chapter.heading = chapter.heading ? `${chapter.heading} ${value}` : value;
      chapterNamePending = false;
      return;
    }
    chapterNamePending = false;
    if (r.kind === 'chapter') {
      chapter = { type: 'chapter', heading: r.text, paragraphs: [], children: [] };
      chapters.push(chapter);
      article = null; clause = null; point = null;
      chapterNamePending = r.text === '';
      return;
    }
    if (r.kind === 'article') { openArticle(r.text); return; }
    if (r.kind === 'clause') {
      // Typed, or typed inside a Word list item: the typed number is read, and stripped.
      if (!article) { addParagraph(value, 'Khoản ngoài mọi điều'); return; }
      openClause(r.text);
      return;
    }
    if (r.kind === 'point') {
      if (!clause) {
        if (!article) { addParagraph(value, 'Điểm ngoài mọi điều'); return; }
        openClause(r.text);
        report.push(`Điểm ${r.label}) ${quote(r.text)} không thuộc khoản nào: đã thành một khoản (${where()}).`);
        return;
      }
      openPoint(r.text);
      return;
    }
    if (line.list && line.list.ordered && article) {
      let role = listRole.get(line.list.key);
      if (!role) {
        role = line.list.level >= 1 ? 'point' : clause ? 'point' : 'clause';
        listRole.set(line.list.key, role);
      }
      if (role === 'point' && clause) openPoint(value);
      else openClause(value);
      return;
    }
    addParagraph(value);
  };

  /** A table once the body has started: signatures end the text; any other is kept as its lines. */
  const bodyTable = (cells: Line[][]): void => {
    const lines = cells.flat().map((l) => l.text);
    if (lines.some((l) => SIGNING.test(l) || ROLE_WORDS.test(l))) {
      report.push(`Bảng chữ ký không đưa vào văn bản: ${cells.map((c) => c.map((l) => l.text).join(' ')).join('; ')}.`);
      phase = 'end';
      return;
    }
    for (const l of lines) addParagraph(l, 'Ô của bảng');
  };

  for (const item of items) {
    if (phase === 'end') {
      endLines.push(...(item.kind === 'line' ? [item.line.text] : item.cells.flat().map((l) => l.text)));
      continue;
    }
    if (item.kind === 'table') {
      if (phase === 'front') {
        // The header table: agencies, number, motto, place and date. Only the number is kept.
        for (const line of item.cells.flat()) {
          const m = line.text.match(NUMBER);
          if (m && !docNumber) docNumber = /\d/.test(m[1]) ? m[1].trim().slice(0, 120) : '';
        }
        continue;
      }
      if (phase === 'body') { bodyTable(item.cells); continue; }
      for (const line of item.cells.flat()) preamble.push(line.text);
      report.push(`Bảng trước phần nội dung ${quote(item.cells.flat().map((l) => l.text).join(' '))}: giữ thành đoạn văn ở phần căn cứ.`);
      continue;
    }
    const line = item.line;
    const value = line.text;
    const structural = isStructuralLine(value);

    if (phase !== 'body' && structural) phase = 'body';
    if (phase === 'body') {
      if (RECIPIENTS.test(value) || (SIGNING.test(value) && isUpper(value))) {
        phase = 'end';
        endLines.push(value);
        continue;
      }
      bodyLine(line);
      continue;
    }
    if (phase === 'front') {
      const number = value.match(NUMBER);
      if (number) { if (!docNumber) docNumber = /\d/.test(number[1]) ? number[1].trim().slice(0, 120) : ''; continue; }
      if (MOTTO.test(value) || RULE.test(value) || (PLACE_DATE.test(value) && value.length < 100)) continue;
      if (TITLE_WORDS.test(value)) { phase = 'title'; titleLines.push(value); continue; }
      if (PREAMBLE.test(value)) { phase = 'preamble'; preamble.push(value); continue; }
      // Agencies' names in capitals above the title belong to the header.
      if (isUpper(value)) continue;
      phase = 'preamble';
      preamble.push(value);
      report.push(`Đoạn văn trước tên văn bản ${quote(value)}: giữ thành đoạn văn ở phần căn cứ.`);
      continue;
    }
    if (phase === 'title') {
      const short = titleLines.length === 1 && titleLines[0].split(' ').length <= 3;
      if (!PREAMBLE.test(value) && titleLines.length < 3 && (short || isUpper(value) || (line.centered && !/^\(/.test(value)))) {
        titleLines.push(value);
        continue;
      }
      phase = 'preamble';
    }
    preamble.push(value);
  }

  const title = titleLines.join(' ').slice(0, 300);
  if (endLines.length) report.push(`Phần cuối văn bản (chữ ký, nơi nhận) không đưa vào văn bản: ${endLines.join(' ')}`);
  if (articleCount() === 0) report.push('Không tìm thấy điều nào (“Điều 1. …”): toàn bộ nội dung được giữ ở phần căn cứ.');
  const body = [...looseArticles, ...chapters].map(toJSON);
  if (body.length === 0) body.push({ type: 'article', attrs: { id: createNodeId() }, content: [{ type: 'heading', content: [] }] });
  const doc: LegalNodeJSON = {
    type: 'doc',
    content: [
      { type: 'title', content: text(title) },
      ...(preamble.length ? [{ type: 'preamble', content: preamble.map(paragraph) }] : []),
      ...body,
    ],
  };
  return { title, docNumber, text: doc, chapters: chapters.length, articles: articleCount(), report };
}

/** A .docx read into the legal tree (BAD_REQUEST `wordImportUnreadable` when it cannot be read). */
export async function recogniseDocx(bytes: Uint8Array): Promise<ImportedAgreement> {
  checkDocxZip(bytes);
  return recogniseItems(flatten(await readModel(bytes)));
}
