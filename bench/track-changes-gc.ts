/**
 * What keeping deleted content would cost (Yjs `gc: false`, needed by y-prosemirror's snapshot
 * rendering with PermanentUserData): one 200-article agreement (800 paragraphs) built through the
 * editor's binding, then a drafting session of 4 000 edits (words typed, words deleted, whole
 * paragraphs rewritten), the same on a document with gc on and one with gc off. Prints one JSON
 * line: stored state bytes and heap after loading the state, for each.
 */
import * as Y from 'yjs';
import { prosemirrorJSONToYDoc } from 'y-prosemirror';
import { legalSchema } from '../shared/legal/schema.ts';
import { LEGAL_FRAGMENT } from '../shared/legal/ydoc.ts';

const words = 'các cơ quan phối hợp trong việc thi hành án dân sự theo quy định của pháp luật về tố tụng'.split(' ');
const sentence = (n: number) => Array.from({ length: 40 }, (_, i) => words[(n + i) % words.length]).join(' ');
const json = {
  type: 'doc', content: [{ type: 'title', content: [{ type: 'text', text: 'Quy chế phối hợp' }] },
    ...Array.from({ length: 200 }, (_, a) => ({
      type: 'article', attrs: { id: `a${a}` }, content: [{ type: 'heading', content: [{ type: 'text', text: `Điều khoản ${a}` }] },
        ...Array.from({ length: 3 }, (_, k) => ({ type: 'clause', attrs: { id: `a${a}k${k}` }, content: [{ type: 'paragraph', content: [{ type: 'text', text: sentence(a * 3 + k) }] }] }))],
    }))],
};

function session(gc: boolean) {
  const seed = prosemirrorJSONToYDoc(legalSchema, json, LEGAL_FRAGMENT);
  const doc = new Y.Doc({ gc });
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(seed));
  const texts: Y.XmlText[] = [];
  const walk = (node: Y.XmlFragment | Y.XmlElement) => node.toArray().forEach((c) => (c instanceof Y.XmlText ? texts.push(c) : c instanceof Y.XmlElement && walk(c)));
  walk(doc.getXmlFragment(LEGAL_FRAGMENT));
  let r = 7;
  const rand = (n: number) => ((r = (r * 1103515245 + 12345) % 2 ** 31), r % n);
  for (let i = 0; i < 4000; i++) {
    const text = texts[rand(texts.length)];
    const at = rand(Math.max(1, text.length - 10));
    if (i % 40 === 0) { text.delete(0, text.length); text.insert(0, sentence(i)); }
    else if (i % 2 === 0) text.insert(at, ` ${words[rand(words.length)]}`);
    else text.delete(at, Math.min(6, text.length - at));
  }
  const state = Y.encodeStateAsUpdate(doc);
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const loaded = new Y.Doc({ gc });
  Y.applyUpdate(loaded, state);
  global.gc?.();
  const heap = process.memoryUsage().heapUsed - before;
  loaded.destroy();
  return { stateBytes: state.byteLength, heapBytes: heap };
}

const on = session(true);
const off = session(false);
console.log(JSON.stringify({ benchmark: 'track-changes-gc', document: '200 articles, 600 clauses, 4000 edits', gcOn: on, gcOff: off, stateRatio: +(off.stateBytes / on.stateBytes).toFixed(2) }));
