/**
 * What a suite hands back: figures, each with its own value and, where one exists, the raw baseline
 * measured in the same run and the ratio between them. Ratios are what survives a noisy, shared
 * machine: both sides suffer the same neighbours.
 */
import type { Timing } from './measure.ts';

export const SUITES = ['local', 'server', 'ui', 'sync', 'history'] as const;
export type SuiteName = (typeof SUITES)[number];

export type Value =
  | ({ kind: 'latency' } & Timing)
  /** Work per second, e.g. requests/s or rows/s, over `count` items in `elapsedMs`. */
  | { kind: 'rate'; perSecond: number; unit: string; count: number; elapsedMs: number }
  /** A single reading: a size in MB, a count of long tasks. */
  | { kind: 'amount'; value: number; unit: string };

export interface Figure {
  /** Stable key the targets refer to, e.g. "local.inbox-page". */
  id: string;
  label: string;
  value: Value;
  baseline?: { label: string; value: Value };
  /**
   * Latency: ours / raw at p95 (1 = as fast as the raw baseline, lower is better). Rate: ours / raw
   * (higher is better). Amount (same unit): ours / raw.
   */
  ratio?: number;
  note?: string;
  /** How many things the figure was measured with (mutations, consoles), where its target names a number. */
  scale?: number;
}

export interface SuiteResult {
  suite: SuiteName;
  status: 'ran' | 'failed';
  /** How the suite failed. */
  reason?: string;
  figures: Figure[];
  /** The highest resident set size of the bench process seen during the suite, in MB. */
  peakRssMb: number;
  elapsedMs: number;
}

/** A figure with its ratio to the baseline computed as described on Figure.ratio. */
export function figure(f: Omit<Figure, 'ratio'>): Figure {
  if (!f.baseline) return f;
  const ours = f.value;
  const raw = f.baseline.value;
  let ratio: number | undefined;
  if (ours.kind === 'latency' && raw.kind === 'latency' && raw.p95 > 0) ratio = ours.p95 / raw.p95;
  if (ours.kind === 'rate' && raw.kind === 'rate' && raw.perSecond > 0) ratio = ours.perSecond / raw.perSecond;
  if (ours.kind === 'amount' && raw.kind === 'amount' && ours.unit === raw.unit && raw.value > 0) ratio = ours.value / raw.value;
  return ratio === undefined ? f : { ...f, ratio };
}

export const latency = (t: Timing): Value => ({ kind: 'latency', ...t });

export function rate(count: number, elapsedMs: number, unit: string): Value {
  return { kind: 'rate', perSecond: elapsedMs > 0 ? (count / elapsedMs) * 1000 : 0, unit, count, elapsedMs };
}

export const amount = (value: number, unit: string): Value => ({ kind: 'amount', value, unit });
