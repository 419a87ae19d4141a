/**
 * What people are told about a meeting: invited, sent as a delegate, its time or place changed,
 * cancelled, the reminder before it. Each notice is a bell notification and an email in the outbox
 * (sent by the scheduler when SMTP_URL is set), both written in the transaction that caused them.
 * The email is composed when it is sent, so it lists the dossier as it then stands, with links.
 */
import type { Transaction } from '@libsql/client';
import type { Transporter } from 'nodemailer';
import { all, one, type Db, type Sql } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { notifyUsers } from '../action-item/notifications.ts';
import { formatDate, formatTime } from '../../../shared/format.ts';

export const MEETING_NOTICE_KINDS = ['invited', 'delegated', 'meeting_changed', 'meeting_cancelled', 'meeting_reminder'] as const;
export type MeetingNoticeKind = (typeof MEETING_NOTICE_KINDS)[number];

const HEADLINES: Record<MeetingNoticeKind, string> = {
  invited: 'Giấy mời họp', delegated: 'Anh/chị được cử dự họp thay', meeting_changed: 'Thay đổi thời gian, địa điểm cuộc họp',
  meeting_cancelled: 'Cuộc họp đã bị hủy', meeting_reminder: 'Nhắc lịch họp',
};

interface MeetingFacts {
  id: string; title: string; startsAt: string; endsAt: string; place: string; onlineUrl: string; status: string;
  cancelledReason: string; chairName: string; chairAgency: string;
}

async function factsOf(sql: Sql, meetingId: string): Promise<MeetingFacts | undefined> {
  const row = await one(sql, `
    SELECT m.id, m.title, m.starts_at, m.ends_at, m.place, m.online_url, m.status, m.cancelled_reason, u.name AS chair_name, a.name_vi AS chair_agency
      FROM meetings m JOIN users u ON u.id = m.chair_user_id JOIN agencies a ON a.id = m.chair_agency_id WHERE m.id = ?`, [meetingId]);
  return row && {
    id: String(row.id), title: String(row.title), startsAt: String(row.starts_at), endsAt: String(row.ends_at), place: String(row.place),
    onlineUrl: String(row.online_url), status: String(row.status), cancelledReason: String(row.cancelled_reason),
    chairName: String(row.chair_name), chairAgency: String(row.chair_agency),
  };
}

/** The meeting's dossier: its attachments, oldest first. */
export async function dossierOf(sql: Sql, meetingId: string): Promise<{ id: string; name: string }[]> {
  return all<{ id: string; name: string }>(sql,
    "SELECT id, name FROM attachments WHERE target_kind = 'meeting' AND target_id = ? ORDER BY created_at, id", [meetingId]);
}

/** Where a file of the dossier is downloaded (`GET /attachments/:id`, with the reader's session). */
export function attachmentUrl(baseUrl: string, attachmentId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/attachments/${encodeURIComponent(attachmentId)}`;
}

/** "10/12/2026 09:00" in Viet Nam. */
export function dayAndTime(iso: string): string {
  return `${formatDate(iso)} ${formatTime(iso)}`;
}

/** "10/12/2026 09:00 – 11:00" (both dates when it runs over midnight), Viet Nam time. */
export function meetingWhen(startsAt: string, endsAt: string): string {
  return formatDate(startsAt) === formatDate(endsAt) ? `${dayAndTime(startsAt)} – ${formatTime(endsAt)}` : `${dayAndTime(startsAt)} – ${dayAndTime(endsAt)}`;
}

/** Bell line: when and where, the reason of a cancellation, and the dossier's files by name. */
function bellBody(facts: MeetingFacts, kind: MeetingNoticeKind, dossier: { name: string }[]): string {
  const parts = [meetingWhen(facts.startsAt, facts.endsAt)];
  if (facts.place) parts.push(facts.place);
  if (kind === 'meeting_cancelled' && facts.cancelledReason) parts.push(`Lý do: ${facts.cancelledReason}`);
  if (dossier.length && kind !== 'meeting_cancelled') parts.push(`Hồ sơ: ${dossier.map((d) => d.name).join(', ')}`);
  return parts.join(' · ');
}

/** Tells these people about the meeting: a bell notification each, and an email queued for each. */
export async function notifyMeeting(tx: Transaction, userIds: readonly string[], meeting: { id: string }, kind: MeetingNoticeKind): Promise<void> {
  const people = [...new Set(userIds)];
  if (people.length === 0) return;
  const facts = await factsOf(tx, meeting.id);
  if (!facts) return;
  const dossier = await dossierOf(tx, meeting.id);
  await notifyUsers(tx, people, { kind, itemId: null, meetingId: meeting.id, title: facts.title, body: bellBody(facts, kind, dossier) });
  const now = new Date().toISOString();
  for (const userId of people) {
    await tx.execute({
      sql: 'INSERT INTO meeting_mail_outbox (id, user_id, meeting_id, kind, subject, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      args: [newId(), userId, meeting.id, kind, `${HEADLINES[kind]}: ${facts.title}`, '', now],
    });
  }
}

/** The email of a notice, in Vietnamese, times in Viet Nam, the dossier as links. */
export function meetingEmail(kind: MeetingNoticeKind, recipient: string, facts: MeetingFacts, dossier: { id: string; name: string }[], baseUrl: string): string {
  const lines = [
    `Kính gửi ${recipient},`, '',
    `${HEADLINES[kind]}: ${facts.title}`,
    `Thời gian: ${meetingWhen(facts.startsAt, facts.endsAt)} (giờ Việt Nam)`,
    `Địa điểm: ${facts.place || (facts.onlineUrl ? 'trực tuyến' : 'chưa xác định')}`,
    ...(facts.onlineUrl ? [`Họp trực tuyến: ${facts.onlineUrl}`] : []),
    `Chủ trì: ${facts.chairName}, ${facts.chairAgency}`,
    ...(kind === 'meeting_cancelled' && facts.cancelledReason ? [`Lý do hủy: ${facts.cancelledReason}`] : []),
  ];
  if (dossier.length && kind !== 'meeting_cancelled') {
    lines.push('', 'Hồ sơ cuộc họp:', ...dossier.map((d) => `- ${d.name}: ${attachmentUrl(baseUrl, d.id)}`));
  }
  lines.push('', `Xem cuộc họp: ${baseUrl.replace(/\/+$/, '')}/meetings/${facts.id}`);
  return lines.join('\n');
}

/**
 * Sends the queued meeting emails. Each is claimed (pending or failed → sending) before it is sent,
 * so two runs never send the same one; a failure leaves it 'failed', tried again next time (at most 5 times).
 */
export async function sendMeetingMail(db: Db, mailer: Transporter, from: string, baseUrl: string): Promise<number> {
  const queued = await all<{ id: string; user_id: string; meeting_id: string; kind: MeetingNoticeKind; subject: string }>(db,
    "SELECT id, user_id, meeting_id, kind, subject FROM meeting_mail_outbox WHERE status IN ('pending', 'failed') AND attempts < 5 ORDER BY created_at LIMIT 100");
  let sent = 0;
  for (const mail of queued) {
    const claimed = await db.write(async (tx) => (await tx.execute({
      sql: "UPDATE meeting_mail_outbox SET status = 'sending', attempts = attempts + 1 WHERE id = ? AND status IN ('pending', 'failed')", args: [mail.id],
    })).rowsAffected === 1);
    if (!claimed) continue;
    const [user, facts, dossier] = await Promise.all([
      one<{ email: string; name: string; disabled_at: string | null }>(db, 'SELECT email, name, disabled_at FROM users WHERE id = ?', [mail.user_id]),
      factsOf(db, mail.meeting_id), dossierOf(db, mail.meeting_id),
    ]);
    if (!user || user.disabled_at || !facts) {
      await db.execute({ sql: "UPDATE meeting_mail_outbox SET status = 'sent', sent_at = ? WHERE id = ?", args: [new Date().toISOString(), mail.id] });
      continue;
    }
    try {
      await mailer.sendMail({ from, to: user.email, subject: `Concord: ${mail.subject}`, text: meetingEmail(mail.kind, user.name, facts, dossier, baseUrl) });
      await db.execute({ sql: "UPDATE meeting_mail_outbox SET status = 'sent', sent_at = ? WHERE id = ?", args: [new Date().toISOString(), mail.id] });
      sent += 1;
    } catch {
      await db.execute({ sql: "UPDATE meeting_mail_outbox SET status = 'failed' WHERE id = ?", args: [mail.id] });
    }
  }
  return sent;
}
