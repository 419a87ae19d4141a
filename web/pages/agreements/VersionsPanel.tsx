import { createAsync, revalidate } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { Awareness } from 'y-protocols/awareness';
import { prosemirrorJSONToYDoc } from 'y-prosemirror';
import { useI18n } from '../../lib/i18n.tsx';
import { getAgreementVersions } from '../../lib/queries.ts';
import { api, errorMessage } from '../../lib/trpc.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { FormError } from '../../components/Field.tsx';
import { LegalEditor, editorLabels } from '../../components/editor/index.ts';
import { legalSchema } from '../../../shared/legal/schema.ts';
import { LEGAL_FRAGMENT } from '../../../shared/legal/ydoc.ts';
import type { LegalNodeJSON } from '../../../shared/legal/numbering.ts';
import { formatDateTime } from '../../../shared/format.ts';

/** A saved version shown as the document it was, in the same editor, read-only. */
function VersionText(props: { content: LegalNodeJSON }) {
  const { locale } = useI18n();
  const ydoc = prosemirrorJSONToYDoc(legalSchema, props.content, LEGAL_FRAGMENT);
  return <LegalEditor ydoc={ydoc} awareness={new Awareness(ydoc)} editable={false} labels={editorLabels[locale()]}
    user={{ name: '', agencyShortName: '', color: '#1d3a6e' }} />;
}

type Compared = Awaited<ReturnType<typeof api.agreements.compare.query>>;

/** Additions and removals between two texts, block by block, each with who added or removed it. */
function Comparison(props: { compared: Compared }) {
  const { t } = useI18n();
  const authors = () => new Map(props.compared.authors.map((a) => [a.id, a]));
  const changed = () => props.compared.blocks.filter((b) => b.status !== 'same');
  const tag = (by: string | undefined, added: boolean) => {
    const author = by ? authors().get(by) : undefined;
    return author ? `${added ? t().agreementPage.addedBy : t().agreementPage.removedBy} ${author.name} (${author.agencyShortName})` : undefined;
  };
  return (
    <div class="comparison">
      <p class="muted small">{t().agreementPage.compareLegend}</p>
      <Show when={props.compared.authors.length > 0}>
        <ul class="diff-authors" aria-label={t().agreementPage.changesBy}>
          <For each={props.compared.authors}>
            {(author) => <li style={{ '--author-color': author.color }}><span class="diff-author-swatch" aria-hidden="true" />{author.name} · {author.agencyShortName}</li>}
          </For>
        </ul>
      </Show>
      <Show when={changed().length > 0} fallback={<p class="empty">{t().agreementPage.noDifferences}</p>}>
        <For each={props.compared.blocks}>
          {(block) => (
            <Show when={block.status !== 'same' || block.label}>
              <p class={`diff-block diff-${block.status} diff-kind-${block.kind}`}>
                <Show when={block.label}><strong class="diff-label">{block.label} </strong></Show>
                <For each={block.parts}>
                  {(part) => {
                    const who = tag(part.by, !!part.added);
                    const style = part.by ? { '--author-color': authors().get(part.by)?.color ?? 'currentColor' } : undefined;
                    const mark = part.added
                      ? <ins class={part.by ? 'by-author' : undefined} style={style} title={who}>{part.value}</ins>
                      : part.removed ? <del class={part.by ? 'by-author' : undefined} style={style} title={who}>{part.value}</del> : <span>{part.value}</span>;
                    return <>{mark}<Show when={who}><span class="diff-author" style={style}>{who}</span></Show></>;
                  }}
                </For>
              </p>
            </Show>
          )}
        </For>
      </Show>
    </div>
  );
}

/** Versions: save the text under a name, open one, compare two (or one with the current text), restore. */
export function VersionsPanel(props: { agreementId: string; canSave: boolean; canRestore: boolean }) {
  const { t } = useI18n();
  const versions = createAsync(() => getAgreementVersions(props.agreementId));
  const [error, setError] = createSignal<string>();
  const [viewing, setViewing] = createSignal<string>();
  const [comparing, setComparing] = createSignal<{ older: string; newer: string | 'current' }>();
  const [selected, setSelected] = createSignal<string[]>([]);

  const load = (versionId: string) => api.agreements.version.query({ agreementId: props.agreementId, versionId });
  const [viewed] = createResource(viewing, load);
  const [compared] = createResource(comparing, ({ older, newer }) =>
    api.agreements.compare.query({ agreementId: props.agreementId, versionId: older, otherId: newer === 'current' ? null : newer }));

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    setError(undefined);
    try {
      await api.agreements.saveVersion.mutate({ agreementId: props.agreementId, name: String(new FormData(form).get('name') ?? '') });
      form.reset();
      await revalidate(getAgreementVersions.keyFor(props.agreementId));
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const restore = async (versionId: string, name: string) => {
    if (!confirm(`${t().agreementPage.restoreConfirm} "${name}"?`)) return;
    setError(undefined);
    try {
      await api.agreements.restoreVersion.mutate({ agreementId: props.agreementId, versionId });
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const toggle = (id: string, on: boolean) => setSelected(on ? [...selected().filter((s) => s !== id), id].slice(-2) : selected().filter((s) => s !== id));
  const compareSelected = () => {
    const chosen = (versions() ?? []).filter((v) => selected().includes(v.id)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    if (chosen.length === 2) setComparing({ older: chosen[0].id, newer: chosen[1].id });
  };

  return (
    <section class="versions" aria-label={t().agreementPage.versions}>
      <Show when={props.canSave}>
        <form class="version-save" onSubmit={save}>
          <input name="name" required maxLength={120} placeholder={t().agreementPage.versionName} aria-label={t().agreementPage.versionName} />
          <button class="button button-small button-primary" type="submit">{t().agreementPage.saveVersion}</button>
        </form>
      </Show>
      <FormError message={error()} />
      <button class="button button-small button-ghost" disabled={selected().length !== 2} onClick={compareSelected}>{t().agreementPage.compareTwo}</button>
      <ul class="version-list">
        <For each={versions()} fallback={<li class="empty">{t().agreementPage.noVersions}</li>}>
          {(version) => (
            <li class="version-item">
              <label class="checkbox">
                <input type="checkbox" checked={selected().includes(version.id)} onChange={(e) => toggle(version.id, e.currentTarget.checked)}
                  aria-label={`${t().agreementPage.select} ${version.name}`} />
                <span><strong>{version.name}</strong><br /><span class="muted small">{version.createdByName} · {formatDateTime(version.createdAt)}</span></span>
              </label>
              <div class="version-actions">
                <button class="button button-small button-ghost" onClick={() => setViewing(version.id)}>{t().agreementPage.open}</button>
                <button class="button button-small button-ghost" onClick={() => setComparing({ older: version.id, newer: 'current' })}>{t().agreementPage.compareCurrent}</button>
                <Show when={props.canRestore}>
                  <button class="button button-small button-ghost" onClick={() => restore(version.id, version.name)}>{t().agreementPage.restore}</button>
                </Show>
              </div>
            </li>
          )}
        </For>
      </ul>
      <Dialog open={viewing() !== undefined} onOpenChange={(open) => !open && setViewing(undefined)} title={viewed()?.name ?? ''}>
        <Show when={viewed()} keyed>{(version) => <div class="dialog-wide"><VersionText content={version.content} /></div>}</Show>
      </Dialog>
      <Dialog open={comparing() !== undefined} onOpenChange={(open) => !open && setComparing(undefined)} title={t().agreementPage.comparison}>
        <Show when={!compared.error} fallback={<FormError message={errorMessage(compared.error)} />}>
          <Show when={!compared.loading && compared()} keyed fallback={<p class="muted small">{t().common.loading}</p>}>{(result) => <Comparison compared={result} />}</Show>
        </Show>
      </Dialog>
    </section>
  );
}
