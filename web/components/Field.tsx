import { Show, type JSX, type ParentProps } from 'solid-js';
import { useI18n } from '../lib/i18n.tsx';
import { issuesText as describeIssues, type Issue } from '../../shared/validation.ts';
import type { Locale } from '../../shared/domain.ts';

/** A labelled form control with its error under it. */
export function Field(props: ParentProps<{ label: string; error?: string; hint?: JSX.Element }>) {
  return (
    <label class="field">
      <span class="field-label">{props.label}</span>
      {props.children}
      <Show when={props.hint}><span class="field-hint">{props.hint}</span></Show>
      <Show when={props.error}><span class="field-error" role="alert">{props.error}</span></Show>
    </label>
  );
}

export function FormError(props: { message: string | undefined }) {
  return <Show when={props.message}><p class="form-error" role="alert">{props.message}</p></Show>;
}

/** A schema's refusal as one line: "field: what is wrong; …", in Vietnamese unless told otherwise. */
export function issuesText(error: { issues: readonly Issue[] }, locale: Locale = 'vi'): string {
  return describeIssues(locale, error.issues);
}

/** Cancel and submit at the end of a form. */
export function FormActions(props: { onCancel: () => void; submitLabel?: string; danger?: boolean }) {
  const { t } = useI18n();
  return (
    <div class="form-actions">
      <button type="button" class="button button-ghost" onClick={() => props.onCancel()}>{t().common.cancel}</button>
      <button type="submit" class={`button ${props.danger ? 'button-danger' : 'button-primary'}`}>{props.submitLabel ?? t().common.save}</button>
    </div>
  );
}
