/**
 * One seed's world: a fresh tenant on the cluster (two teams, people of every role, an account,
 * contacts, a few tickets), and eight consoles (real Cores on temporary SQLite files), each
 * signed in through its own fault-injecting proxy, some with clocks days off.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { createTeam, createTenant, createUser, writeRecords } from '../../server/admin/operations.ts';
import { post } from '../../server/testing/fixture.ts';
import type { Account, Contact, Team, User } from '../../shared/domain/records.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { SYNC_SCHEMA_VERSION, type Mutation } from '../../shared/sync/protocol.ts';
import { openCore, type Core } from '../../electron/core/index.ts';
import type { Cluster } from './cluster.ts';
import { now, startFaultyProxy, type FaultyProxy, type Upstream } from './faulty-proxy.ts';
import type { Rng } from './prng.ts';

export const PASSWORD = 'torture test password';
const DAY = 24 * 3600_000;

export interface Person {
  key: string;
  user: User;
  /** Team sets this person held, with when (proxy clock) each began and ended: pulls are checked against them. */
  teamHistory: { teams: string[]; from: number; until: number }[];
}

export interface Console {
  name: string;
  person: Person;
  path: string;
  core: Core | null;
  proxy: FaultyProxy;
  /** The instance this console prefers; a request goes to the other one now and then. */
  preferred: number;
  skewMs: number;
  clientId: string;
  /** Every mutation the console queued: id -> name and args. */
  queued: Map<number, { name: string; args: unknown }>;
  log: string[];
}

export interface World {
  seed: number;
  rng: Rng;
  cluster: Cluster;
  tenantId: string;
  teams: { billing: Team; tech: Team };
  people: Record<string, Person>;
  account: Account;
  contacts: Contact[];
  /** Every ticket id ever created in the tenant (the consoles' caches say which they can see). */
  ticketIds: string[];
  consoles: Console[];
  /** Live sockets not poked again soon enough after the database came back (a liveness failure each). */
  unpoked: string[];
  /** Mutations pushed by hand as someone who must be refused: clientId, and each id with its name. */
  rogue: {
    clientId: string;
    token: string;
    next: number;
    sent: { id: number; name: string }[];
    /** A batch whose answer was lost: resent as it is (same ids, same content) before anything new. */
    unanswered: { mutations: Mutation[]; foreign: { id: string; team: string } | null } | null;
  };
  openConsole(c: Console): void;
  closeConsole(c: Console): void;
  /** Signs the console's person in again (after the server ended the session). */
  signIn(c: Console): Promise<void>;
  /** A fresh console for `person`, without faults, on its own database (incremental-equals-fresh check). */
  freshConsole(person: Person): Promise<Console>;
  dispose(): Promise<void>;
}

/** Tickets for a team, through a push as the admin (the real mutator path). */
function ticketArgs(teamId: string, requesterId: string, subject: string) {
  const id = uuidv7();
  return {
    id,
    args: {
      ticket: { id, subject, channel: 'email', requesterId, teamId },
      message: { id: uuidv7(), kind: 'inbound', body: `Hello, ${subject}` },
    },
  };
}

export async function createWorld(seed: number, rng: Rng, cluster: Cluster): Promise<World> {
  const { db } = cluster;
  const dir = mkdtempSync(join(tmpdir(), `switchboard-torture-${seed}-`));
  const tag = uuidv7().slice(-12);
  const tenant = await createTenant(db, 'torture', { name: `Torture ${seed}` });
  const billing = await createTeam(db, 'torture', { tenantId: tenant.id, name: 'Billing' });
  const tech = await createTeam(db, 'torture', { tenantId: tenant.id, name: 'Tech' });
  const specs: [string, User['role'], string[]][] = [
    ['b1', 'agent', [billing.id]],
    ['b2', 'agent', [billing.id]],
    ['t1', 'agent', [tech.id]],
    ['t2', 'agent', [tech.id]],
    ['both', 'agent', [billing.id, tech.id]],
    ['mgr', 'account_manager', [billing.id]],
    ['sup', 'supervisor', []],
    ['admin', 'admin', []],
  ];
  const people: Record<string, Person> = {};
  for (const [key, role, teamIds] of specs) {
    const user = await createUser(db, 'torture', {
      tenantId: tenant.id,
      email: `${key}.${tag}@torture.test`,
      name: key,
      password: PASSWORD,
      role,
      teamIds,
    });
    people[key] = { key, user, teamHistory: [{ teams: [...user.teamIds], from: -Infinity, until: Infinity }] };
  }
  const at = Date.now();
  const account: Account = {
    id: uuidv7(),
    tenantId: tenant.id,
    version: 0,
    createdAt: at,
    updatedAt: at,
    name: 'Globex',
    domain: 'globex.test',
    tier: 'premium',
    lifecycleStage: 'active',
    ownerId: people.mgr!.user.id,
    renewalDate: null,
    annualValueMinor: 100_000,
    currency: 'USD',
    healthScore: 70,
    notes: 'Renewal talks in spring.',
  };
  const contacts: Contact[] = ['Dana', 'Lee'].map((name, i) => ({
    id: uuidv7(),
    tenantId: tenant.id,
    version: 0,
    createdAt: at,
    updatedAt: at,
    accountId: i === 0 ? account.id : null,
    name,
    email: `${name.toLowerCase()}@example.com`,
    phone: null,
    title: null,
    customerType: 'loyal',
    locale: 'en',
  }));
  await db.transaction((q) =>
    writeRecords(q, tenant.id, [
      { entity: 'account', id: account.id, row: account as never },
      ...contacts.map((c) => ({ entity: 'contact' as const, id: c.id, row: c as never })),
    ]),
  );

  // The first tickets, pushed by the admin straight to an instance.
  const server = { url: cluster.instances[0]!.url!, close: async () => {} };
  const admin = people.admin!.user;
  const seederId = uuidv7();
  const seederSignIn = await post(server, '/auth/sign-in', {
    email: admin.email,
    password: PASSWORD,
    clientId: seederId,
    deviceName: 'seeder',
  });
  if (seederSignIn.status !== 200) throw new Error(`seeder sign-in failed: ${JSON.stringify(seederSignIn.body)}`);
  const ticketIds: string[] = [];
  const mutations: Mutation[] = [];
  for (let i = 0; i < 10; i++) {
    const t = ticketArgs(i % 2 ? tech.id : billing.id, rng.pick(contacts).id, `Case ${i}`);
    ticketIds.push(t.id);
    mutations.push({ id: i + 1, name: 'ticket.create', args: t.args, clientTime: at });
  }
  const seeded = await post(
    server,
    '/sync/push',
    { clientId: seederId, schemaVersion: SYNC_SCHEMA_VERSION, mutations },
    { authorization: `Bearer ${seederSignIn.body.accessToken}` },
  );
  if (seeded.status !== 200) throw new Error(`seeding tickets failed: ${JSON.stringify(seeded.body)}`);

  // The rogue: a tech agent's device pushing by hand what the server must refuse.
  const rogueId = uuidv7();
  const rogueSignIn = await post(server, '/auth/sign-in', {
    email: people.t2!.user.email,
    password: PASSWORD,
    clientId: rogueId,
    deviceName: 'rogue',
  });
  if (rogueSignIn.status !== 200) throw new Error('rogue sign-in failed');

  const skews = [0, 0, 0, 3 * DAY, -2 * DAY, 5 * 60_000, -7 * DAY];
  const consoleSpecs: [string, string][] = [
    ['b1', 'b1'],
    ['b1-laptop', 'b1'],
    ['b2', 'b2'],
    ['t1', 't1'],
    ['t2', 't2'],
    ['both', 'both'],
    ['mgr', 'mgr'],
    ['sup', 'sup'],
  ];
  const consoles: Console[] = [];
  const world: World = {
    seed,
    rng,
    cluster,
    tenantId: tenant.id,
    teams: { billing, tech },
    people,
    account,
    contacts,
    ticketIds,
    consoles,
    unpoked: [],
    rogue: { clientId: rogueId, token: rogueSignIn.body.accessToken, next: 1, sent: [], unanswered: null },
    openConsole,
    closeConsole,
    signIn,
    freshConsole,
    async dispose() {
      for (const c of consoles) {
        closeConsole(c);
        await c.proxy.close();
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };

  function route(c: { preferred: number }, faultless = false): () => Upstream {
    return () => {
      const [a, b] = [cluster.instances[c.preferred]!, cluster.instances[1 - c.preferred]!];
      // Two instances serving one client: now and then a request lands on the other one.
      if (faultless) return a.url ? a : b;
      if (!a.url && b.url && rng.chance(0.5)) return b;
      return rng.chance(0.15) ? b : a;
    };
  }

  function openConsole(c: Console): void {
    if (c.core) return;
    c.core = openCore({
      databasePath: c.path,
      transport: 'direct',
      now: () => Date.now() + c.skewMs,
      log: (msg, err) => {
        c.log.push(`${Math.round(now())} ${msg} ${err instanceof Error ? err.message : (err ?? '')}`);
        if (c.log.length > 40) c.log.shift();
      },
      sync: { deviceName: c.name, retryBaseMs: 5, retryCapMs: 80, pollIntervalMs: 1500, pushDebounceMs: 2, random: rng.fork().next },
    });
  }

  function closeConsole(c: Console): void {
    c.core?.close();
    c.core = null;
  }

  async function signIn(c: Console): Promise<void> {
    const r = await c.core!.dispatch('session.signIn', { serverUrl: c.proxy.url, email: c.person.user.email, password: PASSWORD });
    if (!r.ok) throw new Error(`${c.name} could not sign in: ${r.error.code} ${r.error.message}`);
    const db = new Sqlite(c.path, { readonly: true });
    c.clientId = db.prepare('SELECT client_id FROM sync_state WHERE id = 1').pluck().get() as string;
    db.close();
  }

  async function freshConsole(person: Person): Promise<Console> {
    const placement = { preferred: 0 };
    const proxy = await startFaultyProxy({ route: route(placement, true), rng: rng.fork() });
    const c: Console = {
      name: `${person.key}-fresh`,
      person,
      path: join(dir, `${person.key}-fresh.db`),
      core: null,
      proxy,
      preferred: 0,
      skewMs: 0,
      clientId: '',
      queued: new Map(),
      log: [],
    };
    consoles.push(c);
    openConsole(c);
    await signIn(c);
    return c;
  }

  for (const [i, [name, key]] of consoleSpecs.entries()) {
    const placement = { preferred: i % 2 };
    const proxy = await startFaultyProxy({ route: route(placement), rng: rng.fork() });
    const c: Console = {
      name,
      person: people[key]!,
      path: join(dir, `${name}.db`),
      core: null,
      proxy,
      preferred: placement.preferred,
      skewMs: rng.pick(skews),
      clientId: '',
      queued: new Map(),
      log: [],
    };
    c.log.push(`clock skew ${c.skewMs} ms`);
    Object.defineProperty(c, 'preferred', { get: () => placement.preferred, set: (v: number) => (placement.preferred = v) });
    consoles.push(c);
    openConsole(c);
    await signIn(c);
  }
  return world;
}
