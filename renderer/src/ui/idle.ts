/**
 * Runs `work` once the page has nothing more pressing to do (the browser's idle callback; a timer
 * where there is none, as in jsdom), and gives back what cancels it, for an effect's cleanup.
 */
export function whenIdle(work: () => void): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(work, { timeout: 2_000 });
    return () => window.cancelIdleCallback(handle);
  }
  const timer = setTimeout(work, 0);
  return () => clearTimeout(timer);
}
