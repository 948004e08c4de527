/**
 * The server's demo tenant: the realistic data set of shared/demo/generate.ts (the same one a
 * console without a server seeds locally), written into the generic `records` table with its
 * change log, so consoles get it by bootstrapping. Every demo person can sign in with the demo
 * password (argon2id); five of them have the short addresses the start scripts print.
 */
import { AppError } from '../../shared/contract/errors.ts';
import { DEMO_PASSWORD, DEMO_SIGN_INS } from '../../shared/demo/credentials.ts';
import { createDemoData, type DemoBatch, type DemoOrganizationRecords } from '../../shared/demo/generate.ts';
import type { Role } from '../../shared/domain/enums.ts';
import type { SyncEntity } from '../../shared/sync/protocol.ts';
import { ticketPlace } from '../../shared/sync/scope-rules.ts';
import { audit } from '../admin/operations.ts';
import { hashPassword } from '../auth/passwords.ts';
import { pokeTenant } from '../live/pokes.ts';
import type { Db, Queryable } from '../store/db.ts';
import type { Row } from '../sync/record-writer.ts';
import { insertNewRecords, type NewRecord } from './bulk-records.ts';

export { DEMO_PASSWORD } from '../../shared/demo/credentials.ts';

export const DEFAULT_DEMO_TICKETS = 10_000;

export interface DemoSeedOptions {
  tickets?: number;
  seed?: number;
  /** The demo's "now" (default: the current time). */
  now?: number;
  /** Tickets per transaction and tenant version (default 1000: about 17k changes, which a pull page never splits). */
  batchSize?: number;
  /** For the audit log. */
  actor?: string;
  onProgress?: (progress: { tickets: number; messages: number; elapsedMs: number }) => void;
}

export interface DemoTenant {
  tenantId: string;
  /** The people with printed sign-ins, in DEMO_SIGN_INS order. */
  users: { email: string; role: Role; name: string }[];
  tickets: number;
  messages: number;
  elapsedMs: number;
}

const records = <T extends { id: string }>(entity: SyncEntity, rows: readonly T[]): NewRecord[] =>
  rows.map((row) => ({ entity, row: row as unknown as Row }));

export async function seedDemo(db: Db, options: DemoSeedOptions = {}): Promise<DemoTenant> {
  const started = performance.now();
  const tickets = options.tickets ?? DEFAULT_DEMO_TICKETS;
  let data;
  try {
    data = createDemoData({ tickets, seed: options.seed ?? 42, now: options.now ?? Date.now(), batchSize: options.batchSize ?? 1000 });
  } catch (err) {
    if (err instanceof RangeError) throw new AppError('VALIDATION', err.message);
    throw err;
  }
  const org = data.organization;
  const tenantId = org.tenant.id;
  const emails = org.users.map((u) => u.email);
  // One hash per person (each with its own salt); argon2 runs on libuv's threads, so in parallel.
  const hashes = await Promise.all(org.users.map(() => hashPassword(DEMO_PASSWORD)));

  await db.transaction(async (q) => {
    const { rows } = await q.query<{ email: string }>('SELECT email FROM users WHERE lower(email) = ANY($1::text[])', [emails]);
    if (rows.length)
      throw new AppError('RULE_VIOLATION', `the demo tenant is already here (${rows[0]?.email} signs in); use another database`);
    await writeOrganization(q, org, hashes);
    await audit(q, tenantId, options.actor ?? 'demo-seed', 'demo.seed', { tickets, users: org.users.length });
  });

  let written = 0;
  let messages = 0;
  for (const batch of data.batches) {
    await db.transaction((q) => writeBatch(q, tenantId, batch));
    written += batch.tickets.length;
    messages += batch.messages.length;
    options.onProgress?.({ tickets: written, messages, elapsedMs: performance.now() - started });
  }
  await pokeTenant(db, tenantId);

  const byEmail = new Map(org.users.map((u) => [u.email, u]));
  return {
    tenantId,
    users: DEMO_SIGN_INS.map(({ email, role }) => ({ email, role, name: byEmail.get(email)?.name ?? email })),
    tickets: written,
    messages,
    elapsedMs: performance.now() - started,
  };
}

async function writeOrganization(q: Queryable, org: DemoOrganizationRecords, hashes: readonly string[]): Promise<void> {
  const t = org.tenant.id;
  await q.query('INSERT INTO tenants (id, name, created_at) VALUES ($1, $2, $3)', [t, org.tenant.name, org.tenant.createdAt]);
  await q.query('INSERT INTO tenant_clock (tenant_id) VALUES ($1)', [t]);
  await q.query(
    `INSERT INTO users (id, tenant_id, email, password_hash, role, active, created_at)
     SELECT x.id, $1, x.email, x.hash, x.role, true, x.created_at
       FROM json_to_recordset($2::json) AS x (id uuid, email text, hash text, role text, created_at bigint)`,
    [t, JSON.stringify(org.users.map((u, i) => ({ id: u.id, email: u.email, hash: hashes[i], role: u.role, created_at: u.createdAt })))],
  );
  await q.query(
    'INSERT INTO memberships (user_id, team_id) SELECT x.user_id, x.team_id FROM json_to_recordset($1::json) AS x (user_id uuid, team_id uuid)',
    [JSON.stringify(org.users.flatMap((u) => u.teamIds.map((teamId) => ({ user_id: u.id, team_id: teamId }))))],
  );
  const all: NewRecord[] = [
    ...records('tenant', [org.tenant]),
    ...records('team', org.teams),
    ...records('user', org.users),
    ...records('business_calendar', org.calendars),
    ...records('business_calendar_version', org.calendarVersions),
    ...records('sla_policy', org.slaPolicies),
    ...records('sla_policy_version', org.slaPolicyVersions),
    ...records('complaint_category', org.complaintCategories),
    ...records('complaint_category_name', org.complaintCategoryNames),
    ...records('macro', org.macros),
    ...records('saved_view', org.savedViews),
    ...records('kb_article', org.articles),
    ...records('account', org.accounts),
    ...records('contact', org.contacts),
  ];
  await insertNewRecords(q, t, all, (ticketId) => {
    throw new Error(`the organization has no tickets, yet something names ticket ${ticketId}`);
  });
}

async function writeBatch(q: Queryable, tenantId: string, batch: DemoBatch): Promise<void> {
  const tickets = new Map(batch.tickets.map((t) => [t.id, ticketPlace(t)]));
  const ticketOf = (ticketId: string) => {
    const place = tickets.get(ticketId);
    if (!place) throw new Error(`ticket ${ticketId} is not in its batch`);
    return place;
  };
  const all: NewRecord[] = [
    ...records('ticket', batch.tickets),
    ...records('message', batch.messages),
    ...records('ticket_event', batch.events),
    ...records('ticket_link', batch.links),
    ...records('feedback', batch.feedback),
    ...records('interaction', batch.interactions),
    ...records('task', batch.tasks),
    ...records('account_health', batch.accountHealths),
    ...records('presence_event', batch.presenceEvents),
  ];
  const lastNumber = batch.tickets.at(-1)?.number ?? 0;
  await insertNewRecords(q, tenantId, all, ticketOf, lastNumber + 1);
  // The account shows its latest daily score, as health.record leaves it. Written in place: the
  // accounts were inserted in this fresh tenant's first version and no console has them yet.
  if (batch.accountHealths.length)
    await q.query(
      `UPDATE records r SET data = jsonb_set(r.data, '{healthScore}', to_jsonb(x.score))
         FROM json_to_recordset($2::json) AS x (id uuid, score integer)
        WHERE r.tenant_id = $1 AND r.entity = 'account' AND r.id = x.id`,
      [tenantId, JSON.stringify(batch.accountHealths.map((h) => ({ id: h.accountId, score: h.score })))],
    );
}

/** True when the database has no tenant yet (a fresh install). */
export async function isEmpty(db: Db): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM tenants LIMIT 1');
  return rows.length === 0;
}

export function demoCredentials(demo: DemoTenant): string {
  const width = Math.max(...demo.users.map((u) => u.email.length));
  return [
    `Demo accounts (password for all: ${DEMO_PASSWORD}):`,
    ...demo.users.map((u) => `  ${u.email.padEnd(width)}  ${u.role.padEnd(15)}  ${u.name}`),
    '  (every other demo person signs in as first.last@demo.switchboard with the same password)',
  ].join('\n');
}
