/** Two versions of an agreement side by side: blocks aligned by their stable keys, words marked added or removed. */
import { diffArrays, diffWordsWithSpace } from 'diff';
import { textBlocks, type Run, type TextBlock } from './blocks.ts';
import type { LegalNodeJSON } from './numbering.ts';

/** `by`: who added (or removed) it, when the versions were read with their authorship. */
export interface Change { value: string; added?: boolean; removed?: boolean; by?: string }
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
        result.push({ key, kind: old.kind, status: 'removed', label: old.label, oldLabel: old.label, parts: byAuthor({ value: old.text, removed: true }, old.runs, 0) });
      } else if (part.added && current) {
        result.push({ key, kind: current.kind, status: 'added', label: current.label, oldLabel: '', parts: byAuthor({ value: current.text, added: true }, current.runs, 0) });
      } else if (old && current) {
        const same = old.text === current.text;
        result.push({
          key, kind: current.kind, status: same ? 'same' : 'changed', label: current.label, oldLabel: old.label,
          parts: same ? [{ value: current.text }] : wordChanges(old, current),
        });
      }
    }
  }
  return result;
}

/** The words changed inside a block, each added part split by who added it, each removed part by who removed it. */
function wordChanges(old: TextBlock, current: TextBlock): Change[] {
  let oldAt = 0;
  let newAt = 0;
  return diffWordsWithSpace(old.text, current.text).flatMap((c) => {
    if (c.added) {
      newAt += c.value.length;
      return byAuthor({ value: c.value, added: true, removed: undefined }, current.runs, newAt - c.value.length);
    }
    if (c.removed) {
      oldAt += c.value.length;
      return byAuthor({ value: c.value, added: undefined, removed: true }, old.runs, oldAt - c.value.length);
    }
    oldAt += c.value.length;
    newAt += c.value.length;
    return [{ value: c.value, added: undefined, removed: undefined }];
  });
}

/**
 * `change` (found at `start` in its block) cut where its author changes. A word diff may count a
 * space or a word of the unchanged text into a change: such a piece has no author of its own and
 * goes with its neighbour.
 */
function byAuthor(change: Change, runs: Run[], start: number): Change[] {
  if (!runs.some((run) => run.by)) return [change];
  const parts: Change[] = [];
  const end = start + change.value.length;
  let runStart = 0;
  for (const run of runs) {
    const from = Math.max(start, runStart);
    const to = Math.min(end, (runStart += run.length));
    if (to <= from) continue;
    const value = change.value.slice(from - start, to - start);
    const last = parts.at(-1);
    if (last && (!run.by || !last.by || last.by === run.by)) {
      last.value += value;
      last.by ??= run.by ?? undefined;
    } else parts.push({ ...change, value, ...(run.by ? { by: run.by } : {}) });
  }
  return parts;
}
