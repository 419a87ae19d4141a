import { revalidate } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { fill, useI18n } from '../../lib/i18n.tsx';
import { api, errorMessage, type Outputs } from '../../lib/trpc.ts';
import { Field, FormError } from '../../components/Field.tsx';
import type { Dictionary } from '../../i18n/vi.ts';

type ImportResult = Outputs['cases']['import'];
type ColumnKey = keyof Dictionary['caseImport'] & `col${string}`;

/** The columns the server's CSV reader knows (server/domain/case/csv.ts), as documented to users. */
const COLUMNS: { name: ColumnKey; field: string; content: keyof Dictionary['caseImport']; required: boolean }[] = [
  { name: 'colJudgmentNumber', field: 'judgmentNumber', content: 'descText', required: true },
  { name: 'colJudgmentDate', field: 'judgmentDate', content: 'descDate', required: true },
  { name: 'colCourt', field: 'courtName', content: 'descText', required: true },
  { name: 'colType', field: 'caseType', content: 'descType', required: true },
  { name: 'colCreditor', field: 'creditor', content: 'descText', required: false },
  { name: 'colDebtor', field: 'debtor', content: 'descText', required: true },
  { name: 'colAmountDue', field: 'amountDue', content: 'descMoney', required: true },
  { name: 'colCollected', field: 'amountCollected', content: 'descMoney', required: false },
  { name: 'colClassification', field: 'classification', content: 'descClassification', required: true },
  { name: 'colAcceptedOn', field: 'acceptedOn', content: 'descDate', required: true },
  { name: 'colStatus', field: 'status', content: 'descStatus', required: false },
  { name: 'colOfficer', field: 'officerName', content: 'descText', required: false },
  { name: 'colDisputed', field: 'disputedAssets', content: 'descFlag', required: false },
  { name: 'colHotSpot', field: 'hotSpot', content: 'descFlag', required: false },
  { name: 'colUnclear', field: 'judgmentUnclear', content: 'descFlag', required: false },
  { name: 'colSummary', field: 'summary', content: 'descText', required: false },
];

/** A CSV register from a file or pasted text; the server answers all-or-nothing with an error per row and field. */
export function CaseImport(props: { onDone: () => void }) {
  const { t } = useI18n();
  const [result, setResult] = createSignal<ImportResult>();
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  // The server names fields as in its schema; show the column a person typed instead.
  const columnOf = (field: string) => {
    const column = COLUMNS.find((c) => c.field === field);
    return column ? t().caseImport[column.name] : field;
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const file = form.get('file');
    const csv = file instanceof File && file.size > 0 ? await file.text() : String(form.get('csv') ?? '');
    setResult(undefined);
    setError(undefined);
    if (csv.trim() === '') return setError(t().caseImport.empty);
    setBusy(true);
    try {
      const answer = await api.cases.import.mutate({ csv });
      setResult(answer);
      if (answer.imported > 0) await revalidate('cases');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form" onSubmit={submit}>
      <p class="small">{t().caseImport.intro}</p>
      <details class="import-columns">
        <summary>{t().caseImport.columns}</summary>
        <div class="table-wrap">
          <table class="table table-compact">
            <thead><tr><th>{t().caseImport.column}</th><th>{t().caseImport.content}</th></tr></thead>
            <tbody>
              <For each={COLUMNS}>
                {(column) => (
                  <tr>
                    <td class="nowrap"><strong>{t().caseImport[column.name]}</strong>
                      <Show when={column.required}><span class="muted small"> ({t().caseImport.requiredMark})</span></Show></td>
                    <td class="small">{t().caseImport[column.content]}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </details>
      <Field label={t().caseImport.file}><input name="file" type="file" accept=".csv,text/csv,text/plain" /></Field>
      <Field label={t().caseImport.paste}><textarea name="csv" rows={5} class="mono small" spellcheck={false} /></Field>
      <FormError message={error()} />
      <Show when={result()}>
        {(answer) => (
          <Show when={answer().errors.length > 0} fallback={<p class="callout callout-success" role="status">{fill(t().caseImport.imported, { count: answer().imported })}</p>}>
            <div class="callout callout-error" role="alert">{fill(t().caseImport.errors, { count: answer().errors.length })}</div>
            <div class="table-wrap import-errors">
              <table class="table table-compact">
                <thead><tr><th class="num">{t().caseImport.row}</th><th>{t().caseImport.field}</th><th>{t().caseImport.message}</th></tr></thead>
                <tbody>
                  <For each={answer().errors}>
                    {(rowError) => <tr><td class="num">{rowError.row}</td><td>{columnOf(rowError.field)}</td><td>{rowError.message}</td></tr>}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        )}
      </Show>
      <div class="form-actions">
        <button type="button" class="button button-ghost" onClick={() => props.onDone()}>{t().common.close}</button>
        <button type="submit" class="button button-primary" disabled={busy()}>{t().caseImport.submit}</button>
      </div>
    </form>
  );
}
