import { createAsync, useParams } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { useI18n } from '../../lib/i18n.tsx';
import { getAgencies, getMeeting } from '../../lib/queries.ts';
import { Page } from '../../components/Page.tsx';
import { formatDateTime } from '../../../shared/format.ts';

export default function MeetingPage() {
  const { t } = useI18n();
  const params = useParams<{ id: string }>();
  const meeting = createAsync(() => getMeeting(params.id));
  const agencies = createAsync(() => getAgencies());
  const agencyName = (id: string) => agencies()?.find((a) => a.id === id)?.nameVi ?? id;
  return (
    <Page title={meeting()?.title ?? ''} subtitle={meeting() && t().meetingKinds[meeting()!.kind]}>
      <Show when={meeting()}>
        {(m) => (
          <section class="card">
            <dl class="details">
              <dt>{t().meetings.when}</dt><dd>{formatDateTime(m().startsAt)} – {formatDateTime(m().endsAt)}</dd>
              <dt>{t().meetings.place}</dt><dd>{m().place}</dd>
              <dt>{t().meetings.chair}</dt><dd>{m().chairName} ({m().chairAgencyShortName})</dd>
              <dt>{t().meetings.invited}</dt><dd><ul class="plain"><For each={m().invitedAgencyIds}>{(id) => <li>{agencyName(id)}</li>}</For></ul></dd>
            </dl>
          </section>
        )}
      </Show>
    </Page>
  );
}
