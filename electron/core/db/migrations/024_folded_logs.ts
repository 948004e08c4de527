/**
 * Each ticket's event log, folded the way the service metrics read it (shared/metrics/timeline.ts
 * `foldLog`), kept with the instant of its latest event (docs/metrics.md, "How the console
 * computes"). A 30-day report at 1M tickets read about 3 million events to rebuild 200,000
 * timelines, over 30 s; with the folds it reads one row per ticket.
 *
 * Triggers keep two things exact whatever writes the events (a mutation, a pulled page, the demo
 * seeder, a cache reset): `last_event_at`, so a report finds the tickets active since its start
 * through an index of one entry per ticket instead of every event since; and staleness: any write
 * to a ticket's events empties its `log`, and a stale log is folded from the events again, by the
 * report that needs it (in memory) and by the keeper at idle (areas/metrics/fold-keeper.ts).
 * The migration leaves every log stale: the keeper folds them after the first start.
 */
import type { Migration } from './types.ts';

const latest = (ticketId: string) => `(SELECT max(e.at) FROM ticket_events e WHERE e.ticket_id = ${ticketId})`;
const refresh = (ticketId: string) =>
  `UPDATE folded_logs SET log = NULL, last_event_at = ${latest(ticketId)} WHERE ticket_id = ${ticketId};`;

const sql = `
CREATE TABLE folded_logs (
  ticket_id TEXT PRIMARY KEY,
  last_event_at INTEGER,
  -- The fold of every event (areas/metrics/fold-codec.ts); NULL: not folded since its events last changed.
  log TEXT
) WITHOUT ROWID;
CREATE INDEX folded_logs_last_event ON folded_logs(last_event_at);
CREATE INDEX folded_logs_stale ON folded_logs(ticket_id) WHERE log IS NULL;

INSERT INTO folded_logs (ticket_id, last_event_at, log) SELECT t.id, ${latest('t.id')}, NULL FROM tickets t;

CREATE TRIGGER folded_logs_ticket_insert AFTER INSERT ON tickets BEGIN
  INSERT OR REPLACE INTO folded_logs (ticket_id, last_event_at, log) VALUES (NEW.id, ${latest('NEW.id')}, NULL);
END;

CREATE TRIGGER folded_logs_ticket_delete AFTER DELETE ON tickets BEGIN
  DELETE FROM folded_logs WHERE ticket_id = OLD.id;
END;

CREATE TRIGGER folded_logs_event_insert AFTER INSERT ON ticket_events BEGIN
  UPDATE folded_logs SET log = NULL, last_event_at = max(coalesce(last_event_at, NEW.at), NEW.at) WHERE ticket_id = NEW.ticket_id;
END;

CREATE TRIGGER folded_logs_event_delete AFTER DELETE ON ticket_events BEGIN
  ${refresh('OLD.ticket_id')}
END;

CREATE TRIGGER folded_logs_event_update AFTER UPDATE ON ticket_events BEGIN
  ${refresh('OLD.ticket_id')}
  ${refresh('NEW.ticket_id')}
END;
`;

export const migration024: Migration = { version: 24, name: 'folded_logs', up: (db) => db.exec(sql) };
