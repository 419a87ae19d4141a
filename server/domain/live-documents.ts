/**
 * The live documents as commands see them. The collaboration server implements this port and is
 * handed to the domain; nothing in `server/domain` reaches into the collaboration server itself.
 */
import type * as Y from 'yjs';
import type { Transaction } from '@libsql/client';

/** Documents held still by `LiveDocuments.hold`. */
export interface HeldDocuments {
  /** The document's text now: every update committed so far, and nothing can be added while held. Do not keep it. */
  text(docName: string): Y.Doc;
  /**
   * Writes a change made by the server in `tx`, in the name of `authorId` (the person it is made
   * for, shown as its author when versions are compared); once `tx` commits, every open editor receives it.
   */
  apply(tx: Transaction, docName: string, update: Uint8Array, authorId: string | null): Promise<void>;
}

export interface LiveDocuments {
  /** Reads a document's committed text; `read` must not keep the doc. */
  read<T>(docName: string, read: (doc: Y.Doc) => T): Promise<T>;
  /**
   * Holds documents still and runs `work` in one write transaction on them (a command): edits
   * already received are committed first; edits arriving meanwhile wait. Inside the transaction the
   * held text is checked to be the stored text (another instance may have written it): if not, it
   * catches up and `work` runs again, so `work` must do nothing outside `tx`. Afterwards the rights
   * of every open connection of these documents are checked again, and the waiting edits are stored
   * only for senders who may still write; the others are refused. So the text a command reads is the
   * text it acts on.
   */
  hold<T>(docNames: readonly string[], work: (tx: Transaction, held: HeldDocuments) => Promise<T>): Promise<T>;
  /**
   * Holds a person's open connections while `work` changes their session or rights (sign-out,
   * password change, account disabled, agency or roles changed): what they send meanwhile waits;
   * afterwards each connection is checked again (closed, downgraded or kept), and what waited is
   * handled only with the rights that remain.
   */
  holdPerson<T>(userId: string, work: () => Promise<T>): Promise<T>;
  /** The first update of a new document, in its record's own transaction. */
  create(tx: Transaction, docName: string, update: Uint8Array): Promise<void>;
  /**
   * Re-checks the session and the rights of open connections (of these documents, or all): closes
   * those that lost them, downgrades or upgrades those whose rights changed. Run after a commit
   * that changed a rule's inputs.
   */
  refreshAccess(docNames?: readonly string[]): Promise<void>;
}
