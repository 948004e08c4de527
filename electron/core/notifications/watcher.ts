/**
 * What each of Core's desktop-notification watchers (task reminders, SLA at risk, account health)
 * is given: the cache, the clock, the person to tell, their settings (notifications on or off,
 * language), the event emitter, and the timers it schedules its next look with.
 */
import type { Database } from 'better-sqlite3';
import type { Settings } from '../../../shared/contract/channels.ts';
import type { Emit } from '../sync/data-changed.ts';
import type { Timers } from '../sync/sync-client.ts';

export interface WatcherOptions {
  db: Database;
  now: () => number;
  /** The signed-in person; null: nobody to tell. */
  me: () => string | null;
  settings: () => Settings;
  emit: Emit;
  timers: Timers;
  systemLocale?: () => string;
}
