/**
 * The shapes of a Vietnamese legal text, line by line, as drafters type them: "Chương II" (its name
 * on the same line or the next), "Điều 5. Tên điều", clauses "1.", points "a)" … "đ)" …. Pure (no
 * Node, no DOM): the server's Word import and the editor's paste use the same function.
 */
import { POINT_LETTERS, type LegalNodeJSON } from './legal/numbering.ts';
import { createNodeId } from './legal/schema.ts';

export const CHAPTER = /^(?:Chương|CHƯƠNG)\s+([IVXLCDM]+|\d{1,3})(?=$|[\s.:\-–—])\s*[.:\-–—]?\s*(.*)$/u;
export const ARTICLE = /^(?:Điều|ĐIỀU)\s+(\d{1,3})\s*(?:[.:\-–—]\s*(.*)|$)/u;
export const CLAUSE = /^(\d{1,3})\s*[.)]\s*(?!\d)(.*)$/u;
export const POINT = /^([a-zđ]{1,3})\s*\)\s*(.*)$/u;

export type LineKind = 'chapter' | 'article' | 'clause' | 'point' | 'paragraph';

export interface RecognisedLine {
  kind: LineKind;
  /** The typed number ("II", "5", "1", "a"), '' for a paragraph: read, then never kept. */
  label: string;
  /** The text after the number: the chapter's or article's name, the clause's or point's text. */
  text: string;
}

/** "a", "b" … "đ" … and the doubled letters some drafters use past "y" ("aa"). */
export function isPointLetter(label: string): boolean {
  const first = label[0];
  return (POINT_LETTERS as readonly string[]).includes(first) && [...label].every((c) => c === first);
}

/** One line (already trimmed, spaces collapsed) read as a chapter, article, clause, point or plain paragraph. */
export function recogniseLine(value: string): RecognisedLine {
  let m: RegExpMatchArray | null;
  if ((m = value.match(CHAPTER))) return { kind: 'chapter', label: m[1], text: m[2] };
  if ((m = value.match(ARTICLE))) return { kind: 'article', label: m[1], text: m[2] ?? '' };
  if ((m = value.match(CLAUSE))) return { kind: 'clause', label: m[1], text: m[2] };
  if ((m = value.match(POINT)) && isPointLetter(m[1])) return { kind: 'point', label: m[1], text: m[2] };
  return { kind: 'paragraph', label: '', text: value };
}

export function isStructuralLine(value: string): boolean {
  return CHAPTER.test(value) || ARTICLE.test(value);
}

const isUpper = (text: string) => /\p{L}/u.test(text) && text === text.toUpperCase();

interface Unit { type: 'chapter' | 'article' | 'clause' | 'point'; heading?: string; paragraphs: string[]; children: Unit[] }
type Top = Unit | { type: 'paragraph'; text: string };

const textContent = (value: string): LegalNodeJSON[] => (value ? [{ type: 'text', text: value }] : []);
const paragraphJSON = (value: string): LegalNodeJSON => ({ type: 'paragraph', content: textContent(value) });

function unitJSON(unit: Unit): LegalNodeJSON {
  const content: LegalNodeJSON[] = [];
  if (unit.type === 'chapter' || unit.type === 'article') content.push({ type: 'heading', content: textContent(unit.heading ?? '') });
  // A clause or point needs a first paragraph.
  const paragraphs = (unit.type === 'clause' || unit.type === 'point') && unit.paragraphs.length === 0 ? [''] : unit.paragraphs;
  content.push(...paragraphs.map(paragraphJSON));
  content.push(...unit.children.map(unitJSON));
  return { type: unit.type, attrs: { id: createNodeId() }, content };
}

/**
 * Pasted lines (from Word, a web page, plain text) read into units of the legal schema, numbers
 * stripped. The answer is the run of top-level nodes in order: chapters, articles, and — when the
 * paste starts below an article — clauses, points or paragraphs, for the editor to place where
 * each kind belongs. Null when no line is a chapter, article, clause or point (an ordinary paste).
 */
export function unitsFromLines(lines: readonly string[]): LegalNodeJSON[] | null {
  const cleaned = lines.map((l) => l.normalize('NFC').replace(/[\s\u00A0]+/g, ' ').trim()).filter(Boolean);
  const recognised = cleaned.map(recogniseLine);
  if (!recognised.some((r) => r.kind !== 'paragraph')) return null;
  const top: Top[] = [];
  let chapter: Unit | null = null;
  let article: Unit | null = null;
  let clause: Unit | null = null;
  let point: Unit | null = null;
  let chapterNamePending = false;

  for (const line of recognised) {
    if (chapter && chapterNamePending && line.kind === 'paragraph') {
      chapter.heading = line.text;
      chapterNamePending = false;
      continue;
    }
    if (chapter && chapter.children.length === 0 && line.kind === 'paragraph' && chapter.heading && isUpper(line.text) && isUpper(chapter.heading)) {
      chapter.heading = `${chapter.heading} ${line.text}`;
      continue;
    }
    chapterNamePending = false;
    switch (line.kind) {
      case 'chapter':
        chapter = { type: 'chapter', heading: line.text, paragraphs: [], children: [] };
        top.push(chapter);
        article = null; clause = null; point = null;
        chapterNamePending = line.text === '';
        break;
      case 'article':
        article = { type: 'article', heading: line.text, paragraphs: [], children: [] };
        (chapter ? chapter.children : top).push(article);
        clause = null; point = null;
        break;
      case 'clause':
        clause = { type: 'clause', paragraphs: [line.text], children: [] };
        (article ? article.children : top).push(clause);
        point = null;
        break;
      case 'point':
        point = { type: 'point', paragraphs: [line.text], children: [] };
        (clause ? clause.children : top).push(point);
        break;
      case 'paragraph':
        if (point) point.paragraphs.push(line.text);
        else if (clause) clause.paragraphs.push(line.text);
        // An article's own paragraphs come before its clauses: after a clause, the text joins it.
        else if (article) article.paragraphs.push(line.text);
        else top.push({ type: 'paragraph', text: line.text });
        break;
    }
  }
  return top.map((node) => (node.type === 'paragraph' ? paragraphJSON(node.text) : unitJSON(node)));
}
