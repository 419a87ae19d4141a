import { Show, type JSX, type ParentProps } from 'solid-js';
import { useI18n } from '../lib/i18n.tsx';
import { issuesText as describeIssues, type Issue } from '../../shared/validation.ts';
import { controlMessageVi } from '../../shared/validation.ts';
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

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
let errorIds = 0;

/** Shows a control's message under it (inside its label or .field), marks it invalid and ties the message to it. */
export function showControlError(control: Control, message: string): void {
  const host = control.closest('.field, label') ?? control.parentElement;
  if (!host) return;
  let note = host.querySelector<HTMLElement>(':scope > .validity-error');
  if (!note) {
    note = document.createElement('span');
    note.className = 'field-error validity-error';
    note.id = `validity-error-${++errorIds}`;
    note.setAttribute('role', 'alert');
    host.append(note);
  }
  note.textContent = message;
  control.setAttribute('aria-invalid', 'true');
  control.setAttribute('aria-errormessage', note.id);
}

export function clearControlError(control: Control): void {
  const host = control.closest('.field, label') ?? control.parentElement;
  host?.querySelector(':scope > .validity-error')?.remove();
  control.removeAttribute('aria-invalid');
  control.removeAttribute('aria-errormessage');
}

/**
 * The browser still checks required/min/max/pattern, but never shows its own bubble (in its own language):
 * each invalid control gets a Vietnamese message under it and the first one gets the focus.
 * Controls marked data-own-validity (DateInput) set their own message.
 */
export function installFormMessages(): void {
  let focused = false;
  document.addEventListener('invalid', (event) => {
    const control = event.target as Control;
    event.preventDefault();
    if (!control.validity.customError) control.setCustomValidity(controlMessageVi(control.validity));
    showControlError(control, control.validationMessage);
    if (!focused) {
      focused = true;
      control.focus();
      queueMicrotask(() => { focused = false; });
    }
  }, true);
  const clear = (event: Event) => {
    const control = event.target as Control;
    if (!(control instanceof HTMLElement) || !('validity' in control) || control.dataset.ownValidity !== undefined) return;
    if (control.validity.customError) control.setCustomValidity('');
    if (control.validity.valid) clearControlError(control);
  };
  document.addEventListener('input', clear, true);
  document.addEventListener('change', clear, true);
}
