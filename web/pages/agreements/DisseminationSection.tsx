import { createAsync, query, revalidate } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { fill, useI18n } from '../../lib/i18n.tsx';
import { api, errorMessage } from '../../lib/trpc.ts';
import { FormError, issuesText } from '../../components/Field.tsx';
import { DateInput } from '../../components/DateInput.tsx';
import { Attachments } from '../../components/Attachments.tsx';
import { agencyColor } from '../../components/editor/index.ts';
import { formatDate, formatDateTime, localDate } from '../../../shared/format.ts';
import { DISSEMINATION_FORMS, disseminationInput, type DisseminationForm } from '../../../shared/lifecycle.ts';
import './agreement.css';

export const getDissemination = query((agreementId: string) => api.agreements.dissemination.query({ agreementId }), 'agreement.dissemination');

/**
 * Quán triệt, the step after signing: for every party, how it disseminated the agreement and, for
 * each of its subordinate units, whether the unit acknowledged. A party's legal staff record; a
 * unit's staff acknowledge. Kept current by the page's `followRecord`.
 */
export function DisseminationSection(props: { agreementId: string; inForce: boolean }) {
  const { t } = useI18n();
  const view = createAsync(() => getDissemination(props.agreementId));
  const [error, setError] = createSignal<string>();
  const [notice, setNotice] = createSignal<string>();
  // Files of the agreement (uploaded below): read again when the list is opened, so a file just uploaded is offered.
  const [files, { refetch: refetchFiles }] = createResource(() => props.agreementId, (id) => api.attachments.list.query({ target: `agreement:${id}` }).then((r) => r.items).catch(() => []));
  const act = async (work: () => Promise<unknown>, done: string) => {
    setError(undefined);
    setNotice(undefined);
    try {
      await work();
      await revalidate(getDissemination.keyFor(props.agreementId));
      setNotice(done);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const own = () => view()?.parties.find((p) => p.id === view()?.ownAgencyId);
  const totals = () => {
    const parties = view()?.parties ?? [];
    const units = parties.flatMap((p) => p.units);
    return { done: parties.filter((p) => p.record).length, total: parties.length, acks: units.filter((u) => u.acknowledgement).length, units: units.length };
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const parsed = disseminationInput.safeParse({
      agreementId: props.agreementId, heldOn: form.get('heldOn'), form: form.get('form'), unitIds: form.getAll('unitIds'),
      participants: Number(form.get('participants') || 0), note: form.get('note') ?? '', attachmentId: form.get('attachmentId') || null,
    });
    if (!parsed.success) return setError(issuesText(parsed.error));
    void act(() => api.agreements.recordDissemination.mutate(parsed.data), t().dissemination.saved);
  };

  return (
    <section class="card" aria-labelledby="dissemination-title" data-testid="dissemination">
      <h2 id="dissemination-title">{t().dissemination.title}</h2>
      <p class="muted small">{t().dissemination.intro}</p>
      <Show when={props.inForce} fallback={<p class="callout">{t().dissemination.notInForce}</p>}>
        <Show when={view()} fallback={<p class="muted">{t().dissemination.loading}</p>}>
          {(v) => (
            <>
              <p data-testid="dissemination-summary"><strong>{fill(t().dissemination.summary, totals())}</strong></p>
              <FormError message={error()} />
              <Show when={notice()}><p class="notice" role="status">{notice()}</p></Show>
              <div class="table-wrap">
                <table class="table dissemination-table">
                  <thead><tr><th>{t().dissemination.party}</th><th>{t().dissemination.record}</th><th>{t().dissemination.units}</th></tr></thead>
                  <tbody>
                    <For each={v().parties}>
                      {(party) => (
                        <tr data-testid={`dissemination-${party.id}`}>
                          <td><span class="chip" style={{ 'border-color': agencyColor(party.id) }}>{party.shortName}</span></td>
                          <td>
                            <Show when={party.record} fallback={<span class="badge badge-muted">{t().dissemination.notRecorded}</span>}>
                              {(r) => (
                                <div class="small">
                                  <span class="badge status-done">{fill(t().dissemination.recorded, { date: formatDate(r().heldOn), form: t().dissemination.forms[r().form] })}</span>
                                  <Show when={r().participants > 0}> · {fill(t().dissemination.participants, { count: r().participants })}</Show>
                                  <Show when={r().note}><p>{r().note}</p></Show>
                                  <Show when={r().attachmentId}><p><a href={`/attachments/${r().attachmentId}`}>{r().attachmentName}</a></p></Show>
                                  <p class="muted">{fill(t().dissemination.recordedBy, { name: r().recordedByName })}</p>
                                </div>
                              )}
                            </Show>
                          </td>
                          <td>
                            <ul class="dissemination-units">
                              <For each={party.units} fallback={<li class="muted small">{t().dissemination.noUnits}</li>}>
                                {(unit) => (
                                  <li data-testid={`unit-${unit.id}`}>
                                    <strong>{unit.shortName}</strong>
                                    <span class="muted small">({unit.reached ? t().dissemination.reached : t().dissemination.notReached})</span>
                                    <Show when={unit.acknowledgement} fallback={<span class="badge badge-muted">{t().dissemination.notAcknowledged}</span>}>
                                      {(ack) => <span class="badge status-done" title={fill(t().dissemination.acknowledgedBy, { name: ack().byName, at: formatDateTime(ack().at) })}>
                                        {t().dissemination.acknowledged}: {fill(t().dissemination.acknowledgedBy, { name: ack().byName, at: formatDateTime(ack().at) })}</span>}
                                    </Show>
                                  </li>
                                )}
                              </For>
                            </ul>
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>

              <Show when={v().rights.acknowledge}>
                <button class="button button-primary" data-testid="acknowledge"
                  onClick={() => act(() => api.agreements.acknowledgeDissemination.mutate({ agreementId: props.agreementId }), t().dissemination.acknowledgedNotice)}>
                  {t().dissemination.acknowledge}
                </button>
              </Show>

              <Show when={v().rights.record && own()}>
                {(party) => (
                  <form class="dissemination-form" onSubmit={submit} data-testid="dissemination-form" novalidate>
                    <h3>{party().record ? t().dissemination.update : t().dissemination.save}: {party().shortName}</h3>
                    <label class="field"><span class="field-label">{t().dissemination.heldOn}</span>
                      <DateInput name="heldOn" required value={party().record?.heldOn ?? localDate()} max={localDate()} /></label>
                    <label class="field"><span class="field-label">{t().dissemination.form}</span>
                      <select name="form" value={party().record?.form ?? 'conference'}>
                        <For each={DISSEMINATION_FORMS}>{(f: DisseminationForm) => <option value={f}>{t().dissemination.forms[f]}</option>}</For>
                      </select></label>
                    <fieldset class="field"><legend class="field-label">{t().dissemination.reachedUnits}</legend>
                      <For each={party().units} fallback={<p class="muted small">{t().dissemination.noUnits}</p>}>
                        {(unit) => <label class="radio"><input type="checkbox" name="unitIds" value={unit.id} checked={unit.reached || !party().record} /> {unit.nameVi}</label>}
                      </For>
                    </fieldset>
                    <label class="field"><span class="field-label">{t().dissemination.participantsLabel}</span>
                      <input name="participants" type="number" inputMode="numeric" min="0" max="100000" value={party().record?.participants ?? 0} /></label>
                    <label class="field"><span class="field-label">{t().dissemination.note}</span>
                      <textarea name="note" rows={2} maxLength={2000} value={party().record?.note ?? ''} /></label>
                    <label class="field"><span class="field-label">{t().dissemination.attachment}</span>
                      <select name="attachmentId" value={party().record?.attachmentId ?? ''} onFocus={() => void refetchFiles()}>
                        <option value="">—</option>
                        <For each={files() ?? []}>{(f) => <option value={f.id}>{f.name}</option>}</For>
                      </select></label>
                    <button class="button button-primary" type="submit">{party().record ? t().dissemination.update : t().dissemination.save}</button>
                  </form>
                )}
              </Show>
              <Show when={v().rights.record}><Attachments target={`agreement:${props.agreementId}`} /></Show>
            </>
          )}
        </Show>
      </Show>
    </section>
  );
}
