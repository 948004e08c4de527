/**
 * Core's side of the SLA engine: after every change it makes (a mutation, a replay) or pulls, the
 * tickets touched get their snapshot computed again from their event log, offline too, so a reply
 * stops the first-reply clock at once. The server computes the same snapshot on commit
 * (server/sla/ticket-sla.ts) and its rows win on sync; they are equal, so nothing flickers.
 */
import type { Database } from 'better-sqlite3';
import type { Ticket } from '../../../../shared/domain/records.ts';
import type { SlaEvent } from '../../../../shared/sla/clock.ts';
import { slaAsOf, slaChanged, ticketFacts, ticketSla, withSla } from '../../../../shared/sla/ticket-sla.ts';
import type { RecordStore } from '../../sync/record-store.ts';
import type { Touched } from '../../sync/sqlite-tx.ts';
import { createSlaRulesReader } from './sla-policies.ts';

export interface TicketSlaRefresher {
  /** Recomputes the snapshots of the tickets `touched` names (directly or by their events); `write` stores a changed one. */
  refresh(touched: Touched, write: (ticket: Ticket) => void): void;
}

export function createTicketSlaRefresher(db: Database, store: RecordStore): TicketSlaRefresher {
  const rules = createSlaRulesReader(db, store);
  // Ordered as the server orders them (at, then id), so ties read the same on both sides.
  const eventsOf = db.prepare<
    [string],
    { kind: SlaEvent['kind']; from_value: string | null; to_value: string | null; at: number; actor_kind: string | null }
  >('SELECT kind, from_value, to_value, at, actor_kind FROM ticket_events WHERE ticket_id = ? ORDER BY at, id');
  const ticketOfEvent = db.prepare<[string], string>('SELECT ticket_id FROM ticket_events WHERE id = ?').pluck();
  const ticketOfMessage = db.prepare<[string], string>('SELECT ticket_id FROM messages WHERE id = ?').pluck();

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

  return {
    refresh(touched, write) {
      const ids = ticketIds(touched);
      if (!ids.size) return;
      const { policies, calendars } = rules();
      for (const id of ids) {
        const ticket = store.get('ticket', id);
        if (!ticket) continue;
        const events: SlaEvent[] = eventsOf.all(id).map((e) => ({
          kind: e.kind,
          from: e.from_value === null ? null : (JSON.parse(e.from_value) as SlaEvent['from']),
          to: e.to_value === null ? null : (JSON.parse(e.to_value) as SlaEvent['to']),
          at: e.at,
          ...(e.actor_kind === null ? {} : { actorKind: e.actor_kind as SlaEvent['actorKind'] }),
        }));
        const account = ticket.accountId ? store.get('account', ticket.accountId) : null;
        const requester = store.get('contact', ticket.requesterId);
        const sla = ticketSla(ticketFacts(ticket, account, requester), events, policies, calendars, slaAsOf(events));
        if (slaChanged(ticket, sla)) write(withSla(ticket, sla));
      }
    },
  };
}
