/**
 * `npm run demo:seed -- --tickets 100000 [--seed 42] [--database path]`: creates a local cache full
 * of demo data, without a server (default .data/web-local/switchboard.db, where
 * `npm run start:web -- --local` looks), and prints progress.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../../shared/contract/errors.ts';
import { openDatabase } from '../db/open.ts';
import { seedDemoDatabase } from './seed.ts';

const DEFAULT_DEMO_DATABASE = '.data/web-local/switchboard.db';

const { values } = parseArgs({
  options: {
    tickets: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '42' },
    database: { type: 'string', default: DEFAULT_DEMO_DATABASE },
  },
});

const tickets = Number(values.tickets);
const seed = Number(values.seed);
if (!Number.isInteger(tickets) || tickets < 1 || !Number.isInteger(seed)) {
  console.error('usage: npm run demo:seed -- --tickets <count> [--seed <integer>] [--database <path>]');
  process.exit(2);
}
const path = resolve(values.database);
mkdirSync(dirname(path), { recursive: true });

try {
  const db = openDatabase(path);
  try {
    const report = seedDemoDatabase(db, {
      tickets,
      seed,
      onProgress: ({ tickets: done, messages, elapsedMs }) => {
        const rate = Math.round(((done + messages) / elapsedMs) * 1000);
        process.stdout.write(
          `\r${done.toLocaleString('en')} / ${tickets.toLocaleString('en')} tickets, ${messages.toLocaleString('en')} messages, ${rate.toLocaleString('en')} rows/s   `,
        );
      },
    });
    const seconds = report.elapsedMs / 1000;
    console.log(
      `\nSeeded ${values.database}: ${report.tickets.toLocaleString('en')} tickets, ${report.messages.toLocaleString('en')} messages, ` +
        `${report.accounts.toLocaleString('en')} accounts, ${report.contacts.toLocaleString('en')} contacts in ${seconds.toFixed(1)} s ` +
        `(${Math.round((report.tickets + report.messages) / seconds).toLocaleString('en')} tickets+messages/s).`,
    );
  } finally {
    db.close();
  }
} catch (err) {
  if (err instanceof AppError) {
    console.error(`\n${err.code}: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
