/**
 * When a single key is a shortcut. Letters and `/` or `?` type text in a field, so a shortcut
 * never fires there; a dialog over the page keeps its keys; a key someone already handled, or one
 * pressed with Ctrl, Cmd or Alt, is not a bare shortcut.
 */

/** Whether a key press belongs to a text field, where single-letter shortcuts must not fire. */
export function isTyping(e: KeyboardEvent): boolean {
  const target = e.target instanceof HTMLElement ? e.target : null;
  return !!target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** Whether the key press happened inside an open modal dialog. */
export function isInDialog(e: KeyboardEvent): boolean {
  return e.target instanceof Element && e.target.closest('[aria-modal="true"]') !== null;
}

/** Whether a key press is for a page's single-key shortcuts: a bare key outside fields and dialogs. */
export function isBareShortcut(e: KeyboardEvent): boolean {
  return !e.defaultPrevented && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e) && !isInDialog(e);
}
