/**
 * Which failures of PostgreSQL mean "not now" rather than "no": a lost or refused connection, a
 * database shutting down or out of resources, a transaction rolled back by a deadlock or a
 * serialization failure. These leave the driver as `UNAVAILABLE` (503, nothing changed, try
 * again), so every route, and the authentication before it, answers them the same way. Anything
 * else PostgreSQL refuses (a bad statement, a violated constraint) is an answer, not an outage,
 * and is left as it is.
 */
import pg from 'pg';
import { AppError } from '../../shared/contract/errors.ts';

/** SQLSTATE classes and codes of the transient kind (PostgreSQL's appendix A). */
const TRANSIENT = /^(08|40|53|57P0[1-4])/;

export function isUnavailable(err: unknown): boolean {
  if (err instanceof AppError) return err.code === 'UNAVAILABLE';
  // The driver's own errors (not PostgreSQL's answers) are all about the connection: terminated,
  // refused, timed out, or a client no longer queryable after one of those.
  if (!(err instanceof pg.DatabaseError)) return err instanceof Error;
  return TRANSIENT.test(err.code ?? '');
}

export function asUnavailable(err: unknown): unknown {
  if (err instanceof AppError || !isUnavailable(err)) return err;
  const unavailable = new AppError('UNAVAILABLE', 'the database is not reachable right now; nothing was changed, try again');
  unavailable.cause = err;
  return unavailable;
}
