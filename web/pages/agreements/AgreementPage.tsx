import { createAsync, useParams } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { useI18n } from '../../lib/i18n.tsx';
import { getAgencies, getAgreement } from '../../lib/queries.ts';
import { Page } from '../../components/Page.tsx';

export default function AgreementPage() {
  const { t } = useI18n();
  const params = useParams<{ id: string }>();
  const agreement = createAsync(() => getAgreement(params.id));
  const agencies = createAsync(() => getAgencies());
  const shortName = (id: string) => agencies()?.find((a) => a.id === id)?.shortName ?? id;
  return (
    <Page title={agreement()?.title ?? ''} subtitle={agreement()?.docNumber}>
      <Show when={agreement()}>
        {(a) => (
          <div class="chips">
            <span class="badge">{t().agreementStatus[a().status]}</span>
            <For each={a().partyAgencyIds}>{(id) => <span class="chip">{shortName(id)}</span>}</For>
          </div>
        )}
      </Show>
    </Page>
  );
}
