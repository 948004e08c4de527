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

  it(`holds every invariant over ${seeds.length} seeds of faults`, async () => {
    const failures: string[] = [];
    for (const seed of seeds) {
      const r = await runSeed(seed, cluster);
      if (r.violations.length) failures.push(describeFailure(r));
    }
    expect(failures.join('\n')).toBe('');
  });
});
