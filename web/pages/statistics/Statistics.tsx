/**
 * The inter-agency statistics dashboard: period and unit pickers, both rates side by side with
 * their formula (Thông tư 05/2024/TT-BTP), the figures in cases and in đồng with a drill-down to
 * the cases behind each, a monthly trend (chart.js, loaded only here), ranking, complex cases,
 * meetings, frozen reports with their differences, and the Excel export.
 */
import { createAsync } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { fill, useI18n } from '../../lib/i18n.tsx';
import { api, errorMessage, type Outputs } from '../../lib/trpc.ts';
import { Page } from '../../components/Page.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { formatDate, formatDateTime, formatMoney, formatPercent } from '../../../shared/format.ts';
import {
  cumulativeMonths, firstSixMonths, quarter, statisticalYear, unitKey, unitOfKey, type Figure, type Period, type Unit,
} from '../../../shared/statistics.ts';
import './statistics.css';
import { DateInput } from '../../components/DateInput.tsx';

type Preset = 'year' | 'half' | 'q1' | 'q2' | 'q3' | 'q4' | `m${number}` | 'custom';

function periodOf(year: number, preset: Preset, custom: Period): Period {
  if (preset === 'year') return statisticalYear(year);
  if (preset === 'half') return firstSixMonths(year);
  if (preset.startsWith('q')) return quarter(year, Number(preset.slice(1)) as 1 | 2 | 3 | 4);
  if (preset.startsWith('m')) return cumulativeMonths(year, Number(preset.slice(1)));
  return custom;
}

const rate = (value: number | null) => (value === null ? '—' : formatPercent(value));

function TrendChart(props: { points: Outputs['statistics']['dashboard']['trend']; labels: { cases: string; money: string } }) {
  let canvas!: HTMLCanvasElement;
  const [ready, setReady] = createSignal(false);
  let chart: { destroy(): void } | undefined;
  createEffect(on(() => props.points, async (points) => {
    // chart.js is imported here only: the rest of the app never downloads it.
    const { Chart } = await import('chart.js/auto');
    chart?.destroy();
    chart = new Chart(canvas, {
      type: 'line',
      data: {
        labels: points.map((p) => p.label),
        datasets: [
          { label: props.labels.cases, data: points.map((p) => (p.casesRate === null ? null : Math.round(p.casesRate * 1000) / 10)), borderColor: '#1d4ed8', backgroundColor: '#1d4ed8', tension: 0.2 },
          { label: props.labels.money, data: points.map((p) => (p.moneyRate === null ? null : Math.round(p.moneyRate * 1000) / 10)), borderColor: '#b45309', backgroundColor: '#b45309', tension: 0.2 },
        ],
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        scales: { y: { min: 0, max: 100, ticks: { callback: (v) => `${v} %` } } },
        plugins: { tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${String(c.parsed.y).replace('.', ',')} %` } } },
      },
    });
    setReady(true);
  }));
  onCleanup(() => chart?.destroy());
  return <div class="chart-box"><canvas ref={canvas} aria-label={`${props.labels.cases}, ${props.labels.money}`} role="img" /><Show when={!ready()}><span class="muted" /></Show></div>;
}

export default function Statistics() {
  const { t, locale } = useI18n();
  const units = createAsync(() => api.statistics.units.query());
  const [year, setYear] = createSignal<number>();
  const [preset, setPreset] = createSignal<Preset>('year');
  const [custom, setCustom] = createSignal<Period>(statisticalYear(new Date().getFullYear()));
  const [unitChoice, setUnitChoice] = createSignal('all');
  const [drill, setDrill] = createSignal<Figure>();
  const [reportId, setReportId] = createSignal<string>();
  const [freezeName, setFreezeName] = createSignal('');
  const [message, setMessage] = createSignal('');
  const [reportsVersion, setReportsVersion] = createSignal(0);

  const currentYear = () => year() ?? units()?.currentYear ?? new Date().getFullYear();
  const period = createMemo(() => periodOf(currentYear(), preset(), custom()));
  const unit = createMemo<Unit>(() => unitOfKey(unitChoice()));
  const input = () => ({ period: period(), unit: unit() });
  const data = createAsync(() => api.statistics.figures.query(input()));
  const dashboard = createAsync(() => api.statistics.dashboard.query(input()));
  const reports = createAsync(() => (reportsVersion(), api.statistics.reports.query()));
  const drillCases = createAsync(async () => (drill() ? api.statistics.cases.query({ ...input(), figure: drill()!, limit: 200 }) : undefined));
  const report = createAsync(async () => (reportId() ? api.statistics.report.query({ id: reportId()! }) : undefined));

  const figureLabel = (figure: Figure) => t().statistics.figures[figure];
  const agencyName = (a: { nameVi: string; nameEn: string }) => (locale() === 'en' ? a.nameEn : a.nameVi);
  const exportHref = () => {
    const params = new URLSearchParams({ from: period().from, to: period().to });
    const u = unit();
    if (u.kind === 'agency') params.set('agency', u.agencyId);
    if (u.kind === 'officer') params.set('officer', u.name);
    return `/export/statistics.xlsx?${params}`;
  };
  const freeze = async (event: Event) => {
    event.preventDefault();
    try {
      const { id } = await api.statistics.freeze.mutate({ ...input(), name: freezeName() });
      setFreezeName('');
      setReportsVersion(reportsVersion() + 1);
      setReportId(id);
    } catch (error) { setMessage(errorMessage(error)); }
  };

  const rows: { figure: Figure; cases: (f: NonNullable<ReturnType<typeof data>>['figures']) => number | null; money: (f: NonNullable<ReturnType<typeof data>>['figures']) => number | null; level: number }[] = [
    { figure: 'accepted', cases: (f) => f.cases.accepted, money: (f) => f.money.accepted, level: 0 },
    { figure: 'carriedOver', cases: (f) => f.cases.carriedOver, money: (f) => f.money.carriedOver, level: 1 },
    { figure: 'newlyAccepted', cases: (f) => f.cases.newlyAccepted, money: (f) => f.money.newlyAccepted, level: 1 },
    { figure: 'enforceable', cases: (f) => f.cases.enforceable, money: (f) => f.money.enforceable, level: 0 },
    { figure: 'completed', cases: (f) => f.cases.completed, money: () => null, level: 1 },
    { figure: 'collected', cases: () => null, money: (f) => f.money.collected, level: 1 },
    { figure: 'terminated', cases: (f) => f.cases.terminated, money: () => null, level: 1 },
    { figure: 'terminatedOrReduced', cases: () => null, money: (f) => f.money.terminated + f.money.reduced, level: 1 },
    { figure: 'postponed', cases: (f) => f.cases.postponed, money: (f) => f.money.postponed, level: 1 },
    { figure: 'inProgress', cases: (f) => f.cases.inProgress, money: () => null, level: 1 },
    { figure: 'notYetEnforceable', cases: (f) => f.cases.notYetEnforceable, money: (f) => f.money.notYetEnforceable, level: 0 },
    { figure: 'pending', cases: (f) => f.cases.pending, money: (f) => f.money.pending, level: 0 },
  ];

  return (
    <Page title={t().statistics.title} subtitle={t().statistics.subtitle} actions={<a class="button" href={exportHref()} download="">{t().statistics.export}</a>}>
      <form class="stat-pickers" onSubmit={(e) => e.preventDefault()}>
        <label>{t().statistics.year}
          <select value={currentYear()} onChange={(e) => setYear(Number(e.currentTarget.value))}>
            <For each={Array.from({ length: 8 }, (_, i) => currentYear() + 1 - i)}>{(y) => <option value={y}>{y} ({formatDate(statisticalYear(y).from)} – {formatDate(statisticalYear(y).to)})</option>}</For>
          </select>
        </label>
        <label>{t().statistics.period}
          <select value={preset()} onChange={(e) => setPreset(e.currentTarget.value as Preset)}>
            <option value="year">{t().statistics.presets.year}</option>
            <option value="half">{t().statistics.presets.half}</option>
            <For each={[1, 2, 3, 4] as const}>{(q) => <option value={`q${q}`}>{t().statistics.presets[`q${q}`]}</option>}</For>
            <For each={Array.from({ length: 11 }, (_, i) => i + 1)}>{(n) => <option value={`m${n}`}>{fill(t().statistics.presets.months, { n })}</option>}</For>
            <option value="custom">{t().statistics.presets.custom}</option>
          </select>
        </label>
        <Show when={preset() === 'custom'}>
          <label>{t().statistics.from}<DateInput value={custom().from} onChange={(from) => setCustom({ ...custom(), from })} /></label>
          <label>{t().statistics.to}<DateInput value={custom().to} onChange={(to) => setCustom({ ...custom(), to })} /></label>
        </Show>
        <label>{t().statistics.unit}
          <select value={unitChoice()} onChange={(e) => setUnitChoice(e.currentTarget.value)}>
            <option value="all">{t().statistics.allUnits}</option>
            <For each={units()?.agencies ?? []}>{(a) => <option value={unitKey({ kind: 'agency', agencyId: a.id })}>{a.retired ? '· ' : ''}{agencyName(a)}</option>}</For>
            <Show when={units()?.officers.length}>
              <optgroup label={t().statistics.officer}>
                <For each={units()?.officers ?? []}>{(name) => <option value={unitKey({ kind: 'officer', name })}>{name}</option>}</For>
              </optgroup>
            </Show>
          </select>
        </label>
      </form>
      <p class="muted small">{formatDate(period().from)} – {formatDate(period().to)}</p>

      <Show when={data()}>
        {(d) => (
          <>
            <div class="rate-pair">
              <For each={[
                { label: t().statistics.casesRate, value: d().figures.rates.cases, formula: t().statistics.casesFormula, target: d().progress.target?.casesRate, gap: d().progress.casesGap,
                  detail: `${d().figures.cases.completed + d().figures.cases.terminated} / ${d().figures.cases.enforceable}` },
                { label: t().statistics.moneyRate, value: d().figures.rates.money, formula: t().statistics.moneyFormula, target: d().progress.target?.moneyRate, gap: d().progress.moneyGap,
                  detail: `${formatMoney(d().figures.money.collected + d().figures.money.terminated + d().figures.money.reduced)} / ${formatMoney(d().figures.money.enforceable)}` },
              ]}>
                {(r) => (
                  <div class="rate-card" data-testid="rate-card">
                    <span class="rate-label">{r.label}</span>
                    <strong class="rate-value">{rate(r.value)}</strong>
                    <span class="rate-formula">= {r.formula}</span>
                    <span class="muted small">{r.detail}</span>
                    <Show when={r.target !== undefined} fallback={<span class="muted small">{t().statistics.noTarget}</span>}>
                      <span class="small">{t().statistics.target}: {formatPercent((r.target ?? 0) / 100)}
                        <Show when={r.gap !== null && r.gap !== undefined}> ({(r.gap! >= 0 ? '+' : '') + String(Math.round(r.gap! * 10) / 10).replace('.', ',')} {t().statistics.gap})</Show>
                      </span>
                    </Show>
                  </div>
                )}
              </For>
            </div>
            <p class="muted small">{t().statistics.source}</p>

            <div class="table-wrap">
              <table class="table stat-table">
                <thead><tr><th>{t().statistics.figure}</th><th class="num">{t().statistics.inCases}</th><th class="num">{t().statistics.inMoney}</th></tr></thead>
                <tbody>
                  <For each={rows}>
                    {(row) => (
                      <tr classList={{ 'stat-sub': row.level > 0 }}>
                        <td><button type="button" class="link-button" onClick={() => setDrill(row.figure)}>{figureLabel(row.figure)}</button></td>
                        <td class="num">{row.cases(d().figures) ?? ''}</td>
                        <td class="num">{row.money(d().figures) === null ? '' : formatMoney(row.money(d().figures)!)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </>
        )}
      </Show>

      <Show when={dashboard()}>
        {(dash) => (
          <div class="stat-grid">
            <section class="card">
              <h2>{t().statistics.trend}</h2>
              <TrendChart points={dash().trend} labels={{ cases: t().statistics.casesRate, money: t().statistics.moneyRate }} />
            </section>
            <section class="card">
              <h2>{t().statistics.ranking}</h2>
              <div class="table-wrap">
                <table class="table stack-table">
                  <thead><tr><th>{t().statistics.office}</th><th class="num">{t().statistics.casesRate}</th><th class="num">{t().statistics.rank}</th><th class="num">{t().statistics.moneyRate}</th><th class="num">{t().statistics.rank}</th></tr></thead>
                  <tbody>
                    <For each={dash().ranking.units}>
                      {(u) => (
                        <tr>
                          <td data-label={t().statistics.office}>{u.shortName}</td>
                          <td class="num" data-label={t().statistics.casesRate}>{rate(u.figures.rates.cases)}</td>
                          <td class="num" data-label={`${t().statistics.rank} (${t().statistics.inCases.toLowerCase()})`}>{u.casesRank ?? '—'}</td>
                          <td class="num" data-label={t().statistics.moneyRate}>{rate(u.figures.rates.money)}</td>
                          <td class="num" data-label={`${t().statistics.rank} (${t().statistics.inMoney.toLowerCase()})`}>{u.moneyRank ?? '—'}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </section>
            <section class="card">
              <h2>{t().statistics.complex}</h2>
              <ul class="plain-list">
                <For each={dash().complex}>{(c) => <li><span>{t().flags[c.flag as keyof ReturnType<typeof t>['flags']] ?? c.flag}</span><strong>{c.count}</strong></li>}</For>
              </ul>
            </section>
            <section class="card">
              <h2>{t().statistics.activity}</h2>
              <ul class="plain-list">
                <For each={dash().activity.meetings}>{(m) => <li><span>{t().meetingKinds[m.kind as keyof ReturnType<typeof t>['meetingKinds']] ?? m.kind}</span><strong>{m.held}</strong></li>}</For>
                <li><span>{t().statistics.conclusionsDue}</span><strong>{dash().activity.conclusions.due}</strong></li>
                <li><span>{t().statistics.conclusionsOnTime}</span><strong>{dash().activity.conclusions.onTime}
                  {dash().activity.conclusions.due ? ` (${formatPercent(dash().activity.conclusions.onTime / dash().activity.conclusions.due)})` : ''}</strong></li>
              </ul>
            </section>
            <section class="card">
              <h2>{t().statistics.frozen}</h2>
              <Show when={dash().canFreeze}>
                <form class="inline-form" onSubmit={freeze}>
                  <input aria-label={t().statistics.freezeName} placeholder={t().statistics.freezeName} value={freezeName()} required maxLength={200}
                    onInput={(e) => setFreezeName(e.currentTarget.value)} />
                  <button class="button" type="submit">{t().statistics.freeze}</button>
                </form>
              </Show>
              <Show when={message()}><p class="callout callout-error">{message()}</p></Show>
              <ul class="plain-list">
                <For each={reports() ?? []}>
                  {(r) => (
                    <li>
                      <button type="button" class="link-button" onClick={() => setReportId(r.id)}>{r.name}</button>
                      <span class="muted small">{formatDate(r.period.from)} – {formatDate(r.period.to)} · {r.agencyShortName} · {formatDateTime(r.createdAt)}</span>
                      <span class="small">{rate(r.casesRate)} · {rate(r.moneyRate)}</span>
                    </li>
                  )}
                </For>
              </ul>
            </section>
          </div>
        )}
      </Show>

      <Dialog open={drill() !== undefined} onOpenChange={(open) => { if (!open) setDrill(undefined); }} title={fill(t().statistics.drill, { figure: drill() ? figureLabel(drill()!) : '' })}>
        <Show when={drillCases()} fallback={<p class="muted">{t().common.loading}</p>}>
          {(list) => (
            <div class="table-wrap">
              <p class="muted small">{fill(t().statistics.drillCount, { visible: list().visible, total: list().total })}
                <Show when={list().hidden > 0}> {fill(t().statistics.drillHidden, { hidden: list().hidden })}</Show></p>
              <table class="table">
                <thead><tr><th>{t().statistics.judgment}</th><th>{t().statistics.office}</th><th>{t().statistics.result}</th><th class="num">{t().statistics.moneyStart}</th><th class="num">{t().statistics.figures.collected}</th></tr></thead>
                <tbody>
                  <For each={list().cases}>
                    {(c) => (
                      <tr>
                        <td><Show when={c.readable} fallback={c.judgmentNumber}><a href={`/cases/${c.caseId}`}>{c.judgmentNumber}</a></Show>
                          <Show when={c.debtor}><div class="muted small">{c.debtor}</div></Show></td>
                        <td>{c.officeShortName}</td>
                        <td>{t().statistics.buckets[c.bucket]}</td>
                        <td class="num">{formatMoney(c.moneyStart)}</td>
                        <td class="num">{formatMoney(c.collected)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          )}
        </Show>
      </Dialog>

      <Dialog open={reportId() !== undefined} onOpenChange={(open) => { if (!open) setReportId(undefined); }} title={report()?.name ?? t().statistics.frozen}>
        <Show when={report()} fallback={<p class="muted">{t().common.loading}</p>}>
          {(r) => (
            <div>
              <p class="muted small">{formatDate(r().period.from)} – {formatDate(r().period.to)} · {t().statistics.frozenAt} {formatDateTime(r().createdAt)}</p>
              <table class="table">
                <thead><tr><th /><th class="num">{t().statistics.frozenValue}</th><th class="num">{t().statistics.liveValue}</th></tr></thead>
                <tbody>
                  <tr><td>{t().statistics.casesRate}</td><td class="num">{rate(r().frozen.rates.cases)}</td><td class="num">{rate(r().live.rates.cases)}</td></tr>
                  <tr><td>{t().statistics.moneyRate}</td><td class="num">{rate(r().frozen.rates.money)}</td><td class="num">{rate(r().live.rates.money)}</td></tr>
                  <tr><td>{t().statistics.figures.completed}</td><td class="num">{r().frozen.cases.completed}</td><td class="num">{r().live.cases.completed}</td></tr>
                  <tr><td>{t().statistics.figures.collected}</td><td class="num">{formatMoney(r().frozen.money.collected)}</td><td class="num">{formatMoney(r().live.money.collected)}</td></tr>
                </tbody>
              </table>
              <h3>{t().statistics.differences}</h3>
              <ul class="plain-list">
                <For each={r().differences} fallback={<li>{t().statistics.noDifferences}</li>}>
                  {(diff) => (
                    <li>
                      <strong>{diff.judgmentNumber}</strong> <span class="badge">{t().statistics[diff.change]}</span>
                      <For each={diff.fields}>{(f) => <span class="small"> {f.field}: {String(f.frozen)} → {String(f.live)}</span>}</For>
                    </li>
                  )}
                </For>
              </ul>
            </div>
          )}
        </Show>
      </Dialog>
    </Page>
  );
}
