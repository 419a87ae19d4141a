import { Show, type JSX, type ParentProps } from 'solid-js';

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
