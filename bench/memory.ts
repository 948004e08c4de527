/**
 * Peak resident memory of this process during a suite. Sampled on a timer (for the asynchronous
 * suites) and explicitly between measurements (the SQLite suites run synchronously, so a timer
 * would rarely get a turn).
 */
const MB = 1024 * 1024;

export interface PeakMemory {
  sample(): void;
  /** Stops the timer; returns the peak RSS in MB. */
  stop(): number;
}

export function trackPeakRss(intervalMs = 25): PeakMemory {
  let peak = process.memoryUsage.rss();
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage.rss());
  };
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    sample,
    stop() {
      clearInterval(timer);
      sample();
      return peak / MB;
    },
  };
}
