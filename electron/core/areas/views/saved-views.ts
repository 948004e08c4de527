/**
 * Saved views as the sidebar lists them: the person's own and the shared ones (owner NULL). The
 * server only sends a person their own personal views, but a cache can hold another person's
 * (a demo cache, a shared machine after a switch of user), so visibility is checked here too.
 */
import type { Database } from 'better-sqlite3';
import { AppError } from '../../../../shared/contract/errors.ts';
import { SavedView, type SavedView as SavedViewRecord } from '../../../../shared/domain/records.ts';
import type { Row } from '../../repositories/rows.ts';

export interface SavedViewsRepository {
  /** Personal views first, then shared; each group in the order people arranged them. */
  list(meId: string | null): SavedViewRecord[];
  /** A view this person may use; NOT_FOUND otherwise. */
  get(id: string, meId: string | null): SavedViewRecord;
}

export function createSavedViewsRepository(db: Database): SavedViewsRepository {
  const visible = db.prepare<[string | null], Row>(
    `SELECT * FROM saved_views WHERE owner_id IS NULL OR owner_id = ?
      ORDER BY owner_id IS NULL, position, name COLLATE NOCASE, id`,
  );
  const byId = db.prepare<[string, string | null], Row>('SELECT * FROM saved_views WHERE id = ? AND (owner_id IS NULL OR owner_id = ?)');
  return {
    list: (meId) => visible.all(meId).flatMap(toSavedView),
    get(id, meId) {
      const row = byId.get(id, meId);
      const [view] = row ? toSavedView(row) : [];
      if (!view) throw new AppError('NOT_FOUND', `no saved view ${id}`);
      return view;
    },
  };
}

/**
 * A row as a record; a row whose filter no longer parses (written by a newer schema) is left out
 * rather than failing the whole sidebar.
 */
function toSavedView(r: Row): SavedViewRecord[] {
  const parsed = SavedView.safeParse({
    id: r.id,
    tenantId: r.tenant_id,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    name: r.name,
    ownerId: r.owner_id,
    filter: JSON.parse(r.filter as string) as unknown,
    sort: r.sort,
    position: r.position,
  });
  return parsed.success ? [parsed.data] : [];
}
