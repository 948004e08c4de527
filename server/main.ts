/**
 * `npm run server`: the central server. PostgreSQL when DATABASE_URL is set, else the embedded
 * PGlite database in --data (default .data/server). A database without tenants gets the demo
 * tenant, and its sign-in credentials are printed.
 *
 *   node server/main.ts [--data DIR] [--host 127.0.0.1] [--port 8740]
 */
import { resolve } from 'node:path';
import { startServer } from './app.ts';
import { parseArgs, UsageError } from './cli-args.ts';
import { demoCredentials, isEmpty, seedDemo } from './demo/seed.ts';
import { openDb } from './store/open.ts';

export const DEFAULT_PORT = 8740;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['data', 'host', 'port']);
  const databaseUrl = process.env.DATABASE_URL;
  const dataDir = resolve(args.get('data') ?? '.data/server');
  const port = Number(args.get('port') ?? process.env.PORT ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a port number');

  const db = await openDb({ databaseUrl, dataDir });
  if (await isEmpty(db)) {
    const demo = await seedDemo(db);
    console.log(`A new database: seeded the demo tenant.\n${demoCredentials(demo)}`);
  }
  const server = await startServer({
    db,
    host: args.get('host') ?? process.env.HOST ?? '127.0.0.1',
    port,
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
  });
  console.log(`Switchboard server on ${server.url} (${databaseUrl ? 'PostgreSQL' : 'embedded database in the data folder'})`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  if (err instanceof UsageError) {
    console.error(`${err.message}\nusage: npm run server -- [--data DIR] [--host HOST] [--port PORT]`);
    process.exit(2);
  }
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
