/**
 * Numbers of a legal document, computed from its tree and never stored: Chương in Roman numerals,
 * Điều in Arabic numbers continuous through the whole document, Khoản "1." within its article,
 * Điểm lettered within its clause. Works on a ProseMirror node or on its JSON, so the editor, the
 * DOCX export and search agree on every number.
 */
import type { Node as PMNode } from 'prosemirror-model';
import { isStructuralKind, type StructuralKind } from './schema.ts';

const ROMAN: [number, string][] = [
  [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
  [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
];

/** 1 → "I", 14 → "XIV". Outside 1–3999 Roman numerals do not exist: the Arabic number is returned. */
export function toRoman(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 3999) return String(n);
  let rest = n;
  let out = '';
  for (const [value, symbol] of ROMAN) {
    while (rest >= value) { out += symbol; rest -= value; }
  }
  return out;
}

/** The letters of Vietnamese points, in order: đ is one, f j w z are not (nor ă â ê ô ơ ư). */
export const POINT_LETTERS = ['a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'x', 'y'] as const;

/**
 * 1 → "a", 5 → "đ", 23 → "y". Past "y" the letters repeat, doubled then tripled (24 → "aa",
 * 25 → "bb", 47 → "aaa"): drafting rules stop at "y", but a draft may hold more points than that
 * for a while and must still show distinct, ordered labels.
 */
export function pointLetter(n: number): string {
  if (!Number.isInteger(n) || n < 1) return String(n);
  const count = POINT_LETTERS.length;
  const letter = POINT_LETTERS[(n - 1) % count];
  return letter.repeat(Math.floor((n - 1) / count) + 1);
}

/** The JSON of a ProseMirror node, as `node.toJSON()` writes it. */
export interface LegalNodeJSON {
  type: string;
  attrs?: Record<string, unknown>;
  content?: LegalNodeJSON[];
  text?: string;
  /** Who wrote this text or reference, where the JSON was read with its authorship (a version comparison). */
  by?: string | null;
}

export interface NumberedNode {
  id: string;
  kind: StructuralKind;
  /** Position among its numbered siblings: chapters and articles across the document. */
  ordinal: number;
  /** "II" for a chapter, "5" for an article and for a clause, "a" for a point. */
  number: string;
  /** Plain text of a chapter's or article's heading; of a clause's or point's first paragraph. */
  text: string;
  chapterId: string | null;
  articleId: string | null;
  clauseId: string | null;
}

export interface Numbering {
  /** Every structural node with an id, in document order. */
  nodes: NumberedNode[];
  byId: Map<string, NumberedNode>;
}

type AnyNode = PMNode | LegalNodeJSON;

function typeName(node: AnyNode): string {
  return typeof node.type === 'string' ? node.type : node.type.name;
}

function children(node: AnyNode): readonly AnyNode[] {
  return 'children' in node ? node.children : (node.content ?? []);
}

function attr(node: AnyNode, name: string): unknown {
  return node.attrs?.[name];
}

function textOf(node: AnyNode): string {
  if ('textContent' in node) return node.textContent;
  return node.text ?? (node.content ?? []).map(textOf).join('');
}

/** Computes the number of every chapter, article, clause and point of a document. */
export function numberDocument(doc: AnyNode): Numbering {
  const nodes: NumberedNode[] = [];
  const counters = { chapter: 0, article: 0 };
  const scope = { chapterId: null as string | null, articleId: null as string | null, clauseId: null as string | null };

  function visit(node: AnyNode, siblingIndex: { clause: number; point: number }): void {
    const kind = typeName(node);
    if (!isStructuralKind(kind)) return;
    const id = attr(node, 'id');
    let ordinal: number;
    let number: string;
    if (kind === 'chapter') { ordinal = ++counters.chapter; number = toRoman(ordinal); }
    else if (kind === 'article') { ordinal = ++counters.article; number = String(ordinal); }
    else if (kind === 'clause') { ordinal = ++siblingIndex.clause; number = String(ordinal); }
    else { ordinal = ++siblingIndex.point; number = pointLetter(ordinal); }

    const kids = children(node);
    const first = kids[0];
    // A node without an id (for the instant before the editor assigns one) is still counted, so
    // that its siblings keep their numbers, but it cannot be a reference target.
    if (typeof id === 'string') {
      nodes.push({ id, kind, ordinal, number, text: first ? textOf(first) : '', ...scope });
    }

    const saved = { ...scope };
    const key = kind === 'chapter' ? 'chapterId' : kind === 'article' ? 'articleId' : kind === 'clause' ? 'clauseId' : null;
    if (key) scope[key] = typeof id === 'string' ? id : null;
    const inner = { clause: 0, point: 0 };
    for (const child of kids) visit(child, inner);
    Object.assign(scope, saved);
  }

  const top = { clause: 0, point: 0 };
  for (const child of children(doc)) visit(child, top);
  return { nodes, byId: new Map(nodes.map((n) => [n.id, n])) };
}

/** "Chương II", "Điều 5", "Khoản 1." style prefixes shown before a node's text in the document. */
export function displayLabel(node: NumberedNode): string {
  switch (node.kind) {
    case 'chapter': return `Chương ${node.number}`;
    case 'article': return `Điều ${node.number}.`;
    case 'clause': return `${node.number}.`;
    case 'point': return `${node.number})`;
  }
}

/**
 * The label of a cross-reference, from the smallest unit up, lower case but "Điều":
 * "điểm a khoản 2 Điều 5". Within the document the chapter is never named for an article or below.
 * When the reference sits in the same article as its target, the article is "Điều này"
 * ("khoản 2 Điều này"), as Vietnamese drafting writes it. Null when the target no longer exists.
 */
export function referenceLabel(numbering: Numbering, targetId: string, fromArticleId?: string | null): string | null {
  const target = numbering.byId.get(targetId);
  if (!target) return null;
  if (target.kind === 'chapter') return `Chương ${target.number}`;

  const parts: string[] = [];
  if (target.kind === 'point') parts.push(`điểm ${target.number}`);
  const clause = target.kind === 'clause' ? target : target.clauseId ? numbering.byId.get(target.clauseId) : undefined;
  if (clause) parts.push(`khoản ${clause.number}`);
  const article = target.kind === 'article' ? target : target.articleId ? numbering.byId.get(target.articleId) : undefined;
  if (article) {
    const sameArticle = fromArticleId != null && fromArticleId === article.id && target.kind !== 'article';
    parts.push(sameArticle ? 'Điều này' : `Điều ${article.number}`);
  }
  return parts.join(' ');
}
