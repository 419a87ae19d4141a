import { A, createAsync, revalidate, useParams } from '@solidjs/router';
import { followRecord } from '../../lib/live.ts';
import { createSignal, For, Show } from 'solid-js';
import { fill, useI18n } from '../../lib/i18n.tsx';
import { getAgencies, getCase } from '../../lib/queries.ts';
import { api, errorMessage, type Outputs } from '../../lib/trpc.ts';
import { Empty, Page } from '../../components/Page.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Attachments } from '../../components/Attachments.tsx';
import { Field, FormError, issuesText } from '../../components/Field.tsx';
import { CASE_STATUSES } from '../../../shared/domain.ts';
import { caseStatusInput, caseStepCorrectionInput, STEP_MONEY_KINDS } from '../../../shared/schemas.ts';
import { formatDate, formatDateTime, formatMoney, localDate } from '../../../shared/format.ts';
import { FlagBadges, useFlagReason } from './FlagBadges.tsx';
import { CaseForm } from './CaseForm.tsx';
import { DateInput } from '../../components/DateInput.tsx';
import { shownStatus } from '../meetings/dates.ts';

type Case = Outputs['cases']['get'];

type Step = Case['history'][number];

/**
 * "Ghi nhận bước thi hành": a dated step (kê biên, cưỡng chế…) with a note, the money it brought
 * and, for a coercion, the agencies that took part. With `step`, the same form corrects that step
 * and asks for the reason.
 */
function StepForm(props: { record: Case; step?: Step; onDone?: () => void }) {
  const { t } = useI18n();
  const agencies = createAsync(() => getAgencies());
  const [error, setError] = createSignal<string>();
  const [status, setStatus] = createSignal<string>(props.step?.status ?? props.record.status);
  const [moneyKind, setMoneyKind] = createSignal<string>(props.step?.money?.kind ?? '');
  // The agencies that can take part: the active ones besides the office itself (and any the step already names).
  const coercionAgencies = () => (agencies() ?? []).filter((a) => (a.validTo === null && a.id !== props.record.officeAgencyId)
    || props.step?.agencies.some((x) => x.id === a.id));
  // Money still due (less what this step already brought, when correcting it): "thi hành xong" then asks for a confirmation.
  const moneyDue = () => props.record.amountOutstanding + (props.step?.money?.amount ?? 0) > 0;
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const kind = String(form.get('moneyKind') ?? '');
    const amount = Number(String(form.get('amount') ?? '').replace(/[.\s]/g, ''));
    const common = {
      caseId: props.record.id, status: form.get('status'), onDate: form.get('onDate'), note: form.get('note') ?? '',
      confirmOutstanding: form.get('confirmOutstanding') === 'on',
      money: kind ? { kind, amount } : null,
      agencyIds: form.get('status') === 'coercion' ? form.getAll('agencyIds').map(String) : [],
    };
    const parsed = props.step
      ? caseStepCorrectionInput.safeParse({ ...common, stepId: props.step.id, reason: form.get('reason') ?? '' })
      : caseStatusInput.safeParse({ ...common, expectedStatus: props.record.status });
    if (!parsed.success) return setError(issuesText(parsed.error));
    setError(undefined);
    try {
      if (props.step) await api.cases.correctStep.mutate(parsed.data as never);
      else await api.cases.recordStatus.mutate(parsed.data as never);
      await revalidate('case');
      props.onDone?.();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <form class="form" onSubmit={submit}>
      <Show when={!props.step}><h3>{t().caseView.recordStep}</h3></Show>
      <div class="form-row">
        <Field label={t().caseView.stepStatus}>
          <select name="status" value={status()} onChange={(e) => setStatus(e.currentTarget.value)}>
            <For each={CASE_STATUSES}>{(s) => <option value={s}>{t().caseStatus[s]}</option>}</For>
          </select>
        </Field>
        <Field label={t().caseView.stepDate}><DateInput name="onDate" required min={props.record.acceptedOn} max={localDate()} value={props.step?.onDate ?? localDate()} /></Field>
      </div>
      <div class="form-row">
        <Field label={t().caseView.stepMoneyKind}>
          <select name="moneyKind" value={moneyKind()} onChange={(e) => setMoneyKind(e.currentTarget.value)}>
            <option value="">{t().caseView.noMoney}</option>
            <For each={STEP_MONEY_KINDS}>{(k) => <option value={k}>{t().caseView.moneyKinds[k]}</option>}</For>
          </select>
        </Field>
        <Show when={moneyKind()}>
          <Field label={t().caseView.stepAmount}><input name="amount" inputmode="numeric" required value={props.step?.money ? String(props.step.money.amount) : ''} /></Field>
        </Show>
      </div>
      <Show when={status() === 'coercion'}>
        <fieldset class="checkbox-group">
          <legend class="field-label">{t().caseView.coercionAgencies}</legend>
          <For each={coercionAgencies()}>
            {(a) => <label class="checkbox"><input type="checkbox" name="agencyIds" value={a.id} checked={props.step?.agencies.some((x) => x.id === a.id) ?? false} /> {a.nameVi}</label>}
          </For>
        </fieldset>
      </Show>
      <Field label={t().caseView.stepNote}><textarea name="note" rows={2} maxLength={2000} value={props.step?.note ?? ''} /></Field>
      <Show when={status() === 'completed' && moneyDue()}>
        <label class="checkbox"><input type="checkbox" name="confirmOutstanding" /> {props.step ? t().caseView.confirmOutstandingCorrection : t().caseView.confirmOutstanding}</label>
      </Show>
      <Show when={props.step}>
        <Field label={t().caseView.correctionReason}><textarea name="reason" rows={2} required maxLength={1000} /></Field>
      </Show>
      <FormError message={error()} />
      <div class="form-actions"><button type="submit" class="button button-primary">{props.step ? t().caseView.saveCorrection : t().caseView.record}</button></div>
    </form>
  );
}

export default function CasePage() {
  const { t } = useI18n();
  const params = useParams<{ id: string }>();
  const record = createAsync(() => getCase(params.id));
  followRecord('case', () => params.id, () => ['case']);
  const agencies = createAsync(() => getAgencies());
  const [editing, setEditing] = createSignal(false);
  const [correcting, setCorrecting] = createSignal<Step>();
  // Each recorded step gives a fresh form (its step and date from the new record): a form reset would
  // show the first step and no date while the fields it hides and the date it sends kept the old ones.
  const [stepForms, setStepForms] = createSignal(1);
  const reason = useFlagReason();
  const agencyName = (id: string) => agencies()?.find((a) => a.id === id)?.nameVi ?? id;

  return (
    <Page title={record()?.judgmentNumber ?? ''} subtitle={record()?.debtor} actions={
      <Show when={record()?.canEdit}><button class="button" onClick={() => setEditing(true)}>{t().common.edit}</button></Show>
    }>
      <Show when={record()}>
        {(c) => (
          <>
            <div class="case-layout">
              <section class="card">
                <h2>{t().caseView.details}</h2>
                <dl class="details">
                  <dt>{t().cases.judgment}</dt><dd>{c().judgmentNumber}, {formatDate(c().judgmentDate)} — {c().courtName}</dd>
                  <dt>{t().cases.type}</dt><dd>{t().caseTypes[c().caseType]}</dd>
                  <dt>{t().cases.creditor}</dt><dd>{c().creditor || t().meetingView.none}</dd>
                  <dt>{t().cases.debtor}</dt><dd>{c().debtor}</dd>
                  <dt>{t().cases.amountDue}</dt><dd class="nowrap">{formatMoney(c().amountDue)}</dd>
                  <dt>{t().cases.amountCollected}</dt><dd class="nowrap">{formatMoney(c().amountCollected)}</dd>
                  <Show when={c().amountTerminated + c().amountReduced > 0}>
                    <dt>{t().caseView.exempted}</dt><dd class="nowrap">{formatMoney(c().amountTerminated + c().amountReduced)}</dd>
                  </Show>
                  <dt>{t().caseView.remaining}</dt><dd class="nowrap"><strong>{formatMoney(c().amountOutstanding)}</strong></dd>
                  <dt>{t().cases.classification}</dt><dd>{t().classification[c().classification]}</dd>
                  <dt>{t().cases.status}</dt><dd><span class="badge">{t().caseStatus[c().status]}</span></dd>
                  <dt>{t().cases.acceptedOn}</dt><dd>{formatDate(c().acceptedOn)}</dd>
                  <dt>{t().caseView.officer}</dt><dd>{c().officerName || t().meetingView.none}</dd>
                  <dt>{t().caseView.involved}</dt>
                  <dd><Show when={c().involvedAgencyIds.length} fallback={t().meetingView.none}>
                    <div class="chips"><For each={c().involvedAgencyIds}>{(id) => <span class="chip">{agencyName(id)}</span>}</For></div>
                  </Show></dd>
                </dl>
                <Show when={c().summary}><h3>{t().caseView.summary}</h3><p>{c().summary}</p></Show>
              </section>
              <section class="card">
                <h2>{t().flags.title}</h2>
                <Show when={c().flags.length} fallback={<Empty>{t().flags.none}</Empty>}>
                  <ul class="flag-list">
                    <For each={c().flags}>
                      {(flag) => <li><FlagBadges flags={[flag]} /><span>{reason(flag)}</span></li>}
                    </For>
                  </ul>
                </Show>
              </section>
            </div>
            <section class="card">
              <h2>{t().caseView.history}</h2>
              <Show when={c().history.length} fallback={<Empty>{t().caseView.noHistory}</Empty>}>
                <ol class="timeline">
                  <For each={c().history}>
                    {(step, index) => (
                      <li class="timeline-item" classList={{ 'timeline-current': index() === c().history.length - 1 }}>
                        <time class="timeline-date" datetime={step.onDate}>{formatDate(step.onDate)}</time>
                        <div class="timeline-body">
                          <strong>{t().caseStatus[step.status]}</strong>
                          <Show when={index() === c().history.length - 1}><span class="badge badge-muted">{t().caseView.current}</span></Show>
                          <Show when={step.note && step.note !== 'import'}><p>{step.note}</p></Show>
                          <Show when={step.money}>{(m) => <div class="small">{t().caseView.moneyKinds[m().kind]}: <strong class="nowrap">{formatMoney(m().amount)}</strong></div>}</Show>
                          <Show when={step.agencies.length}><div class="small">{t().caseView.coercionAgencies}: {step.agencies.map((a) => a.shortName).join(', ')}</div></Show>
                          <Show when={step.userName}>{(name) => <div class="muted small">{fill(t().caseView.by, { name: name() })} · {formatDateTime(step.recordedAt)}</div>}</Show>
                          <For each={step.corrections}>
                            {(k) => <div class="muted small step-correction">{fill(t().caseView.corrected, { name: k.userName ?? '', time: formatDateTime(k.at), reason: k.reason })}
                              {' '}({t().caseStatus[k.before.status]}, {formatDate(k.before.onDate)}{k.before.money ? `, ${formatMoney(k.before.money.amount)}` : ''} → {t().caseStatus[k.after.status]}, {formatDate(k.after.onDate)}{k.after.money ? `, ${formatMoney(k.after.money.amount)}` : ''})</div>}
                          </For>
                          <Show when={c().canEdit}><button type="button" class="button button-small" onClick={() => setCorrecting(step)}>{t().caseView.correct}</button></Show>
                        </div>
                      </li>
                    )}
                  </For>
                </ol>
              </Show>
              <Show when={c().canEdit}>
                <Show when={stepForms()} keyed>{(form) => <StepForm record={c()} onDone={() => setStepForms(form + 1)} />}</Show>
              </Show>
            </section>
            <section class="card">
              <h2>{t().caseView.meetings}</h2>
              <Show when={c().meetings.length} fallback={<Empty>{t().caseView.noMeetings}</Empty>}>
                <ul class="list">
                  <For each={c().meetings}>
                    {(meeting) => (
                      <li class="list-item case-meeting">
                        <div>
                          <A href={`/meetings/${meeting.meetingId}`}><strong>{meeting.title}</strong></A>
                          <div class="muted small">{formatDateTime(meeting.startsAt)} · {t().meetingStatus[shownStatus(meeting) as keyof ReturnType<typeof t>['meetingStatus']] ?? meeting.status}</div>
                          <div class="small">{t().caseView.agendaItem}: {meeting.agendaTitle}</div>
                          <Show when={meeting.conclusions.length} fallback={<p class="muted small">{t().caseView.noConclusions}</p>}>
                            <ul class="conclusion-quotes">
                              <For each={meeting.conclusions}>{(conclusion) => <li>{conclusion.text}</li>}</For>
                            </ul>
                          </Show>
                        </div>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </section>
            <Attachments target={`case:${c().id}`} />
            <Dialog open={!!correcting()} onOpenChange={(open) => !open && setCorrecting(undefined)} title={t().caseView.correctTitle}>
              <Show when={correcting()} keyed>{(step) => <StepForm record={c()} step={step} onDone={() => setCorrecting(undefined)} />}</Show>
            </Dialog>
            <Dialog open={editing()} onOpenChange={setEditing} title={t().caseForm.editTitle}>
              <CaseForm record={c()} onDone={() => setEditing(false)} />
            </Dialog>
          </>
        )}
      </Show>
    </Page>
  );
}
