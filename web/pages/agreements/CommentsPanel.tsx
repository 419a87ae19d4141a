import { createAsync, revalidate } from '@solidjs/router';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { fill, useI18n } from '../../lib/i18n.tsx';
import { getAgreementComments } from '../../lib/queries.ts';
import { api, errorMessage, type Outputs } from '../../lib/trpc.ts';
import { FormError } from '../../components/Field.tsx';
import { agencyColor } from '../../components/editor/index.ts';
import { formatDateTime } from '../../../shared/format.ts';

type Comment = Outputs['agreements']['comments'][number];
export interface Thread extends Comment { replies: Comment[]; color: string }

export function threadsOf(comments: Comment[] | undefined): Thread[] {
  const all = comments ?? [];
  return all.filter((c) => c.threadId === null).map((root) => ({
    ...root, color: agencyColor(root.agencyId), replies: all.filter((c) => c.threadId === root.id),
  }));
}

/**
 * Comment threads beside the text: new ones on the current selection, replies, resolve and
 * reopen. `isLive(thread)` tells whether its text still exists.
 */
export function CommentsPanel(props: {
  agreementId: string;
  canComment: boolean;
  pendingSelection: () => { anchorStart: string; anchorEnd: string; quote: string } | null;
  unitId: () => string | null;
  isLive: (thread: Thread) => boolean;
  active: string | null;
  onActivate: (thread: Thread) => void;
}) {
  const { t } = useI18n();
  const comments = createAsync(() => getAgreementComments(props.agreementId));
  const threads = createMemo(() => threadsOf(comments()));
  const [showResolved, setShowResolved] = createSignal(false);
  const [draft, setDraft] = createSignal<{ anchorStart: string; anchorEnd: string; quote: string } | null>(null);
  const [error, setError] = createSignal<string>();

  const refresh = () => revalidate(getAgreementComments.keyFor(props.agreementId));
  const act = async (work: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await work();
      await refresh();
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    }
  };

  const start = () => {
    const selection = props.pendingSelection();
    if (!selection) return setError(t().agreementPage.selectFirst);
    setError(undefined);
    setDraft(selection);
  };

  const submitNew = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const body = String(new FormData(form).get('body') ?? '').trim();
    const anchors = draft();
    if (!anchors || !body) return;
    if (await act(() => api.agreements.addComment.mutate({ agreementId: props.agreementId, body, unitId: props.unitId(), ...anchors }))) setDraft(null);
  };

  const visible = () => threads().filter((thread) => showResolved() || thread.resolvedAt === null);

  return (
    <section class="comments" aria-label={t().agreementPage.comments}>
      <div class="side-actions">
        <Show when={props.canComment}>
          <button class="button button-small button-primary" onClick={start}>{t().agreementPage.addComment}</button>
        </Show>
        <label class="checkbox small"><input type="checkbox" checked={showResolved()} onChange={(e) => setShowResolved(e.currentTarget.checked)} />{t().agreementPage.showResolved}</label>
      </div>
      <FormError message={error()} />
      <Show when={draft()}>
        {(anchors) => (
          <form class="comment-new card" onSubmit={submitNew}>
            <blockquote class="comment-quote">{anchors().quote}</blockquote>
            <textarea name="body" rows={3} required maxLength={5000} aria-label={t().agreementPage.commentBody} autofocus />
            <div class="form-actions">
              <button type="button" class="button button-small button-ghost" onClick={() => setDraft(null)}>{t().common.cancel}</button>
              <button type="submit" class="button button-small button-primary">{t().agreementPage.send}</button>
            </div>
          </form>
        )}
      </Show>
      <For each={visible()} fallback={<p class="empty">{t().agreementPage.noComments}</p>}>
        {(thread) => (
          <article class="comment-thread" classList={{ active: props.active === thread.id, resolved: thread.resolvedAt !== null }}
            style={{ '--comment-color': thread.color }} data-thread={thread.id}>
            <button class="comment-anchor" onClick={() => props.onActivate(thread)} title={t().agreementPage.showInText}>
              <Show when={props.isLive(thread)} fallback={<span class="badge badge-muted">{t().agreementPage.textRemoved}</span>}>
                <span class="comment-quote">{thread.quote}</span>
              </Show>
              <Show when={!props.isLive(thread)}><span class="comment-quote removed">{thread.quote}</span></Show>
            </button>
            <For each={[thread, ...thread.replies]}>
              {(comment) => (
                <div class="comment">
                  <div class="comment-meta"><strong>{comment.authorName}</strong> <span class="muted">· {comment.agencyShortName} · {formatDateTime(comment.createdAt)}</span>
                    <Show when={comment.releasedAt === null}> <span class="badge badge-internal">{t().lifecycle.internal}</span></Show></div>
                  <p>{comment.body}</p>
                </div>
              )}
            </For>
            <Show when={thread.resolvedAt}>
              <p class="muted small">{fill(t().agreementPage.resolvedBy, { name: thread.resolvedByName ?? '', at: formatDateTime(thread.resolvedAt!) })}</p>
            </Show>
            <Show when={props.canComment}>
              <form class="comment-reply" onSubmit={async (event) => {
                event.preventDefault();
                const form = event.currentTarget as HTMLFormElement;
                const body = String(new FormData(form).get('body') ?? '').trim();
                if (body && await act(() => api.agreements.reply.mutate({ agreementId: props.agreementId, threadId: thread.id, body }))) form.reset();
              }}>
                <input name="body" placeholder={t().agreementPage.reply} aria-label={t().agreementPage.reply} maxLength={5000} />
                <button type="button" class="button button-small button-ghost"
                  onClick={() => act(() => api.agreements.resolveComment.mutate({ agreementId: props.agreementId, threadId: thread.id, resolved: thread.resolvedAt === null }))}>
                  {thread.resolvedAt === null ? t().agreementPage.resolve : t().agreementPage.reopen}
                </button>
              </form>
            </Show>
          </article>
        )}
      </For>
    </section>
  );
}
