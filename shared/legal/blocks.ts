/**
 * A legal document read as a list of text blocks in order, each with the number a reader sees
 * ("Điều 5.", "2.", "a)") and cross-references written out. The comparison of versions, the DOCX
 * export and search all read the document this way.
 */
import { displayLabel, numberDocument, referenceLabel, type LegalNodeJSON, type NumberedNode } from './numbering.ts';
import { isStructuralKind } from './schema.ts';

export interface TextBlock {
  /** Stable across versions: the structural node's id and the block's place in it. */
  key: string;
  kind: 'title' | 'preamble' | 'chapter' | 'article' | 'clause' | 'point' | 'paragraph';
  /** "Chương II", "Điều 5.", "2.", "a)" on the first block of a unit; "" otherwise. */
  label: string;
  text: string;
  unitId: string | null;
}

export function textBlocks(doc: LegalNodeJSON): TextBlock[] {
  const numbering = numberDocument(doc);
  const blocks: TextBlock[] = [];

  const inlineText = (node: LegalNodeJSON, articleId: string | null): string =>
    (node.content ?? []).map((child) => child.type === 'reference'
      ? referenceLabel(numbering, String(child.attrs?.target ?? ''), articleId) ?? '[…]'
      : child.text ?? inlineText(child, articleId)).join('');

  const visit = (node: LegalNodeJSON, unit: NumberedNode | null, parentKey: string, kind: TextBlock['kind']): void => {
    (node.content ?? []).forEach((child, index) => {
      if (isStructuralKind(child.type)) {
        const id = typeof child.attrs?.id === 'string' ? child.attrs.id : null;
        const numbered = id ? numbering.byId.get(id) ?? null : null;
        visit(child, numbered, id ?? `${parentKey}/${index}`, child.type as TextBlock['kind']);
        return;
      }
      if (child.type === 'preamble') return visit(child, null, 'preamble', 'preamble');
      const first = unit !== null && index === 0;
      blocks.push({
        key: `${parentKey}/${index}`,
        kind: child.type === 'title' ? 'title' : first ? kind : kind === 'preamble' ? 'preamble' : 'paragraph',
        label: first ? displayLabel(unit) : '',
        text: inlineText(child, unit?.kind === 'article' ? unit.id : unit?.articleId ?? null),
        unitId: unit?.id ?? null,
      });
    });
  };
  visit(doc, null, 'doc', 'paragraph');
  return blocks;
}
