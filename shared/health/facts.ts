/**
 * What the health score reads about one account, gathered from its records by one adapter used by
 * Core (on the cache) and the server's daily job (on the store) alike, so both compute the same
 * score from the same records (docs/health-score.md, "Inputs").
 */
import { isUnsolved } from '../domain/ticket-status.ts';
import type { FeedbackKind, LifecycleStage, TicketPriority, TicketStatus } from '../domain/enums.ts';

export const DAY_MS = 86_400_000;
/** Support load and sentiment look at the last 90 days; the sentiment trend compares them with the 90 before. */
export const WINDOW_DAYS = 90;

/** The fields of a ticket the score reads; the SLA ones are the due times the SLA engine writes. */
export interface HealthTicket {
  status: TicketStatus;
  priority: TicketPriority;
  firstReplyDueAt: number | null;
  firstReplyAt: number | null;
  resolutionDueAt: number | null;
  solvedAt: number | null;
}

export interface HealthSource {
  account: { renewalDate: string | null; lifecycleStage: LifecycleStage };
  tickets: readonly HealthTicket[];
  /** When each escalation of the account's tickets happened (their `escalated` events). */
  escalatedAt: readonly number[];
  feedback: readonly { kind: FeedbackKind; score: number; createdAt: number }[];
  /** When each interaction with the account happened. */
  interactionsAt: readonly number[];
}

/** Counts and sums over one window of feedback. */
export interface SentimentFacts {
  csatRatings: number;
  /** Ratings of 4 or 5. */
  csatSatisfied: number;
  npsAnswers: number;
  npsPromoters: number;
  npsDetractors: number;
  cesAnswers: number;
  cesSum: number;
}

export interface HealthFacts {
  openTickets: number;
  urgentOpenTickets: number;
  escalations: number;
  slaBreaches: number;
  sentiment: SentimentFacts;
  /** The 90 days before the window, for the CSAT trend. */
  previousSentiment: SentimentFacts;
  /** Whole days since the last interaction; null: none was ever logged. */
  daysSinceInteraction: number | null;
  interactionsInWindow: number;
  /** Whole days from today (UTC) to the renewal date; negative once it passed; null without one. */
  daysToRenewal: number | null;
  lifecycleStage: LifecycleStage;
}

/**
 * The SLA targets a ticket missed, as the instants they fell due. The one place the score reads
 * breaches: a target is missed when its due time has passed and it was met after it or not at all.
 * The SLA engine (issue 13) writes these due times; when it records breaches itself, this adapter is
 * what changes.
 */
export function slaBreaches(ticket: HealthTicket, now: number): number[] {
  const missed = (due: number | null, met: number | null) => due !== null && due <= now && (met === null || met > due);
  const out: number[] = [];
  if (missed(ticket.firstReplyDueAt, ticket.firstReplyAt)) out.push(ticket.firstReplyDueAt as number);
  if (missed(ticket.resolutionDueAt, ticket.solvedAt)) out.push(ticket.resolutionDueAt as number);
  return out;
}

/** The UTC day of an instant, as YYYY-MM-DD. */
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

function sentimentOf(feedback: HealthSource['feedback'], from: number, to: number): SentimentFacts {
  const f: SentimentFacts = {
    csatRatings: 0,
    csatSatisfied: 0,
    npsAnswers: 0,
    npsPromoters: 0,
    npsDetractors: 0,
    cesAnswers: 0,
    cesSum: 0,
  };
  for (const x of feedback) {
    if (x.createdAt <= from || x.createdAt > to) continue;
    if (x.kind === 'csat') {
      f.csatRatings++;
      if (x.score >= 4) f.csatSatisfied++;
    } else if (x.kind === 'nps') {
      f.npsAnswers++;
      if (x.score >= 9) f.npsPromoters++;
      else if (x.score <= 6) f.npsDetractors++;
    } else {
      f.cesAnswers++;
      f.cesSum += x.score;
    }
  }
  return f;
}

/** The facts of one account at `now`. Windows are (now - 90 days, now]; the previous one the 90 days before. */
export function healthFacts(source: HealthSource, now: number): HealthFacts {
  const windowStart = now - WINDOW_DAYS * DAY_MS;
  const inWindow = (at: number) => at > windowStart && at <= now;
  let openTickets = 0;
  let urgentOpenTickets = 0;
  let slaBreachCount = 0;
  for (const t of source.tickets) {
    if (isUnsolved(t.status)) {
      if (t.priority === 'urgent') urgentOpenTickets++;
      else openTickets++;
    }
    slaBreachCount += slaBreaches(t, now).filter(inWindow).length;
  }
  let lastInteractionAt: number | null = null;
  let interactionsInWindow = 0;
  for (const at of source.interactionsAt) {
    if (at > now) continue;
    if (lastInteractionAt === null || at > lastInteractionAt) lastInteractionAt = at;
    if (inWindow(at)) interactionsInWindow++;
  }
  const renewal = source.account.renewalDate;
  return {
    openTickets,
    urgentOpenTickets,
    escalations: source.escalatedAt.filter(inWindow).length,
    slaBreaches: slaBreachCount,
    sentiment: sentimentOf(source.feedback, windowStart, now),
    previousSentiment: sentimentOf(source.feedback, windowStart - WINDOW_DAYS * DAY_MS, windowStart),
    daysSinceInteraction: lastInteractionAt === null ? null : Math.floor((now - lastInteractionAt) / DAY_MS),
    interactionsInWindow,
    daysToRenewal:
      renewal === null ? null : Math.round((Date.parse(`${renewal}T00:00:00Z`) - Date.parse(`${utcDay(now)}T00:00:00Z`)) / DAY_MS),
    lifecycleStage: source.account.lifecycleStage,
  };
}
