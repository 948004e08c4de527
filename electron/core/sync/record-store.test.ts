import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { seededCore } from '../testing/fixtures.ts';
import { createRecordStore } from './record-store.ts';

describe('the record store’s search entries on a change', () => {
  const core = seededCore(20);

  it('rewrites a ticket’s entry when its subject changes, and leaves it alone when only its SLA snapshot or status does', () => {
    const db = new Database(core.databasePath);
    const store = createRecordStore(db);
    const id = db.prepare("SELECT id FROM tickets WHERE status NOT IN ('solved', 'closed') LIMIT 1").pluck().get() as string;
    const entry = () =>
      db
        .prepare(
          `SELECT d.doc_id, d.at, i.title FROM search_docs d JOIN search_index i ON i.rowid = d.doc_id
            WHERE d.ref_id = ? AND d.kind = 'ticket'`,
        )
        .get(id) as { doc_id: number; at: number; title: string };
    const before = entry();
    const ticket = store.get('ticket', id)!;

    // A write of fields the entry does not read: a marker put in its text shows it was not rewritten.
    db.prepare('UPDATE search_index SET title = ? WHERE rowid = ?').run('marker left untouched', before.doc_id);
    store.put('ticket', { ...ticket, status: 'pending', sla: null, firstReplyDueAt: null }, { changesOnly: true });
    expect(entry()).toEqual({ ...before, title: 'marker left untouched' });

    store.put('ticket', { ...ticket, subject: 'Quokka invoices lost', updatedAt: ticket.updatedAt + 1 }, { changesOnly: true });
    const after = entry();
    expect(after.title.toLowerCase()).toContain('quokka');
    expect(after.at).toBe(ticket.updatedAt + 1);
    db.close();
  });
});
