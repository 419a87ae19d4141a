/** Joint inter-agency meetings (họp liên ngành) and working-group visits. */
import { all, one, type Sql } from '../../db/client.ts';
import type { MeetingScope } from '../../policy/index.ts';
import type { MeetingKind } from '../../../shared/domain.ts';

export interface MeetingSummary extends MeetingScope {
  id: string; kind: MeetingKind; title: string; chairName: string; chairAgencyShortName: string;
  startsAt: string; endsAt: string; place: string; onlineUrl: string; status: string;
}

const SELECT = `
  SELECT m.id, m.kind, m.title, m.chair_user_id, u.name AS chair_name, m.chair_agency_id, a.short_name AS chair_short_name,
         m.starts_at, m.ends_at, m.place, m.online_url, m.status,
         (SELECT group_concat(agency_id) FROM meeting_agencies i WHERE i.meeting_id = m.id) AS invited_ids
    FROM meetings m JOIN users u ON u.id = m.chair_user_id JOIN agencies a ON a.id = m.chair_agency_id`;

function toMeeting(row: Record<string, unknown>): MeetingSummary {
  return {
    id: String(row.id), kind: row.kind as MeetingKind, title: String(row.title),
    chairUserId: String(row.chair_user_id), chairName: String(row.chair_name),
    chairAgencyId: String(row.chair_agency_id), chairAgencyShortName: String(row.chair_short_name),
    startsAt: String(row.starts_at), endsAt: String(row.ends_at), place: String(row.place), onlineUrl: String(row.online_url),
    status: String(row.status), invitedAgencyIds: row.invited_ids ? String(row.invited_ids).split(',') : [],
  };
}

/** Meetings the agency chairs or is invited to (the policy's `meeting.read` as a query). */
export async function listMeetingsOfAgency(sql: Sql, agencyId: string): Promise<MeetingSummary[]> {
  const rows = await all(sql, `${SELECT}
    WHERE m.chair_agency_id = ?1 OR EXISTS (SELECT 1 FROM meeting_agencies i WHERE i.meeting_id = m.id AND i.agency_id = ?1)
    ORDER BY m.starts_at`, [agencyId]);
  return rows.map(toMeeting);
}

export async function getMeeting(sql: Sql, id: string): Promise<MeetingSummary | undefined> {
  const row = await one(sql, `${SELECT} WHERE m.id = ?`, [id]);
  return row && toMeeting(row);
}
