import { A, createAsync } from '@solidjs/router';
import { For } from 'solid-js';
import { useI18n } from '../../lib/i18n.tsx';
import { getAgencies, getMeetings } from '../../lib/queries.ts';
import { Empty, Page } from '../../components/Page.tsx';
import { formatDateTime } from '../../../shared/format.ts';

export default function MeetingList() {
  const { t } = useI18n();
  const meetings = createAsync(() => getMeetings());
  const agencies = createAsync(() => getAgencies());
  const shortName = (id: string) => agencies()?.find((a) => a.id === id)?.shortName ?? id;
  return (
    <Page title={t().meetings.title} subtitle={t().meetings.subtitle}>
      <div class="table-wrap card">
        <table class="table">
          <thead><tr><th>{t().meetings.when}</th><th>{t().meetings.title}</th><th>{t().meetings.chair}</th><th>{t().meetings.invited}</th></tr></thead>
          <tbody>
            <For each={meetings()} fallback={<tr><td colSpan={4}><Empty>{t().meetings.none}</Empty></td></tr>}>
              {(meeting) => (
                <tr>
                  <td class="nowrap">{formatDateTime(meeting.startsAt)}</td>
                  <td>
                    <A href={`/meetings/${meeting.id}`}><strong>{meeting.title}</strong></A>
                    <div class="muted small">{t().meetingKinds[meeting.kind]} · {t().meetingStatus[meeting.status as keyof ReturnType<typeof t>['meetingStatus']] ?? meeting.status}</div>
                  </td>
                  <td>{meeting.chairName}<div class="muted small">{meeting.chairAgencyShortName}</div></td>
                  <td><div class="chips"><For each={meeting.invitedAgencyIds}>{(id) => <span class="chip">{shortName(id)}</span>}</For></div></td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </Page>
  );
}
