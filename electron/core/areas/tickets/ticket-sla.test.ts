/**
 * Core keeps each ticket's SLA snapshot in step with its own changes, offline: a reply stops the
 * first-reply clock at once, and the queues read the snapshot.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../../../shared/domain/records.ts';
import { uuidv7 } from '../../../../shared/ids.ts';
import { join } from 'node:path';
import { openCore, seedDemo } from '../../index.ts';
import { call, DEMO_NOW, tempDir } from '../../testing/fixtures.ts';

const MINUTE = 60_000;
let clock = DEMO_NOW;
const core = openCore({ databasePath: join(tempDir(), 'core.db'), transport: 'direct', now: () => clock, log: () => {} });
seedDemo(core, { tickets: 400, seed: 11, now: DEMO_NOW });
afterAll(() => core.close());

interface Page {
  rows: { id: string; status: string }[];
}

describe('ticket SLA snapshots in Core', () => {
  it('gives a ticket made at the console its due times, and stops the first-reply clock at the reply, offline', async () => {
    const seeded = await call<Page>(core, 'tickets.list', { view: 'mine', limit: 1 });
    const { ticket: sample } = await call<{ ticket: Ticket }>(core, 'tickets.get', { id: seeded.rows[0]!.id });
    const id = uuidv7();
    await call(core, 'mutations.run', {
      name: 'ticket.create',
      args: {
        ticket: {
          id,
          subject: 'Printer on fire',
          priority: 'high',
          type: 'incident',
          channel: 'phone',
          requesterId: sample.requesterId,
          teamId: sample.teamId,
        },
        message: { id: uuidv7(), kind: 'inbound', body: 'It is on fire' },
      },
    });
    const created = (await call<{ ticket: Ticket }>(core, 'tickets.get', { id })).ticket;
    const first = created.sla!.firstReply!;
    expect(first).toMatchObject({ state: 'running', startedAt: DEMO_NOW });
    expect(first.dueAt!).toBeGreaterThan(DEMO_NOW);
    expect(created.firstReplyDueAt).toBe(first.dueAt);
    expect(created.sla!.resolution?.state).toBe('running');

    clock = DEMO_NOW + 5 * MINUTE;
    await call(core, 'mutations.run', {
      name: 'message.append',
      args: { id: uuidv7(), ticketId: id, kind: 'reply', body: 'Looking into it' },
    });

    const { ticket } = await call<{ ticket: Ticket }>(core, 'tickets.get', { id });
    expect(ticket.sla!.firstReply).toMatchObject({ state: 'met', stoppedAt: clock, startedAt: DEMO_NOW });
    expect(ticket.firstReplyDueAt).toBeNull();
    expect(ticket.sla!.resolution).toEqual(created.sla!.resolution);
    const status = await call<{ pendingMutations: number }>(core, 'sync.status', {});
    expect(status.pendingMutations).toBe(2);
    clock = DEMO_NOW;
  });

  it('lists in "Breached" exactly the open tickets with a target breached or past due, most overdue first', async () => {
    const { rows } = await call<Page>(core, 'tickets.list', { view: 'sla_breached', limit: 200 });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const { ticket } = await call<{ ticket: Ticket }>(core, 'tickets.get', { id: row.id });
      const timers = [ticket.sla?.firstReply, ticket.sla?.nextReply, ticket.sla?.resolution].filter((t) => t);
      expect(timers.some((t) => t!.state === 'breached' || (t!.state === 'running' && t!.dueAt! < DEMO_NOW))).toBe(true);
    }
  });
});
