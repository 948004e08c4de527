/**
 * The account manager's single-key shortcuts, in one list: My tasks and the account page bind
 * these keys, and the "?" cheat sheet lists them.
 */
import type { MessageKey } from '../../i18n/catalog.ts';

/** N on My tasks: a new task. */
export const NEW_TASK_KEY = 'n';
/** L on an account's page: log an interaction. */
export const LOG_INTERACTION_KEY = 'l';

export const ACCOUNT_MANAGER_SHORTCUTS: readonly { keys: string; label: MessageKey }[] = [
  { keys: NEW_TASK_KEY.toUpperCase(), label: 'shortcut.tasks.new' },
  { keys: LOG_INTERACTION_KEY.toUpperCase(), label: 'shortcut.account.logInteraction' },
];
