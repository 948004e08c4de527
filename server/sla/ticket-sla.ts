/**
 * The server's side of the SLA engine, run by the commit path (server/sync/commit.ts) on every
 * batch before its writes land: each ticket the batch touched (itself, its messages or events)
 * gets its snapshot computed again from its whole event log, exactly as Core computes it
 * (electron/core/areas/tickets/ticket-sla.ts), and the server's snapshot is what syncs. A target
 * newly met or breached is recorded once as an `sla` event by the automation:sla system actor, and
 * every running timer has a breach job waiting at its due instant (sla-breach-job.ts), which
 * records a breach no commit is there to find; every breach, whoever records it, gets its policy's
 * breach actions from that job.
 */
import { eventActor, systemActor } from '../../shared/domain/actors.ts';
import type { Account, Contact, Ticket, TicketEvent } from '../../shared/domain/records.ts';
import { deterministicId } from '../../shared/ids.ts';
import { SLA_METRICS } from '../../shared/sla/target.ts';
import { clockSteps } from '../../shared/sla/clock.ts';
import {
  SLA_ACTOR,
  slaAsOf,
  slaBreachKey,
  slaChanged,
  ticketFacts,
  ticketSla,
  unrecordedTransitions,
  withSla,
} from '../../shared/sla/ticket-sla.ts';
import { enqueueAll, type NewJob } from '../jobs/enqueue.ts';
import type { Batch } from '../sync/pg-mutator-tx.ts';
import { key, type Row } from '../sync/record-writer.ts';
import { slaBreachJob } from './sla-breach-job.ts';
import { scheduleSlaRecompute } from './sla-recompute-job.ts';
import { readSlaRules } from './policies.ts';
import { inLogOrder } from '../../shared/domain/log-order.ts';

/** The tickets a batch's writes are about: the tickets themselves and their messages' and events' tickets. */
function touchedTickets(batch: Batch): Set<string> {
  const ids = new Set<string>();
  for (const w of batch.written.values()) {
    if (w.entity === 'ticket' && w.row) ids.add(w.id);
    else if ((w.entity === 'ticket_event' || w.entity === 'message') && typeof w.row?.ticketId === 'string') ids.add(w.row.ticketId);
  }
  return ids;
}

/**
 * Adds to the batch's writes each touched ticket's snapshot (and those of `also`), its unrecorded
 * SLA events, and its breach jobs; a batch that edits a calendar or a policy also gets the job that
 * computes every open ticket again (sla-recompute-job.ts).
 */
export async function refreshTicketSla(batch: Batch, now: number, also: readonly string[] = []): Promise<void> {
  await scheduleSlaRecompute(batch, now);
  const ids = touchedTickets(batch);
  for (const id of also) ids.add(id);
  if (!ids.size) return;
  const tenantId = batch.tenantId;
  await batch.load(
    [...ids].flatMap((id) => [
      { kind: 'row' as const, entity: 'ticket' as const, id },
      { kind: 'events' as const, ticketId: id },
    ]),
  );
  const current = (entity: string, id: string): Row | null => {
    const k = key(entity, id);
    const w = batch.written.get(k);
    return w ? w.row : (batch.stored.get(k) ?? null);
  };
  const tickets = [...ids].flatMap((id) => (current('ticket', id) as Ticket | null) ?? []);
  await batch.load(
    tickets.flatMap((t) => [
      { kind: 'row' as const, entity: 'contact' as const, id: t.requesterId },
      ...(t.accountId ? [{ kind: 'row' as const, entity: 'account' as const, id: t.accountId }] : []),
    ]),
  );
  const rules = await readSlaRules(batch.q, tenantId);
  const actor = eventActor(systemActor(SLA_ACTOR, tenantId));
  const logs = eventLogs(batch, tickets);
  // Every breach job of the batch, enqueued together at the end: one round trip, not one per timer.
  const jobs: NewJob<unknown>[] = [];

  for (const ticket of tickets) {
    const events = logs.get(ticket.id) ?? [];
    const account = ticket.accountId ? (current('account', ticket.accountId) as Account | null) : null;
    const requester = current('contact', ticket.requesterId) as Contact | null;
    const asOf = slaAsOf(events);
    const sla = ticketSla(ticketFacts(ticket, account, requester), clockSteps(events), rules.policies, rules.calendars, asOf);
    if (slaChanged(ticket, sla))
      batch.written.set(key('ticket', ticket.id), { entity: 'ticket', id: ticket.id, row: withSla(ticket, sla) as Row });
    for (const t of unrecordedTransitions(sla, events)) {
      // Named by the transition, so finding it again (a retried commit) names the same record.
      const id = deterministicId('sla-event', tenantId, ticket.id, t.metric, t.state, t.startedAt);
      const event: TicketEvent = { id, tenantId, ticketId: ticket.id, kind: 'sla', ...actor, from: null, to: { ...t }, at: asOf };
      batch.written.set(key('ticket_event', id), { entity: 'ticket_event', id, row: event as unknown as Row });
      // A breach this commit found (a priority raised past the time counted, or a commit just after
      // the due instant) still gets its policy's breach actions: by the job of that due instant,
      // the one already waiting when the timer ran to it, else a new one due at once.
      if (t.state === 'breached' && t.dueAt !== null)
        jobs.push({
          kind: slaBreachJob,
          tenantId,
          payload: { ticketId: ticket.id, metric: t.metric, startedAt: t.startedAt, dueAt: t.dueAt },
          dedupeKey: slaBreachKey(ticket.id, t.metric, t.dueAt),
          runAt: now,
        });
    }
    // A breach nobody is there to see: the job at the due instant records it (one per due instant).
    for (const metric of SLA_METRICS) {
      const timer = sla?.[metric];
      if (timer?.state !== 'running' || timer.dueAt === null) continue;
      jobs.push({
        kind: slaBreachJob,
        tenantId,
        payload: { ticketId: ticket.id, metric, startedAt: timer.startedAt, dueAt: timer.dueAt },
        dedupeKey: slaBreachKey(ticket.id, metric, timer.dueAt),
        // Breached means running after the due instant.
        runAt: timer.dueAt + 1,
      });
    }
  }
  await enqueueAll(batch.q, jobs, now);
}

/**
 * Each ticket's events, stored and written by this batch, in the order both sides read them (at,
 * then id). The batch's written events are grouped once: a written event replaces the stored one
 * of its key, and one deleted or moved to another ticket leaves its old ticket's log.
 */
function eventLogs(batch: Batch, tickets: readonly Ticket[]): Map<string, TicketEvent[]> {
  const writtenKeys = new Set<string>();
  const writtenOf = new Map<string, TicketEvent[]>();
  for (const [k, w] of batch.written) {
    if (w.entity !== 'ticket_event') continue;
    writtenKeys.add(k);
    const ticketId = w.row?.ticketId;
    if (typeof ticketId !== 'string') continue;
    const list = writtenOf.get(ticketId);
    if (list) list.push(w.row as unknown as TicketEvent);
    else writtenOf.set(ticketId, [w.row as unknown as TicketEvent]);
  }
  const logs = new Map<string, TicketEvent[]>();
  for (const { id } of tickets) {
    const events: TicketEvent[] = [...(writtenOf.get(id) ?? [])];
    for (const k of batch.eventsRead.get(id) ?? []) {
      const row = batch.stored.get(k);
      if (row && !writtenKeys.has(k)) events.push(row as unknown as TicketEvent);
    }
    logs.set(id, events.sort(inLogOrder));
  }
  return logs;
}
