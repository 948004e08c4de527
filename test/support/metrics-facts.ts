/** Small builders of metrics facts for the unit tests of shared/metrics: a ticket and its event log in a few lines. */
import type { TicketStatus } from '../../shared/domain/enums.ts';
import type { EventFact, FeedbackFact, TicketFact } from '../../shared/metrics/facts.ts';
import type { SlaMetric } from '../../shared/sla/target.ts';
import { createRandom } from '../../shared/demo/random.ts';
import { peopleTally } from '../../shared/metrics/agents.ts';
import type { CalendarOf } from '../../shared/metrics/durations.ts';
import type { Figures } from '../../shared/metrics/report.ts';
import type { Timeline } from '../../shared/metrics/timeline.ts';
import type { Window } from '../../shared/metrics/window.ts';
import { windowTally, type WindowTallyOptions } from '../../shared/metrics/window-tally.ts';

let counter = 0;
export function uid(): string {
  counter++;
  return `00000000-0000-7000-8000-${counter.toString(16).padStart(12, '0')}`;
}

export const AGENT_A = '00000000-0000-7000-a000-00000000000a';
export const AGENT_B = '00000000-0000-7000-a000-00000000000b';
export const TEAM_1 = '00000000-0000-7000-b000-000000000001';
export const TEAM_2 = '00000000-0000-7000-b000-000000000002';

export function ticketFact(p: Partial<TicketFact> & { createdAt: number }): TicketFact {
  return {
    id: uid(),
    status: 'open',
    priority: 'normal',
    type: 'question',
    channel: 'email',
    teamId: TEAM_1,
    assigneeId: AGENT_A,
    tags: [],
    customerType: 'loyal',
    accountTier: 'standard',
    calendar: null,
    ...p,
  };
}

/** A ticket and its log, written event by event. `created` is called by the constructor. */
export class TicketLog {
  readonly events: EventFact[] = [];
  readonly ticket: TicketFact;
  constructor(ticket: Partial<TicketFact> & { createdAt: number }, initialStatus: TicketStatus = 'new') {
    this.ticket = ticketFact(ticket);
    this.push(this.ticket.createdAt, 'created', null, {
      status: initialStatus,
      priority: this.ticket.priority,
      channel: this.ticket.channel,
    });
  }
  private push(at: number, kind: EventFact['kind'], from: EventFact['from'], to: EventFact['to'], extra: Partial<EventFact> = {}): this {
    this.events.push({ id: uid(), ticketId: this.ticket.id, kind, actorId: null, from, to, at, ...extra });
    return this;
  }
  status(at: number, from: TicketStatus, to: TicketStatus, actorId: string | null = null): this {
    return this.push(at, 'status', from, to, { actorId });
  }
  inbound(at: number): this {
    return this.push(at, 'message', null, { messageId: uid(), kind: 'inbound' }, { actorKind: 'customer' });
  }
  reply(at: number, agentId: string = AGENT_A): this {
    return this.push(at, 'message', null, { messageId: uid(), kind: 'reply' }, { actorId: agentId });
  }
  automatedReply(at: number): this {
    return this.push(at, 'message', null, { messageId: uid(), kind: 'reply' }, { actorKind: 'automation' });
  }
  note(at: number, agentId: string = AGENT_A): this {
    return this.push(at, 'message', null, { messageId: uid(), kind: 'note' }, { actorId: agentId });
  }
  assignee(at: number, from: string | null, to: string | null): this {
    return this.push(at, 'assignee', from, to);
  }
  team(at: number, from: string, to: string): this {
    return this.push(at, 'team', from, to);
  }
  escalated(at: number, from: 1 | 2, to: 2 | 3): this {
    return this.push(at, 'escalated', from, { tier: to, reason: 'needs tier 2' });
  }
  sla(at: number, metric: SlaMetric, state: 'met' | 'breached'): this {
    return this.push(at, 'sla', null, { metric, state, startedAt: this.ticket.createdAt, dueAt: at }, { actorKind: 'automation' });
  }
}

export function feedbackFact(kind: FeedbackFact['kind'], score: number, createdAt: number, ticketId: string | null = null): FeedbackFact {
  return { id: uid(), kind, score, ticketId, createdAt };
}

/** A seeded source of numbers in [0, 1) (the demo generator's), so a failure replays. */
export function seededRandom(seed: number): () => number {
  const random = createRandom(seed);
  return () => random.next();
}

const STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];

/**
 * A ticket created at `createdAt` whose log wanders through every kind of event the metrics read
 * (statuses with reopens, replies by people and automations, customer messages, notes,
 * escalations, SLA outcomes, assignee and team moves), up to `steps` of them, some at one instant;
 * `next` is a seeded source of numbers in [0, 1), so a failure replays.
 */
export function randomTicketLog(next: () => number, createdAt: number, steps: number): TicketLog {
  const log = new TicketLog({ createdAt }).inbound(createdAt);
  let status: TicketStatus = 'new';
  let at = createdAt;
  for (let k = Math.floor(next() * steps); k > 0; k--) {
    at += next() < 0.2 ? 0 : Math.floor(next() * 2 * 86_400_000);
    const step = next();
    if (step < 0.3) {
      const to = STATUSES[Math.floor(next() * STATUSES.length)]!;
      if (to !== status) log.status(at, status, (status = to));
    } else if (step < 0.5) log.reply(at, next() < 0.5 ? AGENT_A : AGENT_B);
    else if (step < 0.6) log.inbound(at);
    else if (step < 0.65) log.automatedReply(at);
    else if (step < 0.72) log.escalated(at, 1, 2);
    else if (step < 0.82)
      log.sla(at, (['firstReply', 'nextReply', 'resolution'] as const)[Math.floor(next() * 3)]!, next() < 0.7 ? 'met' : 'breached');
    else if (step < 0.9) log.assignee(at, next() < 0.3 ? null : AGENT_A, next() < 0.3 ? null : AGENT_B);
    else if (step < 0.95) log.team(at, TEAM_1, TEAM_2);
    else log.note(at);
  }
  return log;
}

/**
 * Window `w`'s figures over `timelines` and `answers`, tallied as a report tallies them
 * (shared/metrics/window-tally.ts); the backlog is left at 0 (window-scope.ts counts it).
 */
export function windowFigures(
  timelines: readonly Timeline[],
  w: Window,
  {
    answers = [],
    fcr = 'one_reply',
    cesScale = 7,
    calendarOf = () => null,
    firstCsatAt = new Map(),
  }: Partial<WindowTallyOptions> & { answers?: readonly FeedbackFact[] } = {},
): Figures {
  const tally = windowTally(w, { fcr, cesScale, calendarOf, firstCsatAt });
  for (const t of timelines) tally.addTimeline(t);
  for (const f of answers) tally.addAnswer(f);
  return tally.figures(0);
}

/** The per-agent and per-team tables of window `w`, each timeline given the CSAT answers about it. */
export function peopleTables(
  timelines: readonly Timeline[],
  csat: readonly FeedbackFact[],
  w: Window,
  calendarOf: CalendarOf = () => null,
) {
  const tally = peopleTally(w, calendarOf);
  for (const t of timelines)
    tally.add(
      t,
      csat.filter((f) => f.ticketId === t.ticket.id),
    );
  return { agents: tally.agents(), teams: tally.teams() };
}
