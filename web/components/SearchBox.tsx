/**
 * One search box in the app shell: `/` or Ctrl+K focuses it; results come as you type (diacritics
 * ignored), the matching words highlighted; Enter or a click opens the hit.
 */
import { useNavigate } from '@solidjs/router';
import { createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import { useI18n } from '../lib/i18n.tsx';
import { api } from '../lib/trpc.ts';
import type { SearchHit, Segment } from '../../shared/search.ts';
import './search.css';

function Marked(props: { segments: Segment[] }) {
  return <For each={props.segments}>{(s) => (s.match ? <mark>{s.text}</mark> : <>{s.text}</>)}</For>;
}

export function SearchBox() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [q, setQ] = createSignal('');
  const [hits, setHits] = createSignal<SearchHit[] | null>(null);
  const [active, setActive] = createSignal(0);
  let input!: HTMLInputElement;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;

  const run = (text: string) => {
    clearTimeout(timer);
    if (!text.trim()) { setHits(null); return; }
    timer = setTimeout(async () => {
      const ticket = ++asked;
      const result = await api.search.query.query({ q: text.slice(0, 500) }).catch(() => []);
      if (ticket === asked) { setHits(result); setActive(0); }
    }, 150);
  };
  const open = (hit: SearchHit) => {
    setHits(null);
    setQ('');
    input.blur();
    navigate(hit.href);
  };
  const onKey = (event: KeyboardEvent) => {
    const list = hits() ?? [];
    if (event.key === 'ArrowDown') { event.preventDefault(); setActive(Math.min(active() + 1, list.length - 1)); }
    else if (event.key === 'ArrowUp') { event.preventDefault(); setActive(Math.max(active() - 1, 0)); }
    else if (event.key === 'Enter' && list[active()]) { event.preventDefault(); open(list[active()]); }
    else if (event.key === 'Escape') { setHits(null); input.blur(); }
  };
  onMount(() => {
    const shortcut = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
      if ((event.key === 'k' && (event.ctrlKey || event.metaKey)) || (event.key === '/' && !typing)) {
        event.preventDefault();
        input.focus();
        input.select();
      }
    };
    document.addEventListener('keydown', shortcut);
    onCleanup(() => document.removeEventListener('keydown', shortcut));
  });

  return (
    <div class="search-box" role="search">
      <label class="sr-only" for="global-search">{t().search.label}</label>
      <input id="global-search" ref={input} type="search" role="combobox" aria-autocomplete="list" autocomplete="off" placeholder={t().search.placeholder} value={q()}
        aria-controls="search-results" aria-expanded={hits() !== null}
        onInput={(e) => { setQ(e.currentTarget.value); run(e.currentTarget.value); }} onKeyDown={onKey}
        onBlur={() => setTimeout(() => setHits(null), 200)} />
      <Show when={hits()}>
        {(list) => (
          <ul id="search-results" class="search-results" role="listbox" aria-label={t().search.label} tabIndex={-1}>
            <For each={list()} fallback={<li class="search-empty">{t().search.none}</li>}>
              {(hit, index) => (
                <li role="option" aria-selected={index() === active()} classList={{ active: index() === active() }}
                  onMouseDown={(e) => { e.preventDefault(); open(hit); }}>
                  <span class="search-kind">{t().search.kinds[hit.kind]}</span>
                  <span class="search-title"><Marked segments={hit.titleSegments} /></span>
                  <Show when={hit.snippet.length}><span class="search-snippet"><Marked segments={hit.snippet} /></span></Show>
                </li>
              )}
            </For>
          </ul>
        )}
      </Show>
    </div>
  );
}
