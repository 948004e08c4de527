import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Account, Contact, KbArticle, Macro, Message, Ticket, TicketEvent, User } from '../../shared/domain/records.ts';
import { startServer, type RunningServer } from '../app.ts';
import { backends, type TestDb } from '../testing/backends.ts';
import { post } from '../testing/fixture.ts';
import { DEMO_PASSWORD, isEmpty, seedDemo } from './seed.ts';

const schemas = {
  account: Account,
  contact: Contact,
  ticket: Ticket,
  message: Message,
  ticket_event: TicketEvent,
  user: User,
  kb_article: KbArticle,
  macro: Macro,
} as const;

describe.each(backends)('demo seed on $name', (backend) => {
  let t: TestDb;
  let server: RunningServer;
  beforeAll(async () => {
    t = await backend.open();
    expect(await isEmpty(t.db)).toBe(true);
    await seedDemo(t.db);
    server = await startServer({ db: t.db, logger: false });
  });
  afterAll(async () => {
    await server.close();
    await t.dispose();
  });

  it('writes records that match the domain schemas', async () => {
    const { rows } = await t.db.query<{ entity: keyof typeof schemas; data: unknown }>(
      'SELECT entity, data FROM records WHERE entity = ANY($1::text[])',
      [Object.keys(schemas)],
    );
    expect(rows.length).toBeGreaterThan(20);
    for (const r of rows) expect(schemas[r.entity].safeParse(r.data).error).toBeUndefined();
  });

  it('lets the demo agent sign in and pull their own open tickets first, Chinese included for the Chinese team', async () => {
    const s = await post(server, '/auth/sign-in', {
      email: 'agent@demo.switchboard',
      password: DEMO_PASSWORD,
      clientId: '019a0000-0000-7000-8000-000000000001',
      deviceName: 'demo',
    });
    expect(s.status).toBe(200);
    const page = await post(
      server,
      '/sync/pull',
      { clientId: '019a0000-0000-7000-8000-000000000001', schemaVersion: 1, cursor: null, limit: 1 },
      { authorization: `Bearer ${s.body.accessToken}` },
    );
    expect(page.body.changes[0].row).toMatchObject({
      assigneeId: s.body.user.id,
      status: expect.stringMatching(/^(new|open|pending|on_hold)$/),
    });

    const zh = await post(server, '/auth/sign-in', {
      email: 'agent.zh@demo.switchboard',
      password: DEMO_PASSWORD,
      clientId: '019a0000-0000-7000-8000-000000000002',
      deviceName: 'demo',
    });
    const all = await post(
      server,
      '/sync/pull',
      { clientId: '019a0000-0000-7000-8000-000000000002', schemaVersion: 1, cursor: null, limit: 1000 },
      { authorization: `Bearer ${zh.body.accessToken}` },
    );
    const subjects = all.body.changes
      .filter((c: { entity: string }) => c.entity === 'ticket')
      .map((c: { row: { subject: string } }) => c.row.subject);
    expect(subjects).toEqual(expect.arrayContaining(['发票抬头需要修改']));
    expect(subjects).not.toContain('Invoice shows the wrong VAT rate');
  });
});
