/**
 * One seed of the torture test: build the world, run the workload under faults, heal (faults off,
 * every instance up, every console open and online), wait until every outbox drained and every
 * console reached the head (bounded), then check the invariants.
 */
import { NO_FAULTS } from './faulty-proxy.ts';
import type { Cluster } from './cluster.ts';
import { checkInvariants, cursorState, localState, type Violation } from './invariants.ts';
import { createRng } from './prng.ts';
import { breathe, step, STORM, type Stats } from './workload.ts';
import { createWorld, type Console, type World } from './world.ts';

export interface SeedOptions {
  steps: number;
  /** How long the consoles get to reach the head once the faults healed (invariant 12). */
  healDeadlineMs: number;
}

export const DEFAULT_SEED_OPTIONS: SeedOptions = { steps: 40, healDeadlineMs: 20_000 };

export interface SeedResult {
  seed: number;
  violations: Violation[];
  stats: Stats;
  faults: Record<string, number>;
  ms: number;
  /** The last lines each console logged, for a failing seed. */
  logs: Record<string, string[]>;
}

async function head(w: World): Promise<number> {
  const { rows } = await w.cluster.db.query<{ version: unknown }>('SELECT version FROM tenant_clock WHERE tenant_id = $1', [w.tenantId]);
  return Number(rows[0]?.version ?? 0);
}

/** Why a console is not settled at `at`, or null when it is. */
async function unsettled(c: Console, at: number): Promise<string | null> {
  const r = await c.core!.dispatch('sync.now', {});
  if (!r.ok) return `sync.now failed: ${r.error.code} ${r.error.message}`;
  const status = r.value as { connection: string; pendingMutations: number; lastError: { code: string; message: string } | null };
  if (status.connection !== 'online' || status.pendingMutations > 0)
    return `${status.connection}, ${status.pendingMutations} pending${status.lastError ? `, last error ${status.lastError.code}: ${status.lastError.message}` : ''}`;
  const cursor = cursorState(localState(c.path).cursor);
  if (!cursor || cursor.boot || cursor.v !== at)
    return `cursor at ${cursor ? cursor.v : 'none'}${cursor?.boot ? ' (bootstrapping)' : ''}, head ${at}`;
  return null;
}

/** Liveness (12): every console at the head with an empty outbox before the deadline; the reasons otherwise. */
async function settle(w: World, consoles: Console[], deadlineMs: number, stats: Stats): Promise<string[]> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const at = await head(w);
    const reasons: string[] = [];
    for (const c of consoles) {
      // A console closed while its refresh was in flight presents the old refresh token on
      // reopening: the server takes that for theft and ends the session (docs/sync-protocol.md).
      // The person signs in again; the outbox was kept, so the checks still hold them to every change.
      const session = await c.core!.dispatch('session.get', {});
      if (session.ok && (session.value as { status: string }).status === 'signed_out') {
        stats.ops.set('signedInAgain', (stats.ops.get('signedInAgain') ?? 0) + 1);
        await w.signIn(c);
      }
      const why = await unsettled(c, at);
      if (why) reasons.push(`${c.name}: ${why}`);
    }
    if (!reasons.length && (await head(w)) === at) return [];
    if (Date.now() > until) return reasons;
  }
}

export async function runSeed(seed: number, cluster: Cluster, options: SeedOptions = DEFAULT_SEED_OPTIONS): Promise<SeedResult> {
  const started = Date.now();
  const killsBefore = { ...cluster.kills };
  const databaseBefore = new Map(cluster.database?.fired);
  const rng = createRng(seed);
  const stats: Stats = { mutations: 0, refusedLocally: 0, ops: new Map() };
  const w = await createWorld(seed, rng, cluster);
  const violations: Violation[] = [];
  try {
    for (const c of w.consoles) Object.assign(c.proxy.faults, STORM);
    for (let i = 0; i < options.steps; i++) {
      await step(w, stats);
      await breathe(rng.int(12));
    }

    // Heal.
    for (const c of w.consoles) {
      Object.assign(c.proxy.faults, NO_FAULTS);
      w.openConsole(c);
    }
    await cluster.healAll();
    for (const c of w.consoles) await c.proxy.settle();
    for (const u of w.unpoked) violations.push({ invariant: 12, name: 'liveness', detail: u });
    const stuck = await settle(w, w.consoles, options.healDeadlineMs, stats);
    for (const s of stuck) violations.push({ invariant: 12, name: 'liveness', detail: s });

    let fresh: Console | null = null;
    if (!stuck.length) {
      fresh = await w.freshConsole(rng.pick(w.consoles).person);
      const late = await settle(w, [fresh], options.healDeadlineMs, stats);
      for (const s of late) violations.push({ invariant: 12, name: 'liveness', detail: `fresh ${s}` });
      violations.push(...(await checkInvariants(w, fresh)));
    }
  } finally {
    await w.dispose();
  }
  const faults: Record<string, number> = {
    killBeforeCommit: cluster.kills.beforeCommit - killsBefore.beforeCommit,
    killAfterCommit: cluster.kills.afterCommit - killsBefore.afterCommit,
  };
  for (const c of w.consoles) for (const [k, n] of c.proxy.fired) faults[k] = (faults[k] ?? 0) + n;
  for (const [k, n] of cluster.database?.fired ?? []) if (n > (databaseBefore.get(k) ?? 0)) faults[k] = n - (databaseBefore.get(k) ?? 0);
  const logs: Record<string, string[]> = {};
  for (const c of w.consoles) logs[c.name] = c.log;
  return { seed, violations, stats, faults, ms: Date.now() - started, logs };
}
