/**
 * Macros as the signed-in person may use them: the shared ones and their own. Someone else's
 * private macro is never listed and reads as not found, exactly like one that does not exist.
 */
import type { Database } from 'better-sqlite3';
import { AppError } from '../../../../shared/contract/errors.ts';
import type { Macro, MacroActions } from '../../../../shared/domain/records.ts';
import type { DirectoryRepository } from '../app/directory.ts';
import type { Row } from '../../repositories/rows.ts';

const toMacro = (r: Row): Macro => ({
  id: r.id as string,
  tenantId: r.tenant_id as string,
  version: r.version as number,
  createdAt: r.created_at as number,
  updatedAt: r.updated_at as number,
  title: r.title as string,
  body: r.body as string,
  replyKind: r.reply_kind as Macro['replyKind'],
  actions: JSON.parse(r.actions as string) as MacroActions,
  ownerId: (r.owner_id as string | null) ?? null,
  active: r.active === 1,
});

// `@me` is the person (null on a console nobody is signed in to: shared macros only).
const VISIBLE = '(owner_id IS NULL OR owner_id = @me)';

export function createMacrosRepository(db: Database, directory: DirectoryRepository) {
  const list = db.prepare(`SELECT * FROM macros WHERE ${VISIBLE} AND (active = 1 OR @inactive = 1) ORDER BY title COLLATE NOCASE, id`);
  const get = db.prepare(`SELECT * FROM macros WHERE ${VISIBLE} AND id = @id`);

  return {
    /** Active macros by title; with `includeInactive`, the deactivated ones too (the management page). */
    list(includeInactive: boolean): Macro[] {
      return (list.all({ me: directory.currentUserId(), inactive: includeInactive ? 1 : 0 }) as Row[]).map(toMacro);
    },
    get(id: string): Macro {
      const row = get.get({ me: directory.currentUserId(), id }) as Row | undefined;
      if (!row) throw new AppError('NOT_FOUND', `no macro ${id}`);
      return toMacro(row);
    },
  };
}

export type MacrosRepository = ReturnType<typeof createMacrosRepository>;
