import { A, createAsync, revalidate } from '@solidjs/router';
import { Dialog } from '../../components/Dialog.tsx';
import { SignDialog } from './SignDialog.tsx';
import { signatureBlock, type SigningCapacity } from '../../../shared/signature-block.ts';
import { createSignal, For, Show, type JSX } from 'solid-js';
import { fill, useI18n } from '../../lib/i18n.tsx';
import { getMe } from '../../lib/session.ts';
import {
  getAgreement, getAgreementComments, getAgreementConsultation, getAgreementHistory, getAgreementLifecycle, getAgreementReviews,
  getAgreementSuggestions, getAgreementVersions,
} from '../../lib/queries.ts';
import { api, errorMessage, type Outputs } from '../../lib/trpc.ts';
import { FormError } from '../../components/Field.tsx';
import { agencyColor } from '../../components/editor/index.ts';
import { formatDate, formatDateTime, localDate } from '../../../shared/format.ts';
import type { AgreementStatus, OpinionStance } from '../../../shared/domain.ts';
import type { ComparedBlock } from '../../../shared/legal/compare.ts';
import { DateInput } from '../../components/DateInput.tsx';

type Lifecycle = Outputs['agreements']['lifecycle'];

/** Blocks that changed, words added and removed marked. */
function Changes(props: { changes: ComparedBlock[] }) {
  const { t } = useI18n();
  return (
    <div class="comparison">
      <For each={props.changes} fallback={<p class="empty">{t().lifecycle.noChanges}</p>}>
        {(block) => (
          <p class={`diff-block diff-${block.status}`}>
            <Show when={block.label}><strong class="diff-label">{block.label} </strong></Show>
            <For each={block.parts}>{(part) => part.added ? <ins>{part.value}</ins> : part.removed ? <del>{part.value}</del> : <span>{part.value}</span>}</For>
          </p>
        )}
      </For>
    </div>
  );
}

type Opinion = { stance: OpinionStance; comment: string; authorName: string; updatedAt: string };

/** One party's opinion in the grid: the stance as a button that opens the full opinion in place (keyboard and touch alike). */
function OpinionCell(props: { opinion: Opinion | null; inherited: boolean; agency: string; unit: string; open: boolean; onToggle: () => void }) {
  const { t } = useI18n();
  return (
    <Show when={props.opinion} fallback={<span class="muted small">—</span>}>
      {(o) => (
        <div class="opinion-cell">
          <button type="button" class={`stance stance-${o().stance}${props.inherited ? ' stance-inherited' : ''}`} aria-expanded={props.open}
            aria-label={fill(t().signing.showOpinion, { agency: props.agency, unit: props.unit })} onClick={() => props.onToggle()}>
            {t().lifecycle.stances[o().stance]}{o().comment ? ' …' : ''}
          </button>
          <Show when={props.open}>
            <div class="opinion-detail small" role="note">
              <p>{o().comment || t().signing.noComment}</p>
              <p class="muted">{o().authorName} · {formatDateTime(o().updatedAt)}<Show when={props.inherited}> · {t().signing.inherited}</Show></p>
            </div>
          </Show>
        </div>
      )}
    </Show>
  );
}

function Section(props: { title: string; children: JSX.Element; class?: string }) {
  return <section class={`lifecycle-section ${props.class ?? ''}`}><h3>{props.title}</h3>{props.children}</section>;
}

/**
 * The agreement after drafting: where it stands and this user's next steps, the parties' opinions
 * article by article, suggested changes, signatures with the hash of the signed text, reviews,
 * amendments, history, and the Word and print versions.
 */
export function LifecyclePanel(props: {
  agreementId: string;
  /** The agreement's title, named in the signing confirmation. */
  title?: string;
  pendingSelection: () => { anchorStart: string; anchorEnd: string; quote: string } | null;
  unitId: () => string | null;
}) {
  const { t } = useI18n();
  const me = createAsync(() => getMe());
  const life = createAsync(() => getAgreementLifecycle(props.agreementId));
  const grid = createAsync(() => getAgreementConsultation(props.agreementId));
  const suggestions = createAsync(() => getAgreementSuggestions(props.agreementId));
  const reviews = createAsync(() => getAgreementReviews(props.agreementId));
  const history = createAsync(() => getAgreementHistory(props.agreementId));
  const [error, setError] = createSignal<string>();
  const [notice, setNotice] = createSignal<string>();
  const [step, setStep] = createSignal<AgreementStatus | null>(null);
  const [proposal, setProposal] = createSignal<{ anchorStart: string; anchorEnd: string; quote: string } | null>(null);
  const [verified, setVerified] = createSignal<Outputs['agreements']['verify']>();
  const [changes, setChanges] = createSignal<{ signatureId: string; changes: ComparedBlock[] }>();
  const [report, setReport] = createSignal('');

  const refresh = () => Promise.all([
    revalidate(getAgreementLifecycle.keyFor(props.agreementId)), revalidate(getAgreementConsultation.keyFor(props.agreementId)),
    revalidate(getAgreementSuggestions.keyFor(props.agreementId)), revalidate(getAgreementReviews.keyFor(props.agreementId)),
    revalidate(getAgreementHistory.keyFor(props.agreementId)), revalidate(getAgreement.keyFor(props.agreementId)),
    revalidate(getAgreementComments.keyFor(props.agreementId)), revalidate(getAgreementVersions.keyFor(props.agreementId)),
  ]);
  const act = async (work: () => Promise<unknown>) => {
    setError(undefined);
    setNotice(undefined);
    try {
      await work();
      await refresh();
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    }
  };
  const field = (form: HTMLFormElement, name: string) => String(new FormData(form).get(name) ?? '');

  /** The parties that disagree (on the whole text or an article), with their opinions, from the grid on screen. */
  const disagreeing = () => {
    const g = grid();
    if (!g) return [];
    return g.parties.map((party, index) => ({
      shortName: party.shortName,
      opinions: [
        ...(party.overall?.stance === 'disagree' ? [{ on: t().signing.wholeText, comment: party.overall.comment }] : []),
        ...g.articles.flatMap((a) => {
          const cell = a.cells[index];
          return cell && !cell.inherited && cell.stance === 'disagree' ? [{ on: a.label, comment: cell.comment }] : [];
        }),
      ],
    })).filter((p) => p.opinions.length > 0);
  };
  const [confirmDisagreement, setConfirmDisagreement] = createSignal<{ form: HTMLFormElement } | null>(null);
  const takeStep = async (form: HTMLFormElement, to: AgreementStatus, confirmed: boolean) => {
    const ok = await act(() => api.agreements.transition.mutate({
      agreementId: props.agreementId, to,
      deadline: to === 'consultation' ? field(form, 'date') : undefined,
      effectiveDate: to === 'signing' ? field(form, 'date') : undefined,
      reason: field(form, 'reason'), expectedStatus: life()?.status, ...(confirmed ? { confirmDisagreement: true } : {}),
    }));
    if (ok) setStep(null);
  };
  const submitStep = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const to = step();
    if (!to) return;
    // Moving on while a party disagrees is a decision of its own: name them and ask (the server refuses otherwise).
    if (life()?.status === 'consultation' && to === 'final' && disagreeing().length > 0) return setConfirmDisagreement({ form });
    await takeStep(form, to, false);
  };

  // The opinion form follows its target: choosing another article shows this agency's opinion on it, or a blank form.
  const [target, setTarget] = createSignal('');
  const [stance, setStance] = createSignal<OpinionStance>('agree');
  const [comment, setComment] = createSignal('');
  const ownOpinion = (unitId: string) => {
    const g = grid();
    const index = g?.parties.findIndex((p) => p.id === me()?.agency.id) ?? -1;
    if (!g || index < 0) return null;
    if (!unitId) return g.parties[index].overall;
    const cell = g.articles.find((a) => a.unitId === unitId)?.cells[index];
    return cell && !cell.inherited ? cell : null;
  };
  const chooseTarget = (unitId: string) => {
    setTarget(unitId);
    const own = ownOpinion(unitId);
    setStance(own?.stance ?? 'agree');
    setComment(own?.comment ?? '');
  };
  const submitOpinion = (event: SubmitEvent) => {
    event.preventDefault();
    void act(() => api.agreements.giveOpinion.mutate({ agreementId: props.agreementId, unitId: target() || null, stance: stance(), comment: comment() }));
  };
  // One opinion cell open at a time per article and party: "unitId|agencyId" ("" for the whole text).
  const [openCells, setOpenCells] = createSignal<ReadonlySet<string>>(new Set());
  const toggleCell = (key: string) => setOpenCells((open) => {
    const next = new Set(open);
    if (!next.delete(key)) next.add(key);
    return next;
  });

  const startProposal = () => {
    const selection = props.pendingSelection();
    if (!selection) return setError(t().lifecycle.selectFirst);
    setError(undefined);
    setProposal(selection);
  };
  const submitProposal = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const anchors = proposal();
    if (!anchors) return;
    const ok = await act(() => api.agreements.suggest.mutate({
      agreementId: props.agreementId, ...anchors, replacement: field(form, 'replacement'), note: field(form, 'note'), unitId: props.unitId(),
    }));
    if (ok) setProposal(null);
  };

  const release = async () => {
    let counts = { suggestions: 0, comments: 0 };
    if (await act(async () => { counts = await api.agreements.releaseOwn.mutate({ agreementId: props.agreementId }); })) {
      setNotice(fill(t().lifecycle.released, counts));
    }
  };

  const [confirmSign, setConfirmSign] = createSignal(false);
  const signFor = (l: Lifecycle, agencyId: string, capacity: SigningCapacity) =>
    act(() => api.agreements.sign.mutate({ agreementId: props.agreementId, agencyId, textHash: l.signingHash ?? '', expectedStatus: l.status, capacity }));
  const verify = () => act(async () => setVerified(await api.agreements.verify.query({ agreementId: props.agreementId })));
  const showChanges = (signatureId: string) => act(async () => {
    const result = await api.agreements.changesSinceSigned.query({ agreementId: props.agreementId, signatureId });
    setChanges({ signatureId, changes: result.changes });
  });

  const prefill = (form: HTMLFormElement) => act(async () => {
    const draft = await api.agreements.reviewDraft.query({ agreementId: props.agreementId, from: field(form, 'from'), to: field(form, 'to') });
    setReport(draft.report);
  });
  const submitReview = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const ok = await act(() => api.agreements.addReview.mutate({
      agreementId: props.agreementId, kind: field(form, 'kind') as 'preliminary' | 'final', reviewDate: field(form, 'reviewDate'),
      from: field(form, 'from'), to: field(form, 'to'), report: report(),
    }));
    if (ok) setReport('');
  };

  const amend = () => act(async () => {
    const amendment = await api.agreements.amend.mutate({ agreementId: props.agreementId, expectedStatus: life()?.status });
    location.assign(`/agreements/${amendment.id}`);
  });

  const showGrid = () => {
    const status = life()?.status;
    return status !== undefined && status !== 'draft' || (grid()?.parties.some((p) => p.overall) ?? false);
  };

  return (
    <section class="card lifecycle" aria-label={t().lifecycle.title} data-testid="lifecycle-panel">
      <Show when={life()}>
        {(l) => (
          <>
            <header class="lifecycle-head">
              <h2>{t().lifecycle.title}</h2>
              <span class={`badge lifecycle-status status-${l().status}`} data-testid="lifecycle-status">{t().agreementStatus[l().status]}</span>
              <Show when={l().consultationDeadline && l().status === 'consultation'}>
                <span class="muted small">{t().lifecycle.deadline}: <strong>{formatDate(l().consultationDeadline!)}</strong></span>
              </Show>
              <Show when={l().effectiveDate}>
                <span class="muted small">{t().lifecycle.effectiveDate}: <strong>{formatDate(l().effectiveDate!)}</strong></span>
              </Show>
              <span class="lifecycle-links">
                <a class="button button-small button-ghost" href={`/export/agreements/${props.agreementId}.docx`} download="">{t().lifecycle.download}</a>
                <A class="button button-small button-ghost" href={`/agreements/${props.agreementId}/print`}>{t().lifecycle.print}</A>
              </span>
            </header>
            <FormError message={error()} />
            <Show when={notice()}><p class="notice" role="status">{notice()}</p></Show>

            <div class="lifecycle-steps">
              <strong>{t().lifecycle.nextSteps}:</strong>
              <For each={l().nextSteps} fallback={<span class="muted small">{t().lifecycle.noSteps}</span>}>
                {(to) => (
                  <button class={`button button-small ${to === 'draft' || to === 'terminated' ? 'button-ghost' : 'button-primary'}`}
                    aria-pressed={step() === to} onClick={() => setStep(step() === to ? null : to)}>{t().lifecycle.steps[to]}</button>
                )}
              </For>
            </div>
            <Show when={step()}>
              {(to) => (
                <form class="lifecycle-step-form" onSubmit={submitStep}>
                  <Show when={to() === 'consultation' || to() === 'signing'}>
                    <label>{to() === 'consultation' ? t().lifecycle.deadline : t().lifecycle.effectiveDate}
                      <DateInput name="date" required value={localDate()} /></label>
                  </Show>
                  <Show when={to() === 'draft' || to() === 'terminated'}>
                    <label>{t().lifecycle.reason}<input name="reason" maxLength={1000} /></label>
                  </Show>
                  <button class="button button-small button-primary" type="submit">{t().lifecycle.confirm}: {t().lifecycle.steps[to()]}</button>
                </form>
              )}
            </Show>

            <Dialog open={confirmDisagreement() !== null} onOpenChange={(open) => { if (!open) setConfirmDisagreement(null); }} title={t().signing.disagreeTitle}>
              <p>{fill(t().signing.disagreeBody, { to: t().agreementStatus.final })}</p>
              <ul class="disagreements" data-testid="disagreements">
                <For each={disagreeing()}>
                  {(party) => (
                    <li><strong>{party.shortName}</strong>
                      <ul class="plain small"><For each={party.opinions}>{(o) => <li>{o.on}: {o.comment || t().signing.noComment}</li>}</For></ul>
                    </li>
                  )}
                </For>
              </ul>
              <div class="form-actions">
                <button type="button" class="button button-ghost" onClick={() => setConfirmDisagreement(null)}>{t().common.cancel}</button>
                <button type="button" class="button button-primary" onClick={() => {
                  const pending = confirmDisagreement();
                  setConfirmDisagreement(null);
                  if (pending) void takeStep(pending.form, 'final', true);
                }}>{fill(t().signing.disagreeConfirm, { to: t().agreementStatus.final })}</button>
              </div>
            </Dialog>

            <div class="lifecycle-grid">
              <Show when={showGrid() && grid()}>
                {(g) => (
                  <Section title={t().lifecycle.opinions} class="lifecycle-opinions">
                    <div class="table-scroll">
                      <table class="opinion-grid">
                        <thead><tr><th>{t().lifecycle.article}</th><For each={g().parties}>{(p) => <th style={{ 'border-bottom-color': agencyColor(p.id) }}>{p.shortName}</th>}</For></tr></thead>
                        <tbody>
                          <tr class="opinion-overall"><th scope="row">{t().lifecycle.wholeText}</th>
                            <For each={g().parties}>{(p) => <td><OpinionCell opinion={p.overall} inherited={false} agency={p.shortName} unit={t().lifecycle.wholeText}
                              open={openCells().has(`|${p.id}`)} onToggle={() => toggleCell(`|${p.id}`)} /></td>}</For>
                          </tr>
                          <For each={g().articles}>
                            {(article) => (
                              <tr>
                                <th scope="row"><span class="opinion-article">{article.label}</span> <span class="muted small">{article.text}</span></th>
                                <For each={article.cells}>
                                  {(cell, index) => {
                                    const key = () => `${article.unitId}|${g().parties[index()]?.id}`;
                                    return <td><OpinionCell opinion={cell} inherited={cell?.inherited ?? false} agency={g().parties[index()]?.shortName ?? ''} unit={article.label}
                                      open={openCells().has(key())} onToggle={() => toggleCell(key())} /></td>;
                                  }}
                                </For>
                              </tr>
                            )}
                          </For>
                        </tbody>
                      </table>
                    </div>
                    <Show when={l().rights.opinion}>
                      <form class="opinion-form" onSubmit={submitOpinion}>
                        <strong>{t().lifecycle.giveOpinion}</strong>
                        <label>{t().lifecycle.opinionOn}
                          <select name="unit" value={target()} onChange={(e) => chooseTarget(e.currentTarget.value)}><option value="">{t().lifecycle.wholeText}</option>
                            <For each={g().articles}>{(a) => <option value={a.unitId}>{a.label} {a.text.slice(0, 60)}</option>}</For>
                          </select>
                        </label>
                        <fieldset class="stances">
                          <For each={['agree', 'agree_with_comments', 'disagree'] as const}>
                            {(value) => <label class="radio"><input type="radio" name="stance" value={value} checked={stance() === value} onChange={() => setStance(value)} />{t().lifecycle.stances[value]}</label>}
                          </For>
                        </fieldset>
                        <label>{t().lifecycle.opinionComment}<textarea name="comment" rows={2} maxLength={5000} value={comment()} onInput={(e) => setComment(e.currentTarget.value)} /></label>
                        <button class="button button-small button-primary" type="submit">{t().lifecycle.send}</button>
                      </form>
                    </Show>
                  </Section>
                )}
              </Show>

              <Show when={(suggestions()?.length ?? 0) > 0 || l().rights.suggest}>
                <Section title={t().lifecycle.suggestions}>
                  <div class="side-actions">
                    <Show when={l().rights.suggest}><button class="button button-small button-primary" onClick={startProposal}>{t().lifecycle.propose}</button></Show>
                    <Show when={l().rights.release && (suggestions() ?? []).some((s) => s.releasedAt === null)}>
                      <button class="button button-small" onClick={release}>{t().lifecycle.release}</button>
                    </Show>
                  </div>
                  <Show when={proposal()}>
                    {(p) => (
                      <form class="suggestion-form" onSubmit={submitProposal}>
                        <blockquote>{p().quote}</blockquote>
                        <label>{t().lifecycle.replacement}<textarea name="replacement" rows={2} maxLength={5000} value={p().quote} /></label>
                        <label>{t().lifecycle.note}<input name="note" maxLength={2000} /></label>
                        <button class="button button-small button-primary" type="submit">{t().lifecycle.send}</button>
                      </form>
                    )}
                  </Show>
                  <ul class="suggestion-list">
                    <For each={suggestions()} fallback={<li class="empty">{t().lifecycle.noSuggestions}</li>}>
                      {(s) => (
                        <li class={`suggestion suggestion-${s.status}`} style={{ 'border-left-color': agencyColor(s.agencyId) }}>
                          <div class="small"><strong>{s.agencyShortName}</strong> · {s.authorName} · {formatDateTime(s.createdAt)}
                            {' '}<span class="badge">{t().lifecycle.suggestionStatus[s.status]}</span>
                            <Show when={s.releasedAt === null}> <span class="badge badge-internal">{t().lifecycle.internal}</span></Show>
                          </div>
                          <p><del>{s.quote}</del> → <ins>{s.replacement}</ins></p>
                          <Show when={s.note}><p class="muted small">{s.note}</p></Show>
                          <Show when={l().rights.decide && s.status === 'pending' && s.releasedAt !== null}>
                            <div class="suggestion-actions">
                              <button class="button button-small button-primary" onClick={() => act(() => api.agreements.acceptSuggestion.mutate({ agreementId: props.agreementId, suggestionId: s.id, expectedStatus: life()?.status }))}>{t().lifecycle.accept}</button>
                              <button class="button button-small button-ghost" onClick={() => act(() => api.agreements.rejectSuggestion.mutate({ agreementId: props.agreementId, suggestionId: s.id, expectedStatus: life()?.status }))}>{t().lifecycle.reject}</button>
                            </div>
                          </Show>
                        </li>
                      )}
                    </For>
                  </ul>
                </Section>
              </Show>

              <Show when={l().signingHash || l().signatures.length > 0}>
                <Section title={t().lifecycle.signatures} class="lifecycle-signatures">
                  <Show when={l().signingHash}>
                    <p class="small">{t().lifecycle.hash}: <code class="hash" data-testid="signing-hash">{l().signingHash}</code></p>
                  </Show>
                  <ul class="signature-list">
                    <For each={l().parties}>
                      {(party) => (
                        <li class={party.signature ? 'signature signed' : 'signature'}>
                          <strong>{party.shortName}</strong>
                          <span class="small">{party.signature ? fill(t().lifecycle.signedBy, { name: party.signature.signerName, at: formatDateTime(party.signature.signedAt) }) : t().lifecycle.notSigned}</span>
                          <Show when={party.signature}>
                            {(s) => <span class="small muted" data-testid="signed-capacity">{signatureBlock(party, { capacity: s().capacity, headTitle: s().headTitle, signerPosition: s().signerTitle, signerName: s().signerName }).lines.slice(1).join(' / ')}</span>}
                          </Show>
                        </li>
                      )}
                    </For>
                  </ul>
                  <div class="side-actions">
                    <Show when={l().rights.sign && l().parties.find((p) => p.id === me()?.agency.id)}>
                      {(own) => (
                        <>
                          <button class="button button-small button-primary" data-testid="sign" onClick={() => setConfirmSign(true)}>
                            {fill(t().lifecycle.sign, { agency: own().shortName })}
                          </button>
                          <SignDialog open={confirmSign()} onOpenChange={setConfirmSign} title={props.title ?? ''} life={l()} agencyId={own().id}
                            onSign={(capacity) => { setConfirmSign(false); void signFor(l(), own().id, capacity); }} />
                        </>
                      )}
                    </Show>
                    <button class="button button-small button-ghost" onClick={verify}>{t().lifecycle.verify}</button>
                  </div>
                  <Show when={verified()}>
                    {(v) => (
                      <p class={v().matches ? 'verify verify-ok' : 'verify verify-fail'} role="status">
                        {v().matches ? t().lifecycle.verifyOk : t().lifecycle.verifyFail}<br />
                        <span class="small">{t().lifecycle.currentHash}: <code class="hash">{v().currentHash}</code></span>
                      </p>
                    )}
                  </Show>
                  <For each={l().signatures.filter((s) => s.voidAt !== null)}>
                    {(s) => (
                      <div class="void-signature">
                        <p><s>{s.agencyShortName}: {s.signerName}, {formatDateTime(s.signedAt)}</s> <span class="badge badge-void">{t().lifecycle.voided}</span></p>
                        <p class="small muted">{fill(t().lifecycle.voidedAt, { at: formatDateTime(s.voidAt!), reason: s.voidReason ?? '' })}</p>
                        <button class="button button-small button-ghost" onClick={() => showChanges(s.id)}>{t().lifecycle.whatChanged}</button>
                        <Show when={changes()?.signatureId === s.id}><Changes changes={changes()!.changes} /></Show>
                      </div>
                    )}
                  </For>
                </Section>
              </Show>

              <Show when={l().status === 'in_force' || l().status === 'amended' || (reviews()?.length ?? 0) > 0}>
                <Section title={t().lifecycle.reviews}>
                  <ul class="review-list">
                    <For each={reviews()} fallback={<li class="empty">{t().lifecycle.noReviews}</li>}>
                      {(r) => (
                        <li><details><summary><strong>{t().lifecycle.reviewKinds[r.kind]}</strong> {formatDate(r.reviewDate)} ({formatDate(r.from)} – {formatDate(r.to)}) · {r.createdByName}</summary>
                          <pre class="review-report">{r.report}</pre></details></li>
                      )}
                    </For>
                  </ul>
                  <Show when={l().rights.review}>
                    <form class="review-form" onSubmit={submitReview}>
                      <label>{t().lifecycle.reviewKinds.preliminary} / {t().lifecycle.reviewKinds.final}
                        <select name="kind"><option value="preliminary">{t().lifecycle.reviewKinds.preliminary}</option><option value="final">{t().lifecycle.reviewKinds.final}</option></select>
                      </label>
                      <label>{t().lifecycle.reviewDate}<DateInput name="reviewDate" required value={localDate()} /></label>
                      <label>{t().lifecycle.from}<DateInput name="from" required value={l().effectiveDate ?? localDate()} /></label>
                      <label>{t().lifecycle.to}<DateInput name="to" required value={localDate()} /></label>
                      <button class="button button-small" type="button" onClick={(e) => prefill(e.currentTarget.form!)}>{t().lifecycle.prefill}</button>
                      <label class="review-text">{t().lifecycle.report}<textarea rows={10} value={report()} onInput={(e) => setReport(e.currentTarget.value)} required /></label>
                      <button class="button button-small button-primary" type="submit">{t().lifecycle.saveReview}</button>
                    </form>
                  </Show>
                </Section>
              </Show>

              <Section title={t().lifecycle.history}>
                <Show when={l().amendsAgreementId}><p class="small">{t().lifecycle.amends}: <A href={`/agreements/${l().amendsAgreementId}`}>{history()?.chain.find((a) => a.id === l().amendsAgreementId)?.title ?? '…'}</A></p></Show>
                <Show when={l().amendment}>{(a) => <p class="small">{t().lifecycle.amendedBy}: <A href={`/agreements/${a().id}`}>{a().title}</A> ({t().agreementStatus[a().status as AgreementStatus]})</p>}</Show>
                <Show when={l().rights.amend}><button class="button button-small" onClick={amend}>{t().lifecycle.amend}</button></Show>
                <ol class="history-chain">
                  <For each={history()?.chain}>
                    {(a) => (
                      <li classList={{ current: a.id === props.agreementId }}>
                        <A href={`/agreements/${a.id}`}>{a.title}</A> <span class="badge">{t().agreementStatus[a.status]}</span>
                        <ul class="plain small">
                          <For each={a.versions}>{(v) => <li>{v.name} · {formatDateTime(v.createdAt)} · <a href={`/export/agreements/${a.id}.docx?version=${v.id}`} download="">DOCX</a></li>}</For>
                        </ul>
                      </li>
                    )}
                  </For>
                </ol>
                <ul class="plain small lifecycle-events">
                  <For each={history()?.events}>
                    {(e) => <li>{formatDateTime(e.at)} · {t().lifecycle.events[e.action as keyof ReturnType<typeof t>['lifecycle']['events']] ?? e.action}
                      {typeof e.summary.to === 'string' ? ` → ${t().agreementStatus[e.summary.to as AgreementStatus]}` : ''} · {e.userName} ({e.agencyShortName})</li>}
                  </For>
                </ul>
              </Section>
            </div>
          </>
        )}
      </Show>
    </section>
  );
}
