/**
 * The sync torture test's short run, in `npm test`: the regression seeds and seeds 1..50 (or
 * TORTURE_SEEDS), each a fresh tenant on one pair of server instances. A failing seed names
 * itself and the broken invariant; `npm run torture -- --seed N` replays it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from './cluster.ts';
import { describeFailure, regressionSeeds } from './seeds.ts';
import { runSeed } from './run-seed.ts';

const count = Number(process.env.TORTURE_SEEDS ?? 50);
const seeds = [...new Set([...regressionSeeds(), ...Array.from({ length: count }, (_, i) => i + 1)])];

describe('sync torture', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster();
  });
  afterAll(() => cluster.close());

  // Seeds run in groups of ten, each group a test with its own time budget: on a loaded machine
  // (the rest of `npm test` runs beside this) one budget for all fifty ran out although every
  // seed held, and a group that does run out names the seeds it was on.
  const GROUP = 10;
  for (let i = 0; i < seeds.length; i += GROUP) {
    const group = seeds.slice(i, i + GROUP);
    it(`holds every invariant over seeds ${group.join(', ')}`, async () => {
      const failures: string[] = [];
      for (const seed of group) {
        const r = await runSeed(seed, cluster);
        if (r.violations.length) failures.push(describeFailure(r));
      }
      expect(failures.join('\n')).toBe('');
    });
  }
});
