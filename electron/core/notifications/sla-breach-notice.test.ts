/**
 * A breach that happens while the assignee's console is offline: the server's breach job records it
 * and, as the policy asks, tells the assignee; the console that pulls it afterwards shows one
 * desktop notification, and pulling again shows nothing more. A real Core (SQLite file) syncs
 * against the real server (in-process, PGlite), whose job runner the test drives with its own clock.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/contract/events.ts';
import type { Ticket } from '../../../shared/domain/records.ts';
import { uuidv7 } from '../../../shared/ids.ts';
import type { SlaPolicy } from '../../../shared/sla/records.ts';
import { createJobRunner } from '../../../server/jobs/runner.ts';
import { slaBreachJob } from '../../../server/sla/sla-breach-job.ts';
import { writeRecords } from '../../../server/sync/commit.ts';
import { backends } from '../../../server/testing/backends.ts';
import { newTicket, PASSWORD, setUp, type Fixture } from '../../../server/testing/fixture.ts';
import { type Core, openCore } from '../index.ts';
import { call, tempDir } from '../testing/fixtures.ts';

type Shown = EventPayload<'notification.show'>;
const MINUTE = 60_000;

let f: Fixture;
const opened: Core[] = [];

beforeAll(async () => {
  f = await setUp(backends[0]!);
  const at = Date.now();
  const target = { minutes: 60, hours: 'calendar' as const };
  const policy: SlaPolicy = {
    id: uuidv7(),
    tenantId: f.tenantId,
    version: 0,
    createdAt: at,
    updatedAt: at,
    name: 'Everyone',
    position: 0,
    conditions: {},
    targets: { normal: { firstReply: target } },
    calendarId: null,
    atRiskShare: 0.75,
    runningStatuses: ['new', 'open', 'on_hold'],
    breachActions: { notifyAssignee: true, notifySupervisors: false, raisePriority: false, escalate: false },
    active: true,
    revision: 1,
  };
  await f.db.transaction((q) => writeRecords(q, f.tenantId, [{ entity: 'sla_policy', id: policy.id, row: policy }]));
});

afterAll(async () => {
  for (const core of opened) core.close();
  await f.close();
});

describe('an SLA breach told to the assignee', () => {
  it('shows one desktop notification on the assignee’s console when it pulls the breach, however often it pulls', async () => {
    const supervisor = await f.client(f.users.supervisor);
    const t = newTicket(f, f.teams.billing.id, 'Parcel lost', { assigneeId: f.users.agent.id });
    expect((await supervisor.push([{ id: 1, name: 'ticket.create', args: t.args }])).body.results[0].status).toBe('applied');

    const core = openCore({
      databasePath: join(tempDir(), 'console.db'),
      transport: 'direct',
      log: () => {},
      sync: { deviceName: 'test console', retryBaseMs: 10, retryCapMs: 40, pollIntervalMs: 60_000, notificationDelayMs: 0 },
    });
    opened.push(core);
    const shown: Shown[] = [];
    core.subscribe((name, payload) => {
      if (name === 'notification.show') shown.push(payload as Shown);
    });
    const pull = async () => {
      await call(core, 'sync.now', {});
      await new Promise((resolve) => setTimeout(resolve, 0));
    };
    await call(core, 'settings.update', { locale: 'en' });
    await call(core, 'session.signIn', { serverUrl: f.server.url, email: f.users.agent.email, password: PASSWORD });
    await pull();
    expect(shown.filter((s) => s.kind === 'sla_breached')).toEqual([]);

    // Nobody online an hour later: the job at the due instant finds the breach.
    const { rows } = await f.db.query<{ data: Ticket }>("SELECT data FROM records WHERE entity = 'ticket' AND id = $1", [t.id]);
    const due = rows[0]!.data.sla!.firstReply!.dueAt!;
    const runner = createJobRunner({ db: f.db, kinds: [slaBreachJob], now: () => due + 5 * MINUTE });
    await runner.tick();
    await runner.tick();

    await pull();
    await pull();
    const number = rows[0]!.data.number;
    expect(shown.filter((s) => s.kind === 'sla_breached')).toEqual([
      {
        kind: 'sla_breached',
        target: { entity: 'ticket', id: t.id },
        count: 1,
        title: `SLA breached on #${number} Parcel lost`,
        body: 'The first-reply target was missed.',
      },
    ]);
  });
});
