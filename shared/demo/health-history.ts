/**
 * The demo's daily health history (docs/health-score.md, Trend): for each account, the score the
 * server's daily job would have recorded on each of the demo's last DEMO_HEALTH_DAYS days, computed
 * with the real function (shared/health/) from the demo's own tickets, escalations, feedback and
 * interactions as they stood that day. It reads the records and draws no random number, so every
 * other record of a seed stays as it was.
 *
 * The collector sees each batch as it is made and keeps only what a score of those days can read
 * (tickets open now or created within reach of the first day's window, the feedback of two windows
 * back), so a large demo does not hold every ticket twice.
 */
import { isUnsolved } from '../domain/ticket-status.ts';
import type { Account, AccountHealth, Feedback, Interaction, Ticket, TicketEvent } from '../domain/records.ts';
import { DAY_MS, healthFacts, utcDay, WINDOW_DAYS, type HealthSource, type HealthTicket } from '../health/facts.ts';
import { bandOf, computeHealth } from '../health/score.ts';
import { DEFAULT_HEALTH_WEIGHTS } from '../health/weights.ts';

/** Days of history the demo starts with: enough for the 7-day trend and a chart worth reading. */
export const DEMO_HEALTH_DAYS = 60;

interface DatedTicket extends HealthTicket {
  createdAt: number;
}

interface Kept {
  tickets: DatedTicket[];
  escalatedAt: number[];
  feedback: HealthSource['feedback'][number][];
  interactionsAt: number[];
}

export interface HealthBatch {
  tickets: readonly Ticket[];
  events: readonly TicketEvent[];
  feedback: readonly Feedback[];
  interactions: readonly Interaction[];
}

export function createHealthHistory(now: number) {
  const firstDay = now - (DEMO_HEALTH_DAYS - 1) * DAY_MS;
  // A ticket solved before this cannot be open on the first day, nor miss a target in its window
  // (the demo's targets fall due within days of a ticket's creation).
  const ticketsFrom = firstDay - WINDOW_DAYS * DAY_MS - 30 * DAY_MS;
  const feedbackFrom = firstDay - 2 * WINDOW_DAYS * DAY_MS;
  const kept = new Map<string, Kept>();
  const of = (accountId: string): Kept => {
    let k = kept.get(accountId);
    if (!k) kept.set(accountId, (k = { tickets: [], escalatedAt: [], feedback: [], interactionsAt: [] }));
    return k;
  };

  return {
    /** Keeps what the scores read from a batch (its events and feedback name tickets of the same batch). */
    add(batch: HealthBatch): void {
      const accountOf = new Map<string, string>();
      for (const t of batch.tickets) {
        if (!t.accountId) continue;
        accountOf.set(t.id, t.accountId);
        if (t.createdAt < ticketsFrom && !isUnsolved(t.status)) continue;
        of(t.accountId).tickets.push({
          status: t.status,
          priority: t.priority,
          firstReplyDueAt: t.firstReplyDueAt,
          firstReplyAt: t.firstReplyAt,
          resolutionDueAt: t.resolutionDueAt,
          solvedAt: t.solvedAt,
          createdAt: t.createdAt,
        });
      }
      for (const e of batch.events) {
        const accountId = accountOf.get(e.ticketId);
        if (e.kind === 'escalated' && accountId && e.at >= ticketsFrom) of(accountId).escalatedAt.push(e.at);
      }
      for (const f of batch.feedback) {
        const accountId = f.accountId ?? (f.ticketId ? accountOf.get(f.ticketId) : undefined);
        if (accountId && f.createdAt >= feedbackFrom) of(accountId).feedback.push({ kind: f.kind, score: f.score, createdAt: f.createdAt });
      }
      for (const i of batch.interactions) if (i.accountId) of(i.accountId).interactionsAt.push(i.occurredAt);
    },

    /** Each account's record of daily scores, the last of them today's, with its reasons. */
    records(accounts: readonly Account[]): AccountHealth[] {
      return accounts.map((account) => {
        const k = kept.get(account.id) ?? { tickets: [], escalatedAt: [], feedback: [], interactionsAt: [] };
        const days = Array.from({ length: DEMO_HEALTH_DAYS }, (_, i) => now - (DEMO_HEALTH_DAYS - 1 - i) * DAY_MS);
        const scores = days.map((at) => computeHealth(healthFacts(asOf(account, k, at), at), DEFAULT_HEALTH_WEIGHTS));
        const history = scores.map((h, i) => ({ day: utcDay(days[i]!), score: h.score }));
        const last = scores.at(-1)!;
        return {
          id: account.id,
          tenantId: account.tenantId,
          version: 0,
          createdAt: firstDay,
          updatedAt: now,
          accountId: account.id,
          score: last.score,
          band: bandOf(last.score),
          reasons: last.reasons,
          day: utcDay(now),
          history,
        };
      });
    },
  };
}

/**
 * The account's records as they stood at `at`: tickets created by then, open unless solved by
 * then (a ticket open now was open since its creation), with only the replies and solutions made
 * by then. Escalations, feedback and interactions after `at` are outside every window the score
 * reads at `at`.
 */
function asOf(account: Account, k: Kept, at: number): HealthSource {
  const tickets: HealthTicket[] = [];
  for (const t of k.tickets) {
    if (t.createdAt > at) continue;
    // Solved by then: solved now, and at or before `at` (one without a solving time, all along).
    const solved = !isUnsolved(t.status) && (t.solvedAt === null || t.solvedAt <= at);
    tickets.push({
      status: solved || isUnsolved(t.status) ? t.status : 'open',
      priority: t.priority,
      firstReplyDueAt: t.firstReplyDueAt,
      firstReplyAt: t.firstReplyAt !== null && t.firstReplyAt <= at ? t.firstReplyAt : null,
      resolutionDueAt: t.resolutionDueAt,
      solvedAt: solved ? t.solvedAt : null,
    });
  }
  return {
    account: { renewalDate: account.renewalDate, lifecycleStage: account.lifecycleStage },
    tickets,
    escalatedAt: k.escalatedAt,
    feedback: k.feedback,
    interactionsAt: k.interactionsAt,
  };
}
