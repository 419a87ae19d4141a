/** The outline of a legal document: its chapters and articles with their computed numbers. */
import { Index, Show, createMemo, type JSX } from 'solid-js';
import type { Numbering, NumberedNode } from '../../../shared/legal/numbering.ts';
import { editorLabels, type EditorLabels } from './labels.ts';
import './editor.css';

export interface OutlineProps {
  /** From the editor's `onNumbering`. */
  numbering: Numbering;
  /** Called with a chapter's or article's id; pass it to the editor handle's `scrollTo`. */
  onSelect: (id: string) => void;
  /** The unit at the cursor (the editor's `onCursor`): its article and chapter are highlighted. */
  active?: NumberedNode | null;
  labels?: EditorLabels;
}

export function Outline(props: OutlineProps): JSX.Element {
  const labels = () => props.labels ?? editorLabels.vi;
  const tree = createMemo(() => {
    const nodes = props.numbering.nodes;
    const articlesOf = (chapterId: string | null) => nodes.filter((n) => n.kind === 'article' && n.chapterId === chapterId);
    return {
      loose: articlesOf(null),
      chapters: nodes.filter((n) => n.kind === 'chapter').map((chapter) => ({ chapter, articles: articlesOf(chapter.id) })),
    };
  });
  const isActive = (id: string) => {
    const active = props.active;
    return !!active && (active.id === id || active.articleId === id || active.chapterId === id);
  };

  const Entry = (entry: { node: NumberedNode }) => (
    <button
      type="button"
      class="legal-outline__entry"
      classList={{ 'legal-outline__entry--active': isActive(entry.node.id) }}
      aria-current={isActive(entry.node.id) ? 'location' : undefined}
      onClick={() => props.onSelect(entry.node.id)}
    >
      <span class="legal-outline__number">
        {entry.node.kind === 'chapter' ? `Chương ${entry.node.number}` : `Điều ${entry.node.number}.`}
      </span>{' '}
      <span class="legal-outline__text">{entry.node.text || labels().untitled}</span>
    </button>
  );
  const Articles = (list: { articles: NumberedNode[] }) => (
    <ol class="legal-outline__articles">
      <Index each={list.articles}>{(article) => <li><Entry node={article()} /></li>}</Index>
    </ol>
  );

  // <Index> rather than <For>: numbering objects are new after every keystroke, and keying by
  // position updates the text in place instead of rebuilding the list.
  return (
    <nav class="legal-outline" aria-label={labels().outlineLabel}>
      <Show when={props.numbering.nodes.length > 0} fallback={<p class="legal-outline__empty">{labels().outlineEmpty}</p>}>
        <Show when={tree().loose.length > 0}><Articles articles={tree().loose} /></Show>
        <ol class="legal-outline__chapters">
          <Index each={tree().chapters}>{(item) => (
            <li>
              <Entry node={item().chapter} />
              <Articles articles={item().articles} />
            </li>
          )}</Index>
        </ol>
      </Show>
    </nav>
  );
}
