/**
 * An agreement as a Word document in the layout of Nghị định 30/2020/NĐ-CP: the parties' names
 * joined with hyphens top left with the number line, the national motto top right with the place
 * and date, the title, the body (Chương centred bold, Điều headings bold, Khoản "1.", Điểm "a)"),
 * the signature block of every party in the capacity its signatory signed in (shared/signature-block.ts),
 * then the recipients.
 */
import type { Sql } from '../db/client.ts';
import type { AgreementSummary } from '../domain/agreement/index.ts';
import { signatureBlocksOf } from '../domain/agreement/lifecycle.ts';
import { localDate, placeOf } from '../../shared/format.ts';
import { textBlocks, type TextBlock } from '../../shared/legal/blocks.ts';
import type { LegalNodeJSON } from '../../shared/legal/numbering.ts';
import { centered, documentHeader, documentLayout, ndSignatureTable, para, paragraph, renderDocx, run, type DocumentLayout, type LaidBlock } from './docx-layout.ts';

const DOCUMENT_KIND = /^(quy chế)\s+(\S.*)$/iu;

/**
 * Nghị định 30's title: the kind of document in capitals on its own line, then its summary in bold as
 * written ("QUY CHẾ" / "Phối hợp trong công tác…"), so that an export imports back to the same title.
 * A title that does not start with its kind is written in capitals.
 */
function titleLines(title: string): LaidBlock[] {
  const kind = DOCUMENT_KIND.exec(title.trim());
  if (!kind) return [centered([run(title.toUpperCase(), { bold: true })], 12)];
  const summary = kind[2]!;
  return [
    centered([run(kind[1]!.toUpperCase(), { bold: true })]),
    centered([run(summary.charAt(0).toUpperCase() + summary.slice(1), { bold: true })], 12),
  ];
}

function body(blocks: TextBlock[]): LaidBlock[] {
  const out: LaidBlock[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'title':
        out.push(...titleLines(block.text));
        break;
      case 'preamble':
        out.push(para([run(block.text, { italics: true })]));
        break;
      case 'chapter':
        out.push(paragraph([run(block.label, { bold: true })], { align: 'center', spacing: { beforePt: 12 } }));
        out.push(centered([run(block.text.toUpperCase(), { bold: true })], 6));
        break;
      case 'article':
        out.push(para([run(`${block.label} ${block.text}`.trim(), { bold: true })], { spacing: { beforePt: 6, afterPt: 6 } }));
        break;
      case 'clause':
      case 'point':
        out.push(para([`${block.label} ${block.text}`.trim()]));
        break;
      default:
        if (block.text.trim()) out.push(para([block.text]));
    }
  }
  return out;
}

/**
 * The agreement's text (current, or a saved version's) laid out, for the .docx and the .pdf.
 * Signatures shown are the valid ones given on that text: for a version, those that point at it.
 */
export async function agreementLayout(sql: Sql, agreement: AgreementSummary, content: LegalNodeJSON, versionId: string | null): Promise<DocumentLayout> {
  const { parties, blocks: signatureBlocks, lastSignedAt: lastSigned } = await signatureBlocksOf(sql, agreement, versionId);
  const lead = parties.find((p) => p.id === agreement.leadAgencyId) ?? parties[0];
  const date = agreement.inForceAt ? localDate(agreement.inForceAt) : lastSigned ? localDate(lastSigned) : localDate();
  const blocks = textBlocks(content);
  const title = blocks.find((b) => b.kind === 'title')?.text || agreement.title;

  const children = [
    ...documentHeader({
      issuingAgency: parties.map((p) => p.nameVi).join(' - '),
      number: `Số: ${agreement.docNumber || '      /QCPH'}`,
      place: placeOf(lead?.nameVi ?? ''),
      date,
    }),
    ...body(blocks.some((b) => b.kind === 'title') ? blocks : [{ key: 'title', kind: 'title', label: '', text: title, unitId: null, runs: [] }, ...blocks]),
    paragraph([], { spacing: { afterPt: 12 } }),
    ndSignatureTable(signatureBlocks),
    paragraph([run('Nơi nhận:', { bold: true, italics: true, size: 24 })], { spacing: { beforePt: 12 } }),
    ...parties.map((p) => paragraph([run(`- ${p.nameVi};`, { size: 22 })])),
    paragraph([run('- Lưu: VT.', { size: 22 })]),
  ];
  return documentLayout(title, children);
}

/** The agreement's text as a .docx. */
export async function agreementDocx(sql: Sql, agreement: AgreementSummary, content: LegalNodeJSON, versionId: string | null): Promise<Buffer> {
  return renderDocx(await agreementLayout(sql, agreement, content, versionId));
}
