import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { blankAgreementJSON, DEMO_ARTICLE_IDS, demoAgreementJSON, legalJSONToYUpdate } from '../../shared/legal/demo-text.ts';
import { legalDocOf } from '../../shared/legal/ydoc.ts';
import { legalSchema } from '../../shared/legal/schema.ts';
import { numberDocument, referenceLabel, type LegalNodeJSON } from '../../shared/legal/numbering.ts';

function references(node: LegalNodeJSON): string[] {
  if (node.type === 'reference') return [node.attrs?.target as string];
  return (node.content ?? []).flatMap(references);
}

describe('the demo agreement', () => {
  const json = demoAgreementJSON();
  const doc = legalSchema.nodeFromJSON(json);
  const numbering = numberDocument(json);
  const articles = numbering.nodes.filter((n) => n.kind === 'article');

  it('is valid in the legal schema, with three chapters and 12 to 20 articles', () => {
    expect(() => doc.check()).not.toThrow();
    expect(numbering.nodes.filter((n) => n.kind === 'chapter').map((n) => n.number)).toEqual(['I', 'II', 'III']);
    expect(articles.length).toBeGreaterThanOrEqual(12);
    expect(articles.length).toBeLessThanOrEqual(20);
    expect(numbering.nodes.some((n) => n.kind === 'point')).toBe(true);
  });

  it('has Điều 8 on explaining a judgment within 15 days, Điều 11 on police protection, Điều 12 on the procuracy', () => {
    const article = (id: string) => numbering.byId.get(id)!;
    expect(article(DEMO_ARTICLE_IDS.courtExplainsJudgment)).toMatchObject({ number: '8' });
    expect(article(DEMO_ARTICLE_IDS.courtExplainsJudgment).text).toMatch(/giải thích/);
    expect(JSON.stringify(json)).toMatch(/Trong thời hạn 15 ngày kể từ ngày nhận được văn bản yêu cầu, Tòa án/);
    expect(article(DEMO_ARTICLE_IDS.policeProtectCoercion)).toMatchObject({ number: '11' });
    expect(article(DEMO_ARTICLE_IDS.policeProtectCoercion).text).toMatch(/bảo vệ cưỡng chế/);
    expect(article(DEMO_ARTICLE_IDS.procuracySupervisesCoercion)).toMatchObject({ number: '12' });
    expect(article(DEMO_ARTICLE_IDS.procuracySupervisesCoercion).text).toMatch(/kiểm sát cưỡng chế/);
  });

  it('has unique ids and cross-references that all resolve', () => {
    const ids = numbering.nodes.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    const targets = references(json);
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) expect(referenceLabel(numbering, target)).not.toBeNull();
    expect(targets.map((t) => referenceLabel(numbering, t))).toContain('khoản 2 Điều 10');
  });

  it('round-trips through a Y.Doc update', () => {
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, legalJSONToYUpdate(json));
    expect(legalDocOf(ydoc).toJSON()).toEqual(doc.toJSON());
  });

  it('gives a blank agreement that is valid and round-trips too', () => {
    const blank = blankAgreementJSON('Quy chế phối hợp mới');
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, legalJSONToYUpdate(blank));
    expect(legalDocOf(ydoc).toJSON()).toEqual(legalSchema.nodeFromJSON(blank).toJSON());
  });

  it('refuses to seed JSON the schema refuses', () => {
    expect(() => legalJSONToYUpdate({ type: 'doc', content: [{ type: 'paragraph' }] })).toThrow();
  });
});
