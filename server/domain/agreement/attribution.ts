/**
 * A comparison of two versions that says who added and who removed each part. Both texts are read
 * from one Y.Doc that keeps deleted content (the older state, then the newer one, with garbage
 * collection off), each as it stood at its own snapshot. A run of the newer text that the older
 * one lacks carries its author (the person behind the Yjs client that inserted it); a run of the
 * older text that the newer one lacks carries the person who deleted it. Both are recorded with
 * each edit (`collab_authors`, `collab_deletions`, migrations/0015); edits made before that have
 * no author and show without a name.
 */
import * as Y from 'yjs';
import { all, type Sql } from '../../db/client.ts';
import type { LiveDocuments } from '../live-documents.ts';
import { getVersionState } from './versions.ts';
import { getUsers } from '../user/index.ts';
import { compareVersions, type ComparedBlock } from '../../../shared/legal/compare.ts';
import type { LegalNodeJSON } from '../../../shared/legal/numbering.ts';
import { LEGAL_FRAGMENT } from '../../../shared/legal/ydoc.ts';
import { agencyColor } from '../../../shared/agency-colors.ts';
import { docName } from '../../../shared/collab.ts';

export interface Author { id: string; name: string; agencyShortName: string; color: string }
export interface AttributedComparison { blocks: ComparedBlock[]; authors: Author[] }

const visibleIn = (item: Y.Item, snapshot: Y.Snapshot) =>
  item.id.clock < (snapshot.sv.get(item.id.client) ?? 0) && !Y.isDeleted(snapshot.ds, item.id);

/** The legal text as it stood at `snapshot`, as ProseMirror JSON whose text and references say who wrote them. */
function textAt(fragment: Y.XmlFragment, snapshot: Y.Snapshot, byOf: (item: Y.Item) => string | null): LegalNodeJSON {
  const childrenOf = (type: { _start: Y.Item | null }): LegalNodeJSON[] => {
    const nodes: LegalNodeJSON[] = [];
    for (let item = type._start; item; item = item.right) {
      if (!visibleIn(item, snapshot)) continue;
      if (item.content instanceof Y.ContentString) {
        nodes.push({ type: 'text', text: item.content.str, by: byOf(item) });
      } else if (item.content instanceof Y.ContentType) {
        const child = item.content.type;
        if (child instanceof Y.XmlText) nodes.push(...childrenOf(child));
        else if (child instanceof Y.XmlElement) {
          nodes.push({
            type: child.nodeName,
            attrs: Y.typeMapGetAllSnapshot(child, snapshot),
            content: childrenOf(child),
            ...(child.nodeName === 'reference' ? { by: byOf(item) } : {}),
          });
        }
      }
    }
    return nodes;
  };
  return { type: 'doc', content: childrenOf(fragment) };
}

/** What a stored state holds, read from the update itself: no document is built for it. */
function snapshotOf(state: Uint8Array): Y.Snapshot {
  return Y.createSnapshot(Y.decodeUpdate(state).ds, Y.decodeStateVector(Y.encodeStateVectorFromUpdate(state)));
}

/** Rows of deletions read for one comparison at most; beyond, the oldest are named and the rest show without a name. */
const MAX_DELETION_ROWS = 50_000;

/** Who deleted an item: the first person whose recorded deletions cover it. */
function deletersOf(rows: { user_id: string; ranges: string }[]): (id: Y.ID) => string | null {
  const byClient = new Map<number, [number, number, string][]>();
  for (const row of rows) {
    for (const [client, clock, length] of JSON.parse(row.ranges) as [number, number, number][]) {
      let list = byClient.get(client);
      if (!list) byClient.set(client, (list = []));
      list.push([clock, clock + length, row.user_id]);
    }
  }
  return (id) => byClient.get(id.client)?.find(([from, to]) => id.clock >= from && id.clock < to)?.[2] ?? null;
}

/** Compares two stored states of one document (the older first), with who added and removed each part. */
export async function compareStates(sql: Sql, name: string, older: Uint8Array, newer: Uint8Array): Promise<AttributedComparison> {
  const [authorRows, deletionRows] = await Promise.all([
    all<{ client_id: number; user_id: string }>(sql, 'SELECT client_id, user_id FROM collab_authors WHERE doc_name = ?', [name]),
    all<{ user_id: string; ranges: string }>(sql, 'SELECT user_id, ranges FROM collab_deletions WHERE doc_name = ? ORDER BY id LIMIT ?', [name, MAX_DELETION_ROWS]),
  ]);
  const authorOf = new Map(authorRows.map((row) => [Number(row.client_id), String(row.user_id)]));
  const deleterOf = deletersOf(deletionRows);

  const before = snapshotOf(older);
  const after = snapshotOf(newer);
  const merged = new Y.Doc({ gc: false });
  try {
    Y.applyUpdate(merged, older);
    Y.applyUpdate(merged, newer);
    const fragment = merged.getXmlFragment(LEGAL_FRAGMENT);
    const olderText = textAt(fragment, before, (item) => visibleIn(item, after) ? null : deleterOf(item.id));
    const newerText = textAt(fragment, after, (item) => visibleIn(item, before) ? null : authorOf.get(item.id.client) ?? null);
    const blocks = compareVersions(olderText, newerText);
    const ids = [...new Set(blocks.flatMap((block) => block.parts.flatMap((part) => part.by ? [part.by] : [])))];
    return { blocks, authors: await authorsOf(sql, ids) };
  } finally {
    merged.destroy();
  }
}

async function authorsOf(sql: Sql, ids: string[]): Promise<Author[]> {
  return (await getUsers(sql, ids)).map((user) => ({ id: user.id, name: user.name, agencyShortName: user.agencyShortName, color: agencyColor(user.agencyId) }));
}

/**
 * A saved version against another (the earlier of the two is the older) or against the text now
 * (`otherId` null). The caller has checked that the person may read the agreement.
 */
export async function compareVersionsOf(sql: Sql, live: LiveDocuments, agreementId: string, versionId: string, otherId: string | null): Promise<AttributedComparison> {
  const name = docName('agreement', agreementId);
  const version = await getVersionState(sql, agreementId, versionId);
  if (otherId === null) return compareStates(sql, name, version.state, await live.read(name, (doc) => Y.encodeStateAsUpdate(doc)));
  const other = await getVersionState(sql, agreementId, otherId);
  const [older, newer] = other.createdAt < version.createdAt ? [other, version] : [version, other];
  return compareStates(sql, name, older.state, newer.state);
}
