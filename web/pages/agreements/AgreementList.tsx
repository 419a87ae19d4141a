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

/** The party agencies of a new agreement: the caller's own is always one of them. */
function PartyPicker() {
  const { t } = useI18n();
  const me = createAsync(() => getMe());
  const agencies = createAsync(() => getAgencies());
  return (
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
  );
}

function NewAgreementForm(props: { onDone: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
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
      <PartyPicker />
      <FormError message={error()} />
      <FormActions onCancel={() => props.onDone()} submitLabel={t().common.create} />
    </form>
  );
}

interface ImportAnswer { id: string; chapters: number; articles: number; report: string[] }

/** A .docx of an existing quy chế posted to /import/agreements; its report shown before opening the draft. */
function WordImportForm(props: { onDone: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const [answer, setAnswer] = createSignal<ImportAnswer>();

  const open = (id: string) => {
    props.onDone();
    navigate(`/agreements/${id}`);
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) return setError(t().wordImport.noFile);
    if (file.size > 20 * 1024 * 1024) return setError(t().wordImport.tooLarge);
    const body = new FormData();
    body.set('file', file);
    for (const party of form.getAll('party')) body.append('partyAgencyIds', String(party));
    setBusy(true);
    setError(undefined);
    try {
      const response = await fetch('/import/agreements', { method: 'POST', body, credentials: 'same-origin' });
      const json = await response.json().catch(() => ({})) as Partial<ImportAnswer> & { error?: string };
      if (response.status !== 201 || !json.id) return setError(json.error ?? (response.status === 413 ? t().wordImport.tooLarge : t().wordImport.failed));
      await revalidate('agreements');
      if (json.report && json.report.length > 0) setAnswer(json as ImportAnswer);
      else open(json.id);
    } catch {
      setError(t().wordImport.failed);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Show when={answer()} fallback={
      <form class="form" onSubmit={submit}>
        <Field label={t().wordImport.file} hint={t().wordImport.hint}>
          <input type="file" name="file" required accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document" />
        </Field>
        <PartyPicker />
        <FormError message={error()} />
        <Show when={busy()}><p class="muted small" role="status">{t().wordImport.importing}</p></Show>
        <FormActions onCancel={() => props.onDone()} submitLabel={t().wordImport.submit} />
      </form>
    }>
      {(done) => (
        <div class="form">
          <p role="status">{t().wordImport.done.replace('{chapters}', String(done().chapters)).replace('{articles}', String(done().articles))}</p>
          <p class="small">{t().wordImport.reportTitle}</p>
          <ul class="small"><For each={done().report}>{(line) => <li>{line}</li>}</For></ul>
          <div class="form-actions">
            <button type="button" class="button button-primary" onClick={() => open(done().id)}>{t().wordImport.open}</button>
          </div>
        </div>
      )}
    </Show>
  );
}

export default function AgreementList() {
  const { t } = useI18n();
  const me = createAsync(() => getMe());
  const agreements = createAsync(() => getAgreements());
  const agencies = createAsync(() => getAgencies());
  const [creating, setCreating] = createSignal(false);
  const [importing, setImporting] = createSignal(false);
  const shortName = (id: string) => agencies()?.find((a) => a.id === id)?.shortName ?? id;

  return (
    <Page title={t().agreements.title} subtitle={t().agreements.subtitle} actions={
      <Show when={me()?.roles.includes('legal_staff')}>
        <button class="button button-ghost" onClick={() => setImporting(true)}>{t().wordImport.button}</button>
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
      <Dialog open={importing()} onOpenChange={setImporting} title={t().wordImport.title}>
        <WordImportForm onDone={() => setImporting(false)} />
      </Dialog>
    </Page>
  );
}
