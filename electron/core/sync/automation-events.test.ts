/**
 * An automation's change reaches a console like anyone's: Core pulls it from the real server (on
 * PGlite), stores it in its SQLite cache, and the ticket's history says which automation acted.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TicketEvent } from '../../../shared/domain/records.ts';
import { systemActor } from '../../../shared/domain/actors.ts';
import { pokeTenant } from '../../../server/live/pokes.ts';
import { commit } from '../../../server/sync/commit.ts';
import { backends } from '../../../server/testing/backends.ts';
import { newTicket, PASSWORD, setUp, type Fixture } from '../../../server/testing/fixture.ts';
import { type Core, openCore } from '../index.ts';
import { call, tempDir } from '../testing/fixtures.ts';

let f: Fixture;
let core: Core;

beforeAll(async () => {
  f = await setUp(backends[0]!);
  core = openCore({
    databasePath: join(tempDir(), 'console.db'),
    transport: 'direct',
    log: () => {},
    sync: { deviceName: 'test console', retryBaseMs: 10, retryCapMs: 40, pollIntervalMs: 60_000 },
  });
  await call(core, 'session.signIn', { serverUrl: f.server.url, email: f.users.agent.email, password: PASSWORD });
});

afterAll(async () => {
  core.close();
  await f.close();
});

it("stores an automation's ticket event and shows it as the automation's, beside the person's events", async () => {
  const supervisor = await f.client(f.users.supervisor);
  const t = newTicket(f, f.teams.billing.id, 'Refund overdue');
  await supervisor.push([{ id: 1, name: 'ticket.create', args: t.args }]);
  const outcome = await commit(
    f.db,
    { now: Date.now, onBug: (err) => expect.fail(String(err)), poke: (tenantId) => pokeTenant(f.db, tenantId) },
    {
      tenantId: f.tenantId,
      actor: systemActor('automation:sla', f.tenantId),
      mutations: [{ name: 'ticket.update', args: { id: t.id, priority: 'urgent' }, idempotencyKey: `sla:${t.id}` }],
    },
  );
  expect(outcome.results).toEqual([{ status: 'applied' }]);

  await call(core, 'sync.now', {});
  const { events } = await call<{ events: TicketEvent[] }>(core, 'tickets.get', { id: t.id });
  expect(events.find((e) => e.kind === 'priority')).toMatchObject({
    actorId: null,
    actorKind: 'automation',
    automation: 'automation:sla',
    from: 'normal',
    to: 'urgent',
  });
  // The supervisor's events keep the shape they always had: a person, no kind.
  const created = events.find((e) => e.kind === 'created');
  expect(created?.actorId).toBe(f.users.supervisor.id);
  expect(created).not.toHaveProperty('actorKind');
  expect(created).not.toHaveProperty('automation');
});
