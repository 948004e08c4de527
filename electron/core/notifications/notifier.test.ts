/**
 * Desktop notifications as Core decides them, with real Cores (SQLite files) syncing against the
 * real server (in-process, PGlite): a colleague's assignment and a customer's reply reach the
 * person as `notification.show`; their own changes, the bootstrap and a switched-off setting do not.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/contract/events.ts';
import type { User } from '../../../shared/domain/records.ts';
import { uuidv7 } from '../../../shared/ids.ts';
import { backends } from '../../../server/testing/backends.ts';
import { newTicket, PASSWORD, setUp, type Fixture, type TestClient } from '../../../server/testing/fixture.ts';
import { type Core, openCore } from '../index.ts';
import { call, tempDir } from '../testing/fixtures.ts';

type Shown = EventPayload<'notification.show'>;

let f: Fixture;
let supervisor: TestClient;
const opened: Core[] = [];
let lastId = 0;

beforeAll(async () => {
  f = await setUp(backends[0]!);
  supervisor = await f.client(f.users.supervisor);
});

afterAll(async () => {
  for (const core of opened) core.close();
  await f.close();
});

async function push(name: string, args: unknown): Promise<void> {
  const reply = await supervisor.push([{ id: ++lastId, name, args }]);
  expect(reply.body.results[0].status).toBe('applied');
}

/** A Billing ticket created by the supervisor, assigned to `assignee` when given. */
async function ticketBySupervisor(subject: string, assignee: User | null = null): Promise<string> {
  const t = newTicket(f, f.teams.billing.id, subject);
  await push('ticket.create', t.args);
  if (assignee) await assign(t.id, assignee);
  return t.id;
}

const assign = (ticketId: string, to: User) =>
  push('ticket.assign', {
    id: ticketId,
    assigneeId: to.id,
    teamId: f.teams.billing.id,
    base: { assigneeId: null, teamId: f.teams.billing.id },
  });

const customerWrites = (ticketId: string, body: string) => push('message.append', { id: uuidv7(), ticketId, kind: 'inbound', body });

/** A live socket that never connects: changes then arrive only by the pulls the test asks for. */
class SilentSocket {
  readyState = 0;
  onopen = null;
  onmessage = null;
  onclose = null;
  send(): void {}
  close(): void {}
}

/** The agent's console, signed in and bootstrapped, recording every notification it emits. */
async function agentConsole(options: { pokes?: boolean } = {}): Promise<{ core: Core; shown: Shown[] }> {
  const core = openCore({
    databasePath: join(tempDir(), 'console.db'),
    transport: 'direct',
    log: () => {},
    sync: {
      deviceName: 'test console',
      retryBaseMs: 10,
      retryCapMs: 40,
      pollIntervalMs: 60_000,
      notificationDelayMs: 0,
      ...(options.pokes === false ? { WebSocket: SilentSocket as unknown as typeof WebSocket } : {}),
    },
  });
  opened.push(core);
  const shown: Shown[] = [];
  core.subscribe((name, payload) => {
    if (name === 'notification.show') shown.push(payload as Shown);
  });
  await call(core, 'settings.update', { locale: 'en' });
  await call(core, 'session.signIn', { serverUrl: f.server.url, email: f.users.agent.email, password: PASSWORD });
  await syncAndSettle(core);
  return { core, shown };
}

/**
 * Pulls to the head, then lets the notifier's gathering timer (0 ms here) run: a timer set after
 * it fires after it, so whatever was going to be announced has been by then.
 */
async function syncAndSettle(core: Core): Promise<void> {
  await call(core, 'sync.now', {});
  await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('desktop notifications', () => {
  it('stays quiet during the bootstrap, even for tickets already assigned to the person', async () => {
    await ticketBySupervisor('Assigned before sign-in', f.users.agent);
    const { shown } = await agentConsole();
    expect(shown).toEqual([]);
  });

  it("announces a colleague's assignment and a customer's reply on the person's ticket", async () => {
    const { core, shown } = await agentConsole();
    const ticketId = await ticketBySupervisor('Refund not received');
    await syncAndSettle(core);
    expect(shown).toEqual([]); // created unassigned: not the person's news

    await assign(ticketId, f.users.agent);
    await syncAndSettle(core);
    expect(shown).toEqual([
      {
        kind: 'assigned',
        target: { entity: 'ticket', id: ticketId },
        count: 1,
        title: 'Ticket assigned to you',
        body: expect.stringMatching(/^#\d+ Refund not received, by supervisor$/),
      },
    ]);

    await customerWrites(ticketId, 'Any news on my refund?\nIt has been a week.');
    await syncAndSettle(core);
    expect(shown.slice(1)).toEqual([
      {
        kind: 'customer_reply',
        target: { entity: 'ticket', id: ticketId },
        count: 1,
        title: expect.stringMatching(/^Dana Customer replied on #\d+ Refund not received$/),
        body: 'Any news on my refund? It has been a week.',
      },
    ]);
  });

  it("never announces the person's own changes, nor replies on tickets that are not theirs", async () => {
    const { core, shown } = await agentConsole();
    const mine = await ticketBySupervisor('Taking this one');
    const theirs = await ticketBySupervisor('Someone else will');
    await syncAndSettle(core);
    await call(core, 'mutations.run', {
      name: 'ticket.assign',
      args: { id: mine, assigneeId: f.users.agent.id, teamId: f.teams.billing.id, base: { assigneeId: null, teamId: f.teams.billing.id } },
    });
    await syncAndSettle(core);
    await customerWrites(theirs, 'Hello?');
    await syncAndSettle(core);
    expect(shown).toEqual([]);
  });

  it('sums up many assignments arriving at once in one notification, in the chosen language', async () => {
    // Without pokes, the five assignments come in one pulled page, as after a spell offline.
    const { core, shown } = await agentConsole({ pokes: false });
    await call(core, 'settings.update', { locale: 'zh-CN' });
    const tickets = [];
    for (let i = 1; i <= 5; i++) tickets.push(await ticketBySupervisor(`Batch ${i}`, f.users.agent));
    await syncAndSettle(core);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ kind: 'assigned', target: null, count: 5, title: '有 5 个工单分配给你' });
    expect(shown[0]?.body).toMatch(/Batch 1、#\d+ Batch 2、#\d+ Batch 3等另外 2 个$/);
  });

  it('emits nothing when the person turned notifications off', async () => {
    const { core, shown } = await agentConsole();
    await call(core, 'settings.update', { notifications: false });
    const ticketId = await ticketBySupervisor('Quiet, please', f.users.agent);
    await customerWrites(ticketId, 'Hello again');
    await syncAndSettle(core);
    expect(shown).toEqual([]);
  });
});
