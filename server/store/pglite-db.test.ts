import { describe, expect, it } from 'vitest';
import { openPgliteDb } from './pglite-db.ts';
import { openSchema } from '../testing/shared-pglite.ts';

// PGlite has one session: a transaction that reaches past its `tx` for the database would wait for
// itself. The embedded server (and the tests' shared PGlite) refuse that at once instead of hanging.
describe('PGlite and work outside the transaction in progress', () => {
  it('refuses the database itself inside a transaction, rolls back, and keeps answering', async () => {
    const db = await openPgliteDb();
    try {
      await db.exec('CREATE TABLE notes (body text)');
      const nested = db.transaction(async (tx) => {
        await tx.query("INSERT INTO notes VALUES ('kept only if committed')");
        await db.query('SELECT 1');
      });
      await expect(nested).rejects.toThrow(/outside the transaction in progress/);
      expect((await db.query('SELECT count(*)::int AS n FROM notes')).rows).toEqual([{ n: 0 }]);
    } finally {
      await db.close();
    }
  });

  it('does the same on the shared test PGlite', async () => {
    const { db, drop } = await openSchema();
    try {
      await expect(db.transaction(() => db.query('SELECT 1'))).rejects.toThrow(/outside the transaction in progress/);
      expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      // A notification's handler may use the database even when a turn delivered it.
      let heard!: (rows: unknown) => void;
      const answered = new Promise((resolve) => (heard = resolve));
      await db.listen('notes', () => void db.query('SELECT 1 AS one').then((r) => heard(r.rows)));
      await db.transaction((tx) => tx.query("NOTIFY notes, 'x'"));
      expect(await answered).toEqual([{ one: 1 }]);
    } finally {
      await drop();
    }
  });
});
