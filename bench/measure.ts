/** Timing helpers shared by the benchmarks: run a function many times, report percentiles in ms. */
export interface Timing {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentiles(durationsMs: readonly number[]): Timing {
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  return { samples: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] ?? 0 };
}

export async function time(fn: () => unknown | Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export function formatTiming(label: string, t: Timing): string {
  const ms = (v: number) => v.toFixed(3).padStart(8);
  return `${label.padEnd(44)} p50 ${ms(t.p50)}  p95 ${ms(t.p95)}  p99 ${ms(t.p99)}  max ${ms(t.max)} ms  (n=${t.samples})`;
}

/**
 * Times `fn` `count` times after `warmup` untimed runs (the first runs pay for preparing
 * statements and faulting pages in). `between` runs after each sample, outside the timing: the
 * suites sample memory there.
 */
export async function sampleMany(
  count: number,
  fn: (i: number) => unknown | Promise<unknown>,
  options: { warmup?: number; between?: () => void } = {},
): Promise<number[]> {
  for (let i = 0; i < (options.warmup ?? 0); i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    samples.push(await time(() => fn(i)));
    options.between?.();
  }
  return samples;
}
