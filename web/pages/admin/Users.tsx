import { createAsync, revalidate } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { useI18n } from '../../lib/i18n.tsx';
import { getAgencies, getUsers } from '../../lib/queries.ts';
import { api, errorMessage, type Outputs } from '../../lib/trpc.ts';
import { Page } from '../../components/Page.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Field, FormError, issuesText, FormActions } from '../../components/Field.tsx';
import { ROLES, type Role } from '../../../shared/domain.ts';
import { createUserInput, updateUserInput } from '../../../shared/schemas.ts';

type User = Outputs['users']['list'][number];

function UserForm(props: { user?: User; onDone: () => void }) {
  const { t } = useI18n();
  const agencies = createAsync(() => getAgencies());
  const [error, setError] = createSignal<string>();

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const common = {
      name: form.get('name'), title: form.get('title') ?? '', agencyId: form.get('agencyId'),
      roles: ROLES.filter((role) => form.get(`role-${role}`) === 'on'),
    };
    try {
      if (props.user) {
        const parsed = updateUserInput.safeParse({ ...common, id: props.user.id, disabled: form.get('disabled') === 'on' });
        if (!parsed.success) return setError(issuesText(parsed.error));
        await api.users.update.mutate(parsed.data);
      } else {
        const parsed = createUserInput.safeParse({ ...common, email: form.get('email'), password: form.get('password') });
        if (!parsed.success) return setError(issuesText(parsed.error));
        await api.users.create.mutate(parsed.data);
      }
      await revalidate('users');
      props.onDone();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <form class="form" onSubmit={submit}>
      <Field label={t().users.name}><input name="name" required value={props.user?.name ?? ''} /></Field>
      <Show when={!props.user}>
        <Field label={t().users.email}><input name="email" type="email" required /></Field>
      </Show>
      <Field label={t().users.jobTitle}><input name="title" value={props.user?.title ?? ''} /></Field>
      <Field label={t().users.agency}>
        <select name="agencyId" value={props.user?.agencyId ?? ''} required>
          <For each={(agencies() ?? []).filter((a) => a.validTo === null)}>{(a) => <option value={a.id}>{a.nameVi}</option>}</For>
        </select>
      </Field>
      <fieldset class="fieldset">
        <legend>{t().users.roles}</legend>
        <For each={ROLES}>
          {(role) => (
            <label class="checkbox">
              <input type="checkbox" name={`role-${role}`} checked={props.user?.roles.includes(role as Role) ?? role === 'viewer'} />
              {t().roles[role]}
            </label>
          )}
        </For>
      </fieldset>
      <Show when={props.user} fallback={<Field label={t().users.initialPassword}><input name="password" type="password" minLength={10} required autocomplete="new-password" /></Field>}>
        <label class="checkbox"><input type="checkbox" name="disabled" checked={props.user?.disabled} />{t().users.disable}</label>
      </Show>
      <FormError message={error()} />
      <FormActions onCancel={() => props.onDone()} />
    </form>
  );
}

export default function Users() {
  const { t } = useI18n();
  const users = createAsync(() => getUsers());
  const [editing, setEditing] = createSignal<User | 'new'>();

  return (
    <Page title={t().users.title} subtitle={t().users.subtitle}
      actions={<button class="button button-primary" onClick={() => setEditing('new')}>{t().users.newUser}</button>}>
      <div class="table-wrap card">
        <table class="table">
          <thead><tr><th>{t().users.name}</th><th>{t().users.agency}</th><th>{t().users.roles}</th><th>{t().users.status}</th><th /></tr></thead>
          <tbody>
            <For each={users()}>
              {(user) => (
                <tr classList={{ disabled: user.disabled }}>
                  <td><strong>{user.name}</strong><div class="muted small">{user.title}</div><div class="muted small">{user.email}</div></td>
                  <td>{user.agencyShortName}</td>
                  <td><For each={user.roles}>{(role) => <span class="badge">{t().roles[role]}</span>}</For></td>
                  <td>{user.disabled ? t().users.disabled : t().users.active}</td>
                  <td><button class="button button-small button-ghost" onClick={() => setEditing(user)}>{t().common.edit}</button></td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Dialog open={editing() !== undefined} onOpenChange={(open) => !open && setEditing(undefined)}
        title={editing() === 'new' ? t().users.newUser : t().users.editUser}>
        <Show when={editing()} keyed>{(current) => <UserForm user={current === 'new' ? undefined : current} onDone={() => setEditing(undefined)} />}</Show>
      </Dialog>
    </Page>
  );
}
