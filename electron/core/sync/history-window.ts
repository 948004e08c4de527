/**
 * The message history the cache keeps (setting `historyMonths`, rule in
 * shared/domain/history-window.ts). Tickets outside the window keep their row and events, so
 * queues, counts and metrics stay exact offline; their messages and the messages' search documents
 * leave the cache. A thread is known to be incomplete when the cache holds fewer messages than
 * the ticket's `messageCount` (the server's count, kept by the mutators), so no marker table is
 * needed and a thread half-way through a bootstrap counts as incomplete too.
 *
 * Nothing a pending mutation touched is removed: not a ticket with a pre-image in
 * optimistic_base, not a message with one (the optimistic copy of a queued reply). The outbox
 * itself is never read or written here.
 */
import type { Database } from 'better-sqlite3';
import { turnOf } from '../db/turn.ts';
import { historyCutoff, keepsThread } from '../../../shared/domain/history-window.ts';
import type { Message, Ticket } from '../../../shared/domain/records.ts';
import type { Page } from './local-sync.ts';
import type { RecordStore } from './record-store.ts';

/** Tickets trimmed per transaction, so no one transaction (and its WAL) grows with the cache. */
const TRIM_BATCH = 1000;
/** Pages of full-text index merged, and of free pages given back, per step between turns of Core's other requests. */
const MERGE_PAGES = 500;
const VACUUM_PAGES = 4096;

export interface HistoryWindow {
  /**
   * Removes every message outside the window now, then gives the freed pages back to the file
   * system, a slice at a time with Core's other requests answered between slices (at 1M tickets
   * the whole shrink takes minutes). Called when the setting changes; settles with how many
   * messages left the cache. A call while one runs waits for it, then catches up.
   */
  applyAll(): Promise<number>;
  /** After a pulled batch: the tickets it touched that are outside the window, and those that aged out since the last pass. */
  afterPull(pages: readonly Page[]): void;
  /** Whether the cache holds every message of the ticket. */
  threadComplete(ticket: Pick<Ticket, 'id' | 'messageCount'>): boolean;
  /** Whether the setting keeps only part of the history (some threads may be on the server only). */
  partial(): boolean;
  /** Whether a ticket's thread belongs in the cache under the current setting. */
  keeps(ticket: Pick<Ticket, 'status' | 'updatedAt'>): boolean;
  /** Messages fetched from the server for a ticket the window keeps (one that came back into it): stored, never over a pending change. */
  restore(messages: readonly Message[]): void;
}

export function createHistoryWindow(db: Database, store: RecordStore, months: () => number | null, now: () => number): HistoryWindow {
  // Walks tickets_status_updated (status, updated_at, id) in keyset pages.
  const agedOut = db.prepare<[string, number, number, string, number, number], { id: string; updated_at: number }>(
    `SELECT id, updated_at FROM tickets
      WHERE status = ? AND updated_at >= ? AND (updated_at, id) > (?, ?) AND updated_at < ?
      ORDER BY updated_at, id LIMIT ?`,
  );
  // A message is kept while a pending mutation has touched it or its ticket.
  const messagesOf = db
    .prepare<[string], string>(
      `SELECT m.id FROM messages m WHERE m.ticket_id = ?
          AND NOT EXISTS (SELECT 1 FROM optimistic_base b WHERE b.entity = 'ticket' AND b.id = m.ticket_id)
          AND NOT EXISTS (SELECT 1 FROM optimistic_base b WHERE b.entity = 'message' AND b.id = m.id)`,
    )
    .pluck();
  const ticketRow = db.prepare<[string], { status: Ticket['status']; updated_at: number }>(
    'SELECT status, updated_at FROM tickets WHERE id = ?',
  );
  const heldMessages = db.prepare<[string], number>('SELECT count(*) FROM messages WHERE ticket_id = ?').pluck();
  const pendingBase = db.prepare<[string], number>("SELECT count(*) FROM optimistic_base WHERE entity = 'message' AND id = ?").pluck();

  /** Tickets updated before this were trimmed by an earlier pass of this run (0: none yet). */
  let trimmedBelow = 0;
  let trimmedFor: number | null = null;

  const removeAll = db.transaction((ids: readonly string[]) => {
    for (const id of ids) store.del('message', id);
  });
  const trimTickets = db.transaction((ticketIds: readonly string[]) => {
    let removed = 0;
    for (const ticketId of ticketIds)
      for (const id of messagesOf.all(ticketId)) {
        store.del('message', id);
        removed++;
      }
    return removed;
  });

  /**
   * Removes the threads of solved and closed tickets updated between `from` and the cutoff, a
   * page of tickets per transaction and per step of the walk (its value: the messages removed).
   */
  function* trimRange(from: number, cutoff: number): Generator<number> {
    for (const status of ['solved', 'closed']) {
      let after = { updatedAt: from, id: '' };
      for (;;) {
        const page = agedOut.all(status, from, after.updatedAt, after.id, cutoff, TRIM_BATCH);
        yield trimTickets(page.map((t) => t.id));
        const last = page.at(-1);
        if (!last || page.length < TRIM_BATCH) break;
        after = { updatedAt: last.updated_at, id: last.id };
      }
    }
  }

  /**
   * Trims everything the window leaves out that the last pass did not cover, one page of tickets
   * per step of the returned walk (each step's value: the messages it removed).
   */
  function* catchUp(full: boolean): Generator<number> {
    const m = months();
    if (m === null) {
      trimmedFor = null;
      return;
    }
    const cutoff = historyCutoff(now(), m);
    // A changed window, or the first pass of this run: every ticket; otherwise those that aged out since.
    const from = full || trimmedFor !== m ? 0 : trimmedBelow;
    if (from < cutoff) yield* trimRange(from, cutoff);
    trimmedBelow = cutoff;
    trimmedFor = m;
  }

  const turn = () => turnOf(db, 'its message history was being trimmed');

  const totalChanges = db.prepare<[], number>('SELECT total_changes()').pluck();
  const mergeStep = db.prepare(`INSERT INTO search_index (search_index, rank) VALUES ('merge', -${MERGE_PAGES})`);
  const freePages = db.prepare<[], number>('PRAGMA freelist_count').pluck();

  /**
   * Deleted rows leave free pages inside the file; the space goes back to the file system only by
   * vacuuming. A cache is created INCREMENTAL (db/open.ts), so a shrink frees its pages with an
   * incremental vacuum, a few thousand pages per step. One created before that has auto_vacuum
   * NONE, which can be changed only by a full VACUUM: that happens once, the first time its window
   * shrinks, and holds Core for as long as it runs. It builds the new file in a temporary
   * database, which Core keeps in memory (`temp_store = MEMORY`, db/open.ts): on a 1M-ticket cache
   * that held the process at 17.7 GB of its 24 GB machine, so it goes to a file in the system's
   * temporary directory instead.
   *
   * The full-text index keeps deleted documents' entries until its segments are merged: it is
   * merged first, as 'optimize' would, but a few hundred pages per step ('merge' with a negative
   * page count merges every segment into one; a step that changes fewer than two rows found
   * nothing left to merge). None of it runs inside a transaction; the outbox is never touched.
   */
  async function freeSpace(): Promise<void> {
    for (;;) {
      const before = totalChanges.get()!;
      mergeStep.run();
      if (totalChanges.get()! - before < 2) break;
      await turn();
    }
    if (db.pragma('auto_vacuum', { simple: true }) !== 2) {
      db.pragma('auto_vacuum = INCREMENTAL');
      const tempStore = db.pragma('temp_store', { simple: true }) as number;
      db.pragma('temp_store = FILE');
      try {
        db.exec('VACUUM');
      } finally {
        db.pragma(`temp_store = ${tempStore}`);
      }
    } else {
      while (freePages.get()! > 0) {
        db.pragma(`incremental_vacuum(${VACUUM_PAGES})`);
        await turn();
      }
    }
    // WAL mode: the pages reach the main file, and the file shrinks, at a checkpoint.
    db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async function shrink(): Promise<number> {
    let removed = 0;
    for (const n of catchUp(true)) {
      removed += n;
      await turn();
    }
    if (removed > 0) await freeSpace();
    return removed;
  }
  let shrinking: Promise<number> = Promise.resolve(0);

  return {
    applyAll() {
      // One shrink at a time: the next starts when the last is over, with the setting as it is then.
      const next = shrinking.then(shrink, shrink);
      shrinking = next;
      return next;
    },

    afterPull(pages) {
      const m = months();
      if (m === null) return;
      const tickets = new Set<string>();
      for (const page of pages)
        for (const change of page.changes) {
          if (change.op !== 'put') continue;
          if (change.entity === 'ticket') tickets.add(change.id);
          else if (change.entity === 'message') tickets.add((change.row as { ticketId: string }).ticketId);
        }
      const t = now();
      const out: string[] = [];
      for (const id of tickets) {
        const row = ticketRow.get(id);
        if (row && !keepsThread({ status: row.status, updatedAt: row.updated_at }, m, t)) out.push(...messagesOf.all(id));
      }
      removeAll(out);
      // The whole walk at once: since the last pass, few tickets have aged out.
      Array.from(catchUp(false));
    },

    threadComplete: (ticket) => heldMessages.get(ticket.id)! >= ticket.messageCount,

    partial: () => months() !== null,

    keeps: (ticket) => keepsThread(ticket, months(), now()),

    restore: db.transaction((messages: readonly Message[]) => {
      for (const m of messages) {
        if (pendingBase.get(m.id)) continue;
        const held = store.versionOf('message', m.id);
        if (held === null || held < m.version) store.put('message', m);
      }
    }),
  };
}
