import { createAsync } from '@solidjs/router';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { fill, useI18n } from '../../lib/i18n.tsx';
import { getAgencies } from '../../lib/queries.ts';
import { getMe } from '../../lib/session.ts';
import type { Outputs } from '../../lib/trpc.ts';
import { Page } from '../../components/Page.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { formatDate } from '../../../shared/format.ts';
import { AgencyForm, RetireForm } from './AgencyForm.tsx';

type Agency = Outputs['agencies']['list'][number];

/** The directory as a tree under each top-level agency; merged and renamed agencies stay, marked, on request. */
export default function Agencies() {
  const { t, locale } = useI18n();
  const me = createAsync(() => getMe());
  const agencies = createAsync(() => getAgencies());
  const [showHistory, setShowHistory] = createSignal(false);
  const [editing, setEditing] = createSignal<Agency | 'new'>();
  const [retiring, setRetiring] = createSignal<Agency>();
  const isAdmin = () => me()?.roles.includes('admin') ?? false;

  const byId = createMemo(() => new Map((agencies() ?? []).map((a) => [a.id, a])));
  const visible = () => (agencies() ?? []).filter((a) => showHistory() || a.validTo === null);
  const childrenOf = (parentId: string) => visible().filter((a) => a.parentId === parentId);
  // A root has no parent, or a parent hidden because it no longer exists.
  const roots = () => visible().filter((a) => a.parentId === null || !visible().some((p) => p.id === a.parentId));
  const name = (a: Agency) => (locale() === 'en' ? a.nameEn : a.nameVi);

  const Node = (props: { agency: Agency; depth: number }) => (
    <>
      <li class="tree-item" classList={{ retired: props.agency.validTo !== null }} style={{ '--depth': props.depth }}>
        <div class="tree-main">
          <strong>{name(props.agency)}</strong>
          <span class="muted small">{props.agency.shortName} · {t().agencyKinds[props.agency.kind]} · {t().levels[props.agency.level]}</span>
          <Show when={props.agency.validTo} fallback={<span class="muted small">{t().agencies.validFrom} {formatDate(props.agency.validFrom)}</span>}>
            {(validTo) => (
              <span class="badge badge-muted">
                {fill(t().agencies.retiredOn, { date: formatDate(validTo()) })}
                <Show when={props.agency.successorId ? byId().get(props.agency.successorId) : undefined}>
                  {(successor) => <> · {fill(t().agencies.mergedInto, { name: successor().shortName })}</>}
                </Show>
              </span>
            )}
          </Show>
        </div>
        <Show when={isAdmin() && props.agency.validTo === null}>
          <div class="tree-actions">
            <button class="button button-small button-ghost" onClick={() => setEditing(props.agency)}>{t().common.edit}</button>
            <button class="button button-small button-ghost" onClick={() => setRetiring(props.agency)}>{t().agencies.retire}</button>
          </div>
        </Show>
      </li>
      <For each={childrenOf(props.agency.id)}>{(child) => <Node agency={child} depth={props.depth + 1} />}</For>
    </>
  );

  return (
    <Page title={t().agencies.title} subtitle={t().agencies.subtitle} actions={
      <Show when={isAdmin()}><button class="button button-primary" onClick={() => setEditing('new')}>{t().agencies.newAgency}</button></Show>
    }>
      <label class="checkbox">
        <input type="checkbox" checked={showHistory()} onChange={(e) => setShowHistory(e.currentTarget.checked)} />
        {t().agencies.showHistory}
      </label>
      <ul class="tree card">
        <For each={roots()}>
          {(agency) => <Node agency={agency} depth={0} />}
        </For>
      </ul>
      <Dialog open={editing() !== undefined} onOpenChange={(open) => !open && setEditing(undefined)}
        title={editing() === 'new' ? t().agencies.newAgency : t().agencies.editAgency}>
        <Show when={editing()} keyed>
          {(current) => <AgencyForm agency={current === 'new' ? undefined : current} agencies={agencies() ?? []} onDone={() => setEditing(undefined)} />}
        </Show>
      </Dialog>
      <Dialog open={retiring() !== undefined} onOpenChange={(open) => !open && setRetiring(undefined)} title={t().agencies.retire}>
        <Show when={retiring()} keyed>{(agency) => <RetireForm agency={agency} agencies={agencies() ?? []} onDone={() => setRetiring(undefined)} />}</Show>
      </Dialog>
    </Page>
  );
}
