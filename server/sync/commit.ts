/**
 * The one door through which the server writes synced records. A person's push, an automation,
 * an intake and the admin CLI all commit here: named mutators from shared/ run in one PostgreSQL
 * transaction under the tenant clock's lock, their writes and change-log entries land at one new
 * tenant version, conflicts are kept, and once the transaction has committed the tenant's
 * consoles are poked. Callers never poke: a commit that wrote anything does it for them.
 *
 * Who acted is recorded with the effect: a person by user id (ticket events, conflicts), a system
 * actor by name (ticket events, applied_effects). A system actor's mutations each carry an
 * idempotency key, stored in the effect's transaction, so committing the same effect again (a job
 * retried, two instances at once) changes nothing and says it was already applied.
 */
import { AppError, type ErrorPayload } from '../../shared/contract/errors.ts';
import { isSystemActor } from '../../shared/domain/actors.ts';
import { deterministicId } from '../../shared/ids.ts';
import type { ConflictDetail } from '../../shared/sync/protocol.ts';
import type { Actor, MutatorContext, SystemActor } from '../../shared/sync/tx.ts';
import { loadUser } from '../auth/actor.ts';
import type { Db, Queryable } from '../store/db.ts';
import { Batch, runInBatch, settle, type BatchMutation } from './pg-mutator-tx.ts';
import { refreshTicketSla } from '../sla/ticket-sla.ts';
import { schedulePlaybooks } from '../jobs/playbooks.ts';
import { scheduleRouting } from '../routing/routing-jobs.ts';
import { advanceTenantClock, applyWrites, lockTenantClock, type TenantClock, type Write } from './record-writer.ts';

export interface CommitDeps {
  now: () => number;
  /**
   * A bug, logged here: a mutator threw something other than an AppError (rejected as INTERNAL),
   * or the database refused data the schemas let through (rejected as VALIDATION).
   */
  onBug: (err: unknown) => void;
  /** Tells the tenant's consoles, on every instance, that it changed. Called after the commit, never inside it. */
  poke: (tenantId: string) => void | Promise<void>;
}

/** A mutation a person pushed: its client and mutation id name the records it creates. */
export interface PersonMutation {
  clientId: string;
  id: number;
  name: string;
  args: unknown;
  /** When the person acted, already bounded (acted-at.ts): the time the history and metrics keep. */
  actedAt: number;
}

/** An effect of a system actor: its key makes it happen once, and names the records it creates. */
export interface SystemMutation {
  name: string;
  args: unknown;
  /** Unique per effect within the tenant, e.g. `sla-breach:<ticketId>:<target>:<dueAt>`. */
  idempotencyKey: string;
}

export type CommitRequest = PersonCommit | SystemCommit;
export interface PersonCommit {
  tenantId: string;
  actor: { userId: string };
  mutations: readonly PersonMutation[];
}
export interface SystemCommit {
  tenantId: string;
  actor: SystemActor;
  mutations: readonly SystemMutation[];
  /**
   * Tickets whose SLA snapshot this commit computes again although no mutation touched them: the
   * recompute after a calendar or policy edit (server/sla/sla-recompute-job.ts). Only the tickets
   * whose snapshot changed are written.
   */
  refreshSlaOf?: readonly string[];
}

const bySystem = (request: CommitRequest): request is SystemCommit => 'kind' in request.actor;
const refreshSlaOf = (request: CommitRequest): readonly string[] => (bySystem(request) ? (request.refreshSlaOf ?? []) : []);

export type CommitResult =
  | { status: 'applied' }
  | { status: 'conflict'; conflicts: ConflictDetail[] }
  | { status: 'rejected'; error: ErrorPayload }
  /** The idempotency key was committed before: nothing ran. */
  | { status: 'alreadyApplied' };

export interface CommitOutcome {
  /** One per mutation, in order. */
  results: CommitResult[];
  /** The tenant's version after the commit (unchanged if nothing was written). */
  version: number;
  wrote: boolean;
}

/** What a transaction opened by commitTransaction offers: its queries, mutations, and raw record writes. */
export interface CommitTx {
  readonly q: Queryable;
  commit(request: CommitRequest): Promise<CommitOutcome>;
  /**
   * Writes records no mutator writes, at one new tenant version: the directory the admin CLI keeps
   * (tenants, teams, people), whose truth is in server-only tables written in the same transaction.
   */
  writeRecords(tenantId: string, writes: readonly Write[]): Promise<number>;
}

/**
 * Runs `work` in one transaction; after it commits, pokes every tenant it wrote. Nothing is poked
 * if it rolls back. For callers that do more than commit in the transaction (push keeps the
 * client's last mutation id with the effects; the admin CLI its server-only tables).
 */
export async function commitTransaction<T>(db: Db, deps: CommitDeps, work: (tx: CommitTx) => Promise<T>): Promise<T> {
  const wrote = new Set<string>();
  const result = await db.transaction((q) =>
    work({
      q,
      async commit(request) {
        const outcome = await commitIn(q, deps, request);
        if (outcome.wrote) wrote.add(request.tenantId);
        return outcome;
      },
      async writeRecords(tenantId, writes) {
        const version = await writeRecords(q, tenantId, writes);
        wrote.add(tenantId);
        return version;
      },
    }),
  );
  for (const tenantId of wrote) await deps.poke(tenantId);
  return result;
}

/** Commits `request` in a transaction of its own, and pokes if it wrote. */
export function commit(db: Db, deps: CommitDeps, request: CommitRequest): Promise<CommitOutcome> {
  return commitTransaction(db, deps, (tx) => tx.commit(request));
}

/** Writes records at one new tenant version (under the tenant lock) and returns that version. */
export async function writeRecords(q: Queryable, tenantId: string, writes: readonly Write[]): Promise<number> {
  const clock = await lockTenantClock(q, tenantId);
  const version = clock.version + 1;
  await applyWrites(q, tenantId, version, writes, new Map());
  await advanceTenantClock(q, tenantId, { ...clock, version });
  return version;
}

/**
 * Commits `request` inside a transaction the caller owns and commits (a durable job's, whose
 * completion must commit with the effect); the caller pokes, after or as a NOTIFY inside it.
 */
export function commitWithin(q: Queryable, deps: CommitDeps, request: CommitRequest): Promise<CommitOutcome> {
  return commitIn(q, deps, request);
}

/** A mutation ready to run: its batch identity and, for a system actor, its key. */
interface Planned {
  mutation: BatchMutation;
  key: string | null;
}

/** Long enough for a key naming a ticket, a target and a time; short enough to index. */
const MAX_KEY_LENGTH = 200;

/**
 * Commits `request` inside the caller's transaction `q`, which the caller commits (and pokes
 * after): a durable job's, so its effects commit together with the job's completion.
 */
export async function commitIn(q: Queryable, deps: CommitDeps, request: CommitRequest): Promise<CommitOutcome> {
  if (bySystem(request) && request.mutations.some((m) => !m.idempotencyKey || m.idempotencyKey.length > MAX_KEY_LENGTH))
    throw new AppError('VALIDATION', `every effect of ${request.actor.name} needs an idempotency key of 1 to ${MAX_KEY_LENGTH} characters`);
  // The tenant lock comes before reading the actor: a membership change commits either wholly
  // before this commit or wholly after it.
  const clock = await lockTenantClock(q, request.tenantId);
  const actor = await resolveActor(q, request);
  const ctx: MutatorContext = { actor, now: deps.now(), authoritative: true };

  const results: (CommitResult | null)[] = [];
  const planned: Planned[] = [];
  if (bySystem(request)) {
    // Read after the lock: a concurrent commit of the same key has committed or not started.
    const done = await appliedKeys(q, request.tenantId, request.mutations);
    for (const m of request.mutations) {
      if (done.has(m.idempotencyKey)) {
        results.push({ status: 'alreadyApplied' });
        continue;
      }
      done.add(m.idempotencyKey);
      results.push(null);
      // The records the effect creates are named by its key: a retry names them identically.
      const clientId = deterministicId('effect', request.tenantId, m.idempotencyKey);
      planned.push({ mutation: { clientId, id: 0, name: m.name, args: m.args }, key: m.idempotencyKey });
    }
  } else {
    for (const m of request.mutations) {
      results.push(null);
      planned.push({ mutation: m, key: null });
    }
  }

  // The batch's writes go in under a savepoint: when the database refuses the data of one of its
  // mutations (a data error, SQLSTATE class 22, 23 or 54), the batch is run again one mutation at
  // a time, each under a savepoint of its own, and only the refused one is rejected. The queue
  // behind it moves on instead of meeting the same refusal on every retry.
  let run: BatchRun;
  await q.query('SAVEPOINT commit_batch');
  try {
    run = await runBatch(q, deps, request.tenantId, clock, ctx, planned, refreshSlaOf(request));
  } catch (err) {
    if (!isDataError(err)) throw err;
    await q.query('ROLLBACK TO SAVEPOINT commit_batch');
    run = { ran: [], clock, wrote: false };
    for (const one of planned) {
      await q.query('SAVEPOINT commit_one');
      try {
        const alone = await runBatch(q, deps, request.tenantId, run.clock, ctx, [one], refreshSlaOf(request));
        run = { ran: [...run.ran, ...alone.ran], clock: alone.clock, wrote: run.wrote || alone.wrote };
      } catch (err) {
        if (!isDataError(err)) throw err;
        await q.query('ROLLBACK TO SAVEPOINT commit_one');
        deps.onBug(err); // the schemas let through what the database cannot store: a gap to close
        run.ran.push({ status: 'rejected', error: { code: 'VALIDATION', message: `the database cannot store this ${one.mutation.name}` } });
      }
    }
  }

  let next = 0;
  return { results: results.map((r) => r ?? (run.ran[next++] as CommitResult)), version: run.clock.version, wrote: run.wrote };
}

interface BatchRun {
  /** One result per mutation run, in order. */
  ran: CommitResult[];
  /** The tenant clock after the run. */
  clock: TenantClock;
  wrote: boolean;
}

/** Runs `planned` as one batch and writes its effects at one new tenant version (if any). */
async function runBatch(
  q: Queryable,
  deps: CommitDeps,
  tenantId: string,
  clock: TenantClock,
  ctx: MutatorContext,
  planned: readonly Planned[],
  refreshSla: readonly string[],
): Promise<BatchRun> {
  const batch = new Batch(q, tenantId, clock.nextTicketNumber);
  const planning = await batch.prefetch(
    planned.map((p) => p.mutation),
    ctx,
  );
  const ran: CommitResult[] = [];
  for (const [i, { mutation }] of planned.entries()) {
    const tried = planning?.[i];
    const run = tried ? settle(tried, mutation, deps.onBug) : await runInBatch(batch, mutation, ctx, deps.onBug);
    if (run.kind === 'rejected') ran.push({ status: 'rejected', error: run.error });
    else if (run.outcome?.conflicts.length) ran.push({ status: 'conflict', conflicts: run.outcome.conflicts });
    else ran.push({ status: 'applied' });
  }

  // The SLA timers of every ticket the batch touched, with the events and breach jobs they call for.
  await refreshTicketSla(batch, ctx.now, refreshSla);
  // The account playbooks' jobs of every account the batch moved into onboarding (jobs/playbooks.ts).
  await schedulePlaybooks(batch, ctx.now);
  const wrote = batch.written.size > 0;
  const next = wrote ? { version: clock.version + 1, nextTicketNumber: batch.nextTicketNumber } : clock;
  if (wrote) {
    await applyWrites(q, tenantId, next.version, [...batch.written.values()], batch.tickets(), batch);
    await advanceTenantClock(q, tenantId, next);
    // Routing runs after the commit, as a job: a team's queue or agents changed.
    await scheduleRouting(batch, isSystemActor(ctx.actor) ? ctx.actor.name : null, next.version, ctx.now);
  }
  const { actor } = ctx;
  if (isSystemActor(actor)) await recordEffects(q, tenantId, actor, next.version, ctx.now, planned, ran);
  else await recordConflicts(q, tenantId, actor, ctx.now, planned, ran);
  return { ran, clock: next, wrote };
}

/**
 * The database refused the data itself (SQLSTATE class 22 data exception, 23 integrity
 * constraint, 54 program limit): the same statement would fail again on every retry.
 */
function isDataError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(22|23|54)[0-9A-Z]{3}$/.test(code);
}

async function resolveActor(q: Queryable, request: CommitRequest): Promise<Actor | SystemActor> {
  if (bySystem(request)) {
    if (request.actor.tenantId !== request.tenantId) throw new AppError('FORBIDDEN', `${request.actor.name} acts for another tenant`);
    return request.actor;
  }
  const user = await loadUser(q, request.actor.userId);
  if (!user?.active || user.tenantId !== request.tenantId) throw new AppError('UNAUTHORIZED', 'this session has ended; sign in again');
  return { id: user.id, tenantId: user.tenantId, role: user.role, teamIds: user.teamIds };
}

async function appliedKeys(q: Queryable, tenantId: string, mutations: readonly SystemMutation[]): Promise<Set<string>> {
  const { rows } = await q.query<{ key: string }>('SELECT key FROM applied_effects WHERE tenant_id = $1 AND key = ANY($2::text[])', [
    tenantId,
    mutations.map((m) => m.idempotencyKey),
  ]);
  return new Set(rows.map((r) => r.key));
}

/** The keys of the effects that happened (applied, or applied in part with conflicts); a rejected one left nothing. */
async function recordEffects(
  q: Queryable,
  tenantId: string,
  actor: SystemActor,
  version: number,
  at: number,
  planned: readonly Planned[],
  ran: readonly CommitResult[],
): Promise<void> {
  const effects = planned.flatMap((p, i) => (p.key !== null && ran[i]?.status !== 'rejected' ? [{ key: p.key, result: ran[i] }] : []));
  if (!effects.length) return;
  await q.query(
    `INSERT INTO applied_effects (tenant_id, key, actor, version, result, at)
     SELECT $1, x.key, $2, $3, x.result, $4 FROM jsonb_to_recordset($5::jsonb) AS x (key text, result jsonb)`,
    [tenantId, actor.name, version, at, JSON.stringify(effects)],
  );
}

/** One statement for a person's conflicts (a batch of replies queued offline may conflict all). */
async function recordConflicts(
  q: Queryable,
  tenantId: string,
  actor: Actor,
  at: number,
  planned: readonly Planned[],
  ran: readonly CommitResult[],
): Promise<void> {
  const conflicts = planned.flatMap(({ mutation: m }, i) => {
    const r = ran[i];
    return r?.status === 'conflict' ? [{ client: m.clientId, id: m.id, name: m.name, details: r.conflicts }] : [];
  });
  if (!conflicts.length) return;
  await q.query(
    `INSERT INTO conflicts (tenant_id, client_id, mutation_id, user_id, mutation, details, at)
     SELECT $1, x.client, x.id, $2, x.name, x.details, $3 FROM jsonb_to_recordset($4::jsonb) AS x (client uuid, id bigint, name text, details jsonb)`,
    [tenantId, actor.id, at, JSON.stringify(conflicts)],
  );
}
