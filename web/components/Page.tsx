import { createEffect, ErrorBoundary, Show, Suspense, type JSX, type ParentProps } from 'solid-js';
import { useI18n } from '../lib/i18n.tsx';
import { RecordError } from './RecordError.tsx';

/** A page: its title, a line saying what it is for, its actions, and its content with loading and error states. */
export function Page(props: ParentProps<{ title: string; subtitle?: string; actions?: JSX.Element }>) {
  const { t } = useI18n();
  createEffect(() => { document.title = props.title ? `${props.title} – Concord` : 'Concord'; });
  return (
    <section class="page">
      <header class="page-header">
        <div>
          <h1>{props.title}</h1>
          <Show when={props.subtitle}><p class="page-subtitle">{props.subtitle}</p></Show>
        </div>
        <Show when={props.actions}><div class="page-actions">{props.actions}</div></Show>
      </header>
      <ErrorBoundary fallback={(error, reset) => <RecordError error={error} reset={reset} />}>
        <Suspense fallback={<p class="muted">{t().common.loading}</p>}>{props.children}</Suspense>
      </ErrorBoundary>
    </section>
  );
}

export function Empty(props: ParentProps) {
  return <p class="empty">{props.children}</p>;
}
