import { A, createAsync, useNavigate } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { fill, useI18n } from '../../lib/i18n.tsx';
import { getCaseCounts, getCases } from '../../lib/queries.ts';
import { getMe } from '../../lib/session.ts';
import { Empty, Page } from '../../components/Page.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { CASE_STATUSES, type CaseStatus } from '../../../shared/domain.ts';
import { formatDate, formatMoney } from '../../../shared/format.ts';
import { FlagBadges } from './FlagBadges.tsx';
import { CaseForm } from './CaseForm.tsx';
import { CaseImport } from './CaseImport.tsx';

export default function CaseList() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const me = createAsync(() => getMe());
  const cases = createAsync(() => getCases());
  const [status, setStatus] = createSignal<CaseStatus | ''>('');
  const counts = createAsync(() => getCaseCounts());
  // '' every case, 'any' a case with a flag, else one flag: the flags the server computed (case/flags.ts).
  const [flag, setFlag] = createSignal<string>(new URLSearchParams(location.search).get('flag') ?? '');
  const [dialog, setDialog] = createSignal<'new' | 'import'>();
  const canCreate = () => me()?.roles.some((role) => role === 'legal_staff' || role === 'chair') ?? false;
  const shown = () => (cases() ?? []).filter((c) => (status() === '' || c.status === status()) && (flag() === '' || (flag() === 'any' ? c.flags.length > 0 : c.flags.some((f) => f.flag === flag()))));

  return (
    <Page title={t().cases.title} subtitle={t().cases.subtitle} actions={
      <Show when={canCreate()}>
        <button class="button" onClick={() => setDialog('import')}>{t().caseList.import}</button>
        <button class="button button-primary" onClick={() => setDialog('new')}>{t().caseList.newCase}</button>
      </Show>
    }>
      <div class="filters">
        <label class="filter">
          <span class="field-label">{t().caseList.filterStatus}</span>
          <select value={status()} onChange={(e) => setStatus(e.currentTarget.value as CaseStatus | '')}>
            <option value="">{t().common.all}</option>
            <For each={CASE_STATUSES}>{(s) => <option value={s}>{t().caseStatus[s]}</option>}</For>
          </select>
        </label>
        <label class="filter">
          <span class="field-label">{t().caseList.filterFlag}</span>
          <select name="flag" value={flag()} onChange={(e) => setFlag(e.currentTarget.value)}>
            <option value="">{t().common.all}</option>
            <option value="any">{fill(t().caseList.flagCount, { name: t().caseList.anyFlag, count: counts()?.complex ?? '…' })}</option>
            <For each={counts()?.byFlag ?? []}>{(f) => <option value={f.flag}>{fill(t().caseList.flagCount, { name: t().flags[f.flag], count: f.count })}</option>}</For>
          </select>
        </label>
        <span class="muted small filters-count" role="status">{fill(t().caseList.count, { count: shown().length })}</span>
      </div>
      <Show when={counts()}>{(c) => <p class="muted small" data-testid="case-counts">{fill(t().caseList.countsAsOf, { date: formatDate(c().asOf), open: c().openCases, complex: c().complex })}</p>}</Show>
      <div class="table-wrap card">
        <table class="table case-table stack-table">
          <thead><tr><th>{t().cases.judgment}</th><th>{t().cases.parties}</th><th class="num">{t().cases.amountDue}</th><th>{t().cases.status}</th><th>{t().caseList.flags}</th></tr></thead>
          <tbody>
            <For each={shown()} fallback={<tr><td colSpan={5}><Empty>{t().cases.none}</Empty></td></tr>}>
              {(record) => (
                <tr>
                  <td data-label={t().cases.judgment}>
                    <A href={`/cases/${record.id}`}><strong>{record.judgmentNumber}</strong></A><div class="muted small">{formatDate(record.judgmentDate)} · {record.courtName}</div>
                    <Show when={record.flags.length}><div class="case-flags-inline" aria-hidden="true"><FlagBadges flags={record.flags} /></div></Show>
                  </td>
                  <td data-label={t().cases.parties}>{record.debtor}<div class="muted small">{record.creditor}</div></td>
                  <td class="num nowrap" data-label={t().cases.amountDue}>{formatMoney(record.amountDue)}</td>
                  <td data-label={t().cases.status}><span class="badge">{t().caseStatus[record.status]}</span><div class="muted small">{t().classification[record.classification]}</div></td>
                  <td data-label={t().caseList.flags}><FlagBadges flags={record.flags} /></td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Dialog open={dialog() === 'new'} onOpenChange={(open) => !open && setDialog(undefined)} title={t().caseForm.newTitle}>
        <CaseForm onDone={(id) => { setDialog(undefined); if (id) navigate(`/cases/${id}`); }} />
      </Dialog>
      <Dialog open={dialog() === 'import'} onOpenChange={(open) => !open && setDialog(undefined)} title={t().caseImport.title}>
        <CaseImport onDone={() => setDialog(undefined)} />
      </Dialog>
    </Page>
  );
}
