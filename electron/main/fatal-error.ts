/**
 * When Core cannot open the local database it answers `fatal`, and the person must be told what
 * happened in words they can act on, before the app quits. The file is never touched: a newer
 * version's database stays usable by that version, and a damaged one stays available for recovery.
 */
import { app, dialog } from 'electron';
import type { ErrorPayload } from '../../shared/contract/errors.ts';

export function describeFatalError(error: ErrorPayload, databasePath: string): { title: string; content: string } {
  switch (error.code) {
    case 'DB_NEWER_VERSION':
      return {
        title: 'Switchboard needs an update',
        content:
          `The local database was written by a newer version of Switchboard, so this version cannot open it.\n\n` +
          `Install the latest Switchboard and start it again. Nothing was changed in the file:\n${databasePath}`,
      };
    case 'DB_CORRUPT':
      return {
        title: 'Switchboard cannot open its local database',
        content:
          `The local database file is damaged. Switchboard left it exactly as it was:\n${databasePath}\n\n` +
          `Move the file somewhere else to start again with an empty cache (your work on the server is safe), ` +
          `or keep it for your IT support.`,
      };
    default:
      return { title: 'Switchboard cannot start', content: `${error.message}\n\nThe local database was left untouched:\n${databasePath}` };
  }
}

export function showFatalErrorAndQuit(error: ErrorPayload, databasePath: string): void {
  const { title, content } = describeFatalError(error, databasePath);
  dialog.showErrorBox(title, content);
  app.quit();
}
