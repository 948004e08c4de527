/** A stretch of time [start, end) that figures are counted in: a period, or one day or week of it. */
export interface Window {
  start: number;
  end: number;
}

export function within(at: number, w: Window): boolean {
  return at >= w.start && at < w.end;
}
