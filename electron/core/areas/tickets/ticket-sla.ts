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
import { clockSteps, SLA_CLOCK_EVENT_KINDS, type ClockStep, type SlaEvent } from '../../../../shared/sla/clock.ts';
import { slaAsOf, slaChanged, slaFields, ticketFacts, ticketSla, withSla } from '../../../../shared/sla/ticket-sla.ts';
import type { RecordStore } from '../../sync/record-store.ts';
import type { Touched } from '../../sync/sqlite-tx.ts';
import { decodeClockSteps } from '../../../../shared/sla/clock-codec.ts';
import { createSlaRulesReader, type SlaRules } from './sla-policies.ts';

export interface TicketSlaRefresher {
  /** Recomputes the snapshots of the tickets `touched` names (directly or by their events); `write` stores a changed one. */
  refresh(touched: Touched, write: (ticket: Ticket) => void): void;
  /**
   * Looks at the open (unsolved) tickets after `ask.afterId` in id order, at most `ask.limit` of
   * them, and recomputes and stores the changed snapshots. `ask.calendars`: only the tickets whose
   * snapshot counts on one of these calendars, or that have none, are recomputed (the others are
   * passed over); null: every open ticket. `walked`: those tickets' rows as `openSlice` reads them,
   * read ahead on another connection by a caller that knows nothing wrote them since; absent, they
   * are read here. Returns the last id looked at (null: none was left), how many were looked at,
   * and the ids of the changed ones.
   */
  recompute(ask: OpenSliceAsk, walked?: readonly OpenSliceRow[]): { lastId: string | null; count: number; changed: string[] };
  /** The statement that reads a recompute's slice, and its parameters: what a read-ahead runs. */
  openSlice: { sql: string; params(ask: OpenSliceAsk): Record<string, unknown> };
  /** How many open tickets a recompute walks (scoped or not: it looks at each of them). */
  openCount(): number;
}

interface EventRow {
  kind: SlaEvent['kind'];
  to_value: string | null;
  at: number;
  actor_kind: string | null;
}

/** A slice of a recompute's walk over the open tickets. */
export interface OpenSliceAsk {
  afterId: string;
  limit: number;
  calendars: readonly string[] | null;
}

/** What a recompute reads of each open ticket it walks. */
export interface OpenSliceRow {
  id: string;
  /** The row's own key: the write goes straight to it, not through the id index again. */
  row: number;
  priority: Ticket['priority'];
  channel: Ticket['channel'];
  type: Ticket['type'];
  team_id: string;
  tags: string;
  /** The account's tier and the requester's customer type: what the policies' conditions read of them. */
  tier: Account['tier'] | null;
  customer_type: Contact['customerType'] | null;
  /** The instant of the ticket's latest event of any kind (Core migration 024 keeps it exact). */
  last_event_at: number | null;
  /** Its clock steps as kept beside its fold (migration 025); null when the fold is stale. */
  clock: string | null;
  sla: string | null;
  /** 1 when a scoped recompute reaches it (its snapshot counts on an edited calendar, or it has none). */
  in_scope: 0 | 1;
}

const toSlaEvent = (e: EventRow): SlaEvent => ({
  kind: e.kind,
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
    `SELECT kind, to_value, at, actor_kind FROM ticket_events WHERE ticket_id = ? AND ${kinds} ORDER BY at, id`,
  );
  const latestOf = db.prepare<[string], number | null>('SELECT max(at) FROM ticket_events WHERE ticket_id = ?').pluck();
  const ticketOfEvent = db.prepare<[string], string>('SELECT ticket_id FROM ticket_events WHERE id = ?').pluck();
  const ticketOfMessage = db.prepare<[string], string>('SELECT ticket_id FROM messages WHERE id = ?').pluck();
  // What a recompute reads of a ticket: what the policies' conditions read (of the ticket, its
  // account and its requester, joined here rather than each record read whole), its latest event's
  // instant, its kept clock steps where they stand for its events (its fold is current: migration
  // 025), and the stored snapshot as text (compared as text, not parsed). Most tickets change
  // after an edit; only those are written. The open tickets are walked in the board's copy of the
  // unsolved ones (migration 023), by its id index: walking `tickets` by id passed every solved
  // ticket too, fifteen for each open one at 1M. (The copy's own order, assignee first, would
  // rewrite each of its pages once rather than once per ticket, but loses the id order's nearness
  // of the tickets' rows and folds: slower at 1M, measured.) The account's tier and the
  // requester's customer type are read through indexes of their own (migration 026), not the
  // records' rows.
  // `inScope`: the calendars of a scoped recompute as a JSON array, or null for every ticket. It is
  // read with the row rather than filtered on: the walk counts every open ticket it passes, so
  // its progress needs only the board's count, not one that reads every open ticket's snapshot
  // (a quarter of a second at 1M, in the edit's own transaction).
  const inScope = `(@calendars IS NULL OR t.sla IS NULL OR t.sla ->> '$.calendarId' IN (SELECT value FROM json_each(@calendars)))`;
  const openSliceSql = `SELECT t.id, t.rowid AS row, t.priority, t.channel, t.type, t.team_id, t.tags, a.tier, c.customer_type, f.last_event_at,
            CASE WHEN f.log IS NOT NULL THEN f.clock END AS clock, t.sla, ${inScope} AS in_scope
       FROM board_tickets b JOIN tickets t ON t.id = b.id
       LEFT JOIN accounts a INDEXED BY accounts_tier_of ON a.id = t.account_id
       LEFT JOIN contacts c INDEXED BY contacts_customer_type_of ON c.id = t.requester_id
       LEFT JOIN folded_logs f ON f.ticket_id = t.id
      WHERE b.id > @afterId ORDER BY b.id LIMIT @limit`;
  const openSliceParams = ({ afterId, limit, calendars }: OpenSliceAsk) => ({
    afterId,
    limit,
    calendars: calendars === null ? null : JSON.stringify(calendars),
  });
  const openAfter = db.prepare<[ReturnType<typeof openSliceParams>], OpenSliceRow>(openSliceSql);
  // The columns withSla sets; nothing else of the ticket (nor its search entry or tags) changes.
  const writeSla = db.prepare<[string | null, string | null, number | null, number | null, number | null, number]>(
    'UPDATE tickets SET sla = ?, sla_policy_id = ?, first_reply_due_at = ?, next_reply_due_at = ?, resolution_due_at = ? WHERE rowid = ?',
  );
  // A slice's logs in one statement (ticket by ticket, each in the order above), not one per ticket.
  const eventsOfMany = db.prepare<[string], EventRow & { ticket_id: string }>(
    `SELECT ticket_id, kind, to_value, at, actor_kind FROM ticket_events
      WHERE ticket_id IN (SELECT value FROM json_each(?)) AND ${kinds} ORDER BY ticket_id, at, id`,
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
    const sla = ticketSla(facts, clockSteps(events), current.policies, current.calendars, asOf);
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

    recompute(ask, walked = openAfter.all(openSliceParams(ask))) {
      if (!walked.length) return { lastId: null, count: 0, changed: [] };
      const rows = walked.filter((r) => r.in_scope === 1);
      // The kept steps where they stand for the events; the others' logs in one statement.
      const steps = new Map<string, ClockStep[]>();
      for (const row of rows) {
        const kept = row.clock === null ? null : decodeClockSteps(row.clock);
        if (kept) steps.set(row.id, kept);
      }
      const unkept = rows.filter((r) => !steps.has(r.id)).map((r) => r.id);
      const logs = new Map<string, SlaEvent[]>(unkept.map((id) => [id, []]));
      if (unkept.length) for (const row of eventsOfMany.all(JSON.stringify(unkept))) logs.get(row.ticket_id)!.push(toSlaEvent(row));
      for (const [id, events] of logs) steps.set(id, clockSteps(events));
      const current = rules();
      const changed: string[] = [];
      for (const row of rows) {
        const ticket = {
          priority: row.priority,
          channel: row.channel,
          type: row.type,
          teamId: row.team_id,
          tags: JSON.parse(row.tags) as string[],
        };
        const log = steps.get(row.id)!;
        const facts = ticketFacts(ticket, row.tier && { tier: row.tier }, row.customer_type && { customerType: row.customer_type });
        const asOf = Math.max(log.at(-1)?.at ?? 0, row.last_event_at ?? 0);
        const sla = ticketSla(facts, log, current.policies, current.calendars, asOf);
        const text = sla === null ? null : JSON.stringify(sla);
        if (text === row.sla) continue;
        const f = slaFields(sla);
        writeSla.run(text, f.slaPolicyId, f.firstReplyDueAt, f.nextReplyDueAt, f.resolutionDueAt, row.row);
        changed.push(row.id);
      }
      return { lastId: walked.at(-1)!.id, count: walked.length, changed };
    },

    openSlice: { sql: openSliceSql, params: openSliceParams },

    openCount: () => openCount.get() ?? 0,
  };
}
