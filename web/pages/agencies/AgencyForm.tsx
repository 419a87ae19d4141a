import { createSignal, For } from 'solid-js';
import { revalidate } from '@solidjs/router';
import { useI18n } from '../../lib/i18n.tsx';
import { api, errorMessage, type Outputs } from '../../lib/trpc.ts';
import { Field, FormError, issuesText, FormActions } from '../../components/Field.tsx';
import { AGENCY_KINDS, AGENCY_LEVELS, type AgencyKind } from '../../../shared/domain.ts';
import { DEFAULT_HEAD_TITLES } from '../../../shared/signature-block.ts';
import { agencyInput } from '../../../shared/schemas.ts';
import { localDate } from '../../../shared/format.ts';
import { DateInput } from '../../components/DateInput.tsx';

type Agency = Outputs['agencies']['list'][number];

/** Create or edit an agency; validated by the same schema as the server. */
export function AgencyForm(props: { agency?: Agency; agencies: Agency[]; onDone: () => void }) {
  const { t } = useI18n();
  const [error, setError] = createSignal<string>();
  const [kind, setKind] = createSignal<AgencyKind>(props.agency?.kind ?? 'other');
  const parents = () => props.agencies.filter((a) => a.validTo === null && a.id !== props.agency?.id);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const parsed = agencyInput.safeParse({
      nameVi: form.get('nameVi'), nameEn: form.get('nameEn'), shortName: form.get('shortName'),
      kind: form.get('kind'), level: form.get('level'), parentId: form.get('parentId') || null, validFrom: form.get('validFrom'),
      headTitle: form.get('headTitle') ?? '',
    });
    if (!parsed.success) return setError(issuesText(parsed.error));
    try {
      if (props.agency) await api.agencies.update.mutate({ ...parsed.data, id: props.agency.id });
      else await api.agencies.create.mutate(parsed.data);
      await revalidate('agencies');
      props.onDone();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <form class="form" onSubmit={submit}>
      <Field label={t().agencies.nameVi}><input name="nameVi" required value={props.agency?.nameVi ?? ''} /></Field>
      <Field label={t().agencies.nameEn}><input name="nameEn" required value={props.agency?.nameEn ?? ''} /></Field>
      <div class="form-row">
        <Field label={t().agencies.shortName}><input name="shortName" required maxLength={40} value={props.agency?.shortName ?? ''} /></Field>
        <Field label={t().agencies.validFrom}><DateInput name="validFrom" required value={props.agency?.validFrom ?? localDate()} /></Field>
      </div>
      <div class="form-row">
        <Field label={t().agencies.kind}>
          <select name="kind" value={props.agency?.kind ?? 'other'} onChange={(e) => setKind(e.currentTarget.value as AgencyKind)}>
            <For each={AGENCY_KINDS}>{(kind) => <option value={kind}>{t().agencyKinds[kind]}</option>}</For>
          </select>
        </Field>
        <Field label={t().agencies.level}>
          <select name="level" value={props.agency?.level ?? 'province'}>
            <For each={AGENCY_LEVELS}>{(level) => <option value={level}>{t().levels[level]}</option>}</For>
          </select>
        </Field>
      </div>
      <Field label={t().agencies.parent}>
        <select name="parentId" value={props.agency?.parentId ?? ''}>
          <option value="">{t().agencies.none}</option>
          <For each={parents()}>{(a) => <option value={a.id}>{a.nameVi}</option>}</For>
        </select>
      </Field>
      {/* What the agency's signatures are written under (Nghị định 30/2020): empty keeps the usual title of its kind. */}
      <Field label={t().agencies.headTitle} hint={t().agencies.headTitleHint}>
        <input name="headTitle" maxLength={80} value={props.agency?.headTitle ?? ''} placeholder={DEFAULT_HEAD_TITLES[kind()]} />
      </Field>
      <FormError message={error()} />
      <FormActions onCancel={() => props.onDone()} />
    </form>
  );
}

export function RetireForm(props: { agency: Agency; agencies: Agency[]; onDone: () => void }) {
  const { t } = useI18n();
  const [error, setError] = createSignal<string>();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    try {
      await api.agencies.retire.mutate({ id: props.agency.id, successorId: String(form.get('successorId')) || null, date: String(form.get('date')) });
      await revalidate('agencies');
      props.onDone();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <form class="form" onSubmit={submit}>
      <p><strong>{props.agency.nameVi}</strong></p>
      <Field label={t().agencies.retireDate}><DateInput name="date" required value={localDate()} /></Field>
      <Field label={t().agencies.successor}>
        <select name="successorId">
          <option value="">{t().agencies.none}</option>
          <For each={props.agencies.filter((a) => a.validTo === null && a.id !== props.agency.id)}>{(a) => <option value={a.id}>{a.nameVi}</option>}</For>
        </select>
      </Field>
      <FormError message={error()} />
      <FormActions onCancel={() => props.onDone()} submitLabel={t().agencies.retire} danger />
    </form>
  );
}
