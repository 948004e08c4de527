/**
 * The kept SLA clock (clock-log.ts): extended by the events a commit adds, it is the clock of the
 * whole log, whatever part of the log was kept first and in whatever order the rest arrives
 * (offline work lands late, with earlier instants), except that it declines when a new step shares
 * an instant with a kept one (the ids decide that order, and only the log has them).
 */
import { describe, expect, it } from 'vitest';
import type { TicketEvent } from '../../shared/domain/records.ts';
import { createDemoData } from '../../shared/demo/generate.ts';
import { clockLogOf, extendClockLog, type ClockLog } from './clock-log.ts';
import { createRandom } from '../../shared/demo/random.ts';

/** The demo's seeded generator (mulberry32), so a failure replays. */
function rng(seed: number): () => number {
  return createRandom(seed).next;
}

describe('the kept SLA clock', () => {
  const now = Date.UTC(2026, 2, 10, 15, 30);
  const batches = [...createDemoData({ seed: 11, tickets: 300, now, batchSize: 300 }).batches];
  const logs = new Map<string, TicketEvent[]>();
  for (const e of batches.flatMap((b) => b.events)) logs.set(e.ticketId, [...(logs.get(e.ticketId) ?? []), e]);

  it('extended commit by commit, in any order of arrival, is the clock of the whole log', () => {
    const random = rng(5);
    let extended = 0;
    let declined = 0;
    for (const log of logs.values()) {
      // The log arrives in commits of one to three events, shuffled: offline work lands late.
      const arrivals = [...log].sort(() => random() - 0.5);
      let kept: ClockLog | null = clockLogOf([]);
      let seen: TicketEvent[] = [];
      while (arrivals.length) {
        const commit = arrivals.splice(0, 1 + Math.floor(random() * 3));
        seen = [...seen, ...commit];
        const next: ClockLog | null = kept && extendClockLog(kept, commit);
        if (next) {
          extended++;
          expect(next).toEqual(clockLogOf(seen));
        } else {
          declined++;
          const keptAt = new Set(kept?.steps.map((s) => s.at));
          expect(clockLogOf(commit).steps.some((s) => keptAt.has(s.at))).toBe(true);
        }
        // A declining commit reads the whole log, as the server does.
        kept = next ?? clockLogOf(seen);
      }
    }
    expect(extended).toBeGreaterThan(500);
    expect(declined).toBeGreaterThan(0);
  });

  it('holds the sla events’ records and the latest instant of any kind', () => {
    const [log] = [...logs.values()].filter((l) => l.some((e) => e.kind === 'sla'));
    const all = clockLogOf(log!);
    expect(all.recorded.size).toBeGreaterThan(0);
    expect(all.asOf).toBe(Math.max(...log!.map((e) => e.at)));
    const withoutSla = clockLogOf(log!.filter((e) => e.kind !== 'sla'));
    expect(
      extendClockLog(
        withoutSla,
        log!.filter((e) => e.kind === 'sla'),
      )?.recorded,
    ).toEqual(all.recorded);
  });
});
