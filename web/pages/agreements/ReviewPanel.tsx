/**
 * Reviews of the agreement (sơ kết, tổng kết) on its implementation page: each saved review with
 * the figures of its period computed from the records (reviews.ts reviewFigures) and its
 * "Báo cáo" as Word; the figures of any other period on request.
 */
import { createAsync } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { fill, useI18n } from '../../lib/i18n.tsx';
import { getAgreementReviews } from '../../lib/queries.ts';
import { api, errorMessage, type Outputs } from '../../lib/trpc.ts';
import { Empty } from '../../components/Page.tsx';
import { FormError } from '../../components/Field.tsx';
import { DateInput } from '../../components/DateInput.tsx';
import { formatDate, formatMoney, localDate } from '../../../shared/format.ts';

type Figures = Outputs['agreements']['reviewFigures'];

const rate = (value: number | null) => (value === null ? '—' : `${String(value).replace('.', ',')} %`);

function FiguresTable(props: { figures: Figures }) {
  const { t } = useI18n();
  const f = () => props.figures;
  return (
    <div class="review-figures">
      <dl class="details">
        <dt>{t().reviewPanel.meetings}</dt><dd>{fill(t().reviewPanel.meetingsValue, { held: f().meetings.held, cases: f().meetings.casesConsidered })}</dd>
        <dt>{t().reviewPanel.coercions}</dt>
        <dd>{fill(t().reviewPanel.coercionsValue, { count: f().coercions.count, cases: f().coercions.cases })}
          <Show when={f().coercions.byAgency.length}><div class="muted small">{f().coercions.byAgency.map((a) => `${a.shortName}: ${a.count}`).join('; ')}</div></Show></dd>
        <dt>{t().reviewPanel.judgments}</dt><dd>{f().judgmentsReceived}</dd>
        <dt>{t().reviewPanel.exemptions}</dt><dd>{fill(t().reviewPanel.moneyValue, { cases: f().exemptions.cases, amount: formatMoney(f().exemptions.amount) })}</dd>
        <dt>{t().reviewPanel.terminations}</dt><dd>{fill(t().reviewPanel.moneyValue, { cases: f().terminations.cases, amount: formatMoney(f().terminations.amount) })}</dd>
        <dt>{t().reviewPanel.ratesStart}</dt><dd>{fill(t().reviewPanel.ratesValue, { cases: rate(f().rates.start.cases), money: rate(f().rates.start.money), from: formatDate(f().rates.start.from), to: formatDate(f().rates.start.to) })}</dd>
        <dt>{t().reviewPanel.ratesEnd}</dt><dd>{fill(t().reviewPanel.ratesValue, { cases: rate(f().rates.end.cases), money: rate(f().rates.end.money), from: formatDate(f().rates.end.from), to: formatDate(f().rates.end.to) })}</dd>
      </dl>
      <table class="table stack-table">
        <thead><tr><th>{t().reviewPanel.party}</th><th class="num">{t().reviewPanel.onTime}</th><th class="num">{t().reviewPanel.late}</th><th class="num">{t().reviewPanel.open}</th></tr></thead>
        <tbody>
          <For each={f().duties}>
            {(d) => <tr><td data-label={t().reviewPanel.party}>{d.shortName}</td><td class="num" data-label={t().reviewPanel.onTime}>{d.onTime}</td><td class="num" data-label={t().reviewPanel.late}>{d.late}</td><td class="num" data-label={t().reviewPanel.open}>{d.open}</td></tr>}
          </For>
        </tbody>
      </table>
    </div>
  );
}

function ReviewFigures(props: { agreementId: string; from: string; to: string }) {
  const { t } = useI18n();
  const figures = createAsync(() => api.agreements.reviewFigures.query({ agreementId: props.agreementId, from: props.from, to: props.to }));
  return <Show when={figures()} fallback={<p class="muted small">{t().common.loading}</p>}>{(f) => <FiguresTable figures={f()} />}</Show>;
}

export function ReviewPanel(props: { agreementId: string }) {
  const { t } = useI18n();
  const reviews = createAsync(() => getAgreementReviews(props.agreementId));
  const [other, setOther] = createSignal<Figures>();
  const [error, setError] = createSignal<string>();
  const compute = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setError(undefined);
    try {
      setOther(await api.agreements.reviewFigures.query({ agreementId: props.agreementId, from: String(form.get('from')), to: String(form.get('to')) }));
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <section class="card review-panel" aria-label={t().reviewPanel.title} data-testid="review-panel">
      <h2>{t().reviewPanel.title}</h2>
      <p class="muted small">{t().reviewPanel.intro}</p>
      <Show when={(reviews()?.length ?? 0) > 0} fallback={<Empty>{t().reviewPanel.none}</Empty>}>
        <ul class="list">
          <For each={reviews()}>
            {(r) => (
              <li class="list-item">
                <details>
                  <summary>
                    <strong>{r.kind === 'final' ? t().reviewPanel.final : t().reviewPanel.preliminary}</strong> {formatDate(r.reviewDate)} ({formatDate(r.from)} – {formatDate(r.to)})
                  </summary>
                  <ReviewFigures agreementId={props.agreementId} from={r.from} to={r.to} />
                </details>
                <a class="button button-small" href={`/export/agreements/${props.agreementId}/reviews/${r.id}.docx`} download="">{t().reviewPanel.docx}</a>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <form class="form form-row" onSubmit={compute}>
        <label>{t().reviewPanel.from}<DateInput name="from" required value={`${Number(localDate().slice(0, 4)) - 1}${localDate().slice(4)}`} /></label>
        <label>{t().reviewPanel.to}<DateInput name="to" required value={localDate()} /></label>
        <button class="button button-small" type="submit">{t().reviewPanel.compute}</button>
      </form>
      <FormError message={error()} />
      <Show when={other()}>{(f) => <FiguresTable figures={f()} />}</Show>
    </section>
  );
}
