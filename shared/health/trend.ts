/**
 * An account's health trend (docs/health-score.md, Trend): how its daily score moved over the
 * last 7 days of its history, and whether that is a fall worth a look. Core computes the same
 * figure in SQL for the portfolio (migration 017); both are checked against each other.
 */
import { DAY_MS } from './facts.ts';

/** Days the trend looks back. */
export const TREND_DAYS = 7;
/** Points lost within TREND_DAYS that make "health fell". */
export const FELL_POINTS = 10;

export interface HealthDay {
  day: string;
  score: number;
}

/**
 * The latest daily score minus the daily score of the day TREND_DAYS before the latest's day;
 * null when the history holds no score for that day (too young, or a day the job did not run).
 * `history` is one score per day, oldest first, as `account_healths.history` keeps it.
 */
export function healthTrend(history: readonly HealthDay[]): number | null {
  const latest = history.at(-1);
  if (!latest) return null;
  const target = new Date(Date.parse(`${latest.day}T00:00:00Z`) - TREND_DAYS * DAY_MS).toISOString().slice(0, 10);
  const then = history.find((h) => h.day === target);
  return then ? latest.score - then.score : null;
}

/** "Health fell": FELL_POINTS or more lost over the trend's days. */
export function healthFell(trend: number | null): boolean {
  return trend !== null && trend <= -FELL_POINTS;
}
