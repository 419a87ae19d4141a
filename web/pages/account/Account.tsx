import { createAsync } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { useI18n } from '../../lib/i18n.tsx';
import { getMe } from '../../lib/session.ts';
import { api, errorMessage } from '../../lib/trpc.ts';
import { Page } from '../../components/Page.tsx';
import { Field, FormError } from '../../components/Field.tsx';
import { password } from '../../../shared/schemas.ts';

export default function Account() {
  const { t } = useI18n();
  const me = createAsync(() => getMe());
  const [error, setError] = createSignal<string>();
  const [done, setDone] = createSignal(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    setDone(false);
    setError(undefined);
    const newPassword = String(form.get('newPassword'));
    if (newPassword !== form.get('confirmPassword')) return setError(t().account.mismatch);
    if (!password.safeParse(newPassword).success) return setError(t().account.tooShort);
    try {
      await api.account.changePassword.mutate({ currentPassword: String(form.get('currentPassword')), newPassword });
      formElement.reset();
      setDone(true);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <Page title={t().account.title}>
      <div class="grid-2">
        <section class="card">
          <h2>{t().account.profile}</h2>
          <Show when={me()}>
            {(user) => (
              <dl class="details">
                <dt>{t().users.name}</dt><dd>{user().name}</dd>
                <dt>{t().users.jobTitle}</dt><dd>{user().title}</dd>
                <dt>{t().users.email}</dt><dd>{user().email}</dd>
                <dt>{t().users.agency}</dt><dd>{user().agency.nameVi}</dd>
                <dt>{t().users.roles}</dt><dd><For each={user().roles}>{(role) => <span class="badge">{t().roles[role]}</span>}</For></dd>
              </dl>
            )}
          </Show>
        </section>
        <form class="card form" onSubmit={submit}>
          <h2>{t().account.changePassword}</h2>
          <Field label={t().account.currentPassword}><input name="currentPassword" type="password" required autocomplete="current-password" /></Field>
          <Field label={t().account.newPassword}><input name="newPassword" type="password" required minLength={10} autocomplete="new-password" /></Field>
          <Field label={t().account.confirmPassword}><input name="confirmPassword" type="password" required minLength={10} autocomplete="new-password" /></Field>
          <FormError message={error()} />
          <Show when={done()}><p class="callout callout-success" role="status">{t().account.changed}</p></Show>
          <div class="form-actions"><button class="button button-primary" type="submit">{t().common.save}</button></div>
        </form>
      </div>
    </Page>
  );
}
