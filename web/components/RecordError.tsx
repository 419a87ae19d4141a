import { A, useLocation } from '@solidjs/router';
import { createEffect, on, Show } from 'solid-js';
import { TRPCClientError } from '@trpc/client';
import { useI18n } from '../lib/i18n.tsx';
import { errorMessage } from '../lib/trpc.ts';

type Kind = 'notFound' | 'forbidden' | 'unauthorized' | 'failed';

function kindOf(error: unknown): Kind {
  const code = error instanceof TRPCClientError ? (error.data as { code?: string } | undefined)?.code : undefined;
  if (code === 'NOT_FOUND') return 'notFound';
  if (code === 'FORBIDDEN') return 'forbidden';
  if (code === 'UNAUTHORIZED') return 'unauthorized';
  return 'failed';
}

/** Where "back to the list" leads from a record's address (/agreements/x → /agreements). */
const listOf = (path: string) => `/${path.split('/')[1] ?? ''}`;

/**
 * What a page shows when its record cannot be shown: missing, refused or failed, in words, inside
 * the app, with a way on. A refusal or a missing record is not retried; a failure may be. Leaving
 * for another address clears it.
 */
export function RecordError(props: { error: unknown; reset: () => void }) {
  const { t } = useI18n();
  const location = useLocation();
  const kind = () => kindOf(props.error);
  const text = () => t().recordError[kind()];
  createEffect(on(() => location.pathname, () => props.reset(), { defer: true }));
  createEffect(() => { document.title = `${text().title} – Concord`; });
  return (
    <section class="page record-error" role="alert">
      <h1>{text().title}</h1>
      <p>{text().body}</p>
      <Show when={kind() === 'failed'}><p class="muted">{errorMessage(props.error)}</p></Show>
      <div class="page-actions">
        <Show when={kind() === 'failed'}><button class="button" onClick={() => props.reset()}>{t().common.retry}</button></Show>
        <Show when={kind() === 'unauthorized'}><A class="button" href={`/sign-in?next=${encodeURIComponent(location.pathname)}`}>{t().recordError.signIn}</A></Show>
        <Show when={listOf(location.pathname) !== '/'}><A class="button button-ghost" href={listOf(location.pathname)}>{t().recordError.backToList}</A></Show>
        <A class="button button-ghost" href="/">{t().notFound.home}</A>
      </div>
    </section>
  );
}
