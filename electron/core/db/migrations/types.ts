import type { Database } from 'better-sqlite3';

/** One forward-only schema step; `up` runs inside the transaction that records `version`. */
export interface Migration {
  version: number;
  name: string;
  up: (db: Database) => void;
}
