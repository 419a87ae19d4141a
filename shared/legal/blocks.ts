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
  /** Who wrote the text, run by run in order (lengths add up to the text's); `by` is null where unknown. */
  runs: Run[];
}

export interface Run { length: number; by: string | null }

export function textBlocks(doc: LegalNodeJSON): TextBlock[] {
  const numbering = numberDocument(doc);
  const blocks: TextBlock[] = [];

  const inlineText = (node: LegalNodeJSON, articleId: string | null, runs: Run[]): string =>
    (node.content ?? []).map((child) => {
      if (child.type !== 'reference' && child.text === undefined) return inlineText(child, articleId, runs);
      const text = child.type === 'reference' ? referenceLabel(numbering, String(child.attrs?.target ?? ''), articleId) ?? '[…]' : child.text ?? '';
      const by = child.by ?? null;
      const last = runs.at(-1);
      if (last && last.by === by) last.length += text.length;
      else if (text.length > 0) runs.push({ length: text.length, by });
      return text;
    }).join('');

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
      const runs: Run[] = [];
      blocks.push({
        key: `${parentKey}/${index}`,
        kind: child.type === 'title' ? 'title' : first ? kind : kind === 'preamble' ? 'preamble' : 'paragraph',
        label: first ? displayLabel(unit) : '',
        text: inlineText(child, unit?.kind === 'article' ? unit.id : unit?.articleId ?? null, runs),
        unitId: unit?.id ?? null,
        runs,
      });
    });
  };
  visit(doc, null, 'doc', 'paragraph');
  return blocks;
}
