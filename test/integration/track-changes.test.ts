/**
 * Track changes per agency, through the real server and stock y-websocket clients: suggestions
 * over several blocks (text changed in a clause, a whole article inserted, one removed) computed
 * from an edited copy of the text as the browser does, kept inside the agency until released,
 * accepted into the live text (numbering follows) or rejected; an outdated range is refused with
 * CONFLICT; a suggestion too large is refused with its limits.
 */
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import type { Node as PMNode } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import { loadStoredDoc } from '../../server/collab/storage.ts';
import { DEMO_IDS } from '../../server/demo/seed.ts';
import { docName } from '../../shared/collab.ts';
import { localDate } from '../../shared/format.ts';
import { textBlocks } from '../../shared/legal/blocks.ts';
import { legalSchema } from '../../shared/legal/schema.ts';
import { legalDocOf } from '../../shared/legal/ydoc.ts';
import type { LegalNodeJSON } from '../../shared/legal/numbering.ts';
import { SUGGESTION_MAX_BLOCKS, anchorRange, changesBetween, proseMirrorOf, type TextChange } from '../../shared/legal/suggestions.ts';
import { collabServerPerTest } from '../helpers.ts';

const suite = collabServerPerTest();
const { query, mutate } = suite;
const agreementId = DEMO_IDS.agreement;
const open = (who: string) => suite.openAgreement(who, agreementId);

async function storedJSON(): Promise<LegalNodeJSON> {
  const doc = await loadStoredDoc(suite.server.testDb.db, docName('agreement', agreementId));
  try {
    return legalDocOf(doc).toJSON() as LegalNodeJSON;
  } finally {
    doc.destroy();
  }
}

function unitPos(doc: PMNode, id: string): { pos: number; node: PMNode } {
  let found: { pos: number; node: PMNode } | null = null;
  doc.descendants((node, pos) => {
    if (found) return false;
    if (node.attrs.id === id) found = { pos, node };
    return true;
  });
  if (!found) throw new Error(`no unit ${id}`);
  return found;
}

/** Where a text is in the document (inside one text node). */
function textPos(doc: PMNode, needle: string): number {
  let at = -1;
  doc.descendants((node, pos) => {
    if (at >= 0) return false;
    if (node.isText && node.text!.includes(needle)) at = pos + node.text!.indexOf(needle);
    return true;
  });
  if (at < 0) throw new Error(`no text ${needle}`);
  return at;
}

const para = (text: string) => legalSchema.node('paragraph', null, [legalSchema.text(text)]);
const newArticle = (id: string, title: string, body: string) => legalSchema.node('article', { id }, [
  legalSchema.node('heading', null, [legalSchema.text(title)]),
  legalSchema.node('clause', { id: `${id}-k1` }, [para(body)]),
]);

/** The suggestion inputs of each contiguous change between the client's text and an edited copy, as the browser sends them. */
function suggestionsOf(ydoc: Y.Doc, edit: (tr: Transform) => void): { changes: TextChange[]; inputs: Record<string, unknown>[] } {
  const { fragment, doc, mapping } = proseMirrorOf(ydoc);
  const tr = new Transform(doc);
  edit(tr);
  const changes = changesBetween(doc, tr.doc);
  return {
    changes,
    inputs: changes.map((change) => ({ agreementId, ...anchorRange(fragment, mapping, change.from, change.to), content: JSON.stringify(change.slice.toJSON()) })),
  };
}

const labelOf = (json: LegalNodeJSON, text: string) => textBlocks(json).find((b) => b.text.includes(text))?.label;
const idsSeenBy = async (who: string) => (await query(who, 'suggestions', { agreementId })).data.map((s: { id: string }) => s.id);

describe('suggestions over several blocks (track changes)', () => {
  it('text changed inside a clause, an article inserted and one removed: three suggestions kept inside the agency, released, accepted or rejected; numbering follows', async () => {
    const toaan = await open('toaan');
    expect((await mutate('thads', 'transition', { agreementId, to: 'consultation', deadline: localDate() })).status).toBe(200);
    const before = await storedJSON();
    const lastArticle = textBlocks(before).filter((b) => b.kind === 'article').at(-1)!;

    const { changes, inputs } = suggestionsOf(toaan.doc, (tr) => {
      // Deleted last (positions of earlier edits stay valid): the last article, then the rest in reverse order.
      const last = unitPos(tr.doc, lastArticle.unitId!);
      tr.delete(last.pos, last.pos + last.node.nodeSize);
      const a1 = unitPos(tr.doc, 'demo-a01');
      tr.insert(a1.pos + a1.node.nodeSize, newArticle('new-art', 'Trao đổi thông tin điện tử', 'Các bên trao đổi văn bản qua hệ thống điện tử.'));
      const at = textPos(tr.doc, 'Trong thời hạn 15 ngày');
      tr.replaceWith(at + 'Trong thời hạn '.length, at + 'Trong thời hạn 15 ngày'.length, legalSchema.text('10 ngày làm việc'));
    });
    expect(changes).toHaveLength(3);

    const ids: string[] = [];
    for (const input of inputs) {
      const made = await mutate('toaan', 'suggest', input);
      expect(made.status).toBe(200);
      ids.push(made.data.id);
    }
    const [insertId, textId, removeId] = ids;
    // Inside TAND until its reviewer releases them.
    expect(await idsSeenBy('toaan')).toEqual(ids);
    expect(await idsSeenBy('thads')).toEqual([]);
    expect((await mutate('thads', 'acceptSuggestion', { agreementId, suggestionId: textId })).error?.data.code).toBe('NOT_FOUND');
    expect((await mutate('toaan', 'releaseOwn', { agreementId })).data).toMatchObject({ suggestions: 3 });
    const seen = (await query('thads', 'suggestions', { agreementId })).data;
    expect(seen.map((s: { id: string }) => s.id)).toEqual(ids);
    const inserted = seen.find((s: { id: string }) => s.id === insertId);
    expect(inserted).toMatchObject({ quote: '', status: 'pending' });
    expect(inserted.replacement).toContain('Trao đổi thông tin điện tử');
    expect(JSON.parse(inserted.content).content[0]).toMatchObject({ type: 'article', attrs: { id: 'new-art' } });

    // The lead: the article inserted and the clause's text accepted, the removal rejected.
    expect((await mutate('toaan', 'acceptSuggestion', { agreementId, suggestionId: insertId })).error?.data.code).toBe('FORBIDDEN');
    expect((await mutate('thads', 'acceptSuggestion', { agreementId, suggestionId: insertId, expectedStatus: 'consultation' })).status).toBe(200);
    expect((await mutate('thads', 'acceptSuggestion', { agreementId, suggestionId: textId, expectedStatus: 'consultation' })).status).toBe(200);
    expect((await mutate('thads', 'rejectSuggestion', { agreementId, suggestionId: removeId, expectedStatus: 'consultation' })).status).toBe(200);
    expect((await mutate('thads', 'acceptSuggestion', { agreementId, suggestionId: removeId })).error?.data.code).toBe('CONFLICT');

    const after = await storedJSON();
    const text = textBlocks(after).map((b) => b.text).join('\n');
    expect(text).toContain('Trong thời hạn 10 ngày làm việc');
    expect(text).not.toContain('Trong thời hạn 15 ngày');
    expect(text).toContain(lastArticle.text);
    // The inserted article is Điều 2; the former Điều 2 is now Điều 3, and the article count grew by one.
    expect(labelOf(after, 'Trao đổi thông tin điện tử')).toBe('Điều 2.');
    const secondBefore = textBlocks(before).filter((b) => b.kind === 'article')[1];
    expect(labelOf(after, secondBefore.text)).toBe('Điều 3.');
    expect(textBlocks(after).filter((b) => b.kind === 'article')).toHaveLength(textBlocks(before).filter((b) => b.kind === 'article').length + 1);
    // Relayed to an open editor without reopening it.
    const observer = await open('congan');
    expect(textBlocks(legalDocOf(observer.doc).toJSON() as LegalNodeJSON).map((b) => b.text)).toEqual(textBlocks(after).map((b) => b.text));
    expect((await query('toaan', 'suggestions', { agreementId })).data.map((s: { status: string }) => s.status)).toEqual(['accepted', 'accepted', 'rejected']);
  });

  it('a suggestion whose text changed meanwhile is outdated: accepting it is refused with CONFLICT and a Vietnamese message', async () => {
    const toaan = await open('toaan');
    const vks = await open('vks');
    await mutate('thads', 'transition', { agreementId, to: 'consultation', deadline: localDate() });
    // Both agencies rewrite the same clause (two clauses replaced as one run by TAND).
    const a08 = 'demo-a08-k1';
    const tand = suggestionsOf(toaan.doc, (tr) => {
      const clause = unitPos(tr.doc, a08);
      tr.replaceWith(clause.pos, clause.pos + clause.node.nodeSize, [
        legalSchema.node('clause', { id: a08 }, [para('Khoản mới thứ nhất do Tòa án đề xuất.')]),
        legalSchema.node('clause', { id: 'tand-k2' }, [para('Khoản mới thứ hai do Tòa án đề xuất.')]),
      ]);
    });
    const viks = suggestionsOf(vks.doc, (tr) => {
      const clause = unitPos(tr.doc, a08);
      tr.insert(clause.pos + 12, legalSchema.text(' (Viện kiểm sát sửa) '));
    });
    const t = await mutate('toaan', 'suggest', tand.inputs[0]);
    const v = await mutate('vks', 'suggest', viks.inputs[0]);
    expect([t.status, v.status]).toEqual([200, 200]);
    await mutate('toaan', 'releaseOwn', { agreementId });
    await mutate('vks', 'releaseOwn', { agreementId });
    expect((await mutate('thads', 'acceptSuggestion', { agreementId, suggestionId: v.data.id })).status).toBe(200);
    const refused = await mutate('thads', 'acceptSuggestion', { agreementId, suggestionId: t.data.id });
    expect(refused.error?.data.code).toBe('CONFLICT');
    expect(refused.error?.message).toMatch(/đã thay đổi sau khi đề xuất được lập/);
    const text = textBlocks(await storedJSON()).map((b) => b.text).join('\n');
    expect(text).toContain(' (Viện kiểm sát sửa) ');
    expect(text).not.toContain('Khoản mới thứ nhất');
    // Still pending: it can be rejected.
    expect((await mutate('thads', 'rejectSuggestion', { agreementId, suggestionId: t.data.id })).status).toBe(200);
  });

  it('a suggestion too large (blocks or bytes) or not fitting the structure is refused in Vietnamese, and nothing is saved', async () => {
    const toaan = await open('toaan');
    await mutate('thads', 'transition', { agreementId, to: 'consultation', deadline: localDate() });
    const many = suggestionsOf(toaan.doc, (tr) => {
      const a1 = unitPos(tr.doc, 'demo-a01');
      const clauses = Array.from({ length: SUGGESTION_MAX_BLOCKS + 1 }, (_, i) => legalSchema.node('clause', { id: `big-${i}` }, [para(`Khoản ${i}.`)]));
      tr.insert(a1.pos + a1.node.nodeSize - 1, clauses);
    });
    expect(many.changes).toHaveLength(1);
    const tooMany = await mutate('toaan', 'suggest', many.inputs[0]);
    expect(tooMany.error?.data.code).toBe('BAD_REQUEST');
    expect(tooMany.error?.message).toBe(`Đề xuất quá lớn: tối đa ${SUGGESTION_MAX_BLOCKS} đoạn và 100 KB nội dung cho một đề xuất; hãy chia thành nhiều đề xuất.`);
    const heavy = suggestionsOf(toaan.doc, (tr) => {
      tr.insert(textPos(tr.doc, 'Trong thời hạn 15 ngày'), legalSchema.text('x'.repeat(120_000)));
    });
    expect((await mutate('toaan', 'suggest', heavy.inputs[0])).error?.message).toMatch(/^Đề xuất quá lớn/);
    // A clause proposed at the top of the document does not fit the schema.
    const { fragment, mapping } = proseMirrorOf(toaan.doc);
    const misplaced = { agreementId, ...anchorRange(fragment, mapping, 0, 0), content: JSON.stringify({ content: [{ type: 'clause', attrs: { id: 'x' }, content: [{ type: 'text', text: 'Lạc chỗ' }] }] }) };
    const wrong = await mutate('toaan', 'suggest', misplaced);
    expect(wrong.error?.data.code).toBe('BAD_REQUEST');
    expect(wrong.error?.message).toMatch(/không khớp cấu trúc văn bản/);
    expect(await idsSeenBy('toaan')).toEqual([]);
  });
});
