/** Chooses the store: PostgreSQL when a connection string is given, else PGlite in a data folder. */
import { mkdirSync } from 'node:fs';
import type { Db } from './db.ts';
import { migrate } from './migrations.ts';
import { openPgDb } from './pg-db.ts';
import { openPgliteDb } from './pglite-db.ts';

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** PGlite's folder when there is no databaseUrl; undefined means in memory. */
  dataDir?: string | undefined;
}

/** Opens the database and brings its schema up to date. */
export async function openDb(options: OpenOptions): Promise<Db> {
  let db: Db;
  if (options.databaseUrl) {
    db = await openPgDb({ connectionString: options.databaseUrl });
  } else {
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    db = await openPgliteDb(options.dataDir);
  }
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}
