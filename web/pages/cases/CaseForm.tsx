import { createAsync, revalidate } from '@solidjs/router';
import { createSignal, For } from 'solid-js';
import { z } from 'zod';
import { useI18n } from '../../lib/i18n.tsx';
import { getAgencies } from '../../lib/queries.ts';
import { getMe } from '../../lib/session.ts';
import { api, errorMessage, type Outputs } from '../../lib/trpc.ts';
import { Field, FormError, FormActions } from '../../components/Field.tsx';
import { CASE_TYPES } from '../../../shared/domain.ts';
import { caseInput } from '../../../shared/schemas.ts';
import { localDate } from '../../../shared/format.ts';
import { DateInput } from '../../components/DateInput.tsx';

type Case = Outputs['cases']['get'];
type FieldName = keyof z.input<typeof caseInput>;

/** "2.500.000.000", "2 500 000 000 đ" or "2500000000" → 2500000000; anything else NaN so the schema refuses it. */
export function parseMoney(text: string): number {
  const cleaned = text.replace(/\s*(đ|đồng|vnd)$/i, '').replace(/[\s.]/g, '');
  return /^\d+$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

const groupDigits = (value: number) => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** Create or edit a case of the user's office, validated with the server's schema before sending. */
export function CaseForm(props: { record?: Case; onDone: (id?: string) => void }) {
  const { t } = useI18n();
  const me = createAsync(() => getMe());
  const agencies = createAsync(() => getAgencies());
  const [errors, setErrors] = createSignal<Partial<Record<FieldName, string>>>({});
  const [error, setError] = createSignal<string>();
  const others = () => (agencies() ?? []).filter((a) => a.validTo === null && a.id !== (props.record?.officeAgencyId ?? me()?.agency.id));

  const messageOf = (issue: z.core.$ZodIssue) => {
    if (issue.message === 'amountCollected > amountDue') return t().caseForm.collectedTooHigh;
    if (issue.message === 'acceptedOn < judgmentDate') return t().caseForm.acceptedBeforeJudgment;
    return t().caseForm.invalid;
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '');
    const parsed = caseInput.safeParse({
      judgmentNumber: text('judgmentNumber'), judgmentDate: text('judgmentDate'), courtName: text('courtName'), caseType: text('caseType'),
      creditor: text('creditor'), debtor: text('debtor'), amountDue: parseMoney(text('amountDue')),
      amountCollected: text('amountCollected').trim() === '' ? 0 : parseMoney(text('amountCollected')),
      classification: text('classification'), acceptedOn: text('acceptedOn'), officerName: text('officerName'),
      disputedAssets: form.get('disputedAssets') === 'on', hotSpot: form.get('hotSpot') === 'on', judgmentUnclear: form.get('judgmentUnclear') === 'on',
      summary: text('summary'), involvedAgencyIds: form.getAll('involved').map(String),
    });
    setError(undefined);
    if (!parsed.success) {
      const next: Partial<Record<FieldName, string>> = {};
      for (const issue of parsed.error.issues) next[issue.path[0] as FieldName] ??= messageOf(issue);
      setErrors(next);
      return setError(t().caseForm.fixErrors);
    }
    setErrors({});
    try {
      const saved = props.record
        ? await api.cases.update.mutate({ id: props.record.id, case: parsed.data })
        : await api.cases.create.mutate(parsed.data);
      await revalidate('case');
      props.onDone(saved.id);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const r = () => props.record;
  return (
    <form class="form" onSubmit={submit} novalidate>
      <div class="form-row">
        <Field label={t().caseForm.judgmentNumber} error={errors().judgmentNumber}><input name="judgmentNumber" required maxLength={80} value={r()?.judgmentNumber ?? ''} /></Field>
        <Field label={t().caseForm.judgmentDate} error={errors().judgmentDate}><DateInput name="judgmentDate" required value={r()?.judgmentDate ?? ''} /></Field>
      </div>
      <Field label={t().caseForm.courtName} error={errors().courtName}><input name="courtName" required maxLength={200} value={r()?.courtName ?? ''} /></Field>
      <div class="form-row">
        <Field label={t().cases.type} error={errors().caseType}>
          <select name="caseType" value={r()?.caseType ?? 'civil'}>
            <For each={CASE_TYPES}>{(type) => <option value={type}>{t().caseTypes[type]}</option>}</For>
          </select>
        </Field>
        <Field label={t().cases.classification} error={errors().classification}>
          <select name="classification" value={r()?.classification ?? 'enforceable'}>
            <option value="enforceable">{t().classification.enforceable}</option>
            <option value="not_yet_enforceable">{t().classification.not_yet_enforceable}</option>
          </select>
        </Field>
      </div>
      <Field label={t().cases.creditor} error={errors().creditor}><input name="creditor" maxLength={500} value={r()?.creditor ?? ''} /></Field>
      <Field label={t().cases.debtor} error={errors().debtor}><input name="debtor" required maxLength={500} value={r()?.debtor ?? ''} /></Field>
      <div class="form-row">
        <Field label={t().cases.amountDue} error={errors().amountDue} hint={t().caseForm.moneyHint}>
          <input name="amountDue" inputMode="numeric" required value={r() ? groupDigits(r()!.amountDue) : ''} />
        </Field>
        <Field label={t().cases.amountCollected} error={errors().amountCollected} hint={t().caseForm.moneyHint}>
          <input name="amountCollected" inputMode="numeric" value={r() ? groupDigits(r()!.amountCollected) : '0'} />
        </Field>
      </div>
      <div class="form-row">
        <Field label={t().cases.acceptedOn} error={errors().acceptedOn}><DateInput name="acceptedOn" required value={r()?.acceptedOn ?? localDate()} /></Field>
        <Field label={t().caseForm.officerName} error={errors().officerName}><input name="officerName" maxLength={120} value={r()?.officerName ?? ''} /></Field>
      </div>
      <fieldset class="fieldset">
        <legend>{t().caseForm.complexity}</legend>
        <label class="checkbox"><input type="checkbox" name="disputedAssets" checked={r()?.disputedAssets ?? false} />{t().caseForm.disputedAssets}</label>
        <label class="checkbox"><input type="checkbox" name="hotSpot" checked={r()?.hotSpot ?? false} />{t().caseForm.hotSpot}</label>
        <label class="checkbox"><input type="checkbox" name="judgmentUnclear" checked={r()?.judgmentUnclear ?? false} />{t().caseForm.judgmentUnclear}</label>
      </fieldset>
      <fieldset class="fieldset">
        <legend>{t().caseForm.involved}</legend>
        <For each={others()}>
          {(agency) => (
            <label class="checkbox">
              <input type="checkbox" name="involved" value={agency.id} checked={r()?.involvedAgencyIds.includes(agency.id) ?? false} />{agency.nameVi}
            </label>
          )}
        </For>
      </fieldset>
      <Field label={t().caseForm.summary} error={errors().summary}><textarea name="summary" rows={3} maxLength={5000} value={r()?.summary ?? ''} /></Field>
      <FormError message={error()} />
      <FormActions onCancel={() => props.onDone()} />
    </form>
  );
}
