/**
 * An account's health on the console (docs/health-score.md): computed now from the cache, so it
 * follows every change of its inputs offline too, for the people whose cache holds the account's
 * records (its owner when an account manager, supervisors and admins); the server's daily score
 * for everyone else. The history is the server's daily one.
 */
import type { Database } from 'better-sqlite3';
import { AppError } from '../../../../shared/contract/errors.ts';
import type { FeedbackKind, LifecycleStage, Role } from '../../../../shared/domain/enums.ts';
import { DAY_MS, healthFacts, WINDOW_DAYS, type HealthSource, type HealthTicket } from '../../../../shared/health/facts.ts';
import { reasonText } from '../../../../shared/health/reasons.ts';
import { bandOf, computeHealth, type Health, type HealthBand, type HealthReason } from '../../../../shared/health/score.ts';
import { storedHealthWeights, type HealthWeights } from '../../../../shared/health/weights.ts';
import { overseesAll, receivesOwnedAccounts } from '../../../../shared/sync/scopes.ts';
import type { DirectoryRepository } from '../app/directory.ts';

export interface AccountHealthView {
  score: number | null;
  band: HealthBand | null;
  /** live: computed now from the cache; daily: the server's last daily score (the cache does not hold the account's records). */
  source: 'live' | 'daily';
  reasons: (HealthReason & { text: { en: string; zh: string } })[];
  history: { day: string; score: number }[];
}

interface AccountRow {
  owner_id: string | null;
  renewal_date: string | null;
  lifecycle_stage: LifecycleStage;
  health_score: number | null;
}

export function createHealthRepository(db: Database, directory: DirectoryRepository) {
  const account = db.prepare<[string], AccountRow>(
    'SELECT owner_id, renewal_date, lifecycle_stage, health_score FROM accounts WHERE id = ?',
  );
  const role = db.prepare<[string], { role: Role }>('SELECT role FROM users WHERE id = ?');
  const tickets = db.prepare<[string], Record<string, unknown>>(
    `SELECT status, priority, first_reply_due_at, first_reply_at, resolution_due_at, solved_at FROM tickets WHERE account_id = ?`,
  );
  const escalations = db.prepare<[string, number], { at: number }>(
    `SELECT e.at FROM tickets t JOIN ticket_events e ON e.ticket_id = t.id WHERE t.account_id = ? AND e.kind = 'escalated' AND e.at > ?`,
  );
  // Feedback about the account, or given on one of its tickets without naming the account.
  const feedback = db.prepare<[{ account: string; since: number }], { kind: FeedbackKind; score: number; created_at: number }>(
    `SELECT kind, score, created_at FROM feedback WHERE account_id = @account AND created_at > @since
     UNION ALL
     SELECT f.kind, f.score, f.created_at FROM tickets t JOIN feedback f ON f.ticket_id = t.id
      WHERE t.account_id = @account AND f.account_id IS NULL AND f.created_at > @since`,
  );
  const interactions = db.prepare<[string], { occurred_at: number }>('SELECT occurred_at FROM interactions WHERE account_id = ?');
  const settings = db.prepare<[], { weights: string }>('SELECT weights FROM health_settings LIMIT 1');
  const stored = db.prepare<[string], { history: string }>('SELECT history FROM account_healths WHERE account_id = ?');

  function weights(): HealthWeights {
    const row = settings.get();
    return storedHealthWeights(row ? JSON.parse(row.weights) : null);
  }

  function sourceOf(accountId: string, a: AccountRow, now: number): HealthSource {
    // Sentiment compares two windows: the feedback of the last 180 days is all the score reads.
    const since = now - 2 * WINDOW_DAYS * DAY_MS;
    return {
      account: { renewalDate: a.renewal_date, lifecycleStage: a.lifecycle_stage },
      tickets: tickets.all(accountId).map((t): HealthTicket => ({
        status: t.status as HealthTicket['status'],
        priority: t.priority as HealthTicket['priority'],
        firstReplyDueAt: t.first_reply_due_at as number | null,
        firstReplyAt: t.first_reply_at as number | null,
        resolutionDueAt: t.resolution_due_at as number | null,
        solvedAt: t.solved_at as number | null,
      })),
      escalatedAt: escalations.all(accountId, now - WINDOW_DAYS * DAY_MS).map((r) => r.at),
      feedback: feedback.all({ account: accountId, since }).map((f) => ({ kind: f.kind, score: f.score, createdAt: f.created_at })),
      interactionsAt: interactions.all(accountId).map((r) => r.occurred_at),
    };
  }

  /** Whether this cache holds every record the score reads about the account. */
  function holdsRecordsOf(a: AccountRow): boolean {
    const me = directory.currentUserId();
    const myRole = me ? role.get(me)?.role : undefined;
    if (!me || !myRole) return false;
    return overseesAll(myRole) || (receivesOwnedAccounts(myRole) && a.owner_id === me);
  }

  return {
    /** The live score of an account the cache holds the records of; null for any other. */
    current(accountId: string, now: number): Health | null {
      const a = account.get(accountId);
      if (!a || !holdsRecordsOf(a)) return null;
      return computeHealth(healthFacts(sourceOf(accountId, a, now), now), weights());
    },

    get(accountId: string, now: number): AccountHealthView {
      const a = account.get(accountId);
      if (!a) throw new AppError('NOT_FOUND', `no account ${accountId}`);
      const row = stored.get(accountId);
      const history = row ? (JSON.parse(row.history) as AccountHealthView['history']) : [];
      if (!holdsRecordsOf(a)) {
        return {
          score: a.health_score,
          band: a.health_score === null ? null : bandOf(a.health_score),
          source: 'daily',
          reasons: [],
          history,
        };
      }
      const health = computeHealth(healthFacts(sourceOf(accountId, a, now), now), weights());
      return {
        score: health.score,
        band: health.band,
        source: 'live',
        reasons: health.reasons.map((r) => ({ ...r, text: reasonText(r) })),
        history,
      };
    },
  };
}

export type HealthRepository = ReturnType<typeof createHealthRepository>;
