/**
 * The server's side of the SLA engine, run by the commit path (server/sync/commit.ts) on every
 * batch before its writes land: each ticket the batch touched (itself, its messages or events)
 * gets its snapshot computed again from its event log (as kept beside it: clock-log.ts), exactly as Core computes it
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
import {
  SLA_ACTOR,
  slaBreachKey,
  slaChanged,
  ticketFacts,
  ticketSla,
  transitionKey,
  unrecordedTransitions,
  withSla,
} from '../../shared/sla/ticket-sla.ts';
import { enqueueAll, type NewJob } from '../jobs/enqueue.ts';
import type { Batch } from '../sync/pg-mutator-tx.ts';
import { key, type Row } from '../sync/record-writer.ts';
import { slaBreachJob } from './sla-breach-job.ts';
import { scheduleSlaRecompute } from './sla-recompute-job.ts';
import { readSlaRules } from './policies.ts';
import { clockLogOf, extendClockLog, readClockLogs, writeClockLogs, type ClockLog } from './clock-log.ts';

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
 * computes every open ticket again (sla-recompute-job.ts). Each ticket's clock comes from the one
 * kept beside it (clock-log.ts) with the batch's new events, or from its whole log when it has none.
 */
export async function refreshTicketSla(batch: Batch, now: number, also: readonly string[] = []): Promise<void> {
  await scheduleSlaRecompute(batch, now);
  const ids = touchedTickets(batch);
  for (const id of also) ids.add(id);
  if (!ids.size) return;
  const tenantId = batch.tenantId;
  await batch.load([...ids].map((id) => ({ kind: 'row' as const, entity: 'ticket' as const, id })));
  const current = (entity: string, id: string): Row | null => {
    const k = key(entity, id);
    const w = batch.written.get(k);
    return w ? w.row : (batch.stored.get(k) ?? null);
  };
  const tickets = [...ids].flatMap((id) => (current('ticket', id) as Ticket | null) ?? []);
  const added = writtenEvents(batch);
  const clocks = await clocksOf(batch, tickets, added);
  await batch.load(
    tickets.flatMap((t) => [
      { kind: 'row' as const, entity: 'contact' as const, id: t.requesterId },
      ...(t.accountId ? [{ kind: 'row' as const, entity: 'account' as const, id: t.accountId }] : []),
    ]),
  );
  const rules = await readSlaRules(batch.q, tenantId);
  const actor = eventActor(systemActor(SLA_ACTOR, tenantId));
  // Every breach job of the batch, enqueued together at the end: one round trip, not one per timer.
  const jobs: NewJob<unknown>[] = [];

  for (const ticket of tickets) {
    const clock = clocks.get(ticket.id) as ClockLog;
    const account = ticket.accountId ? (current('account', ticket.accountId) as Account | null) : null;
    const requester = current('contact', ticket.requesterId) as Contact | null;
    const asOf = clock.asOf;
    const sla = ticketSla(ticketFacts(ticket, account, requester), clock.steps, rules.policies, rules.calendars, asOf);
    if (slaChanged(ticket, sla))
      batch.written.set(key('ticket', ticket.id), { entity: 'ticket', id: ticket.id, row: withSla(ticket, sla) as Row });
    for (const t of unrecordedTransitions(sla, clock.recorded)) {
      // Named by the transition, so finding it again (a retried commit) names the same record.
      const id = deterministicId('sla-event', tenantId, ticket.id, t.metric, t.state, t.startedAt);
      const event: TicketEvent = { id, tenantId, ticketId: ticket.id, kind: 'sla', ...actor, from: null, to: { ...t }, at: asOf };
      batch.written.set(key('ticket_event', id), { entity: 'ticket_event', id, row: event as unknown as Row });
      // The kept clock holds what the log will hold: an sla event moves no step and keeps asOf.
      clock.recorded.add(transitionKey(t));
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
  await writeClockLogs(batch.q, tenantId, clocks);
  await enqueueAll(batch.q, jobs, now);
}

/**
 * The events this batch wrote, by ticket. Events are only ever added (each mutation and each
 * transition names a new one), so these are the ones the kept clocks do not hold yet.
 */
function writtenEvents(batch: Batch): Map<string, TicketEvent[]> {
  const byTicket = new Map<string, TicketEvent[]>();
  for (const w of batch.written.values()) {
    const ticketId = w.row?.ticketId;
    if (w.entity !== 'ticket_event' || typeof ticketId !== 'string') continue;
    const list = byTicket.get(ticketId);
    if (list) list.push(w.row as unknown as TicketEvent);
    else byTicket.set(ticketId, [w.row as unknown as TicketEvent]);
  }
  return byTicket;
}

/**
 * Each ticket's clock: the kept one extended by the batch's events, else (none kept, or a new step
 * at a kept step's instant) from its whole log, the stored events and the batch's, read for those
 * tickets only.
 */
async function clocksOf(
  batch: Batch,
  tickets: readonly Ticket[],
  added: ReadonlyMap<string, TicketEvent[]>,
): Promise<Map<string, ClockLog>> {
  const kept = await readClockLogs(
    batch.q,
    batch.tenantId,
    tickets.map((t) => t.id),
  );
  const clocks = new Map<string, ClockLog>();
  const unread: string[] = [];
  for (const { id } of tickets) {
    const log = kept.get(id);
    const clock = log && extendClockLog(log, added.get(id) ?? []);
    if (clock) clocks.set(id, clock);
    else unread.push(id);
  }
  await batch.load(unread.map((ticketId) => ({ kind: 'events' as const, ticketId })));
  for (const id of unread) {
    const events: TicketEvent[] = [...(added.get(id) ?? [])];
    const written = new Set(events.map((e) => key('ticket_event', e.id)));
    for (const k of batch.eventsRead.get(id) ?? []) {
      const row = batch.stored.get(k);
      if (row && !written.has(k)) events.push(row as unknown as TicketEvent);
    }
    clocks.set(id, clockLogOf(events));
  }
  return clocks;
}
