/**
 * The ProseMirror schema of a legal document (quy chế, thông tư liên tịch). The browser editor, the
 * DOCX export and search walk the same tree, so this module imports prosemirror-model only.
 *
 *   doc      title preamble? article* chapter*
 *   chapter  heading article*          Chương I, II… (the heading holds its name)
 *   article  heading paragraph* clause* Điều 1, 2… continuous across chapters
 *   clause   paragraph+ point*          Khoản "1." within its article; the first paragraph is its text
 *   point    paragraph+                 Điểm a), b)… within its clause
 *   title, heading, paragraph           text blocks holding text and inline `reference`s
 *   preamble paragraph+                 the "Căn cứ …" lines before the body
 *
 * Why `article* chapter*` rather than `(chapter | article)+`: a document either has chapters or
 * not, and an article after a chapter would be ambiguous (in it or not?). Articles before the first
 * chapter are the state of a document without chapters, or one while chapters are introduced.
 * Content expressions are lenient (`*` where drafting can pass through an empty state) because
 * y-prosemirror deletes a node that the schema refuses after a concurrent merge: strictness here
 * would lose text.
 *
 * Numbers are never stored: every structural node carries a stable random `id` and numbering.ts
 * computes "Điều 5", "khoản 2", "điểm a" from the position in the tree.
 */
import { Schema, type NodeSpec, type DOMOutputSpec } from 'prosemirror-model';

export const STRUCTURAL_KINDS = ['chapter', 'article', 'clause', 'point'] as const;
export type StructuralKind = (typeof STRUCTURAL_KINDS)[number];

export function isStructuralKind(name: string): name is StructuralKind {
  return (STRUCTURAL_KINDS as readonly string[]).includes(name);
}

/**
 * A fresh node id: 12 base-36 characters (about 62 bits), unique within a document in practice.
 * crypto.getRandomValues rather than randomUUID: the latter is missing outside secure contexts,
 * e.g. a phone opening the app over plain http on a LAN.
 */
export function createNodeId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => (b % 36).toString(36)).join('');
}

// The id defaults to null (never a shared constant): the editor's id plugin fills it on creation,
// and a missing required attribute would make y-prosemirror drop the node.
const idAttr = { id: { default: null as string | null, validate: 'string|null' } };

function structural(kind: StructuralKind, content: string): NodeSpec {
  return {
    content,
    group: 'structural',
    attrs: idAttr,
    defining: true,
    parseDOM: [{
      tag: `section[data-kind="${kind}"]`,
      getAttrs: (dom) => ({ id: (dom as HTMLElement).getAttribute('data-id') }),
    }],
    toDOM: (node): DOMOutputSpec => [
      'section', { class: `legal-${kind}`, 'data-kind': kind, 'data-id': node.attrs.id }, 0,
    ],
  };
}

const nodes: Record<string, NodeSpec> = {
  doc: { content: 'title preamble? article* chapter*' },
  title: {
    content: 'inline*',
    defining: true,
    parseDOM: [{ tag: 'h1' }],
    toDOM: () => ['h1', { class: 'legal-title' }, 0],
  },
  preamble: {
    content: 'paragraph+',
    parseDOM: [{ tag: 'div.legal-preamble' }],
    toDOM: () => ['div', { class: 'legal-preamble' }, 0],
  },
  chapter: structural('chapter', 'heading article*'),
  article: structural('article', 'heading paragraph* clause*'),
  clause: structural('clause', 'paragraph+ point*'),
  point: structural('point', 'paragraph+'),
  heading: {
    content: 'inline*',
    defining: true,
    parseDOM: [{ tag: 'h2' }],
    toDOM: () => ['h2', { class: 'legal-heading' }, 0],
  },
  paragraph: {
    content: 'inline*',
    parseDOM: [{ tag: 'p' }],
    toDOM: () => ['p', 0],
  },
  text: { group: 'inline' },
  /** A cross-reference to a chapter, article, clause or point by id; its label is computed. */
  reference: {
    group: 'inline',
    inline: true,
    atom: true,
    selectable: true,
    attrs: { target: { default: null as string | null, validate: 'string|null' } },
    parseDOM: [{
      tag: 'span.legal-reference[data-target]',
      getAttrs: (dom) => ({ target: (dom as HTMLElement).getAttribute('data-target') }),
    }],
    toDOM: (node): DOMOutputSpec => ['span', { class: 'legal-reference', 'data-target': node.attrs.target }],
  },
};

export const legalSchema = new Schema({ nodes });

