/**
 * The complaint review over a seeded demo cache, each figure held to a count made independently
 * from the generator's own records (not from the cache, not with the review's period functions),
 * and only supervisors and admins of a signed-in console get it.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDemoData } from '../../../../shared/demo/generate.ts';
import type { Role } from '../../../../shared/domain/enums.ts';
import type { Contact, Feedback, Ticket } from '../../../../shared/domain/records.ts';
import { ReviewPeriod } from '../../../../shared/complaints/review.ts';
import { openDatabase } from '../../db/open.ts';
import { seedDemoDatabase } from '../../demo/seed.ts';
import { DEMO_NOW, tempDir } from '../../testing/fixtures.ts';
import type { HandlerContext } from '../handler-context.ts';
import { createComplaintsRepository } from './complaints.ts';
import { createComplaintsHandlers } from './handlers.ts';

const TICKETS = 1500;
const SEED = 11;
const DAY = 86_400_000;
const db = openDatabase(join(tempDir(), 'complaints.db'), { now: () => DEMO_NOW });
seedDemoDatabase(db, { tickets: TICKETS, seed: SEED, now: DEMO_NOW });
const repo = createComplaintsRepository(db);

// The generator's records, read straight from it.
const data = createDemoData({ tickets: TICKETS, seed: SEED, now: DEMO_NOW });
const contacts = new Map<string, Contact>(data.organization.contacts.map((c) => [c.id, c]));
const tickets: Ticket[] = [];
const feedback: Feedback[] = [];
for (const batch of data.batches) {
  tickets.push(...batch.tickets);
  feedback.push(...batch.feedback);
}

/** The last 90 UTC days, today included, worked out by hand: 2026-03-10 is a Tuesday. */
const start = Date.UTC(2026, 2, 10) - 89 * DAY;
const inPeriod = (at: number) => at >= start && at <= DEMO_NOW;
const complaints = tickets.filter((t) => t.complaintCategoryId !== undefined && inPeriod(t.createdAt));
const query = ReviewPeriod.parse({ period: '90d', granularity: 'week' });

function tally<K>(items: readonly Ticket[], key: (t: Ticket) => K): Map<K, number> {
  const out = new Map<K, number>();
  for (const t of items) out.set(key(t), (out.get(key(t)) ?? 0) + 1);
  return out;
}

describe('the complaint review over the cache', () => {
  const review = repo.review(query, DEMO_NOW);

  it('counts the demo’s complaints: a few percent of the tickets, in several categories', () => {
    expect(review.total).toBe(complaints.length);
    expect(complaints.length / tickets.filter((t) => inPeriod(t.createdAt)).length).toBeGreaterThan(0.01);
    expect(review.categories.length).toBeGreaterThanOrEqual(4);
  });

  it('gives each category’s complaints, solved ones and those solved without a root cause', () => {
    const solved = complaints.filter((t) => t.status === 'solved' || t.status === 'closed');
    const expected = [...tally(complaints, (t) => t.complaintCategoryId!)].map(([categoryId, count]) => ({
      categoryId,
      count,
      solved: solved.filter((t) => t.complaintCategoryId === categoryId).length,
      noRootCause: solved.filter((t) => t.complaintCategoryId === categoryId && t.rootCause === undefined).length,
    }));
    expect([...review.categories].sort((a, b) => (a.categoryId < b.categoryId ? -1 : 1))).toEqual(
      expected.sort((a, b) => (a.categoryId < b.categoryId ? -1 : 1)),
    );
    // Most first.
    expect(review.categories.map((c) => c.count)).toEqual([...review.categories.map((c) => c.count)].sort((a, b) => b - a));
  });

  it('cuts the period into ISO weeks (Monday first), each with its complaints per category', () => {
    const mondayOf = (at: number) => {
      const day = Math.floor(at / DAY) * DAY;
      const weekday = (new Date(day).getUTCDay() + 6) % 7;
      return new Date(day - weekday * DAY).toISOString().slice(0, 10);
    };
    const expected = tally(complaints, (t) => `${mondayOf(t.createdAt)}:${t.complaintCategoryId}`);
    const got = new Map<string, number>();
    for (const b of review.buckets)
      for (const c of b.categories) got.set(`${mondayOf(Date.parse(`${b.lastDate}T00:00:00Z`))}:${c.categoryId}`, c.count);
    expect(got).toEqual(expected);
    expect(review.buckets[0]!.firstDate).toBe(new Date(start).toISOString().slice(0, 10));
    expect(review.buckets.at(-1)!.lastDate).toBe('2026-03-10');
  });

  it('ranks the categories within each team and each customer type', () => {
    const byTeam = new Map(review.byTeam.map((g) => [g.teamId, new Map(g.categories.map((c) => [c.categoryId, c.count]))]));
    const expectedTeams = new Map<string, Map<string, number>>();
    for (const [teamId] of tally(complaints, (t) => t.teamId))
      expectedTeams.set(
        teamId,
        tally(
          complaints.filter((t) => t.teamId === teamId),
          (t) => t.complaintCategoryId!,
        ),
      );
    expect(byTeam).toEqual(expectedTeams);
    const typeOf = (t: Ticket) => contacts.get(t.requesterId)?.customerType ?? null;
    expect(new Map(review.byCustomerType.map((g) => [g.customerType, g.total]))).toEqual(tally(complaints, typeOf));
    // Upset customers complain more than their share of the tickets.
    const upsetShare = (list: readonly Ticket[]) => list.filter((t) => typeOf(t) === 'upset').length / list.length;
    expect(upsetShare(complaints)).toBeGreaterThan(upsetShare(tickets));
  });

  it('lists the tickets behind a figure: as many as it counts', () => {
    const top = review.byTeam[0]!;
    const cell = top.categories[0]!;
    const behind = repo.tickets(query, { teamId: top.teamId, categoryId: cell.categoryId }, 500, DEMO_NOW);
    expect(behind.total).toBe(cell.count);
    expect(behind.rows.every((r) => r.categoryId === cell.categoryId)).toBe(true);
    const missing = repo.tickets(query, { noRootCause: true }, 500, DEMO_NOW);
    expect(missing.total).toBe(review.categories.reduce((a, c) => a + c.noRootCause, 0));
    expect(missing.rows.every((r) => r.rootCause === null && (r.status === 'solved' || r.status === 'closed'))).toBe(true);
    const week = review.buckets.findIndex((b) => b.total > 0);
    expect(repo.tickets(query, { bucket: week }, 500, DEMO_NOW).total).toBe(review.buckets[week]!.total);
  });

  it('lists the comments of low CSAT (1-2), CES (1-3) and NPS (0-6) answers, newest first, page by page', () => {
    const low = (f: Feedback) => (f.kind === 'csat' ? f.score <= 2 : f.kind === 'ces' ? f.score <= 3 : f.score <= 6);
    const expected = feedback
      .filter((f) => low(f) && f.comment.trim() !== '' && inPeriod(f.createdAt))
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
      .map((f) => f.id);
    const seen: ReturnType<typeof repo.comments>['rows'] = [];
    let cursor: string | null = null;
    do {
      const page = repo.comments(query, cursor, 25, DEMO_NOW);
      expect(page.rows.length).toBeLessThanOrEqual(25);
      seen.push(...page.rows);
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen.map((r) => r.id)).toEqual(expected);
    expect([...new Set(seen.map((r) => r.kind))]).toEqual(expect.arrayContaining(['csat', 'ces']));
    const withTicket = seen.find((r) => r.ticket !== null)!;
    const ticket = tickets.find((t) => t.id === withTicket.ticket!.id)!;
    expect(withTicket.ticket).toEqual({ id: ticket.id, number: ticket.number, subject: ticket.subject });
    expect(withTicket.contact?.name).toBe(contacts.get(ticket.requesterId)!.name);
  });

  it('takes an NPS answer of 6 (a detractor) and leaves out a 7, and an answer without words', () => {
    const insert = db.prepare(
      `INSERT INTO feedback (id, tenant_id, kind, score, comment, contact_id, account_id, ticket_id, created_at, updated_at)
       VALUES (?, ?, 'nps', ?, ?, NULL, NULL, NULL, ?, ?)`,
    );
    const tenant = data.organization.tenant.id;
    const at = DEMO_NOW - 3_600_000;
    const ids = ['00000000-0000-7000-8000-00000000f006', '00000000-0000-7000-8000-00000000f007', '00000000-0000-7000-8000-00000000f000'];
    insert.run(ids[0], tenant, 6, 'Fine, but slow to answer', at, at);
    insert.run(ids[1], tenant, 7, 'Fine', at, at);
    insert.run(ids[2], tenant, 0, '  ', at, at);
    const newest = repo.comments(query, null, 5, DEMO_NOW).rows;
    expect(newest.filter((r) => ids.includes(r.id)).map((r) => [r.kind, r.score, r.comment])).toEqual([
      ['nps', 6, 'Fine, but slow to answer'],
    ]);
    db.prepare('DELETE FROM feedback WHERE id IN (?, ?, ?)').run(...ids);
  });

  it('counts days in the reader’s time zone: the days of a week in Shanghai hold every complaint of them', () => {
    const zoned = repo.review(ReviewPeriod.parse({ period: '7d', granularity: 'day', timeZone: 'Asia/Shanghai' }), DEMO_NOW);
    // Shanghai is UTC+8 all year: its 7 days start at 16:00 UTC the day before.
    const from = Date.UTC(2026, 2, 3) - 8 * 3_600_000;
    const expected = tickets.filter((t) => t.complaintCategoryId !== undefined && t.createdAt >= from && t.createdAt <= DEMO_NOW).length;
    expect(zoned.buckets).toHaveLength(7);
    expect(zoned.total).toBe(expected);
    expect(zoned.buckets.reduce((a, b) => a + b.total, 0)).toBe(expected);
  });
});

describe('who may read the complaint review', () => {
  const handlers = (role: Role | null, signedIn: boolean) =>
    createComplaintsHandlers({
      repos: { complaints: repo, directory: { get: () => ({ me: role && { role }, users: [], teams: [] }) } },
      client: signedIn ? {} : null,
      now: () => DEMO_NOW,
    } as unknown as HandlerContext);

  it.each(['supervisor', 'admin'] as const)('a signed-in %s gets it', async (role) => {
    expect((await handlers(role, true)['complaints.review'](query)).total).toBe(complaints.length);
  });

  it.each(['agent', 'account_manager', null] as const)(
    'a signed-in %s is refused with FORBIDDEN, but reads the categories',
    async (role) => {
      const h = handlers(role, true);
      expect(() => h['complaints.review'](query)).toThrowError(expect.objectContaining({ code: 'FORBIDDEN' }));
      expect(() => h['complaints.comments']({ query, cursor: null, limit: 10 })).toThrowError(
        expect.objectContaining({ code: 'FORBIDDEN' }),
      );
      expect(() => h['complaints.tickets']({ query, figure: {}, limit: 10 })).toThrowError(expect.objectContaining({ code: 'FORBIDDEN' }));
      expect((await h['complaints.categories']({})).length).toBe(6);
    },
  );

  it('a console with no server (its data is its user own) computes it', async () => {
    expect((await handlers(null, false)['complaints.review'](query)).total).toBe(complaints.length);
  });
});
