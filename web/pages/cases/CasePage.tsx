import { createAsync, useParams } from '@solidjs/router';
import { Show } from 'solid-js';
import { useI18n } from '../../lib/i18n.tsx';
import { getCase } from '../../lib/queries.ts';
import { Page } from '../../components/Page.tsx';
import { formatDate, formatMoney } from '../../../shared/format.ts';

export default function CasePage() {
  const { t } = useI18n();
  const params = useParams<{ id: string }>();
  const record = createAsync(() => getCase(params.id));
  return (
    <Page title={record()?.judgmentNumber ?? ''} subtitle={record()?.debtor}>
      <Show when={record()}>
        {(c) => (
          <section class="card">
            <dl class="details">
              <dt>{t().cases.judgment}</dt><dd>{c().judgmentNumber}, {formatDate(c().judgmentDate)} — {c().courtName}</dd>
              <dt>{t().cases.type}</dt><dd>{t().caseTypes[c().caseType]}</dd>
              <dt>{t().cases.creditor}</dt><dd>{c().creditor}</dd>
              <dt>{t().cases.debtor}</dt><dd>{c().debtor}</dd>
              <dt>{t().cases.amountDue}</dt><dd>{formatMoney(c().amountDue)}</dd>
              <dt>{t().cases.amountCollected}</dt><dd>{formatMoney(c().amountCollected)}</dd>
              <dt>{t().cases.classification}</dt><dd>{t().classification[c().classification]}</dd>
              <dt>{t().cases.status}</dt><dd>{t().caseStatus[c().status]}</dd>
              <dt>{t().cases.acceptedOn}</dt><dd>{formatDate(c().acceptedOn)}</dd>
            </dl>
            <p>{c().summary}</p>
          </section>
        )}
      </Show>
    </Page>
  );
}
