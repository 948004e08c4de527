/**
 * The inbox's keyboard shortcuts, in one list: the inbox binds exactly these, and the "?" cheat
 * sheet lists them (key as shown to the person, label as an i18n key).
 */
import type { MessageKey } from '../../i18n/catalog.ts';

export interface Shortcut {
  /** The key as printed on the cheat sheet; "Mod" is Ctrl, or Cmd on a Mac. */
  keys: string;
  label: MessageKey;
}

export const INBOX_SHORTCUTS: readonly Shortcut[] = [
  { keys: 'J', label: 'shortcut.inbox.next' },
  { keys: 'K', label: 'shortcut.inbox.previous' },
  { keys: 'Enter', label: 'shortcut.inbox.open' },
  { keys: 'X', label: 'shortcut.inbox.toggle' },
  { keys: 'Shift+Click', label: 'shortcut.inbox.range' },
  { keys: 'Mod+A', label: 'shortcut.inbox.selectAll' },
  { keys: 'Esc', label: 'shortcut.inbox.clear' },
];
