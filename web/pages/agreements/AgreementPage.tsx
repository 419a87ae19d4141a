import { A, createAsync, useParams, useSearchParams } from '@solidjs/router';
import { CLOSE } from '../../../shared/collab.ts';
import { followRecord } from '../../lib/live.ts';
import { createComputed, createEffect, createSignal, For, on, onCleanup, Show, Suspense } from 'solid-js';
import type { EditorView } from 'prosemirror-view';
import { fill, useI18n } from '../../lib/i18n.tsx';
import { getAgencies, getAgreement, getAgreementComments, getAgreementDuties, revalidateAgreement } from '../../lib/queries.ts';
import { getMe } from '../../lib/session.ts';
import { takeLiveDocument, type LiveDocument } from '../../lib/collab.ts';
import { Page } from '../../components/Page.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { LegalEditor, Outline, agencyColor, editorLabels, type LegalEditorHandle, type Numbering, type NumberedNode } from '../../components/editor/index.ts';
import { CommentsPanel, threadsOf } from './CommentsPanel.tsx';
import { VersionsPanel } from './VersionsPanel.tsx';
import { AgreementDetailsForm } from './AgreementDetailsForm.tsx';
import { Presence } from './Presence.tsx';
import { highlightDecorations, resolveAnchors, selectionAnchors, type Highlight } from './anchors.ts';
import { DutiesPanel } from './DutiesPanel.tsx';
import { LifecyclePanel } from './LifecyclePanel.tsx';
import { TrackChanges } from './TrackChanges.tsx';
import './agreement.css';

/** The connection as a person reads it. */
function ConnectionState(props: { live: LiveDocument }) {
  const { t } = useI18n();
  return (
    <span class={`connection connection-${props.live.status()}`} role="status">
      <span class="connection-dot" aria-hidden="true" />
      {props.live.refusal() === CLOSE.tooLarge ? t().agreementPage.connectionTooLarge
        : props.live.pending() > 0 && props.live.status() !== 'refused'
          ? fill(props.live.status() === 'synced' ? t().agreementPage.pendingOnline : t().agreementPage.pendingOffline, { count: props.live.pending() })
          : t().agreementPage.connection[props.live.status()]}
    </span>
  );
}

export default function AgreementPage() {
  const { t, locale } = useI18n();
  const params = useParams<{ id: string }>();
  const me = createAsync(() => getMe());
  const agreement = createAsync(() => getAgreement(params.id));
  const agencies = createAsync(() => getAgencies());
  const comments = createAsync(() => getAgreementComments(params.id));
  const duties = createAsync(() => getAgreementDuties(params.id));
  const [search] = useSearchParams<{ item?: string }>();
  const [live, setLive] = createSignal<LiveDocument>();
  const [numbering, setNumbering] = createSignal<Numbering>({ nodes: [], byId: new Map() });
  const [cursor, setCursor] = createSignal<NumberedNode | null>(null);
  const [view, setView] = createSignal<EditorView>();
  const [activeThread, setActiveThread] = createSignal<string | null>(null);
  const [tab, setTab] = createSignal<'comments' | 'duties' | 'versions'>(search.item ? 'duties' : 'comments');
  const [editing, setEditing] = createSignal(false);
  const [docVersion, setDocVersion] = createSignal(0);
  const [tooLarge, setTooLarge] = createSignal(false);
  let editor: LegalEditorHandle | undefined;

  // Steps, comments, suggestions, opinions, signatures, duties and versions others make show at once.
  followRecord('agreement', () => params.id, () => [
    getAgreement.key, getAgreementComments.key, getAgreementDuties.key, 'agreement.versions', 'agreement.lifecycle',
    'agreement.consultation', 'agreement.suggestions', 'agreement.reviews', 'agreement.history',
  ]);

  // One live document per agreement page; rights changed on the server → read them again.
  // Opened as the page is created (a computation, not an effect: effects wait for the page's
  // queries under Suspense), so the WebSocket sync runs alongside the tRPC calls, not after them.
  createComputed(on(() => params.id, (id) => {
    const doc = takeLiveDocument('agreement', id, () => revalidateAgreement(id));
    setLive(doc);
    const onUpdate = () => setDocVersion((v) => v + 1);
    doc.ydoc.on('update', onUpdate);
    onCleanup(() => {
      doc.ydoc.off('update', onUpdate);
      doc.destroy();
    });
  }));

  // Unsent edits are kept in this browser only for a user who may write the text now; otherwise
  // (read-only, frozen, access lost) what was kept is deleted, never replayed as if saved.
  createEffect(() => {
    const doc = live();
    const a = agreement();
    const user = me();
    if (!doc || !a || !user) return;
    const lost = doc.status() === 'refused' && doc.refusal() !== CLOSE.tooLarge;
    if (a.canEdit && !lost) doc.persist(user.id);
    else void doc.forget(user.id);
  });

  const threads = () => threadsOf(comments()).filter((thread) => thread.resolvedAt === null);

  let pendingFocus = search.item ?? null;
  // Highlights of comments and duties follow the text: recomputed on every state of the editor.
  createEffect(() => {
    const current = view();
    if (!current) return;
    const highlights: Highlight[] = [
      ...threads().map((thread) => ({ id: thread.id, anchorStart: thread.anchorStart, anchorEnd: thread.anchorEnd, color: thread.color, kind: 'comment' as const })),
      ...(duties() ?? []).filter((duty) => duty.status !== 'cancelled')
        .map((duty) => ({ id: duty.id, anchorStart: duty.anchorStart, anchorEnd: duty.anchorEnd, color: agencyColor(duty.agencyId), kind: 'duty' as const })),
    ];
    const active = activeThread();
    current.setProps({ decorations: (state) => highlightDecorations(state, highlights, active) });
    // Opened from an action item (?item=…): show that duty once it is drawn.
    const target = pendingFocus && current.dom.querySelector(`[data-duty="${pendingFocus}"]`);
    if (target) {
      setActiveThread(pendingFocus);
      pendingFocus = null;
      requestAnimationFrame(() => target.scrollIntoView({ block: 'center' }));
    }
  });

  const isLive = (anchored: { anchorStart: string | null; anchorEnd: string | null }) => {
    docVersion();
    const current = view();
    if (!current || !anchored.anchorStart || !anchored.anchorEnd) return true;
    return resolveAnchors(current.state, anchored.anchorStart, anchored.anchorEnd) !== null;
  };

  /** Selects a comment or duty: highlighted stronger and scrolled into view in the text. */
  const activate = (anchored: { id: string }) => {
    setActiveThread(anchored.id);
    // After the highlight is drawn (the decorations update with the next editor render).
    requestAnimationFrame(() => view()?.dom.querySelector(`[data-thread="${anchored.id}"], [data-duty="${anchored.id}"]`)?.scrollIntoView({ block: 'center' }));
  };

  const onEditorClick = (event: MouseEvent) => {
    const target = (event.target as HTMLElement).closest('[data-thread], [data-duty]');
    const threadId = target?.getAttribute('data-thread');
    const dutyId = target?.getAttribute('data-duty');
    if (threadId) {
      setActiveThread(threadId);
      setTab('comments');
      document.querySelector(`.comment-thread[data-thread="${threadId}"]`)?.scrollIntoView({ block: 'nearest' });
    } else if (dutyId) {
      setActiveThread(dutyId);
      setTab('duties');
    }
  };

  const partyNames = () => (agreement()?.partyAgencyIds ?? []).map((id) => agencies()?.find((a) => a.id === id)).filter((a) => a !== undefined);
  const presenceUser = () => {
    const user = me();
    return user ? { name: user.name, agencyShortName: user.agency.shortName, color: agencyColor(user.agency.id) } : { name: '', agencyShortName: '', color: '#1d3a6e' };
  };

  return (
    <Page title={agreement()?.title ?? ''} subtitle={agreement()?.docNumber} actions={
      <>
        <A class="button" href={`/agreements/${params.id}/implementation`}>{t().implementation.title}</A>
        <Show when={agreement()?.canManage}>
          <button class="button" onClick={() => setEditing(true)}>{t().agreementPage.editDetails}</button>
        </Show>
      </>
    }>
      <Show when={agreement()}>
        {(a) => (
          <>
            <div class="agreement-meta">
              <span class="badge">{t().agreementStatus[a().status]}</span>
              <span class="muted small">{t().agreements.lead}: <strong>{a().leadAgencyShortName}</strong></span>
              <div class="chips"><For each={partyNames()}>{(agency) => <span class="chip" style={{ 'border-color': agencyColor(agency!.id) }}>{agency!.shortName}</span>}</For></div>
              <Show when={live()}>{(doc) => <ConnectionState live={doc()} />}</Show>
            </div>
            <Show when={tooLarge() || live()?.refusal() === CLOSE.tooLarge}>
              <p class="callout callout-error" role="alert">{t().live.tooLarge}</p>
            </Show>
            <Show when={live()}>{(doc) => <Presence awareness={doc().provider.awareness} label={t().agreementPage.present} />}</Show>
            <div class="agreement-workspace">
              <aside class="agreement-outline card" aria-label={t().agreementPage.outline}>
                <h2>{t().agreementPage.outline}</h2>
                <Outline numbering={numbering()} active={cursor()} onSelect={(id) => editor?.scrollTo(id)} labels={editorLabels[locale()]} />
              </aside>
              <div class="agreement-text" onClick={onEditorClick}>
                <Suspense><Show when={view()}>{(v) => <TrackChanges agreementId={a().id} view={v()} />}</Show></Suspense>
                {/* Made from the synced text, never from an empty document (see MinutesEditor). */}
                <Show when={live()?.synced() ? live() : undefined} keyed fallback={<p class="muted loading-text">{t().common.loading}</p>}>
                  {(doc) => (
                    <LegalEditor ydoc={doc.ydoc} awareness={doc.provider.awareness}
                      editable={a().canEdit && doc.status() !== 'refused'}
                      readOnlyReason={t().agreementPage.readOnlyBecause[a().status === 'draft' ? (doc.status() === 'refused' ? 'refused' : 'observer') : a().status]}
                      onTooLarge={() => setTooLarge(true)}
                      user={presenceUser()} labels={editorLabels[locale()]}
                      onNumbering={setNumbering} onCursor={setCursor}
                      onReady={(handle) => { editor = handle; setView(handle.view); }} />
                  )}
                </Show>
              </div>
              <aside class="agreement-side card">
                <div class="tabs" role="tablist">
                  <button role="tab" aria-selected={tab() === 'comments'} onClick={() => setTab('comments')}>
                    {t().agreementPage.comments} <span class="count">{threads().length}</span>
                  </button>
                  <button role="tab" aria-selected={tab() === 'duties'} onClick={() => setTab('duties')}>
                    {t().actionItemPage.duties} <span class="count">{duties()?.length ?? 0}</span>
                  </button>
                  <button role="tab" aria-selected={tab() === 'versions'} onClick={() => setTab('versions')}>{t().agreementPage.versions}</button>
                </div>
                <Show when={tab() === 'duties'}>
                  <DutiesPanel agreement={a()} pendingSelection={() => { const current = view(); return current ? selectionAnchors(current) : null; }}
                    unitId={() => cursor()?.id ?? null} isLive={isLive} active={activeThread()} onActivate={activate} />
                </Show>
                <Show when={tab() === 'versions'}>
                  <VersionsPanel agreementId={a().id} canSave={a().canEdit} canRestore={a().canManage} />
                </Show>
                <Show when={tab() === 'comments'}>
                  <CommentsPanel agreementId={a().id} canComment={a().canComment}
                    pendingSelection={() => { const current = view(); return current ? selectionAnchors(current) : null; }}
                    unitId={() => cursor()?.id ?? null} isLive={isLive} active={activeThread()} onActivate={activate} />
                </Show>
              </aside>
            </div>
            {/* Its own boundary: the text shows without waiting for the lifecycle's calls (consultation, reviews, history). */}
            <Suspense fallback={<p class="muted loading-text">{t().common.loading}</p>}>
              <LifecyclePanel agreementId={a().id} title={a().title} unitId={() => cursor()?.id ?? null}
                pendingSelection={() => { const current = view(); return current ? selectionAnchors(current) : null; }} />
            </Suspense>
            <section class="card drafters">
              <h2>{t().agreementPage.drafters}</h2>
              <ul class="plain chips"><For each={a().drafters}>{(d) => <li class="chip">{d.name} · {d.agencyShortName}</li>}</For></ul>
            </section>
            <Dialog open={editing()} onOpenChange={setEditing} title={t().agreementPage.editDetails}>
              <AgreementDetailsForm agreement={a()} agencies={agencies() ?? []} onDone={() => setEditing(false)} />
            </Dialog>
          </>
        )}
      </Show>
    </Page>
  );
}
