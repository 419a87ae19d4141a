/**
 * The live minutes of a meeting (biên bản họp): plain headed text in the Y.Doc `minutes:<meetingId>`,
 * written together during the meeting. Attendance and conclusions are structured records beside it;
 * the text holds the discussion, item by item.
 */
import * as Y from 'yjs';
import { Schema, type Node as PMNode } from 'prosemirror-model';
import { prosemirrorJSONToYDoc, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror';

export const MINUTES_FRAGMENT = 'prosemirror';

export const minutesSchema = new Schema({
  nodes: {
    doc: { content: 'block+' },
    heading: { group: 'block', content: 'inline*', defining: true, parseDOM: [{ tag: 'h3' }], toDOM: () => ['h3', 0] },
    paragraph: { group: 'block', content: 'inline*', parseDOM: [{ tag: 'p' }], toDOM: () => ['p', 0] },
    text: { group: 'inline' },
  },
  marks: {
    strong: { parseDOM: [{ tag: 'strong' }, { tag: 'b' }], toDOM: () => ['strong', 0] },
    em: { parseDOM: [{ tag: 'em' }, { tag: 'i' }], toDOM: () => ['em', 0] },
  },
});

interface MinutesJSON { type: string; content?: MinutesJSON[]; text?: string }

/** The starting text: one heading per agenda item, ready to be written under. */
export function minutesTemplateJSON(agendaTitles: readonly string[], labels = { discussion: 'Nội dung thảo luận', item: 'Vấn đề' }): MinutesJSON {
  const blocks: MinutesJSON[] = [{ type: 'heading', content: [{ type: 'text', text: labels.discussion }] }];
  agendaTitles.forEach((title, index) => {
    blocks.push({ type: 'heading', content: [{ type: 'text', text: `${index + 1}. ${title || `${labels.item} ${index + 1}`}` }] });
    blocks.push({ type: 'paragraph' });
  });
  if (agendaTitles.length === 0) blocks.push({ type: 'paragraph' });
  return { type: 'doc', content: blocks };
}

/** A Y update seeding an empty minutes document (never applied to a live one). */
export function minutesJSONToYUpdate(json: MinutesJSON): Uint8Array {
  minutesSchema.nodeFromJSON(json).check();
  const ydoc = prosemirrorJSONToYDoc(minutesSchema, json, MINUTES_FRAGMENT);
  const update = Y.encodeStateAsUpdate(ydoc);
  ydoc.destroy();
  return update;
}

export function minutesDocOf(ydoc: Y.Doc): PMNode {
  return yXmlFragmentToProseMirrorRootNode(ydoc.getXmlFragment(MINUTES_FRAGMENT), minutesSchema);
}

/** A block of the frozen minutes: a heading or a paragraph of plain text. */
export interface MinutesBlock { kind: 'heading' | 'paragraph'; text: string }

/** The minutes as blocks of plain text, for the frozen record and the DOCX. */
export function minutesBlocks(ydoc: Y.Doc): MinutesBlock[] {
  const blocks: MinutesBlock[] = [];
  minutesDocOf(ydoc).forEach((node) => {
    blocks.push({ kind: node.type.name === 'heading' ? 'heading' : 'paragraph', text: node.textContent });
  });
  return blocks;
}
