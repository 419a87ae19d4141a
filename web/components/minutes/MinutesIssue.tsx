/**
 * The minutes as agencies issue them, on the meeting page: each invited agency's confirmation of the
 * draft, the actual times the chair records, the approval that names who has not confirmed, and the
 * numbered versions with their corrections.
 */
import { revalidate } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { fill, useI18n } from '../../lib/i18n.tsx';
import { api, errorMessage, type Outputs } from '../../lib/trpc.ts';
import { Empty } from '../Page.tsx';
import { Field, FormError, issuesText } from '../Field.tsx';
import { confirmMinutesInput, correctMinutesInput, heldTimesInput } from '../../../shared/schemas.ts';
import './minutes.css';
import { formatDateTime } from '../../../shared/format.ts';
import { localDate, timeOf, vietnamInstant, addDays } from '../../pages/meetings/dates.ts';

type Meeting = Outputs['meetings']['get'];

/** Per invited agency: confirmed, a remark (its text), or not yet; the representative's own answer. */
export function Confirmations(props: { meeting: Meeting }) {
  const { t } = useI18n();
  const [remarking, setRemarking] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [sent, setSent] = createSignal(false);
  const send = async (state: 'confirmed' | 'remark', remark = '') => {
    setSent(false);
    const parsed = confirmMinutesInput.safeParse({ meetingId: props.meeting.id, state, remark });
    if (!parsed.success) return setError(issuesText(parsed.error));
    setError(undefined);
    try {
      await api.meetings.confirmMinutes.mutate(parsed.data);
      await revalidate('meeting');
      setRemarking(false);
      setSent(true);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const submitRemark = (event: SubmitEvent) => {
    event.preventDefault();
    void send('remark', String(new FormData(event.currentTarget as HTMLFormElement).get('remark') ?? ''));
  };
  return (
    <section class="card" aria-labelledby="confirmations-title">
      <h2 id="confirmations-title">{t().minutesIssue.confirmations}</h2>
      <Show when={props.meeting.status === 'scheduled'}><p class="muted small">{t().minutesIssue.confirmationsIntro}</p></Show>
      <Show when={props.meeting.confirmations.length} fallback={<Empty>{t().minutesIssue.noAgencies}</Empty>}>
        <ul class="plain confirmation-list">
          <For each={props.meeting.confirmations}>
            {(c) => (
              <li class="confirmation" data-agency={c.agencyId}>
                <div><strong>{c.agencyShortName}</strong></div>
                <div>
                  <span class={`badge confirmation-${c.state}`}>{t().minutesIssue[c.state]}</span>
                  <Show when={c.byName && c.at}><span class="muted small"> {fill(t().minutesIssue.by, { name: c.byName!, time: formatDateTime(c.at!) })}</span></Show>
                </div>
                <Show when={c.state === 'remark'}><p class="confirmation-remark break">{c.remark}</p></Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.meeting.confirmOpensAt}>
        {(at) => <p class="muted small" data-testid="confirm-opens">{fill(t().minutesIssue.confirmOpens, { time: formatDateTime(at()) })}</p>}
      </Show>
      <Show when={props.meeting.canConfirm}>
        <div class="form">
          <Show when={!remarking()} fallback={
            <form class="form" onSubmit={submitRemark}>
              <Field label={t().minutesIssue.remarkLabel}><textarea name="remark" rows={3} required maxLength={2000} /></Field>
              <div class="form-actions">
                <button type="button" class="button button-ghost" onClick={() => setRemarking(false)}>{t().common.cancel}</button>
                <button type="submit" class="button button-primary">{t().minutesIssue.sendRemark}</button>
              </div>
            </form>
          }>
            <div class="form-actions">
              <button type="button" class="button" onClick={() => setRemarking(true)}>{t().minutesIssue.addRemark}</button>
              <button type="button" class="button button-primary" onClick={() => void send('confirmed')}>{t().minutesIssue.confirm}</button>
            </div>
          </Show>
          <FormError message={error()} />
          <Show when={sent()}><p class="callout callout-success" role="status">{t().minutesIssue.sent}</p></Show>
        </div>
      </Show>
    </section>
  );
}

/** The actual start and end the chair records (on the meeting's day; an end before the start is the next day). */
export function HeldTimes(props: { meeting: Meeting }) {
  const { t } = useI18n();
  const [error, setError] = createSignal<string>();
  const [saved, setSaved] = createSignal(false);
  const day = () => localDate(props.meeting.heldFrom ?? props.meeting.startsAt);
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    setSaved(false);
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const from = String(form.get('heldFrom') ?? '');
    const until = String(form.get('heldUntil') ?? '');
    const heldFrom = vietnamInstant(day(), from);
    const heldUntil = vietnamInstant(until <= from ? addDays(day(), 1) : day(), until);
    const parsed = heldTimesInput.safeParse({ meetingId: props.meeting.id, heldFrom, heldUntil });
    if (!parsed.success) return setError(issuesText(parsed.error));
    setError(undefined);
    try {
      await api.meetings.setHeldTimes.mutate(parsed.data);
      await revalidate('meeting');
      setSaved(true);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <form class="form held-times" onSubmit={save}>
      <h3>{t().minutesIssue.heldTimes}</h3>
      <div class="form-row">
        <Field label={t().minutesIssue.heldFrom}><input name="heldFrom" type="time" required step={60} value={timeOf(props.meeting.heldFrom ?? props.meeting.startsAt)} /></Field>
        <Field label={t().minutesIssue.heldUntil}><input name="heldUntil" type="time" required step={60} value={timeOf(props.meeting.heldUntil ?? props.meeting.endsAt)} /></Field>
      </div>
      <FormError message={error()} />
      <Show when={saved()}><p class="callout callout-success" role="status">{t().minutesIssue.timesSaved}</p></Show>
      <div class="form-actions"><button type="submit" class="button">{t().minutesIssue.saveTimes}</button></div>
    </form>
  );
}

/** The approval: names the agencies that have not confirmed and asks the chair to say so. */
export function ApproveForm(props: { meeting: Meeting; onDone: () => void }) {
  const { t } = useI18n();
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const [anyway, setAnyway] = createSignal(false);
  const unconfirmed = () => props.meeting.confirmations.filter((c) => c.state !== 'confirmed');
  const approve = async () => {
    setBusy(true);
    try {
      await api.meetings.approveMinutes.mutate({ id: props.meeting.id, confirmUnconfirmed: anyway() });
      await revalidate('meeting');
      props.onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="form">
      <p>{t().meetingView.approveConfirm}</p>
      <Show when={unconfirmed().length}>
        <div class="callout callout-warning" role="alert">
          <p>{t().minutesIssue.unconfirmedTitle}</p>
          <ul><For each={unconfirmed()}>{(c) => <li>{c.agencyName} — {t().minutesIssue[c.state]}{c.state === 'remark' ? `: ${c.remark}` : ''}</li>}</For></ul>
          <label class="checkbox"><input type="checkbox" checked={anyway()} onChange={(e) => setAnyway(e.currentTarget.checked)} />{t().minutesIssue.approveAnyway}</label>
        </div>
      </Show>
      <FormError message={error()} />
      <div class="form-actions">
        <button type="button" class="button button-ghost" onClick={() => props.onDone()}>{t().common.cancel}</button>
        <button type="button" class="button button-primary" disabled={busy() || (unconfirmed().length > 0 && !anyway())} onClick={approve}>{t().meetingView.approve}</button>
      </div>
    </div>
  );
}

/** The numbered versions of approved minutes, each exported as DOCX and PDF. */
export function MinutesVersions(props: { meeting: Meeting; onCorrect: () => void }) {
  const { t } = useI18n();
  const href = (format: 'docx' | 'pdf', version: number) => `/export/meetings/${props.meeting.id}/minutes.${format}?version=${version}`;
  return (
    <section class="card" aria-labelledby="versions-title">
      <h2 id="versions-title">{t().minutesIssue.versions}</h2>
      <ol class="plain versions-list">
        <For each={props.meeting.versions}>
          {(v) => (
            <li class="minutes-version">
              <div>
                <strong>{fill(t().minutesIssue.version, { n: v.version })}</strong>
                <span class="muted small"> · {v.createdBy}, {formatDateTime(v.createdAt)}</span>
              </div>
              <div class="break">{v.version === 1 ? t().minutesIssue.firstVersion : fill(t().minutesIssue.correction, { reason: v.reason })}</div>
              <div class="form-actions">
                <a class="button button-small" href={href('docx', v.version)} download="">{t().minutesIssue.docx}</a>
                <a class="button button-small" href={href('pdf', v.version)} download="">{t().minutesIssue.pdf}</a>
              </div>
            </li>
          )}
        </For>
      </ol>
      <Show when={props.meeting.canCorrect}>
        <div class="form-actions"><button type="button" class="button" onClick={() => props.onCorrect()}>{t().minutesIssue.correct}</button></div>
      </Show>
    </section>
  );
}

/** A correction: the latest text, block by block, and the conclusions, edited; a reason; saved as the next version. */
export function CorrectionForm(props: { meeting: Meeting; onDone: () => void }) {
  const { t } = useI18n();
  const latest = () => props.meeting.latestMinutes;
  const [blocks, setBlocks] = createStore((latest()?.minutes ?? []).map((b) => ({ ...b })));
  const [conclusions, setConclusions] = createStore(props.meeting.conclusions.map((c) => ({ id: c.id, text: c.text })));
  const [error, setError] = createSignal<string>();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget as HTMLFormElement).get('reason') ?? '');
    const parsed = correctMinutesInput.safeParse({
      meetingId: props.meeting.id, reason, expectedVersion: latest()?.version,
      minutes: blocks.map((b) => ({ ...b })), conclusions: conclusions.map((c) => ({ ...c })),
    });
    if (!parsed.success) return setError(issuesText(parsed.error));
    setError(undefined);
    try {
      await api.meetings.correctMinutes.mutate(parsed.data);
      await revalidate('meeting');
      props.onDone();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <form class="form correction-form" onSubmit={submit}>
      <p class="muted">{t().minutesIssue.correctIntro}</p>
      <Field label={t().minutesIssue.reason}><textarea name="reason" rows={2} required maxLength={1000} /></Field>
      <fieldset class="fieldset">
        <legend>{t().minutesIssue.text}</legend>
        <For each={blocks}>
          {(block, i) => (
            <Field label={block.kind === 'heading' ? t().minutesIssue.heading : `${t().minutes.paragraph} ${i() + 1}`}>
              <textarea rows={block.kind === 'heading' ? 1 : 3} value={block.text} class={block.kind === 'heading' ? 'strong' : ''}
                onInput={(e) => setBlocks(i(), 'text', e.currentTarget.value)} />
            </Field>
          )}
        </For>
      </fieldset>
      <Show when={conclusions.length}>
        <fieldset class="fieldset">
          <legend>{t().conclusions.title}</legend>
          <For each={conclusions}>
            {(c, i) => (
              <Field label={`${t().conclusions.text} ${i() + 1}`}>
                <textarea rows={2} required maxLength={5000} value={c.text} onInput={(e) => setConclusions(i(), 'text', e.currentTarget.value)} />
              </Field>
            )}
          </For>
        </fieldset>
      </Show>
      <FormError message={error()} />
      <div class="form-actions">
        <button type="button" class="button button-ghost" onClick={() => props.onDone()}>{t().common.cancel}</button>
        <button type="submit" class="button button-primary">{t().minutesIssue.saveCorrection}</button>
      </div>
    </form>
  );
}
