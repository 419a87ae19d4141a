import { A, createAsync, revalidate, useParams } from '@solidjs/router';
import { followRecord } from '../../lib/live.ts';
import { createSignal, For, Show } from 'solid-js';
import { fill, useI18n } from '../../lib/i18n.tsx';
import { getAgencies, getDirectory, getMeeting } from '../../lib/queries.ts';
import { getMe } from '../../lib/session.ts';
import { api, errorMessage, type Outputs } from '../../lib/trpc.ts';
import { Empty, Page } from '../../components/Page.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Attachments } from '../../components/Attachments.tsx';
import { Field, FormError } from '../../components/Field.tsx';
import { MinutesEditor } from '../../components/minutes/MinutesEditor.tsx';
import { agencyColor } from '../../../shared/agency-colors.ts';
import { cancelMeetingInput } from '../../../shared/schemas.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { localDate, shownStatus, timeOf } from './dates.ts';
import { MeetingForm } from './MeetingForm.tsx';
import { Attendance, Conclusions, MyInvitation } from './MeetingSections.tsx';
import { ApproveForm, Confirmations, CorrectionForm, HeldTimes, MinutesVersions } from '../../components/minutes/MinutesIssue.tsx';

type Meeting = Outputs['meetings']['get'];

/** The approved text as it was frozen: blocks of plain text (shared/minutes.ts `minutesBlocks`). */
function FrozenMinutes(props: { approval: NonNullable<Meeting['approval']> }) {
  const { t } = useI18n();
  const blocks = () => {
    try {
      const parsed = JSON.parse(props.approval.minutes) as { kind: 'heading' | 'paragraph'; text: string }[];
      return Array.isArray(parsed) ? parsed : [];
    } catch {
      return [{ kind: 'paragraph' as const, text: props.approval.minutes }];
    }
  };
  return (
    <>
      <p class="callout callout-success" role="status">
        {fill(t().minutes.approvedBy, { name: props.approval.approvedBy, time: formatDateTime(props.approval.approvedAt) })}. {t().minutes.approvedNote}
      </p>
      <div class="minutes-frozen minutes-document" aria-label={t().minutes.frozen}>
        <For each={blocks()}>{(block) => (block.kind === 'heading' ? <h3>{block.text}</h3> : <p>{block.text}</p>)}</For>
      </div>
    </>
  );
}

function CancelForm(props: { meeting: Meeting; onDone: () => void }) {
  const { t } = useI18n();
  const [error, setError] = createSignal<string>();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const parsed = cancelMeetingInput.safeParse({ id: props.meeting.id, reason: String(form.get('reason') ?? '') });
    if (!parsed.success) return setError(t().meetingView.cancelReason);
    try {
      await api.meetings.cancel.mutate(parsed.data);
      await revalidate('meeting');
      props.onDone();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <form class="form" onSubmit={submit}>
      <p><strong>{props.meeting.title}</strong></p>
      <Field label={t().meetingView.cancelReason}><textarea name="reason" rows={3} required maxLength={1000} /></Field>
      <FormError message={error()} />
      <div class="form-actions">
        <button type="button" class="button button-ghost" onClick={() => props.onDone()}>{t().common.close}</button>
        <button type="submit" class="button button-danger">{t().meetingView.confirmCancel}</button>
      </div>
    </form>
  );
}

export default function MeetingPage() {
  const { t } = useI18n();
  const params = useParams<{ id: string }>();
  const me = createAsync(() => getMe());
  const meeting = createAsync(() => getMeeting(params.id));
  // Answers, attendance, conclusions and steps others record show at once.
  followRecord('meeting', () => params.id, () => ['meeting', 'actionItems.mine', 'actionItems.assignedByUs']);
  const agencies = createAsync(() => getAgencies());
  const directory = createAsync(() => getDirectory());
  const [dialog, setDialog] = createSignal<'edit' | 'cancel' | 'approve' | 'correct'>();
  const agencyName = (id: string) => agencies()?.find((a) => a.id === id)?.nameVi ?? id;
  const personName = (id: string | null) => (id ? directory()?.find((p) => p.id === id)?.name ?? '' : '');
  const close = () => setDialog(undefined);

  const when = (m: Meeting) => localDate(m.startsAt) === localDate(m.endsAt)
    ? `${timeOf(m.startsAt)} – ${timeOf(m.endsAt)}, ${formatDateTime(m.startsAt).slice(6)}`
    : `${formatDateTime(m.startsAt)} – ${formatDateTime(m.endsAt)}`;

  return (
    <Page title={meeting()?.title ?? ''} subtitle={meeting() && t().meetingKinds[meeting()!.kind]} actions={
      <Show when={meeting()}>
        {(m) => (
          <>
            <a class="button" href={`/export/meetings/${m().id}.ics`} download="">{t().meetingView.ics}</a>
            <Show when={m().status === 'approved'}>
              <a class="button" href={`/export/meetings/${m().id}/minutes.docx`} download="">{t().meetingView.docx}</a>
              <a class="button" href={`/export/meetings/${m().id}/minutes.pdf`} download="">{t().minutesIssue.pdf}</a>
            </Show>
            <Show when={m().canManage}>
              <button class="button" onClick={() => setDialog('edit')}>{t().common.edit}</button>
              <button class="button" onClick={() => setDialog('cancel')}>{t().meetingView.cancelMeeting}</button>
            </Show>
            <Show when={m().canApprove}><button class="button button-primary" onClick={() => setDialog('approve')}>{t().meetingView.approve}</button></Show>
          </>
        )}
      </Show>
    }>
      <Show when={meeting()}>
        {(m) => (
          <>
            <Show when={m().status === 'cancelled'}>
              <p class="callout callout-error" role="status">{fill(t().meetingView.cancelledBecause, { reason: m().cancelledReason })}</p>
            </Show>
            <div class="meeting-layout">
              <section class="card">
                <dl class="details">
                  <dt>{t().meetingView.status}</dt><dd><span class={`badge status-badge status-${shownStatus(m())}`}>{t().meetingStatus[shownStatus(m())]}</span></dd>
                  <dt>{t().meetingView.time}</dt><dd>{when(m())}</dd>
                  <Show when={m().minutesNumber}><dt>{t().minutesIssue.number}</dt><dd>{m().minutesNumber}</dd></Show>
                  <dt>{t().minutesIssue.heldTimes}</dt>
                  <dd>{m().heldFrom && m().heldUntil ? `${timeOf(m().heldFrom!)} – ${timeOf(m().heldUntil!)}` : t().minutesIssue.timesNotRecorded}</dd>
                  <dt>{t().meetings.place}</dt><dd>{m().place || t().meetingView.none}</dd>
                  <Show when={m().onlineUrl}><dt>{t().meetingView.online}</dt><dd><a href={m().onlineUrl} target="_blank" rel="noopener noreferrer" class="break">{m().onlineUrl}</a></dd></Show>
                  <dt>{t().meetings.chair}</dt><dd>{m().chairName} ({m().chairAgencyShortName})</dd>
                  <dt>{t().meetingView.secretary}</dt><dd>{personName(m().secretaryUserId) || t().meetingView.none}</dd>
                  <dt>{t().meetings.invited}</dt><dd><ul class="plain"><For each={m().invitedAgencyIds}>{(id) => <li>{agencyName(id)}</li>}</For></ul></dd>
                </dl>
                <Show when={m().canManage}><HeldTimes meeting={m()} /></Show>
              </section>
              <section class="card">
                <h2>{t().meetingView.agenda}</h2>
                <ol class="agenda">
                  <For each={m().agenda} fallback={<Empty>{t().meetingView.noAgenda}</Empty>}>
                    {(item) => (
                      <li>
                        {item.title}
                        <Show when={item.caseId}><div class="agenda-case">{t().nav.cases}: <A href={`/cases/${item.caseId}`}>{item.judgmentNumber}</A></div></Show>
                      </li>
                    )}
                  </For>
                </ol>
              </section>
            </div>
            <Show when={m().myInvitation}><MyInvitation meeting={m()} /></Show>
            <section class="card">
              <h2>{t().meetingView.invitees}</h2>
              <Show when={m().invitees.length} fallback={<Empty>{t().meetingView.noInvitees}</Empty>}>
                <div class="table-wrap">
                  <table class="table table-compact">
                    <thead><tr><th>{t().users.name}</th><th>{t().users.agency}</th><th>{t().meetingView.answer}</th></tr></thead>
                    <tbody>
                      <For each={m().invitees}>
                        {(invitee) => (
                          <tr>
                            <td>
                              {invitee.name}<div class="muted small">{invitee.title}</div>
                              <Show when={invitee.delegatedByName}><div class="muted small">{fill(t().minutesIssue.delegatedBy, { name: invitee.delegatedByName! })}</div></Show>
                            </td>
                            <td>{invitee.agencyShortName}</td>
                            <td>
                              <span class={`badge answer-${invitee.answer}`}>{t().answers[invitee.answer]}</span>
                              <Show when={invitee.answer === 'delegate'}><div class="small">{invitee.delegateName}</div></Show>
                            </td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
              </Show>
              <For each={m().invitedAgencyIds.filter((id) => id !== m().chairAgencyId && !m().invitees.some((i) => i.agencyId === id))}>
                {(id) => <p class="muted small">{fill(t().minutesIssue.agencyNoOne, { agency: agencyName(id) })}</p>}
              </For>
            </section>
            <Attendance meeting={m()} agencies={agencies() ?? []} />
            <section class="card minutes-card">
              <h2>{t().minutes.title}</h2>
              <Show when={m().approval} fallback={
                <Show when={me()}>
                  {(user) => (
                    <Show when={m().id} keyed>
                      {(id) => (
                        <MinutesEditor meetingId={id} editable={m().canEditMinutes}
                          user={{ name: user().name, agencyShortName: user().agency.shortName, color: agencyColor(user().agency.id) }}
                          onAccessChanged={() => void revalidate('meeting')} />
                      )}
                    </Show>
                  )}
                </Show>
              }>
                {(approval) => <FrozenMinutes approval={approval()} />}
              </Show>
            </section>
            <Conclusions meeting={m()} agencies={agencies() ?? []} />
            <Show when={m().status !== 'cancelled'}><Confirmations meeting={m()} /></Show>
            <Show when={m().versions.length}><MinutesVersions meeting={m()} onCorrect={() => setDialog('correct')} /></Show>
            <Attachments target={`meeting:${m().id}`} />
            <Dialog open={dialog() === 'edit'} onOpenChange={(open) => !open && close()} title={t().meetingForm.editTitle}>
              <MeetingForm meeting={m()} onCancel={close} onSaved={close} />
            </Dialog>
            <Dialog open={dialog() === 'cancel'} onOpenChange={(open) => !open && close()} title={t().meetingView.cancelMeeting}>
              <CancelForm meeting={m()} onDone={close} />
            </Dialog>
            <Dialog open={dialog() === 'approve'} onOpenChange={(open) => !open && close()} title={t().meetingView.approve}>
              <ApproveForm meeting={m()} onDone={close} />
            </Dialog>
            <Dialog open={dialog() === 'correct'} onOpenChange={(open) => !open && close()} title={t().minutesIssue.correct}>
              <CorrectionForm meeting={m()} onDone={close} />
            </Dialog>
          </>
        )}
      </Show>
    </Page>
  );
}
