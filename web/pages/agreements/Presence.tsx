import { createSignal, For, onCleanup } from 'solid-js';
import type { Awareness } from 'y-protocols/awareness';

interface Participant { clientId: number; name: string; agencyShortName: string; color: string }

/** Who has the document open right now, one chip each in their agency's colour. */
export function Presence(props: { awareness: Awareness; label: string }) {
  const read = (): Participant[] => [...props.awareness.getStates().entries()]
    .map(([clientId, state]) => ({ clientId, ...(state.user ?? {}) }))
    .filter((p): p is Participant => typeof p.name === 'string')
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  const [people, setPeople] = createSignal(read());
  const update = () => setPeople(read());
  props.awareness.on('change', update);
  onCleanup(() => props.awareness.off('change', update));
  return (
    <ul class="presence" aria-label={props.label}>
      <For each={people()}>
        {(person) => (
          <li class="presence-chip" style={{ '--presence-color': /^#[0-9a-f]{6}$/i.test(person.color) ? person.color : '#1d3a6e' }}
            title={`${person.name} · ${person.agencyShortName}`}>
            <span class="presence-dot" aria-hidden="true" />{person.name} <span class="muted">· {person.agencyShortName}</span>
          </li>
        )}
      </For>
    </ul>
  );
}
