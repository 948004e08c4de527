/**
 * Each ticket's SLA clock steps kept beside its fold (shared/sla/clock.ts `clockSteps`, encoded by
 * shared/sla/clock-codec.ts). Recomputing every open ticket's timers after a calendar edit read
 * each ticket's events (about a third of the recompute at 100k tickets); the steps are one short
 * value per ticket, read with the ticket's row.
 *
 * `clock` is written with `log`, in the same statement, by whoever folds the ticket, and shares its
 * staleness: it stands for the ticket's events only while `log` is not NULL (the triggers of
 * migration 024 empty `log` on every write to the events). Every log is emptied here, so the
 * keeper folds each ticket again, steps included, after the first start.
 */
import type { Migration } from './types.ts';

const sql = `
ALTER TABLE folded_logs ADD COLUMN clock TEXT;
UPDATE folded_logs SET log = NULL WHERE log IS NOT NULL;
`;

export const migration025: Migration = { version: 25, name: 'folded_clock_steps', up: (db) => db.exec(sql) };
