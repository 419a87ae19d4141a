import type { Logger } from 'pino';
import type { Session, User } from 'lucia';
import type { Db } from '../db/client.ts';
import type { Sessions } from '../auth/sessions.ts';
import type { LiveDocuments } from '../domain/live-documents.ts';
import type { Locale } from '../../shared/domain.ts';

/** What every procedure gets; tests build it directly and call routers without HTTP. */
export type Context = {
  db: Db;
  sessions: Sessions;
  /** The live documents (the collaboration server's port). */
  live: LiveDocuments;
  log: Logger;
  user: User | null;
  session: Session | null;
  locale: Locale;
  /** The request's id (X-Request-Id), quoted in unexpected errors so a person can report them. */
  requestId?: string;
};

/** The locale of a request: the user's own, else the `lang` cookie, else the browser's first choice, else Vietnamese. */
export function pickLocale(user: User | null, cookieLang: string | undefined, acceptLanguage: string | undefined): Locale {
  if (user) return user.locale;
  if (cookieLang === 'vi' || cookieLang === 'en') return cookieLang;
  return acceptLanguage?.trim().toLowerCase().startsWith('en') ? 'en' : 'vi';
}
