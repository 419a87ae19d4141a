import { createSignal, For } from 'solid-js';
import { revalidate } from '@solidjs/router';
import { useI18n } from '../../lib/i18n.tsx';
import { getAgreement, getAgreements } from '../../lib/queries.ts';
import { api, errorMessage, type Outputs } from '../../lib/trpc.ts';
import { Field, FormError, issuesText, FormActions } from '../../components/Field.tsx';
import { updateAgreementInput } from '../../../shared/schemas.ts';

/** Title, number and parties of a draft, for the lead agency's legal staff. */
export function AgreementDetailsForm(props: { agreement: Outputs['agreements']['get']; agencies: Outputs['agencies']['list']; onDone: () => void }) {
  const { t } = useI18n();
  const [error, setError] = createSignal<string>();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const parsed = updateAgreementInput.safeParse({
      id: props.agreement.id, title: form.get('title'), docNumber: form.get('docNumber') ?? '',
      partyAgencyIds: [props.agreement.leadAgencyId, ...form.getAll('party').map(String)],
    });
    if (!parsed.success) return setError(issuesText(parsed.error));
    try {
      await api.agreements.update.mutate(parsed.data);
      await Promise.all([revalidate(getAgreement.keyFor(props.agreement.id)), revalidate('agreements')]);
      props.onDone();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <form class="form" onSubmit={submit}>
      <Field label={t().agreements.titleField}><input name="title" required maxLength={300} value={props.agreement.title} /></Field>
      <Field label={t().agreements.docNumber}><input name="docNumber" maxLength={120} value={props.agreement.docNumber} /></Field>
      <fieldset class="fieldset">
        <legend>{t().agreements.parties}</legend>
        <For each={props.agencies.filter((a) => a.validTo === null || props.agreement.partyAgencyIds.includes(a.id))}>
          {(agency) => (
            <label class="checkbox">
              <input type="checkbox" name="party" value={agency.id} checked={props.agreement.partyAgencyIds.includes(agency.id)}
                disabled={agency.id === props.agreement.leadAgencyId} />
              {agency.nameVi}
            </label>
          )}
        </For>
      </fieldset>
      <FormError message={error()} />
      <FormActions onCancel={() => props.onDone()} />
    </form>
  );
}
