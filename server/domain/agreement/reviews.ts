/**
 * Reviews of an agreement in force: sơ kết (preliminary, after about a year) and tổng kết (final).
 * A dated record with its report; the report starts from what happened in the period: the
 * agreement's duties and their outcomes, and the conclusions of the parties' meetings.
 */
import type { Transaction } from '@libsql/client';
import type { z } from 'zod';
import { all, type Sql } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import type { Actor } from '../../policy/index.ts';
import { recordAudit } from '../audit/index.ts';
import { DomainError } from '../errors.ts';
import { listActionItemsOfAgreement } from '../action-item/index.ts';
import type { AgreementSummary } from './index.ts';
import type { ReviewKind } from '../../../shared/domain.ts';
import type { reviewInput } from '../../../shared/lifecycle.ts';
import { ACTION_ITEM_STATUS_NAMES } from '../../../shared/messages.ts';
import { formatDate, localDate } from '../../../shared/format.ts';

export interface ReviewRow { id: string; kind: ReviewKind; reviewDate: string; from: string; to: string; report: string; createdByName: string; createdAt: string }

export async function listReviews(sql: Sql, agreementId: string): Promise<ReviewRow[]> {
  const rows = await all(sql, `
    SELECT r.id, r.kind, r.review_date, r.period_from, r.period_to, r.report, u.name AS created_by_name, r.created_at
      FROM agreement_reviews r JOIN users u ON u.id = r.created_by WHERE r.agreement_id = ? ORDER BY r.review_date, r.created_at`, [agreementId]);
  return rows.map((row) => ({
    id: String(row.id), kind: row.kind as ReviewKind, reviewDate: String(row.review_date), from: String(row.period_from), to: String(row.period_to),
    report: String(row.report), createdByName: String(row.created_by_name), createdAt: String(row.created_at),
  }));
}

/** The report to start from: duties due or reported in the period with their outcomes, then the meetings' conclusions. */
export async function reviewDraft(sql: Sql, agreement: AgreementSummary, from: string, to: string): Promise<string> {
  if (to < from) throw new DomainError('BAD_REQUEST', 'periodInverted');
  const items = (await listActionItemsOfAgreement(sql, agreement.id))
    .filter((item) => (item.dueDate >= from && item.dueDate <= to) || (localDate(item.updatedAt) >= from && localDate(item.updatedAt) <= to));
  const parties = [...new Set([agreement.leadAgencyId, ...agreement.partyAgencyIds])];
  const marks = parties.map(() => '?').join(', ');
  const conclusions = await all(sql, `
    SELECT m.title, m.starts_at, c.text
      FROM meetings m JOIN meeting_conclusions c ON c.meeting_id = m.id
     WHERE m.status <> 'cancelled' AND m.chair_agency_id IN (${marks})
       AND date(m.starts_at, '+7 hours') BETWEEN ? AND ?
     ORDER BY m.starts_at, c.created_at`, [...parties, from, to]);
  const names = ACTION_ITEM_STATUS_NAMES.vi;
  const done = items.filter((i) => i.status === 'accepted').length;
  const lines = [
    `Kỳ đánh giá: từ ngày ${formatDate(from)} đến ngày ${formatDate(to)}.`,
    '',
    'I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ THEO QUY CHẾ',
    `Tổng số nhiệm vụ trong kỳ: ${items.length}; đã nghiệm thu: ${done}.`,
    ...items.map((i) => `- ${i.agencyShortName}: ${i.title} (hạn ${formatDate(i.dueDate)}) — ${names[i.status]}.`),
    '',
    'II. KẾT LUẬN CÁC CUỘC HỌP LIÊN NGÀNH',
    ...(conclusions.length
      ? conclusions.map((c) => `- ${formatDate(String(c.starts_at))}, ${String(c.title)}: ${String(c.text)}`)
      : ['- Không có cuộc họp có kết luận trong kỳ.']),
    '',
    'III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN',
    '',
    'IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI',
    '',
  ];
  return lines.join('\n');
}

export async function addReview(tx: Transaction, actor: Actor, agreement: AgreementSummary, input: z.infer<typeof reviewInput>): Promise<string> {
  if (input.to < input.from) throw new DomainError('BAD_REQUEST', 'periodInverted');
  const id = newId();
  await tx.execute({
    sql: `INSERT INTO agreement_reviews (id, agreement_id, kind, review_date, period_from, period_to, report, created_by, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [id, agreement.id, input.kind, input.reviewDate, input.from, input.to, input.report, actor.id, new Date().toISOString()],
  });
  await recordAudit(tx, actor, { entity: 'agreement', entityId: agreement.id, action: 'review', summary: { reviewId: id, kind: input.kind, reviewDate: input.reviewDate } });
  return id;
}
