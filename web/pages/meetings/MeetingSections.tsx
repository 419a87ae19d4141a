/** The parts of a meeting page that have their own form: my answer, attendance, conclusions. */
import { createAsync, revalidate } from '@solidjs/router';
import { createEffect, createSignal, For, on, Show } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { fill, useI18n } from '../../lib/i18n.tsx';
import { api, errorMessage, type Outputs } from '../../lib/trpc.ts';
import { getDirectory } from '../../lib/queries.ts';
import { Empty } from '../../components/Page.tsx';
import { Field, FormError, issuesText } from '../../components/Field.tsx';
import { answerInvitationInput, attendanceInput, conclusionInput, editConclusionInput } from '../../../shared/schemas.ts';
import { formatDate, formatDateTime } from '../../../shared/format.ts';
import { addDays, localDate } from './dates.ts';
import { DateInput } from '../../components/DateInput.tsx';

type Meeting = Outputs['meetings']['get'];
type Agency = Outputs['agencies']['list'][number];


/** The chair's agency and the invited ones: where attendees come from and who can be given work. */
function tableAgencies(meeting: Meeting, agencies: Agency[]): Agency[] {
  const ids = [meeting.chairAgencyId, ...meeting.invitedAgencyIds.filter((id) => id !== meeting.chairAgencyId)];
  return ids.map((id) => agencies.find((a) => a.id === id)).filter((a): a is Agency => a !== undefined);
}

/** My answer; a delegate is a colleague of my agency picked from the directory, who is then invited in turn. */
export function MyInvitation(props: { meeting: Meeting }) {
  const { t } = useI18n();
  const invitation = () => props.meeting.myInvitation!;
  const directory = createAsync(() => getDirectory());
  const colleagues = () => (directory() ?? []).filter((p) => p.agencyId === invitation().agencyId && p.id !== invitation().userId && p.id !== props.meeting.chairUserId);
  const [answer, setAnswer] = createSignal<'attend' | 'decline' | 'delegate'>(invitation().answer === 'pending' ? 'attend' : invitation().answer as 'attend');
  const [error, setError] = createSignal<string>();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const parsed = answerInvitationInput.safeParse({ meetingId: props.meeting.id, answer: answer(), delegateUserId: String(form.get('delegateUserId') ?? '') || null });
    if (!parsed.success) return setError(issuesText(parsed.error));
    setError(undefined);
    try {
      await api.meetings.answer.mutate(parsed.data);
      await revalidate('meeting');
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <section class="card">
      <h2>{t().invitation.title}</h2>
      <Show when={props.meeting.answersForAgency}><p class="muted">{t().minutesIssue.forAgency}</p></Show>
      <Show when={invitation().delegatedByName}><p class="muted">{fill(t().minutesIssue.delegatedBy, { name: invitation().delegatedByName! })}</p></Show>
      <p>
        <Show when={invitation().answer !== 'pending'} fallback={<span class="badge badge-muted">{t().invitation.pending}</span>}>
          {fill(t().invitation.yourAnswer, { answer: t().answers[invitation().answer] })}
          <Show when={invitation().answer === 'delegate'}> — {fill(t().invitation.delegatedTo, { name: invitation().delegateName })}</Show>
        </Show>
      </p>
      <Show when={props.meeting.status === 'scheduled'}>
        <form class="form" onSubmit={submit}>
          <fieldset class="fieldset answer-choices">
            <legend>{t().meetingView.answer}</legend>
            <For each={['attend', 'decline', 'delegate'] as const}>
              {(choice) => (
                <label class="checkbox">
                  <input type="radio" name="answer" value={choice} checked={answer() === choice} onChange={() => setAnswer(choice)} />
                  {t().invitation[choice]}
                </label>
              )}
            </For>
          </fieldset>
          <Show when={answer() === 'delegate'}>
            <Show when={colleagues().length} fallback={<p class="callout">{t().minutesIssue.noColleagues}</p>}>
              <Field label={t().minutesIssue.pickDelegate}>
                <select name="delegateUserId" required value={invitation().delegateUserId ?? ''}>
                  <option value="">{t().minutesIssue.chooseDelegate}</option>
                  <For each={colleagues()}>{(p) => <option value={p.id}>{p.name}{p.title ? ` — ${p.title}` : ''}</option>}</For>
                </select>
              </Field>
            </Show>
          </Show>
          <FormError message={error()} />
          <div class="form-actions"><button type="submit" class="button button-primary">{t().invitation.send}</button></div>
        </form>
      </Show>
    </section>
  );
}

export function Attendance(props: { meeting: Meeting; agencies: Agency[] }) {
  const { t } = useI18n();
  const recorded = () => props.meeting.attendance.map(({ agencyId, person, position, present }) => ({ agencyId, person, position, present }));
  const [rows, setRowsRaw] = createStore(recorded());
  const [error, setError] = createSignal<string>();
  const [saved, setSaved] = createSignal(false);
  // What the other recorder (chair or secretary) saves shows here too, unless this person is editing.
  const [dirty, setDirty] = createSignal(false);
  const setRows: typeof setRowsRaw = ((...args: unknown[]) => {
    setDirty(true);
    return (setRowsRaw as (...a: unknown[]) => void)(...args);
  }) as typeof setRowsRaw;
  createEffect(on(() => props.meeting.attendance, () => { if (!dirty()) setRowsRaw(reconcile(recorded())); }, { defer: true }));
  const agencies = () => tableAgencies(props.meeting, props.agencies);

  const fromInvitees = () => setRows([
    { agencyId: props.meeting.chairAgencyId, person: props.meeting.chairName, position: '', present: true },
    // Someone who sent a delegate is not there; the delegate, invited in their own row, is.
    ...props.meeting.invitees.filter((i) => i.answer !== 'delegate').map((i) => ({
      agencyId: i.agencyId, person: i.name, position: i.title, present: i.answer !== 'decline',
    })),
  ]);
  const save = async () => {
    setSaved(false);
    const parsed = attendanceInput.safeParse({ meetingId: props.meeting.id, attendees: rows.filter((r) => r.person.trim() !== '') });
    if (!parsed.success) return setError(issuesText(parsed.error));
    setError(undefined);
    try {
      await api.meetings.setAttendance.mutate(parsed.data);
      setDirty(false);
      await revalidate('meeting');
      setSaved(true);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <section class="card">
      <h2>{t().attendance.title}</h2>
      <Show when={props.meeting.canRecord} fallback={
        <Show when={props.meeting.attendance.length} fallback={<Empty>{t().attendance.none}</Empty>}>
          <div class="table-wrap">
            <table class="table table-compact">
              <thead><tr><th>{t().attendance.agency}</th><th>{t().attendance.person}</th><th>{t().attendance.position}</th><th>{t().attendance.present}</th></tr></thead>
              <tbody>
                <For each={props.meeting.attendance}>
                  {(row) => <tr><td>{row.agencyShortName}</td><td>{row.person}</td><td>{row.position}</td><td>{row.present ? t().attendance.present : t().attendance.absent}</td></tr>}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
      }>
        <div class="attendance-rows">
          <For each={rows} fallback={<Empty>{t().attendance.none}</Empty>}>
            {(row, i) => (
              <div class="attendance-row">
                <Field label={t().attendance.agency}>
                  <select value={row.agencyId} onChange={(e) => setRows(i(), 'agencyId', e.currentTarget.value)}>
                    <For each={agencies()}>{(a) => <option value={a.id}>{a.shortName}</option>}</For>
                  </select>
                </Field>
                <Field label={t().attendance.person}><input value={row.person} maxLength={120} onInput={(e) => setRows(i(), 'person', e.currentTarget.value)} /></Field>
                <Field label={t().attendance.position}><input value={row.position} maxLength={120} onInput={(e) => setRows(i(), 'position', e.currentTarget.value)} /></Field>
                <label class="checkbox attendance-present">
                  <input type="checkbox" checked={row.present} onChange={(e) => setRows(i(), 'present', e.currentTarget.checked)} />{t().attendance.present}
                </label>
                <button type="button" class="button button-small button-ghost" aria-label={fill(t().attendance.removeRow, { n: i() + 1 })}
                  onClick={() => setRows((all) => all.filter((_, index) => index !== i()))}>×</button>
              </div>
            )}
          </For>
        </div>
        <FormError message={error()} />
        <Show when={saved()}><p class="callout callout-success" role="status">{t().attendance.saved}</p></Show>
        <div class="form-actions form-actions-split">
          <div>
            <button type="button" class="button button-small" onClick={() => setRows(rows.length, { agencyId: props.meeting.chairAgencyId, person: '', position: '', present: true })}>
              + {t().attendance.addRow}
            </button>
            <button type="button" class="button button-small button-ghost" onClick={fromInvitees}>{t().attendance.fromInvitees}</button>
          </div>
          <button type="button" class="button button-primary" onClick={save}>{t().attendance.save}</button>
        </div>
      </Show>
    </section>
  );
}

function ConclusionForm(props: { meeting: Meeting; agencies: Agency[] }) {
  const { t } = useI18n();
  const meetingDay = () => localDate(props.meeting.startsAt);
  const blank = () => ({ agencyId: props.meeting.invitedAgencyIds.find((id) => id !== props.meeting.chairAgencyId) ?? props.meeting.chairAgencyId, title: '', dueDate: addDays(meetingDay(), 15) });
  const [assignments, setAssignments] = createStore<{ agencyId: string; title: string; dueDate: string }[]>([]);
  const [error, setError] = createSignal<string>();
  const [saved, setSaved] = createSignal(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    setSaved(false);
    const parsed = conclusionInput.safeParse({
      meetingId: props.meeting.id, agendaItemId: String(form.get('agendaItemId') ?? '') || null, text: String(form.get('text') ?? ''),
      assignments: assignments.map((a) => ({ ...a })),
    });
    if (!parsed.success) return setError(issuesText(parsed.error));
    setError(undefined);
    try {
      await api.meetings.addConclusion.mutate(parsed.data);
      formElement.reset();
      setAssignments([]);
      await revalidate(['meeting', 'actionItems', 'case']);
      setSaved(true);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <form class="form conclusion-form" onSubmit={submit}>
      <h3>{t().conclusions.add}</h3>
      <Field label={t().conclusions.agendaItem}>
        <select name="agendaItemId">
          <option value="">{t().conclusions.noAgendaItem}</option>
          <For each={props.meeting.agenda}>{(item) => <option value={item.id}>{item.position}. {item.title}</option>}</For>
        </select>
      </Field>
      <Field label={t().conclusions.text}><textarea name="text" rows={3} required maxLength={5000} /></Field>
      <fieldset class="fieldset assignment-fieldset">
        <legend>{t().conclusions.assignments}</legend>
        <For each={assignments}>
          {(assignment, i) => (
            <div class="assignment-row">
              <Field label={t().conclusions.agency}>
                <select value={assignment.agencyId} onChange={(e) => setAssignments(i(), 'agencyId', e.currentTarget.value)}>
                  <For each={tableAgencies(props.meeting, props.agencies)}>{(a) => <option value={a.id}>{a.nameVi}</option>}</For>
                </select>
              </Field>
              <Field label={t().conclusions.taskTitle}>
                <input value={assignment.title} required maxLength={300} onInput={(e) => setAssignments(i(), 'title', e.currentTarget.value)} />
              </Field>
              <Field label={t().conclusions.dueDate}>
                <DateInput value={assignment.dueDate} min={meetingDay()} required onChange={(due) => setAssignments(i(), 'dueDate', due)} />
              </Field>
              <button type="button" class="button button-small button-ghost" aria-label={fill(t().conclusions.removeAssignment, { n: i() + 1 })}
                onClick={() => setAssignments((all) => all.filter((_, index) => index !== i()))}>×</button>
            </div>
          )}
        </For>
        <button type="button" class="button button-small" onClick={() => setAssignments(assignments.length, blank())}>+ {t().conclusions.addAssignment}</button>
      </fieldset>
      <FormError message={error()} />
      <Show when={saved()}><p class="callout callout-success" role="status">{t().conclusions.saved}</p></Show>
      <div class="form-actions"><button type="submit" class="button button-primary">{t().conclusions.add}</button></div>
    </form>
  );
}

/** Before approval the chair or secretary correct a conclusion's text in place (audited with before and after). */
function EditableConclusion(props: { meeting: Meeting; conclusion: Meeting['conclusions'][number] }) {
  const { t } = useI18n();
  const [editing, setEditing] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const parsed = editConclusionInput.safeParse({
      meetingId: props.meeting.id, conclusionId: props.conclusion.id, text: String(new FormData(event.currentTarget as HTMLFormElement).get('text') ?? ''),
    });
    if (!parsed.success) return setError(issuesText(parsed.error));
    setError(undefined);
    try {
      await api.meetings.editConclusion.mutate(parsed.data);
      await revalidate('meeting');
      setEditing(false);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Show when={editing()} fallback={
      <div class="conclusion-editable">
        <p class="conclusion-text">{props.conclusion.text}</p>
        <button type="button" class="button button-small button-ghost" onClick={() => setEditing(true)}>{t().minutesIssue.editConclusion}</button>
      </div>
    }>
      <form class="form" onSubmit={submit}>
        <Field label={t().conclusions.text}><textarea name="text" rows={3} required maxLength={5000} value={props.conclusion.text} /></Field>
        <FormError message={error()} />
        <div class="form-actions">
          <button type="button" class="button button-ghost" onClick={() => setEditing(false)}>{t().common.cancel}</button>
          <button type="submit" class="button button-primary">{t().minutesIssue.saveConclusion}</button>
        </div>
      </form>
    </Show>
  );
}

export function Conclusions(props: { meeting: Meeting; agencies: Agency[] }) {
  const { t } = useI18n();
  const agendaTitle = (id: string | null) => props.meeting.agenda.find((a) => a.id === id);
  return (
    <section class="card">
      <h2>{t().conclusions.title}</h2>
      <ol class="conclusions">
        <For each={props.meeting.conclusions} fallback={<li><Empty>{t().conclusions.none}</Empty></li>}>
          {(conclusion) => (
            <li class="conclusion">
              <Show when={agendaTitle(conclusion.agendaItemId)}>{(item) => <div class="muted small">{item().position}. {item().title}</div>}</Show>
              <Show when={props.meeting.canRecord} fallback={<p class="conclusion-text">{conclusion.text}</p>}>
                <EditableConclusion meeting={props.meeting} conclusion={conclusion} />
              </Show>
              <Show when={conclusion.assignments.length}>
                <div class="table-wrap">
                  <table class="table table-compact stack-table">
                    <thead><tr><th>{t().conclusions.agency}</th><th>{t().conclusions.taskTitle}</th><th>{t().conclusions.dueDate}</th><th>{t().actionItems.status}</th></tr></thead>
                    <tbody>
                      <For each={conclusion.assignments}>
                        {(a) => (
                          <tr>
                            <td class="nowrap">{a.agencyShortName}</td><td>{a.title}</td><td class="nowrap">{formatDate(a.dueDate)}</td>
                            <td><span class="badge">{t().actionItemStatus[a.status as keyof ReturnType<typeof t>['actionItemStatus']] ?? a.status}</span></td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
              </Show>
              <div class="muted small">{fill(t().conclusions.by, { name: conclusion.author, time: formatDateTime(conclusion.createdAt) })}</div>
            </li>
          )}
        </For>
      </ol>
      <Show when={props.meeting.canRecord}><ConclusionForm meeting={props.meeting} agencies={props.agencies} /></Show>
    </section>
  );
}
