import { afterAll, describe, expect, it } from 'vitest';
import { backends, type TestDb } from '../testing/backends.ts';

const postgres = backends.find((b) => b.name === 'postgres');
if (!postgres) console.log('pg-listener.test.ts: the LISTEN connection exists on PostgreSQL only; set DATABASE_URL to run it');

describe.runIf(postgres)('the LISTEN connection on PostgreSQL', () => {
  let test: TestDb;
  afterAll(() => test?.dispose());

  it('subscribes to many channels at once without overlapping statements on its one connection, and hears each', async () => {
    test = await postgres!.open();
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    try {
      const channels = Array.from({ length: 12 }, (_, i) => `listener_test_${i}`);
      const hear: ((channel: string) => void)[] = [];
      const heard = channels.map((_, i) => new Promise<string>((resolve) => (hear[i] = resolve)));
      // Asked for together, as a console's socket does with its tenant, presence and session channels.
      const stops = await Promise.all(channels.map((c, i) => test.db.listen(c, () => hear[i]!(c))));
      await Promise.all(channels.map((c) => test.db.query('SELECT pg_notify($1, $2)', [c, 'x'])));
      expect(await Promise.all(heard)).toEqual(channels);
      await Promise.all(stops.map((stop) => stop()));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => w.includes('already executing a query'))).toEqual([]);
  });
});
