import type { MessageKey } from '../../shared/messages.ts';

export type DomainErrorCode = 'NOT_FOUND' | 'BAD_REQUEST' | 'CONFLICT' | 'FORBIDDEN';

/** A rule of the domain refused the change; the API turns it into a typed error in the user's language. */
export class DomainError extends Error {
  constructor(readonly code: DomainErrorCode, readonly key: MessageKey, readonly params?: Record<string, string | number>) {
    super(key);
  }
}
