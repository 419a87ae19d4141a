import { useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { useI18n } from '../../lib/i18n.tsx';
import { signIn } from '../../lib/session.ts';
import { LanguageSwitch } from '../../components/AppShell.tsx';
import { Field, FormError } from '../../components/Field.tsx';

export default function SignIn() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(undefined);
    const result = await signIn(String(form.get('email')), String(form.get('password'))).catch(() => 'error' as const);
    setBusy(false);
    if (result === 'ok') {
      const next = typeof params.next === 'string' && params.next.startsWith('/') && !params.next.startsWith('//') ? params.next : '/';
      navigate(next, { replace: true });
    } else {
      setError(result === 'limited' ? t().signIn.limited : result === 'invalid' ? t().signIn.failed : t().common.error);
    }
  };

  return (
    <div class="sign-in">
      <div class="sign-in-aside">
        <div class="brand brand-large"><span class="brand-mark" aria-hidden="true" />Concord</div>
        <p class="sign-in-tagline">{t().app.tagline}</p>
        <p class="sign-in-intro">{t().signIn.intro}</p>
      </div>
      <main class="sign-in-main">
        <div class="sign-in-lang"><LanguageSwitch /></div>
        <form class="card sign-in-card" onSubmit={submit} novalidate={false}>
          <h1>{t().signIn.title}</h1>
          <Field label={t().signIn.email}>
            <input name="email" type="email" autocomplete="username" required autofocus />
          </Field>
          <Field label={t().signIn.password}>
            <input name="password" type="password" autocomplete="current-password" required />
          </Field>
          <FormError message={error()} />
          <button class="button button-primary button-block" type="submit" disabled={busy()}>
            <Show when={busy()} fallback={t().signIn.submit}>{t().signIn.submitting}</Show>
          </button>
          <p class="muted small">{t().signIn.demoHint}</p>
        </form>
      </main>
    </div>
  );
}
