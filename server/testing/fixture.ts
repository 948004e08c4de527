/**
 * A tenant with two teams and one person of every role, on a fresh database, behind a running
 * server: what the server tests build on. `client()` signs someone in on a new device and gives
 * typed helpers for the sync endpoints.
 */
import { uuidv7 } from '../../shared/ids.ts';
import type { Contact, Team, User } from '../../shared/domain/records.ts';
import type { Mutation, PullResponse, SessionResponse } from '../../shared/sync/protocol.ts';
import { SYNC_SCHEMA_VERSION } from '../../shared/sync/protocol.ts';
import { createTeam, createTenant, createUser, writeRecords } from '../admin/operations.ts';
import { startServer, type RunningServer, type StartOptions } from '../app.ts';
import type { Db } from '../store/db.ts';
import type { Backend, TestDb } from './backends.ts';

export const PASSWORD = 'correct horse battery';

export interface Fixture {
  test: TestDb;
  db: Db;
  server: RunningServer;
  tenantId: string;
  teams: { billing: Team; tech: Team };
  users: { agent: User; techAgent: User; manager: User; supervisor: User; admin: User };
  contact: Contact;
  client(user: User, options?: { server?: RunningServer; clientId?: string }): Promise<TestClient>;
  close(): Promise<void>;
}

/** A reply whose body the tests inspect field by field (expect() checks the shape). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Reply = { status: number; body: any };

export interface TestClient {
  clientId: string;
  session: SessionResponse;
  server: RunningServer;
  request(path: string, body: unknown, headers?: Record<string, string>): Promise<Reply>;
  /** Each mutation made now, unless it says when (`clientTime`). */
  push(mutations: (Omit<Mutation, 'clientTime'> & Partial<Pick<Mutation, 'clientTime'>>)[]): Promise<Reply>;
  pull(cursor: string | null, limit?: number): Promise<PullResponse>;
  /** Pulls until `more` is false; returns every change and the final cursor. */
  pullAll(
    cursor: string | null,
    limit?: number,
  ): Promise<{ changes: Extract<PullResponse, { kind: 'page' }>['changes']; cursor: string; lastMutationId: number }>;
}

export async function post(server: RunningServer, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

export async function setUp(backend: Backend, options: Partial<StartOptions> = {}): Promise<Fixture> {
  const test = await backend.open();
  const db = test.db;
  const tenant = await createTenant(db, 'test', { name: 'Acme' });
  const billing = await createTeam(db, 'test', { tenantId: tenant.id, name: 'Billing' });
  const tech = await createTeam(db, 'test', { tenantId: tenant.id, name: 'Tech' });
  const make = (name: string, role: User['role'], teamIds: string[]) =>
    createUser(db, 'test', { tenantId: tenant.id, email: `${name}@acme.test`, name, password: PASSWORD, role, teamIds });
  const [agent, techAgent, manager, supervisor, admin] = await Promise.all([
    make('agent', 'agent', [billing.id]),
    make('tech', 'agent', [tech.id]),
    make('manager', 'account_manager', [billing.id]),
    make('supervisor', 'supervisor', []),
    make('admin', 'admin', []),
  ]);
  const now = Date.now();
  const contact: Contact = {
    id: uuidv7(),
    tenantId: tenant.id,
    version: 0,
    createdAt: now,
    updatedAt: now,
    accountId: null,
    name: 'Dana Customer',
    email: 'dana@example.com',
    phone: null,
    title: null,
    customerType: 'loyal',
    locale: 'en',
  };
  await db.transaction((q) => writeRecords(q, tenant.id, [{ entity: 'contact', id: contact.id, row: contact }]));
  const server = await startServer({ db, logger: false, ...options });
  const servers = [server];

  return {
    test,
    db,
    server,
    tenantId: tenant.id,
    teams: { billing, tech },
    users: { agent, techAgent, manager, supervisor, admin } as Fixture['users'],
    contact,
    async client(user, opts = {}) {
      const target = opts.server ?? server;
      const clientId = opts.clientId ?? uuidv7();
      const signIn = await post(target, '/auth/sign-in', { email: user.email, password: PASSWORD, clientId, deviceName: 'test' });
      if (signIn.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(signIn.body)}`);
      const session = signIn.body as SessionResponse;
      const auth = { authorization: `Bearer ${session.accessToken}` };
      const c: TestClient = {
        clientId,
        session,
        server: target,
        request: (path, body, headers = {}) => post(target, path, body, { ...auth, ...headers }),
        push: (mutations) =>
          post(
            target,
            '/sync/push',
            { clientId, schemaVersion: SYNC_SCHEMA_VERSION, mutations: mutations.map((m) => ({ clientTime: Date.now(), ...m })) },
            auth,
          ),
        async pull(cursor, limit = 1000) {
          const r = await post(target, '/sync/pull', { clientId, schemaVersion: SYNC_SCHEMA_VERSION, cursor, limit }, auth);
          if (r.status !== 200) throw new Error(`pull failed ${r.status}: ${JSON.stringify(r.body)}`);
          return r.body as PullResponse;
        },
        async pullAll(cursor, limit) {
          const changes = [];
          let at = cursor;
          for (;;) {
            const page = await c.pull(at, limit);
            if (page.kind !== 'page') throw new Error(`unexpected reset: ${page.reason}`);
            changes.push(...page.changes);
            at = page.cursor;
            if (!page.more) return { changes, cursor: at, lastMutationId: page.lastMutationId };
          }
        },
      };
      return c;
    },
    async close() {
      for (const s of servers) await s.close();
      await test.dispose();
    },
  };
}

/** Arguments of 'ticket.create' for a new ticket in `teamId`. */
export function newTicket(f: Fixture, teamId: string, subject = 'Invoice is wrong', extra: Record<string, unknown> = {}) {
  const id = uuidv7();
  return {
    id,
    args: {
      ticket: { id, subject, channel: 'email', requesterId: f.contact.id, teamId, ...extra },
      message: { id: uuidv7(), kind: 'inbound', body: `Hello, ${subject}` },
    },
  };
}
