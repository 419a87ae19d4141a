/** The agreement as PDF: the very layout of the .docx (agreement-docx.ts), drawn by pdf-layout.ts. */
import type { Sql } from '../db/client.ts';
import type { AgreementSummary } from '../domain/agreement/index.ts';
import type { LegalNodeJSON } from '../../shared/legal/numbering.ts';
import { agreementLayout } from './agreement-docx.ts';
import { renderPdf } from './pdf-layout.ts';

export async function agreementPdf(sql: Sql, agreement: AgreementSummary, content: LegalNodeJSON, versionId: string | null): Promise<Buffer> {
  return renderPdf(await agreementLayout(sql, agreement, content, versionId));
}
