/**
 * Track changes per agency on the agreement page: the "Chế độ đề xuất" toggle (on by default for a
 * party other than the lead in consultation), the copy edited in that mode and its suggestions
 * sent one per contiguous change; in the live text, every suggestion the viewer may see drawn in
 * its agency's colour with a legend, accepted or rejected inline by the lead, one by one or all.
 */
import { createAsync, revalidate } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, on, onCleanup, Show } from 'solid-js';
import type { Node as PMNode } from 'prosemirror-model';
import type { EditorView } from 'prosemirror-view';
import { fill, useI18n } from '../../lib/i18n.tsx';
import { getAgreementLifecycle, getAgreementSuggestions } from '../../lib/queries.ts';
import { getMe } from '../../lib/session.ts';
import { api, errorMessage } from '../../lib/trpc.ts';
import { FormError } from '../../components/Field.tsx';
import { agencyColor, editorLabels } from '../../components/editor/index.ts';
import {
  SuggestionEditor, installTrackChanges, placeOf, showSuggestions, syncBinding, trackChangesPlugin, type ShownSuggestion,
} from '../../components/editor/suggestions.tsx';
import { anchorRange, type TextChange } from '../../../shared/legal/suggestions.ts';

export function TrackChanges(props: { agreementId: string; view: EditorView }) {
  const { t, locale } = useI18n();
  const me = createAsync(() => getMe());
  const life = createAsync(() => getAgreementLifecycle(props.agreementId));
  const suggestions = createAsync(() => getAgreementSuggestions(props.agreementId));
  const [base, setBase] = createSignal<PMNode | null>(null);
  const [changes, setChanges] = createSignal<TextChange[]>([]);
  const [error, setError] = createSignal<string>();
  const [notice, setNotice] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);

  const refresh = () => Promise.all([
    revalidate(getAgreementSuggestions.keyFor(props.agreementId)), revalidate(getAgreementLifecycle.keyFor(props.agreementId)),
  ]);
  const decide = async (id: string, decision: 'accept' | 'reject') => {
    setError(undefined);
    try {
      const input = { agreementId: props.agreementId, suggestionId: id, expectedStatus: life()?.status };
      await (decision === 'accept' ? api.agreements.acceptSuggestion.mutate(input) : api.agreements.rejectSuggestion.mutate(input));
      await refresh();
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    }
  };

  installTrackChanges(props.view, trackChangesPlugin({ labels: () => t().trackChanges, onDecide: (id, d) => void decide(id, d) }));

  const shown = createMemo<ShownSuggestion[]>(() => (suggestions() ?? [])
    .filter((s) => s.status === 'pending' && s.content !== null && s.base !== null)
    .map((s) => ({ id: s.id, agencyId: s.agencyId, agencyShortName: s.agencyShortName, authorName: s.authorName, anchorStart: s.anchorStart,
      anchorEnd: s.anchorEnd, content: s.content!, base: s.base!, released: s.releasedAt !== null })));
  createEffect(() => showSuggestions(props.view, shown(), life()?.rights.decide ?? false));

  const canSuggest = () => life()?.rights.suggest ?? false;
  const mode = () => base() !== null;
  const start = () => {
    setError(undefined);
    setNotice(undefined);
    setChanges([]);
    setBase(props.view.state.doc);
  };
  const stop = () => { setBase(null); setChanges([]); };
  // A party other than the lead drafts its suggestions in this mode by default during consultation:
  // switched on when consultation opens (or the page does), not again on each refresh, so that a
  // person who sent or left the mode keeps the page as they left it.
  createEffect(on(() => [life()?.status, me()?.agency.id] as const, ([status, agencyId], before) => {
    const lifecycle = life();
    const arrived = !before || before[0] !== status || before[1] !== agencyId;
    if (arrived && status === 'consultation' && lifecycle?.rights.suggest && agencyId && lifecycle.parties[0]?.id !== agencyId && !mode()) start();
    if (!canSuggest() && mode()) stop();
  }));
  // The live editor is hidden while its copy is edited.
  createEffect(() => {
    const page = props.view.dom.closest('.legal-editor');
    page?.classList.toggle('sg-hidden', mode());
    onCleanup(() => page?.classList.remove('sg-hidden'));
  });

  const submit = async () => {
    const from = base();
    const sync = syncBinding(props.view.state);
    if (!from || !sync) return;
    setError(undefined);
    if (!props.view.state.doc.eq(from)) return setError(t().trackChanges.baseChanged);
    setBusy(true);
    let sent = 0;
    try {
      // Anchors made against the live text, which equals the copy's starting point.
      for (const change of changes()) {
        await api.agreements.suggest.mutate({
          agreementId: props.agreementId, ...anchorRange(sync.type, sync.mapping as never, change.from, change.to),
          content: JSON.stringify(change.slice.toJSON()), unitId: null,
        });
        sent++;
      }
      stop();
      setNotice(fill(t().trackChanges.sent, { n: sent }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
      await refresh();
    }
  };

  const decideAll = async (decision: 'accept' | 'reject') => {
    setBusy(true);
    try {
      for (const s of shown().filter((x) => x.released)) {
        const place = placeOf(props.view.state, s);
        if (decision === 'accept' && (!place || place.outdated)) continue;
        if (!(await decide(s.id, decision))) break;
      }
    } finally {
      setBusy(false);
    }
  };

  const agencies = createMemo(() => [...new Map(shown().map((s) => [s.agencyId, s.agencyShortName])).entries()]);
  const color = () => agencyColor(me()?.agency.id ?? '');

  return (
    <section class="track-changes" aria-label={t().trackChanges.mode}>
      <div class="track-changes__bar">
        <Show when={canSuggest()}>
          <label class="checkbox">
            <input type="checkbox" checked={mode()} onChange={(e) => (e.currentTarget.checked ? start() : stop())} />
            {t().trackChanges.mode}
          </label>
        </Show>
        <Show when={mode()}>
          <span class="muted small" role="status">{changes().length === 0 ? t().trackChanges.noChanges : fill(t().trackChanges.changes, { n: changes().length })}</span>
          <button class="button button-small button-primary" disabled={busy() || changes().length === 0} onClick={submit}>
            {fill(t().trackChanges.submit, { n: changes().length })}
          </button>
          <button class="button button-small button-ghost" disabled={busy()} onClick={start}>{t().trackChanges.discard}</button>
        </Show>
        <Show when={(life()?.rights.decide ?? false) && shown().some((s) => s.released)}>
          <button class="button button-small button-primary" disabled={busy()} onClick={() => decideAll('accept')}>{t().trackChanges.acceptAll}</button>
          <button class="button button-small button-ghost" disabled={busy()} onClick={() => decideAll('reject')}>{t().trackChanges.rejectAll}</button>
        </Show>
      </div>
      <Show when={mode()}><p class="muted small">{t().trackChanges.modeHint}</p></Show>
      <Show when={agencies().length > 0}>
        <div class="track-changes__legend" aria-label={t().trackChanges.legend}>
          <span class="muted">{t().trackChanges.legend}:</span>
          <For each={agencies()}>{([id, name]) => <span style={{ '--sg-color': agencyColor(id) }}><span class="track-changes__swatch" />{name}</span>}</For>
        </div>
      </Show>
      <FormError message={error()} />
      <Show when={notice()}><p class="callout" role="status">{notice()}</p></Show>
      <Show when={base()} keyed>
        {(doc) => <SuggestionEditor base={doc} color={color()} labels={editorLabels[locale()]} onChanges={(list) => setChanges(list)} />}
      </Show>
    </section>
  );
}
