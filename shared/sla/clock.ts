/**
 * The SLA clock: a pure function of a ticket's event log, the policy version and calendar version
 * that apply, and the current instant. The console and the server call it with the same inputs and
 * get the same timers. The rules (when each clock starts, pauses, stops and re-targets) are in
 * docs/sla.md; this file follows them step by step.
 *
 * A timer keeps the spans during which it ran, so a new target (a priority change) is measured
 * against the whole cycle in its own kind of hours, and crossings (at risk, breached) are found
 * exactly, span by span, at the instant they happened.
 */
import { AppError } from '../contract/errors.ts';
import {
  MESSAGE_KINDS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type MessageKind,
  type TicketPriority,
  type TicketStatus,
} from '../domain/enums.ts';
import type { TicketEvent } from '../domain/records.ts';
import { addBusinessMs, businessMsBetween, MINUTE_MS } from './business-time.ts';
import type { CalendarSpec } from './calendar.ts';
import type { SlaMetric, SlaPolicySpec, SlaTarget } from './policy.ts';

export type SlaState = 'running' | 'paused' | 'met' | 'breached';

export interface SlaTimer {
  metric: SlaMetric;
  state: SlaState;
  /** The target in effect: the one for the ticket's current priority (or, once stopped, at the stop). */
  target: SlaTarget;
  startedAt: number;
  /**
   * Running: when it breaches if it keeps running. Breached: when it did. Met: when it would have
   * been due had it kept running from its stop. Paused: null (it depends on when it resumes).
   */
  dueAt: number | null;
  /** When it turned (or, running, will turn) at risk; null when paused or met before it did. */
  atRiskAt: number | null;
  pausedSince: number | null;
  stoppedAt: number | null;
  /** Time counted against the target, in the target's kind of hours. */
  elapsedMinutes: number;
  /** Target minus elapsed: negative once past due. */
  remainingMinutes: number;
}

export interface SlaClock {
  firstReply: SlaTimer | null;
  nextReply: SlaTimer | null;
  resolution: SlaTimer | null;
}

/** An event as the clock reads it: its `from` never moves a timer, so readers may leave it out. */
export type SlaEvent = Pick<TicketEvent, 'kind' | 'to' | 'at' | 'actorKind'>;

/**
 * The kinds of event the clock reads; the others (a note's tags, an assignment, an `sla` record)
 * never move a timer. Readers may leave them out of `events`, keeping the log's latest instant.
 */
export const SLA_CLOCK_EVENT_KINDS: ReadonlySet<SlaEvent['kind']> = new Set(['created', 'priority', 'status', 'message']);

/**
 * One event as the clock reads it: its instant and the few fields the rules below read. A store
 * may keep a ticket's steps (`clockSteps`) instead of its events: they are all the clock needs.
 */
export type ClockStep = { at: number } & (
  | { kind: 'created'; status: TicketStatus; priority: TicketPriority }
  | { kind: 'priority'; priority: TicketPriority }
  | { kind: 'status'; status: TicketStatus }
  /** `automated`: written by an automation, whose replies stop no clock. */
  | { kind: 'message'; message: MessageKind; automated: boolean }
);

const isOneOf =
  <T extends string>(values: readonly T[]) =>
  (v: unknown): v is T =>
    (values as readonly unknown[]).includes(v);
const isStatus = isOneOf(TICKET_STATUSES);
const isPriority = isOneOf(TICKET_PRIORITIES);
const isMessageKind = isOneOf(MESSAGE_KINDS);
const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

/**
 * The event's step, or null for an event that moves no timer or a shape this version cannot read.
 * Only the fields read are checked: checking the whole event against its schema (every id a UUID)
 * was most of an SLA recompute, for fields no timer reads. Every side reads an event this one way.
 */
function clockStep(e: SlaEvent): ClockStep | null {
  const { to, at } = e;
  switch (e.kind) {
    case 'created': {
      const status = field(to, 'status');
      const priority = field(to, 'priority');
      return isStatus(status) && isPriority(priority) ? { at, kind: 'created', status, priority } : null;
    }
    case 'priority':
      return isPriority(to) ? { at, kind: 'priority', priority: to } : null;
    case 'status':
      return isStatus(to) ? { at, kind: 'status', status: to } : null;
    case 'message': {
      const message = field(to, 'kind');
      return isMessageKind(message) ? { at, kind: 'message', message, automated: e.actorKind === 'automation' } : null;
    }
    default:
      return null;
  }
}

/**
 * A ticket's event log (in the order it was written) as the clock reads it: its steps in the order
 * they happened. Events of one mutation share an instant and their ids are hashes, so a store's
 * order among them is arbitrary: the creation goes first (nothing happens to a ticket before it
 * exists), the rest keep the order they came in.
 */
export function clockSteps(events: readonly SlaEvent[]): ClockStep[] {
  const firstAtItsInstant = (e: SlaEvent) => (e.kind === 'created' ? 0 : 1);
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.at - b.e.at || firstAtItsInstant(a.e) - firstAtItsInstant(b.e) || a.i - b.i)
    .flatMap(({ e }) => clockStep(e) ?? []);
}

export interface SlaClockInput {
  /** The ticket's log as `clockSteps` reads it. */
  steps: readonly ClockStep[];
  policy: SlaPolicySpec;
  /** The calendar business-hour targets count on; null when every target counts calendar hours. */
  calendar: CalendarSpec | null;
  now: number;
}

interface Hours {
  between(from: number, to: number): number;
  add(from: number, ms: number): number;
}

const aroundTheClock: Hours = { between: (a, b) => b - a, add: (a, ms) => a + ms };

class Timer {
  /** Closed spans during which the clock ran. */
  readonly spans: [number, number][] = [];
  runningSince: number | null;
  pausedSince: number | null;
  stoppedAt: number | null = null;
  breachedAt: number | null = null;
  atRiskAt: number | null = null;

  readonly metric: SlaMetric;
  readonly startedAt: number;
  target: SlaTarget | undefined;
  private readonly hoursOf: (t: SlaTarget) => Hours;
  private readonly atRiskShare: number;

  constructor(
    metric: SlaMetric,
    startedAt: number,
    running: boolean,
    target: SlaTarget | undefined,
    hoursOf: (t: SlaTarget) => Hours,
    atRiskShare: number,
  ) {
    this.metric = metric;
    this.startedAt = startedAt;
    this.target = target;
    this.hoursOf = hoursOf;
    this.atRiskShare = atRiskShare;
    this.runningSince = running ? startedAt : null;
    this.pausedSince = running ? null : startedAt;
  }

  get stopped(): boolean {
    return this.stoppedAt !== null;
  }

  elapsed(target: SlaTarget): number {
    const hours = this.hoursOf(target);
    return this.spans.reduce((sum, [a, b]) => sum + hours.between(a, b), 0);
  }

  private budget(target: SlaTarget): { budget: number; atRisk: number } {
    const budget = target.minutes * MINUTE_MS;
    return { budget, atRisk: Math.round(budget * this.atRiskShare) };
  }

  /** Counts the running time up to `t` and records the crossings within it. */
  advance(t: number): void {
    if (this.runningSince === null || t <= this.runningSince) return;
    const c0 = this.runningSince;
    if (this.target) {
      const hours = this.hoursOf(this.target);
      const { budget, atRisk } = this.budget(this.target);
      const before = this.elapsed(this.target);
      const after = before + hours.between(c0, t);
      // At risk from the instant the share is reached (that instant included).
      if (this.atRiskAt === null && before < atRisk && after >= atRisk) this.atRiskAt = hours.add(c0, atRisk - before);
      // Past due means running after the due instant: a reply exactly at it meets the target.
      if (this.breachedAt === null && before <= budget && after >= budget) {
        const due = hours.add(c0, budget - before);
        if (due < t) this.breachedAt = due;
      }
    }
    this.spans.push([c0, t]);
    this.runningSince = t;
  }

  pause(t: number): void {
    if (this.stopped || this.runningSince === null) return;
    this.advance(t);
    this.runningSince = null;
    this.pausedSince = t;
  }

  resume(t: number): void {
    if (this.runningSince !== null) return;
    this.runningSince = t;
    this.pausedSince = null;
    this.stoppedAt = null;
  }

  stop(t: number): void {
    if (this.stopped) return;
    this.advance(t);
    this.runningSince = null;
    this.pausedSince = null;
    this.stoppedAt = t;
  }

  /**
   * A new target for the whole cycle: the time already counted is measured against it. A breach
   * stands (it was recorded); a target already exceeded breaches now; at risk follows the new share.
   */
  retarget(t: number, target: SlaTarget | undefined): void {
    this.advance(t);
    this.target = target;
    if (!target) return;
    const { budget, atRisk } = this.budget(target);
    const elapsed = this.elapsed(target);
    if (this.breachedAt === null && elapsed > budget) this.breachedAt = t;
    if (elapsed < atRisk) this.atRiskAt = null;
    else if (this.atRiskAt === null) this.atRiskAt = t;
  }

  view(now: number): SlaTimer | null {
    if (!this.target) return null;
    this.advance(now);
    const hours = this.hoursOf(this.target);
    const { budget, atRisk } = this.budget(this.target);
    const elapsed = this.elapsed(this.target);
    const remaining = budget - elapsed;
    const running = this.runningSince !== null;
    const state: SlaState = this.breachedAt !== null ? 'breached' : this.stopped ? 'met' : running ? 'running' : 'paused';
    let dueAt: number | null = null;
    if (this.breachedAt !== null) dueAt = this.breachedAt;
    else if (running) dueAt = hours.add(now, remaining);
    else if (this.stoppedAt !== null) dueAt = hours.add(this.stoppedAt, remaining);
    const atRiskAt = this.atRiskAt ?? (running && state === 'running' ? hours.add(now, Math.max(0, atRisk - elapsed)) : null);
    return {
      metric: this.metric,
      state,
      target: this.target,
      startedAt: this.startedAt,
      dueAt,
      atRiskAt,
      pausedSince: this.pausedSince,
      stoppedAt: this.stoppedAt,
      elapsedMinutes: elapsed / MINUTE_MS,
      remainingMinutes: remaining / MINUTE_MS,
    };
  }
}

export function slaClock({ steps, policy, calendar, now }: SlaClockInput): SlaClock {
  const business: Hours | null = calendar && {
    between: (a, b) => businessMsBetween(calendar, a, b),
    add: (a, ms) => addBusinessMs(calendar, a, ms),
  };
  const hoursOf = (t: SlaTarget): Hours => {
    if (t.hours === 'calendar') return aroundTheClock;
    if (!business) throw new AppError('VALIDATION', 'the policy counts business hours but no calendar was given');
    return business;
  };
  const runs = (status: TicketStatus) => (policy.runningStatuses as readonly TicketStatus[]).includes(status);
  let priority: TicketPriority = 'normal';
  const targetOf = (metric: SlaMetric) => policy.targets[priority]?.[metric];
  const newTimer = (metric: SlaMetric, at: number, running: boolean) =>
    new Timer(metric, at, running, targetOf(metric), hoursOf, policy.atRiskShare);

  let resolution: Timer | null = null;
  let firstReply: Timer | null = null;
  let nextReply: Timer | null = null;
  const timers = () => [resolution, firstReply, nextReply].filter((t): t is Timer => t !== null);

  for (const step of steps) {
    // Steps after `now` have not happened yet as far as this computation goes.
    if (step.at > now) break;
    const at = step.at;
    switch (step.kind) {
      case 'created':
        priority = step.priority;
        resolution ??= newTimer('resolution', at, runs(step.status));
        break;
      case 'priority':
        priority = step.priority;
        for (const t of timers()) if (!t.stopped) t.retarget(at, targetOf(t.metric));
        break;
      case 'status': {
        const to = step.status;
        if (to === 'solved' || to === 'closed') {
          // Solving fulfils every clock still open (a reply target included); closing ends them for good.
          for (const t of timers()) t.stop(at);
        } else if (!resolution) {
          resolution = newTimer('resolution', at, runs(to));
        } else if (resolution.stopped) {
          // A reopen resumes the resolution clock, with the time it had counted, under today's target.
          resolution.resume(at);
          resolution.retarget(at, targetOf('resolution'));
          if (!runs(to)) resolution.pause(at);
        } else if (runs(to)) resolution.resume(at);
        else resolution.pause(at);
        break;
      }
      case 'message':
        if (step.message === 'inbound') {
          // The customer's message starts the first-reply clock, or else, once that one has
          // stopped, a next-reply clock unless one is already waiting for a reply.
          if (!firstReply) firstReply = newTimer('firstReply', at, true);
          else if (firstReply.stopped && (!nextReply || nextReply.stopped)) nextReply = newTimer('nextReply', at, true);
        } else if (step.message === 'reply' && !step.automated) {
          firstReply?.stop(at);
          nextReply?.stop(at);
        }
        break;
    }
  }
  return {
    firstReply: firstReply?.view(now) ?? null,
    nextReply: nextReply?.view(now) ?? null,
    resolution: resolution?.view(now) ?? null,
  };
}
