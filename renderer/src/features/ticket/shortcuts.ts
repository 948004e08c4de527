/**
 * The ticket page's single-key shortcuts, for the handlers on the page and for the "?" cheat
 * sheet, which lists each key with its label (an i18n key). None fires while the person types in
 * a field or while a dialog is open over the ticket.
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

/** Whether a key press is for the page's shortcuts: a bare letter outside fields and dialogs. */
export function isPageShortcut(e: KeyboardEvent): boolean {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return false;
  const target = e.target instanceof HTMLElement ? e.target : null;
  if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return false;
  // A dialog over the ticket keeps its keys.
  return !(target && target.closest('[aria-modal="true"]'));
}
