/**
 * Core's side of the SLA engine: after every change it makes (a mutation, a replay) or pulls, the
 * tickets touched get their snapshot computed again from their event log, offline too, so a reply
 * stops the first-reply clock at once. The server computes the same snapshot on commit
 * (server/sla/ticket-sla.ts) and its rows win on sync; they are equal, so nothing flickers.
 *
 * After a calendar or policy edit every open ticket's snapshot is computed again, a slice at a
 * time (`recompute`, driven by areas/sla/sla-recompute.ts).
 */
import type { Database } from 'better-sqlite3';
import type { Account, Contact, Ticket } from '../../../../shared/domain/records.ts';
import { SLA_CLOCK_EVENT_KINDS, type SlaEvent } from '../../../../shared/sla/clock.ts';
import { slaAsOf, slaChanged, slaFields, ticketFacts, ticketSla, withSla } from '../../../../shared/sla/ticket-sla.ts';
import type { RecordStore } from '../../sync/record-store.ts';
import type { Touched } from '../../sync/sqlite-tx.ts';
import { createSlaRulesReader, type SlaRules } from './sla-policies.ts';

export interface TicketSlaRefresher {
  /** Recomputes the snapshots of the tickets `touched` names (directly or by their events); `write` stores a changed one. */
  refresh(touched: Touched, write: (ticket: Ticket) => void): void;
  /**
   * Recomputes the open (unsolved) tickets after `afterId` in id order, at most `limit` of them,
   * and stores the changed snapshots. Returns the last id looked at (null: none was left), how
   * many, and the ids of the changed ones.
   */
  recompute(afterId: string, limit: number): { lastId: string | null; count: number; changed: string[] };
  /** How many open tickets a recompute walks. */
  openCount(): number;
}

interface EventRow {
  kind: SlaEvent['kind'];
  from_value: string | null;
  to_value: string | null;
  at: number;
  actor_kind: string | null;
}

interface SliceRow {
  id: string;
  priority: Ticket['priority'];
  channel: Ticket['channel'];
  type: Ticket['type'];
  team_id: string;
  tags: string;
  account_id: string | null;
  requester_id: string;
  sla: string | null;
}

const toSlaEvent = (e: EventRow): SlaEvent => ({
  kind: e.kind,
  from: e.from_value === null ? null : (JSON.parse(e.from_value) as SlaEvent['from']),
  to: e.to_value === null ? null : (JSON.parse(e.to_value) as SlaEvent['to']),
  at: e.at,
  ...(e.actor_kind === null ? {} : { actorKind: e.actor_kind as SlaEvent['actorKind'] }),
});

export function createTicketSlaRefresher(db: Database, store: RecordStore): TicketSlaRefresher {
  const rules = createSlaRulesReader(db, store);
  // Only the kinds the clock reads (most of a log is others: assignments, tags, sla records),
  // ordered as the server orders them (at, then id), so ties read the same on both sides. The
  // snapshot is still as of the latest event of any kind.
  const kinds = `kind IN (${[...SLA_CLOCK_EVENT_KINDS].map((k) => `'${k}'`).join(', ')})`;
  const eventsOf = db.prepare<[string], EventRow>(
    `SELECT kind, from_value, to_value, at, actor_kind FROM ticket_events WHERE ticket_id = ? AND ${kinds} ORDER BY at, id`,
  );
  const latestOf = db.prepare<[string], number | null>('SELECT max(at) FROM ticket_events WHERE ticket_id = ?').pluck();
  const ticketOfEvent = db.prepare<[string], string>('SELECT ticket_id FROM ticket_events WHERE id = ?').pluck();
  const ticketOfMessage = db.prepare<[string], string>('SELECT ticket_id FROM messages WHERE id = ?').pluck();
  // What a recompute reads of a ticket: what the policies' conditions read, and the stored snapshot
  // as text (compared as text, not parsed). Most tickets change after an edit; only those are written.
  // The open tickets are walked in the board's copy of the unsolved ones (migration 023), by its id
  // index: walking `tickets` by id passed every solved ticket too, fifteen for each open one at 1M.
  const openAfter = db.prepare<[string, number], SliceRow>(
    `SELECT t.id, t.priority, t.channel, t.type, t.team_id, t.tags, t.account_id, t.requester_id, t.sla
       FROM board_tickets b JOIN tickets t ON t.id = b.id WHERE b.id > ? ORDER BY b.id LIMIT ?`,
  );
  // The columns withSla sets; nothing else of the ticket (nor its search entry or tags) changes.
  const writeSla = db.prepare<[string | null, string | null, number | null, number | null, number | null, string]>(
    'UPDATE tickets SET sla = ?, sla_policy_id = ?, first_reply_due_at = ?, next_reply_due_at = ?, resolution_due_at = ? WHERE id = ?',
  );
  // A slice's logs in one statement (ticket by ticket, each in the order above), not one per ticket.
  const eventsOfMany = db.prepare<[string], EventRow & { ticket_id: string }>(
    `SELECT ticket_id, kind, from_value, to_value, at, actor_kind FROM ticket_events
      WHERE ticket_id IN (SELECT value FROM json_each(?)) AND ${kinds} ORDER BY ticket_id, at, id`,
  );
  const latestOfMany = db.prepare<[string], { ticket_id: string; at: number }>(
    'SELECT ticket_id, max(at) AS at FROM ticket_events WHERE ticket_id IN (SELECT value FROM json_each(?)) GROUP BY ticket_id',
  );
  const openCount = db.prepare<[], number>('SELECT count(*) FROM board_tickets').pluck();

  function ticketIds(touched: Touched): Set<string> {
    const ids = new Set(touched.get('ticket'));
    for (const id of touched.get('ticket_event') ?? []) {
      const ticketId = ticketOfEvent.get(id);
      if (ticketId) ids.add(ticketId);
    }
    for (const id of touched.get('message') ?? []) {
      const ticketId = ticketOfMessage.get(id);
      if (ticketId) ids.add(ticketId);
    }
    return ids;
  }

  /** Facts lookups of one batch: a slice's tickets share a few thousand accounts and requesters. */
  function lookups() {
    const accounts = new Map<string, Account | null>();
    const contacts = new Map<string, Contact | null>();
    return {
      account: (id: string | null) => {
        if (id === null) return null;
        let a = accounts.get(id);
        if (a === undefined) accounts.set(id, (a = store.get('account', id)));
        return a;
      },
      contact: (id: string) => {
        let c = contacts.get(id);
        if (c === undefined) contacts.set(id, (c = store.get('contact', id)));
        return c;
      },
    };
  }

  function computeAndWrite(
    ticket: Ticket,
    events: SlaEvent[],
    latestAt: number | null,
    current: SlaRules,
    look: ReturnType<typeof lookups>,
    write: (t: Ticket) => void,
  ) {
    const facts = ticketFacts(ticket, look.account(ticket.accountId), look.contact(ticket.requesterId));
    const asOf = Math.max(slaAsOf(events), latestAt ?? 0);
    const sla = ticketSla(facts, events, current.policies, current.calendars, asOf);
    if (slaChanged(ticket, sla)) write(withSla(ticket, sla));
  }

  return {
    refresh(touched, write) {
      const ids = ticketIds(touched);
      if (!ids.size) return;
      const current = rules();
      const look = lookups();
      for (const id of ids) {
        const ticket = store.get('ticket', id);
        if (!ticket) continue;
        computeAndWrite(ticket, eventsOf.all(id).map(toSlaEvent), latestOf.get(id) ?? null, current, look, write);
      }
    },

    recompute(afterId, limit) {
      const rows = openAfter.all(afterId, limit);
      if (!rows.length) return { lastId: null, count: 0, changed: [] };
      const ids = rows.map((r) => r.id);
      const logs = new Map<string, SlaEvent[]>();
      for (const row of eventsOfMany.all(JSON.stringify(ids))) {
        let log = logs.get(row.ticket_id);
        if (!log) logs.set(row.ticket_id, (log = []));
        log.push(toSlaEvent(row));
      }
      const latest = new Map(latestOfMany.all(JSON.stringify(ids)).map((r) => [r.ticket_id, r.at]));
      const current = rules();
      const look = lookups();
      const changed: string[] = [];
      for (const row of rows) {
        const ticket = {
          priority: row.priority,
          channel: row.channel,
          type: row.type,
          teamId: row.team_id,
          tags: JSON.parse(row.tags) as string[],
        };
        const events = logs.get(row.id) ?? [];
        const facts = ticketFacts(ticket, look.account(row.account_id), look.contact(row.requester_id));
        const asOf = Math.max(slaAsOf(events), latest.get(row.id) ?? 0);
        const sla = ticketSla(facts, events, current.policies, current.calendars, asOf);
        const text = sla === null ? null : JSON.stringify(sla);
        if (text === row.sla) continue;
        const f = slaFields(sla);
        writeSla.run(text, f.slaPolicyId, f.firstReplyDueAt, f.nextReplyDueAt, f.resolutionDueAt, row.id);
        changed.push(row.id);
      }
      return { lastId: ids.at(-1)!, count: ids.length, changed };
    },

    openCount: () => openCount.get() ?? 0,
  };
}
