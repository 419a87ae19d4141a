/** The approved minutes as a biên bản họp: time and place, participants, discussion, conclusions, signatures. */
import type { Sql } from '../db/client.ts';
import { getAgency } from '../domain/agency/index.ts';
import { approvalOf, meetingDetails, type MeetingSummary } from '../domain/meeting/index.ts';
import { minutesVersion } from '../domain/meeting/minutes.ts';
import { getUser } from '../domain/user/index.ts';
import { formatDate, formatTime, localDate, placeOf } from '../../shared/format.ts';
import { centered, documentHeader, documentLayout, para, renderDocx, run, signatureTable, type DocumentLayout, type LaidBlock } from './docx-layout.ts';

const KIND_TITLES: Record<string, string> = {
  joint: 'Họp liên ngành', working_group: 'Làm việc của Đoàn công tác', preliminary_review: 'Hội nghị sơ kết',
  final_review: 'Hội nghị tổng kết', other: 'Cuộc họp',
};

const time = (iso: string) => formatTime(iso).replace(':', ' giờ ').concat(' phút');

/**
 * The approved minutes laid out, for the .docx and the .pdf: `version` (the latest when null) gives
 * the text and the conclusions as they read in that version; the number and the approval date are
 * those of the approval, whatever the version (a correction says so, with its date and reason).
 */
export async function minutesLayout(sql: Sql, meeting: MeetingSummary, version: number | null = null): Promise<DocumentLayout> {
  const [details, approval, chairAgency, secretary, issued] = await Promise.all([
    meetingDetails(sql, meeting.id), approvalOf(sql, meeting.id), getAgency(sql, meeting.chairAgencyId),
    meeting.secretaryUserId ? getUser(sql, meeting.secretaryUserId) : Promise.resolve(undefined),
    minutesVersion(sql, meeting.id, version),
  ]);
  if (!approval || !chairAgency) throw new Error('minutes not approved');
  const parentAgency = chairAgency.parentId ? await getAgency(sql, chairAgency.parentId) : undefined;
  const blocks = issued.minutes;
  const assignmentsOf = new Map(details.conclusions.map((c) => [c.id, c.assignments]));
  const conclusions = issued.conclusions.map((c) => ({ text: c.text, assignments: assignmentsOf.get(c.id) ?? [] }));
  const heldFrom = meeting.heldFrom ?? meeting.startsAt;
  const heldUntil = meeting.heldUntil ?? meeting.endsAt;
  const sameDay = localDate(heldFrom) === localDate(heldUntil);
  const heading = (text: string) => para([run(text, { bold: true })], { indent: { firstLineMm: 0 } });
  const day = localDate(meeting.startsAt);

  const present = details.attendance.filter((a) => a.present);
  const absent = details.attendance.filter((a) => !a.present);
  const participants = present.length
    ? present.map((a) => para([`- ${a.person}${a.position ? `, ${a.position}` : ''} (${a.agencyShortName})`]))
    : details.invitees.filter((i) => i.answer !== 'decline').map((i) => para([`- ${i.answer === 'delegate' ? i.delegateName : i.name}${i.title ? `, ${i.title}` : ''} (${i.agencyShortName})`]));

  const children: LaidBlock[] = [
    ...documentHeader({
      parentAgency: parentAgency?.nameVi, issuingAgency: chairAgency.nameVi, place: placeOf(chairAgency.nameVi), date: localDate(approval.approvedAt),
      ...(meeting.minutesNumber ? { number: `Số: ${meeting.minutesNumber}` } : {}),
    }),
    centered([run('BIÊN BẢN', { bold: true })]),
    ...(issued.version > 1 ? [centered([run(`(Đính chính lần ${issued.version - 1}, ngày ${formatDate(issued.createdAt)})`, { italics: true })], 6)] : []),
    centered([run(`${KIND_TITLES[meeting.kind] ?? 'Cuộc họp'}: ${meeting.title}`, { bold: true })], 12),
    heading('I. THỜI GIAN, ĐỊA ĐIỂM'),
    para([`Thời gian: Bắt đầu lúc ${time(heldFrom)}, ngày ${formatDate(heldFrom)}. Kết thúc lúc ${time(heldUntil)}${sameDay ? ' cùng ngày' : `, ngày ${formatDate(heldUntil)}`}.`]),
    para([`Địa điểm: ${meeting.place || meeting.onlineUrl || '(trực tuyến)'}.`]),
    heading('II. THÀNH PHẦN THAM DỰ'),
    para([`Chủ trì: ${meeting.chairName}, ${chairAgency.nameVi}.`]),
    para([`Thư ký: ${secretary?.name ?? '…'}.`]),
    para(['Thành phần tham dự:']),
    ...participants,
    ...(absent.length ? [para(['Vắng mặt:']), ...absent.map((a) => para([`- ${a.person} (${a.agencyShortName})`]))] : []),
    heading('III. NỘI DUNG'),
    ...blocks.filter((b) => b.text.trim() !== '').map((b) => (b.kind === 'heading' ? heading(b.text) : para([b.text]))),
    heading('IV. KẾT LUẬN CỦA CHỦ TRÌ'),
    ...conclusions.flatMap((conclusion, index) => [
      para([`${index + 1}. ${conclusion.text}`]),
      ...conclusion.assignments.map((a) => para([`- ${a.agencyShortName}: ${a.title} (hạn ${formatDate(a.dueDate)}).`])),
    ]),
    para([`Cuộc họp kết thúc vào lúc ${time(heldUntil)}${sameDay ? ' cùng ngày' : `, ngày ${formatDate(heldUntil)}`}. Biên bản đã được chủ trì thông qua ngày ${formatDate(approval.approvedAt)}.`]),
    ...(issued.version > 1 ? [para([run(`Biên bản được đính chính ngày ${formatDate(issued.createdAt)} (phiên bản ${issued.version}). Lý do: ${issued.reason}`, { italics: true })])] : []),
    signatureTable([
      { title: 'Thư ký', name: secretary?.name ?? '' },
      { title: 'Chủ trì', name: meeting.chairName },
    ]),
  ];
  return documentLayout(`Biên bản - ${meeting.title} - ${day}`, children);
}

export async function minutesDocx(sql: Sql, meeting: MeetingSummary, version: number | null = null): Promise<Buffer> {
  return renderDocx(await minutesLayout(sql, meeting, version));
}
