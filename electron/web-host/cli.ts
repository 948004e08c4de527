/**
 * `npm run start:web`: the console in a browser, for machines without Electron. Opens Core on
 * `<data>/switchboard.db`, connects it to a server, serves the renderer build and the API on
 * 127.0.0.1, and prints the one link to open (it carries the run's token). The server is, by
 * default, the embedded demo server (embedded-server.ts), and Core signs in to it as the demo
 * agent the first time; `--server URL` names another one (the person signs in on the sign-in
 * screen); `--local` runs with no server, seeding the demo data straight into the cache.
 *
 * Exit codes: 0 after a clean shutdown (SIGINT/SIGTERM), 1 when the database cannot be opened
 * (newer version, corrupt: the file is left untouched), the server does not start or the host
 * cannot start, 2 for bad arguments.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCore, seedDemo, type Core } from '../core/index.ts';
import type { SessionState } from '../../shared/contract/channels.ts';
import { AppError } from '../../shared/contract/errors.ts';
import { DEMO_AGENT_EMAIL, DEMO_PASSWORD } from '../../shared/demo/credentials.ts';
import { parseWebHostArgs, signInHint, WEB_HOST_USAGE, type DataSource, type WebHostArgs } from './cli-args.ts';
import { EMBEDDED_SERVER_DATA, startEmbeddedServer, type EmbeddedServer } from './embedded-server.ts';
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

/** Core syncs with a server unless --local; with --server, that address prefills the sign-in screen. */
function openCoreOrExit(databasePath: string, source: DataSource): Core {
  try {
    return openCore({
      databasePath,
      transport: 'web',
      appVersion: packageJson.version,
      ...(source.kind === 'local' ? {} : { sync: { serverUrl: source.kind === 'server' ? source.url : null } }),
    });
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

/** --local: the previous behaviour, the demo data seeded into the cache itself. */
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

async function session(core: Core): Promise<SessionState | null> {
  const result = await core.dispatch('session.get', {});
  if (result.ok) return result.value as SessionState;
  console.warn(`Could not read the session (${result.error.code}: ${result.error.message}).`);
  return null;
}

/**
 * Signs Core in to the embedded server as the demo agent, once: a console already signed in keeps
 * its session. Core itself refuses to sign in over a cache that holds another server's or
 * person's data; the person then sees why and can sign in on the sign-in screen.
 */
async function signInAsDemoAgent(core: Core, serverUrl: string): Promise<void> {
  const state = await session(core);
  if (!state) return;
  if (state.status === 'signed_in') {
    if (state.serverUrl !== serverUrl)
      console.warn(`This console is signed in to ${state.serverUrl ?? 'no server'}, not to the embedded server at ${serverUrl}.`);
    return;
  }
  console.log(`Signing in to ${serverUrl} as ${DEMO_AGENT_EMAIL}…`);
  const result = await core.dispatch('session.signIn', { serverUrl, email: DEMO_AGENT_EMAIL, password: DEMO_PASSWORD });
  if (result.ok) console.log(`Signed in as ${DEMO_AGENT_EMAIL}; the console fills its cache from the server.`);
  else console.warn(`Automatic sign-in failed (${result.error.code}: ${result.error.message}); sign in on the sign-in screen.`);
}

/** Starts the embedded server, or exits 1 saying why it would not start. */
async function startEmbeddedOrExit(demoTickets: number, port: number): Promise<EmbeddedServer> {
  console.log(`Starting the embedded Switchboard server (database in ${EMBEDDED_SERVER_DATA})…`);
  try {
    const server = await startEmbeddedServer({ demoTickets, port, log: (line) => console.log(`  [server] ${line}`) });
    if (!server.started) console.log(`Using the Switchboard server already running at ${server.url}.`);
    return server;
  } catch (err) {
    fail(1, 'UNAVAILABLE', err instanceof Error ? err.message : String(err));
  }
}

/** SIGTERM/SIGINT: the process is gone within this long, finished or not. */
const STOP_DEADLINE_MS = 1500;

async function main(): Promise<void> {
  const args = parseArgsOrExit(process.argv.slice(2));
  if (args.help) {
    console.log(WEB_HOST_USAGE);
    return;
  }
  const dataDir = resolve(args.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const core = openCoreOrExit(join(dataDir, 'switchboard.db'), args.source);
  let embedded: EmbeddedServer | null = null;
  let host: WebHost;
  try {
    if (args.source.kind === 'local') {
      await seedIfEmpty(core, args.demoTickets);
    } else if (args.source.kind === 'embedded') {
      embedded = await startEmbeddedOrExit(args.demoTickets, args.serverPort);
      await signInAsDemoAgent(core, embedded.url);
    }
    host = await startWebHost({ core, host: args.host, port: args.port, rendererDir: RENDERER_DIR, allowRemote: args.allowRemote });
  } catch (err) {
    await embedded?.stop();
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
  const hint = signInHint(args.source, (await session(core))?.status === 'signed_in');
  if (hint) console.log(hint);
  if (embedded) console.log(`Demo sign-in: ${DEMO_AGENT_EMAIL} / ${DEMO_PASSWORD} (server ${embedded.url}).`);
  console.log(`Switchboard is running: ${host.url}`);
  console.log('Press Ctrl+C to stop.');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    // Whatever still runs then is abandoned: the cache's writes are synchronous, so every answered
    // call is on disk already, and the outbox is pushed on the next start.
    setTimeout(() => process.exit(0), STOP_DEADLINE_MS).unref();
    // The embedded server is told at once, so it stops within its own deadline whatever happens here.
    const server = embedded?.stop();
    await host.close();
    core.close();
    await server;
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

await main();
