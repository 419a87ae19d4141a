/** How a plain HTTP route (imports, attachments) says no: JSON `{ error }` in the caller's language. */
import type { Context } from 'hono';
import type { AppEnv } from './env.ts';
import { DomainError } from '../domain/errors.ts';
import { message, type MessageKey } from '../../shared/messages.ts';

const STATUS = { NOT_FOUND: 404, FORBIDDEN: 403, BAD_REQUEST: 400, CONFLICT: 409 } as const;

export function refuse(c: Context<AppEnv>, status: 400 | 401 | 403 | 404 | 409, key: MessageKey, params?: Record<string, string | number>) {
  return c.json({ error: message(c.var.locale, key, params) }, status);
}

/** A refusal of the domain as its HTTP answer; anything else goes on to the app's error handler. */
export function domainAnswer(c: Context<AppEnv>, error: unknown) {
  if (error instanceof DomainError) return refuse(c, STATUS[error.code], error.key, error.params);
  throw error;
}
