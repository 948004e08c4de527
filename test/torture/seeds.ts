/** The seeds every run includes (failures kept as permanent regression cases), and how a failing seed is reported. */
import { readFileSync } from 'node:fs';
import type { SeedResult } from './run-seed.ts';

export function regressionSeeds(): number[] {
  const file = new URL('./regressions.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { seeds: { seed: number }[] }).seeds.map((s) => s.seed);
}

export function describeFailure(r: SeedResult): string {
  const lines = [`seed ${r.seed} FAILED (reproduce: npm run torture -- --seed ${r.seed})`];
  for (const v of r.violations.slice(0, 20)) lines.push(`  invariant ${v.invariant} (${v.name}): ${v.detail}`);
  if (r.violations.length > 20) lines.push(`  … and ${r.violations.length - 20} more`);
  return lines.join('\n');
}
