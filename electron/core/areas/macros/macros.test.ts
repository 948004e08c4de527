import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Macro } from '../../../../shared/domain/records.ts';
import { deterministicId } from '../../../../shared/ids.ts';
import { call, seededCore } from '../../testing/fixtures.ts';

describe('macros repository', () => {
  const core = seededCore(20);

  it('lists the shared macros and the person’s own, only active ones unless asked for all; others’ private ones never', async () => {
    const { macros: before } = await call<{ macros: Macro[] }>(core, 'macros.list', {});
    const me = before.find((m) => m.ownerId !== null)?.ownerId;
    expect(me).toBeTruthy();
    const shared = before.find((m) => m.ownerId === null) as Macro;

    // Someone else's private macro, and a shared one deactivated, as a pull would leave them.
    const db = new Database(core.databasePath);
    const othersId = deterministicId('macros-test', 'others');
    db.prepare(
      `INSERT INTO macros (id, tenant_id, title, body, reply_kind, actions, owner_id, active, created_at, updated_at, version)
       VALUES (?, ?, 'Not yours', '', 'note', '{}', ?, 1, 0, 0, 1)`,
    ).run(othersId, shared.tenantId, deterministicId('macros-test', 'someone'));
    db.prepare('UPDATE macros SET active = 0 WHERE id = ?').run(shared.id);
    db.close();

    const { macros: active } = await call<{ macros: Macro[] }>(core, 'macros.list', {});
    expect(active.map((m) => m.id)).not.toContain(othersId);
    expect(active.map((m) => m.id)).not.toContain(shared.id);
    expect(active.every((m) => m.ownerId === null || m.ownerId === me)).toBe(true);

    const { macros: all } = await call<{ macros: Macro[] }>(core, 'macros.list', { includeInactive: true });
    expect(all.find((m) => m.id === shared.id)).toMatchObject({ active: false, actions: shared.actions });
    expect(all.map((m) => m.id)).not.toContain(othersId);

    expect(await call<Macro>(core, 'macros.get', { id: shared.id })).toMatchObject({ id: shared.id, title: shared.title });
    const hidden = await core.dispatch('macros.get', { id: othersId });
    expect(hidden.ok ? null : hidden.error.code).toBe('NOT_FOUND');
  });
});
