/** The approved minutes (biên bản) as PDF: the very layout of the .docx (minutes-docx.ts), drawn by pdf-layout.ts. */
import type { Sql } from '../db/client.ts';
import type { MeetingSummary } from '../domain/meeting/index.ts';
import { minutesLayout } from './minutes-docx.ts';
import { renderPdf } from './pdf-layout.ts';

export async function minutesPdf(sql: Sql, meeting: MeetingSummary, version: number | null = null): Promise<Buffer> {
  return renderPdf(await minutesLayout(sql, meeting, version));
}
