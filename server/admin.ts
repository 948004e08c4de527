/**
 * `npm run server:admin -- <command> [options]`: administration of the server's database
 * (DATABASE_URL, else the embedded database in --data). One process at a time may open an
 * embedded database, so while `npm run server` runs on that folder (its running marker says so,
 * store/server-marker.ts) `tenants` and `export` ask that server over its local admin routes,
 * and the commands that change things ask for it to be stopped first. Exit codes: 0 done, 1
 * refused or failed (the message says why), 2 wrong usage.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { once } from 'node:events';
import { AppError, type ErrorCode } from '../shared/contract/errors.ts';
import type { ServerMarker } from '../shared/sync/server-marker.ts';
import { Role } from '../shared/domain/enums.ts';
import { createTeam, createTenant, createUser, exportTenant, listTenants, resetPassword } from './admin/operations.ts';
import { parseArgs, required, UsageError } from './cli-args.ts';
import { METRICS_OPTIONS, metricsQueryFromArgs } from './admin/metrics-args.ts';
import { metricsForTenant } from './metrics/report.ts';
import { DEFAULT_DEMO_TICKETS, demoCredentials, seedDemo } from './demo/seed.ts';
import type { Db } from './store/db.ts';
import { openDb } from './store/open.ts';
import { findMarkedServer } from './store/server-marker.ts';
import { pruneChanges } from './sync/prune.ts';

const ACTOR = 'admin-cli';

const USAGE = `usage: npm run server:admin -- <command> [--data DIR] [options]
  create-tenant   --name NAME [--time-zone Asia/Shanghai]
  create-team     --tenant TENANT_ID --name NAME
  create-user     --tenant TENANT_ID --email EMAIL --name NAME --role agent|account_manager|supervisor|admin
                  [--teams TEAM_ID,TEAM_ID] [--password PASSWORD]   (a password is generated and printed if omitted)
  reset-password  --email EMAIL [--password PASSWORD]
  seed-demo       [--tickets 10000] [--seed 42]   adds the demo tenant and prints its sign-in credentials
  tenants         lists every tenant: id, name   (works while the server runs)
  export          --tenant TENANT_ID [--out FILE]   every current record as JSON lines (stdout by default;
                  works while the server runs)
  prune           --tenant TENANT_ID --through VERSION   drops change-log entries (older cursors re-bootstrap)
  metrics         --tenant TENANT_ID [--period today|7d|30d|90d|this_month|this_quarter|custom] [--from DATE --to DATE]
                  [--time-zone ZONE] [--granularity day|week] [--compare yes|no] [--fcr one_reply|no_follow_up]
                  [--ces-scale 7|10] [--teams IDS] [--agents IDS] [--channels ...] [--priorities ...] [--types ...]
                  [--customer-types ...] [--tiers ...] [--tags ...]   the service metrics report as JSON (docs/metrics.md;
                  works while the server runs)`;

const OPTIONS: Record<string, string[]> = {
  'create-tenant': ['name', 'time-zone'],
  'create-team': ['tenant', 'name'],
  'create-user': ['tenant', 'email', 'name', 'role', 'teams', 'password'],
  'reset-password': ['email', 'password'],
  'seed-demo': ['tickets', 'seed'],
  tenants: [],
  export: ['tenant', 'out'],
  prune: ['tenant', 'through'],
  metrics: METRICS_OPTIONS,
};

function generatedPassword(): string {
  return randomBytes(12).toString('base64url');
}

async function run(command: string, args: Map<string, string>, db: Db): Promise<void> {
  switch (command) {
    case 'create-tenant': {
      const tenant = await createTenant(db, ACTOR, { name: required(args, 'name'), timeZone: args.get('time-zone') });
      console.log(tenant.id);
      return;
    }
    case 'create-team': {
      const team = await createTeam(db, ACTOR, { tenantId: required(args, 'tenant'), name: required(args, 'name') });
      console.log(team.id);
      return;
    }
    case 'create-user': {
      const role = Role.safeParse(required(args, 'role'));
      if (!role.success) throw new UsageError(`--role must be one of ${Role.options.join(', ')}`);
      const password = args.get('password') ?? generatedPassword();
      const teamIds = (args.get('teams') ?? '').split(',').filter(Boolean);
      const user = await createUser(db, ACTOR, {
        tenantId: required(args, 'tenant'),
        email: required(args, 'email'),
        name: required(args, 'name'),
        role: role.data,
        teamIds,
        password,
      });
      console.log(user.id);
      if (!args.has('password')) console.log(`password: ${password}`);
      return;
    }
    case 'reset-password': {
      const password = args.get('password') ?? generatedPassword();
      await resetPassword(db, ACTOR, required(args, 'email'), password);
      if (!args.has('password')) console.log(`password: ${password}`);
      return;
    }
    case 'seed-demo': {
      const tickets = Number(args.get('tickets') ?? DEFAULT_DEMO_TICKETS);
      const seed = Number(args.get('seed') ?? 42);
      if (!Number.isInteger(tickets) || tickets < 1) throw new UsageError('--tickets must be a whole number of at least 1');
      if (!Number.isInteger(seed)) throw new UsageError('--seed must be a whole number');
      const demo = await seedDemo(db, {
        tickets,
        seed,
        actor: ACTOR,
        onProgress: (p) => process.stderr.write(`\r${p.tickets.toLocaleString('en')} / ${tickets.toLocaleString('en')} tickets   `),
      });
      console.error(
        `\nseeded ${demo.tickets} tickets and ${demo.messages} messages in ${(demo.elapsedMs / 1000).toFixed(1)} s (tenant ${demo.tenantId})`,
      );
      console.log(demoCredentials(demo));
      return;
    }
    case 'tenants':
      printTenants(await listTenants(db));
      return;
    case 'export':
      await writeExport(args, await exportTenant(db, required(args, 'tenant')));
      return;
    case 'prune': {
      const through = Number(required(args, 'through'));
      if (!Number.isSafeInteger(through) || through < 0) throw new UsageError('--through must be a version number');
      console.log(`pruned through version ${await pruneChanges(db, required(args, 'tenant'), through)}`);
      return;
    }
    case 'metrics':
      await printJson(await metricsForTenant(db, required(args, 'tenant'), metricsQueryFromArgs(args), Date.now()));
      return;
    default:
      throw new UsageError(`unknown command ${command}`);
  }
}

/** Waits for stdout to take it all: the process.exit that ends every command would drop a pipe's buffered rest. */
async function printJson(value: unknown): Promise<void> {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  await new Promise<void>((done) => process.stdout.write('', () => done()));
}

function printTenants(tenants: { id: string; name: string }[]): void {
  if (!tenants.length) console.error('no tenants yet (create-tenant or seed-demo adds one)');
  for (const t of tenants) console.log(`${t.id}  ${t.name}`);
}

async function writeExport(args: Map<string, string>, lines: string[]): Promise<void> {
  const out = args.has('out') ? createWriteStream(resolve(required(args, 'out'))) : process.stdout;
  for (const line of lines) if (!out.write(`${line}\n`)) await once(out, 'drain');
  if (out !== process.stdout) {
    out.end();
    await once(out, 'finish');
    console.error(`exported ${lines.length} records`);
  } else {
    // A pipe takes stdout's writes asynchronously, and the process.exit that ends every command
    // would drop what is still buffered: a write's callback runs once it and all before it are out.
    await new Promise<void>((done) => process.stdout.write('', () => done()));
  }
}

/** The read-only commands, asked of the server running on the data folder. */
async function runThrough(server: ServerMarker, command: string, args: Map<string, string>): Promise<void> {
  const ask = async (path: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      headers: { authorization: `Bearer ${server.adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }),
    });
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
      throw new AppError(
        (body?.error?.code as ErrorCode | undefined) ?? 'UNAVAILABLE',
        body?.error?.message ?? `the running server answered ${res.status}`,
      );
    }
    return res;
  };
  if (command === 'tenants') {
    printTenants(((await (await ask('/admin/tenants')).json()) as { tenants: { id: string; name: string }[] }).tenants);
    return;
  }
  if (command === 'metrics') {
    const tenant = encodeURIComponent(required(args, 'tenant'));
    await printJson(await (await ask(`/admin/metrics?tenant=${tenant}`, metricsQueryFromArgs(args))).json());
    return;
  }
  const text = await (await ask(`/admin/export?tenant=${encodeURIComponent(required(args, 'tenant'))}`)).text();
  await writeExport(args, text.split('\n').filter(Boolean));
}

const READ_ONLY = new Set(['tenants', 'export', 'metrics']);

async function main(): Promise<void> {
  const [command = '', ...rest] = process.argv.slice(2);
  const known = OPTIONS[command];
  if (!known) throw new UsageError(command ? `unknown command ${command}` : 'a command is required');
  const args = parseArgs(rest, [...known, 'data']);
  const dataDir = resolve(args.get('data') ?? '.data/server');
  const running = process.env.DATABASE_URL ? null : await findMarkedServer(dataDir);
  if (running && READ_ONLY.has(command)) return runThrough(running, command, args);
  if (running)
    throw new AppError(
      'CONFLICT',
      `the server at ${running.url} (process ${running.pid}) has this database open: stop it first, then run ${command}`,
    );
  const db = await openDb({ databaseUrl: process.env.DATABASE_URL, dataDir });
  try {
    await run(command, args, db);
  } finally {
    await db.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n${USAGE}`);
      process.exit(2);
    }
    console.error(err instanceof AppError ? err.message : err instanceof Error ? `failed: ${err.message}` : err);
    process.exit(1);
  },
);
