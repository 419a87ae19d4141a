import { createSignal, For, Show } from 'solid-js';
import { Dialog } from '../../components/Dialog.tsx';
import { fill, useI18n } from '../../lib/i18n.tsx';
import type { Outputs } from '../../lib/trpc.ts';
import { capacityProblem, signatureBlock, SIGNING_CAPACITIES, type SigningCapacity } from '../../../shared/signature-block.ts';

type Lifecycle = Outputs['agreements']['lifecycle'];

/**
 * Signing binds an agency: the dialog says exactly what is signed (title, version, parties, the
 * hash of the text), asks the capacity (preselected from the signer's position) and shows the
 * signature block it will print, in the form of Nghị định 30/2020.
 */
export function SignDialog(props: {
  open: boolean; onOpenChange: (open: boolean) => void; title: string; life: Lifecycle; agencyId: string;
  onSign: (capacity: SigningCapacity) => void;
}) {
  const { t } = useI18n();
  const party = () => props.life.parties.find((p) => p.id === props.agencyId)!;
  const signer = () => props.life.signer;
  const [capacity, setCapacity] = createSignal<SigningCapacity>(props.life.signer?.likelyCapacity ?? 'head');
  const problem = () => capacityProblem(party(), capacity(), signer()?.position ?? '');
  const preview = () => signatureBlock(party(), { capacity: capacity(), signerPosition: signer()?.position ?? '', signerName: signer()?.name ?? '' });
  const hash = () => props.life.signingHash ?? '';
  return (
    <Dialog open={props.open} onOpenChange={props.onOpenChange} title={fill(t().lifecycle.signConfirmTitle, { agency: party().shortName })}>
      <p>{fill(t().lifecycle.signConfirmBody, { title: props.title, agency: party().nameVi })}</p>
      <dl class="sign-facts" data-testid="sign-facts">
        <dt>{t().signing.whatIsSigned}</dt><dd>{props.title}</dd>
        <dt>{t().signing.version}</dt><dd>{props.life.signingVersionName ?? '—'}</dd>
        <dt>{t().signing.parties}</dt><dd>{props.life.parties.map((p) => p.shortName).join(', ')}</dd>
        <dt>{t().signing.shortHash}</dt>
        <dd><code class="hash" title={hash()} data-testid="short-hash">{hash().slice(0, 8)}…{hash().slice(-8)}</code>
          <details class="small"><summary>{t().signing.fullHash}</summary><code class="hash">{hash()}</code></details></dd>
        <dt>{t().signing.signer}</dt><dd>{signer()?.name}{signer()?.position ? ` – ${signer()!.position}` : ''}</dd>
      </dl>
      <label class="field"><span class="field-label">{t().signing.capacity}</span>
        <select data-testid="sign-capacity" value={capacity()} onChange={(e) => setCapacity(e.currentTarget.value as SigningCapacity)}>
          <For each={SIGNING_CAPACITIES.filter((c) => c !== 'collective' || signer()?.collective)}>
            {(c) => <option value={c}>{t().signing.capacities[c]}</option>}
          </For>
        </select>
      </label>
      <Show when={problem()} fallback={
        <figure class="sign-preview" aria-label={t().signing.preview}>
          <figcaption class="small muted">{t().signing.preview}</figcaption>
          <div data-testid="sign-preview"><For each={preview().lines}>{(line) => <p class="sig-title">{line}</p>}</For><p class="sig-name">{preview().name}</p></div>
        </figure>
      }>
        {(key) => <p class="callout callout-error" role="alert">{t().signing[key()]}</p>}
      </Show>
      <p class="small muted">{t().lifecycle.signConfirmNote}</p>
      <div class="form-actions">
        <button type="button" class="button button-ghost" onClick={() => props.onOpenChange(false)}>{t().common.cancel}</button>
        <button type="button" class="button button-primary" disabled={problem() !== null} onClick={() => props.onSign(capacity())}>
          {fill(t().lifecycle.signConfirm, { agency: party().shortName })}
        </button>
      </div>
    </Dialog>
  );
}
