/** Two versions of an agreement side by side: blocks aligned by their stable keys, words marked added or removed. */
import { diffArrays, diffWordsWithSpace } from 'diff';
import { textBlocks, type TextBlock } from './blocks.ts';
import type { LegalNodeJSON } from './numbering.ts';

export interface Change { value: string; added?: boolean; removed?: boolean }
export interface ComparedBlock {
  key: string;
  kind: TextBlock['kind'];
  status: 'same' | 'changed' | 'added' | 'removed';
  /** The label in the newer version (the older one's for a removed block). */
  label: string;
  oldLabel: string;
  parts: Change[];
}

export function compareVersions(older: LegalNodeJSON, newer: LegalNodeJSON): ComparedBlock[] {
  const before = textBlocks(older);
  const after = textBlocks(newer);
  const oldByKey = new Map(before.map((b) => [b.key, b]));
  const newByKey = new Map(after.map((b) => [b.key, b]));
  const result: ComparedBlock[] = [];
  for (const part of diffArrays(before.map((b) => b.key), after.map((b) => b.key))) {
    for (const key of part.value) {
      const old = oldByKey.get(key);
      const current = newByKey.get(key);
      if (part.removed && old) {
        result.push({ key, kind: old.kind, status: 'removed', label: old.label, oldLabel: old.label, parts: [{ value: old.text, removed: true }] });
      } else if (part.added && current) {
        result.push({ key, kind: current.kind, status: 'added', label: current.label, oldLabel: '', parts: [{ value: current.text, added: true }] });
      } else if (old && current) {
        const same = old.text === current.text;
        result.push({
          key, kind: current.kind, status: same ? 'same' : 'changed', label: current.label, oldLabel: old.label,
          parts: same ? [{ value: current.text }] : diffWordsWithSpace(old.text, current.text).map((c) => ({ value: c.value, added: c.added || undefined, removed: c.removed || undefined })),
        });
      }
    }
  }
  return result;
}
