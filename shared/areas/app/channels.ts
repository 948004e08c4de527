/** The app area's channels: what the console is, the person's settings, and the people and teams it knows. */
import { z } from 'zod';
import { Locale } from '../../domain/enums.ts';
import { Team, User } from '../../domain/records.ts';
import { Empty, type ChannelMap } from '../../contract/building-blocks.ts';
import { Text } from '../../domain/text.ts';

export const ThemePreference = z.enum(['system', 'light', 'dark']);
export const LocalePreference = z.enum(['system', ...Locale.options]);

export const Settings = z.object({
  theme: ThemePreference,
  locale: LocalePreference,
  /** Rows per inbox page fetch; the list is virtualized, this only tunes paging. */
  density: z.enum(['comfortable', 'compact']),
  /** Desktop notifications when a ticket is assigned to the person or their customer replies; Core emits none when off. */
  notifications: z.boolean(),
  /** How long a public reply or a keyboard action on a ticket can be undone before it leaves the console; 0: off. */
  undoSeconds: z.number().int().min(0).max(30),
  /**
   * How much message history the cache keeps: null (or absent), every message; N, the threads of unsolved
   * tickets and of tickets updated in the last N months (the others keep their row and events, and
   * their messages are fetched from the server when opened). shared/domain/history-window.ts.
   */
  historyMonths: z.number().int().min(1).max(120).nullable().optional(),
  /**
   * Minutes without keyboard or pointer input after which an online person is set away (and back
   * online at their next input); 0: never. Absent: AWAY_AFTER_MINUTES.
   */
  awayAfterMinutes: z.number().int().min(0).max(240).optional(),
});
export type Settings = z.infer<typeof Settings>;

export const AppInfo = z.object({
  name: Text,
  version: Text,
  /** How the renderer reaches Core: the desktop app's IPC, or the web host's HTTP. */
  transport: z.enum(['ipc', 'web', 'direct']),
  platform: Text,
  schemaVersion: z.number().int(),
  databasePath: Text,
  counts: z.object({ tickets: z.number().int(), messages: z.number().int(), accounts: z.number().int(), contacts: z.number().int() }),
});

export const appChannels = {
  'app.info': { input: Empty, output: AppInfo },

  'settings.get': { input: Empty, output: Settings },
  'settings.update': { input: Settings.partial().strict(), output: Settings },

  'directory.get': {
    input: Empty,
    output: z.object({ me: User.nullable(), users: z.array(User), teams: z.array(Team) }),
  },
} as const satisfies ChannelMap;
