/**
 * The live editor of a legal document: a ProseMirror view bound to the shared Y.Doc (text, undo,
 * remote cursors), numbering computed on every change, the toolbar above the page.
 */
import { createEffect, createSignal, on, onCleanup, onMount, Show, type JSX } from 'solid-js';
import { MAX_PASTE_CHARS } from '../../../shared/collab.ts';
import { EditorState, Selection, type Command } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { initProseMirrorDoc, yCursorPlugin, ySyncPlugin, yUndoPlugin, yUndoPluginKey } from 'y-prosemirror';
import { legalSchema } from '../../../shared/legal/schema.ts';
import { LEGAL_FRAGMENT } from '../../../shared/legal/ydoc.ts';
import type { Numbering, NumberedNode } from '../../../shared/legal/numbering.ts';
import { findUnit, unitAt } from './commands.ts';
import { nodeIdPlugin } from './ids.ts';
import { legalKeymap } from './keymap.ts';
import { numberingOf, numberingPlugin } from './numbering-plugin.ts';
import { presenceBuilders } from './presence.ts';
import { editorLabels, type EditorLabels } from './labels.ts';
import { Toolbar } from './Toolbar.tsx';
import { clipboardProps, handleStructuredPaste } from './clipboard.ts';
import { ShortcutHelp } from './ShortcutHelp.tsx';
import 'prosemirror-view/style/prosemirror.css';
import './editor.css';

/** Who this participant is, as the others see it next to their cursor. */
export interface PresenceUser {
  name: string;
  agencyShortName: string;
  /** #rrggbb; use `agencyColor(agencyId)` so that each agency has one colour. */
  color: string;
}

export interface LegalEditorHandle {
  /** Moves the cursor to a chapter, article, clause or point and scrolls it to the top; false if gone. */
  scrollTo(id: string): boolean;
  focus(): void;
  /** The ProseMirror view, for what this component does not cover (comments, snapshots). */
  readonly view: EditorView;
}

export interface LegalEditorProps {
  /** The shared document; the text is its XmlFragment `LEGAL_FRAGMENT`. Read once: key the component on it. */
  ydoc: Y.Doc;
  /** The provider's awareness: remote cursors come from it and this user's cursor goes to it. */
  awareness: Awareness;
  /** False for observers and signed agreements; the server drops their updates anyway. */
  editable: boolean;
  user: PresenceUser;
  /** Defaults to `editorLabels.vi`. */
  labels?: EditorLabels;
  /** After every change of the text, local or remote: the computed numbers (for `<Outline>`). */
  onNumbering?: (numbering: Numbering) => void;
  /** The innermost chapter, article, clause or point at the cursor, when it changes (comments, action items). */
  onCursor?: (unit: NumberedNode | null) => void;
  onReady?: (handle: LegalEditorHandle) => void;
  /** Why the text cannot be edited (shown instead of a bare "read only"). */
  readOnlyReason?: string;
  /** A paste or drop too large to be saved was refused before it was applied. */
  onTooLarge?: () => void;
}

const { cursorBuilder, selectionBuilder } = presenceBuilders('legal');

const prefersReducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

export function LegalEditor(props: LegalEditorProps): JSX.Element {
  const labels = () => props.labels ?? editorLabels.vi;
  // Not compared: the undo stack changes after a transaction, and the toolbar must see it.
  const [state, setState] = createSignal<EditorState | undefined>(undefined, { equals: false });
  let mount!: HTMLDivElement;
  let picker: HTMLSelectElement | undefined;
  let view: EditorView | undefined;
  const [helpOpen, setHelpOpen] = createSignal(false);
  const closeHelp = () => { setHelpOpen(false); view?.focus(); };

  const numbering = () => {
    const current = state();
    return current ? numberingOf(current) : { nodes: [], byId: new Map() };
  };

  function run(command: Command): void {
    if (!view) return;
    command(view.state, view.dispatch, view);
    view.focus();
  }

  function openReferencePicker(): void {
    if (!picker || picker.disabled) return;
    picker.focus();
    try { picker.showPicker(); } catch { /* not supported for <select> everywhere: focus is enough */ }
  }

  const refuseLarge = (size: number) => {
    if (size <= MAX_PASTE_CHARS) return false;
    props.onTooLarge?.();
    return true;
  };

  onMount(() => {
    const fragment = props.ydoc.getXmlFragment(LEGAL_FRAGMENT);
    // Start from the shared text rather than an empty page, so nothing flickers in on first render.
    const { doc, mapping } = initProseMirrorDoc(fragment, legalSchema);
    let lastNumbering: Numbering | undefined;
    let lastCursorId: string | null | undefined;

    const editorView = new EditorView(mount, {
      state: EditorState.create({
        schema: legalSchema,
        doc,
        plugins: [
          ySyncPlugin(fragment, { mapping }),
          yCursorPlugin(props.awareness, { cursorBuilder, selectionBuilder }),
          yUndoPlugin(),
          ...legalKeymap({ openReferencePicker, openHelp: () => setHelpOpen(true) }),
          nodeIdPlugin(),
          numberingPlugin({ brokenReference: labels().brokenReference }),
        ],
      }),
      editable: () => props.editable,
      handlePaste: (pasteView, event, slice) => refuseLarge(slice.content.size) || handleStructuredPaste(pasteView, event, slice),
      ...clipboardProps((): Numbering => (view ? numberingOf(view.state) : { nodes: [], byId: new Map() })),
      handleDrop: (_view, _event, slice) => refuseLarge(slice.content.size),
      attributes: { class: 'legal-document', 'aria-label': labels().documentLabel, spellcheck: 'false' },
      dispatchTransaction(tr) {
        const next = editorView.state.apply(tr);
        editorView.updateState(next);
        setState(next);
        report(next);
      },
    });
    view = editorView;

    function report(current: EditorState): void {
      const numbers = numberingOf(current);
      const renumbered = numbers !== lastNumbering;
      if (renumbered) {
        lastNumbering = numbers;
        props.onNumbering?.(numbers);
      }
      const unitId = (unitAt(current.selection.$from)?.node.attrs.id as string | null | undefined) ?? null;
      if (unitId !== lastCursorId || renumbered) {
        lastCursorId = unitId;
        props.onCursor?.(unitId ? numbers.byId.get(unitId) ?? null : null);
      }
    }

    setState(editorView.state);
    report(editorView.state);
    // Yjs fills the undo stack after the view has synced the transaction, so refresh the buttons then.
    const undoManager = yUndoPluginKey.getState(editorView.state)?.undoManager as Y.UndoManager | undefined;
    const refresh = () => setState(editorView.state);
    undoManager?.on('stack-item-added', refresh);
    undoManager?.on('stack-item-popped', refresh);
    props.onReady?.({
      view: editorView,
      focus: () => editorView.focus(),
      scrollTo(id) {
        const found = findUnit(editorView.state.doc, id);
        if (!found) return false;
        editorView.dispatch(editorView.state.tr.setSelection(Selection.near(editorView.state.doc.resolve(found.pos + 1))));
        const dom = editorView.nodeDOM(found.pos);
        if (dom instanceof HTMLElement) {
          // The unit's heading comes to rest below the sticky top bar and toolbar, not under them.
          const topbar = parseFloat(getComputedStyle(mount).getPropertyValue('--topbar-height')) || 56;
          const toolbar = mount.parentElement?.querySelector<HTMLElement>(':scope > .legal-toolbar');
          const covered = toolbar ? (parseFloat(getComputedStyle(toolbar).top) || topbar) + toolbar.offsetHeight : topbar;
          mount.style.setProperty('--legal-scroll-margin', `${Math.ceil(covered) + 8}px`);
          dom.scrollIntoView({ block: 'start', behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
        }
        return true;
      },
    });
    onCleanup(() => {
      undoManager?.off('stack-item-added', refresh);
      undoManager?.off('stack-item-popped', refresh);
      view = undefined;
      editorView.destroy();
    });
  });

  createEffect(() => {
    props.awareness.setLocalStateField('user', {
      name: props.user.name,
      agencyShortName: props.user.agencyShortName,
      color: props.user.color,
    });
  });

  // The view reads `editable` when it updates: an empty setProps makes it look again.
  createEffect(on(() => props.editable, () => view?.setProps({}), { defer: true }));

  return (
    <div class="legal-editor" classList={{ 'legal-editor--readonly': !props.editable }}>
      <Show when={props.editable} fallback={<p class="legal-editor__notice" role="status">{props.readOnlyReason ?? labels().readOnly}</p>}>
        <Toolbar
          state={state()}
          numbering={numbering()}
          labels={labels()}
          disabled={!props.editable}
          run={run}
          pickerRef={(el) => { picker = el; }}
          onHelp={() => (helpOpen() ? closeHelp() : setHelpOpen(true))}
          helpOpen={helpOpen()}
        />
        <Show when={helpOpen()}><ShortcutHelp labels={labels()} onClose={closeHelp} /></Show>
      </Show>
      <div class="legal-editor__page" ref={mount} />
    </div>
  );
}
