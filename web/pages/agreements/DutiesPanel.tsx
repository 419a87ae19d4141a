import { A, createAsync, revalidate } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { useI18n } from '../../lib/i18n.tsx';
import { getAgencies, getAgreementDuties, getDirectory } from '../../lib/queries.ts';
import { api, errorMessage, type Outputs } from '../../lib/trpc.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Field, FormError, issuesText, FormActions } from '../../components/Field.tsx';
import { agencyColor } from '../../components/editor/index.ts';
import { createActionItemInput } from '../../../shared/schemas.ts';
import { formatDate, localDate } from '../../../shared/format.ts';
import { DateInput } from '../../components/DateInput.tsx';

type Duty = Outputs['actionItems']['ofAgreement'][number];

/** The duties this agreement assigns, each highlighted in its party's colour; new ones from the selected text. */
export function DutiesPanel(props: {
  agreement: Outputs['agreements']['get'];
  pendingSelection: () => { anchorStart: string; anchorEnd: string; quote: string } | null;
  unitId: () => string | null;
  isLive: (duty: Duty) => boolean;
  active: string | null;
  onActivate: (duty: Duty) => void;
}) {
  const { t } = useI18n();
  const duties = createAsync(() => getAgreementDuties(props.agreement.id));
  const agencies = createAsync(() => getAgencies());
  const directory = createAsync(() => getDirectory());
  const [draft, setDraft] = createSignal<{ anchorStart: string; anchorEnd: string; quote: string } | null>(null);
  const [error, setError] = createSignal<string>();
  const [agencyId, setAgencyId] = createSignal('');
  const [timing, setTiming] = createSignal<'fixed' | 'monthly' | 'every_months'>('fixed');
  const parties = () => (agencies() ?? []).filter((a) => props.agreement.partyAgencyIds.includes(a.id));

  const start = () => {
    const selection = props.pendingSelection();
    setError(selection ? undefined : t().actionItemPage.selectText);
    setDraft(selection);
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const anchors = draft();
    if (!anchors) return;
    const recurrence = timing() === 'monthly' ? { kind: 'monthly', day: Number(form.get('day')) }
      : timing() === 'every_months' ? { kind: 'every_months', months: Number(form.get('months')), start: String(form.get('start')) } : null;
    const parsed = createActionItemInput.safeParse({
      agencyId: form.get('agencyId'), assigneeUserId: form.get('assigneeUserId') || null,
      title: form.get('title'), description: form.get('description') ?? '',
      dueDate: timing() === 'fixed' ? form.get('dueDate') : null, recurrence,
      agreement: { agreementId: props.agreement.id, ...anchors, unitId: props.unitId() },
    });
    if (!parsed.success) return setError(issuesText(parsed.error));
    try {
      await api.actionItems.create.mutate(parsed.data);
      await revalidate(getAgreementDuties.keyFor(props.agreement.id));
      setDraft(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <section aria-label={t().actionItemPage.duties}>
      <Show when={props.agreement.canAssignDuties}>
        <div class="side-actions"><button class="button button-small button-primary" onClick={start}>{t().actionItemPage.assign}</button></div>
      </Show>
      <FormError message={draft() ? undefined : error()} />
      <For each={duties()} fallback={<p class="empty">{t().actionItemPage.noDuties}</p>}>
        {(duty) => (
          <article class="duty-item" classList={{ active: props.active === duty.id }} style={{ '--duty-color': agencyColor(duty.agencyId) }}>
            <button class="link" onClick={() => props.onActivate(duty)}><strong>{duty.title}</strong></button>
            <div class="small">{duty.agencyShortName} · {t().actionItems.due} {formatDate(duty.dueDate)} · <span class={`badge status-${duty.status}`}>{t().actionItemStatus[duty.status]}</span></div>
            <Show when={!props.isLive(duty)}><span class="badge badge-muted">{t().actionItemPage.textRemoved}</span></Show>
            <A class="small" href={`/action-items/${duty.id}`}>{t().common.open} →</A>
          </article>
        )}
      </For>
      <Dialog open={draft() !== null} onOpenChange={(open) => !open && setDraft(null)} title={t().actionItemPage.assignTitle}>
        <form class="form" onSubmit={submit}>
          <blockquote class="comment-quote">{draft()?.quote}</blockquote>
          <Field label={t().actionItemPage.agency}>
            <select name="agencyId" required value={agencyId()} onChange={(e) => setAgencyId(e.currentTarget.value)}>
              <option value="" disabled>—</option>
              <For each={parties()}>{(a) => <option value={a.id}>{a.nameVi}</option>}</For>
            </select>
          </Field>
          <Field label={t().actionItemPage.person}>
            <select name="assigneeUserId">
              <option value="">—</option>
              <For each={(directory() ?? []).filter((u) => u.agencyId === agencyId())}>{(u) => <option value={u.id}>{u.name} · {u.title}</option>}</For>
            </select>
          </Field>
          <Field label={t().actionItemPage.title}><input name="title" required maxLength={300} /></Field>
          <Field label={t().actionItemPage.description}><textarea name="description" rows={2} maxLength={5000} /></Field>
          <fieldset class="fieldset">
            <legend>{t().actionItemPage.dueKind}</legend>
            <label class="checkbox"><input type="radio" name="timing" checked={timing() === 'fixed'} onChange={() => setTiming('fixed')} />{t().actionItemPage.fixed}</label>
            <label class="checkbox"><input type="radio" name="timing" checked={timing() === 'monthly'} onChange={() => setTiming('monthly')} />{t().actionItemPage.monthlyOption}</label>
            <label class="checkbox"><input type="radio" name="timing" checked={timing() === 'every_months'} onChange={() => setTiming('every_months')} />{t().actionItemPage.everyOption}</label>
          </fieldset>
          <Show when={timing() === 'fixed'}><Field label={t().actionItemPage.due}><DateInput name="dueDate" required min={localDate()} /></Field></Show>
          <Show when={timing() === 'monthly'}><Field label={t().actionItemPage.day}><input name="day" type="number" min={1} max={31} required value={5} /></Field></Show>
          <Show when={timing() === 'every_months'}>
            <div class="form-row">
              <Field label={t().actionItemPage.months}><input name="months" type="number" min={1} max={24} required value={6} /></Field>
              <Field label={t().actionItemPage.start}><DateInput name="start" required value={localDate()} /></Field>
            </div>
          </Show>
          <FormError message={error()} />
          <FormActions onCancel={() => setDraft(null)} submitLabel={t().actionItemPage.assign} />
        </form>
      </Dialog>
    </section>
  );
}
