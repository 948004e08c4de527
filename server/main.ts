/**
 * `npm run server`: the central server. PostgreSQL when DATABASE_URL is set, else the embedded
 * PGlite database in --data (default .data/server). A database without tenants gets the demo
 * tenant (--demo-tickets tickets, default 10000; 0 for none), and its sign-in credentials are
 * printed. The last line it prints at start-up, `Switchboard server on <url> …`, is its ready
 * line: the start scripts wait for it.
 *
 *   node server/main.ts [--data DIR] [--host 127.0.0.1] [--port 8740] [--demo-tickets N]
 */
import { resolve } from 'node:path';
import { startServer } from './app.ts';
import { parseArgs, UsageError } from './cli-args.ts';
import { DEFAULT_DEMO_TICKETS, demoCredentials, isEmpty, seedDemo } from './demo/seed.ts';
import { openDb } from './store/open.ts';
import { newMarkerSecrets, removeServerMarker, writeServerMarker } from './store/server-marker.ts';

export const DEFAULT_PORT = 8740;
/** SIGTERM/SIGINT: the process is gone within this long, finished or not. */
const STOP_DEADLINE_MS = 1500;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['data', 'host', 'port', 'demo-tickets']);
  const databaseUrl = process.env.DATABASE_URL;
  const dataDir = resolve(args.get('data') ?? '.data/server');
  const port = Number(args.get('port') ?? process.env.PORT ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a port number');
  const demoTickets = Number(args.get('demo-tickets') ?? DEFAULT_DEMO_TICKETS);
  if (!Number.isInteger(demoTickets) || demoTickets < 0) throw new UsageError('--demo-tickets must be a whole number (0: no demo data)');

  const db = await openDb({ databaseUrl, dataDir });
  if (demoTickets > 0 && (await isEmpty(db))) {
    console.log(`A new database: seeding the demo tenant with ${demoTickets.toLocaleString('en')} tickets…`);
    let reported = 0;
    const demo = await seedDemo(db, {
      tickets: demoTickets,
      onProgress: ({ tickets, elapsedMs }) => {
        // A line every ten seconds or so: enough to show it is alive without flooding the log.
        if (elapsedMs - reported < 10_000 || tickets === demoTickets) return;
        reported = elapsedMs;
        console.log(`  ${tickets.toLocaleString('en')} / ${demoTickets.toLocaleString('en')} tickets`);
      },
    });
    console.log(
      `Seeded ${demo.tickets.toLocaleString('en')} tickets and ${demo.messages.toLocaleString('en')} messages in ${(demo.elapsedMs / 1000).toFixed(1)} s.\n${demoCredentials(demo)}`,
    );
  }
  // On the embedded database the server marks its data folder while it runs, so the start scripts
  // and server:admin find this very server there (and nobody else's on the same port).
  const marker = databaseUrl ? null : newMarkerSecrets();
  const server = await startServer({
    db,
    host: args.get('host') ?? process.env.HOST ?? '127.0.0.1',
    port,
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
    ...(marker ? { marker } : {}),
  });
  if (marker) writeServerMarker(dataDir, { pid: process.pid, url: server.url, ...marker });
  console.log(`Switchboard server on ${server.url} (${databaseUrl ? 'PostgreSQL' : 'embedded database in the data folder'})`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    if (marker) removeServerMarker(dataDir, marker.instance);
    // Whatever still runs then is abandoned: an answered write has committed, and an unanswered
    // one is retried by its console (nothing of it was consumed, or it comes back alreadyProcessed).
    setTimeout(() => process.exit(0), STOP_DEADLINE_MS).unref();
    await server.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  if (err instanceof UsageError) {
    console.error(`${err.message}\nusage: npm run server -- [--data DIR] [--host HOST] [--port PORT] [--demo-tickets N]`);
    process.exit(2);
  }
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
