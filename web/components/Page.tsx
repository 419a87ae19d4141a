import { ErrorBoundary, Show, Suspense, type JSX, type ParentProps } from 'solid-js';
import { useI18n } from '../lib/i18n.tsx';
import { errorMessage } from '../lib/trpc.ts';

/** A page: its title, a line saying what it is for, its actions, and its content with loading and error states. */
export function Page(props: ParentProps<{ title: string; subtitle?: string; actions?: JSX.Element }>) {
  const { t } = useI18n();
  return (
    <section class="page">
      <header class="page-header">
        <div>
          <h1>{props.title}</h1>
          <Show when={props.subtitle}><p class="page-subtitle">{props.subtitle}</p></Show>
        </div>
        <Show when={props.actions}><div class="page-actions">{props.actions}</div></Show>
      </header>
      <ErrorBoundary fallback={(error, reset) => (
        <div class="callout callout-error" role="alert">
          <strong>{t().common.error}:</strong> {errorMessage(error)}
          <button class="button button-ghost" onClick={reset}>{t().common.retry}</button>
        </div>
      )}>
        <Suspense fallback={<p class="muted">{t().common.loading}</p>}>{props.children}</Suspense>
      </ErrorBoundary>
    </section>
  );
}

export function Empty(props: ParentProps) {
  return <p class="empty">{props.children}</p>;
}
