import { createAsync, revalidate } from '@solidjs/router';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import type { z } from 'zod';
import { fill, useI18n } from '../../lib/i18n.tsx';
import { getAgencies, getCases, getDirectory } from '../../lib/queries.ts';
import { getMe } from '../../lib/session.ts';
import { api, errorMessage, type Outputs } from '../../lib/trpc.ts';
import { Field, FormError } from '../../components/Field.tsx';
import { MEETING_KINDS } from '../../../shared/domain.ts';
import { meetingInput } from '../../../shared/schemas.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { addDays, localDate, timeOf, vietnamInstant } from './dates.ts';
import { DateInput } from '../../components/DateInput.tsx';

type Meeting = Outputs['meetings']['get'];
type Conflict = Outputs['meetings']['conflicts'][number];
type FieldName = keyof z.input<typeof meetingInput>;

/** Who already has a meeting then: a warning, never a refusal. */
export function ConflictList(props: { conflicts: Conflict[] }) {
  const { t } = useI18n();
  return (
    <ul class="conflicts">
      <For each={props.conflicts}>
        {(c) => {
          const time = `${formatDateTime(c.startsAt)} – ${timeOf(c.endsAt)}`;
          // A meeting the viewer may not see is only "busy": the server leaves out its title.
          return <li>{c.title === null ? fill(t().meetingForm.conflictBusy, { name: c.name, time }) : fill(t().meetingForm.conflictLine, { name: c.name, title: c.title, time })}</li>;
        }}
      </For>
    </ul>
  );
}

/**
 * Schedule or change a meeting (chair). Times are typed in Viet Nam time and sent with +07:00.
 * Before saving, the calendars of the chair and invitees are checked; a conflict asks for a second click.
 */
export function MeetingForm(props: { meeting?: Meeting; onSaved: (meetingId: string) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const me = createAsync(() => getMe());
  const agencies = createAsync(() => getAgencies());
  const directory = createAsync(() => getDirectory());
  const cases = createAsync(() => getCases());
  const m = () => props.meeting;

  const [invited, setInvited] = createSignal<string[]>([...(m()?.invitedAgencyIds ?? [])]);
  const [invitees, setInvitees] = createSignal<string[]>(m()?.invitees.map((i) => i.userId) ?? []);
  const [agenda, setAgenda] = createStore(m()?.agenda.map((a) => ({ title: a.title, caseId: a.caseId ?? '' })) ?? [{ title: '', caseId: '' }]);
  const [errors, setErrors] = createSignal<Partial<Record<FieldName, string>>>({});
  const [error, setError] = createSignal<string>();
  const [warning, setWarning] = createSignal<{ key: string; conflicts: Conflict[] }>();
  const [saved, setSaved] = createSignal<{ id: string; conflicts: Conflict[] }>();
  const [busy, setBusy] = createSignal(false);

  const chairId = () => m()?.chairUserId ?? me()?.id ?? '';
  const chairAgencyId = () => m()?.chairAgencyId ?? me()?.agency.id ?? '';
  const activeAgencies = () => (agencies() ?? []).filter((a) => a.validTo === null);
  const shortName = (id: string) => agencies()?.find((a) => a.id === id)?.shortName ?? id;
  /** People of the chair's agency and of every invited agency, grouped by agency. */
  const people = createMemo(() => {
    const at = [chairAgencyId(), ...invited().filter((id) => id !== chairAgencyId())];
    return at.map((agencyId) => ({ agencyId, people: (directory() ?? []).filter((p) => p.agencyId === agencyId && p.id !== chairId()) }))
      .filter((group) => group.people.length > 0);
  });
  const eligible = () => new Set(people().flatMap((g) => g.people.map((p) => p.id)));
  const chosenInvitees = () => invitees().filter((id) => eligible().has(id));
  const toggle = (list: string[], id: string, on: boolean) => (on ? [...new Set([...list, id])] : list.filter((x) => x !== id));

  const messageOf = (field: FieldName) =>
    field === 'endsAt' ? t().meetingForm.endBeforeStart
      : field === 'invitedAgencyIds' ? t().meetingForm.needAgency
        : field === 'onlineUrl' ? t().meetingForm.invalidUrl : t().caseForm.invalid;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '');
    const date = text('date');
    const parsed = meetingInput.safeParse({
      kind: text('kind'), title: text('title'),
      startsAt: vietnamInstant(date, text('start')), endsAt: vietnamInstant(date, text('end')),
      place: text('place'), onlineUrl: text('onlineUrl').trim(),
      invitedAgencyIds: invited(), inviteeUserIds: chosenInvitees(),
      secretaryUserId: text('secretary') && eligible().has(text('secretary')) ? text('secretary') : null,
      agenda: agenda.filter((item) => item.title.trim() !== '').map((item) => ({ title: item.title, caseId: item.caseId || null })),
      heldAlready: form.get('heldAlready') === 'on',
    });
    setError(undefined);
    if (!parsed.success) {
      const next: Partial<Record<FieldName, string>> = {};
      for (const issue of parsed.error.issues) next[issue.path[0] as FieldName] ??= messageOf(issue.path[0] as FieldName);
      setErrors(next);
      return setError(t().caseForm.fixErrors);
    }
    setErrors({});
    const input = parsed.data;
    setBusy(true);
    try {
      // Ask once per time and invitee list; a second click on "Vẫn lưu" saves.
      const key = JSON.stringify([input.startsAt, input.endsAt, input.inviteeUserIds]);
      if (warning()?.key !== key) {
        const conflicts = await api.meetings.conflicts.query({
          userIds: [chairId(), ...input.inviteeUserIds], startsAt: input.startsAt, endsAt: input.endsAt, meetingId: m()?.id ?? null,
        });
        setWarning({ key, conflicts });
        if (conflicts.length > 0) return;
      }
      const result = m() ? await api.meetings.update.mutate({ id: m()!.id, meeting: input, expectedSequence: m()!.sequence }) : await api.meetings.create.mutate(input);
      await revalidate(['meeting', 'case', 'actionItems']);
      if (result.conflicts.length > 0) setSaved({ id: result.meeting.id, conflicts: result.conflicts });
      else props.onSaved(result.meeting.id);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const start = () => m()?.startsAt;
  return (
    <Show when={saved()} fallback={
      <form class="form form-wide meeting-form" onSubmit={submit} novalidate>
        <div class="form-row">
          <Field label={t().meetingForm.kind} error={errors().kind}>
            <select name="kind" value={m()?.kind ?? 'joint'}>
              <For each={MEETING_KINDS}>{(kind) => <option value={kind}>{t().meetingKinds[kind]}</option>}</For>
            </select>
          </Field>
          <Field label={t().meetingForm.title} error={errors().title}><input name="title" required maxLength={300} value={m()?.title ?? ''} /></Field>
        </div>
        <div class="form-row form-row-3">
          <Field label={t().meetingForm.date}><DateInput name="date" required value={start() ? localDate(start()!) : addDays(localDate(), 1)} /></Field>
          <Field label={t().meetingForm.start} error={errors().startsAt} hint={t().meetingForm.timeHint}>
            <input name="start" type="time" required step={300} value={start() ? timeOf(start()!) : '08:00'} />
          </Field>
          <Field label={t().meetingForm.end} error={errors().endsAt}>
            <input name="end" type="time" required step={300} value={m() ? timeOf(m()!.endsAt) : '10:00'} />
          </Field>
        </div>
        <div class="form-row">
          <Field label={t().meetingForm.place} error={errors().place}><input name="place" maxLength={300} value={m()?.place ?? ''} /></Field>
          <Field label={t().meetingForm.onlineUrl} error={errors().onlineUrl}><input name="onlineUrl" type="url" placeholder="https://" maxLength={500} value={m()?.onlineUrl ?? ''} /></Field>
        </div>
        <fieldset class="fieldset checkbox-grid" aria-invalid={errors().invitedAgencyIds ? 'true' : undefined}>
          <legend>{t().meetingForm.agencies}</legend>
          <For each={activeAgencies()}>
            {(agency) => (
              <label class="checkbox">
                <input type="checkbox" checked={invited().includes(agency.id)} onChange={(e) => setInvited(toggle(invited(), agency.id, e.currentTarget.checked))} />
                <span>{agency.nameVi}<Show when={agency.id === chairAgencyId()}> <span class="muted small">({t().meetingForm.chairAgency})</span></Show></span>
              </label>
            )}
          </For>
          <Show when={errors().invitedAgencyIds}><span class="field-error" role="alert">{errors().invitedAgencyIds}</span></Show>
        </fieldset>
        <fieldset class="fieldset">
          <legend>{t().meetingForm.invitees}</legend>
          <Show when={invited().length > 0} fallback={<p class="muted small">{t().meetingForm.noInvitees}</p>}>
            <For each={people()}>
              {(group) => (
                <div class="people-group">
                  <p class="people-agency">{shortName(group.agencyId)}</p>
                  <For each={group.people}>
                    {(person) => (
                      <label class="checkbox">
                        <input type="checkbox" checked={invitees().includes(person.id)} onChange={(e) => setInvitees(toggle(invitees(), person.id, e.currentTarget.checked))} />
                        <span>{person.name}<span class="muted small"> · {person.title}</span></span>
                      </label>
                    )}
                  </For>
                </div>
              )}
            </For>
          </Show>
        </fieldset>
        <Show when={!m()}>
          <label class="checkbox"><input type="checkbox" name="heldAlready" /> {t().meetingForm.heldAlready}</label>
        </Show>
        <Field label={t().meetingForm.secretary}>
          <select name="secretary" value={m()?.secretaryUserId ?? ''}>
            <option value="">{t().meetingForm.noSecretary}</option>
            <For each={people()}>
              {(group) => (
                <optgroup label={shortName(group.agencyId)}>
                  <For each={group.people}>{(person) => <option value={person.id}>{person.name}</option>}</For>
                </optgroup>
              )}
            </For>
          </select>
        </Field>
        <fieldset class="fieldset agenda-fieldset">
          <legend>{t().meetingForm.agenda}</legend>
          <ol class="agenda-rows">
            <For each={agenda}>
              {(item, i) => (
                <li class="agenda-row">
                  <Field label={fill(t().meetingForm.agendaTitle, { n: i() + 1 })}>
                    <input value={item.title} maxLength={300} onInput={(e) => setAgenda(i(), 'title', e.currentTarget.value)} />
                  </Field>
                  <Field label={fill(t().meetingForm.agendaCase, { n: i() + 1 })}>
                    <select value={item.caseId} onChange={(e) => {
                      const caseId = e.currentTarget.value;
                      setAgenda(i(), 'caseId', caseId);
                      const chosen = cases()?.find((c) => c.id === caseId);
                      if (chosen && item.title.trim() === '') setAgenda(i(), 'title', `${chosen.judgmentNumber} — ${chosen.debtor}`);
                    }}>
                      <option value="">{t().meetingForm.noCase}</option>
                      <For each={cases()}>{(c) => <option value={c.id}>{c.judgmentNumber} — {c.debtor}</option>}</For>
                    </select>
                  </Field>
                  <button type="button" class="button button-small button-ghost agenda-remove" aria-label={fill(t().meetingForm.removeItem, { n: i() + 1 })}
                    onClick={() => setAgenda((rows) => rows.filter((_, index) => index !== i()))}>×</button>
                </li>
              )}
            </For>
          </ol>
          <button type="button" class="button button-small" onClick={() => setAgenda(agenda.length, { title: '', caseId: '' })}>+ {t().meetingForm.addItem}</button>
        </fieldset>
        <Show when={warning()?.conflicts.length}>
          <div class="callout callout-warning" role="alert">
            <strong>{t().meetingForm.conflicts}.</strong> {t().meetingForm.conflictsIntro}
            <ConflictList conflicts={warning()!.conflicts} />
          </div>
        </Show>
        <FormError message={error()} />
        <div class="form-actions">
          <button type="button" class="button button-ghost" onClick={() => props.onCancel()}>{t().common.cancel}</button>
          <button type="submit" class="button button-primary" disabled={busy()}>
            {warning()?.conflicts.length ? t().meetingForm.saveAnyway : t().common.save}
          </button>
        </div>
      </form>
    }>
      {(done) => (
        <div class="form">
          <div class="callout callout-warning" role="status">
            <strong>{t().meetingForm.savedWithConflicts}</strong>
            <ConflictList conflicts={done().conflicts} />
          </div>
          <div class="form-actions">
            <button type="button" class="button button-primary" onClick={() => props.onSaved(done().id)}>{t().meetingForm.openMeeting}</button>
          </div>
        </div>
      )}
    </Show>
  );
}
