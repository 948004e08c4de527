/**
 * The complaint taxonomy as the console holds it: a handful of categories in their order, read
 * whole through the record store, which knows their columns.
 */
import type { Database } from 'better-sqlite3';
import type { ComplaintCategory } from '../../../../shared/complaints/records.ts';
import { createRecordStore } from '../../sync/record-store.ts';

export function createComplaintsRepository(db: Database) {
  const store = createRecordStore(db);
  const categoryIds = db.prepare('SELECT id FROM complaint_categories ORDER BY position, name COLLATE NOCASE, id').pluck();
  return {
    categories(): ComplaintCategory[] {
      return (categoryIds.all() as string[]).map((id) => store.get('complaint_category', id)).filter((row) => row !== null);
    },
  };
}

export type ComplaintsRepository = ReturnType<typeof createComplaintsRepository>;
