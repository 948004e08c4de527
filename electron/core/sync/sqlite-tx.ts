/**
 * The MutatorTx the shared mutators run against on the client: Core's SQLite cache, inside the
 * caller's transaction. Before a mutation first changes a row, the row's server state (its
 * pre-image) is saved in optimistic_base, so a pulled page can put server state back, apply the
 * server's changes and replay what is still pending (SYNC.md: rebase with no flicker).
 */
import type { Database } from 'better-sqlite3';
import type { Message, TicketEvent } from '../../../shared/domain/records.ts';
import type { SyncEntity } from '../../../shared/sync/protocol.ts';
import type { EntityRows, MutatorTx } from '../../../shared/sync/tx.ts';
import { type Row, toMessage, toTicketEvent } from '../repositories/rows.ts';
import type { RecordStore } from './record-store.ts';

/** Records changed in one transaction, by entity: what data.changed tells the renderer. */
export type Touched = Map<SyncEntity, Set<string>>;

export function touch(touched: Touched, entity: SyncEntity, id: string): void {
  let ids = touched.get(entity);
  if (!ids) touched.set(entity, (ids = new Set()));
  ids.add(id);
}

export interface OptimisticBase {
  /** Saves the row's current state unless a pre-image of it is already saved. */
  save(entity: SyncEntity, id: string): void;
  /** Puts every saved pre-image back and forgets them; returns what changed. */
  restore(touched: Touched): void;
}

export function createOptimisticBase(db: Database, store: RecordStore): OptimisticBase {
  const has = db.prepare<[string, string]>('SELECT 1 FROM optimistic_base WHERE entity = ? AND id = ?').pluck();
  const insert = db.prepare('INSERT INTO optimistic_base (entity, id, row_json) VALUES (?, ?, ?)');
  const all = db.prepare<[], { entity: SyncEntity; id: string; row_json: string | null }>(
    'SELECT entity, id, row_json FROM optimistic_base',
  );
  const clear = db.prepare('DELETE FROM optimistic_base');
  return {
    save(entity, id) {
      if (has.get(entity, id)) return;
      const row = store.get(entity, id);
      insert.run(entity, id, row ? JSON.stringify(row) : null);
    },
    restore(touched) {
      for (const b of all.all()) {
        if (b.row_json === null) store.del(b.entity, b.id);
        else store.put(b.entity, JSON.parse(b.row_json) as EntityRows[SyncEntity], { changesOnly: true });
        touch(touched, b.entity, b.id);
      }
      clear.run();
    },
  };
}

export function createSqliteTx(db: Database, store: RecordStore, base: OptimisticBase, touched: Touched): MutatorTx {
  const lastEvent = db.prepare<[string, string], Row>(
    'SELECT * FROM ticket_events WHERE ticket_id = ? AND kind = ? ORDER BY at DESC, id DESC LIMIT 1',
  );
  const messagesOf = db.prepare<[string], Row>('SELECT * FROM messages WHERE ticket_id = ? ORDER BY created_at, id');
  return {
    get: (entity, id) => store.get(entity, id),
    put(entity, row) {
      base.save(entity, row.id);
      store.put(entity, row, { changesOnly: true });
      touch(touched, entity, row.id);
    },
    del(entity, id) {
      base.save(entity, id);
      store.del(entity, id);
      touch(touched, entity, id);
    },
    lastEvent(ticketId: string, kind: TicketEvent['kind']) {
      const row = lastEvent.get(ticketId, kind);
      return row ? toTicketEvent(row) : null;
    },
    messagesOf(ticketId: string): Message[] {
      return messagesOf.all(ticketId).map(toMessage);
    },
    // The server numbers tickets; one created here shows without a number until it syncs.
    nextTicketNumber: () => null,
  };
}
