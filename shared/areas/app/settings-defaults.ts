/**
 * The settings a console starts with, apart from their schema (channels.ts): the renderer's first
 * screen shows them before Core answers, and reading them builds no validator.
 */
import type { Settings } from './channels.ts';

/** Minutes of idleness before an online person is set away, unless the settings say otherwise. */
export const AWAY_AFTER_MINUTES = 10;

/** A new console's settings, until the person changes them; also what the renderer shows before Core answers. */
export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  locale: 'system',
  density: 'comfortable',
  notifications: true,
  undoSeconds: 5,
  historyMonths: null,
};
