/**
 * Calendars: one meeting as an .ics file, and each user's personal feed (meetings they are asked
 * to, due dates of their agency's action items) behind a secret, revocable token.
 */
import type { EventAttributes } from 'ics';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Transaction } from '@libsql/client';
import { all, one, type Sql } from '../../db/client.ts';
import type { Actor } from '../../policy/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { MeetingSummary } from '../meeting/index.ts';
import { listMeetingsOfUser } from '../meeting/index.ts';
import { listUnfinishedItemsOfAgency } from '../action-item/index.ts';

const hashToken = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));

/** A new feed token for the user; any earlier one stops working. The secret is returned once. */
export async function renewCalendarToken(tx: Transaction, actor: Actor): Promise<string> {
  const token = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
  const now = new Date().toISOString();
  await tx.execute({ sql: 'UPDATE calendar_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL', args: [now, actor.id] });
  await tx.execute({ sql: 'INSERT INTO calendar_tokens (token_hash, user_id, created_at) VALUES (?, ?, ?)', args: [hashToken(token), actor.id, now] });
  await recordAudit(tx, actor, { entity: 'calendar_token', entityId: actor.id, action: 'renew' });
  return token;
}

export async function revokeCalendarTokens(tx: Transaction, actor: Actor): Promise<void> {
  await tx.execute({ sql: 'UPDATE calendar_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL', args: [new Date().toISOString(), actor.id] });
  await recordAudit(tx, actor, { entity: 'calendar_token', entityId: actor.id, action: 'revoke' });
}

export async function hasCalendarToken(sql: Sql, userId: string): Promise<boolean> {
  return Boolean(await one(sql, 'SELECT 1 FROM calendar_tokens WHERE user_id = ? AND revoked_at IS NULL', [userId]));
}

/** The owner of a live token: id and agency, enough to build the feed. */
export async function calendarOwner(sql: Sql, token: string): Promise<{ id: string; agencyId: string; name: string } | undefined> {
  if (!/^[a-z2-7]{16,64}$/.test(token)) return undefined;
  const row = await one<{ id: string; agency_id: string; name: string }>(sql, `
    SELECT u.id, u.agency_id, u.name FROM calendar_tokens t JOIN users u ON u.id = t.user_id
     WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.disabled_at IS NULL`, [hashToken(token)]);
  return row && { id: row.id, agencyId: row.agency_id, name: row.name };
}

const PRODUCT_ID = '-//Concord//Meetings//VI';

type Invitee = { name: string; email: string; answer: string };

function meetingEvent(meeting: MeetingSummary, baseUrl: string, people: Invitee[], dossier: { name: string; url: string }[] = []): EventAttributes {
  const partstat = (answer: string) => (answer === 'attend' ? 'ACCEPTED' : answer === 'decline' ? 'DECLINED' : answer === 'delegate' ? 'DELEGATED' : 'NEEDS-ACTION') as 'ACCEPTED';
  return {
    uid: `meeting-${meeting.id}@concord`,
    sequence: meeting.sequence,
    start: Date.parse(meeting.startsAt), startInputType: 'utc', startOutputType: 'utc',
    end: Date.parse(meeting.endsAt), endInputType: 'utc', endOutputType: 'utc',
    lastModified: Date.parse(meeting.updatedAt),
    title: meeting.status === 'cancelled' ? `[Đã hủy] ${meeting.title}` : meeting.title,
    description: [meeting.status === 'cancelled' ? `Lý do hủy: ${meeting.cancelledReason}` : '', `Chủ trì: ${meeting.chairName} (${meeting.chairAgencyShortName})`, meeting.onlineUrl,
      ...(dossier.length ? ['Hồ sơ cuộc họp:', ...dossier.map((d) => `- ${d.name}: ${d.url}`)] : [])]
      .filter(Boolean).join('\n'),
    location: meeting.place || meeting.onlineUrl || undefined,
    url: `${baseUrl}/meetings/${meeting.id}`,
    status: meeting.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    organizer: { name: meeting.chairName, email: meeting.chairEmail },
    attendees: people.map((p) => ({ name: p.name, email: p.email, rsvp: false, partstat: partstat(p.answer), role: 'REQ-PARTICIPANT' })),
  };
}

/** The invitees of each meeting, read in one query however many meetings a feed holds. */
async function inviteesOf(sql: Sql, meetingIds: string[]): Promise<Map<string, Invitee[]>> {
  const rows = await all<Invitee & { meeting_id: string }>(sql, `
    SELECT i.meeting_id, u.name, u.email, i.answer FROM meeting_invitees i JOIN users u ON u.id = i.user_id
     WHERE i.meeting_id IN (SELECT value FROM json_each(?)) ORDER BY u.name`, [JSON.stringify(meetingIds)]);
  const byMeeting = new Map<string, Invitee[]>(meetingIds.map((id) => [id, []]));
  for (const { meeting_id: id, ...person } of rows) byMeeting.get(id)!.push(person);
  return byMeeting;
}

/** ics is loaded on the first calendar asked for, not at start. */
async function render(events: EventAttributes[], calName: string): Promise<string> {
  const { createEvents } = await import('ics');
  const { error, value } = createEvents(events, { productId: PRODUCT_ID, method: 'PUBLISH', calName });
  if (error || value === null) throw error ?? new Error('calendar could not be written');
  return value;
}

/** One meeting's event; `dossier` (its files, as links) goes in the description. */
export async function meetingCalendar(sql: Sql, meeting: MeetingSummary, baseUrl: string, dossier: { name: string; url: string }[] = []): Promise<string> {
  return render([meetingEvent(meeting, baseUrl, (await inviteesOf(sql, [meeting.id])).get(meeting.id)!, dossier)], meeting.title);
}

function addDay(date: string): [number, number, number] {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/** What a feed carries at most: the meetings of the last year on, and the items due soonest (a calendar polls it every few hours). */
export const FEED_LIMITS = { meetingsSinceDays: 365, meetings: 1000, items: 1000 } as const;

/** The user's feed: their agency's meetings (cancelled ones marked so calendars drop them) and open action items by due date, bounded (FEED_LIMITS). */
export async function personalCalendar(sql: Sql, owner: { id: string; agencyId: string; name: string }, baseUrl: string): Promise<string> {
  const since = new Date(Date.now() - FEED_LIMITS.meetingsSinceDays * 86_400_000).toISOString();
  const [meetings, items] = await Promise.all([
    listMeetingsOfUser(sql, { id: owner.id, agencyId: owner.agencyId }, since, FEED_LIMITS.meetings),
    listUnfinishedItemsOfAgency(sql, owner.agencyId, FEED_LIMITS.items),
  ]);
  const events: EventAttributes[] = [];
  const invitees = await inviteesOf(sql, meetings.map((m) => m.id));
  for (const meeting of meetings) events.push(meetingEvent(meeting, baseUrl, invitees.get(meeting.id)!));
  for (const item of items) {
    const [y, m, d] = item.dueDate.split('-').map(Number);
    events.push({
      uid: `action-item-${item.id}@concord`,
      start: [y, m, d], end: addDay(item.dueDate),
      title: `Hạn: ${item.title}`,
      description: [item.description, item.sourceTitle ?? ''].filter(Boolean).join('\n'),
      url: `${baseUrl}/action-items`,
      status: 'CONFIRMED', busyStatus: 'FREE', transp: 'TRANSPARENT',
    });
  }
  return render(events, `Concord – ${owner.name}`);
}
