/**
 * The one database seam of the server: PostgreSQL through `pg` in production, PGlite (Postgres
 * compiled to WebAssembly) when nothing is installed. Both speak the same SQL, so the rest of the
 * server is written once against this interface.
 */

export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: R[] }>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/**
 * READ COMMITTED for writers: they serialize on explicit row locks (the client row, then the
 * tenant clock), which never fails with serialization errors. REPEATABLE READ for readers that
 * must see one snapshot (a pull page).
 */
export type Isolation = 'read committed' | 'repeatable read';

export interface Db extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `fn` in one transaction: committed if it returns, rolled back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>, isolation?: Isolation): Promise<T>;
  /**
   * Subscribes to NOTIFYs on `channel` (a lowercase identifier), with their payload; resolves to an
   * unsubscribe. `onGap` is called when the subscription resumes after its connection was lost
   * (NOTIFYs sent meanwhile were missed); it rejects with UNAVAILABLE when the database cannot be reached.
   */
  listen(channel: string, onNotify: (payload: string) => void, onGap?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Postgres returns int8 as a string (pg) or a number (PGlite): one place to read them. */
export function int(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`expected an integer from the database, got ${String(value)}`);
  return n;
}

/** Channel names are SQL identifiers: only lowercase letters, digits and underscores get through. */
export function assertChannel(channel: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`invalid channel name ${channel}`);
  return channel;
}
