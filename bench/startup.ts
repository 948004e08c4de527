/**
 * Cold start to first inbox rows: open Core on a cache closed cleanly (as after a normal quit),
 * then ask for the first page of the queue the console opens on ("My tickets"). Baseline: a bare
 * connection opened on the same file running the keyset query of that page. The operating system's
 * file cache is warm after the first round, as on a desktop that ran the console recently.
 */
import Sqlite from 'better-sqlite3';
import { openCore } from '../electron/core/index.ts';
import { figure, latency, type Figure } from './figures.ts';
import { PAGE } from './inbox-page.ts';
import { percentiles, time } from './measure.ts';

export async function coldStart(databasePath: string, rounds: number): Promise<{ figure: Figure; note: string }> {
  const samples: number[] = [];
  const raw: number[] = [];
  for (let r = 0; r <= rounds; r++) {
    const ms = await time(async () => {
      // No background check: it starts a minute after the first screen, outside what is timed.
      const core = openCore({ databasePath, transport: 'direct', log: () => {}, integrityCheckDelayMs: null });
      try {
        const page = await core.dispatch('tickets.list', { view: 'mine', limit: PAGE });
        if (!page.ok) throw new Error(`tickets.list: ${page.error.message}`);
      } finally {
        core.close();
      }
    });
    const bare = await time(() => {
      const db = new Sqlite(databasePath, { readonly: true });
      db.prepare('SELECT id, updated_at FROM tickets ORDER BY updated_at DESC, id DESC LIMIT ?').all(PAGE);
      db.close();
    });
    // The first round pays for reading the file into the operating system's cache.
    if (r === 0) continue;
    samples.push(ms);
    raw.push(bare);
  }
  // What every start paid in front of the first screen before: the full check, now in the background.
  const checkMs = await time(() => {
    const db = new Sqlite(databasePath, { readonly: true });
    db.pragma('quick_check');
    db.close();
  });
  return {
    figure: figure({
      id: 'local.cold-start',
      label: 'cold start (Core opens the cache) to the first inbox page',
      value: latency(percentiles(samples)),
      baseline: { label: 'bare connection opened and the same page queried', value: latency(percentiles(raw)) },
    }),
    note: `cold start: the full quick_check Core used to run at every open took ${Math.round(checkMs).toLocaleString('en')} ms on this cache; it now runs before a migration, after an unclean shutdown, or in a worker a minute after the start`,
  };
}
