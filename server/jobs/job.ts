/**
 * What a durable job is: a kind (a name with a handler and the shape of its payload), enqueued as
 * a row of the `jobs` table and run by one server instance's runner (runner.ts). See "Durable
 * jobs" in docs/architecture.md.
 */
import type { z } from 'zod';
import type { Queryable } from '../store/db.ts';
import type { CommitDeps } from '../sync/commit.ts';

export type JobState = 'queued' | 'running' | 'done' | 'failed';

/** What a handler returns is kept as the job's outcome: plain JSON. */
export type JobResult = string | number | boolean | null | readonly JobResult[] | { readonly [key: string]: JobResult };

export interface JobContext<P> {
  /**
   * The transaction in which the job's completion is recorded: a database effect written through
   * it commits together with "done", or not at all. Effects outside the database (mail, HTTP) are
   * not covered: the handler must make them idempotent, because a job can run again after its
   * instance died between the effect and the commit.
   */
  tx: Queryable;
  payload: P;
  tenantId: string | null;
  /** 1 on the first run, 2 on the first retry, … */
  attempt: number;
  /** The runner's clock at the start of this run. */
  now: number;
}

export interface JobKind<P> {
  /** Stored in each row: renaming a kind strands its queued jobs. */
  name: string;
  payload: z.ZodType<P>;
  handle(ctx: JobContext<P>): Promise<JobResult | void>;
}

/** A kind without its payload type, as the runner holds them (handle is a method: bivariant in P). */
export type AnyJobKind = JobKind<unknown>;

export function defineJobKind<P>(kind: JobKind<P>): JobKind<P> {
  if (!/^[a-z][a-z0-9_.:-]{0,99}$/.test(kind.name)) throw new Error(`invalid job kind name ${kind.name}`);
  return kind;
}

/** A job that recurs every `everyMs`: one job per slot of that length, whichever instance enqueues it first. */
export interface Schedule<P> {
  kind: JobKind<P>;
  everyMs: number;
  payload: P;
}

export type AnySchedule = Schedule<unknown>;

/**
 * What a job's commits need: its clock; a bug rolls the job back (it runs again, then fails). The
 * commit never pokes: the job tells the consoles with a NOTIFY that is delivered when its
 * transaction commits.
 */
export function jobCommitDeps(now: number): CommitDeps {
  return {
    now: () => now,
    onBug: (err) => {
      throw err;
    },
    poke: () => {},
  };
}
