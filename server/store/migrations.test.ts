import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids.ts';
import type { SyncEntity } from '../../shared/sync/protocol.ts';
import { recordScopes } from '../../shared/sync/scopes.ts';
import { ticketPlace } from '../../shared/sync/scope-rules.ts';
import { backends, type TestDb } from '../testing/backends.ts';
import { MIGRATIONS, migrate } from './migrations.ts';

describe.each(backends)('migrations on $name', (backend) => {
  let t: TestDb;
  afterEach(() => t.dispose());

  it('records each version once, and re-running (even from two instances at once) changes nothing', async () => {
    t = await backend.open();
    const other = await t.openAnother();
    const latest = MIGRATIONS.at(-1)?.version;
    expect(await Promise.all([migrate(t.db), migrate(other)])).toEqual([latest, latest]);
    const { rows } = await t.db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    if (other !== t.db) await other.close();
  });

  it('refuses a database written by a newer server', async () => {
    t = await backend.open();
    await t.db.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from the future', 0)");
    await expect(migrate(t.db)).rejects.toThrow(/newer than this server/);
  });
});

describe('the sync scopes migration on a database with data', () => {
  it('gives every existing record the scopes the scope table names, as a fresh write would', async () => {
    const t = await backends[0]!.open({ migrate: false });
    const db = t.db;
    try {
      // The database as the release before the scope table left it, rows and all.
      await db.exec('CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)');
      for (const m of MIGRATIONS.filter((m) => m.version < 5)) {
        await db.exec(m.sql);
        await db.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, 0)', [m.version, m.name]);
      }
      const [tenant, team, account, person] = [uuidv7(), uuidv7(), uuidv7(), uuidv7()];
      const [withAccount, without] = [uuidv7(), uuidv7()];
      const rows: [SyncEntity, Record<string, unknown>, string, string][] = [
        ['ticket', { teamId: team, accountId: account }, team, 'team'],
        ['ticket', { teamId: team, accountId: null }, team, 'team'],
        ['message', { ticketId: withAccount }, team, 'team'],
        ['message', { ticketId: without }, team, 'team'],
        ['interaction', { accountId: account, ticketId: withAccount }, tenant, 'tenant'],
        ['interaction', { accountId: account, ticketId: null }, tenant, 'tenant'],
        ['interaction', { accountId: account, ticketId: uuidv7() }, tenant, 'tenant'],
        ['feedback', { accountId: null, ticketId: without }, tenant, 'tenant'],
        ['feedback', { accountId: account, ticketId: null }, tenant, 'tenant'],
        ['feedback', { accountId: null, ticketId: null }, tenant, 'tenant'],
        ['task', { assigneeId: person, accountId: account, ticketId: null }, tenant, 'tenant'],
        ['task', { assigneeId: person, accountId: null, ticketId: null }, tenant, 'tenant'],
        ['account', { ownerId: person }, tenant, 'tenant'],
        ['macro', { ownerId: person }, person, 'user'],
      ];
      const ids = rows.map(([entity], i) => (entity === 'ticket' ? [withAccount, without][i] : uuidv7()) as string);
      for (const [i, [entity, data, scope, kind]] of rows.entries())
        await db.query('INSERT INTO records (tenant_id, entity, id, scope, scope_kind, version, data) VALUES ($1, $2, $3, $4, $5, 1, $6)', [
          tenant,
          entity,
          ids[i],
          scope,
          kind,
          JSON.stringify({ id: ids[i], tenantId: tenant, ...data }),
        ]);

      await migrate(db);

      const { rows: after } = await db.query<{
        entity: SyncEntity;
        scope: string;
        scope_kind: string;
        account_scope: string | null;
        data: Record<string, unknown>;
      }>('SELECT entity, scope::text AS scope, scope_kind, account_scope::text AS account_scope, data FROM records');
      const tickets = new Map(after.filter((r) => r.entity === 'ticket').map((r) => [String(r.data.id), ticketPlace(r.data)]));
      expect(after).toHaveLength(rows.length);
      for (const r of after) {
        const want = recordScopes(r.entity, r.data, tenant, (id) => tickets.get(id) ?? null);
        expect({ entity: r.entity, scope: r.scope, kind: r.scope_kind, account: r.account_scope }).toEqual({
          entity: r.entity,
          scope: want.home.id,
          kind: want.home.kind,
          account: want.account,
        });
      }
    } finally {
      await t.dispose();
    }
  });
});
