/**
 * The console's metrics: the facts read from the cache are the whole cache (held to plain SQL
 * counts over the seeded demo database), and only supervisors and admins of a signed-in console
 * get the report.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open.ts';
import { seedDemoDatabase } from '../../demo/seed.ts';
import { DEMO_NOW, tempDir } from '../../testing/fixtures.ts';
import { computeMetrics } from '../../../../shared/metrics/compute.ts';
import { computeMyDay } from '../../../../shared/metrics/my-day.ts';
import { metricsRead } from '../../../../shared/metrics/narrow.ts';
import type { Role } from '../../../../shared/domain/enums.ts';
import type { HandlerContext } from '../handler-context.ts';
import { createMetricsHandlers } from './handlers.ts';
import { createMetricsRepository } from './metrics.ts';

const db = openDatabase(join(tempDir(), 'metrics.db'), { now: () => DEMO_NOW });
seedDemoDatabase(db, { tickets: 600, seed: 11, now: DEMO_NOW });
const repo = createMetricsRepository(db);
const count = (sql: string, ...params: unknown[]) =>
  db
    .prepare(sql)
    .pluck()
    .get(...params) as number;

const facts = await repo.facts(null, DEMO_NOW);

describe('the facts Core reads', () => {
  it('hold every cached ticket, event and answer', () => {
    expect(facts.tickets).toHaveLength(count('SELECT count(*) FROM tickets'));
    expect(facts.events).toHaveLength(count('SELECT count(*) FROM ticket_events'));
    expect(facts.feedback).toHaveLength(count('SELECT count(*) FROM feedback'));
  });

  it('give the figures plain SQL counts give: tickets created, and CSAT answers of 4-5, in the last 30 UTC days', () => {
    const report = computeMetrics(facts, { period: '30d' }, DEMO_NOW);
    const { start } = report.period;
    expect(report.figures.volume.created).toBe(
      count('SELECT count(*) FROM tickets WHERE created_at >= ? AND created_at <= ?', start, DEMO_NOW),
    );
    expect(report.figures.csat.satisfied).toBe(
      count(`SELECT count(*) FROM feedback WHERE kind = 'csat' AND score >= 4 AND created_at >= ? AND created_at <= ?`, start, DEMO_NOW),
    );
    expect(report.figures.volume.created).toBeGreaterThan(0);
    expect(report.figures.replies).toBeGreaterThan(0);
  });

  it('name business calendars that exist, so business hours are counted', () => {
    const withCalendar = facts.tickets.filter((t) => t.calendar !== null);
    expect(withCalendar.length).toBeGreaterThan(0);
    for (const t of withCalendar) expect(facts.calendars.has(t.calendar!)).toBe(true);
    expect(computeMetrics(facts, { period: '90d' }, DEMO_NOW).figures.firstReply.business.count).toBeGreaterThan(0);
  });
});

describe('available and break time, from the kept presence changes', () => {
  it('is each person’s time online and on break in the period, as a plain SQL sum over the changes gives it, read narrowed or whole', async () => {
    const narrowed = computeMetrics(await repo.facts(metricsRead({ period: '30d' }, DEMO_NOW), DEMO_NOW), { period: '30d' }, DEMO_NOW);
    const whole = computeMetrics(await repo.facts(null, DEMO_NOW), { period: '30d' }, DEMO_NOW);
    expect(narrowed.agents).toEqual(whole.agents);
    const { start } = whole.period;
    // Independently: each change lasts until the person's next one (or now), clipped to the period.
    const sums = db
      .prepare(
        `SELECT user_id AS agentId,
                sum(CASE WHEN status = 'online' THEN max(0, min(coalesce(next, :now), :now) - max(at, :start)) ELSE 0 END) AS availableMs,
                sum(CASE WHEN status = 'on_break' THEN max(0, min(coalesce(next, :now), :now) - max(at, :start)) ELSE 0 END) AS breakMs
           FROM (SELECT user_id, status, at, lead(at) OVER (PARTITION BY user_id ORDER BY at, id) AS next FROM presence_events)
          GROUP BY user_id ORDER BY user_id`,
      )
      .all({ now: DEMO_NOW, start }) as { agentId: string; availableMs: number; breakMs: number }[];
    // The demo keeps every agent's working days: each has time available and on break.
    expect(sums.length).toBeGreaterThan(3);
    for (const sum of sums) {
      expect(sum.availableMs).toBeGreaterThan(0);
      expect(sum.breakMs).toBeGreaterThan(0);
      expect(whole.agents.find((a) => a.agentId === sum.agentId)).toMatchObject(sum);
    }
  });
});

describe('who may read the metrics', () => {
  const handlers = (role: Role | null, signedIn: boolean) =>
    createMetricsHandlers({
      db,
      repos: { metrics: repo, directory: { get: () => ({ me: role && { role }, users: [], teams: [] }) } },
      client: signedIn ? {} : null,
      now: () => DEMO_NOW,
    } as unknown as HandlerContext)['metrics.compute'];
  const query = computeMetrics({ tickets: [], events: [], feedback: [], presence: [], calendars: new Map() }, {}, DEMO_NOW).query;

  it.each(['supervisor', 'admin'] as const)('a signed-in %s gets the report', async (role) => {
    expect((await handlers(role, true)(query)).figures.volume.created).toBeGreaterThan(0);
  });

  it.each(['agent', 'account_manager', null] as const)('a signed-in %s is refused with FORBIDDEN', async (role) => {
    await expect(handlers(role, true)(query)).rejects.toThrowError(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('a console with no server (its data is its user own) computes them', async () => {
    expect((await handlers(null, false)(query)).figures.volume.created).toBeGreaterThan(0);
  });
});

describe('my day (metrics.myDay)', () => {
  // The agent who wrote the most replies in the demo's last day, so the figures compared are not all zero.
  const me = db
    .prepare(
      `SELECT e.actor_id FROM ticket_events e JOIN users u ON u.id = e.actor_id
        WHERE e.kind = 'message' AND json_extract(e.to_value, '$.kind') = 'reply' AND e.at >= ? AND e.at <= ?
        GROUP BY e.actor_id ORDER BY count(*) DESC, e.actor_id LIMIT 1`,
    )
    .pluck()
    .get(DEMO_NOW - 12 * 3_600_000, DEMO_NOW) as string;
  const handler = (signedIn: string | null, metrics = repo) =>
    createMetricsHandlers({
      db,
      repos: { metrics, directory: { get: () => ({ me: signedIn && { id: signedIn, role: 'agent' }, users: [], teams: [] }) } },
      client: {},
      now: () => DEMO_NOW,
    } as unknown as HandlerContext)['metrics.myDay'];

  it('reads only today’s tickets and the month’s ratings, and gets what the whole cache gives', async () => {
    for (const timeZone of ['UTC', 'Asia/Shanghai', 'America/New_York']) {
      const day = await handler(me)({ timeZone });
      expect(day).toEqual(computeMyDay(await repo.facts(null, DEMO_NOW), me, { timeZone }, DEMO_NOW));
    }
    const utc = await handler(me)({ timeZone: 'UTC' });
    expect(utc.replies + utc.solved + utc.csat.ratings).toBeGreaterThan(0);
  });

  it('answers again from what it read while nothing was written, and reads again after a write', async () => {
    let reads = 0;
    const counted = { ...repo, myDayFacts: (...args: Parameters<typeof repo.myDayFacts>) => (reads++, repo.myDayFacts(...args)) };
    const myDay = handler(me, counted);
    const first = await myDay({ timeZone: 'UTC' });
    expect(await myDay({ timeZone: 'UTC' })).toEqual(first);
    expect(reads).toBe(1);
    await myDay({ timeZone: 'Asia/Shanghai' });
    expect(reads).toBe(2);
    // A write anywhere in the cache (here a reply of mine, an hour ago) is read at the next ask.
    const reply = db
      .prepare(`SELECT * FROM ticket_events WHERE kind = 'message' AND actor_id = ? AND json_extract(to_value, '$.kind') = 'reply' LIMIT 1`)
      .get(me) as Record<string, unknown>;
    const copy = { ...reply, id: '01900000-0000-7000-8000-00000000d1a1', at: DEMO_NOW - 3_600_000 };
    const columns = Object.keys(copy);
    db.prepare(`INSERT INTO ticket_events (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(copy);
    try {
      const after = await myDay({ timeZone: 'UTC' });
      expect(reads).toBe(3);
      expect(after.replies).toBe(first.replies + 1);
      expect(after).toEqual(computeMyDay(await repo.facts(null, DEMO_NOW), me, { timeZone: 'UTC' }, DEMO_NOW));
    } finally {
      db.prepare("DELETE FROM ticket_events WHERE id = '01900000-0000-7000-8000-00000000d1a1'").run();
    }
  });

  it('is refused when nobody is signed in', async () => {
    await expect(handler(null)({ timeZone: 'UTC' })).rejects.toThrowError(expect.objectContaining({ code: 'UNAUTHORIZED' }));
  });
});
