import { A, createAsync, revalidate, useNavigate } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { useI18n } from '../../lib/i18n.tsx';
import { getAgencies, getAgreements } from '../../lib/queries.ts';
import { getMe } from '../../lib/session.ts';
import { api, errorMessage } from '../../lib/trpc.ts';
import { Empty, Page } from '../../components/Page.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Field, FormError, issuesText, FormActions } from '../../components/Field.tsx';
import { createAgreementInput } from '../../../shared/schemas.ts';
import { formatDate } from '../../../shared/format.ts';

function NewAgreementForm(props: { onDone: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const me = createAsync(() => getMe());
  const agencies = createAsync(() => getAgencies());
  const [error, setError] = createSignal<string>();

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const parsed = createAgreementInput.safeParse({
      title: form.get('title'), docNumber: form.get('docNumber') ?? '', partyAgencyIds: form.getAll('party').map(String),
    });
    if (!parsed.success) return setError(issuesText(parsed.error));
    try {
      const agreement = await api.agreements.create.mutate(parsed.data);
      await revalidate('agreements');
      props.onDone();
      navigate(`/agreements/${agreement.id}`);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <form class="form" onSubmit={submit}>
      <Field label={t().agreements.titleField}><input name="title" required maxLength={300} /></Field>
      <Field label={t().agreements.docNumber}><input name="docNumber" placeholder="01/2026/QCPHLN/THADS-TAND-VKSND" maxLength={120} /></Field>
      <fieldset class="fieldset">
        <legend>{t().agreements.choose}</legend>
        <For each={(agencies() ?? []).filter((a) => a.validTo === null)}>
          {(agency) => (
            <label class="checkbox">
              <input type="checkbox" name="party" value={agency.id} checked={agency.id === me()?.agency.id} disabled={agency.id === me()?.agency.id} />
              {agency.nameVi}
            </label>
          )}
        </For>
      </fieldset>
      <FormError message={error()} />
      <FormActions onCancel={() => props.onDone()} submitLabel={t().common.create} />
    </form>
  );
}

export default function AgreementList() {
  const { t } = useI18n();
  const me = createAsync(() => getMe());
  const agreements = createAsync(() => getAgreements());
  const agencies = createAsync(() => getAgencies());
  const [creating, setCreating] = createSignal(false);
  const shortName = (id: string) => agencies()?.find((a) => a.id === id)?.shortName ?? id;

  return (
    <Page title={t().agreements.title} subtitle={t().agreements.subtitle} actions={
      <Show when={me()?.roles.includes('legal_staff')}>
        <button class="button button-primary" onClick={() => setCreating(true)}>{t().agreements.newAgreement}</button>
      </Show>
    }>
      <ul class="cards">
        <For each={agreements()} fallback={<Empty>{t().agreements.none}</Empty>}>
          {(agreement) => (
            <li class="card agreement-card">
              <div class="card-top">
                <span class="badge">{t().agreementStatus[agreement.status]}</span>
                <span class="muted small">{t().agreements.updated} {formatDate(agreement.updatedAt)}</span>
              </div>
              <A href={`/agreements/${agreement.id}`} class="card-title">{agreement.title}</A>
              <div class="muted small mono">{agreement.docNumber}</div>
              <div class="small">{t().agreements.lead}: <strong>{agreement.leadAgencyShortName}</strong></div>
              <div class="chips"><For each={agreement.partyAgencyIds}>{(id) => <span class="chip">{shortName(id)}</span>}</For></div>
            </li>
          )}
        </For>
      </ul>
      <Dialog open={creating()} onOpenChange={setCreating} title={t().agreements.newAgreement}>
        <NewAgreementForm onDone={() => setCreating(false)} />
      </Dialog>
    </Page>
  );
}
