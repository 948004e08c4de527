/**
 * A second server instance as a real OS process, for the test that kills one with SIGKILL while
 * it holds a job: it claims the one due `test.hold` job, writes its effect, prints
 * `holding <backend pid>` and waits inside the job's transaction until it is killed.
 *
 *   DATABASE_URL=… node server/testing/job-instance.ts <schema> <lease ms>
 */
import { openPgDb } from '../store/pg-db.ts';
import { createJobRunner } from '../jobs/runner.ts';
import { gatedJob, HOLD_JOB } from './test-jobs.ts';

const [schema, leaseMs] = process.argv.slice(2);
const databaseUrl = process.env.DATABASE_URL;
if (!schema || !databaseUrl || !leaseMs) throw new Error('usage: DATABASE_URL=… node server/testing/job-instance.ts <schema> <lease ms>');

const db = await openPgDb({ connectionString: databaseUrl, schema, max: 2 });
const hold = gatedJob(HOLD_JOB, async (_attempt, tx) => {
  const { rows } = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  process.stdout.write(`holding ${rows[0]?.pid}\n`);
  // Until the test kills this process; the timer keeps Node from exiting on an idle loop.
  await new Promise(() => setInterval(() => {}, 60_000));
});
await createJobRunner({ db, kinds: [hold], instanceId: 'doomed', leaseMs: Number(leaseMs) }).tick();
