/**
 * Permission safety (SECURITY.md): for every role, a ticket of their team, of another team and
 * of another tenant — who may change it through push, and who receives it through pull.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids.ts';
import type { User } from '../../shared/domain/records.ts';
import { createTeam, createTenant, createUser, writeRecords } from '../admin/operations.ts';
import { backends } from '../testing/backends.ts';
import { newTicket, PASSWORD, setUp, type Fixture } from '../testing/fixture.ts';

describe.each(backends)('role x team matrix on $name', (backend) => {
  let f: Fixture;
  const tickets: Record<'billing' | 'tech' | 'otherTenant', string> = { billing: '', tech: '', otherTenant: '' };
  beforeAll(async () => {
    f = await setUp(backend);
    const supervisor = await f.client(f.users.supervisor);
    const billing = newTicket(f, f.teams.billing.id, 'Billing ticket');
    const tech = newTicket(f, f.teams.tech.id, 'Tech ticket');
    await supervisor.push([
      { id: 1, name: 'ticket.create', args: billing.args },
      { id: 2, name: 'ticket.create', args: tech.args },
    ]);
    tickets.billing = billing.id;
    tickets.tech = tech.id;

    const tenant = await createTenant(f.db, 'test', { name: 'Other Co' });
    const team = await createTeam(f.db, 'test', { tenantId: tenant.id, name: 'Support' });
    const boss = await createUser(f.db, 'test', {
      tenantId: tenant.id,
      email: 'boss@other.test',
      name: 'Boss',
      password: PASSWORD,
      role: 'admin',
      teamIds: [team.id],
    });
    const contact = { ...f.contact, id: uuidv7(), tenantId: tenant.id };
    await f.db.transaction((q) => writeRecords(q, tenant.id, [{ entity: 'contact', id: contact.id, row: contact }]));
    const foreign = await f.client(boss);
    const t = { id: uuidv7() };
    const r = await foreign.push([
      {
        id: 1,
        name: 'ticket.create',
        args: {
          ticket: { id: t.id, subject: 'Secret', channel: 'email', requesterId: contact.id, teamId: team.id },
          message: { id: uuidv7(), kind: 'inbound', body: 'hi' },
        },
      },
    ]);
    expect(r.body.results[0].status).toBe('applied');
    tickets.otherTenant = t.id;
  });
  afterAll(() => f.close());

  const roles: [keyof Fixture['users'], { billing: boolean; tech: boolean }][] = [
    ['agent', { billing: true, tech: false }],
    ['techAgent', { billing: false, tech: true }],
    ['manager', { billing: true, tech: false }],
    ['supervisor', { billing: true, tech: true }],
    ['admin', { billing: true, tech: true }],
  ];

  it.each(roles)('%s pushes and pulls exactly the tickets they may see', async (role, may) => {
    const user: User = f.users[role];
    const c = await f.client(user);
    const pulled = new Set((await c.pullAll(null)).changes.flatMap((x) => [x.id, x.op === 'put' ? String(x.row.ticketId ?? '') : '']));
    expect(pulled.has(tickets.billing)).toBe(may.billing);
    expect(pulled.has(tickets.tech)).toBe(may.tech);
    expect(pulled.has(tickets.otherTenant)).toBe(false);

    const r = await c.push([
      { id: 1, name: 'ticket.tags', args: { id: tickets.billing, add: [role] } },
      { id: 2, name: 'ticket.tags', args: { id: tickets.tech, add: [role] } },
      { id: 3, name: 'message.append', args: { id: uuidv7(), ticketId: tickets.otherTenant, kind: 'note', body: 'peek' } },
    ]);
    const outcome = (i: number) => (r.body.results[i].status === 'applied' ? 'applied' : r.body.results[i].error.code);
    expect([outcome(0), outcome(1), outcome(2)]).toEqual([
      may.billing ? 'applied' : 'NOT_FOUND',
      may.tech ? 'applied' : 'NOT_FOUND',
      'NOT_FOUND',
    ]);
  });

  it('the other tenant’s ticket is untouched by all of it', async () => {
    const { rows } = await f.db.query<{ data: { tags: string[]; messageCount: number } }>(
      "SELECT data FROM records WHERE entity = 'ticket' AND id = $1",
      [tickets.otherTenant],
    );
    expect(rows[0]?.data).toMatchObject({ tags: [], messageCount: 1 });
  });
});
