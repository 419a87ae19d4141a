/**
 * How other participants' cursors and selections look in an editor bound with y-prosemirror: a
 * caret in their agency's colour with their name and agency. `prefix` is the editor's CSS block
 * ("legal", "minutes").
 */
import { safeColor } from '../../../shared/agency-colors.ts';

interface RemoteUser { name?: unknown; agencyShortName?: unknown; color?: unknown }

export function presenceBuilders(prefix: string) {
  return {
    cursorBuilder(user: RemoteUser): HTMLElement {
      const color = safeColor(user.color);
      const cursor = document.createElement('span');
      cursor.className = `${prefix}-cursor`;
      cursor.style.borderColor = color;
      const label = document.createElement('span');
      label.className = `${prefix}-cursor__label`;
      label.style.backgroundColor = color;
      label.textContent = [user.name, user.agencyShortName].filter((part) => typeof part === 'string' && part).join(' · ');
      // Word joiners keep the caret from breaking the line it sits in.
      cursor.append('\u2060', label, '\u2060');
      return cursor;
    },
    selectionBuilder(user: RemoteUser) {
      return { class: `${prefix}-remote-selection`, style: `background-color: ${safeColor(user.color)}33` };
    },
  };
}
