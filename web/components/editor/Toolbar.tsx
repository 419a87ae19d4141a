/**
 * The editing toolbar: structural inserts, indent/outdent, moves, undo/redo and the cross-reference
 * picker. A button is greyed out where its command does not apply at the cursor.
 */
import { For, Index, Show, createMemo, createSignal, type JSX } from 'solid-js';
import type { Command, EditorState } from 'prosemirror-state';
import { redoCommand, undoCommand } from 'y-prosemirror';
import { referenceLabel, type Numbering } from '../../../shared/legal/numbering.ts';
import {
  indentClause, insertArticle, insertArticleBefore, insertChapter, insertClause, insertClauseBefore, insertParagraph,
  insertPoint, insertPointBefore, insertReference, moveUnit, outdentPoint,
} from './commands.ts';
import { SHORTCUTS, shortcutText, type ShortcutName } from './keymap.ts';
import type { EditorLabels } from './labels.ts';

export interface ToolbarProps {
  state: EditorState | undefined;
  numbering: Numbering;
  labels: EditorLabels;
  disabled: boolean;
  run: (command: Command) => void;
  /** Receives the reference picker, so that the shortcut can open it. */
  pickerRef?: (select: HTMLSelectElement) => void;
  /** Opens the list of shortcuts. */
  onHelp?: () => void;
  helpOpen?: boolean;
}

const moveUp = moveUnit(-1);
const moveDown = moveUnit(1);

const GROUPS: { name: ShortcutName; command: Command; text?: string }[][] = [
  [
    { name: 'chapter', command: insertChapter },
    { name: 'articleBefore', command: insertArticleBefore, text: '↥ Điều' },
    { name: 'article', command: insertArticle },
    { name: 'clauseBefore', command: insertClauseBefore, text: '↥ Khoản' },
    { name: 'clause', command: insertClause },
    { name: 'pointBefore', command: insertPointBefore, text: '↥ Điểm' },
    { name: 'point', command: insertPoint },
    { name: 'paragraph', command: insertParagraph },
  ],
  [
    { name: 'indent', command: indentClause, text: '→' },
    { name: 'outdent', command: outdentPoint, text: '←' },
    { name: 'moveUp', command: moveUp, text: '↑' },
    { name: 'moveDown', command: moveDown, text: '↓' },
  ],
  [
    { name: 'undo', command: undoCommand as Command, text: '↶' },
    { name: 'redo', command: redoCommand as Command, text: '↷' },
  ],
];

const snippet = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

interface ReferenceTargets { chapters: { id: string; label: string }[]; articles: { label: string; options: { id: string; label: string }[] }[] }
const NO_TARGETS: ReferenceTargets = { chapters: [], articles: [] };

/** Every chapter, and every article with its clauses and points, in one pass over the numbering. */
function referenceTargets(numbering: Numbering, untitled: string): ReferenceTargets {
  const chapters: ReferenceTargets['chapters'] = [];
  const articles: ReferenceTargets['articles'] = [];
  const byArticle = new Map<string, { id: string; label: string }[]>();
  for (const n of numbering.nodes) {
    if (n.kind === 'chapter') {
      chapters.push({ id: n.id, label: `Chương ${n.number}${n.text ? ` – ${snippet(n.text)}` : ''}` });
      continue;
    }
    const options = n.kind === 'article' ? [] : n.articleId ? byArticle.get(n.articleId) : undefined;
    if (!options) continue;
    options.push({ id: n.id, label: `${referenceLabel(numbering, n.id)}${n.kind === 'article' ? '' : ` – ${snippet(n.text)}`}` });
    if (n.kind === 'article') {
      byArticle.set(n.id, options);
      articles.push({ label: `Điều ${n.number}. ${snippet(n.text || untitled)}`, options });
    }
  }
  return { chapters, articles };
}

export function Toolbar(props: ToolbarProps): JSX.Element {
  const can = (command: Command) => !props.disabled && props.state !== undefined && command(props.state);

  // Targets grouped by article, each option labelled as the reference will read. Built only while
  // the picker is in use: a 200-article text has some 1 400 targets, and building them (and their
  // <option>s) at every change of the numbering cost the page's first render and every keystroke.
  const [picking, setPicking] = createSignal(false);
  const targets = createMemo(() => (picking() ? referenceTargets(props.numbering, props.labels.untitled) : NO_TARGETS));
  const startPicking = () => setPicking(true);

  const pick: JSX.EventHandler<HTMLSelectElement, Event> = (event) => {
    const id = event.currentTarget.value;
    event.currentTarget.value = '';
    if (id) props.run(insertReference(id));
  };

  return (
    <div class="legal-toolbar" role="toolbar" aria-label={props.labels.toolbarLabel}>
      <For each={GROUPS}>{(group) => (
        <div class="legal-toolbar__group">
          <For each={group}>{(item) => {
            const label = () => props.labels[item.name as keyof EditorLabels];
            return (
              <button
                type="button"
                class="legal-toolbar__button"
                disabled={!can(item.command)}
                title={`${label()} (${shortcutText(item.name)})`}
                aria-label={item.text ? label() : undefined}
                aria-keyshortcuts={SHORTCUTS[item.name].replace('Mod', 'Control')}
                // Keep the editor's focus and selection: the command acts on them.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => props.run(item.command)}
              >{item.text ?? label()}</button>
            );
          }}</For>
        </div>
      )}</For>
      <select
        class="legal-toolbar__reference"
        ref={(el) => props.pickerRef?.(el)}
        aria-label={props.labels.insertReference}
        title={`${props.labels.insertReference} (${shortcutText('insertReference')})`}
        disabled={!can(insertReference('probe'))}
        onChange={pick}
        onFocus={startPicking}
        onPointerEnter={startPicking}
        onPointerDown={startPicking}
        onBlur={() => setPicking(false)}
      >
        <option value="">{props.labels.insertReference}…</option>
        <optgroup label={props.labels.chapters}>
          <Index each={targets().chapters}>{(option) => <option value={option().id}>{option().label}</option>}</Index>
        </optgroup>
        <Index each={targets().articles}>{(group) => (
          <optgroup label={group().label}>
            <Index each={group().options}>{(option) => <option value={option().id}>{option().label}</option>}</Index>
          </optgroup>
        )}</Index>
      </select>
      <Show when={props.onHelp}><button type="button" class="legal-toolbar__button legal-toolbar__help" aria-label={props.labels.help}
        title={`${props.labels.help} (${shortcutText('help')})`} aria-keyshortcuts="Control+/" aria-expanded={props.helpOpen ?? false}
        onClick={() => props.onHelp?.()}>?</button></Show>
    </div>
  );
}
