/**
 * Reviews of an agreement in force: sơ kết (preliminary, after about a year) and tổng kết (final).
 * A dated record with its report; the report starts from what happened in the period: the
 * agreement's duties and their outcomes, and the conclusions of the parties' meetings.
 */
import type { Transaction } from '@libsql/client';
import type { z } from 'zod';
import { all, one, type Sql } from '../../db/client.ts';
import { computeFigures } from '../statistics/figures.ts';
import { statisticalYear, statisticalYearOf, type Unit } from '../../../shared/statistics.ts';
import { newId } from '../../db/ids.ts';
import type { Actor } from '../../policy/index.ts';
import { recordAudit } from '../audit/index.ts';
import { DomainError } from '../errors.ts';
import { listActionItemsOfAgreement } from '../action-item/index.ts';
import { heldMeetingSql } from '../meeting/index.ts';
import type { AgreementSummary } from './index.ts';
import type { ReviewKind } from '../../../shared/domain.ts';
import type { reviewInput } from '../../../shared/lifecycle.ts';
import { ACTION_ITEM_STATUS_NAMES } from '../../../shared/messages.ts';
import { formatDate, formatMoney, localDate } from '../../../shared/format.ts';

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

const dayStartUtc = (date: string) => new Date(`${date}T00:00:00+07:00`).toISOString();
const nextDay = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/** Rates in percent with one decimal, as the statistics page shows them; null when nothing is có điều kiện. */
const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

export interface ReviewFigures {
  from: string; to: string;
  /** Whose cases: the enforcement office among the parties (with the offices under it), else the whole register. */
  unit: { kind: 'agency'; agencyId: string; name: string } | { kind: 'all' };
  meetings: { held: number; casesConsidered: number };
  coercions: { count: number; cases: number; byAgency: { agencyId: string; shortName: string; count: number }[] };
  judgmentsReceived: number;
  exemptions: { cases: number; amount: number };
  terminations: { cases: number; amount: number };
  duties: { agencyId: string; shortName: string; onTime: number; late: number; open: number }[];
  /**
   * Rates as the statistics page computes them (figures.ts): at the start, the statistical year
   * (1 October – 30 September) before the one the period starts in; at the end, the statistical year of the
   * period's end, from its 1 October to that end.
   */
  rates: {
    start: { from: string; to: string; cases: number | null; money: number | null };
    end: { from: string; to: string; cases: number | null; money: number | null };
  };
}

const UNIT = `WITH RECURSIVE unit_agencies(id) AS (
    SELECT :agency WHERE :agency IS NOT NULL
    UNION SELECT a.id FROM agencies a JOIN unit_agencies u ON a.parent_id = u.id OR a.successor_id = u.id)`;

/**
 * The figures of a review (sơ kết, tổng kết) for its period, from Concord's own records: joint
 * meetings chaired by a party and held in the period with the cases on their agendas; coercions
 * (a case's coercion step) of the period with the agencies that took part; judgments received
 * (cases thụ lý in the period); exemptions and reductions (miễn, giảm) and terminations (đình chỉ)
 * with their amounts, dated in the period; the agreement's duties due in the period, done on time,
 * late or still open, per party; the rates về việc and về tiền at the start and at the end.
 */
export async function reviewFigures(sql: Sql, agreement: AgreementSummary, from: string, to: string): Promise<ReviewFigures> {
  if (to < from) throw new DomainError('BAD_REQUEST', 'periodInverted');
  const parties = [...new Set([agreement.leadAgencyId, ...agreement.partyAgencyIds])];
  const marks = parties.map((_, i) => `:p${i}`).join(', ');
  const partyArgs = Object.fromEntries(parties.map((id, i) => [`p${i}`, id]));
  const office = await one(sql, `SELECT id, name_vi FROM agencies WHERE id IN (${marks}) AND kind IN ('thads', 'thads_admin')
                                  ORDER BY kind = 'thads_admin' DESC, level, id LIMIT 1`, partyArgs);
  const unit: ReviewFigures['unit'] = office ? { kind: 'agency', agencyId: String(office.id), name: String(office.name_vi) } : { kind: 'all' };
  const statsUnit: Unit = unit.kind === 'agency' ? { kind: 'agency', agencyId: unit.agencyId } : { kind: 'all' };
  const caseFilter = unit.kind === 'agency' ? 'c.office_agency_id IN (SELECT id FROM unit_agencies)' : '1';
  const args = { ...partyArgs, agency: unit.kind === 'agency' ? unit.agencyId : null, from, to, start: dayStartUtc(from), end: dayStartUtc(nextDay(to)), now: new Date().toISOString() };

  const [meetings, coercions, byAgency, received, money, duties] = await Promise.all([
    one(sql, `SELECT count(DISTINCT m.id) AS held, count(DISTINCT a.case_id) AS cases
                FROM meetings m LEFT JOIN agenda_items a ON a.meeting_id = m.id
               WHERE m.kind = 'joint' AND ${heldMeetingSql('m', ':now')} AND m.chair_agency_id IN (${marks})
                 AND m.starts_at >= :start AND m.starts_at < :end`, args),
    one(sql, `${UNIT} SELECT count(*) AS n, count(DISTINCT h.case_id) AS cases FROM case_status_history h JOIN cases c ON c.id = h.case_id
               WHERE h.status = 'coercion' AND h.on_date BETWEEN :from AND :to AND ${caseFilter}`, args),
    all(sql, `${UNIT} SELECT s.agency_id, a.short_name, count(*) AS n FROM case_status_history h JOIN cases c ON c.id = h.case_id
                JOIN case_step_agencies s ON s.step_id = h.id JOIN agencies a ON a.id = s.agency_id
               WHERE h.status = 'coercion' AND h.on_date BETWEEN :from AND :to AND ${caseFilter}
               GROUP BY s.agency_id ORDER BY n DESC, a.short_name`, args),
    one(sql, `${UNIT} SELECT count(*) AS n FROM cases c WHERE c.accepted_on BETWEEN :from AND :to AND ${caseFilter}`, args),
    all(sql, `${UNIT} SELECT e.kind, count(DISTINCT e.case_id) AS cases, coalesce(sum(e.amount), 0) AS amount
                FROM case_money_events e JOIN cases c ON c.id = e.case_id
               WHERE e.kind IN ('reduced', 'terminated') AND e.on_date BETWEEN :from AND :to AND ${caseFilter}
               GROUP BY e.kind`, args),
    all(sql, `WITH items AS (
                SELECT i.agency_id, i.due_date, i.status,
                       (SELECT min(e.at) FROM action_item_events e WHERE e.item_id = i.id AND e.to_status IN ('reported_done', 'accepted')) AS done_at
                  FROM action_items i WHERE i.agreement_id = :agreement AND i.status <> 'cancelled' AND i.due_date BETWEEN :from AND :to)
              SELECT a.id AS agency_id, a.short_name,
                     coalesce(sum(items.status IN ('reported_done', 'accepted') AND date(coalesce(done_at, '9999-12-31'), '+7 hours') <= items.due_date), 0) AS on_time,
                     coalesce(sum(items.status IN ('reported_done', 'accepted') AND date(coalesce(done_at, '9999-12-31'), '+7 hours') > items.due_date), 0) AS late,
                     coalesce(sum(items.status NOT IN ('reported_done', 'accepted')), 0) AS open
                FROM agencies a LEFT JOIN items ON items.agency_id = a.id
               WHERE a.id IN (${marks}) GROUP BY a.id ORDER BY a.id = :lead DESC, a.short_name`, { ...args, agreement: agreement.id, lead: agreement.leadAgencyId }),
  ]);
  const kind = (k: string) => money.find((m) => m.kind === k);
  const startYear = statisticalYear(statisticalYearOf(from) - 1);
  const endPeriod = { from: statisticalYear(statisticalYearOf(to)).from, to };
  // The statistical year before the one the period starts in: whole, ended before the period began.
  const startPeriod = startYear;
  const [startFigures, endFigures] = await Promise.all([computeFigures(sql, startPeriod, statsUnit), computeFigures(sql, endPeriod, statsUnit)]);
  return {
    from, to, unit,
    meetings: { held: Number(meetings?.held ?? 0), casesConsidered: Number(meetings?.cases ?? 0) },
    coercions: {
      count: Number(coercions?.n ?? 0), cases: Number(coercions?.cases ?? 0),
      byAgency: byAgency.map((r) => ({ agencyId: String(r.agency_id), shortName: String(r.short_name), count: Number(r.n) })),
    },
    judgmentsReceived: Number(received?.n ?? 0),
    exemptions: { cases: Number(kind('reduced')?.cases ?? 0), amount: Number(kind('reduced')?.amount ?? 0) },
    terminations: { cases: Number(kind('terminated')?.cases ?? 0), amount: Number(kind('terminated')?.amount ?? 0) },
    duties: duties.map((d) => ({ agencyId: String(d.agency_id), shortName: String(d.short_name), onTime: Number(d.on_time), late: Number(d.late), open: Number(d.open) })),
    rates: {
      start: { ...startPeriod, cases: percent(startFigures.rates.cases), money: percent(startFigures.rates.money) },
      end: { ...endPeriod, cases: percent(endFigures.rates.cases), money: percent(endFigures.rates.money) },
    },
  };
}

const rateText = (rate: number | null) => (rate === null ? 'chưa có việc có điều kiện' : `${String(rate).replace('.', ',')} %`);

/** The figures as the report's first section says them. */
export function reviewFiguresLines(f: ReviewFigures): string[] {
  const agencies = f.coercions.byAgency.map((a) => `${a.shortName} ${a.count} cuộc`).join('; ');
  return [
    `Phạm vi số liệu: ${f.unit.kind === 'agency' ? `${f.unit.name} và các đơn vị trực thuộc` : 'toàn bộ sổ vụ việc'}, từ ngày ${formatDate(f.from)} đến ngày ${formatDate(f.to)}.`,
    `- Tổ chức ${f.meetings.held} cuộc họp liên ngành, xem xét ${f.meetings.casesConsidered} vụ việc.`,
    `- Tổ chức cưỡng chế ${f.coercions.count} cuộc (${f.coercions.cases} vụ việc)${agencies ? `; cơ quan tham gia: ${agencies}` : ''}.`,
    `- Tiếp nhận, thụ lý ${f.judgmentsReceived} bản án, quyết định.`,
    `- Miễn, giảm nghĩa vụ thi hành án: ${f.exemptions.cases} việc, số tiền ${formatMoney(f.exemptions.amount)}; đình chỉ thi hành: ${f.terminations.cases} việc, ${formatMoney(f.terminations.amount)}.`,
    `- Tỷ lệ thi hành xong về việc: ${rateText(f.rates.start.cases)} (năm thống kê ${formatDate(f.rates.start.from)} – ${formatDate(f.rates.start.to)}) và ${rateText(f.rates.end.cases)} (${formatDate(f.rates.end.from)} – ${formatDate(f.rates.end.to)}); về tiền: ${rateText(f.rates.start.money)} và ${rateText(f.rates.end.money)}.`,
    '- Thực hiện nhiệm vụ theo Quy chế (hạn trong kỳ):',
    ...f.duties.map((d) => `  + ${d.shortName}: đúng hạn ${d.onTime}, quá hạn ${d.late}, chưa xong ${d.open}.`),
  ];
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
  const figures = await reviewFigures(sql, agreement, from, to);
  const lines = [
    `Kỳ đánh giá: từ ngày ${formatDate(from)} đến ngày ${formatDate(to)}.`,
    '',
    'KẾT QUẢ TỪ SỐ LIỆU CỦA HỆ THỐNG',
    ...reviewFiguresLines(figures),
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
