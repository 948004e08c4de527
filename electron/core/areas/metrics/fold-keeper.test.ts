import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open.ts';
import { seedDemoDatabase } from '../../demo/seed.ts';
import { DEMO_NOW, tempDir } from '../../testing/fixtures.ts';
import { createFoldKeeper } from './fold-keeper.ts';
import { createMetricsRepository } from './metrics.ts';

/** Timers the test fires by hand: the keeper's wait for writes to pause. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 0;
  return {
    setTimeout: (fn: () => void) => (pending.set(++next, fn), next),
    clearTimeout: (handle: unknown) => void pending.delete(handle as number),
    armed: () => pending.size,
    fire() {
      const due = [...pending.values()];
      pending.clear();
      for (const fn of due) fn();
    },
  };
}

describe('the fold keeper', () => {
  const db = openDatabase(join(tempDir(), 'folds.db'), { now: () => DEMO_NOW });
  seedDemoDatabase(db, { tickets: 150, seed: 5, now: DEMO_NOW });
  const repo = createMetricsRepository(db);
  const stale = () => db.prepare('SELECT count(*) FROM folded_logs WHERE log IS NULL').pluck().get() as number;

  it('waits for writes to pause, then folds every stale log in slices, letting other work run between them', async () => {
    const timers = manualTimers();
    let slices = 0;
    let turns = 0;
    const keeper = createFoldKeeper({
      foldStale: (after, limit) => (slices++, repo.foldStale(after, limit)),
      timers,
      sliceSize: 40,
      yieldTurn: async () => void turns++,
    });
    expect(stale()).toBe(150);
    keeper.soon();
    keeper.soon();
    expect(timers.armed()).toBe(1);
    expect(slices).toBe(0);
    timers.fire();
    // Asked before the timer's pass began: that pass covers it.
    expect(await keeper.run()).toBe(150);
    expect(stale()).toBe(0);
    expect(slices).toBe(4);
    expect(turns).toBe(slices);
    keeper.close();
  });

  it('passes again when asked during a pass, so a log written behind its cursor is folded too', async () => {
    const first = db.prepare('SELECT min(ticket_id) FROM folded_logs').pluck().get() as string;
    const touchFirst = db.prepare(
      'UPDATE ticket_events SET at = at + 1 WHERE id = (SELECT min(id) FROM ticket_events WHERE ticket_id = ?)',
    );
    db.prepare('UPDATE folded_logs SET log = NULL').run();
    let turns = 0;
    const keeper = createFoldKeeper({
      foldStale: repo.foldStale,
      timers: manualTimers(),
      sliceSize: 40,
      // After the first slice: a write to a ticket the pass has gone by, and the change's call.
      yieldTurn: async () => {
        if (++turns !== 2) return;
        touchFirst.run(first);
        void keeper.run();
      },
    });
    expect(await keeper.run()).toBe(150 + 1);
    expect(stale()).toBe(0);
    keeper.close();
  });

  it('folds nothing once closed', async () => {
    repo.foldEveryStale(50);
    db.prepare('UPDATE ticket_events SET at = at - 1 WHERE id = (SELECT min(id) FROM ticket_events)').run();
    expect(stale()).toBe(1);
    const timers = manualTimers();
    const keeper = createFoldKeeper({ foldStale: repo.foldStale, timers });
    keeper.soon();
    keeper.close();
    expect(timers.armed()).toBe(0);
    expect(await keeper.run()).toBe(0);
    expect(stale()).toBe(1);
  });
});
