import { A, createAsync, query, useParams } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { fill, useI18n } from '../../lib/i18n.tsx';
import { api, type Outputs } from '../../lib/trpc.ts';
import { Empty, Page } from '../../components/Page.tsx';
import { agencyColor } from '../../components/editor/index.ts';
import { formatDate, formatMoney, formatPercent } from '../../../shared/format.ts';
import { followRecord } from '../../lib/live.ts';
import { DisseminationSection } from './DisseminationSection.tsx';
import { ReviewPanel } from './ReviewPanel.tsx';

const getImplementation = query((id: string) => api.agreements.implementation.query({ id }), 'agreement.implementation');
type View = Outputs['agreements']['implementation'];
type Duty = View['articles'][number]['duties'][number];

/**
 * What a signed agreement has changed: article by article, the duties it assigned and where they
 * stand, the meeting conclusions that followed with the same agencies, and the enforcement figures
 * of the offices among the parties before and since the signing date.
 */
export default function ImplementationPage() {
  const { t } = useI18n();
  const params = useParams<{ id: string }>();
  const view = createAsync(() => getImplementation(params.id));
  // Steps, dissemination records and units' acknowledgements made elsewhere show here without a reload.
  followRecord('agreement', () => params.id, () => ['agreement.implementation', 'agreement.dissemination']);
  const rate = (value: number | null) => (value === null ? '—' : formatPercent(value));

  const DutyRows = (props: { duties: Duty[] }) => (
    <table class="table compact stack-table">
      <thead><tr><th>{t().implementation.agency}</th><th>{t().implementation.duty}</th><th>{t().actionItems.due}</th><th>{t().actionItems.status}</th></tr></thead>
      <tbody>
        <For each={props.duties}>
          {(duty) => (
            <tr>
              <td data-label={t().implementation.agency}><span class="chip" style={{ 'border-color': agencyColor(duty.agencyId) }}>{duty.agencyShortName}</span></td>
              <td data-label={t().implementation.duty}><A href={`/action-items/${duty.id}`}>{duty.title}</A><Show when={duty.anchorRemoved}> <span class="badge badge-muted">{t().actionItemPage.textRemoved}</span></Show></td>
              <td class="nowrap" data-label={t().actionItems.due}>{formatDate(duty.dueDate)}</td>
              <td data-label={t().actionItems.status}><span class={`badge status-${duty.status}`}>{t().actionItemStatus[duty.status]}</span></td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );

  return (
    <Page title={view()?.agreement.title ?? ''} subtitle={t().implementation.subtitle}>
      <Show when={view()}>
        {(v) => (
          <>
            <p class="callout">
              <Show when={v().signedOn} fallback={t().implementation.notSigned}>
                {(day) => fill(t().implementation.signedOn, { date: formatDate(day()) })}
              </Show>
              {' '}<A href={`/agreements/${v().agreement.id}`}>{t().implementation.openText}</A>
            </p>

            <DisseminationSection agreementId={v().agreement.id} inForce={v().agreement.status === 'in_force' || v().agreement.status === 'amended'} />

            <section class="card">
              <h2>{t().implementation.figures}</h2>
              <p class="muted small">{t().implementation.figuresNote}</p>
              <Show when={v().figures.length > 0} fallback={<Empty>{t().implementation.noFigures}</Empty>}>
                <div class="table-wrap">
                  <table class="table stack-table">
                    <thead>
                      <tr><th>{t().implementation.office}</th><th>{t().implementation.period}</th><th class="num">{t().implementation.casesRate}</th>
                        <th class="num">{t().implementation.moneyRate}</th><th class="num">{t().implementation.completed}</th><th class="num">{t().implementation.collected}</th></tr>
                    </thead>
                    <tbody>
                      <For each={v().figures}>
                        {(office) => (
                          <>
                            <tr>
                              <td rowSpan={2} data-label={t().implementation.office}><strong>{office.agencyShortName}</strong></td>
                              <td data-label={t().implementation.period}>{t().implementation.before} ({formatDate(office.beforePeriod.from)} – {formatDate(office.beforePeriod.to)})</td>
                              <td class="num" data-label={t().implementation.casesRate}>{rate(office.before.rates.cases)}</td>
                              <td class="num" data-label={t().implementation.moneyRate}>{rate(office.before.rates.money)}</td>
                              <td class="num" data-label={t().implementation.completed}>{office.before.cases.completed + office.before.cases.terminated}</td>
                              <td class="num nowrap" data-label={t().implementation.collected}>{formatMoney(office.before.money.collected)}</td>
                            </tr>
                            <tr>
                              <td data-label={t().implementation.period}>{t().implementation.since} ({formatDate(office.sincePeriod.from)} – {formatDate(office.sincePeriod.to)})</td>
                              <td class="num" data-label={t().implementation.casesRate}><strong>{rate(office.since.rates.cases)}</strong></td>
                              <td class="num" data-label={t().implementation.moneyRate}><strong>{rate(office.since.rates.money)}</strong></td>
                              <td class="num" data-label={t().implementation.completed}>{office.since.cases.completed + office.since.cases.terminated}</td>
                              <td class="num nowrap" data-label={t().implementation.collected}>{formatMoney(office.since.money.collected)}</td>
                            </tr>
                          </>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
              </Show>
            </section>

            <For each={v().articles.filter((article) => article.duties.length > 0 || article.followUps.length > 0)}>
              {(article) => (
                <section class="card implementation-article">
                  <h2>Điều {article.number}. {article.title}</h2>
                  <Show when={article.duties.length > 0}><DutyRows duties={article.duties} /></Show>
                  <Show when={article.followUps.length > 0}>
                    <h3>{t().implementation.followUps}</h3>
                    <ul class="list">
                      <For each={article.followUps}>
                        {(f) => (
                          <li class="list-item">
                            <div>
                              <A href={`/meetings/${f.meetingId}`}>{f.meetingTitle}</A> <span class="muted small">{formatDate(f.startsAt)}</span>
                              <p class="small">{f.conclusion}</p>
                              <div class="small">→ {f.task} · {t().actionItems.due} {formatDate(f.dueDate)}</div>
                            </div>
                          </li>
                        )}
                      </For>
                    </ul>
                  </Show>
                </section>
              )}
            </For>
            <Show when={v().articles.some((article) => article.duties.length === 0 && article.followUps.length === 0)}>
              <p class="muted small">
                {t().implementation.noDuties}{' '}
                {v().articles.filter((article) => article.duties.length === 0 && article.followUps.length === 0).map((article) => `Điều ${article.number}`).join(', ')}
              </p>
            </Show>
            <Show when={v().unanchoredDuties.length > 0}>
              <section class="card">
                <h2>{t().implementation.otherDuties}</h2>
                <DutyRows duties={v().unanchoredDuties} />
              </section>
            </Show>
            <ReviewPanel agreementId={params.id} />
          </>
        )}
      </Show>
    </Page>
  );
}
