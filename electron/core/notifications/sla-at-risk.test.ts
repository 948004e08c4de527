/**
 * "SLA at risk" desktop notices from the console's cache alone: told at the at-risk instant of a
 * timer of one of my tickets, once per timer cycle (across a restart too), not for someone else's
 * ticket or a timer already breached, and recorded but not shown with notifications off.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../../shared/areas/app/channels.ts';
import { DEFAULT_SETTINGS } from '../../../shared/areas/app/settings-defaults.ts';
import type { EventName, EventPayload } from '../../../shared/contract/events.ts';
import type { SlaTimerSnapshot, TicketSla } from '../../../shared/domain/records.ts';
import { createDirectoryRepository } from '../areas/app/directory.ts';
import { openDatabase } from '../db/open.ts';
import { ensureSyncState } from '../db/sync-state.ts';
import { seedDemoDatabase } from '../demo/seed.ts';
import type { Timers } from '../sync/sync-client.ts';
import { openCore, seedDemo } from '../index.ts';
import { call, DEMO_NOW, tempDir } from '../testing/fixtures.ts';
import { createSlaAtRisk, SLA_AT_RISK_POLL_MS } from './sla-at-risk.ts';

const MINUTE = 60_000;

function manualTimers() {
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let next = 0;
  const timers: Timers = {
    setTimeout(fn, ms) {
      pending.set(++next, { fn, ms });
      return next;
    },
    clearTimeout: (h) => void pending.delete(h as number),
  };
  return {
    timers,
    wait: () => [...pending.values()].map((p) => p.ms),
    fire() {
      const due = [...pending.values()];
      pending.clear();
      for (const p of due) p.fn();
    },
  };
}

/** A running timer that turns at risk at `atRiskAt` and is due 15 minutes later. */
function running(startedAt: number, atRiskAt: number): SlaTimerSnapshot {
  return {
    state: 'running',
    target: { minutes: 60, hours: 'calendar' },
    startedAt,
    dueAt: atRiskAt + 15 * MINUTE,
    atRiskAt,
    pausedSince: null,
    stoppedAt: null,
  };
}

function snapshot(firstReply: SlaTimerSnapshot | null, resolution: SlaTimerSnapshot | null = null): TicketSla {
  const timers = [firstReply, resolution].filter((t): t is SlaTimerSnapshot => t !== null);
  const min = (xs: (number | null)[]) => (xs.some((x) => x !== null) ? Math.min(...xs.filter((x): x is number => x !== null)) : null);
  return {
    policyId: '00000000-0000-7000-8000-000000000001',
    policyVersion: 1,
    calendarId: null,
    calendarVersion: null,
    asOf: DEMO_NOW,
    firstReply,
    nextReply: null,
    resolution,
    nextDueAt: min(timers.map((t) => t.dueAt)),
    atRiskAt: min(timers.filter((t) => t.state === 'running').map((t) => t.atRiskAt)),
    breached: timers.some((t) => t.state === 'breached'),
  };
}

describe('SLA at-risk notices', () => {
  const dir = tempDir();
  let path = '';
  let clock = DEMO_NOW;
  let shown: EventPayload<'notification.show'>[] = [];
  let settings: Settings = DEFAULT_SETTINGS;
  const open: { close(): void }[] = [];
  let me = '';
  let other = '';
  let tickets: { id: string; number: number | null; subject: string }[] = [];
  let run = 0;

  function startConsole() {
    const db = openDatabase(path, { now: () => clock });
    const timers = manualTimers();
    const watcher = createSlaAtRisk({
      db,
      now: () => clock,
      me: () => me,
      settings: () => settings,
      emit: <E extends EventName>(name: E, payload: EventPayload<E>) => {
        if (name === 'notification.show') shown.push(payload as EventPayload<'notification.show'>);
      },
      timers: timers.timers,
      systemLocale: () => 'en-US',
    });
    const console = { watcher, db, timers, close: () => (watcher.close(), db.close()) };
    open.push(console);
    return console;
  }

  const setSla = (db: ReturnType<typeof openDatabase>, ticketId: string, sla: TicketSla, assignee = me) =>
    db.prepare("UPDATE tickets SET sla = ?, assignee_id = ?, status = 'open' WHERE id = ?").run(JSON.stringify(sla), assignee, ticketId);
  const label = (i: number) => `#${tickets[i]!.number} ${tickets[i]!.subject}`;

  beforeEach(() => {
    path = join(dir, `sla-at-risk-${++run}.db`);
    const db = openDatabase(path, { now: () => DEMO_NOW });
    ensureSyncState(db);
    seedDemoDatabase(db, { tickets: 6, seed: 3, now: DEMO_NOW });
    const directory = createDirectoryRepository(db);
    me = directory.currentUserId() as string;
    other = directory.get().users.find((u) => u.id !== me)?.id as string;
    // The demo's own timers stay out of these tests.
    db.prepare('UPDATE tickets SET sla = NULL').run();
    tickets = db.prepare('SELECT id, number, subject FROM tickets ORDER BY id').all() as typeof tickets;
    db.close();
    clock = DEMO_NOW;
    shown = [];
    settings = DEFAULT_SETTINGS;
  });
  afterEach(() => {
    for (const c of open.splice(0)) c.close();
  });

  it('tells me at the at-risk instant of my ticket’s timer, once, and sleeps until it is due', () => {
    const c = startConsole();
    setSla(c.db, tickets[0]!.id, snapshot(running(clock - 40 * MINUTE, clock + 5 * MINUTE)));
    c.watcher.check();
    expect(shown).toEqual([]);
    expect(c.timers.wait()).toEqual([SLA_AT_RISK_POLL_MS]);
    clock += 5 * MINUTE - 10_000;
    c.timers.fire();
    expect(shown).toEqual([]);
    expect(c.timers.wait()).toEqual([10_000]);

    clock += 10_000;
    c.timers.fire();
    expect(shown).toEqual([
      {
        kind: 'sla_at_risk',
        target: { entity: 'ticket', id: tickets[0]!.id },
        count: 1,
        title: `SLA at risk on ${label(0)}`,
        body: 'The first-reply target is close to its due time.',
      },
    ]);
    clock += MINUTE;
    c.timers.fire();
    c.watcher.check();
    expect(shown).toHaveLength(1);
  });

  it('a restart does not tell it again; a re-targeted timer is the same cycle, a new cycle is news', () => {
    const first = startConsole();
    setSla(first.db, tickets[0]!.id, snapshot(running(clock - 50 * MINUTE, clock - MINUTE)));
    first.watcher.check();
    expect(shown).toHaveLength(1);
    first.close();

    const second = startConsole();
    second.watcher.check();
    // Raised priority: same cycle start, earlier at-risk instant.
    setSla(second.db, tickets[0]!.id, snapshot(running(clock - 50 * MINUTE, clock - 5 * MINUTE)));
    second.watcher.check();
    expect(shown).toHaveLength(1);
    // A reply and a new customer message later: a new cycle of the same target.
    setSla(second.db, tickets[0]!.id, snapshot(running(clock - 10 * MINUTE, clock)));
    second.watcher.check();
    expect(shown).toHaveLength(2);
  });

  it('says nothing of someone else’s ticket or of a timer already past due, and two of mine at once are one notice', () => {
    const c = startConsole();
    setSla(c.db, tickets[0]!.id, snapshot(running(clock - 50 * MINUTE, clock - MINUTE)), other);
    // At risk and then due while the console was closed: the breach is the news, not the risk.
    setSla(c.db, tickets[1]!.id, snapshot(running(clock - 90 * MINUTE, clock - 30 * MINUTE)));
    c.watcher.check();
    expect(shown).toEqual([]);

    setSla(c.db, tickets[2]!.id, snapshot(running(clock - 50 * MINUTE, clock - MINUTE), running(clock - 50 * MINUTE, clock - 2 * MINUTE)));
    setSla(c.db, tickets[3]!.id, snapshot(null, running(clock - 50 * MINUTE, clock - MINUTE)));
    c.watcher.check();
    expect(shown).toEqual([
      { kind: 'sla_at_risk', target: null, count: 2, title: 'SLA at risk on 2 of your tickets', body: `${label(2)}, ${label(3)}` },
    ]);
  });

  it('with notifications off, records what is at risk without showing it, so turning them on does not replay it', () => {
    const c = startConsole();
    settings = { ...DEFAULT_SETTINGS, notifications: false };
    setSla(c.db, tickets[0]!.id, snapshot(running(clock - 50 * MINUTE, clock - MINUTE)));
    c.watcher.check();
    settings = DEFAULT_SETTINGS;
    c.watcher.check();
    expect(shown).toEqual([]);
  });
});

describe('SLA at-risk notices in a running console', () => {
  it('are looked for after a change: a ticket at risk assigned to me is told at once', async () => {
    const core = openCore({ databasePath: join(tempDir(), 'console.db'), transport: 'direct', now: () => DEMO_NOW, log: () => {} });
    const shown: EventPayload<'notification.show'>[] = [];
    core.subscribe((name, payload) => {
      if (name === 'notification.show') shown.push(payload as EventPayload<'notification.show'>);
    });
    try {
      seedDemo(core, { tickets: 300, seed: 7, now: DEMO_NOW });
      // The watcher looks on a 0 ms timer after a change; a timer set after it fires after it.
      const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
      await settle();
      const before = shown.length;
      // A ticket at risk in my teams that is not mine yet.
      const { rows } = await call<{ rows: { id: string; assigneeId: string | null; teamId: string }[] }>(core, 'tickets.list', {
        view: 'sla_at_risk',
        limit: 200,
      });
      const me = (await call<{ me: { id: string; teamIds: string[] } }>(core, 'directory.get', {})).me;
      const target = rows.find((r) => r.assigneeId !== me.id && me.teamIds.includes(r.teamId));
      expect(target).toBeDefined();
      await call(core, 'mutations.run', {
        name: 'ticket.assign',
        args: {
          id: target!.id,
          assigneeId: me.id,
          teamId: target!.teamId,
          base: { assigneeId: target!.assigneeId, teamId: target!.teamId },
        },
      });
      await settle();
      expect(shown.slice(before)).toEqual([
        expect.objectContaining({ kind: 'sla_at_risk', target: { entity: 'ticket', id: target!.id }, count: 1 }),
      ]);
    } finally {
      core.close();
    }
  });
});
