/** The app area's channels: what this console is, the person's settings, and the directory. */
import type { appChannels } from '../../../../shared/areas/app/channels.ts';
import type { AreaHandlers } from '../../../../shared/contract/dispatch.ts';
import { schemaVersion } from '../../db/migrate.ts';
import type { HandlerContext } from '../handler-context.ts';

export function createAppHandlers({
  db,
  repos,
  databasePath,
  transport,
  appVersion,
  history,
  emit,
}: HandlerContext): AreaHandlers<typeof appChannels> {
  const count = (table: 'tickets' | 'messages' | 'accounts' | 'contacts') =>
    (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  return {
    'app.info': () => ({
      name: 'Switchboard',
      version: appVersion,
      transport,
      platform: process.platform,
      schemaVersion: schemaVersion(db),
      databasePath,
      counts: { tickets: count('tickets'), messages: count('messages'), accounts: count('accounts'), contacts: count('contacts') },
    }),

    'settings.get': () => repos.settings.get(),
    'settings.update': async (patch) => {
      const settings = repos.settings.update(patch);
      // A smaller window frees its space before the answer, so the person sees it at once; Core
      // answers other requests meanwhile.
      if (patch.historyMonths !== undefined) await history.applyAll();
      emit('settings.changed', settings);
      return settings;
    },

    'directory.get': () => repos.directory.get(),
  };
}
