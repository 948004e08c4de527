import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { COMPLAINT_REFUSALS, goodCategory } from '../../../../shared/areas/complaints/refusals.fixture.ts';
import type { ComplaintCategory } from '../../../../shared/complaints/records.ts';
import type { Ticket, TicketEvent } from '../../../../shared/domain/records.ts';
import { deterministicId } from '../../../../shared/ids.ts';
import { call, seededCore } from '../../testing/fixtures.ts';

describe('complaint categories and complaint marks on the console', () => {
  const core = seededCore(300);
  const run = async (name: string, args: unknown) => {
    const result = await core.dispatch('mutations.run', { name, args });
    return result.ok ? 'applied' : result.error.code;
  };
  const categories = () => call<ComplaintCategory[]>(core, 'complaints.categories', {});
  const ticket = (id: string) => call<{ ticket: Ticket; events: TicketEvent[] }>(core, 'tickets.get', { id });
  /** The demo console is an agent's; these tests act as other people too. */
  const actAs = (role: 'supervisor' | 'agent') => {
    const db = new Database(core.databasePath);
    const id = db.prepare('SELECT id FROM users WHERE role = ? ORDER BY email LIMIT 1').pluck().get(role);
    db.prepare('UPDATE sync_state SET user_id = ? WHERE id = 1').run(id);
    db.close();
  };
  /** An open ticket of the agent's that is no complaint. */
  const plainTicket = () => {
    const db = new Database(core.databasePath, { readonly: true });
    const id = db
      .prepare(
        `SELECT t.id FROM tickets t JOIN sync_state s ON s.id = 1
         WHERE t.assignee_id = s.user_id AND t.status = 'open' AND t.complaint_category_id IS NULL ORDER BY t.number LIMIT 1`,
      )
      .pluck()
      .get() as string;
    db.close();
    return id;
  };

  it('lists the demo organization’s default taxonomy in order', async () => {
    expect((await categories()).map((c) => [c.position, c.name, c.active])).toEqual([
      [0, 'Billing error', true],
      [1, 'Slow response', true],
      [2, 'Product defect', true],
      [3, 'Unhelpful answer', true],
      [4, 'Delivery problem', true],
      [5, 'Data and privacy', true],
    ]);
  });

  it('refuses each bad change with its code and saves nothing', async () => {
    actAs('supervisor');
    const before = await categories();
    actAs('agent');
    const ids = { category: before[0]!.id, other: before[1]!.id, ticket: plainTicket() };
    const ticketBefore = await ticket(ids.ticket);
    actAs('supervisor');
    for (const refusal of COMPLAINT_REFUSALS) expect(await run(refusal.name, refusal.args(ids)), refusal.what).toBe(refusal.code);
    expect(await categories()).toEqual(before);
    expect(await ticket(ids.ticket)).toEqual(ticketBefore);
  });

  it('lets supervisors rename, reorder and retire categories, freeing a renamed one’s old name; agents may not', async () => {
    actAs('supervisor');
    const [billing, slow] = await categories();
    expect(await run('complaintCategory.upsert', { ...goodCategory(billing!.id, 'Invoice error'), position: 0 })).toBe('applied');
    // The old name is free again: a new category may take it.
    const fresh = deterministicId('complaints-test', 'billing');
    expect(await run('complaintCategory.upsert', { ...goodCategory(fresh), position: 6 })).toBe('applied');
    expect(await run('complaintCategory.reorder', { ids: [slow!.id, billing!.id] })).toBe('applied');
    expect(await run('complaintCategory.setActive', { id: fresh, active: false })).toBe('applied');
    const after = await categories();
    expect(after.slice(0, 2).map((c) => c.name)).toEqual(['Slow response', 'Invoice error']);
    expect(after.find((c) => c.id === fresh)).toMatchObject({ name: 'Billing error', active: false });

    actAs('agent');
    expect(await run('complaintCategory.upsert', goodCategory(deterministicId('complaints-test', 'agent'), 'Rude agent'))).toBe(
      'FORBIDDEN',
    );
    expect(await run('complaintCategory.setActive', { id: slow!.id, active: false })).toBe('FORBIDDEN');
    // A retired category is offered for no new complaint.
    expect(await run('ticket.markComplaint', { id: plainTicket(), categoryId: fresh })).toBe('RULE_VIOLATION');
  });

  it('lets an agent file a ticket as a complaint and record its root cause, each in the ticket’s history', async () => {
    actAs('agent');
    const [first, second] = await categories();
    const id = plainTicket();
    expect(await run('ticket.markComplaint', { id, categoryId: first!.id })).toBe('applied');
    expect(await run('ticket.markComplaint', { id, categoryId: second!.id })).toBe('applied');
    expect(await run('ticket.setRootCause', { id, rootCause: 'We promised a call back and forgot' })).toBe('applied');
    const { ticket: marked, events } = await ticket(id);
    expect(marked).toMatchObject({ complaintCategoryId: second!.id, rootCause: 'We promised a call back and forgot' });
    // The console's clock stands still in tests, so the three share one instant: compared as a set.
    const logged = events.filter((e) => e.kind === 'complaint' || e.kind === 'root_cause').map((e) => [e.kind, e.from, e.to]);
    expect(logged).toHaveLength(3);
    expect(logged).toEqual(
      expect.arrayContaining([
        ['complaint', null, first!.id],
        ['complaint', first!.id, second!.id],
        ['root_cause', null, 'We promised a call back and forgot'],
      ]),
    );
    expect(await run('ticket.markComplaint', { id, categoryId: null })).toBe('applied');
    const unmarked = (await ticket(id)).ticket;
    expect(unmarked.complaintCategoryId).toBeUndefined();
    // The root cause stays with the ticket's history; the review counts complaints only.
    expect(unmarked.rootCause).toBe('We promised a call back and forgot');
  });
});
