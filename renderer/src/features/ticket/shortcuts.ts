/**
 * The ticket page's single-key shortcuts, for the handlers on the page and for the "?" cheat
 * sheet, which lists each key with its label (an i18n key). Each fires only as a bare shortcut
 * (ui/keyboard.ts): not while the person types in a field, nor under a dialog.
 */
import type { MessageKey } from '../../i18n/catalog.ts';

export interface Shortcut {
  /** The key as KeyboardEvent.key reports it, lower case; shown upper case. */
  key: string;
  label: MessageKey;
}

export const TICKET_SHORTCUTS = [
  { key: 'r', label: 'shortcut.reply' },
  { key: 'n', label: 'shortcut.note' },
  { key: 's', label: 'shortcut.solveAndNext' },
  { key: 'a', label: 'shortcut.assignToMe' },
  { key: 'e', label: 'shortcut.escalate' },
  { key: 'm', label: 'shortcut.applyMacro' },
] as const satisfies readonly Shortcut[];

export type TicketShortcutKey = (typeof TICKET_SHORTCUTS)[number]['key'];
