/**
 * What every command shares. A command is one state-changing operation of the domain: inside one
 * `db.write` it loads the record, checks its state, asks the policy, acts and writes its audit row;
 * what must happen outside (closing sockets, notifications, search) is scheduled after the commit.
 * A command that fails changes nothing and leaves no audit row.
 */
import type { User } from 'lucia';
import type { Db } from '../db/client.ts';
import { can, type Action, type Thing } from '../policy/index.ts';
import type { LiveDocuments } from './live-documents.ts';
import { DomainError } from './errors.ts';

export interface CommandDeps {
  db: Db;
  live: LiveDocuments;
  /** The signed-in person acting. */
  actor: User;
}

/** FORBIDDEN unless the policy allows it. */
export function authorize<A extends Action>(actor: User, action: A, thing: Thing<A>): void {
  if (!can(actor, action, thing)) throw new DomainError('FORBIDDEN', 'forbidden');
}

/** NOT_FOUND for a record that does not exist. */
export function found<T>(record: T | undefined | null): T {
  if (record === undefined || record === null) throw new DomainError('NOT_FOUND', 'notFound');
  return record;
}

/** A record the actor may read (NOT_FOUND when missing, FORBIDDEN when the read rule says no). */
export function readable<A extends Action>(actor: User, action: A, record: Thing<A> | undefined): Thing<A> {
  authorize(actor, action, found(record));
  return record!;
}

/**
 * The optional state the caller last saw (the web app always sends it): a step taken on a page
 * that no longer shows the record's state is refused with the state it is in now.
 */
export function expectState(expected: string | undefined, current: string, currentName: string = current): void {
  if (expected !== undefined && expected !== current) throw new DomainError('CONFLICT', 'stateChanged', { current: currentName });
}
