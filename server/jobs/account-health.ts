/**
 * The daily account health (docs/health-score.md): once a day, every account of every tenant is
 * scored from the store with the same adapter and function as Core (shared/health/), and the
 * score joins the account's history through the `health.record` mutator, committed as the system
 * actor `automation:health` with the key `health:<account>:<day>`. The job runs once per day slot
 * whichever instance claims it, and a retried or second run of the same day answers
 * `alreadyApplied`: one score a day per account, and one follow-up task per fall.
 */
import { z } from 'zod';
import { systemActor } from '../../shared/domain/actors.ts';
import type { FeedbackKind, LifecycleStage } from '../../shared/domain/enums.ts';
import { DAY_MS, healthFacts, utcDay, WINDOW_DAYS, type HealthSource, type HealthTicket } from '../../shared/health/facts.ts';
import { computeHealth } from '../../shared/health/score.ts';
import { storedHealthWeights } from '../../shared/health/weights.ts';
import type { Queryable } from '../store/db.ts';
import { commitIn } from '../sync/commit.ts';
import { defineJobKind, type Schedule } from './job.ts';

type Source = Omit<HealthSource, 'tickets' | 'escalatedAt' | 'feedback' | 'interactionsAt'> & {
  tickets: HealthTicket[];
  escalatedAt: number[];
  feedback: { kind: FeedbackKind; score: number; createdAt: number }[];
  interactionsAt: number[];
};

/** Every account of the tenant with what its score reads, gathered in five queries. */
export async function loadHealthSources(q: Queryable, tenantId: string, now: number): Promise<Map<string, Source>> {
  const sources = new Map<string, Source>();
  const accounts = await q.query<{ id: string; renewal: string | null; stage: LifecycleStage }>(
    `SELECT id::text AS id, data ->> 'renewalDate' AS renewal, data ->> 'lifecycleStage' AS stage
       FROM records WHERE tenant_id = $1 AND entity = 'account' AND NOT deleted`,
    [tenantId],
  );
  for (const a of accounts.rows)
    sources.set(a.id, {
      account: { renewalDate: a.renewal, lifecycleStage: a.stage },
      tickets: [],
      escalatedAt: [],
      feedback: [],
      interactionsAt: [],
    });
  const of = (id: string | null) => (id === null ? undefined : sources.get(id));

  const tickets = await q.query<{ account: string; data: HealthTicket }>(
    `SELECT data ->> 'accountId' AS account, data FROM records
      WHERE tenant_id = $1 AND entity = 'ticket' AND NOT deleted AND data ->> 'accountId' IS NOT NULL`,
    [tenantId],
  );
  for (const t of tickets.rows) of(t.account)?.tickets.push(t.data);

  const escalations = await q.query<{ account: string | null; at: string }>(
    `SELECT t.data ->> 'accountId' AS account, e.data ->> 'at' AS at
       FROM records e JOIN records t ON t.tenant_id = e.tenant_id AND t.entity = 'ticket' AND t.id::text = e.data ->> 'ticketId'
      WHERE e.tenant_id = $1 AND e.entity = 'ticket_event' AND NOT e.deleted
        AND e.data ->> 'kind' = 'escalated' AND (e.data ->> 'at')::bigint > $2`,
    [tenantId, now - WINDOW_DAYS * DAY_MS],
  );
  for (const e of escalations.rows) of(e.account)?.escalatedAt.push(Number(e.at));

  // Feedback about the account, or given on one of its tickets without naming the account (as Core reads it).
  const feedback = await q.query<{ account: string | null; kind: FeedbackKind; score: string; at: string }>(
    `SELECT coalesce(f.data ->> 'accountId', t.data ->> 'accountId') AS account,
            f.data ->> 'kind' AS kind, f.data ->> 'score' AS score, f.data ->> 'createdAt' AS at
       FROM records f LEFT JOIN records t ON t.tenant_id = f.tenant_id AND t.entity = 'ticket' AND t.id::text = f.data ->> 'ticketId'
      WHERE f.tenant_id = $1 AND f.entity = 'feedback' AND NOT f.deleted AND (f.data ->> 'createdAt')::bigint > $2`,
    [tenantId, now - 2 * WINDOW_DAYS * DAY_MS],
  );
  for (const f of feedback.rows) of(f.account)?.feedback.push({ kind: f.kind, score: Number(f.score), createdAt: Number(f.at) });

  const interactions = await q.query<{ account: string; at: string }>(
    `SELECT data ->> 'accountId' AS account, data ->> 'occurredAt' AS at FROM records
      WHERE tenant_id = $1 AND entity = 'interaction' AND NOT deleted`,
    [tenantId],
  );
  for (const i of interactions.rows) of(i.account)?.interactionsAt.push(Number(i.at));
  return sources;
}

/** Scores every account of the tenant for the day of `now` and commits them in the caller's transaction. */
export async function recordDailyHealth(q: Queryable, tenantId: string, now: number, onBug: (err: unknown) => void) {
  const settings = await q.query<{ weights: unknown }>(
    `SELECT data -> 'weights' AS weights FROM records WHERE tenant_id = $1 AND entity = 'health_settings' AND id = $1 AND NOT deleted`,
    [tenantId],
  );
  const weights = storedHealthWeights(settings.rows[0]?.weights ?? null);
  const day = utcDay(now);
  const mutations = [...(await loadHealthSources(q, tenantId, now))].map(([accountId, source]) => {
    const { score, reasons } = computeHealth(healthFacts(source, now), weights);
    return { name: 'health.record', args: { accountId, day, score, reasons }, idempotencyKey: `health:${accountId}:${day}` };
  });
  if (!mutations.length) return { accounts: 0, applied: 0 };
  const outcome = await commitIn(
    q,
    { now: () => now, onBug, poke: () => {} },
    { tenantId, actor: systemActor('automation:health', tenantId), mutations },
  );
  return { accounts: mutations.length, applied: outcome.results.filter((r) => r.status === 'applied').length };
}

export const accountHealthJob = defineJobKind({
  name: 'health.daily',
  payload: z.object({}),
  async handle({ tx, now }) {
    const tenants = await tx.query<{ id: string }>('SELECT id::text AS id FROM tenants ORDER BY id');
    let applied = 0;
    for (const t of tenants.rows) applied += (await recordDailyHealth(tx, t.id, now, (err) => console.error('health.daily', err))).applied;
    // Consoles learn of the new scores at their next poll (at most 30 s): the runner commits after this returns.
    return { tenants: tenants.rows.length, applied };
  },
});

export const accountHealthDaily: Schedule<Record<string, never>> = { kind: accountHealthJob, everyMs: DAY_MS, payload: {} };
