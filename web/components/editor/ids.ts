/**
 * Keeps every chapter, article, clause and point with an id of its own: a node created without one
 * (splitting, a filled-in default, a paste from elsewhere) gets a fresh id, and a copy pasted next
 * to its original gets a fresh id while the original keeps its own. A node cut and pasted (moved)
 * keeps its id, so references, comments and action items still point at it.
 */
import { Plugin, PluginKey, type Transaction } from 'prosemirror-state';
import type { Node as PMNode } from 'prosemirror-model';
import { createNodeId, isStructuralKind } from '../../../shared/legal/schema.ts';

export const nodeIdPluginKey = new PluginKey('legalNodeIds');

function structuralNodes(doc: PMNode): { id: string | null; pos: number }[] {
  const found: { id: string | null; pos: number }[] = [];
  doc.descendants((node, pos) => {
    if (isStructuralKind(node.type.name)) found.push({ id: node.attrs.id as string | null, pos });
    return !node.isTextblock;
  });
  return found;
}

export function nodeIdPlugin(): Plugin {
  return new Plugin({
    key: nodeIdPluginKey,
    appendTransaction(transactions: readonly Transaction[], oldState, newState) {
      if (!transactions.some((tr) => tr.docChanged)) return null;
      // Where each id was before this change, mapped forward: the occurrence found there owns it.
      const ownerPos = new Map<string, number>();
      for (const { id, pos } of structuralNodes(oldState.doc)) {
        if (id) ownerPos.set(id, transactions.reduce((p, tr) => tr.mapping.map(p, 1), pos));
      }

      const nodes = structuralNodes(newState.doc);
      const count = new Map<string, number>();
      for (const { id } of nodes) if (id) count.set(id, (count.get(id) ?? 0) + 1);
      const claimed = new Set<string>();
      const needsId: number[] = [];
      // Owners first, so that a copy pasted before its original does not take the original's id.
      for (const { id, pos } of nodes) {
        if (id && count.get(id) === 1) claimed.add(id);
        else if (id && ownerPos.get(id) === pos) claimed.add(id);
      }
      for (const { id, pos } of nodes) {
        if (id && (count.get(id) === 1 || ownerPos.get(id) === pos)) continue;
        if (id && !claimed.has(id)) { claimed.add(id); continue; }
        needsId.push(pos);
      }
      if (needsId.length === 0) return null;
      const tr = newState.tr;
      for (const pos of needsId) tr.setNodeAttribute(pos, 'id', createNodeId());
      return tr;
    },
  });
}
