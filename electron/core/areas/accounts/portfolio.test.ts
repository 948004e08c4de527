/**
 * The portfolio and the relationship timeline held to independent computations over the cached
 * records (plain JavaScript over SELECT *, none of the repositories' SQL), walked page by page
 * (docs/accounts.md defines each figure).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PORTFOLIO_SORTS, type PortfolioRow, type TimelineEntry, type TimelineKind } from '../../../../shared/areas/accounts/channels.ts';
import { AppError } from '../../../../shared/contract/errors.ts';
import { UNSOLVED_STATUSES } from '../../../../shared/domain/ticket-status.ts';
import { healthFell, healthTrend } from '../../../../shared/health/trend.ts';
import { openDatabase } from '../../db/open.ts';
import { seedDemoDatabase } from '../../demo/seed.ts';
import { DEMO_NOW, tempDir } from '../../testing/fixtures.ts';
import { createPortfolioRepository } from './portfolio.ts';
import { createTimelineRepository } from './timeline.ts';

const db = openDatabase(join(tempDir(), 'portfolio.db'), { now: () => DEMO_NOW });
seedDemoDatabase(db, { tickets: 600, seed: 3, now: DEMO_NOW });
const TODAY = '2026-03-10';

type R = Record<string, unknown>;

const all = (table: string) => db.prepare(`SELECT * FROM ${table}`).all() as R[];
const accounts = all('accounts');
const tickets = all('tickets');
const interactions = all('interactions');
const tasks = all('tasks');
const feedback = all('feedback');
const contacts = all('contacts');
const users = all('users');

// The manager with the most accounts, so paging crosses several pages.
const owners = new Map<string, number>();
for (const a of accounts) if (a.owner_id) owners.set(a.owner_id as string, (owners.get(a.owner_id as string) ?? 0) + 1);
const manager = [...owners].sort((a, b) => b[1] - a[1])[0]![0];
// Daily health histories for the accounts (in place of the demo's own): random scores with random
// gaps (days the job did not run), some too short for a trend, some falling hard; the manager's
// first five accounts one of each shape: a steady fall, a rise, too short, the 7th day missing,
// 400 days ending in a fall.
let state = 7;
const random = () => (state = (state * 48_271) % 2_147_483_647) / 2_147_483_647;
const histories = new Map<string, { day: string; score: number }[]>();
{
  db.prepare('DELETE FROM account_healths').run();
  const put = db.prepare(
    `INSERT INTO account_healths (id, tenant_id, account_id, score, band, reasons, day, history, version, created_at, updated_at)
     VALUES (@id, @tenant, @id, @score, 'watch', '[]', @day, @history, 1, 0, 0)`,
  );
  let shaped = 0;
  for (const a of db.prepare('SELECT id, tenant_id, owner_id FROM accounts ORDER BY id').all() as {
    id: string;
    tenant_id: string;
    owner_id: string | null;
  }[]) {
    const day = (d: number) => new Date(Date.UTC(2026, 1, 1 + d)).toISOString().slice(0, 10);
    const shape = a.owner_id === manager ? shaped++ : -1;
    const history: { day: string; score: number }[] =
      shape === 0
        ? Array.from({ length: 12 }, (_, d) => ({ day: day(d), score: 90 - 2 * d }))
        : shape === 1
          ? Array.from({ length: 12 }, (_, d) => ({ day: day(d), score: 50 + d }))
          : shape === 2
            ? Array.from({ length: 3 }, (_, d) => ({ day: day(d), score: 60 }))
            : shape === 3
              ? [0, 1, 2, 4, 5, 6, 7, 8, 9, 10].map((d) => ({ day: day(d), score: 80 - 3 * d }))
              : shape === 4
                ? // The longest history kept, whose last week lost 20 points (only its tail is read).
                  Array.from({ length: 400 }, (_, d) => ({ day: day(d - 380), score: d <= 392 ? 75 : 55 }))
                : [];
    if (shape < 0 || shape > 4) {
      if (random() < 0.15) continue;
      const length = 1 + Math.floor(random() * 20);
      let score = 40 + Math.floor(random() * 60);
      for (let d = 0; d < 30 && history.length < length; d++) {
        if (random() < 0.25) continue;
        score = Math.max(0, Math.min(100, score + Math.floor(random() * 11) - 5 - (random() < 0.15 ? 12 : 0)));
        history.push({ day: day(d), score });
      }
    }
    histories.set(a.id, history);
    const last = history.at(-1)!;
    put.run({ id: a.id, tenant: a.tenant_id, score: last.score, day: last.day, history: JSON.stringify(history) });
  }
}

const portfolio = createPortfolioRepository(db, () => manager);
const timeline = createTimelineRepository(db);

/** Every figure of a row, computed from the records. */
function expected(a: R): PortfolioRow {
  const openTickets = tickets.filter((t) => t.account_id === a.id && (UNSOLVED_STATUSES as readonly unknown[]).includes(t.status));
  const contactTimes = interactions
    .filter((i) => i.account_id === a.id && ['call', 'meeting', 'email'].includes(i.kind as string))
    .map((i) => i.occurred_at as number);
  const open = tasks
    .filter((t) => t.account_id === a.id && t.completed_at === null)
    .sort((x, y) => (x.due_at as number) - (y.due_at as number) || String(x.id).localeCompare(String(y.id)));
  return {
    id: a.id as string,
    name: a.name as string,
    domain: a.domain as string | null,
    tier: a.tier as PortfolioRow['tier'],
    lifecycleStage: a.lifecycle_stage as PortfolioRow['lifecycleStage'],
    ownerId: a.owner_id as string | null,
    ownerName: (users.find((u) => u.id === a.owner_id)?.name as string | undefined) ?? null,
    renewalDate: a.renewal_date as string | null,
    healthScore: a.health_score as number | null,
    annualValueMinor: a.annual_value_minor as number,
    currency: a.currency as string,
    contactCount: contacts.filter((c) => c.account_id === a.id).length,
    openTicketCount: openTickets.length,
    lastContactAt: contactTimes.length ? Math.max(...contactTimes) : null,
    healthTrend: healthTrend(histories.get(a.id as string) ?? []),
    nextTask: open[0] ? { id: open[0].id as string, title: open[0].title as string, dueAt: open[0].due_at as number } : null,
  };
}

/** Each sort as a comparison of two expected rows: missing values last, then by id. */
const compare: Record<(typeof PORTFOLIO_SORTS)[number], (x: PortfolioRow, y: PortfolioRow) => number> = {
  renewal: (x, y) => (x.renewalDate ?? '9999-12-31').localeCompare(y.renewalDate ?? '9999-12-31'),
  name: (x, y) => (x.name.toLowerCase() < y.name.toLowerCase() ? -1 : x.name.toLowerCase() > y.name.toLowerCase() ? 1 : 0),
  value: (x, y) => y.annualValueMinor - x.annualValueMinor,
  health: (x, y) => (x.healthScore ?? 101) - (y.healthScore ?? 101),
  health_trend: (x, y) => (x.healthTrend ?? 101) - (y.healthTrend ?? 101),
  last_contact: (x, y) => (x.lastContactAt ?? 0) - (y.lastContactAt ?? 0),
  open_tickets: (x, y) => y.openTicketCount - x.openTicketCount,
};

const base = { owner: 'me' as const, query: '', lifecycleStages: [], tiers: [], renewalWithinDays: null, healthFell: false, today: TODAY };

function walk(input: Partial<Parameters<typeof portfolio.list>[0]>, limit = 2): PortfolioRow[] {
  const rows: PortfolioRow[] = [];
  let cursor: string | null = null;
  do {
    const page = portfolio.list({ ...base, sort: 'renewal', ...input, cursor, limit });
    rows.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

describe('the portfolio', () => {
  const mine = accounts.filter((a) => a.owner_id === manager).map(expected);

  it('lists my accounts with every figure as the records say, in each sort order, page after page', () => {
    expect(mine.length).toBeGreaterThan(2);
    for (const sort of PORTFOLIO_SORTS) {
      const want = [...mine].sort((x, y) => compare[sort](x, y) || (x.id < y.id ? -1 : 1));
      expect({ sort, rows: walk({ sort }) }).toEqual({ sort, rows: want });
    }
    // The data exercises the figures.
    expect(mine.some((r) => r.lastContactAt !== null && r.openTicketCount > 0)).toBe(true);
  });

  it('filters by renewal window, stage, tier and name, and shows everyone’s accounts on request', () => {
    const plus = (days: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    for (const days of [30, 60, 90] as const) {
      const want = mine.filter((r) => r.renewalDate !== null && r.renewalDate >= TODAY && r.renewalDate <= plus(days)).map((r) => r.id);
      expect(walk({ renewalWithinDays: days }).map((r) => r.id)).toEqual(
        want.sort(
          (x, y) =>
            mine.find((r) => r.id === x)!.renewalDate!.localeCompare(mine.find((r) => r.id === y)!.renewalDate!) || (x < y ? -1 : 1),
        ),
      );
    }
    const stage = mine[0]!.lifecycleStage;
    expect(walk({ lifecycleStages: [stage], sort: 'name' }).every((r) => r.lifecycleStage === stage)).toBe(true);
    expect(walk({ lifecycleStages: [stage] })).toHaveLength(mine.filter((r) => r.lifecycleStage === stage).length);
    expect(walk({ tiers: ['enterprise'] })).toHaveLength(mine.filter((r) => r.tier === 'enterprise').length);
    const name = mine[0]!.name;
    expect(walk({ query: name.slice(1, 5) }).map((r) => r.id)).toContain(mine[0]!.id);
    expect(walk({ owner: 'all' }, 50)).toHaveLength(accounts.length);
  });

  it('shows each account’s 7-day health trend, and filters to those whose health fell', () => {
    // The data has trends of each kind: none, a fall, a rise or a small dip.
    expect(mine.some((r) => r.healthTrend === null)).toBe(true);
    expect(mine.some((r) => healthFell(r.healthTrend))).toBe(true);
    expect(mine.some((r) => histories.get(r.id)?.length === 400 && r.healthTrend === -20)).toBe(true);
    expect(mine.some((r) => r.healthTrend !== null && !healthFell(r.healthTrend))).toBe(true);
    const fell = mine.filter((r) => r.healthTrend !== null && r.healthTrend <= -10);
    expect(walk({ healthFell: true, sort: 'health_trend' })).toEqual(
      fell.sort((x, y) => x.healthTrend! - y.healthTrend! || (x.id < y.id ? -1 : 1)),
    );
  });

  it('follows a new daily score at once: an account that falls today is among those whose health fell', () => {
    const dayAfter = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    // One not falling now, with a score for the day a week before tomorrow.
    const steady = mine.find((r) => {
      const h = histories.get(r.id) ?? [];
      const latest = h.at(-1);
      return !healthFell(r.healthTrend) && latest !== undefined && h.some((d) => d.day === dayAfter(latest.day, -6) && d.score >= 10);
    })!;
    expect(steady).toBeDefined();
    const history = histories.get(steady.id)!;
    const latest = history.at(-1)!;
    const longer = [...history, { day: dayAfter(latest.day, 1), score: 0 }];
    const write = (h: { day: string; score: number }[]) =>
      db
        .prepare('UPDATE account_healths SET score = ?, day = ?, history = ? WHERE id = ?')
        .run(h.at(-1)!.score, h.at(-1)!.day, JSON.stringify(h), steady.id);
    write(longer);
    const row = walk({ healthFell: true, sort: 'health_trend' }).find((r) => r.id === steady.id);
    // Independently: today's 0 against the score of the day 7 days before it.
    expect(row?.healthTrend).toBe(healthTrend(longer));
    expect(healthFell(healthTrend(longer))).toBe(true);
    write(history);
    expect(walk({ healthFell: true, sort: 'health_trend' }).some((r) => r.id === steady.id)).toBe(false);
  });

  it('refuses a cursor of another sort', () => {
    const page = portfolio.list({ ...base, sort: 'renewal', cursor: null, limit: 2 });
    expect(() => portfolio.list({ ...base, sort: 'value', cursor: page.nextCursor, limit: 2 })).toThrow(AppError);
  });
});

describe('the relationship timeline', () => {
  /** An account's history from the records: tickets opened, interactions, feedback and tasks set. */
  const history = (accountId: string) =>
    [
      ...tickets.filter((t) => t.account_id === accountId).map((t) => ({ kind: 'ticket', id: t.id as string, at: t.created_at as number })),
      ...interactions
        .filter((i) => i.account_id === accountId)
        .map((i) => ({ kind: i.kind as string, id: i.id as string, at: i.occurred_at as number })),
      ...feedback
        .filter((f) => f.account_id === accountId)
        .map((f) => ({ kind: 'feedback', id: f.id as string, at: f.created_at as number })),
      ...tasks.filter((t) => t.account_id === accountId).map((t) => ({ kind: 'task', id: t.id as string, at: t.created_at as number })),
    ].sort((x, y) => y.at - x.at || (x.id < y.id ? 1 : -1));
  const kindOf = (e: TimelineEntry) => (e.kind === 'interaction' ? e.interactionKind : e.kind);
  const walkTimeline = (accountId: string, kinds: TimelineKind[] = []) => {
    const rows: TimelineEntry[] = [];
    let cursor: string | null = null;
    do {
      const page = timeline.list({ accountId, kinds, cursor, limit: 3 });
      rows.push(...page.rows);
      cursor = page.nextCursor;
    } while (cursor);
    return rows.map((e) => ({ kind: kindOf(e), id: e.id, at: e.at }));
  };
  // The account with the longest history.
  const busiest = [...new Set(tickets.map((t) => t.account_id as string | null))]
    .filter((id): id is string => id !== null)
    .sort((x, y) => history(y).length - history(x).length)[0]!;

  it('merges every history of the account newest first, page after page', () => {
    const want = history(busiest);
    expect(new Set(want.map((e) => e.kind)).size).toBeGreaterThan(2);
    expect(walkTimeline(busiest)).toEqual(want);
  });

  it('narrows to the kinds chosen', () => {
    for (const kinds of [['ticket'], ['call', 'meeting'], ['feedback', 'task', 'note']] as TimelineKind[][]) {
      expect(walkTimeline(busiest, kinds)).toEqual(history(busiest).filter((e) => (kinds as string[]).includes(e.kind)));
    }
  });

  it('walks each history along an index, never a scan of the table', () => {
    const plans = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('a', 1, 'b') as { detail: string }[]).map((p) => p.detail).join('\n');
    const keyset = 'x.account_id = ? AND (x.at, x.id) < (?, ?) ORDER BY x.at DESC, x.id DESC LIMIT 30';
    for (const [table, at] of [
      ['tickets', 'created_at'],
      ['interactions', 'occurred_at'],
      ['feedback', 'created_at'],
      ['tasks', 'created_at'],
    ]) {
      const plan = plans(`SELECT x.id FROM ${table} x WHERE ${keyset.replaceAll('x.at', `x.${at}`)}`);
      expect({ table, plan }).toEqual({ table, plan: expect.stringMatching(/USING (COVERING )?INDEX/) });
      expect(plan).not.toMatch(/TEMP B-TREE/);
    }
  });
});
