/**
 * Who wrote what (migrations/0015): recorded with each edit, in the edit's own transaction, and
 * read by the comparison of versions. What a Yjs client inserts is the sender's (the first person
 * seen with a client id keeps it). What an update deletes is the sender's only where the item is
 * in the stored document and not deleted yet: an update (a sync step 2 above all) carries its
 * sender's whole delete set, other people's deletions included.
 */
import * as Y from 'yjs';
import type { InStatement } from '@libsql/client';
import { editableText } from '../policy/scopes.ts';
import type { DecodedUpdate } from './protocol.ts';

/** [client, clock, length]: a run of deleted items. */
export type DeletedRange = [number, number, number];

export interface Authorship {
  userId: string;
  /** Client ids whose new items the update carries. */
  clients: number[];
  /** The items it deletes that were still there. */
  deleted: DeletedRange[];
}

function stateOf(structs: readonly { id: Y.ID; length: number }[] | undefined): number {
  const last = structs?.at(-1);
  return last ? last.id.clock + last.length : 0;
}

/** What an update (decoded) adds to `doc` in the name of `userId`, measured before it is applied. */
export function authorshipOf(doc: Y.Doc, { structs, ds }: DecodedUpdate, userId: string): Authorship {
  const store = doc.store.clients;
  const clients = new Set<number>();
  for (const struct of structs) {
    if (struct instanceof Y.Item && struct.id.clock + struct.length > stateOf(store.get(struct.id.client))) clients.add(struct.id.client);
  }
  const deleted: DeletedRange[] = [];
  const add = (client: number, from: number, to: number) => {
    if (to <= from) return;
    const last = deleted.at(-1);
    if (last && last[0] === client && last[1] + last[2] === from) last[2] += to - from;
    else deleted.push([client, from, to - from]);
  };
  for (const [client, items] of ds.clients) {
    const structsOfClient = store.get(client) ?? [];
    const state = stateOf(structsOfClient);
    for (const { clock, len } of items) {
      const end = clock + len;
      if (clock < state) {
        for (let i = Y.findIndexSS(structsOfClient as Y.Item[], clock); i < structsOfClient.length; i++) {
          const struct = structsOfClient[i];
          if (struct.id.clock >= end) break;
          if (struct instanceof Y.Item && !struct.deleted) add(client, Math.max(clock, struct.id.clock), Math.min(end, struct.id.clock + struct.length));
        }
      }
      // Items the stored document does not have yet are the sender's own, inserted and deleted in the same breath.
      if (end > state && clients.has(client)) add(client, Math.max(clock, state), end);
    }
  }
  return { userId, clients: [...clients], deleted };
}

const AUTHOR = 'INSERT INTO collab_authors (doc_name, client_id, user_id) SELECT ?1, ?2, ?3';
const DELETION = 'INSERT INTO collab_deletions (doc_name, user_id, ranges, created_at) SELECT ?1, ?2, ?3, ?4';
/** For edits people sent: recorded only with the edit, that is while the text takes edits (as the log's own row). */
export const PEER_AUTHOR = `${AUTHOR} WHERE ${editableText('?1')} ON CONFLICT DO NOTHING`;
export const PEER_DELETION = `${DELETION} WHERE ${editableText('?1')}`;
/** For a command's own transaction: the command has checked the text's status itself. */
const COMMAND_AUTHOR = `${AUTHOR} WHERE true ON CONFLICT DO NOTHING`;

/** The rows for one batch of edits to a document: each new client once, one row of deletions per person. */
export function authorshipRows(docName: string, authorships: readonly Authorship[]) {
  const authors = new Map<number, string>();
  const deleted = new Map<string, DeletedRange[]>();
  for (const { userId, clients, deleted: ranges } of authorships) {
    for (const client of clients) if (!authors.has(client)) authors.set(client, userId);
    if (ranges.length > 0) deleted.set(userId, [...(deleted.get(userId) ?? []), ...ranges]);
  }
  return {
    authors: [...authors].map(([clientId, userId]) => ({ docName, clientId, userId })),
    deletions: [...deleted].map(([userId, ranges]) => ({ docName, userId, ranges: JSON.stringify(ranges) })),
  };
}

/** The rows of a change a command makes, as statements of its transaction. */
export function authorshipStatements(docName: string, authorship: Authorship, now: string): InStatement[] {
  const { authors, deletions } = authorshipRows(docName, [authorship]);
  return [
    ...authors.map((a) => ({ sql: COMMAND_AUTHOR, args: [a.docName, a.clientId, a.userId] })),
    ...deletions.map((d) => ({ sql: DELETION, args: [d.docName, d.userId, d.ranges, now] })),
  ];
}
