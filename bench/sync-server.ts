/**
 * The sync suite's server, in a child process of its own so its memory and CPU are measured apart
 * from the consoles that load it: PostgreSQL when DATABASE_URL is set (in a schema of its own,
 * dropped at the end), else PGlite in memory; migrated and seeded with the server's demo tenant,
 * behind `startServer`. Driven over the fork IPC channel by suites/sync.ts.
 *
 * Requests: { id, type: 'stats' } -> { rssMb, cpuMicros } (user + system, since start);
 * { id, type: 'upsert', ticketIds } -> { ms, rows } (the push baseline: one raw multi-row upsert of
 * those tickets' records per 500 rows); { id, type: 'stop' }.
 */
import { seedDemo, DEMO_PASSWORD } from '../server/demo/seed.ts';
import { startServer } from '../server/app.ts';
import { backends } from '../server/testing/backends.ts';

const tickets = Number(process.argv[2] ?? '1000');
const seed = Number(process.argv[3] ?? '42');
const send = (message: unknown) => process.send?.(message);

// The last backend is PostgreSQL when DATABASE_URL is set, else PGlite.
const backend = backends[backends.length - 1] ?? backends[0];
if (!backend) throw new Error('no server database backend');
const store = await backend.open();
const db = store.db;
const demo = await seedDemo(db, { tickets, seed });
// Seeding's garbage is not the server's working set: collect it before anything is measured
// (the suite forks this process with --expose-gc).
globalThis.gc?.();
const server = await startServer({ db, logger: false });

const PRIORITIES = ['low', 'normal', 'high', 'urgent'];

async function upsert(ticketIds: string[]): Promise<{ ms: number; rows: number }> {
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
}

// Never outlive the suite: a crashed parent must not leave a server (and its stdout) behind.
process.on('disconnect', () => process.exit(0));

process.on('message', (message: { id: number; type: string; ticketIds?: string[] }) => {
  const reply = (body: object) => send({ id: message.id, ...body });
  if (message.type === 'stats') {
    const cpu = process.cpuUsage();
    reply({ rssMb: process.memoryUsage.rss() / 1024 / 1024, cpuMicros: cpu.user + cpu.system });
  } else if (message.type === 'upsert') {
    upsert(message.ticketIds ?? []).then(reply, (err: unknown) => reply({ error: String(err) }));
  } else if (message.type === 'stop') {
    server
      .close()
      .then(() => store.dispose())
      .finally(() => {
        reply({});
        process.disconnect();
      });
  }
});

send({
  type: 'ready',
  store: backend.name,
  url: server.url,
  password: DEMO_PASSWORD,
  users: demo.users,
  tickets: demo.tickets,
  messages: demo.messages,
  seedMs: demo.elapsedMs,
});
