/**
 * The live minutes (biên bản) of a meeting: a ProseMirror view on `minutesSchema` bound to the Y.Doc
 * `minutes:<meetingId>` with y-prosemirror (text, remote cursors by agency colour, shared undo).
 * Writable only for those the server lets write, and only once the text has arrived, so that
 * nothing typed before the first sync can duplicate the template.
 */
import { createEffect, createSignal, For, on, onCleanup, Show, type JSX } from 'solid-js';
import { CLOSE, MAX_PASTE_CHARS } from '../../../shared/collab.ts';
import { EditorState, type Command, TextSelection } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { keymap } from 'prosemirror-keymap';
import { baseKeymap, setBlockType, toggleMark } from 'prosemirror-commands';
import type { MarkType } from 'prosemirror-model';
import { initProseMirrorDoc, redoCommand, undoCommand, yCursorPlugin, ySyncPlugin, yUndoPlugin, yUndoPluginKey } from 'y-prosemirror';
import type * as Y from 'yjs';
import { useI18n } from '../../lib/i18n.tsx';
import { openLiveDocument, type LiveStatus } from '../../lib/collab.ts';
import { presenceBuilders } from '../editor/presence.ts';
import { MINUTES_FRAGMENT, minutesSchema } from '../../../shared/minutes.ts';
import 'prosemirror-view/style/prosemirror.css';
import './minutes.css';

export interface MinutesUser { name: string; agencyShortName: string; color: string }

export interface MinutesEditorProps {
  meetingId: string;
  /** `canEditMinutes` from the server; read once more whenever it changes. */
  editable: boolean;
  user: MinutesUser;
  /** The server closed the connection because this user's rights changed: re-read the meeting. */
  onAccessChanged?: () => void;
}

const { cursorBuilder, selectionBuilder } = presenceBuilders('minutes');

/** Enter at the end of a heading starts the discussion under it: a paragraph, not another heading. */
const paragraphAfterHeading: Command = (state, dispatch) => {
  const { $from, empty } = state.selection;
  if (!empty || $from.parent.type !== minutesSchema.nodes.heading || $from.parentOffset !== $from.parent.content.size) return false;
  if (dispatch) {
    const at = $from.after();
    const tr = state.tr.insert(at, minutesSchema.nodes.paragraph.create());
    dispatch(tr.setSelection(TextSelection.create(tr.doc, at + 1)).scrollIntoView());
  }
  return true;
};

const undo = undoCommand as Command;
const redo = redoCommand as Command;
const strong = minutesSchema.marks.strong;
const em = minutesSchema.marks.em;

function markActive(state: EditorState, type: MarkType): boolean {
  const { from, $from, to, empty } = state.selection;
  return empty ? Boolean(type.isInSet(state.storedMarks ?? $from.marks())) : state.doc.rangeHasMark(from, to, type);
}

export function MinutesEditor(props: MinutesEditorProps): JSX.Element {
  const { t } = useI18n();
  const live = openLiveDocument('minutes', props.meetingId, () => props.onAccessChanged?.());
  const [state, setState] = createSignal<EditorState | undefined>(undefined, { equals: false });
  const [tooLarge, setTooLarge] = createSignal(false);
  const refuseLarge = (size: number) => {
    setTooLarge(size > MAX_PASTE_CHARS);
    return size > MAX_PASTE_CHARS;
  };
  let mount!: HTMLDivElement;
  let view: EditorView | undefined;

  // Offline after a first sync: keep writing, the Y.Doc keeps the edits and merges them on reconnect.
  const writable = () => props.editable && live.synced() && (live.status() === 'synced' || live.status() === 'offline');

  // The view is made from the synced text, never from an empty document: y-prosemirror would
  // otherwise write the empty page's required paragraph back and fight the text arriving.
  createEffect(on(live.synced, (synced) => {
    if (!synced || view) return;
    const fragment = live.ydoc.getXmlFragment(MINUTES_FRAGMENT);
    const { doc, mapping } = initProseMirrorDoc(fragment, minutesSchema);
    const editorView = new EditorView(mount, {
      state: EditorState.create({
        schema: minutesSchema,
        doc,
        plugins: [
          ySyncPlugin(fragment, { mapping }),
          yCursorPlugin(live.provider.awareness, { cursorBuilder, selectionBuilder }),
          yUndoPlugin(),
          keymap({
            'Mod-z': undo, 'Mod-y': redo, 'Mod-Shift-z': redo,
            'Mod-b': toggleMark(strong), 'Mod-i': toggleMark(em),
            'Mod-Alt-1': setBlockType(minutesSchema.nodes.heading), 'Mod-Alt-0': setBlockType(minutesSchema.nodes.paragraph),
            Enter: paragraphAfterHeading,
          }),
          keymap(baseKeymap),
        ],
      }),
      editable: () => writable(),
      // A paste too large to be saved is refused before it is applied, with a message about its size.
      handlePaste: (_view, _event, slice) => refuseLarge(slice.content.size),
      handleDrop: (_view, _event, slice) => refuseLarge(slice.content.size),
      attributes: { class: 'minutes-document', 'aria-label': t().minutes.label, 'aria-multiline': 'true', role: 'textbox', spellcheck: 'false' },
      dispatchTransaction(tr) {
        const next = editorView.state.apply(tr);
        editorView.updateState(next);
        setState(next);
      },
    });
    view = editorView;
    setState(editorView.state);
    const undoManager = yUndoPluginKey.getState(editorView.state)?.undoManager as Y.UndoManager | undefined;
    const refresh = () => setState(editorView.state);
    undoManager?.on('stack-item-added', refresh);
    undoManager?.on('stack-item-popped', refresh);
    onCleanup(() => {
      undoManager?.off('stack-item-added', refresh);
      undoManager?.off('stack-item-popped', refresh);
      view = undefined;
      editorView.destroy();
    });
  }));
  // After the view (cleanups run in reverse order): the binding lets go of the type before the doc goes.
  onCleanup(() => live.destroy());

  createEffect(() => {
    live.provider.awareness.setLocalStateField('user', { name: props.user.name, agencyShortName: props.user.agencyShortName, color: props.user.color });
  });
  // The view reads `editable` when it updates: an empty setProps makes it look again.
  createEffect(on(writable, () => view?.setProps({}), { defer: true }));

  function run(command: Command): void {
    if (!view) return;
    command(view.state, view.dispatch, view);
    view.focus();
  }
  const can = (command: Command) => {
    const current = state();
    return Boolean(current && writable() && command(current));
  };
  const statusText = (status: LiveStatus) => t().minutes[status];
  const tools = () => [
    { label: t().minutes.bold, key: 'Ctrl+B', command: toggleMark(strong), pressed: state() ? markActive(state()!, strong) : false, class: 'tool-bold' },
    { label: t().minutes.italic, key: 'Ctrl+I', command: toggleMark(em), pressed: state() ? markActive(state()!, em) : false, class: 'tool-italic' },
    { label: t().minutes.heading, key: 'Ctrl+Alt+1', command: setBlockType(minutesSchema.nodes.heading), pressed: state()?.selection.$from.parent.type === minutesSchema.nodes.heading, class: '' },
    { label: t().minutes.paragraph, key: 'Ctrl+Alt+0', command: setBlockType(minutesSchema.nodes.paragraph), pressed: state()?.selection.$from.parent.type === minutesSchema.nodes.paragraph, class: '' },
    { label: t().minutes.undo, key: 'Ctrl+Z', command: undo, pressed: undefined, class: '' },
    { label: t().minutes.redo, key: 'Ctrl+Y', command: redo, pressed: undefined, class: '' },
  ];

  return (
    <div class="minutes-editor" classList={{ 'minutes-editor--readonly': !writable() }}>
      <div class="minutes-bar">
        <Show when={props.editable}>
          <div class="minutes-toolbar" role="toolbar" aria-label={t().minutes.toolbar}>
            <For each={tools()}>
              {(tool) => (
                <button type="button" class={`minutes-tool ${tool.class}`} title={`${tool.label} (${tool.key})`} aria-keyshortcuts={tool.key.replace(/\+/g, '+')}
                  aria-pressed={tool.pressed === undefined ? undefined : tool.pressed} disabled={!can(tool.command)}
                  onMouseDown={(e) => e.preventDefault()} onClick={() => run(tool.command)}>{tool.label}</button>
              )}
            </For>
          </div>
        </Show>
        <span class={`live-status live-${live.status()}`} role="status">{statusText(live.status())}</span>
      </div>
      <Show when={!props.editable}><p class="minutes-notice">{t().minutes.readOnly}</p></Show>
      <Show when={tooLarge() || live.refusal() === CLOSE.tooLarge}><p class="callout callout-error" role="alert">{t().live.tooLarge}</p></Show>
      <div class="minutes-page" ref={mount} />
    </div>
  );
}
