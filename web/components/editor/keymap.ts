/**
 * Keyboard shortcuts. Ctrl/⌘+Alt+digit follows word processors' "heading level" habit: 1 chapter,
 * 2 article, 3 clause, 4 point, 0 plain paragraph. Enter continues the current point or clause as
 * in a list; Shift+Enter adds an unnumbered paragraph to it.
 */
import { keymap } from 'prosemirror-keymap';
import { baseKeymap, chainCommands, splitBlock } from 'prosemirror-commands';
import type { Command, Plugin } from 'prosemirror-state';
import { redoCommand, undoCommand } from 'y-prosemirror';
import {
  indentClause, insertArticle, insertArticleBefore, insertChapter, insertClause, insertClauseBefore, insertParagraph,
  insertPoint, insertPointBefore, moveUnit, outdentPoint, splitUnit,
} from './commands.ts';

export const SHORTCUTS = {
  chapter: 'Mod-Alt-1',
  article: 'Mod-Alt-2',
  clause: 'Mod-Alt-3',
  point: 'Mod-Alt-4',
  articleBefore: 'Mod-Alt-Shift-2',
  clauseBefore: 'Mod-Alt-Shift-3',
  pointBefore: 'Mod-Alt-Shift-4',
  paragraph: 'Mod-Alt-0',
  indent: 'Tab',
  outdent: 'Shift-Tab',
  moveUp: 'Alt-ArrowUp',
  moveDown: 'Alt-ArrowDown',
  undo: 'Mod-z',
  redo: 'Mod-Shift-z',
  insertReference: 'Mod-Alt-r',
  help: 'Mod-/',
} as const;

export type ShortcutName = keyof typeof SHORTCUTS;

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** "Ctrl+Alt+2" or "⌘⌥2", for tooltips and aria-keyshortcuts. */
export function shortcutText(name: ShortcutName): string {
  const keys = SHORTCUTS[name].split('-').map((key) => ({
    Mod: isMac ? '⌘' : 'Ctrl', Alt: isMac ? '⌥' : 'Alt', Shift: isMac ? '⇧' : 'Shift',
    ArrowUp: '↑', ArrowDown: '↓', Enter: 'Enter', Tab: 'Tab',
  }[key] ?? key.toUpperCase()));
  return keys.join(isMac ? '' : '+');
}

export function legalKeymap(options: { openReferencePicker: () => void; openHelp?: () => void }): Plugin[] {
  const undo = undoCommand as Command;
  const redo = redoCommand as Command;
  const bindings: Record<string, Command> = {
    [SHORTCUTS.chapter]: insertChapter,
    [SHORTCUTS.article]: insertArticle,
    [SHORTCUTS.clause]: insertClause,
    [SHORTCUTS.point]: insertPoint,
    [SHORTCUTS.articleBefore]: insertArticleBefore,
    [SHORTCUTS.clauseBefore]: insertClauseBefore,
    [SHORTCUTS.pointBefore]: insertPointBefore,
    [SHORTCUTS.paragraph]: insertParagraph,
    [SHORTCUTS.indent]: indentClause,
    [SHORTCUTS.outdent]: outdentPoint,
    [SHORTCUTS.moveUp]: moveUnit(-1),
    [SHORTCUTS.moveDown]: moveUnit(1),
    [SHORTCUTS.undo]: undo,
    [SHORTCUTS.redo]: redo,
    'Mod-y': redo,
    [SHORTCUTS.insertReference]: () => { options.openReferencePicker(); return true; },
    [SHORTCUTS.help]: () => { if (!options.openHelp) return false; options.openHelp(); return true; },
    // Where the ordinary split has no room (the title, a chapter's heading) Enter goes on to the
    // next thing that can be written: the preamble, the chapter's first article.
    Enter: chainCommands(splitUnit, baseKeymap.Enter, insertParagraph, insertArticle),
    'Shift-Enter': chainCommands(splitBlock, insertParagraph),
  };
  return [keymap(bindings), keymap(baseKeymap)];
}
