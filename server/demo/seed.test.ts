import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENT_EMAIL } from '../../shared/demo/credentials.ts';
import {
  Account,
  AccountHealth,
  Contact,
  Feedback,
  Interaction,
  KbArticle,
  Macro,
  Message,
  SavedView,
  Task,
  Team,
  Tenant,
  Ticket,
  TicketEvent,
  TicketLink,
  User,
} from '../../shared/domain/records.ts';
import { ComplaintCategory, ComplaintCategoryName } from '../../shared/complaints/records.ts';
import { BusinessCalendar, BusinessCalendarVersion, SlaPolicy, SlaPolicyVersion } from '../../shared/sla/records.ts';
import { PresenceEvent } from '../../shared/routing/records.ts';
import { SYNC_SCHEMA_VERSION } from '../../shared/sync/protocol.ts';
import { startServer, type RunningServer } from '../app.ts';
import { backends, type TestDb } from '../testing/backends.ts';
import { post } from '../testing/fixture.ts';
import { DEMO_PASSWORD, demoCredentials, isEmpty, seedDemo, type DemoTenant } from './seed.ts';

const schemas = {
  tenant: Tenant,
  team: Team,
  user: User,
  account: Account,
  contact: Contact,
  ticket: Ticket,
  message: Message,
  ticket_event: TicketEvent,
  ticket_link: TicketLink,
  interaction: Interaction,
  task: Task,
  feedback: Feedback,
  account_health: AccountHealth,
  presence_event: PresenceEvent,
  business_calendar: BusinessCalendar,
  sla_policy: SlaPolicy,
  business_calendar_version: BusinessCalendarVersion,
  sla_policy_version: SlaPolicyVersion,
  complaint_category: ComplaintCategory,
  complaint_category_name: ComplaintCategoryName,
  macro: Macro,
  kb_article: KbArticle,
  saved_view: SavedView,
} as const;

const TICKETS = 300;
const NOW = Date.UTC(2026, 2, 10, 15, 30);

type Change = { op: 'put' | 'del'; entity: keyof typeof schemas; id: string; row: Record<string, unknown> };

describe.each(backends)('demo seed on $name', (backend) => {
  let t: TestDb;
  let server: RunningServer;
  let demo: DemoTenant;
  beforeAll(async () => {
    t = await backend.open();
    expect(await isEmpty(t.db)).toBe(true);
    demo = await seedDemo(t.db, { tickets: TICKETS, seed: 7, now: NOW, batchSize: 100 });
    server = await startServer({ db: t.db, logger: false });
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await t.dispose();
  });

  async function signIn(email: string, clientId: string) {
    const s = await post(server, '/auth/sign-in', { email, password: DEMO_PASSWORD, clientId, deviceName: 'demo' });
    expect(s.status).toBe(200);
    return s.body as { accessToken: string; user: { id: string; teamIds: string[]; role: string } };
  }

  async function bootstrap(session: { accessToken: string }, clientId: string): Promise<Change[]> {
    const changes: Change[] = [];
    let cursor: string | null = null;
    for (;;) {
      const page = await post(
        server,
        '/sync/pull',
        { clientId, schemaVersion: SYNC_SCHEMA_VERSION, cursor, limit: 5000 },
        { authorization: `Bearer ${session.accessToken}` },
      );
      expect(page.status).toBe(200);
      changes.push(...page.body.changes);
      cursor = page.body.cursor;
      if (!page.body.more) return changes;
    }
  }

  it('writes every entity as a record that matches its domain schema, with a change-log entry each', async () => {
    const { rows } = await t.db.query<{ entity: keyof typeof schemas; data: unknown; logged: boolean }>(
      `SELECT r.entity, r.data, EXISTS (SELECT 1 FROM changes c WHERE c.tenant_id = r.tenant_id AND c.entity = r.entity AND c.id = r.id) AS logged
         FROM records r`,
    );
    expect(new Set(rows.map((r) => r.entity))).toEqual(new Set(Object.keys(schemas)));
    for (const r of rows) {
      expect(schemas[r.entity].safeParse(r.data).error, r.entity).toBeUndefined();
      expect(r.logged).toBe(true);
    }
    expect(rows.filter((r) => r.entity === 'ticket')).toHaveLength(TICKETS);
    expect(demo.tickets).toBe(TICKETS);
    const clock = await t.db.query<{ next_ticket_number: unknown }>('SELECT next_ticket_number FROM tenant_clock WHERE tenant_id = $1', [
      demo.tenantId,
    ]);
    expect(Number(clock.rows[0]?.next_ticket_number)).toBe(TICKETS + 1);
  });

  it('prints the five demo sign-ins, and refuses to seed them twice', async () => {
    const text = demoCredentials(demo);
    for (const who of ['agent@', 'agent.zh@', 'manager@', 'supervisor@', 'admin@']) expect(text).toContain(`${who}demo.switchboard`);
    expect(text).toContain(DEMO_PASSWORD);
    await expect(seedDemo(t.db, { tickets: 1, now: NOW })).rejects.toThrow(/already here/);
  });

  it("bootstraps a signed-in agent with exactly their teams' tickets and threads, their own open work first", async () => {
    const clientId = '019a0000-0000-7000-8000-000000000001';
    const session = await signIn(DEMO_AGENT_EMAIL, clientId);
    expect(session.user.role).toBe('agent');
    const changes = await bootstrap(session, clientId);

    const first = changes[0];
    expect(first?.entity).toBe('ticket');
    expect(first?.row).toMatchObject({ assigneeId: session.user.id, status: expect.stringMatching(/^(new|open|pending|on_hold)$/) });

    const { rows } = await t.db.query<{ id: string; team: string }>(
      "SELECT id, data ->> 'teamId' AS team FROM records WHERE entity = 'ticket' AND tenant_id = $1",
      [demo.tenantId],
    );
    const mine = new Set(rows.filter((r) => session.user.teamIds.includes(r.team)).map((r) => r.id));
    expect(mine.size).toBeGreaterThan(0);
    expect(mine.size).toBeLessThan(TICKETS);
    const pulled = changes.filter((c) => c.entity === 'ticket');
    expect(new Set(pulled.map((c) => c.id))).toEqual(mine);
    const messages = changes.filter((c) => c.entity === 'message');
    expect(messages.length).toBeGreaterThan(mine.size);
    expect(messages.every((c) => mine.has(String(c.row.ticketId)))).toBe(true);
    // Reference data arrives too: the people and the customers the tickets name.
    expect(changes.filter((c) => c.entity === 'user').length).toBeGreaterThan(10);
    expect(changes.some((c) => c.entity === 'contact')).toBe(true);
  });

  it('gives the Chinese-speaking agent the Chinese team, and the supervisor every team', async () => {
    const zhClient = '019a0000-0000-7000-8000-000000000002';
    const zh = await signIn('agent.zh@demo.switchboard', zhClient);
    const zhTickets = (await bootstrap(zh, zhClient)).filter((c) => c.entity === 'ticket');
    expect(zhTickets.length).toBeGreaterThan(0);
    expect(zhTickets.every((c) => zh.user.teamIds.includes(String(c.row.teamId)))).toBe(true);
    expect(zhTickets.some((c) => /[\u4e00-\u9fff]/.test(String(c.row.subject)))).toBe(true);

    const supClient = '019a0000-0000-7000-8000-000000000003';
    const sup = await signIn('supervisor@demo.switchboard', supClient);
    expect((await bootstrap(sup, supClient)).filter((c) => c.entity === 'ticket')).toHaveLength(TICKETS);
  });

  it('gives every account its daily health history, the account showing the latest score of it', async () => {
    const { rows } = await t.db.query<{ score: number | null; history: { score: number }[] | null }>(
      `SELECT (a.data ->> 'healthScore')::int AS score, h.data -> 'history' AS history
         FROM records a LEFT JOIN records h ON h.tenant_id = a.tenant_id AND h.entity = 'account_health' AND h.id = a.id
        WHERE a.tenant_id = $1 AND a.entity = 'account'`,
      [demo.tenantId],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.score).toBe(r.history?.at(-1)?.score);
  });

  it('gives the demo account manager every ticket, note, task and feedback of the accounts she owns, whatever the team', async () => {
    const clientId = '019a0000-0000-7000-8000-000000000004';
    const session = await signIn('manager@demo.switchboard', clientId);
    expect(session.user.role).toBe('account_manager');
    const changes = await bootstrap(session, clientId);
    const received = (entity: string) => new Set(changes.filter((c) => c.entity === entity).map((c) => c.id));

    // Counted independently of the scope rules: the records naming one of her accounts, read from the store.
    const { rows: owned } = await t.db.query<{ id: string }>(
      "SELECT id::text AS id FROM records WHERE tenant_id = $1 AND entity = 'account' AND data ->> 'ownerId' = $2",
      [demo.tenantId, session.user.id],
    );
    expect(owned.length).toBeGreaterThan(0);
    const accountIds = owned.map((r) => r.id);
    const about = async (entity: string) => {
      const { rows } = await t.db.query<{ id: string }>(
        "SELECT id::text AS id FROM records WHERE tenant_id = $1 AND entity = $2 AND NOT deleted AND data ->> 'accountId' = ANY($3::text[])",
        [demo.tenantId, entity, accountIds],
      );
      return rows.map((r) => r.id);
    };
    for (const entity of ['ticket', 'interaction', 'task', 'feedback', 'account_health']) {
      const expected = await about(entity);
      const got = received(entity);
      expect(
        expected.filter((id) => !got.has(id)),
        entity,
      ).toEqual([]);
    }
    // Some of them are worked by teams she is not in: the account scope, not her teams, brings them.
    const { rows: otherTeams } = await t.db.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM records WHERE tenant_id = $1 AND entity = 'ticket' AND data ->> 'accountId' = ANY($2::text[]) AND NOT (data ->> 'teamId' = ANY($3::text[]))",
      [demo.tenantId, accountIds, session.user.teamIds],
    );
    expect(Number(otherTeams[0]?.n)).toBeGreaterThan(0);
  });
});
