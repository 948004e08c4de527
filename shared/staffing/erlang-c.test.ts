import { describe, expect, it } from 'vitest';
import { AppError } from '../contract/errors.ts';
import { createRandom } from '../demo/random.ts';
import { agentsForServiceLevel, averageSpeedOfAnswer, offeredLoad, probabilityOfWaiting, serviceLevel } from './erlang-c.ts';

/** The textbook formula, term by term: an independent check of the recursion (small N only). */
function erlangCByFactorials(agents: number, load: number): number {
  let term = 1;
  let sum = 0;
  for (let k = 0; k < agents; k++) {
    sum += term;
    term = (term * load) / (k + 1);
  }
  const top = term * (agents / (agents - load));
  return top / (sum + top);
}

describe('Erlang C', () => {
  it('matches published table values of the probability of waiting', () => {
    // Erlang C tables: 1 Erlang on 2 agents waits 1/3 of the time, 2 Erlangs on 3 agents 4/9.
    expect(probabilityOfWaiting(2, 1)).toBeCloseTo(1 / 3, 12);
    expect(probabilityOfWaiting(3, 2)).toBeCloseTo(4 / 9, 12);
  });

  it('reproduces the classic worked example: 100 calls in 30 minutes, 3 minutes each, 80% in 20 s', () => {
    const queue = { arrivals: 100, intervalSeconds: 1800, ahtSeconds: 180 };
    expect(offeredLoad(queue)).toBe(10);
    // The published steps: 13 agents give 79.6% (short of 80%), 14 give 88.8% with 17.4% waiting
    // and an average speed of answer of 7.8 s.
    expect(serviceLevel(13, queue, 20)).toBeCloseTo(0.7956, 4);
    expect(serviceLevel(14, queue, 20)).toBeCloseTo(0.8884, 4);
    expect(probabilityOfWaiting(14, 10)).toBeCloseTo(0.1741, 4);
    expect(averageSpeedOfAnswer(14, queue)).toBeCloseTo(7.84, 2);
    const staffing = agentsForServiceLevel(queue, { serviceLevel: 0.8, answerSeconds: 20 });
    expect(staffing.agents).toBe(14);
    expect(staffing.occupancy).toBeCloseTo(10 / 14, 12);
  });

  it('agrees with the factorial formula on random loads', () => {
    const random = createRandom(16);
    for (let i = 0; i < 200; i++) {
      const load = random.next() * 40;
      const agents = Math.floor(load) + 1 + random.int(0, 10);
      expect(probabilityOfWaiting(agents, load)).toBeCloseTo(erlangCByFactorials(agents, load), 10);
    }
  });

  it('stays finite and exact where factorials overflow (a 500-agent centre)', () => {
    const wait = probabilityOfWaiting(520, 480);
    expect(Number.isFinite(wait)).toBe(true);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThan(1);
  });

  it('asks for the fewest agents: one fewer misses the target', () => {
    const random = createRandom(7);
    for (let i = 0; i < 100; i++) {
      const queue = { arrivals: random.int(1, 600), intervalSeconds: 3600, ahtSeconds: random.int(60, 900) };
      const target = { serviceLevel: 0.5 + random.next() * 0.45, answerSeconds: random.int(10, 120) };
      const { agents } = agentsForServiceLevel(queue, target);
      expect(serviceLevel(agents, queue, target.answerSeconds)).toBeGreaterThanOrEqual(target.serviceLevel);
      if (agents - 1 > offeredLoad(queue)) {
        expect(serviceLevel(agents - 1, queue, target.answerSeconds)).toBeLessThan(target.serviceLevel);
      }
    }
  });

  it('adds agents when the service level alone would keep them busier than the occupancy cap', () => {
    const queue = { arrivals: 1000, intervalSeconds: 3600, ahtSeconds: 300 }; // 83.3 Erlangs
    const loose = agentsForServiceLevel(queue, { serviceLevel: 0.5, answerSeconds: 60 });
    const capped = agentsForServiceLevel(queue, { serviceLevel: 0.5, answerSeconds: 60, maxOccupancy: 0.8 });
    expect(loose.occupancy).toBeGreaterThan(0.8);
    expect(capped.occupancy).toBeLessThanOrEqual(0.8);
    expect(capped.agents).toBe(Math.ceil((queue.arrivals * queue.ahtSeconds) / 3600 / 0.8));
  });

  it('needs nobody when nothing arrives, and answers everyone at once', () => {
    expect(
      agentsForServiceLevel({ arrivals: 0, intervalSeconds: 3600, ahtSeconds: 300 }, { serviceLevel: 0.8, answerSeconds: 60 }),
    ).toMatchObject({
      agents: 0,
      serviceLevel: 1,
    });
  });

  it('refuses impossible input with a code', () => {
    const queue = { arrivals: 10, intervalSeconds: 3600, ahtSeconds: 300 };
    const refusals = [
      () => agentsForServiceLevel(queue, { serviceLevel: 1.2, answerSeconds: 20 }),
      () => agentsForServiceLevel(queue, { serviceLevel: 0.8, answerSeconds: -1 }),
      () => agentsForServiceLevel(queue, { serviceLevel: 0.8, answerSeconds: 20, maxOccupancy: 0 }),
      () => offeredLoad({ ...queue, ahtSeconds: 0 }),
      () => offeredLoad({ ...queue, arrivals: -1 }),
      () => probabilityOfWaiting(2.5, 1),
    ];
    for (const refuse of refusals) {
      expect(refuse).toThrow(AppError);
      try {
        refuse();
      } catch (err) {
        expect((err as AppError).code).toBe('VALIDATION');
      }
    }
  });
});
