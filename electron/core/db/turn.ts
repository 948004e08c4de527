/**
 * A turn of Core's other requests in the middle of a long read or write over the cache (a
 * metrics read, a history shrink). The cache may close meanwhile (a sign-out, a rebuild, Core's
 * own close): the work ends there with UNAVAILABLE rather than failing inside SQLite.
 */
import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/contract/errors.ts';

export async function turnOf(db: Database, doing: string): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (!db.open) throw new AppError('UNAVAILABLE', `the local cache was closed while ${doing}`);
}
