import { createAsync, revalidate } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { useI18n } from '../../lib/i18n.tsx';
import { getMe } from '../../lib/session.ts';
import { getCalendarFeed, getReminderSettings } from '../../lib/queries.ts';
import { api, errorMessage } from '../../lib/trpc.ts';
import { Page } from '../../components/Page.tsx';
import { Field, FormError } from '../../components/Field.tsx';
import { password } from '../../../shared/schemas.ts';

/**
 * The personal calendar feed: a secret address shown once when created; creating a new one or
 * revoking disables the old one.
 */
function CalendarFeed() {
  const { t } = useI18n();
  const feed = createAsync(() => getCalendarFeed());
  const [url, setUrl] = createSignal<string>();
  const [note, setNote] = createSignal<string>();
  const [error, setError] = createSignal<string>();
  const act = async (action: () => Promise<unknown>) => {
    setError(undefined);
    setNote(undefined);
    try {
      await action();
      await revalidate('calendarFeed');
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const renew = () => act(async () => setUrl(location.origin + (await api.calendar.renew.mutate()).path));
  const revoke = () => act(async () => {
    await api.calendar.revoke.mutate();
    setUrl(undefined);
    setNote(t().calendarFeed.revoked);
  });
  const copy = async () => {
    const field = document.getElementById('calendar-url') as HTMLInputElement | null;
    try {
      await navigator.clipboard.writeText(url()!);
    } catch {
      // No clipboard permission (plain http): select the text so that Ctrl+C works.
      field?.select();
      document.execCommand('copy');
    }
    setNote(t().calendarFeed.copied);
  };
  return (
    <section class="card form calendar-feed">
      <h2>{t().calendarFeed.title}</h2>
      <p class="muted">{t().calendarFeed.intro}</p>
      <p role="status"><span class={`badge ${feed()?.active ? '' : 'badge-muted'}`}>{feed()?.active ? t().calendarFeed.active : t().calendarFeed.inactive}</span></p>
      <Show when={url()}>
        {(address) => (
          <div class="field">
            <label class="field-label" for="calendar-url">{t().calendarFeed.url}</label>
            <div class="copy-row">
              <input id="calendar-url" readOnly value={address()} class="mono small" onFocus={(e) => e.currentTarget.select()} />
              <button type="button" class="button" onClick={copy}>{t().calendarFeed.copy}</button>
            </div>
            <span class="field-hint">{t().calendarFeed.once}</span>
          </div>
        )}
      </Show>
      <Show when={note()}><p class="callout callout-success" role="status">{note()}</p></Show>
      <FormError message={error()} />
      <p class="field-hint">{t().calendarFeed.replaces}</p>
      <div class="form-actions">
        <Show when={feed()?.active}><button type="button" class="button button-ghost" onClick={revoke}>{t().calendarFeed.revoke}</button></Show>
        <button type="button" class="button button-primary" onClick={renew}>{feed()?.active ? t().calendarFeed.renew : t().calendarFeed.create}</button>
      </div>
    </section>
  );
}

/** How many days before a due date this person is reminded (the day after it, always), and how many hours before a meeting. */
function ReminderSettings() {
  const { t } = useI18n();
  const settings = createAsync(() => getReminderSettings());
  const [note, setNote] = createSignal<string>();
  const [error, setError] = createSignal<string>();
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    setNote(undefined);
    setError(undefined);
    try {
      const form = new FormData(event.currentTarget as HTMLFormElement);
      await api.notifications.setSettings.mutate({ reminderDays: Number(form.get('reminderDays')), meetingReminderHours: Number(form.get('meetingReminderHours')) });
      await revalidate(getReminderSettings.key);
      setNote(t().actionItemPage.saved);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <form class="card form" onSubmit={save}>
      <h2>{t().actionItemPage.reminders}</h2>
      <Field label={t().actionItemPage.reminderDays}>
        <input name="reminderDays" type="number" min={0} max={60} required value={settings()?.reminderDays ?? 3} />
      </Field>
      <Field label={t().minutesIssue.meetingReminder}>
        <input name="meetingReminderHours" type="number" min={0} max={168} required value={settings()?.meetingReminderHours ?? 24} aria-describedby="meeting-reminder-hint" />
      </Field>
      <p id="meeting-reminder-hint" class="muted small">{t().minutesIssue.meetingReminderHint}</p>
      <FormError message={error()} />
      <Show when={note()}><p class="callout callout-success" role="status">{note()}</p></Show>
      <div class="form-actions"><button class="button button-primary" type="submit">{t().common.save}</button></div>
    </form>
  );
}

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
      <div class="account-calendar grid-2"><CalendarFeed /><ReminderSettings /></div>
    </Page>
  );
}
