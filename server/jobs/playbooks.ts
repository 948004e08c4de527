/**
 * The account manager's playbooks (docs/accounts.md, Playbooks): tasks the server opens for an
 * account's owner, each exactly once, through the commit path as the system actor
 * `automation:playbooks` with an idempotency key naming the effect.
 *
 * - **Onboarding check-in**: when a commit moves an account into "onboarding" (or creates it
 *   there), `schedulePlaybooks` enqueues a job in the same transaction for 30 days later; it opens
 *   "Check in with <account>" unless the account is gone, has no owner or has churned by then.
 * - **Renewal**: a daily job looks at every account with a renewal date ahead; once the date is
 *   90, 60 or 30 days away or nearer, it opens the task of the nearest of those milestones reached
 *   ("Renewal in 60 days: <account>"). An account first seen 40 days before its renewal gets the
 *   60-day task, not the 90-day one as well; a new renewal date starts its milestones afresh.
 *
 * Each task's id is named from its key, so a job that runs again (its completion was lost, or a
 * second instance ran the same day) answers `alreadyApplied` and opens nothing twice.
 */
import { z } from 'zod';
import { systemActor } from '../../shared/domain/actors.ts';
import { Id, Timestamp, type Account } from '../../shared/domain/records.ts';
import { DAY_MS, utcDay } from '../../shared/health/facts.ts';
import { deterministicId } from '../../shared/ids.ts';
import { tenantChannel } from '../live/pokes.ts';
import type { Queryable } from '../store/db.ts';
import { commitWithin, type SystemMutation } from '../sync/commit.ts';
import type { Batch } from '../sync/pg-mutator-tx.ts';
import { key } from '../sync/record-writer.ts';
import { enqueue } from './enqueue.ts';
import { defineJobKind, jobCommitDeps, type Schedule } from './job.ts';

export const PLAYBOOK_ACTOR = 'automation:playbooks';
/** Days after entering onboarding when the check-in task opens. */
export const CHECK_IN_AFTER_DAYS = 30;
/** Days before the renewal date when a renewal task opens, farthest first. */
export const RENEWAL_MILESTONES = [90, 60, 30] as const;
/** A playbook task is due this long after it opens: time to act on it. */
export const PLAYBOOK_DUE_MS = 3 * DAY_MS;

type Locale = 'en' | 'zh-CN';
const TITLES = {
  en: {
    checkIn: (name: string) => `Check in with ${name}: 30 days of onboarding`,
    renewal: (name: string, days: number) => `Renewal in ${days} days: ${name}`,
  },
  'zh-CN': {
    checkIn: (name: string) => `回访 ${name}：入驻已满 30 天`,
    renewal: (name: string, days: number) => `${days} 天后续约：${name}`,
  },
} as const;

export const checkInKey = (accountId: string, enteredAt: number) => `playbook:checkin:${accountId}:${enteredAt}`;
export const renewalKey = (accountId: string, renewalDate: string, days: number) => `playbook:renewal:${accountId}:${renewalDate}:${days}`;
/** The id of the task an effect opens: named from its key, so running the effect again names the same task. */
export const playbookTaskId = (effectKey: string) => deterministicId('playbook-task', effectKey);

/**
 * The renewal milestone reached `today` for a renewal date: the nearest of 90, 60 and 30 days
 * before it that today is on or past; null when the date is more than 90 days away or passed.
 */
export function renewalMilestone(renewalDate: string, today: string): number | null {
  const days = Math.round((Date.parse(`${renewalDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
  if (days < 0) return null;
  return [...RENEWAL_MILESTONES].reverse().find((m) => days <= m) ?? null;
}

function openTask(effectKey: string, account: { id: string; ownerId: string }, title: string, now: number): SystemMutation {
  return {
    name: 'task.upsert',
    args: {
      id: playbookTaskId(effectKey),
      title: title.slice(0, 200),
      notes: '',
      accountId: account.id,
      contactId: null,
      ticketId: null,
      assigneeId: account.ownerId,
      dueAt: now + PLAYBOOK_DUE_MS,
      remindAt: null,
      recurrence: null,
    },
    idempotencyKey: effectKey,
  };
}

/** Commits the playbook's tasks in the job's transaction; the consoles are poked when it commits. */
async function commitTasks(tx: Queryable, tenantId: string, mutations: SystemMutation[], now: number) {
  if (!mutations.length) return { applied: 0, already: 0, rejected: 0 };
  const outcome = await commitWithin(tx, jobCommitDeps(now), { tenantId, actor: systemActor(PLAYBOOK_ACTOR, tenantId), mutations });
  if (outcome.wrote) await tx.query('SELECT pg_notify($1, $2)', [tenantChannel(tenantId), '']);
  const count = (status: string) => outcome.results.filter((r) => r.status === status).length;
  return { applied: count('applied'), already: count('alreadyApplied'), rejected: count('rejected') };
}

async function ownerLocales(q: Queryable, tenantId: string): Promise<Map<string, Locale>> {
  const { rows } = await q.query<{ id: string; locale: string | null }>(
    `SELECT id::text AS id, data ->> 'locale' AS locale FROM records WHERE tenant_id = $1 AND entity = 'user' AND NOT deleted`,
    [tenantId],
  );
  return new Map(rows.map((r) => [r.id, r.locale === 'zh-CN' ? 'zh-CN' : 'en']));
}

export const onboardingCheckInJob = defineJobKind({
  name: 'playbook.onboarding-checkin',
  payload: z.object({ accountId: Id, enteredAt: Timestamp }),
  async handle({ tx, payload, tenantId, now }) {
    if (tenantId === null) throw new Error('an onboarding check-in belongs to a tenant');
    const { rows } = await tx.query<{ data: Account }>(
      `SELECT data FROM records WHERE tenant_id = $1 AND entity = 'account' AND id = $2 AND NOT deleted`,
      [tenantId, payload.accountId],
    );
    const account = rows[0]?.data;
    if (!account) return 'gone';
    if (account.ownerId === null) return 'no_owner';
    if (account.lifecycleStage === 'churned') return 'churned';
    const locale = (await ownerLocales(tx, tenantId)).get(account.ownerId) ?? 'en';
    const effect = checkInKey(account.id, payload.enteredAt);
    const task = openTask(effect, { id: account.id, ownerId: account.ownerId }, TITLES[locale].checkIn(account.name), now);
    return commitTasks(tx, tenantId, [task], now);
  },
});

/**
 * Enqueues, in the commit's transaction, the check-in of every account the batch moved into
 * onboarding (a new account created there too). Keyed by the account and the time of the change,
 * so the same change enqueued again is the same job; leaving and re-entering onboarding is a new one.
 */
export async function schedulePlaybooks(batch: Batch, now: number): Promise<void> {
  for (const w of batch.written.values()) {
    if (w.entity !== 'account' || !w.row || w.row.lifecycleStage !== 'onboarding') continue;
    if (batch.stored.get(key('account', w.id))?.lifecycleStage === 'onboarding') continue;
    const enteredAt = typeof w.row.updatedAt === 'number' ? w.row.updatedAt : now;
    await enqueue(
      batch.q,
      {
        kind: onboardingCheckInJob,
        tenantId: batch.tenantId,
        payload: { accountId: w.id, enteredAt },
        dedupeKey: checkInKey(w.id, enteredAt),
        runAt: enteredAt + CHECK_IN_AFTER_DAYS * DAY_MS,
      },
      now,
    );
  }
}

/** Opens the renewal tasks due today (UTC) for every account of the tenant that has an owner. */
export async function openRenewalTasks(tx: Queryable, tenantId: string, now: number) {
  const today = utcDay(now);
  const { rows } = await tx.query<{ id: string; name: string; owner: string; renewal: string }>(
    `SELECT id::text AS id, data ->> 'name' AS name, data ->> 'ownerId' AS owner, data ->> 'renewalDate' AS renewal
       FROM records
      WHERE tenant_id = $1 AND entity = 'account' AND NOT deleted
        AND data ->> 'renewalDate' >= $2 AND data ->> 'ownerId' IS NOT NULL AND data ->> 'lifecycleStage' <> 'churned'`,
    [tenantId, today],
  );
  const due = rows.flatMap((a) => {
    const days = renewalMilestone(a.renewal, today);
    return days === null ? [] : [{ ...a, days, effect: renewalKey(a.id, a.renewal, days) }];
  });
  if (!due.length) return { applied: 0, already: 0, rejected: 0 };
  // Effects already applied are left out before the commit: most days most milestones are.
  const applied = await tx.query<{ key: string }>(
    'SELECT key FROM applied_effects WHERE tenant_id = $1 AND key IN (SELECT jsonb_array_elements_text($2::text::jsonb))',
    [tenantId, JSON.stringify(due.map((d) => d.effect))],
  );
  const done = new Set(applied.rows.map((r) => r.key));
  const locales = await ownerLocales(tx, tenantId);
  const mutations = due
    .filter((d) => !done.has(d.effect))
    .map((d) => openTask(d.effect, { id: d.id, ownerId: d.owner }, TITLES[locales.get(d.owner) ?? 'en'].renewal(d.name, d.days), now));
  const outcome = await commitTasks(tx, tenantId, mutations, now);
  return { ...outcome, already: outcome.already + done.size };
}

export const renewalPlaybookJob = defineJobKind({
  name: 'playbook.renewals',
  payload: z.object({}),
  async handle({ tx, now }) {
    const tenants = await tx.query<{ id: string }>('SELECT id::text AS id FROM tenants ORDER BY id');
    let applied = 0;
    for (const t of tenants.rows) applied += (await openRenewalTasks(tx, t.id, now)).applied;
    return { tenants: tenants.rows.length, applied };
  },
});

export const renewalPlaybookDaily: Schedule<Record<string, never>> = { kind: renewalPlaybookJob, everyMs: DAY_MS, payload: {} };
