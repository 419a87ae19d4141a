/**
 * Track changes in the editor. Two pieces:
 * - `trackChangesPlugin`, added to the live view: each visible suggestion drawn inline in its
 *   agency's colour (the range it replaces struck through, the proposed content after it), with
 *   accept / reject buttons for the lead and an "outdated" mark when the range's text changed.
 * - `SuggestionEditor`: suggestion mode, an editor over a copy of the text; what the user changes
 *   there is never sent to the shared document: its contiguous changes (`changesBetween`) become
 *   suggestions, drawn as they are typed.
 */
import { createSignal, onCleanup, onMount, type JSX } from 'solid-js';
import { DOMSerializer, type Fragment, type Node as PMNode } from 'prosemirror-model';
import { EditorState, Plugin, PluginKey, type Command } from 'prosemirror-state';
import { Decoration, DecorationSet, EditorView } from 'prosemirror-view';
import type * as Y from 'yjs';
import { ySyncPluginKey } from 'y-prosemirror';
import { legalSchema } from '../../../shared/legal/schema.ts';
import { baseOf, changesBetween, resolveSuggestionRange, sliceFromJSON, type TextChange } from '../../../shared/legal/suggestions.ts';
import { agencyColor } from '../../../shared/agency-colors.ts';
import { nodeIdPlugin } from './ids.ts';
import { legalKeymap } from './keymap.ts';
import { numberingOf, numberingPlugin } from './numbering-plugin.ts';
import { Toolbar } from './Toolbar.tsx';
import type { EditorLabels } from './labels.ts';
import './suggestions.css';

/** A suggestion as the live view draws it. */
export interface ShownSuggestion {
  id: string; agencyId: string; agencyShortName: string; authorName: string;
  anchorStart: string; anchorEnd: string; content: string; base: string; released: boolean;
}

export interface TrackChangesLabels { accept: string; reject: string; outdated: string; internal: string; by: string }

interface TrackState { list: ShownSuggestion[]; canDecide: boolean }
export const trackChangesKey = new PluginKey<TrackState>('trackChanges');

type Binding = { type: Y.XmlFragment; doc: Y.Doc; mapping: Map<unknown, unknown> };
export const syncBinding = (state: EditorState) => ySyncPluginKey.getState(state)?.binding as Binding | undefined;

const serializer = () => DOMSerializer.fromSchema(legalSchema);

function contentDOM(fragment: Fragment, className: string, color: string): HTMLElement {
  const inline = fragment.firstChild?.isInline ?? true;
  const el = document.createElement(inline ? 'span' : 'div');
  el.className = className;
  el.style.setProperty('--sg-color', color);
  el.appendChild(serializer().serializeFragment(fragment));
  return el;
}

/** Where a suggestion is in this state of the live view, and whether its text changed since it was made. */
export function placeOf(state: EditorState, s: Pick<ShownSuggestion, 'anchorStart' | 'anchorEnd' | 'base'>): { from: number; to: number; outdated: boolean } | null {
  const sync = syncBinding(state);
  if (!sync) return null;
  const range = resolveSuggestionRange(sync.doc, sync.type, sync.mapping as never, s.anchorStart, s.anchorEnd);
  if (!range || range.to > state.doc.content.size) return null;
  let outdated = true;
  try { outdated = baseOf(state.doc, range.from, range.to) !== s.base; } catch { /* a range no longer valid here */ }
  return { ...range, outdated };
}

export function trackChangesPlugin(options: { labels: () => TrackChangesLabels; onDecide: (id: string, decision: 'accept' | 'reject') => void }): Plugin<TrackState> {
  return new Plugin<TrackState>({
    key: trackChangesKey,
    state: {
      init: () => ({ list: [], canDecide: false }),
      apply: (tr, value) => tr.getMeta(trackChangesKey) ?? value,
    },
    props: {
      decorations(state) {
        const { list, canDecide } = trackChangesKey.getState(state)!;
        const labels = options.labels();
        const decorations: Decoration[] = [];
        for (const s of list) {
          const place = placeOf(state, s);
          if (!place) continue;
          const color = agencyColor(s.agencyId);
          if (place.to > place.from) {
            decorations.push(Decoration.inline(place.from, place.to, { class: 'sg-del', style: `--sg-color: ${color}`, 'data-suggestion': s.id }));
          }
          let proposed: Fragment | null = null;
          try { proposed = sliceFromJSON(s.content).content; } catch { /* shown without content */ }
          decorations.push(Decoration.widget(place.to, () => {
            const box = document.createElement('span');
            box.className = 'sg-box';
            box.dataset.suggestion = s.id;
            box.style.setProperty('--sg-color', color);
            if (proposed && proposed.size > 0) box.appendChild(contentDOM(proposed, 'sg-ins', color));
            const bar = document.createElement('span');
            bar.className = 'sg-bar';
            bar.contentEditable = 'false';
            const who = document.createElement('span');
            who.className = 'sg-who';
            who.textContent = labels.by.replace('{agency}', s.agencyShortName).replace('{name}', s.authorName);
            bar.appendChild(who);
            if (!s.released) bar.appendChild(Object.assign(document.createElement('span'), { className: 'badge badge-internal', textContent: labels.internal }));
            if (place.outdated) bar.appendChild(Object.assign(document.createElement('span'), { className: 'badge badge-warning sg-outdated', textContent: labels.outdated }));
            if (canDecide && s.released) {
              for (const decision of ['accept', 'reject'] as const) {
                if (decision === 'accept' && place.outdated) continue;
                const button = document.createElement('button');
                button.type = 'button';
                button.className = `button button-small ${decision === 'accept' ? 'button-primary' : 'button-ghost'}`;
                button.textContent = labels[decision];
                button.dataset.decision = decision;
                button.addEventListener('click', (event) => { event.preventDefault(); options.onDecide(s.id, decision); });
                bar.appendChild(button);
              }
            }
            box.appendChild(bar);
            return box;
          }, { side: 1, key: `${s.id}:${place.outdated}:${canDecide}:${s.released}:${s.content.length}`, stopEvent: () => true, ignoreSelection: true }));
        }
        return DecorationSet.create(state.doc, decorations);
      },
    },
  });
}

/** Adds the plugin to a live view once (the view belongs to LegalEditor; its later states keep the plugin). */
export function installTrackChanges(view: EditorView, plugin: Plugin<TrackState>): void {
  if (trackChangesKey.getState(view.state)) return;
  view.updateState(view.state.reconfigure({ plugins: [...view.state.plugins, plugin] }));
}

export function showSuggestions(view: EditorView, list: ShownSuggestion[], canDecide: boolean): void {
  view.dispatch(view.state.tr.setMeta(trackChangesKey, { list, canDecide }).setMeta('addToHistory', false));
}

/** The changes typed in suggestion mode, drawn in the agency's colour over the copy, removed text struck through where it was. */
function localChangesPlugin(base: PMNode, color: string): Plugin {
  return new Plugin({
    props: {
      decorations(state) {
        const decorations: Decoration[] = [];
        let delta = 0;
        for (const change of changesBetween(base, state.doc)) {
          const from = change.from + delta;
          const size = change.slice.content.size;
          if (size > 0) {
            decorations.push(Decoration.inline(from, from + size, { class: 'sg-ins', style: `--sg-color: ${color}` }));
            change.slice.content.forEach((node, offset) => {
              if (!node.isInline) decorations.push(Decoration.node(from + offset, from + offset + node.nodeSize, { class: 'sg-ins-block', style: `--sg-color: ${color}` }));
            });
          }
          if (change.to > change.from) {
            const removed = base.slice(change.from, change.to).content;
            decorations.push(Decoration.widget(from, () => contentDOM(removed, 'sg-del sg-removed', color), { side: -1, ignoreSelection: true }));
          }
          delta += size - (change.to - change.from);
        }
        return DecorationSet.create(state.doc, decorations);
      },
    },
  });
}

/** Suggestion mode: an editor over a copy of `base`; `onChanges` after every edit with the contiguous changes. */
export function SuggestionEditor(props: { base: PMNode; color: string; labels: EditorLabels; onChanges: (changes: TextChange[], doc: PMNode) => void }): JSX.Element {
  const [state, setState] = createSignal<EditorState | undefined>(undefined, { equals: false });
  let mount!: HTMLDivElement;
  let view: EditorView | undefined;
  const run = (command: Command) => {
    if (!view) return;
    command(view.state, view.dispatch, view);
    view.focus();
  };
  onMount(() => {
    const editorView: EditorView = new EditorView(mount, {
      state: EditorState.create({
        schema: legalSchema,
        doc: props.base,
        plugins: [
          ...legalKeymap({ openReferencePicker: () => undefined, openHelp: () => undefined }),
          nodeIdPlugin(),
          numberingPlugin({ brokenReference: props.labels.brokenReference }),
          localChangesPlugin(props.base, props.color),
        ],
      }),
      attributes: { class: 'legal-document legal-document--suggesting', 'aria-label': props.labels.documentLabel, spellcheck: 'false' },
      dispatchTransaction(tr) {
        const next = editorView.state.apply(tr);
        editorView.updateState(next);
        setState(next);
        if (tr.docChanged) props.onChanges(changesBetween(props.base, next.doc), next.doc);
      },
    });
    view = editorView;
    setState(editorView.state);
    onCleanup(() => { view = undefined; editorView.destroy(); });
  });
  return (
    <div class="legal-editor legal-editor--suggesting" style={{ '--sg-color': props.color }}>
      <Toolbar state={state()} numbering={state() ? numberingOf(state()!) : { nodes: [], byId: new Map() }} labels={props.labels}
        disabled={false} run={run} pickerRef={() => undefined} onHelp={() => undefined} helpOpen={false} />
      <div class="legal-editor__page" ref={mount} />
    </div>
  );
}
