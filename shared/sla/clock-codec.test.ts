import { describe, expect, it } from 'vitest';
import { MESSAGE_KINDS, TICKET_PRIORITIES, TICKET_STATUSES } from '../domain/enums.ts';
import type { ClockStep } from './clock.ts';
import { seededRandom } from '../../test/support/metrics-facts.ts';
import { decodeClockSteps, encodeClockSteps } from './clock-codec.ts';

const pick = <T>(r: () => number, values: readonly T[]): T => values[Math.floor(r() * values.length)]!;

/** Steps of every kind with every value, at instants that repeat now and then (one mutation's events). */
function randomSteps(r: () => number): ClockStep[] {
  let at = Date.parse('2026-01-01T00:00:00Z') + Math.floor(r() * 300 * 86_400_000);
  const steps: ClockStep[] = [{ at, kind: 'created', status: pick(r, TICKET_STATUSES), priority: pick(r, TICKET_PRIORITIES) }];
  for (let k = Math.floor(r() * 20); k > 0; k--) {
    at += r() < 0.2 ? 0 : Math.floor(r() * 86_400_000);
    const kind = r();
    if (kind < 0.3) steps.push({ at, kind: 'status', status: pick(r, TICKET_STATUSES) });
    else if (kind < 0.45) steps.push({ at, kind: 'priority', priority: pick(r, TICKET_PRIORITIES) });
    else steps.push({ at, kind: 'message', message: pick(r, MESSAGE_KINDS), automated: r() < 0.2 });
  }
  return steps;
}

describe('kept clock steps', () => {
  it('decode to the steps they were made from', () => {
    const r = seededRandom(25);
    for (let n = 0; n < 300; n++) {
      const steps = randomSteps(r);
      expect(decodeClockSteps(encodeClockSteps(steps))).toEqual(steps);
    }
    expect(decodeClockSteps(encodeClockSteps([]))).toEqual([]);
  });

  it('written by another version of the encoding, or not steps at all, are read as stale', () => {
    const kept = JSON.parse(encodeClockSteps(randomSteps(seededRandom(3)))) as number[];
    expect(decodeClockSteps(JSON.stringify([2, ...kept.slice(1)]))).toBeNull();
    expect(decodeClockSteps(JSON.stringify([...kept, 0]))).toBeNull();
    expect(decodeClockSteps(JSON.stringify([1, 0, 0, 9, 0]))).toBeNull();
    expect(decodeClockSteps('{"v":1}')).toBeNull();
  });
});
