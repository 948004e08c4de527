/**
 * The sync suite's server, in a child process of its own so its memory and CPU are measured apart
 * from the consoles that load it. Driven over the fork IPC channel by suites/sync.ts.
 *
 *   node bench/sync-server.ts seed <tickets> <seed>     PostgreSQL only: makes a schema of its own,
 *                                                       migrates and seeds it, reports 'seeded', exits
 *   node bench/sync-server.ts serve <tickets> <seed> [schema]
 *
 * `serve` with a schema runs the server on the database `seed` made: the serving process never held
 * the seeder's rows, so its RSS is the server's own. Without DATABASE_URL it seeds PGlite in memory
 * itself (the database then lives in the server's memory, and its RSS includes it).
 *
 * Requests: { id, type: 'stats' } -> { rssMb, heapMb (V8's heap, used or not), cpuMicros } (user +
 * system, since start; memory after a garbage collection); { id, type: 'cpu' } -> { cpuMicros } (no collection:
 * for CPU windows); { id, type: 'upsert', ticketIds } -> { ms, rows } (the push baseline: one raw
 * multi-row upsert of those tickets' records per 500 rows); { id, type: 'change', rows } ->
 * { rows, versions } (edits that many messages through the change log, as a team's writes would);
 * { id, type: 'stop' } (drops the schema).
 */
import { randomBytes } from 'node:crypto';
import { seedDemo, DEMO_PASSWORD } from '../server/demo/seed.ts';
import { startServer } from '../server/app.ts';
import { pokeTenant } from '../server/live/pokes.ts';
import type { Db } from '../server/store/db.ts';
import { migrate } from '../server/store/migrations.ts';
import { dropPgSchema, openPgDb } from '../server/store/pg-db.ts';
import { openPgliteDb } from '../server/store/pglite-db.ts';
import { advanceTenantClock, lockTenantClock } from '../server/sync/record-writer.ts';

const [mode = 'serve', ticketsArg = '1000', seedArg = '42', givenSchema] = process.argv.slice(2);
const tickets = Number(ticketsArg);
const seed = Number(seedArg);
const send = (message: unknown) => process.send?.(message);
const url = process.env.DATABASE_URL;

// Never outlive the suite: a crashed parent must not leave a server (and its stdout) behind.
process.on('disconnect', () => process.exit(0));

/**
 * A database in service has planner statistics (autovacuum analyzes a table once a tenth of it has
 * changed); one bulk-seeded a second ago has none, and PostgreSQL then plans pull and push queries
 * as if the tenant had a few hundred records. Measure the server as it runs, not as it starts.
 */
async function seedAndAnalyze(db: Db) {
  const demo = await seedDemo(db, { tickets, seed });
  await db.query('ANALYZE');
  return demo;
}

if (mode === 'seed') {
  if (!url) throw new Error('seed mode needs DATABASE_URL');
  const schema = `bench_sync_${randomBytes(6).toString('hex')}`;
  const db = await openPgDb({ connectionString: url, schema, max: 4 });
  await migrate(db);
  const demo = await seedAndAnalyze(db);
  await db.close();
  send({ type: 'seeded', schema, ...demo });
  process.disconnect();
} else {
  let db: Db;
  let demo: { tenantId: string; users: { email: string; role: string }[]; tickets: number; messages: number; elapsedMs: number } | null =
    null;
  if (url && givenSchema) db = await openPgDb({ connectionString: url, schema: givenSchema, max: 10 });
  else {
    db = await openPgliteDb();
    await migrate(db);
    demo = await seedAndAnalyze(db);
  }
  const dispose = async () => {
    await db.close();
    if (url && givenSchema) await dropPgSchema(url, givenSchema);
  };
  // Seeding's garbage (PGlite) is not the server's working set: collect it before anything is
  // measured (the suite forks this process with --expose-gc).
  globalThis.gc?.();
  const server = await startServer({ db, logger: false });
  const { rows: tenants } = await db.query<{ tenant_id: string }>('SELECT tenant_id FROM tenant_clock LIMIT 1');
  const tenantId = tenants[0]?.tenant_id;
  if (!tenantId) throw new Error('the sync server has no tenant');

  const PRIORITIES = ['low', 'normal', 'high', 'urgent'];

  const upsert = async (ticketIds: string[]): Promise<{ ms: number; rows: number }> => {
    const { rows } = await db.query<{
      tenant_id: string;
      id: string;
      scope: string;
      scope_kind: string;
      version: string;
      data: Record<string, unknown>;
    }>("SELECT tenant_id, id, scope, scope_kind, version, data FROM records WHERE entity = 'ticket' AND id = ANY($1::uuid[])", [ticketIds]);
    const start = performance.now();
    await db.transaction(async (tx) => {
      for (let from = 0; from < rows.length; from += 500) {
        const batch = rows.slice(from, from + 500);
        const params: unknown[] = [];
        const values = batch.map((r, i) => {
          const data = { ...r.data, priority: PRIORITIES[(PRIORITIES.indexOf(String(r.data.priority)) + 1) % 4] };
          params.push(r.tenant_id, r.id, r.scope, r.scope_kind, Number(r.version) + 1, JSON.stringify(data));
          const p = i * 6;
          return `($${p + 1}::uuid, 'ticket', $${p + 2}::uuid, $${p + 3}::uuid, $${p + 4}, $${p + 5}, $${p + 6}::jsonb)`;
        });
        await tx.query(
          `INSERT INTO records (tenant_id, entity, id, scope, scope_kind, version, data) VALUES ${values.join(', ')}
           ON CONFLICT (tenant_id, entity, id) DO UPDATE SET version = excluded.version, data = excluded.data`,
          params,
        );
      }
    });
    return { ms: performance.now() - start, rows: rows.length };
  };

  /**
   * Edits `count` messages (their body, so the search index changes too) through the change log,
   * in tenant versions of PER_VERSION rows each, as that many server transactions would: the rows
   * a console that was offline meanwhile has to catch up on. Then pokes the tenant, as writers do.
   */
  const PER_VERSION = 100;
  const change = async (count: number): Promise<{ rows: number; versions: number }> => {
    const result = await db.transaction(async (tx) => {
      const clock = await lockTenantClock(tx, tenantId);
      const { rows } = await tx.query<{ n: string; top: string }>(
        `WITH picked AS (
           SELECT entity, id, (row_number() OVER (ORDER BY id) - 1) AS k FROM records
            WHERE tenant_id = $1 AND entity = 'message' AND NOT deleted ORDER BY id LIMIT $2),
         edited AS (
           UPDATE records r SET version = $3 + p.k / $4,
                  data = r.data || jsonb_build_object('body', (r.data ->> 'body') || ' (edited)', 'version', $3 + p.k / $4, 'updatedAt', $5::bigint)
             FROM picked p
            WHERE r.tenant_id = $1 AND r.entity = p.entity AND r.id = p.id
           RETURNING r.entity, r.id, r.scope, r.scope_kind, r.version, p.k)
         , logged AS (
           INSERT INTO changes (tenant_id, version, seq, entity, id, scope, scope_kind, op)
           SELECT $1, version, k % $4, entity, id, scope, scope_kind, 'put' FROM edited RETURNING version)
         SELECT count(*) AS n, coalesce(max(version), $3 - 1) AS top FROM logged`,
        [tenantId, count, clock.version + 1, PER_VERSION, Date.now()],
      );
      const top = Number(rows[0]?.top);
      await advanceTenantClock(tx, tenantId, { version: top, nextTicketNumber: clock.nextTicketNumber });
      return { rows: Number(rows[0]?.n), versions: top - clock.version };
    });
    await pokeTenant(db, tenantId);
    return result;
  };

  process.on('message', (message: { id: number; type: string; ticketIds?: string[]; rows?: number }) => {
    const reply = (body: object) => send({ id: message.id, ...body });
    const answer = (work: Promise<object>) => work.then(reply, (err: unknown) => reply({ error: String(err) }));
    if (message.type === 'stats') {
      const cpu = process.cpuUsage();
      // Garbage is not the working set (and a collection is not idle work: the CPU was read first).
      globalThis.gc?.();
      const memory = process.memoryUsage();
      reply({ rssMb: memory.rss / 1024 / 1024, heapMb: memory.heapTotal / 1024 / 1024, cpuMicros: cpu.user + cpu.system });
    } else if (message.type === 'cpu') {
      const cpu = process.cpuUsage();
      reply({ cpuMicros: cpu.user + cpu.system });
    } else if (message.type === 'upsert') void answer(upsert(message.ticketIds ?? []));
    else if (message.type === 'change') void answer(change(message.rows ?? 0));
    else if (message.type === 'stop') {
      server
        .close()
        .then(dispose)
        .finally(() => {
          reply({});
          process.disconnect();
        });
    }
  });

  send({
    type: 'ready',
    store: db.kind,
    url: server.url,
    password: DEMO_PASSWORD,
    // Set when this process seeded (PGlite); the 'seeded' message carries them otherwise.
    ...(demo ? { users: demo.users, tickets: demo.tickets, messages: demo.messages, seedMs: demo.elapsedMs } : {}),
    rssMb: process.memoryUsage.rss() / 1024 / 1024,
  });
}
