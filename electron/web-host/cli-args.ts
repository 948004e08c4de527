/**
 * The web host's command line, parsed into options or refused with a VALIDATION AppError whose
 * message says what to fix. Kept apart from cli.ts so it can be tested without starting anything.
 */
import { parseArgs } from 'node:util';
import { AppError } from '../../shared/contract/errors.ts';
import { EMBEDDED_SERVER_PORT } from './embedded-server.ts';
import { isLoopbackHost } from './security.ts';

/** Where the console's data comes from. */
export type DataSource =
  /** The default: an embedded demo server started (or found running) on this machine; Core signs in as the demo agent. */
  | { kind: 'embedded' }
  /** A server the person chose: no embedded one, no automatic sign-in (the sign-in screen asks). */
  | { kind: 'server'; url: string }
  /** No server at all: the demo data is seeded straight into the local cache. */
  | { kind: 'local' };

export interface WebHostArgs {
  source: DataSource;
  dataDir: string;
  port: number;
  /** The embedded server's port (default 8740); taken by something else, the server picks a free one. */
  serverPort: number;
  host: string;
  allowRemote: boolean;
  /** Demo tickets to seed into an empty database: the embedded server's, or with --local the cache (0: none). */
  demoTickets: number;
  help: boolean;
}

export const WEB_HOST_USAGE = `Usage: npm run start:web -- [options]

  By default an embedded Switchboard server with demo data starts on this machine (its database
  in .data/server, on port 8740) and the console signs in to it as the demo agent. A server that
  this project already runs on .data/server (npm run server, another console) is used instead;
  nothing else listening on the port ever is.

  --server <url>       use this server instead: no embedded one, sign in on the sign-in screen
  --local              no server at all: the demo data lives only in the local cache
  --data <dir>         where the local cache lives (default .data/web; with --local .data/web-local)
  --port <n>           port to listen on (default 5180; 0 picks a free one)
  --server-port <n>    the embedded server's port (default 8740; 0 picks a free one)
  --host <address>     address to listen on (default 127.0.0.1)
  --allow-remote       allow a non-loopback --host: anyone who can reach it and has the token gets in
  --demo-tickets <n>   demo tickets to seed into an empty database (default 10000; 0 for none)
  --help               show this text`;

const MAX_DEMO_TICKETS = 1_000_000;

function integer(name: string, raw: string, min: number, max: number): number {
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new AppError('VALIDATION', `--${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(raw)}`);
  }
  return value;
}

export function parseWebHostArgs(argv: readonly string[]): WebHostArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        server: { type: 'string' },
        local: { type: 'boolean', default: false },
        data: { type: 'string' },
        port: { type: 'string', default: '5180' },
        'server-port': { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        'allow-remote': { type: 'boolean', default: false },
        'demo-tickets': { type: 'string', default: '10000' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    throw new AppError('VALIDATION', err instanceof Error ? err.message : String(err));
  }
  const host = values.host.trim();
  if (host === '') throw new AppError('VALIDATION', '--host must not be empty');
  const allowRemote = values['allow-remote'];
  if (!isLoopbackHost(host) && !allowRemote) {
    throw new AppError(
      'VALIDATION',
      `--host ${host} would expose the console beyond this machine; add --allow-remote if that is really what you want`,
    );
  }
  const source = dataSource(values.server, values.local);
  if (values['server-port'] !== undefined && source.kind !== 'embedded')
    throw new AppError('VALIDATION', "--server-port is the embedded server's port: it goes with neither --server nor --local");
  const dataDir = values.data ?? (source.kind === 'local' ? '.data/web-local' : '.data/web');
  if (dataDir.trim() === '') throw new AppError('VALIDATION', '--data must not be empty');
  return {
    source,
    dataDir,
    port: integer('port', values.port, 0, 65535),
    serverPort: integer('server-port', values['server-port'] ?? String(EMBEDDED_SERVER_PORT), 0, 65535),
    host,
    allowRemote,
    demoTickets: integer('demo-tickets', values['demo-tickets'], 0, MAX_DEMO_TICKETS),
    help: values.help,
  };
}

function dataSource(server: string | undefined, local: boolean): DataSource {
  if (server !== undefined && local) throw new AppError('VALIDATION', '--server and --local exclude each other: choose one');
  if (local) return { kind: 'local' };
  if (server === undefined) return { kind: 'embedded' };
  let url: URL;
  try {
    url = new URL(server.trim());
  } catch {
    throw new AppError('VALIDATION', `--server must be a URL such as http://127.0.0.1:8740, not ${JSON.stringify(server)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('VALIDATION', `--server must be an http:// or https:// URL, not ${JSON.stringify(server)}`);
  }
  // Without a trailing slash: the sync client appends its own paths.
  return { kind: 'server', url: url.href.replace(/\/+$/, '') };
}

/** The line asking the person to sign in on the sign-in screen: only with --server, and only when not signed in already. */
export function signInHint(source: DataSource, signedIn: boolean): string | null {
  return source.kind === 'server' && !signedIn ? `Sign in to ${source.url} on the console's sign-in screen.` : null;
}
