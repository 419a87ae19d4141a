/** The editor's keyboard shortcuts, listed from the same table the keymap binds (opened with "?" or Ctrl+/). */
import { For, onMount, type JSX } from 'solid-js';
import { SHORTCUTS, shortcutText, type ShortcutName } from './keymap.ts';
import type { EditorLabels } from './labels.ts';

const LISTED: ShortcutName[] = [
  'chapter', 'article', 'articleBefore', 'clause', 'clauseBefore', 'point', 'pointBefore', 'paragraph',
  'indent', 'outdent', 'moveUp', 'moveDown', 'insertReference', 'undo', 'redo', 'help',
];

export function ShortcutHelp(props: { labels: EditorLabels; onClose: () => void }): JSX.Element {
  let closeButton!: HTMLButtonElement;
  onMount(() => closeButton.focus());
  const rows = () => [
    ...LISTED.map((name) => ({ what: props.labels[name as keyof EditorLabels], keys: shortcutText(name), aria: SHORTCUTS[name] })),
    { what: props.labels.helpEnter, keys: 'Enter', aria: 'Enter' },
    { what: props.labels.helpShiftEnter, keys: 'Shift+Enter', aria: 'Shift-Enter' },
  ];
  return (
    <section class="legal-help" role="dialog" aria-modal="false" aria-labelledby="legal-help-title"
      on:keydown={(event: KeyboardEvent) => { if (event.key === 'Escape') { event.preventDefault(); event.stopPropagation(); props.onClose(); } }}>
      <header class="legal-help__head">
        <h2 id="legal-help-title">{props.labels.helpTitle}</h2>
        <button ref={closeButton} type="button" class="legal-toolbar__button" onClick={() => props.onClose()}>{props.labels.close}</button>
      </header>
      <p class="legal-help__intro">{props.labels.helpIntro}</p>
      <table class="legal-help__table">
        <tbody>
          <For each={rows()}>{(row) => (
            <tr><th scope="row">{row.what}</th><td><kbd data-keys={row.aria}>{row.keys}</kbd></td></tr>
          )}</For>
        </tbody>
      </table>
    </section>
  );
}
