/**
 * Administrative changes: tenants, teams, people and passwords. Each runs in one transaction of
 * the commit path (server/sync/commit.ts) that also updates the synced records (so consoles see
 * the change, poked after commit) and writes an audit entry.
 */
import { z } from 'zod';
import { AppError, validationError } from '../../shared/contract/errors.ts';
import { Role } from '../../shared/domain/enums.ts';
import type { Team, Tenant, User } from '../../shared/domain/records.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/passwords.ts';
import { announceSessionsEnded } from '../auth/session-ends.ts';
import { pokeTenant } from '../live/pokes.ts';
import type { Db, Queryable } from '../store/db.ts';
import { commitTransaction, type CommitTx } from '../sync/commit.ts';
import { lockTenantClock, type Row, type Write } from '../sync/record-writer.ts';
import { isStorableText, Text, UNSTORABLE_TEXT_MESSAGE } from '../../shared/domain/text.ts';

/** Who did it, for the audit log: 'admin-cli', 'demo-seed', or a user id. */
export type AdminActor = string;

/**
 * Directory records (tenants, teams, people) have no mutators: their truth is in server-only
 * tables (users with password hashes, memberships, the tenant clock), which a mutator cannot see,
 * and the synced record is written from them in the same transaction. So these operations go
 * through the commit path's raw record writes (same tenant lock, change log and pokes), not a
 * mutator.
 */
function directoryCommit<T>(db: Db, work: (tx: CommitTx) => Promise<T>): Promise<T> {
  return commitTransaction(
    db,
    {
      now: Date.now,
      // Directory commits run no mutator, so no mutator can have a bug here.
      onBug: (err) => {
        throw err;
      },
      poke: (tenantId) => pokeTenant(db, tenantId),
    },
    work,
  );
}

/** Existing callers (test fixtures, the torture world) write records through the commit path's writer. */
export { writeRecords } from '../sync/commit.ts';

export async function audit(
  q: Queryable,
  tenantId: string | null,
  actor: AdminActor,
  action: string,
  details: Record<string, unknown>,
): Promise<void> {
  await q.query('INSERT INTO audit_log (id, tenant_id, actor, action, details, at) VALUES ($1, $2, $3, $4, $5, $6)', [
    uuidv7(),
    tenantId,
    actor,
    action,
    JSON.stringify(details),
    Date.now(),
  ]);
}

const put = (entity: Write['entity'], row: { id: string }): Write => ({ entity, id: row.id, row: row as Row });

export async function createTenant(db: Db, actor: AdminActor, input: { name: string; timeZone?: string }): Promise<Tenant> {
  const now = Date.now();
  const tenant: Tenant = {
    id: uuidv7(now),
    tenantId: '',
    version: 0,
    createdAt: now,
    updatedAt: now,
    name: input.name.trim(),
    timeZone: input.timeZone ?? 'UTC',
  };
  tenant.tenantId = tenant.id;
  if (!tenant.name) throw new AppError('VALIDATION', 'a tenant needs a name');
  if (!isStorableText(tenant.name)) throw new AppError('VALIDATION', UNSTORABLE_TEXT_MESSAGE);
  await directoryCommit(db, async ({ q, writeRecords }) => {
    await q.query('INSERT INTO tenants (id, name, created_at) VALUES ($1, $2, $3)', [tenant.id, tenant.name, now]);
    await q.query('INSERT INTO tenant_clock (tenant_id) VALUES ($1)', [tenant.id]);
    await writeRecords(tenant.id, [put('tenant', tenant)]);
    await audit(q, tenant.id, actor, 'tenant.create', { name: tenant.name });
  });
  return tenant;
}

export async function createTeam(
  db: Db,
  actor: AdminActor,
  input: { tenantId: string; name: string; description?: string },
): Promise<Team> {
  const now = Date.now();
  const team: Team = {
    id: uuidv7(now),
    tenantId: input.tenantId,
    version: 0,
    createdAt: now,
    updatedAt: now,
    name: input.name.trim(),
    description: input.description ?? '',
  };
  if (!team.name) throw new AppError('VALIDATION', 'a team needs a name');
  if (!isStorableText(team.name) || !isStorableText(team.description)) throw new AppError('VALIDATION', UNSTORABLE_TEXT_MESSAGE);
  await directoryCommit(db, async ({ q, writeRecords }) => {
    await requireTenant(q, input.tenantId);
    await writeRecords(input.tenantId, [put('team', team)]);
    await audit(q, input.tenantId, actor, 'team.create', { teamId: team.id, name: team.name });
  });
  return team;
}

const NewUser = z.object({
  tenantId: Text,
  email: z.email().max(254),
  name: Text.trim().min(1).max(200),
  password: Text.min(MIN_PASSWORD_LENGTH, `passwords have at least ${MIN_PASSWORD_LENGTH} characters`).max(1024),
  role: Role,
  teamIds: z.array(Text).default([]),
  locale: z.enum(['en', 'zh-CN']).default('en'),
});

export async function createUser(db: Db, actor: AdminActor, input: z.input<typeof NewUser>): Promise<User> {
  const parsed = NewUser.safeParse(input);
  if (!parsed.success) throw validationError('user', parsed.error);
  const u = parsed.data;
  const passwordHash = await hashPassword(u.password);
  const now = Date.now();
  const user: User = {
    id: uuidv7(now),
    tenantId: u.tenantId,
    version: 0,
    createdAt: now,
    updatedAt: now,
    name: u.name,
    email: u.email.toLowerCase(),
    role: u.role,
    teamIds: [...new Set(u.teamIds)].sort(),
    skills: [],
    capacity: 20,
    locale: u.locale,
    active: true,
  };
  await directoryCommit(db, async ({ q, writeRecords }) => {
    await requireTenant(q, u.tenantId);
    await requireTeams(q, u.tenantId, user.teamIds);
    const { rows } = await q.query('SELECT 1 FROM users WHERE lower(email) = lower($1)', [user.email]);
    if (rows.length) throw new AppError('VALIDATION', `someone already signs in as ${user.email}`);
    await q.query(
      'INSERT INTO users (id, tenant_id, email, password_hash, role, active, created_at) VALUES ($1, $2, $3, $4, $5, true, $6)',
      [user.id, u.tenantId, user.email, passwordHash, user.role, now],
    );
    for (const teamId of user.teamIds) await q.query('INSERT INTO memberships (user_id, team_id) VALUES ($1, $2)', [user.id, teamId]);
    await writeRecords(u.tenantId, [put('user', user)]);
    await audit(q, u.tenantId, actor, 'user.create', { userId: user.id, email: user.email, role: user.role, teamIds: user.teamIds });
  });
  return user;
}

/** Changes someone's role, teams or active flag; their consoles re-bootstrap if their scopes changed. */
export async function updateUser(
  db: Db,
  actor: AdminActor,
  userId: string,
  changes: { role?: User['role']; teamIds?: string[]; active?: boolean },
): Promise<User> {
  return directoryCommit(db, async ({ q, writeRecords }) => {
    const { rows } = await q.query<{ tenant_id: string }>('SELECT tenant_id FROM users WHERE id = $1', [userId]);
    const tenantId = rows[0]?.tenant_id;
    if (!tenantId) throw new AppError('NOT_FOUND', `no user ${userId}`);
    // The tenant lock first: pushes read memberships under it, so they see all of this or none.
    await lockTenantClock(q, tenantId);
    const { rows: records } = await q.query<{ data: User }>(
      "SELECT data FROM records WHERE tenant_id = $1 AND entity = 'user' AND id = $2",
      [tenantId, userId],
    );
    const current = records[0]?.data;
    if (!current) throw new AppError('NOT_FOUND', `no user ${userId}`);
    const next: User = { ...current, updatedAt: Date.now() };
    if (changes.role) {
      next.role = Role.parse(changes.role);
      await q.query('UPDATE users SET role = $2 WHERE id = $1', [userId, next.role]);
    }
    if (changes.active !== undefined) {
      next.active = changes.active;
      await q.query('UPDATE users SET active = $2 WHERE id = $1', [userId, next.active]);
      // Requests of a deactivated person fail from now on (authenticate reads `active`); their live sockets end too.
      if (!next.active) await announceSessionsEnded(q, userId);
    }
    if (changes.teamIds) {
      next.teamIds = [...new Set(changes.teamIds)].sort();
      await requireTeams(q, tenantId, next.teamIds);
      await q.query('DELETE FROM memberships WHERE user_id = $1', [userId]);
      for (const teamId of next.teamIds) await q.query('INSERT INTO memberships (user_id, team_id) VALUES ($1, $2)', [userId, teamId]);
    }
    await writeRecords(tenantId, [put('user', next)]);
    await audit(q, tenantId, actor, 'user.update', { userId, ...changes });
    return next;
  });
}

export async function resetPassword(db: Db, actor: AdminActor, email: string, password: string): Promise<void> {
  if (password.length < MIN_PASSWORD_LENGTH) throw new AppError('VALIDATION', `passwords have at least ${MIN_PASSWORD_LENGTH} characters`);
  if (!isStorableText(password) || !isStorableText(email)) throw new AppError('VALIDATION', UNSTORABLE_TEXT_MESSAGE);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (q) => {
    const { rows } = await q.query<{ id: string; tenant_id: string }>(
      'UPDATE users SET password_hash = $2 WHERE lower(email) = lower($1) RETURNING id, tenant_id',
      [email, passwordHash],
    );
    const user = rows[0];
    if (!user) throw new AppError('NOT_FOUND', `no one signs in as ${email}`);
    // A new password ends every session of that person: their access tokens and live sockets too.
    await q.query('UPDATE refresh_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [user.id, Date.now()]);
    await announceSessionsEnded(q, user.id);
    await audit(q, user.tenant_id, actor, 'user.reset-password', { userId: user.id });
  });
}

async function requireTenant(q: Queryable, tenantId: string): Promise<void> {
  const { rows } = await q.query('SELECT 1 FROM tenants WHERE id::text = $1', [tenantId]);
  if (!rows.length) throw new AppError('NOT_FOUND', `no tenant ${tenantId}`);
}

async function requireTeams(q: Queryable, tenantId: string, teamIds: readonly string[]): Promise<void> {
  if (!teamIds.length) return;
  const { rows } = await q.query<{ id: string }>(
    "SELECT id FROM records WHERE tenant_id = $1 AND entity = 'team' AND NOT deleted AND id::text = ANY($2::text[])",
    [tenantId, teamIds],
  );
  const found = new Set(rows.map((r) => r.id));
  const missing = teamIds.filter((id) => !found.has(id));
  if (missing.length) throw new AppError('NOT_FOUND', `no team ${missing.join(', ')} in this tenant`);
}

/** Every tenant, oldest first: the ids the other admin commands ask for. */
export async function listTenants(db: Queryable): Promise<{ id: string; name: string; createdAt: number }[]> {
  const { rows } = await db.query<{ id: string; name: string; created_at: string | number }>(
    'SELECT id::text AS id, name, created_at FROM tenants ORDER BY created_at, id',
  );
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: Number(r.created_at) }));
}

/** Every current record of a tenant as JSON lines ({entity, row}), or NOT_FOUND when it has none. */
export async function exportTenant(db: Queryable, tenantId: string): Promise<string[]> {
  if (!z.uuid().safeParse(tenantId).success)
    throw new AppError('VALIDATION', `--tenant must be a tenant id (a UUID), not ${JSON.stringify(tenantId)}`);
  const { rows } = await db.query<{ entity: string; data: unknown }>(
    'SELECT entity, data FROM records WHERE tenant_id = $1 AND NOT deleted ORDER BY entity, id',
    [tenantId],
  );
  if (!rows.length) throw new AppError('NOT_FOUND', `tenant ${tenantId} has no records (npm run server:admin -- tenants lists them)`);
  return rows.map((r) => JSON.stringify({ entity: r.entity, row: r.data }));
}
