/** Complaint changes pushed to the server: each bad one refused with its code and nothing written; the taxonomy reaches every console. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPLAINT_REFUSALS, goodCategory } from '../../shared/areas/complaints/refusals.fixture.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { backends } from '../testing/backends.ts';
import { setUp, type Fixture, type TestClient } from '../testing/fixture.ts';

describe.each(backends)('complaints pushed to $name', (backend) => {
  let f: Fixture;
  let admin: TestClient;
  let next = 0;
  const ids = { category: uuidv7(), other: uuidv7(), ticket: uuidv7() };
  const push = async (name: string, args: unknown) => {
    const r = await admin.push([{ id: ++next, name, args }]);
    const result = r.body.results[0];
    return result.status === 'rejected' ? result.error.code : result.status;
  };
  const stored = async (entity: string) =>
    (
      await f.db.query<{ data: Record<string, unknown> }>(`SELECT data FROM records WHERE entity = $1 ORDER BY data ->> 'id'`, [entity])
    ).rows.map((r) => r.data);

  beforeAll(async () => {
    f = await setUp(backend);
    admin = await f.client(f.users.admin);
    expect(await push('complaintCategory.upsert', goodCategory(ids.category))).toBe('applied');
    expect(await push('complaintCategory.upsert', { ...goodCategory(ids.other, 'Slow response'), position: 1 })).toBe('applied');
    const created = await push('ticket.create', {
      ticket: { id: ids.ticket, subject: 'Charged twice', channel: 'email', requesterId: f.contact.id, teamId: f.teams.billing.id },
      message: { id: uuidv7(), kind: 'inbound', body: 'Why twice?' },
    });
    expect(created).toBe('applied');
  }, 60_000);
  afterAll(() => f.close());

  it('refuses each bad change with its code, writing nothing', async () => {
    const before = [await stored('complaint_category'), await stored('complaint_category_name'), await stored('ticket')];
    for (const refusal of COMPLAINT_REFUSALS) expect(await push(refusal.name, refusal.args(ids)), refusal.what).toBe(refusal.code);
    expect([await stored('complaint_category'), await stored('complaint_category_name'), await stored('ticket')]).toEqual(before);
  });

  it('files a complaint with its root cause, and an agent’s console receives the taxonomy and the marks', async () => {
    expect(await push('ticket.markComplaint', { id: ids.ticket, categoryId: ids.category })).toBe('applied');
    expect(await push('ticket.setRootCause', { id: ids.ticket, rootCause: 'The plan change billed twice' })).toBe('applied');
    const agent = await f.client(f.users.agent);
    const changes = (await agent.pullAll(null)).changes;
    const categories = changes.filter((c) => c.entity === 'complaint_category' && c.op === 'put').map((c) => c.id);
    expect(categories.sort()).toEqual([ids.category, ids.other].sort());
    const ticket = changes.find((c) => c.entity === 'ticket' && c.id === ids.ticket);
    expect(ticket?.op === 'put' && ticket.row).toMatchObject({
      complaintCategoryId: ids.category,
      rootCause: 'The plan change billed twice',
    });
  });
});
