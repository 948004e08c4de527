/**
 * The benchmark databases: demo data from the demo generator at a chosen size, cached under
 * .data/bench/ by size and seed so reruns do not reseed (seeding 100k tickets takes minutes, 1M
 * far longer). A database is seeded under a temporary name and renamed when complete, so an
 * interrupted seed is never mistaken for a finished one.
 *
 * Every cached database also gets one long ticket (LONG_THREAD_MESSAGES messages), added on first
 * use, for the "ticket open" figure: demo threads are about ten messages, and opening a long one
 * is the case worth measuring.
 *
 * A console that has been open a while holds every ticket's event log folded for the metrics
 * (Core's fold keeper, at idle): the dataset is brought to that state before any figure, and the
 * time the folding took is reported.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import Sqlite, { type Database } from 'better-sqlite3';
import { openCore, seedDemo } from '../electron/core/index.ts';
import { createSearchWriter } from '../electron/core/search/search-writer.ts';
import { closeDatabase, openDatabase } from '../electron/core/db/open.ts';
import { createMetricsRepository } from '../electron/core/areas/metrics/metrics.ts';
import { FOLD_SLICE } from '../electron/core/areas/metrics/fold-keeper.ts';

export const BENCH_DATA_DIR = fileURLToPath(new URL('../.data/bench/', import.meta.url));
export const LONG_THREAD_MESSAGES = 500;
/** Fixed ids, so the long ticket is found (and not added twice) in a cached database. */
export const LONG_THREAD_TICKET_ID = '01900000-0000-7000-8000-000000000500';
const longThreadMessageId = (i: number) => `01900000-0000-7000-8001-${i.toString(16).padStart(12, '0')}`;

export interface Dataset {
  databasePath: string;
  tickets: number;
  messages: number;
  seed: number;
  /** Whether this run seeded it (false: reused from the cache). */
  seeded: boolean;
  seedMs: number | null;
  /** How long this run spent folding the tickets' logs, and how many it folded (0: all were folded). */
  fold: { ms: number; tickets: number };
  longThreadTicketId: string;
}

/**
 * A cache this build creates is INCREMENTAL (db/open.ts); one seeded before that is made so here,
 * once, by writing a vacuumed copy beside it (no write-ahead log, unlike a VACUUM in place) and
 * renaming it over the file. The history suite then measures a shrink as a new cache meets it.
 */
function makeIncremental(path: string): number | null {
  const db = new Sqlite(path);
  const copy = `${path}.incremental`;
  const started = performance.now();
  try {
    if (db.pragma('auto_vacuum', { simple: true }) === 2) return null;
    rmSync(copy, { force: true });
    db.pragma('auto_vacuum = INCREMENTAL');
    db.prepare('VACUUM INTO ?').run(copy);
  } finally {
    // The last connection to close checkpoints and removes the log: the copy has every page already.
    db.close();
  }
  renameSync(copy, path);
  for (const suffix of ['-wal', '-shm']) rmSync(path + suffix, { force: true });
  return performance.now() - started;
}

/** Folds every stale log of the cache at `path` (migrating it first), as the keeper would at idle. */
function foldLogs(path: string): { ms: number; tickets: number } {
  const started = performance.now();
  const db = openDatabase(path);
  try {
    const tickets = createMetricsRepository(db).foldEveryStale(FOLD_SLICE);
    return { ms: performance.now() - started, tickets };
  } finally {
    closeDatabase(db);
  }
}

export function datasetPath(tickets: number, seed: number): string {
  return join(BENCH_DATA_DIR, `demo-t${tickets}-s${seed}.db`);
}

/** Returns the cached database for (tickets, seed), seeding it first if there is none. */
export function prepareDataset(tickets: number, seed: number, log: (line: string) => void): Dataset {
  mkdirSync(BENCH_DATA_DIR, { recursive: true });
  const databasePath = datasetPath(tickets, seed);
  let seedMs: number | null = null;
  const seeded = !existsSync(databasePath);
  if (seeded) {
    const partial = `${databasePath}.partial`;
    for (const suffix of ['', '-wal', '-shm']) rmSync(partial + suffix, { force: true });
    log(`seeding ${tickets.toLocaleString('en')} demo tickets (seed ${seed}) into ${relative(databasePath)}; reused next time`);
    // No background integrity check: it would read the file while the seed writes it.
    const core = openCore({ databasePath: partial, transport: 'direct', log: () => {}, integrityCheckDelayMs: null });
    try {
      let lastLog = performance.now();
      const report = seedDemo(core, {
        tickets,
        seed,
        onProgress: (p) => {
          if (performance.now() - lastLog < 15_000) return;
          lastLog = performance.now();
          log(
            `  ${p.tickets.toLocaleString('en')} tickets, ${p.messages.toLocaleString('en')} messages, ${(p.elapsedMs / 1000).toFixed(0)} s`,
          );
        },
      });
      seedMs = report.elapsedMs;
    } finally {
      core.close();
    }
    renameSync(partial, databasePath);
    for (const suffix of ['-wal', '-shm']) rmSync(partial + suffix, { force: true });
  }
  const incrementalMs = makeIncremental(databasePath);
  if (incrementalMs !== null) log(`  made the cache incremental (auto_vacuum) in ${(incrementalMs / 1000).toFixed(1)} s`);
  const fold = foldLogs(databasePath);
  if (fold.tickets > 0) log(`  folded ${fold.tickets.toLocaleString('en')} tickets' event logs in ${(fold.ms / 1000).toFixed(1)} s`);
  const db = new Sqlite(databasePath);
  try {
    if (!db.prepare('SELECT 1 FROM tickets WHERE id = ?').get(LONG_THREAD_TICKET_ID)) addLongThread(db);
    const counts = db.prepare('SELECT (SELECT count(*) FROM tickets) AS tickets, (SELECT count(*) FROM messages) AS messages').get() as {
      tickets: number;
      messages: number;
    };
    return {
      databasePath,
      tickets: counts.tickets,
      messages: counts.messages,
      seed,
      seeded,
      seedMs,
      fold,
      longThreadTicketId: LONG_THREAD_TICKET_ID,
    };
  } finally {
    db.close();
  }
}

/**
 * Adds the long ticket: a copy of the newest demo ticket whose thread alternates between its
 * requester and an agent, with bodies taken from the demo messages, indexed for search like any
 * other message.
 */
function addLongThread(db: Database): void {
  db.transaction(() => {
    const model = db.prepare('SELECT * FROM tickets ORDER BY created_at DESC, id DESC LIMIT 1').get() as Record<string, unknown>;
    const agent = db.prepare("SELECT id FROM users WHERE role = 'agent' ORDER BY id LIMIT 1").get() as { id: string };
    const bodies = db.prepare('SELECT body FROM messages ORDER BY rowid LIMIT ?').pluck().all(LONG_THREAD_MESSAGES) as string[];
    const number = (db.prepare('SELECT coalesce(max(number), 0) + 1 FROM tickets').pluck().get() as number) ?? 1;
    const start = (model.created_at as number) - LONG_THREAD_MESSAGES * 60_000;
    const end = start + LONG_THREAD_MESSAGES * 60_000;
    const ticket = {
      ...withoutGenerated(db, model),
      id: LONG_THREAD_TICKET_ID,
      number,
      subject: `A ${LONG_THREAD_MESSAGES}-message thread (benchmark)`,
      message_count: LONG_THREAD_MESSAGES,
      created_at: start,
      updated_at: end,
      last_message_at: end,
    };
    const columns = Object.keys(ticket);
    db.prepare(`INSERT INTO tickets (${columns.join(', ')}) VALUES (${columns.map((c) => '@' + c).join(', ')})`).run(ticket);
    const insert = db.prepare(
      'INSERT INTO messages (id, tenant_id, ticket_id, kind, author_type, author_id, body, channel, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)',
    );
    const search = createSearchWriter(db);
    for (let i = 0; i < LONG_THREAD_MESSAGES; i++) {
      const fromRequester = i % 2 === 0;
      const id = longThreadMessageId(i);
      const at = start + i * 60_000;
      const body = bodies[i % bodies.length] ?? 'Thanks for your patience.';
      insert.run(
        id,
        model.tenant_id,
        LONG_THREAD_TICKET_ID,
        fromRequester ? 'inbound' : 'reply',
        fromRequester ? 'contact' : 'agent',
        fromRequester ? model.requester_id : agent.id,
        body,
        model.channel,
        at,
        at,
      );
      search.insert({ kind: 'message', refId: id, ticketId: LONG_THREAD_TICKET_ID, at, title: '', body });
    }
  })();
}

/**
 * Generated columns cannot be inserted: they are read from the table itself (`hidden` 2 and 3 in
 * table_xinfo), so a migration that adds one does not break every suite.
 */
function withoutGenerated(db: Database, row: Record<string, unknown>): Record<string, unknown> {
  const generated = new Set(db.prepare('SELECT name FROM pragma_table_xinfo(?) WHERE hidden IN (2, 3)').pluck().all('tickets') as string[]);
  return Object.fromEntries(Object.entries(row).filter(([column]) => !generated.has(column)));
}

const relative = (path: string) => path.slice(path.indexOf('.data/'));
