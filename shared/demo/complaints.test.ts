import { describe, expect, it } from 'vitest';
import { createDemoData } from './generate.ts';

const NOW = Date.UTC(2026, 2, 10, 15, 30);

describe('the demo’s complaints', () => {
  const data = createDemoData({ seed: 3, tickets: 3000, now: NOW, batchSize: 1000 });
  const batches = [...data.batches];
  const tickets = batches.flatMap((b) => b.tickets);
  const events = batches.flatMap((b) => b.events);
  const feedback = batches.flatMap((b) => b.feedback);
  const complaints = tickets.filter((t) => t.complaintCategoryId !== undefined);

  it('marks a few percent of the tickets, under the default taxonomy', () => {
    expect(data.organization.complaintCategories.map((c) => c.name)).toEqual([
      'Billing error',
      'Slow response',
      'Product defect',
      'Unhelpful answer',
      'Delivery problem',
      'Data and privacy',
    ]);
    const share = complaints.length / tickets.length;
    expect(share).toBeGreaterThan(0.015);
    expect(share).toBeLessThan(0.06);
    const categories = new Set(data.organization.complaintCategories.map((c) => c.id));
    for (const t of complaints) expect(categories.has(t.complaintCategoryId!)).toBe(true);
  });

  it('writes each mark and root cause as the event live work writes, by the assignee, a root cause only once solved', () => {
    for (const t of complaints) {
      const own = events.filter((e) => e.ticketId === t.id);
      expect(own.filter((e) => e.kind === 'complaint').map((e) => [e.from, e.to, e.actorId])).toEqual([
        [null, t.complaintCategoryId, t.assigneeId],
      ]);
      const cause = own.filter((e) => e.kind === 'root_cause');
      if (t.solvedAt === null) expect(cause).toEqual([]);
      else expect(cause.map((e) => [e.to, e.at])).toEqual([[t.rootCause, t.solvedAt]]);
    }
    const marked = new Set(complaints.map((t) => t.id));
    expect(events.filter((e) => (e.kind === 'complaint' || e.kind === 'root_cause') && !marked.has(e.ticketId))).toEqual([]);
  });

  it('marks the tickets rated low far more often than the rest', () => {
    const low = new Set(
      feedback
        .filter((f) => f.ticketId && ((f.kind === 'csat' && f.score <= 2) || (f.kind === 'ces' && f.score <= 3)))
        .map((f) => f.ticketId),
    );
    const rate = (list: typeof tickets) => list.filter((t) => t.complaintCategoryId !== undefined).length / list.length;
    expect(rate(tickets.filter((t) => low.has(t.id)))).toBeGreaterThan(5 * rate(tickets.filter((t) => !low.has(t.id))));
  });
});
