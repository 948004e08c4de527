/**
 * The one order every store reads a ticket's log and thread in. Records of one instant are
 * common (a mutation logs several events at once) and their ids are hashes, so the id breaks the
 * tie: the console's cache, PostgreSQL and the in-memory stores then agree on what came last.
 */

/** Ids compared as the stores' indexes compare them (byte order, not locale order). */
export function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Events by instant, then id: a log as `ORDER BY at, id` reads it. */
export function inLogOrder(a: { at: number; id: string }, b: { at: number; id: string }): number {
  return a.at - b.at || byId(a, b);
}

/** Messages by creation, then id: a thread as `ORDER BY created_at, id` reads it. */
export function inThreadOrder(a: { createdAt: number; id: string }, b: { createdAt: number; id: string }): number {
  return a.createdAt - b.createdAt || byId(a, b);
}
