/**
 * A deep copy of a JSON value (what every synced row is: objects, arrays, strings, numbers,
 * booleans, null), so a store keeps the row as it was written while the mutator that wrote it goes
 * on with its own object. Keys whose value is undefined are kept, as structuredClone keeps them.
 *
 * Hand-written because the general copies cost several times more for what rows hold: on a ticket
 * row with its SLA snapshot, 0.85 µs against 5.6 µs for structuredClone and 4.4 µs for a JSON round
 * trip. A server push of 2,500 mutations copies each row it writes (a ticket and its events) in
 * every planning pass, and structuredClone was a third of its mutators' time (docs/benchmarks.md).
 */
export function copyJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyJson) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = copyJson((value as Record<string, unknown>)[key]);
  return out as T;
}
