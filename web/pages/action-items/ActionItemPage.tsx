import { A, createAsync, revalidate, useParams } from '@solidjs/router';
import { followRecord } from '../../lib/live.ts';
import { createSignal, For, Show } from 'solid-js';
import { fill, useI18n } from '../../lib/i18n.tsx';
import { getActionItem, getActiveItemCount, getAssignedByUs, getMyActionItems } from '../../lib/queries.ts';
import { api, errorMessage, type Outputs } from '../../lib/trpc.ts';
import { Page } from '../../components/Page.tsx';
import { Attachments } from '../../components/Attachments.tsx';
import { Field, FormError } from '../../components/Field.tsx';
import { TRANSITIONS } from '../../../shared/action-items.ts';
import { formatDate, formatDateTime } from '../../../shared/format.ts';
import type { ActionItemStatus } from '../../../shared/domain.ts';

type Item = Outputs['actionItems']['get'];

export function recurrenceText(item: Pick<Item, 'recurrence'>, t: ReturnType<typeof useI18n>['t']): string | null {
  const rule = item.recurrence;
  if (!rule) return null;
  return rule.kind === 'monthly'
    ? fill(t().actionItemPage.monthly, { day: rule.day })
    : fill(t().actionItemPage.everyMonths, { months: rule.months, start: formatDate(rule.start) });
}

export default function ActionItemPage() {
  const { t } = useI18n();
  const params = useParams<{ id: string }>();
  const item = createAsync(() => getActionItem(params.id));
  followRecord('action_item', () => params.id, () => ['actionItem', 'actionItems.mine', 'actionItems.assignedByUs', 'actionItems.activeCount']);
  const [error, setError] = createSignal<string>();

  const refresh = () => revalidate([getActionItem.keyFor(params.id), getMyActionItems.key, getAssignedByUs.key, getActiveItemCount.key]);
  const steps = (current: Item) => TRANSITIONS[current.status].filter((step) => (step.side === 'assignee' ? current.canWork : current.canReview));

  const move = async (to: ActionItemStatus, form: HTMLFormElement) => {
    setError(undefined);
    try {
      await api.actionItems.setStatus.mutate({ id: params.id, to, note: String(new FormData(form).get('note') ?? ''), expectedStatus: item()?.status });
      form.reset();
      await refresh();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const report = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    setError(undefined);
    try {
      await api.actionItems.report.mutate({ id: params.id, body: String(data.get('body') ?? ''), link: String(data.get('link') ?? '') });
      form.reset();
      await refresh();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  let noteForm!: HTMLFormElement;
  const sourceHref = (current: Item) => current.agreementId ? `/agreements/${current.agreementId}?item=${current.id}` : current.meetingId ? `/meetings/${current.meetingId}` : undefined;

  return (
    <Page title={item()?.title ?? ''} subtitle={item() && `${item()!.assignedByAgencyShortName} → ${item()!.agencyShortName}`}>
      <Show when={item()}>
        {(current) => (
          <div class="grid-2">
            <section class="card">
              <dl class="details">
                <dt>{t().actionItems.status}</dt><dd><span class={`badge status-${current().status}`}>{t().actionItemStatus[current().status]}</span></dd>
                <dt>{t().actionItems.due}</dt><dd>{formatDate(current().dueDate)}</dd>
                <Show when={recurrenceText(current(), t)}>{(text) => <><dt>{t().actionItemPage.recurrence}</dt><dd>{text()}</dd></>}</Show>
                <dt>{t().actionItemPage.assignedTo}</dt><dd>{current().agencyShortName}<Show when={current().assigneeName}> · {current().assigneeName}</Show></dd>
                <dt>{t().actionItemPage.assignedBy}</dt><dd>{current().assignedByName} ({current().assignedByAgencyShortName})</dd>
                <dt>{t().actionItems.source}</dt>
                <dd>
                  <Show when={sourceHref(current())} fallback={t().actionItems.manual}>
                    {(href) => <A href={href()}>{current().sourceTitle}</A>}
                  </Show>
                </dd>
              </dl>
              <p>{current().description}</p>
              <Show when={current().anchorQuote}>
                <figure class="duty-quote" classList={{ removed: current().anchorRemoved }}>
                  <figcaption class="muted small">{current().anchorRemoved ? t().actionItemPage.textRemoved : t().actionItemPage.quote}</figcaption>
                  <blockquote>{current().anchorQuote}</blockquote>
                  <Show when={current().agreementId && !current().anchorRemoved}>
                    <A class="button button-small" href={`/agreements/${current().agreementId}?item=${current().id}`}>{t().actionItemPage.openInText}</A>
                  </Show>
                </figure>
              </Show>
              <Show when={steps(current()).length > 0}>
                <form class="form status-actions" ref={noteForm} onSubmit={(e) => e.preventDefault()}>
                  <Field label={t().actionItemPage.note}><input name="note" maxLength={2000} placeholder={t().actionItemPage.notePlaceholder} /></Field>
                  <div class="form-actions">
                    <For each={steps(current())}>
                      {(step) => (
                        <button type="button" class={`button ${step.to === 'cancelled' || step.to === 'reopened' ? 'button-ghost' : 'button-primary'}`}
                          onClick={() => move(step.to, noteForm)}>{t().actionItemPage.actions[step.to]}</button>
                      )}
                    </For>
                  </div>
                </form>
              </Show>
              <FormError message={error()} />
            </section>
            <section class="card">
              <h2>{t().actionItemPage.reports}</h2>
              <ul class="list">
                <For each={current().reports} fallback={<li class="empty">{t().actionItemPage.noReports}</li>}>
                  {(entry) => (
                    <li class="list-item report">
                      <div>
                        <p>{entry.body}</p>
                        <Show when={entry.link}><a href={entry.link} target="_blank" rel="noopener noreferrer" class="small">{entry.link}</a></Show>
                        <div class="muted small">{entry.authorName} · {entry.agencyShortName} · {formatDateTime(entry.createdAt)}</div>
                      </div>
                    </li>
                  )}
                </For>
              </ul>
              <Show when={current().canWork && current().status !== 'cancelled'}>
                <form class="form" onSubmit={report}>
                  <Field label={t().actionItemPage.reportBody}><textarea name="body" rows={3} required maxLength={5000} /></Field>
                  <Field label={t().actionItemPage.reportLink}><input name="link" type="url" maxLength={1000} placeholder="https://" /></Field>
                  <div class="form-actions"><button class="button button-primary" type="submit">{t().actionItemPage.send}</button></div>
                </form>
              </Show>
              <h2>{t().actionItemPage.history}</h2>
              <ol class="timeline">
                <For each={current().events}>
                  {(event) => (
                    <li>
                      <span class={`badge status-${event.toStatus}`}>{t().actionItemStatus[event.toStatus]}</span>
                      <span class="muted small"> {formatDateTime(event.at)} · {event.userName ?? ''} · {t().actionItems.due} {formatDate(event.dueDate)}</span>
                      <Show when={event.note}><div class="small">{event.note}</div></Show>
                    </li>
                  )}
                </For>
              </ol>
            </section>
            <Attachments target={`actionItem:${current().id}`} />
          </div>
        )}
      </Show>
    </Page>
  );
}
