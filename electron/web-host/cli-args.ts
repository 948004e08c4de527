/**
 * The web host's command line, parsed into options or refused with a VALIDATION AppError whose
 * message says what to fix. Kept apart from cli.ts so it can be tested without starting anything.
 */
import { parseArgs } from 'node:util';
import { AppError } from '../../shared/contract/errors.ts';
import { isLoopbackHost } from './security.ts';

export interface WebHostArgs {
  dataDir: string;
  port: number;
  host: string;
  allowRemote: boolean;
  /** How many demo tickets to seed into an empty database (0: none). */
  demoTickets: number;
  help: boolean;
}

export const WEB_HOST_USAGE = `Usage: npm run start:web -- [options]

  --data <dir>         where the local database lives (default .data/web)
  --port <n>           port to listen on (default 5180; 0 picks a free one)
  --host <address>     address to listen on (default 127.0.0.1)
  --allow-remote       allow a non-loopback --host: anyone who can reach it and has the token gets in
  --demo-tickets <n>   demo tickets to seed when the database is empty (default 10000; 0 for none)
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
        data: { type: 'string', default: '.data/web' },
        port: { type: 'string', default: '5180' },
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
  if (values.data.trim() === '') throw new AppError('VALIDATION', '--data must not be empty');
  return {
    dataDir: values.data,
    port: integer('port', values.port, 0, 65535),
    host,
    allowRemote,
    demoTickets: integer('demo-tickets', values['demo-tickets'], 0, MAX_DEMO_TICKETS),
    help: values.help,
  };
}
