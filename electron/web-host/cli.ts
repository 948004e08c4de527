/**
 * `npm run start:web`: the console in a browser, for machines without Electron. Opens Core on
 * `<data>/switchboard.db`, seeds the demo data set into an empty database, serves the renderer
 * build and the API on 127.0.0.1, and prints the one link to open (it carries the run's token).
 *
 * Exit codes: 0 after a clean shutdown (SIGINT/SIGTERM), 1 when the database cannot be opened
 * (newer version, corrupt: the file is left untouched) or the host cannot start, 2 for bad arguments.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCore, seedDemo, type Core } from '../core/index.ts';
import { AppError } from '../../shared/contract/errors.ts';
import { parseWebHostArgs, WEB_HOST_USAGE, type WebHostArgs } from './cli-args.ts';
import { isLoopbackHost } from './security.ts';
import { startWebHost, type WebHost } from './server.ts';
import packageJson from '../../package.json' with { type: 'json' };

const RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));

function fail(exitCode: number, code: string, message: string): never {
  console.error(`switchboard web host: ${code}: ${message}`);
  process.exit(exitCode);
}

function parseArgsOrExit(argv: readonly string[]): WebHostArgs {
  try {
    return parseWebHostArgs(argv);
  } catch (err) {
    if (err instanceof AppError) fail(2, err.code, `${err.message}\n\n${WEB_HOST_USAGE}`);
    throw err;
  }
}

function openCoreOrExit(databasePath: string): Core {
  try {
    return openCore({ databasePath, transport: 'web', appVersion: packageJson.version });
  } catch (err) {
    if (err instanceof AppError) fail(1, err.code, err.message);
    throw err;
  }
}

async function ticketCount(core: Core): Promise<number> {
  const info = await core.dispatch('app.info', {});
  if (!info.ok) fail(1, info.error.code, info.error.message);
  return (info.value as { counts: { tickets: number } }).counts.tickets;
}

async function seedIfEmpty(core: Core, tickets: number): Promise<void> {
  if (tickets === 0 || (await ticketCount(core)) > 0) return;
  console.log(`Seeding ${tickets} demo tickets into the empty database…`);
  const report = seedDemo(core, {
    tickets,
    onProgress: (p) => console.log(`  ${p.tickets} / ${tickets} tickets, ${p.messages} messages (${(p.elapsedMs / 1000).toFixed(1)} s)`),
  });
  console.log(
    `Seeded ${report.tickets} tickets, ${report.messages} messages and ${report.accounts} accounts in ${(report.elapsedMs / 1000).toFixed(1)} s.`,
  );
}

async function main(): Promise<void> {
  const args = parseArgsOrExit(process.argv.slice(2));
  if (args.help) {
    console.log(WEB_HOST_USAGE);
    return;
  }
  const dataDir = resolve(args.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const core = openCoreOrExit(join(dataDir, 'switchboard.db'));
  let host: WebHost;
  try {
    await seedIfEmpty(core, args.demoTickets);
    host = await startWebHost({ core, host: args.host, port: args.port, rendererDir: RENDERER_DIR, allowRemote: args.allowRemote });
  } catch (err) {
    core.close();
    if (err instanceof AppError) fail(1, err.code, err.message);
    const listenError = err as NodeJS.ErrnoException;
    if (listenError.code === 'EADDRINUSE')
      fail(1, 'UNAVAILABLE', `port ${args.port} is in use: pass --port <n> (or --port 0 for any free port)`);
    throw err;
  }

  if (!isLoopbackHost(args.host)) {
    console.warn(
      `\n!!! WARNING: the console is listening on ${args.host}:${host.port}, beyond this machine.\n` +
        '!!! Anyone who can reach it and learns the link below can read and change this data.\n' +
        '!!! Traffic is plain HTTP: use it only on a network you trust, or behind a TLS proxy.\n',
    );
  }
  console.log(`Switchboard is running: ${host.url}`);
  console.log('Press Ctrl+C to stop.');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await host.close();
    core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

await main();
