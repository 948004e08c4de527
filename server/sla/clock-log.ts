/**
 * What the SLA step reads of a ticket's event log, kept beside the ticket (server migration 10,
 * `ticket_clocks`): its clock steps in order, the instant of its latest event, and the targets its
 * `sla` events record. A commit computes a ticket's timers from this and its own new events, and
 * writes it back, instead of reading the whole log again (it grows by an event at every change:
 * reading it was most of a push's time in the database).
 *
 * Ticket events are only ever added, and only by commits (server/sync/commit.ts), which keep this
 * row; a bulk insert of records drops the rows of the tickets it adds events to
 * (demo/bulk-records.ts), and so must any migration that rewrites events. The steps of one instant
 * are ordered by their events' ids (clockSteps over the log in `inLogOrder`), which the kept steps
 * do not carry: a new step at the instant of a kept one has its ticket's log read again, as has a
 * ticket with no row yet.
 */
import type { TicketEvent } from '../../shared/domain/records.ts';
import { inLogOrder } from '../../shared/domain/log-order.ts';
import { clockSteps, type ClockStep } from '../../shared/sla/clock.ts';
import { decodeClockSteps, encodeClockSteps } from '../../shared/sla/clock-codec.ts';
import { recordedTransitions, slaAsOf } from '../../shared/sla/ticket-sla.ts';
import type { Queryable } from '../store/db.ts';

export interface ClockLog {
  /** `clockSteps` of the log. */
  steps: ClockStep[];
  /** `slaAsOf` of the log. */
  asOf: number;
  /** `recordedTransitions` of the log. */
  recorded: Set<string>;
}

/** The clock of a whole log (in any order). */
export function clockLogOf(events: readonly TicketEvent[]): ClockLog {
  const ordered = [...events].sort(inLogOrder);
  return { steps: clockSteps(ordered), asOf: slaAsOf(ordered), recorded: recordedTransitions(ordered) };
}

/**
 * The clock of `log`'s events and `added` (events it does not hold), or null when a step of
 * `added` falls at the instant of a kept step: their order is then the ids', which only the log has.
 */
export function extendClockLog(log: ClockLog, added: readonly TicketEvent[]): ClockLog | null {
  if (!added.length) return log;
  const fresh = clockLogOf(added);
  const keptAt = new Set(log.steps.map((s) => s.at));
  if (fresh.steps.some((s) => keptAt.has(s.at))) return null;
  // Both in order and no instant shared: a merge by instant is the order of the whole log.
  const steps: ClockStep[] = [];
  let i = 0;
  for (const step of fresh.steps) {
    while (i < log.steps.length && (log.steps[i] as ClockStep).at < step.at) steps.push(log.steps[i++] as ClockStep);
    steps.push(step);
  }
  steps.push(...log.steps.slice(i));
  return { steps, asOf: Math.max(log.asOf, fresh.asOf), recorded: new Set([...log.recorded, ...fresh.recorded]) };
}

/** The kept clocks of the tickets `ids` that have one (in this version of the steps' encoding). */
export async function readClockLogs(q: Queryable, tenantId: string, ids: readonly string[]): Promise<Map<string, ClockLog>> {
  const { rows } = await q.query<{ id: string; steps: string; as_of: unknown; recorded: string }>(
    'SELECT ticket_id::text AS id, steps, as_of, recorded FROM ticket_clocks WHERE tenant_id = $1 AND ticket_id = ANY($2::uuid[])',
    [tenantId, ids],
  );
  const logs = new Map<string, ClockLog>();
  for (const r of rows) {
    const steps = decodeClockSteps(r.steps);
    if (steps) logs.set(r.id, { steps, asOf: Number(r.as_of), recorded: new Set(JSON.parse(r.recorded) as string[]) });
  }
  return logs;
}

/** Keeps `logs` (ticket id to its clock) in one statement. */
export async function writeClockLogs(q: Queryable, tenantId: string, logs: ReadonlyMap<string, ClockLog>): Promise<void> {
  if (!logs.size) return;
  const entries = [...logs];
  await q.query(
    `INSERT INTO ticket_clocks (tenant_id, ticket_id, steps, as_of, recorded)
     SELECT $1, x.id, x.steps, x.as_of, x.recorded FROM unnest($2::uuid[], $3::text[], $4::bigint[], $5::text[]) AS x (id, steps, as_of, recorded)
     ON CONFLICT (tenant_id, ticket_id) DO UPDATE SET steps = excluded.steps, as_of = excluded.as_of, recorded = excluded.recorded`,
    [
      tenantId,
      entries.map(([id]) => id),
      entries.map(([, log]) => encodeClockSteps(log.steps)),
      entries.map(([, log]) => log.asOf),
      entries.map(([, log]) => JSON.stringify([...log.recorded])),
    ],
  );
}

/** Drops the kept clocks of `ticketIds`, whose logs changed outside a commit: their next commit reads their logs. */
export async function dropClockLogs(q: Queryable, tenantId: string, ticketIds: readonly string[]): Promise<void> {
  if (ticketIds.length)
    await q.query('DELETE FROM ticket_clocks WHERE tenant_id = $1 AND ticket_id = ANY($2::uuid[])', [tenantId, ticketIds]);
}
