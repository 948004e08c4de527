/**
 * The workload board's own copy of the unsolved tickets (docs/metrics.md, "Workload board"), kept
 * by triggers so the board is one walk of a small table in its grouping order.
 *
 * Why a table and not an index on `tickets`: the board reads the SLA snapshot's due instants, and
 * those are virtual generated columns (json_extract of `sla`). SQLite never treats an index holding
 * a virtual column as covering, so every unsolved ticket's row was read and its JSON parsed: with
 * the customers' waits (two probes of a ticket's messages each), 860 ms at 1M tickets. Here each
 * unsolved ticket is one row, keyed in the order the board groups by, with the values computed
 * once when the ticket or its thread changes.
 *
 * `waiting_since` is the customer's wait as the board defines it: their first message after the
 * last public reply (their first, when nobody replied yet); null when the last word is the team's.
 * A reply in the same millisecond as the customer's message answers it. It is counted over the
 * messages the cache holds, as it was when the board counted them at every read.
 *
 * Triggers, like ticket_counts' (migration 005), keep the copy exact whatever writes: the record
 * store's upserts (ON CONFLICT DO UPDATE fires the update trigger), the demo seeder, a cache reset,
 * the history window dropping old threads. An unassigned ticket sits under assignee ''.
 */
import { UNSOLVED_STATUSES } from '../../../../shared/domain/ticket-status.ts';
import type { Migration } from './types.ts';

const UNSOLVED = UNSOLVED_STATUSES.map((s) => `'${s}'`).join(', ');

/** The customer's wait on ticket `id` (an SQL expression naming it). */
const waitingSince = (id: string) => `(SELECT min(m.created_at) FROM messages m WHERE m.ticket_id = ${id} AND m.kind = 'inbound'
    AND m.created_at > coalesce((SELECT max(r.created_at) FROM messages r WHERE r.ticket_id = ${id} AND r.kind = 'reply'), -1))`;

/** Ticket `id`'s row, when it is unsolved (and `also` holds). */
const copy = (id: string, also = '1') => `INSERT OR REPLACE INTO board_tickets
  SELECT coalesce(t.assignee_id, ''), t.team_id, t.status, t.priority, t.id, t.created_at, t.first_reply_at,
         t.sla_at_risk_at, t.sla_next_due_at, t.sla_breached, t.due_key, ${waitingSince('t.id')}
  FROM tickets t WHERE t.id = ${id} AND t.status IN (${UNSOLVED}) AND ${also};`;

/** What the copy holds of a ticket: a write that changes none of it leaves the copy alone. */
const COPIED = [
  'status',
  'assignee_id',
  'team_id',
  'priority',
  'created_at',
  'first_reply_at',
  'sla',
  'first_reply_due_at',
  'next_reply_due_at',
  'resolution_due_at',
];

const rewait = (id: string) => `UPDATE board_tickets SET waiting_since = ${waitingSince(id)} WHERE id = ${id};`;

const sql = `
CREATE TABLE board_tickets (
  assignee_id TEXT NOT NULL,
  team_id TEXT NOT NULL,
  status TEXT NOT NULL,
  priority TEXT NOT NULL,
  id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  first_reply_at INTEGER,
  sla_at_risk_at INTEGER,
  sla_next_due_at INTEGER,
  sla_breached INTEGER NOT NULL,
  due_key INTEGER NOT NULL,
  waiting_since INTEGER,
  PRIMARY KEY (assignee_id, team_id, status, priority, id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX board_tickets_id ON board_tickets(id);

INSERT INTO board_tickets
  SELECT coalesce(t.assignee_id, ''), t.team_id, t.status, t.priority, t.id, t.created_at, t.first_reply_at,
         t.sla_at_risk_at, t.sla_next_due_at, t.sla_breached, t.due_key, ${waitingSince('t.id')}
  FROM tickets t WHERE t.status IN (${UNSOLVED});

CREATE TRIGGER board_tickets_insert AFTER INSERT ON tickets WHEN NEW.status IN (${UNSOLVED}) BEGIN
  ${copy('NEW.id')}
END;

CREATE TRIGGER board_tickets_delete AFTER DELETE ON tickets BEGIN
  DELETE FROM board_tickets WHERE id = OLD.id;
END;

-- A ticket that stays unsolved keeps its customer's wait (only its thread moves that); one that
-- becomes unsolved is copied whole, wait included; one that is solved leaves.
CREATE TRIGGER board_tickets_update AFTER UPDATE OF ${COPIED.join(', ')} ON tickets
WHEN ${COPIED.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ')}
BEGIN
  DELETE FROM board_tickets WHERE id = OLD.id AND NEW.status NOT IN (${UNSOLVED});
  UPDATE board_tickets SET assignee_id = coalesce(NEW.assignee_id, ''), team_id = NEW.team_id, status = NEW.status,
      priority = NEW.priority, created_at = NEW.created_at, first_reply_at = NEW.first_reply_at,
      sla_at_risk_at = NEW.sla_at_risk_at, sla_next_due_at = NEW.sla_next_due_at, sla_breached = NEW.sla_breached,
      due_key = NEW.due_key
    WHERE id = OLD.id AND NEW.status IN (${UNSOLVED});
  ${copy('NEW.id', `OLD.status NOT IN (${UNSOLVED})`)}
END;

CREATE TRIGGER board_tickets_message_insert AFTER INSERT ON messages BEGIN
  ${rewait('NEW.ticket_id')}
END;

CREATE TRIGGER board_tickets_message_delete AFTER DELETE ON messages BEGIN
  ${rewait('OLD.ticket_id')}
END;

CREATE TRIGGER board_tickets_message_update AFTER UPDATE OF ticket_id, kind, created_at ON messages BEGIN
  ${rewait('OLD.ticket_id')}
  ${rewait('NEW.ticket_id')}
END;
`;

export const migration023: Migration = { version: 23, name: 'board_tickets', up: (db) => db.exec(sql) };
