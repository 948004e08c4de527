/** Who someone is right now, read from the server's current state (never from a client's claims). */
import type { Role } from '../../shared/domain/enums.ts';
import type { Actor } from '../../shared/sync/tx.ts';
import type { Queryable } from '../store/db.ts';

export interface CurrentUser extends Actor {
  active: boolean;
}

export async function loadUser(q: Queryable, userId: string): Promise<CurrentUser | null> {
  const { rows } = await q.query<{ id: string; tenant_id: string; role: Role; active: boolean; team_ids: string[] | null }>(
    `SELECT u.id, u.tenant_id, u.role, u.active,
            (SELECT array_agg(m.team_id::text ORDER BY m.team_id) FROM memberships m WHERE m.user_id = u.id) AS team_ids
       FROM users u WHERE u.id = $1`,
    [userId],
  );
  const row = rows[0];
  if (!row) return null;
  return { id: row.id, tenantId: row.tenant_id, role: row.role, teamIds: row.team_ids ?? [], active: row.active };
}
