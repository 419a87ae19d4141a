/** Action items: the work an agreement, a meeting conclusion or a person assigns to an agency. */
import { all, type Sql } from '../../db/client.ts';
import type { ActionItemStatus } from '../../../shared/domain.ts';

export interface ActionItemSummary {
  id: string; title: string; description: string; dueDate: string; status: ActionItemStatus;
  sourceKind: 'agreement' | 'meeting' | 'manual'; agreementId: string | null; meetingId: string | null;
  sourceTitle: string | null; agencyId: string; agencyShortName: string;
}

/** The items assigned to one agency, soonest due first. */
export async function listActionItemsOfAgency(sql: Sql, agencyId: string): Promise<ActionItemSummary[]> {
  const rows = await all(sql, `
    SELECT i.id, i.title, i.description, i.due_date, i.status, i.source_kind, i.agreement_id, i.meeting_id,
           coalesce(g.title, m.title) AS source_title, i.agency_id, a.short_name
      FROM action_items i
      JOIN agencies a ON a.id = i.agency_id
      LEFT JOIN agreements g ON g.id = i.agreement_id
      LEFT JOIN meetings m ON m.id = i.meeting_id
     WHERE i.agency_id = ?
     ORDER BY i.due_date, i.id`, [agencyId]);
  return rows.map((row) => ({
    id: String(row.id), title: String(row.title), description: String(row.description), dueDate: String(row.due_date),
    status: row.status as ActionItemStatus, sourceKind: row.source_kind as ActionItemSummary['sourceKind'],
    agreementId: (row.agreement_id as string | null) ?? null, meetingId: (row.meeting_id as string | null) ?? null,
    sourceTitle: (row.source_title as string | null) ?? null, agencyId: String(row.agency_id), agencyShortName: String(row.short_name),
  }));
}
