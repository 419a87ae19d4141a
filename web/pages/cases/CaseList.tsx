import { A, createAsync } from '@solidjs/router';
import { For } from 'solid-js';
import { useI18n } from '../../lib/i18n.tsx';
import { getCases } from '../../lib/queries.ts';
import { Empty, Page } from '../../components/Page.tsx';
import { formatDate, formatMoney } from '../../../shared/format.ts';

export default function CaseList() {
  const { t } = useI18n();
  const cases = createAsync(() => getCases());
  return (
    <Page title={t().cases.title} subtitle={t().cases.subtitle}>
      <div class="table-wrap card">
        <table class="table">
          <thead><tr><th>{t().cases.judgment}</th><th>{t().cases.parties}</th><th class="num">{t().cases.amountDue}</th><th>{t().cases.status}</th></tr></thead>
          <tbody>
            <For each={cases()} fallback={<tr><td colSpan={4}><Empty>{t().cases.none}</Empty></td></tr>}>
              {(record) => (
                <tr>
                  <td><A href={`/cases/${record.id}`}><strong>{record.judgmentNumber}</strong></A><div class="muted small">{formatDate(record.judgmentDate)} · {record.courtName}</div></td>
                  <td>{record.debtor}<div class="muted small">{record.creditor}</div></td>
                  <td class="num nowrap">{formatMoney(record.amountDue)}</td>
                  <td><span class="badge">{t().caseStatus[record.status]}</span><div class="muted small">{t().classification[record.classification]}</div></td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </Page>
  );
}
