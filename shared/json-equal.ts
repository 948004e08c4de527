/**
 * Whether two JSON values are the same value, whatever the order of their objects' keys.
 *
 * Comparing JSON.stringify output is not enough for a row read back from PostgreSQL: jsonb stores
 * an object's keys in its own order (shorter keys first), so a snapshot read from the database and
 * the same snapshot just computed print differently, and every comparison said "changed".
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((v, i) => sameJson(v, other[i]));
  }
  // A key whose value is undefined is absent in JSON.
  const keysOf = (o: object) => Object.keys(o).filter((k) => (o as Record<string, unknown>)[k] !== undefined);
  const ka = keysOf(a);
  if (ka.length !== keysOf(b).length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
