import { afterEach, describe, expect, it } from 'vitest';
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
