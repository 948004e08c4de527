import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/contract/errors.ts';
import { backends, type TestDb } from '../testing/backends.ts';
import { createEffectsTable, effectCounts, gatedJob, HOLD_JOB, recordEffectJob } from '../testing/test-jobs.ts';
import type { Db } from '../store/db.ts';
import { enqueue } from './enqueue.ts';
import type { AnyJobKind } from './job.ts';
import { createJobRunner, type JobRunner } from './runner.ts';

const LEASE_MS = 60_000;

interface JobRow {
  state: string;
  attempts: number;
  run_at: string | number;
  last_error: string | null;
  result: unknown;
  locked_by: string | null;
}

async function jobByKey(db: Db, key: string): Promise<JobRow> {
  const { rows } = await db.query<JobRow>('SELECT state, attempts, run_at, last_error, result, locked_by FROM jobs WHERE dedupe_key = $1', [
    key,
  ]);
  if (!rows[0]) throw new Error(`no job ${key}`);
  return rows[0];
}

/** A promise the test resolves when it chooses: how a handler is held mid-way. */
function gate(): { wait: Promise<void>; open(): void } {
  let open = () => {};
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

describe.each(backends)('durable jobs on $name', (backend) => {
  let t: TestDb;
  let clock: number;
  const runners: JobRunner[] = [];
  const now = () => clock;

  async function open(): Promise<TestDb> {
    t = await backend.open();
    await createEffectsTable(t.db);
    clock = Date.UTC(2026, 0, 1, 9);
    return t;
  }

  function runner(db: Db, kinds: AnyJobKind[], extra: Partial<Parameters<typeof createJobRunner>[0]> = {}): JobRunner {
    const r = createJobRunner({ db, kinds, now, leaseMs: LEASE_MS, random: () => 0, backoff: { baseMs: 1_000, maxMs: 60_000 }, ...extra });
    runners.push(r);
    return r;
  }

  function enqueueEffect(db: Db, key: string, extra: { failUntil?: number; runAt?: number; maxAttempts?: number } = {}) {
    return enqueue(
      db,
      {
        kind: recordEffectJob,
        payload: { key, failUntil: extra.failUntil ?? 0 },
        dedupeKey: key,
        runAt: extra.runAt ?? clock,
        ...(extra.maxAttempts ? { maxAttempts: extra.maxAttempts } : {}),
      },
      clock,
    );
  }

  afterEach(async () => {
    for (const r of runners.splice(0)) await r.stop();
    await t.dispose();
  });

  it('two instances share many jobs: each job runs on one of them and its effect happens exactly once', async () => {
    await open();
    const other = await t.openAnother();
    const keys = Array.from({ length: 40 }, (_, i) => `job-${i}`);
    for (const key of keys) await enqueueEffect(t.db, key);
    const a = runner(t.db, [recordEffectJob], { instanceId: 'a' });
    const b = runner(other, [recordEffectJob], { instanceId: 'b' });

    const [ranA, ranB] = await Promise.all([a.tick(), b.tick()]);

    expect(ranA + ranB).toBe(keys.length);
    const counts = await effectCounts(t.db);
    expect(keys.filter((k) => counts.get(k) !== 1)).toEqual([]);
    const { rows } = await t.db.query<{ state: string; n: unknown }>('SELECT state, count(*) AS n FROM jobs GROUP BY state');
    expect(rows.map((r) => [r.state, Number(r.n)])).toEqual([['done', keys.length]]);
    expect(await a.tick()).toBe(0);
  });

  it('a job claimed by an instance that died is taken over once its lease expires, and its effect happens once', async () => {
    await open();
    await enqueueEffect(t.db, 'orphan');
    // The dead instance: it claimed the job (as a runner does) and never finished or renewed it.
    await t.db.query("UPDATE jobs SET state = 'running', attempts = 1, locked_by = 'dead', locked_until = $1", [clock + LEASE_MS]);
    const survivor = runner(t.db, [recordEffectJob], { instanceId: 'survivor' });

    expect(await survivor.tick()).toBe(0);
    expect((await jobByKey(t.db, 'orphan')).locked_by).toBe('dead');

    clock += LEASE_MS;
    expect(await survivor.tick()).toBe(1);
    expect(await effectCounts(t.db)).toEqual(new Map([['orphan', 1]]));
    expect(await jobByKey(t.db, 'orphan')).toMatchObject({
      state: 'done',
      attempts: 2,
      locked_by: null,
      result: { key: 'orphan', attempt: 2 },
    });
  });

  it('a job whose last attempt died with its instance is failed, not run again', async () => {
    await open();
    await enqueueEffect(t.db, 'last-try', { maxAttempts: 1 });
    await t.db.query("UPDATE jobs SET state = 'running', attempts = 1, locked_by = 'dead', locked_until = $1", [clock + LEASE_MS]);
    clock += LEASE_MS;
    expect(await runner(t.db, [recordEffectJob]).tick()).toBe(1);
    expect(await jobByKey(t.db, 'last-try')).toMatchObject({
      state: 'failed',
      attempts: 2,
      last_error: 'the instance running its last attempt stopped before finishing it (lease expired)',
    });
    expect(await effectCounts(t.db)).toEqual(new Map());
  });

  it('a failing job is retried with growing waits, then failed with its last error kept and none of its effects', async () => {
    await open();
    await enqueueEffect(t.db, 'doomed', { failUntil: 99, maxAttempts: 3 });
    const r = runner(t.db, [recordEffectJob]);
    const start = clock;

    expect(await r.tick()).toBe(1);
    // random() = 0: half of base·2^(attempt-1).
    expect(await jobByKey(t.db, 'doomed')).toMatchObject({
      state: 'queued',
      attempts: 1,
      last_error: 'attempt 1 of doomed failed on purpose',
    });
    expect(Number((await jobByKey(t.db, 'doomed')).run_at)).toBe(start + 500);
    expect(await r.tick()).toBe(0);

    clock = start + 500;
    expect(await r.tick()).toBe(1);
    expect(Number((await jobByKey(t.db, 'doomed')).run_at)).toBe(start + 500 + 1_000);

    clock = start + 1_500;
    expect(await r.tick()).toBe(1);
    expect(await jobByKey(t.db, 'doomed')).toMatchObject({
      state: 'failed',
      attempts: 3,
      last_error: 'attempt 3 of doomed failed on purpose',
    });
    expect(await effectCounts(t.db)).toEqual(new Map());

    clock += 3_600_000;
    expect(await r.tick()).toBe(0);
  });

  it('a job that fails once succeeds on its retry, with its effect once and its result kept', async () => {
    await open();
    await enqueueEffect(t.db, 'flaky', { failUntil: 1 });
    const r = runner(t.db, [recordEffectJob]);
    expect(await r.tick()).toBe(1);
    clock += 500;
    expect(await r.tick()).toBe(1);
    expect(await jobByKey(t.db, 'flaky')).toMatchObject({
      state: 'done',
      attempts: 2,
      last_error: null,
      result: { key: 'flaky', attempt: 2 },
    });
    expect(await effectCounts(t.db)).toEqual(new Map([['flaky', 1]]));
  });

  it('a job waits for its run-at time', async () => {
    await open();
    await enqueueEffect(t.db, 'later', { runAt: clock + 10_000 });
    const r = runner(t.db, [recordEffectJob]);
    expect(await r.tick()).toBe(0);
    clock += 10_000;
    expect(await r.tick()).toBe(1);
    expect(await effectCounts(t.db)).toEqual(new Map([['later', 1]]));
  });

  it('enqueueing the same dedupe key twice is one job, even after it ran', async () => {
    await open();
    const first = await enqueueEffect(t.db, 'once');
    const again = await t.db.transaction((tx) =>
      enqueue(tx, { kind: recordEffectJob, payload: { key: 'once', failUntil: 0 }, dedupeKey: 'once', runAt: clock }, clock),
    );
    expect(again).toEqual({ id: first.id, created: false });
    const r = runner(t.db, [recordEffectJob]);
    expect(await r.tick()).toBe(1);
    expect((await enqueueEffect(t.db, 'once')).created).toBe(false);
    expect(await r.tick()).toBe(0);
    expect(await effectCounts(t.db)).toEqual(new Map([['once', 1]]));
  });

  it('a job enqueued by a write that rolls back does not exist', async () => {
    await open();
    await expect(
      t.db.transaction(async (tx) => {
        await enqueue(tx, { kind: recordEffectJob, payload: { key: 'ghost', failUntil: 0 }, dedupeKey: 'ghost', runAt: clock }, clock);
        throw new Error('the triggering write failed');
      }),
    ).rejects.toThrow('the triggering write failed');
    const { rows } = await t.db.query('SELECT 1 FROM jobs');
    expect(rows).toEqual([]);
  });

  it('refuses a job whose payload does not fit its kind, with a code, and writes nothing', async () => {
    await open();
    const bad = enqueue(t.db, { kind: recordEffectJob, payload: { key: 7 } as never, dedupeKey: 'bad', runAt: clock }, clock);
    await expect(bad).rejects.toBeInstanceOf(AppError);
    await expect(bad).rejects.toMatchObject({ code: 'VALIDATION' });
    const { rows } = await t.db.query('SELECT 1 FROM jobs');
    expect(rows).toEqual([]);
  });

  it('a schedule gets one job per slot, however many instances keep it', async () => {
    await open();
    const other = await t.openAnother();
    const hourly = { kind: recordEffectJob, everyMs: 3_600_000, payload: { key: 'hourly', failUntil: 0 } };
    const a = runner(t.db, [recordEffectJob], { schedules: [hourly], instanceId: 'a' });
    const b = runner(other, [recordEffectJob], { schedules: [hourly], instanceId: 'b' });

    await Promise.all([a.tick(), b.tick()]);
    await Promise.all([a.tick(), b.tick()]);
    expect(await effectCounts(t.db)).toEqual(new Map([['hourly', 1]]));

    clock += 3_600_000;
    await Promise.all([b.tick(), a.tick()]);
    expect(await effectCounts(t.db)).toEqual(new Map([['hourly', 2]]));
    const { rows } = await t.db.query<{ dedupe_key: string }>('SELECT dedupe_key FROM jobs ORDER BY run_at');
    const slot = Math.floor(clock / 3_600_000) * 3_600_000;
    expect(rows.map((r) => r.dedupe_key)).toEqual([
      `schedule:test.record-effect:${slot - 3_600_000}`,
      `schedule:test.record-effect:${slot}`,
    ]);
  });

  it('stopping lets the running job finish and claims no other', async () => {
    await open();
    const held = gate();
    const entered = gate();
    const slow = gatedJob('test.slow', async () => {
      entered.open();
      await held.wait;
    });
    for (const key of ['first', 'second']) await enqueue(t.db, { kind: slow, payload: { key }, dedupeKey: key, runAt: clock }, clock);
    const r = runner(t.db, [slow]);
    const ticking = r.tick();
    await entered.wait;
    const stopping = r.stop();
    held.open();
    await stopping;
    expect(await ticking).toBe(1);
    expect(await jobByKey(t.db, 'first')).toMatchObject({ state: 'done' });
    expect(await jobByKey(t.db, 'second')).toMatchObject({ state: 'queued', attempts: 0 });
  });
  // PGlite is one session: two transactions never interleave there, so an instance cannot stall
  // inside a job while another works. These need a second connection, hence PostgreSQL.
  if (backend.name === 'postgres') {
    /** A job whose handler the test holds open (it has written its effect) until `release`. */
    async function heldJob(key: string) {
      const held = gate();
      const entered = gate();
      const slow = gatedJob('test.slow', async () => {
        entered.open();
        await held.wait;
      });
      await enqueue(t.db, { kind: slow, payload: { key }, dedupeKey: key, runAt: clock }, clock);
      return { slow, entered: entered.wait, release: held.open };
    }

    it('a running job keeps its lease while its instance renews it', async () => {
      await open();
      const { slow, entered, release } = await heldJob('slow');
      const a = runner(t.db, [slow], { instanceId: 'a' });
      const b = runner(await t.openAnother(), [slow], { instanceId: 'b' });
      const ticking = a.tick();
      await entered;
      clock += LEASE_MS - 1;
      await a.renewLease();
      clock += LEASE_MS - 1;
      expect(await b.tick()).toBe(0);
      release();
      expect(await ticking).toBe(1);
      expect(await jobByKey(t.db, 'slow')).toMatchObject({ state: 'done', attempts: 1 });
      expect(await effectCounts(t.db)).toEqual(new Map([['slow', 1]]));
    });

    it('an instance that stalls past its lease loses the job: the other finishes it and only one effect commits', async () => {
      await open();
      const { slow, entered, release } = await heldJob('stalled');
      const a = runner(t.db, [slow], { instanceId: 'a' });
      const b = runner(await t.openAnother(), [gatedJob('test.slow', async () => {})], { instanceId: 'b' });
      const ticking = a.tick();
      await entered;
      clock += LEASE_MS;
      expect(await b.tick()).toBe(1);
      release();
      // a's completion is refused: its attempt is no longer the job's, so its effect rolls back.
      expect(await ticking).toBe(1);
      expect(await jobByKey(t.db, 'stalled')).toMatchObject({ state: 'done', attempts: 2, locked_by: null });
      const { rows } = await t.db.query<{ attempt: number }>('SELECT attempt FROM job_effects');
      expect(rows).toEqual([{ attempt: 2 }]);
    });

    it('an instance killed with SIGKILL while holding a job: another takes it over and the effect happens once', async () => {
      await open();
      await enqueue(
        t.db,
        { kind: gatedJob(HOLD_JOB, async () => {}), payload: { key: 'killed' }, dedupeKey: 'killed', runAt: Date.now() },
        clock,
      );
      const { rows: schemas } = await t.db.query<{ schema: string }>('SELECT current_schema() AS schema');
      const child = spawn(
        process.execPath,
        [fileURLToPath(new URL('../testing/job-instance.ts', import.meta.url)), schemas[0]!.schema, String(LEASE_MS)],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      const exited = once(child, 'exit');
      const lines = createInterface({ input: child.stdout! });
      let backendPid = 0;
      for await (const line of lines) {
        const m = /^holding (\d+)$/.exec(line);
        if (m) {
          backendPid = Number(m[1]);
          break;
        }
      }
      expect(backendPid).toBeGreaterThan(0);
      expect((await jobByKey(t.db, 'killed')).locked_by).toBe('doomed');

      child.kill('SIGKILL');
      await exited;
      // PostgreSQL ends the dead process's session (rolling its transaction back) on its own.
      await vi.waitFor(
        async () => expect((await t.db.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [backendPid])).rows).toEqual([]),
        { timeout: 10_000, interval: 20 },
      );

      const survivor = runner(t.db, [gatedJob(HOLD_JOB, async () => {})], { instanceId: 'survivor' });
      clock = Date.now();
      expect(await survivor.tick()).toBe(0);
      clock = Date.now() + LEASE_MS;
      expect(await survivor.tick()).toBe(1);
      expect(await jobByKey(t.db, 'killed')).toMatchObject({ state: 'done', attempts: 2 });
      const { rows } = await t.db.query<{ attempt: number }>('SELECT attempt FROM job_effects');
      expect(rows).toEqual([{ attempt: 2 }]);
    });
  }
});
