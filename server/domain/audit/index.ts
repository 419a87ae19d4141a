import type { Sql } from '../../db/client.ts';
import { all } from '../../db/client.ts';
import type { Actor } from '../../policy/index.ts';
import { announceChange } from '../changes.ts';

export interface AuditEntry {
  entity: string;
  entityId: string;
  action: string;
  summary?: Record<string, unknown>;
}

/**
 * Records a change; call it inside the transaction of the change so both land or neither. Once it
 * commits, the pages showing the record are told (`changes.ts`).
 */
export async function recordAudit(tx: Sql, actor: Actor | null, entry: AuditEntry): Promise<void> {
  announceChange(tx, entry.entity, entry.entityId);
  await tx.execute({
    sql: `INSERT INTO audit_log (at, user_id, agency_id, entity, entity_id, action, summary) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    args: [new Date().toISOString(), actor?.id ?? null, actor?.agency.id ?? null, entry.entity, entry.entityId, entry.action, JSON.stringify(entry.summary ?? {})],
  });
}

export interface AuditRow {
  id: number; at: string; userId: string | null; userName: string | null; agencyShortName: string | null;
  entity: string; entityId: string; action: string; summary: Record<string, unknown>;
}

/** Newest first, `limit + 1` rows read to know whether there is a next page. */
export async function listAudit(sql: Sql, input: { entity?: string; cursor?: number; limit: number }) {
  const rows = await all<Record<string, unknown>>(sql, `
    SELECT l.id, l.at, l.user_id, u.name AS user_name, a.short_name AS agency_short_name,
           l.entity, l.entity_id, l.action, l.summary
      FROM audit_log l
      LEFT JOIN users u ON u.id = l.user_id
      LEFT JOIN agencies a ON a.id = l.agency_id
     WHERE (?1 IS NULL OR l.entity = ?1) AND (?2 IS NULL OR l.id < ?2)
     ORDER BY l.id DESC
     LIMIT ?3`, [input.entity ?? null, input.cursor ?? null, input.limit + 1]);
  const items: AuditRow[] = rows.slice(0, input.limit).map((row) => ({
    id: Number(row.id), at: String(row.at), userId: row.user_id as string | null, userName: row.user_name as string | null,
    agencyShortName: row.agency_short_name as string | null, entity: String(row.entity), entityId: String(row.entity_id),
    action: String(row.action), summary: JSON.parse(String(row.summary)),
  }));
  return { items, nextCursor: rows.length > input.limit ? items[items.length - 1].id : null };
}
