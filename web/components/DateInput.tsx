import { createEffect, createSignal, For, on, onCleanup, onMount, Show } from 'solid-js';
import { fill, useI18n } from '../lib/i18n.tsx';
import { localDate } from '../../shared/format.ts';
import { clearControlError, showControlError } from './Field.tsx';
import { dateProblem, isoToText, maskDateText, monthGrid, parseDateText, type DateProblem } from './date-text.ts';

export interface DateInputProps {
  /** Form field name: a hidden input of that name carries the ISO value (yyyy-mm-dd, or '' when empty or invalid). */
  name?: string;
  /** ISO yyyy-mm-dd. */
  value?: string | null;
  /** Called with the ISO date each time the typed text is a valid date, and with '' when it is emptied. */
  onChange?: (iso: string) => void;
  required?: boolean;
  min?: string;
  max?: string;
  /** Accessible name when the input is not inside a <label>. */
  label?: string;
  id?: string;
  disabled?: boolean;
}

/**
 * A date typed as dd/mm/yyyy (the browser's date input shows its own locale's order), with a calendar to pick from.
 * Invalid text gets a Vietnamese message under the field and stops the form from submitting.
 */
export function DateInput(props: DateInputProps) {
  const { t } = useI18n();
  const [text, setText] = createSignal(isoToText(props.value));
  const [open, setOpen] = createSignal(false);
  const parsedIso = () => { const parsed = parseDateText(text()); return parsed.kind === 'date' ? parsed.iso : ''; };
  let input!: HTMLInputElement;
  let toggle!: HTMLButtonElement;
  let popup: HTMLDivElement | undefined;

  const message = (problem: DateProblem): string => {
    const words = t().dateInput;
    switch (problem) {
      case 'required': return words.required;
      case 'format': return words.format;
      case 'calendar': return words.notADay;
      case 'min': return fill(words.min, { date: isoToText(props.min) });
      case 'max': return fill(words.max, { date: isoToText(props.max) });
    }
  };
  const validate = (): DateProblem | null => {
    const problem = dateProblem(text(), { required: props.required, min: props.min, max: props.max });
    input.setCustomValidity(problem ? message(problem) : '');
    if (!problem) clearControlError(input);
    return problem;
  };
  const commit = (next: string) => {
    setText(next);
    if (input.value !== next) input.value = next;
    const problem = validate();
    const parsed = parseDateText(next);
    if (parsed.kind === 'empty') props.onChange?.('');
    else if (parsed.kind === 'date' && problem === null) props.onChange?.(parsed.iso);
  };

  createEffect(on(() => props.value, (value) => {
    if ((value ?? '') !== parsedIso()) { setText(isoToText(value)); input.value = text(); }
    validate();
  }, { defer: true }));
  createEffect(on(() => [props.min, props.max, props.required], () => validate(), { defer: true }));

  onMount(() => {
    validate();
    // Forms marked novalidate skip the browser's check: the date still stops a submit it does not allow.
    const form = input.form;
    if (!form) return;
    const guard = (event: SubmitEvent) => {
      if (!form.noValidate || input.checkValidity()) return;
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    form.addEventListener('submit', guard, true);
    onCleanup(() => form.removeEventListener('submit', guard, true));
  });

  // The calendar.
  const today = localDate();
  const [view, setView] = createSignal({ year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) });
  const openCalendar = () => {
    const start = parsedIso() || today;
    setView({ year: Number(start.slice(0, 4)), month: Number(start.slice(5, 7)) });
    setOpen(true);
    queueMicrotask(() => (popup?.querySelector<HTMLButtonElement>('button[aria-pressed="true"]')
      ?? popup?.querySelector<HTMLButtonElement>('button[data-today]')
      ?? popup?.querySelector<HTMLButtonElement>('.date-input__day:not(:disabled)'))?.focus());
  };
  const close = (refocus: boolean) => { setOpen(false); if (refocus) toggle.focus(); };
  const shift = (months: number) => setView((v) => {
    const index = v.year * 12 + (v.month - 1) + months;
    return { year: Math.floor(index / 12), month: (index % 12) + 1 };
  });
  const pick = (iso: string) => { commit(isoToText(iso)); close(false); input.focus(); };
  const outOfRange = (iso: string) => (props.min !== undefined && iso < props.min) || (props.max !== undefined && iso > props.max);
  const onPopupKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') { event.preventDefault(); event.stopPropagation(); close(true); return; }
    const moves: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
    const day = (event.target as HTMLElement).dataset.iso;
    if (!day || !(event.key in moves)) return;
    event.preventDefault();
    const next = new Date(`${day}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + moves[event.key]);
    const iso = next.toISOString().slice(0, 10);
    setView({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1 });
    queueMicrotask(() => popup?.querySelector<HTMLButtonElement>(`button[data-iso="${iso}"]`)?.focus());
  };
  const onOutside = (event: PointerEvent) => {
    if (open() && popup && !popup.contains(event.target as Node) && !toggle.contains(event.target as Node)) close(false);
  };
  document.addEventListener('pointerdown', onOutside);
  onCleanup(() => document.removeEventListener('pointerdown', onOutside));

  return (
    <span class="date-input">
      <input ref={input} id={props.id} type="text" inputmode="numeric" autocomplete="off" data-own-validity=""
        placeholder={t().dateInput.placeholder} maxLength={10} size={10} value={text()} disabled={props.disabled}
        aria-label={props.label} aria-required={props.required ? 'true' : undefined}
        onInput={(event) => {
          const el = event.currentTarget;
          const atEnd = el.selectionStart === el.value.length;
          const inserting = (event as InputEvent).inputType?.startsWith('insert') ?? true;
          commit(inserting && atEnd ? maskDateText(el.value) : el.value);
        }}
        onBlur={() => {
          const parsed = parseDateText(text());
          if (parsed.kind === 'date') commit(isoToText(parsed.iso));
          const problem = validate();
          if (problem && problem !== 'required') showControlError(input, input.validationMessage);
        }} />
      <Show when={props.name}><input type="hidden" name={props.name} value={parsedIso()} /></Show>
      <button ref={toggle} type="button" class="date-input__toggle" aria-label={t().dateInput.calendar} aria-expanded={open()}
        aria-haspopup="dialog" disabled={props.disabled} onClick={() => (open() ? close(false) : openCalendar())}>
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true"><path fill="currentColor" d="M4 1h1.5v1.5h5V1H12v1.5h2.5v12h-13v-12H4zM3 6v7h10V6z" /></svg>
      </button>
      <Show when={open()}>
        <div ref={popup} class="date-input__popup" role="dialog" aria-label={t().dateInput.calendarTitle} on:keydown={onPopupKey}>
          <div class="date-input__head">
            <button type="button" class="icon-button" aria-label={t().dateInput.previousMonth} onClick={() => shift(-1)}>‹</button>
            <span aria-live="polite">{fill(t().dateInput.month, { month: view().month, year: view().year })}</span>
            <button type="button" class="icon-button" aria-label={t().dateInput.nextMonth} onClick={() => shift(1)}>›</button>
          </div>
          <table class="date-input__grid" role="presentation">
            <thead><tr><For each={t().dateInput.weekdays.split(',')}>{(d) => <th scope="col">{d}</th>}</For></tr></thead>
            <tbody>
              <For each={monthGrid(view().year, view().month)}>
                {(week) => (
                  <tr>
                    <For each={week}>
                      {(day) => (
                        <td>
                          <Show when={day}>
                            {(iso) => (
                              <button type="button" class="date-input__day" data-iso={iso()} data-today={iso() === today ? '' : undefined}
                                aria-label={isoToText(iso())} aria-pressed={iso() === parsedIso()} disabled={outOfRange(iso())}
                                onClick={() => pick(iso())}>{Number(iso().slice(8))}</button>
                            )}
                          </Show>
                        </td>
                      )}
                    </For>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
          <button type="button" class="button button-small button-ghost" disabled={outOfRange(today)} onClick={() => pick(today)}>{t().dateInput.today}</button>
        </div>
      </Show>
    </span>
  );
}
