/**
 * An account manager's console tells them when one of their accounts falls into "at risk": once
 * per fall, across restarts, never for an account seen for the first time or someone else's, and
 * silently recorded with notifications off.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../../shared/areas/app/channels.ts';
import { DEFAULT_SETTINGS } from '../../../shared/areas/app/settings-defaults.ts';
import type { EventName, EventPayload } from '../../../shared/contract/events.ts';
import { createDirectoryRepository } from '../areas/app/directory.ts';
import { createHealthRepository } from '../areas/accounts/health.ts';
import { openDatabase } from '../db/open.ts';
import { ensureSyncState } from '../db/sync-state.ts';
import { seedDemoDatabase } from '../demo/seed.ts';
import type { Timers } from '../sync/sync-client.ts';
import { DEMO_NOW, tempDir } from '../testing/fixtures.ts';
import { createHealthWatch, HEALTH_SETTLE_MS, HEALTH_WATCH_MS } from './health-watch.ts';

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
  return { timers, waits: () => [...pending.values()].map((p) => p.ms) };
}

describe('the "at risk" watch', () => {
  const dir = tempDir();
  let path = '';
  let run = 0;
  let shown: EventPayload<'notification.show'>[] = [];
  let settings: Settings = DEFAULT_SETTINGS;
  const open: { close(): void }[] = [];
  let manager = '';
  let mine: { id: string; name: string }[] = [];
  let theirs = '';

  /** A console over the database, as after a (re)start. */
  function startConsole(timers = manualTimers()) {
    const db = openDatabase(path, { now: () => DEMO_NOW });
    const health = createHealthRepository(db, createDirectoryRepository(db));
    const watch = createHealthWatch({
      db,
      health,
      now: () => DEMO_NOW,
      me: () => manager,
      settings: () => settings,
      emit: <E extends EventName>(name: E, payload: EventPayload<E>) => {
        if (name === 'notification.show') shown.push(payload as EventPayload<'notification.show'>);
      },
      timers: timers.timers,
      systemLocale: () => 'en-US',
    });
    const console = { db, watch, timers, close: () => (watch.close(), db.close()) };
    open.push(console);
    return console;
  }

  const setStage = (db: ReturnType<typeof openDatabase>, id: string, stage: string) =>
    db.prepare('UPDATE accounts SET lifecycle_stage = ? WHERE id = ?').run(stage, id);

  beforeEach(() => {
    path = join(dir, `watch-${++run}.db`);
    const db = openDatabase(path, { now: () => DEMO_NOW });
    ensureSyncState(db);
    seedDemoDatabase(db, { tickets: 200, seed: 5, now: DEMO_NOW });
    const owner = db
      .prepare(
        `SELECT a.owner_id AS id FROM accounts a JOIN users u ON u.id = a.owner_id WHERE u.role = 'account_manager'
         GROUP BY a.owner_id HAVING count(*) >= 2 ORDER BY a.owner_id LIMIT 1`,
      )
      .get() as { id: string };
    manager = owner.id;
    db.prepare('UPDATE sync_state SET user_id = ? WHERE id = 1').run(manager);
    mine = db.prepare('SELECT id, name FROM accounts WHERE owner_id = ? ORDER BY id LIMIT 2').all(manager) as typeof mine;
    theirs = (db.prepare('SELECT id FROM accounts WHERE owner_id IS NOT ? LIMIT 1').get(manager) as { id: string }).id;
    // The lifecycle alone weighs: an active account far from renewal scores 100, a churned one 0.
    const tenant = (db.prepare('SELECT id FROM tenants LIMIT 1').get() as { id: string }).id;
    db.prepare(`INSERT INTO health_settings (id, tenant_id, weights, version, created_at, updated_at) VALUES (?, ?, ?, 1, 0, 0)`).run(
      tenant,
      tenant,
      JSON.stringify({ support: 0, sentiment: 0, engagement: 0, lifecycle: 100 }),
    );
    db.prepare('UPDATE accounts SET lifecycle_stage = ?, renewal_date = NULL').run('active');
    db.close();
    shown = [];
    settings = DEFAULT_SETTINGS;
  });
  afterEach(() => {
    for (const c of open.splice(0)) c.close();
  });

  it('announces a fall once, with its biggest reason, and again only after the account recovered', () => {
    const a = startConsole();
    const [first] = mine;
    a.watch.check();
    expect(shown).toEqual([]);
    setStage(a.db, first!.id, 'churned');
    a.watch.check();
    expect(shown).toEqual([
      {
        kind: 'health_at_risk',
        target: { entity: 'account', id: first!.id },
        count: 1,
        title: `${first!.name} is at risk: health 0`,
        body: '-100: Account churned. A follow-up is worth planning.',
      },
    ]);
    a.watch.check();
    expect(shown).toHaveLength(1);

    // A restart remembers what it saw.
    a.close();
    const b = startConsole();
    b.watch.check();
    expect(shown).toHaveLength(1);

    // Recovered, then fallen again: a new fall.
    setStage(b.db, first!.id, 'active');
    b.watch.check();
    setStage(b.db, first!.id, 'churned');
    b.watch.check();
    expect(shown).toHaveLength(2);
  });

  it('says nothing of an account first seen at risk, or of someone else’s account', () => {
    const a = startConsole();
    setStage(a.db, mine[0]!.id, 'churned');
    a.watch.check();
    setStage(a.db, theirs, 'active');
    a.watch.check();
    setStage(a.db, theirs, 'churned');
    a.watch.check();
    expect(shown).toEqual([]);
  });

  it('gathers several falls into one notification, and records them silently with notifications off', () => {
    const a = startConsole();
    a.watch.check();
    for (const account of mine) setStage(a.db, account.id, 'churned');
    a.watch.check();
    expect(shown).toEqual([
      expect.objectContaining({ count: 2, title: '2 of your accounts fell into "at risk"', body: mine.map((m) => m.name).join(', ') }),
    ]);

    for (const account of mine) setStage(a.db, account.id, 'active');
    a.watch.check();
    settings = { ...DEFAULT_SETTINGS, notifications: false };
    setStage(a.db, mine[0]!.id, 'churned');
    a.watch.check();
    settings = DEFAULT_SETTINGS;
    a.watch.check();
    expect(shown).toHaveLength(1);
  });

  it('looks shortly after the console opens and after changes, once for many, and otherwise on its own timer', () => {
    const a = startConsole();
    a.watch.start();
    expect(a.timers.waits()).toEqual([HEALTH_SETTLE_MS]);
    a.watch.check();
    expect(a.timers.waits()).toEqual([HEALTH_WATCH_MS]);
    a.watch.changed();
    a.watch.changed();
    a.watch.changed();
    expect(a.timers.waits()).toEqual([HEALTH_SETTLE_MS]);
  });
});
