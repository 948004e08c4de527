/**
 * The sync torture test, long: `npm run torture -- --seeds 2000` runs seeds 1..2000 (after the
 * regression seeds); `--seed N` runs one seed; `--from N` starts elsewhere; `--steps N` sizes
 * each seed. Uses PostgreSQL when DATABASE_URL is set, else PGlite. Exit code 1 if any seed failed.
 */
import { startCluster } from './cluster.ts';
import { DEFAULT_SEED_OPTIONS, runSeed } from './run-seed.ts';
import { describeFailure, regressionSeeds } from './seeds.ts';

function arg(name: string): number | null {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return null;
  const n = Number(process.argv[i + 1]);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} needs a whole number`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  const one = arg('seed');
  const count = arg('seeds') ?? 50;
  const from = arg('from') ?? 1;
  const steps = arg('steps') ?? DEFAULT_SEED_OPTIONS.steps;
  const seeds = one !== null ? [one] : [...new Set([...regressionSeeds(), ...Array.from({ length: count }, (_, i) => from + i)])];
  const cluster = await startCluster();
  console.log(`torture: ${seeds.length} seeds on ${cluster.kind}, ${steps} steps each`);
  const started = Date.now();
  let failed = 0;
  try {
    for (const seed of seeds) {
      const r = await runSeed(seed, cluster, { ...DEFAULT_SEED_OPTIONS, steps });
      if (r.violations.length) {
        failed++;
        console.log(describeFailure(r));
        if (one !== null) console.log(`  faults ${JSON.stringify(r.faults)}`);
        if (one !== null)
          for (const [name, log] of Object.entries(r.logs)) if (log.length) console.log(`  ${name} log:\n    ${log.join('\n    ')}`);
      } else
        console.log(
          `seed ${seed} ok in ${r.ms} ms: ${r.stats.mutations} mutations; ops ${JSON.stringify(Object.fromEntries(r.stats.ops))}; faults ${JSON.stringify(r.faults)}`,
        );
    }
  } finally {
    await cluster.close();
  }
  console.log(`torture: ${seeds.length - failed}/${seeds.length} seeds passed in ${Math.round((Date.now() - started) / 1000)} s`);
  process.exitCode = failed ? 1 : 0;
}

await main();
