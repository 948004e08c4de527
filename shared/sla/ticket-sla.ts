/**
 * A ticket's SLA snapshot: the policy that covers it (the first in order whose conditions hold),
 * that policy's timers from the ticket's event log (clock.ts), and the figures the queues sort and
 * filter by. Core stores it on every change it makes or pulls, the server on every commit, and
 * the server's wins on sync; both call this one function with the same inputs, so they agree.
 *
 * The snapshot is computed as of the ticket's latest event (`slaAsOf`), not the wall clock: it is
 * then a function of the log alone, identical whenever and wherever it is computed. What time does
 * to it afterwards (a running timer passing its at-risk or due instant) is read against the clock
 * by whoever shows it (`slaStateAt`); the server records each breach as an event when it happens.
 */
import type { Account, Contact, SlaTimerSnapshot, Ticket, TicketEvent, TicketSla } from '../domain/records.ts';
import { slaClock, type ClockStep, type SlaEvent, type SlaTimer } from './clock.ts';
import type { CalendarSpec } from './calendar.ts';
import { matchesConditions, type SlaPolicySpec, type TicketFacts } from './policy.ts';
import { SLA_METRICS, type SlaMetric } from './target.ts';
import { ticketEventChange } from '../domain/ticket-events.ts';
import { sameJson } from '../json-equal.ts';

/** A policy as the engine reads it, with the record and version it came from. */
export interface SlaPolicyVersion {
  id: string;
  version: number;
  spec: SlaPolicySpec;
  /** The calendar its business-hour targets count on; null: around the clock. */
  calendarId: string | null;
}

export interface SlaCalendarVersion {
  id: string;
  version: number;
  spec: CalendarSpec;
}

/** What a policy's conditions read of a ticket, its account and its requester. */
export function ticketFacts(
  ticket: Pick<Ticket, 'priority' | 'channel' | 'type' | 'teamId' | 'tags'>,
  account: Pick<Account, 'tier'> | null,
  requester: Pick<Contact, 'customerType'> | null,
): TicketFacts {
  return {
    priority: ticket.priority,
    channel: ticket.channel,
    type: ticket.type,
    teamId: ticket.teamId,
    tags: ticket.tags,
    accountTier: account?.tier ?? null,
    customerType: requester?.customerType ?? null,
  };
}

/**
 * The ticket with its snapshot and the fields read from it: the policy, and each due time of a
 * timer still counting (the due sort's key). Both sides write exactly these.
 */
export function withSla(ticket: Ticket, sla: TicketSla | null): Ticket {
  return { ...ticket, sla, ...slaFields(sla) };
}

/** The ticket fields read from its snapshot (besides the snapshot itself). */
export function slaFields(sla: TicketSla | null): Pick<Ticket, 'slaPolicyId' | 'firstReplyDueAt' | 'nextReplyDueAt' | 'resolutionDueAt'> {
  const due = (t: SlaTimerSnapshot | null | undefined) => (t && isCounting(t) ? t.dueAt : null);
  return {
    slaPolicyId: sla?.policyId ?? null,
    firstReplyDueAt: due(sla?.firstReply),
    nextReplyDueAt: due(sla?.nextReply),
    resolutionDueAt: due(sla?.resolution),
  };
}

/** Whether writing `sla` would change the ticket (a recomputation that finds the same writes nothing). */
export function slaChanged(ticket: Ticket, sla: TicketSla | null): boolean {
  return !sameJson(ticket.sla ?? null, sla);
}

/** The instant a snapshot is computed for: the latest event of the log (0 for an empty log). */
export function slaAsOf(events: readonly Pick<SlaEvent, 'at'>[]): number {
  return events.reduce((latest, e) => Math.max(latest, e.at), 0);
}

function snapshotOf(timer: SlaTimer | null): SlaTimerSnapshot | null {
  if (!timer) return null;
  const { state, target, startedAt, dueAt, atRiskAt, pausedSince, stoppedAt } = timer;
  return { state, target, startedAt, dueAt, atRiskAt, pausedSince, stoppedAt };
}

/** Whether a timer still counts: running, or breached and not yet stopped (it stays overdue). */
export function isCounting(t: SlaTimerSnapshot): boolean {
  return t.state === 'running' || (t.state === 'breached' && t.stoppedAt === null);
}

const earliest = (values: (number | null)[]): number | null =>
  values.reduce<number | null>((min, v) => (v === null ? min : min === null ? v : Math.min(min, v)), null);

/**
 * The snapshot of a ticket's timers as of `now` from its log's `clockSteps` (callers that store it
 * pass `slaAsOf(events)`), or null when no policy covers the ticket. `calendars` holds at least the matching policy's.
 */
export function ticketSla(
  ticket: TicketFacts,
  steps: readonly ClockStep[],
  policies: readonly SlaPolicyVersion[],
  calendars: ReadonlyMap<string, SlaCalendarVersion>,
  now: number,
): TicketSla | null {
  const policy = policies.find((p) => matchesConditions(p.spec.conditions, ticket));
  if (!policy) return null;
  const calendar = policy.calendarId === null ? null : (calendars.get(policy.calendarId) ?? null);
  // A policy counting on a calendar this side does not hold (yet) cannot be computed honestly.
  if (policy.calendarId !== null && !calendar) return null;
  const clock = slaClock({ steps, policy: policy.spec, calendar: calendar?.spec ?? null, now });
  const timers = Object.fromEntries(SLA_METRICS.map((m) => [m, snapshotOf(clock[m])])) as Record<SlaMetric, SlaTimerSnapshot | null>;
  const present = SLA_METRICS.map((m) => timers[m]).filter((t): t is SlaTimerSnapshot => t !== null);
  return {
    policyId: policy.id,
    policyVersion: policy.version,
    calendarId: calendar?.id ?? null,
    calendarVersion: calendar?.version ?? null,
    asOf: now,
    ...timers,
    nextDueAt: earliest(present.filter(isCounting).map((t) => t.dueAt)),
    atRiskAt: earliest(present.filter((t) => t.state === 'running').map((t) => t.atRiskAt)),
    breached: present.some((t) => t.state === 'breached'),
  };
}

/** How a timer reads at `now`: a stored running timer past its due instant has breached since. */
export type SlaLiveState = 'running' | 'at_risk' | 'paused' | 'met' | 'breached';

export function slaStateAt(t: SlaTimerSnapshot, now: number): SlaLiveState {
  if (t.state !== 'running') return t.state;
  if (t.dueAt !== null && now > t.dueAt) return 'breached';
  if (t.atRiskAt !== null && now >= t.atRiskAt) return 'at_risk';
  return 'running';
}

/** The whole ticket at `now`: breached if any timer is, else at risk if any is, else null. */
export function ticketSlaStateAt(sla: TicketSla | null, now: number): 'breached' | 'at_risk' | null {
  if (!sla) return null;
  const states = SLA_METRICS.flatMap((m) => (sla[m] ? [slaStateAt(sla[m], now)] : []));
  if (states.includes('breached')) return 'breached';
  return states.includes('at_risk') ? 'at_risk' : null;
}

/** The system actor that records SLA outcomes (the server's commit path and breach jobs, the demo). */
export const SLA_ACTOR = 'automation:sla';

/** A target newly met or breached: what an `sla` event records (shared/domain/ticket-events.ts). */
export interface SlaTransition {
  metric: SlaMetric;
  state: 'met' | 'breached';
  /** The timer's cycle start: with the metric and state it names the transition. */
  startedAt: number;
  /** When it was due (breached) or would have been (met). */
  dueAt: number | null;
}

/** Names what an `sla` event records (a target met or breached, among others), as the events and the timers both give it. */
export function transitionKey(t: { metric: SlaMetric; state: string; startedAt: number }): string {
  return `${t.metric}:${t.state}:${t.startedAt}`;
}

/** The keys (`transitionKey`) of the targets met or breached that the `sla` events of `events` record. */
export function recordedTransitions(events: readonly Pick<TicketEvent, 'kind' | 'from' | 'to'>[]): Set<string> {
  const recorded = new Set<string>();
  for (const e of events) {
    // Only an sla event can record one: the others are not parsed (most of a log).
    if (e.kind !== 'sla') continue;
    const change = ticketEventChange(e);
    if (change?.kind === 'sla') recorded.add(transitionKey(change.to));
  }
  return recorded;
}

/**
 * The targets met or breached in `sla` that the log has no `sla` event for yet (`recorded`: its
 * `recordedTransitions`). The log is the record: each cycle's met or breach is written once,
 * whoever finds it first (a commit, the breach job) and however often the snapshot is computed again.
 */
export function unrecordedTransitions(sla: TicketSla | null, recorded: ReadonlySet<string>): SlaTransition[] {
  if (!sla) return [];
  return SLA_METRICS.flatMap((metric) => {
    const t = sla[metric];
    if (!t || (t.state !== 'met' && t.state !== 'breached')) return [];
    if (recorded.has(transitionKey({ metric, state: t.state, startedAt: t.startedAt }))) return [];
    return [{ metric, state: t.state, startedAt: t.startedAt, dueAt: t.dueAt }];
  });
}

/** The idempotency key of a breach: the same effect whether a commit or the breach job finds it. */
export function slaBreachKey(ticketId: string, metric: SlaMetric, dueAt: number | null): string {
  return `sla-breach:${ticketId}:${metric}:${dueAt ?? 'none'}`;
}
