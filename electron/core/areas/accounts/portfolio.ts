/**
 * The account manager's portfolio: their accounts (or every account), filtered, sorted six ways
 * and keyset-paged on (sort key, id). The figures are defined in docs/accounts.md.
 *
 * Two steps: the page's ids by sort key, then each page row's details. A manager's accounts are
 * found through accounts_owner_name and number in the hundreds or low thousands, so a sort on a
 * computed value (open tickets, last contact) computes it for each of them (an index seek each,
 * migration 014); the details (owner, contacts, next task) are read only for the rows shown.
 */
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import {
  MAX_PORTFOLIO_VIEWS,
  PortfolioView,
  type PortfolioFilter,
  type PortfolioRow,
  type PortfolioSort,
  type accountsChannels,
} from '../../../../shared/areas/accounts/channels.ts';
import { AppError } from '../../../../shared/contract/errors.ts';
import type { AccountTier, LifecycleStage } from '../../../../shared/domain/enums.ts';
import { UNSOLVED_STATUSES } from '../../../../shared/domain/ticket-status.ts';
import { FELL_POINTS, healthTrend, TREND_DAYS, type HealthDay } from '../../../../shared/health/trend.ts';
import { decodeCursor, encodeCursor, type KeyValue } from '../../repositories/cursor.ts';
import type { Row } from '../../repositories/rows.ts';

type PortfolioInput = z.output<(typeof accountsChannels)['accounts.portfolio']['input']>;

const UNSOLVED_SQL = UNSOLVED_STATUSES.map((s) => `'${s}'`).join(', ');
/** Interactions that are contact with the customer (a note is the manager's own). */
const CONTACT_KINDS_SQL = `'call', 'meeting', 'email'`;

const OPEN_TICKETS = `(SELECT count(*) FROM tickets t WHERE t.account_id = a.id AND t.status IN (${UNSOLVED_SQL}))`;
// Walks the account's interactions newest first and stops at the first contact (max() would read them all).
const LAST_CONTACT = `(SELECT i.occurred_at FROM interactions i WHERE i.account_id = a.id AND i.kind IN (${CONTACT_KINDS_SQL})
  ORDER BY i.occurred_at DESC LIMIT 1)`;

/**
 * The health trend of `h`, an account_healths row (docs/health-score.md, Trend), through the SQL
 * function `health_trend` registered below: shared/health/trend.ts over the history's last
 * TREND_DAYS + 1 entries. The history keeps at most one score a day, oldest first, so the day a
 * week before the latest, if present, is among them.
 *
 * A 400-day history is some 13 KB of JSON stored after the row's other columns: merely reading it
 * for 2,000 accounts took SQLite about 30 ms, and the "Health fell" filter about 100 ms. So the
 * function is given the row's id, latest day and score, which SQLite reads without touching the
 * history, and remembers each account's trend under them; the SQL reads (the tail of) a history
 * only when they changed (a CASE evaluates only its branch taken). A history changes only by a new latest day or a new score for it
 * (`health.record`), so the remembered trend is the history's.
 */
const TAIL_ENTRIES = TREND_DAYS + 1;
/** Characters at the end of a history that hold its last TAIL_ENTRIES entries whole (an entry is at most 33). */
const TAIL_CHARS = TAIL_ENTRIES * 64;
const HEALTH_TREND = `(CASE WHEN health_trend_known(h.id, h.day, h.score) THEN health_trend_remembered(h.id)
  ELSE health_trend(h.id, h.day, h.score, substr(h.history, -${TAIL_CHARS})) END)`;

/**
 * The trend of a stored history (JSON text), or of its last characters (at least TAIL_ENTRIES
 * entries whole, possibly cut inside an earlier one); null without one.
 */
export function storedHealthTrend(history: string | null): number | null {
  if (history === null) return null;
  let at = history.length;
  for (let i = 0; i < TAIL_ENTRIES; i++) {
    const before = history.lastIndexOf('{', at - 1);
    if (before < 0) break;
    at = before;
  }
  // Whole from the first entry found: the text before it is the array's start or a cut entry.
  return healthTrend(at < history.length ? (JSON.parse(`[${history.slice(at)}`) as HealthDay[]) : []);
}
const HEALTH_JOIN = 'LEFT JOIN account_healths h ON h.id = a.id';

/**
 * Each sort as one ascending key (then the id): descending orders are negated, missing values get
 * a key past every real one so they come last.
 */
const SORT_KEYS: Record<PortfolioSort, { sql: string; type: 'string' | 'number' }> = {
  renewal: { sql: `coalesce(a.renewal_date, '9999-12-31')`, type: 'string' },
  name: { sql: 'a.name COLLATE NOCASE', type: 'string' },
  value: { sql: '-a.annual_value_minor', type: 'number' },
  health: { sql: 'coalesce(a.health_score, 101)', type: 'number' },
  health_trend: { sql: `coalesce(${HEALTH_TREND}, 101)`, type: 'number' },
  last_contact: { sql: `coalesce(${LAST_CONTACT}, 0)`, type: 'number' },
  open_tickets: { sql: `-${OPEN_TICKETS}`, type: 'number' },
};

export function createPortfolioRepository(db: Database, currentUserId: () => string | null) {
  // Per account: the latest day and score its trend was computed for, and the trend.
  const trends = new Map<string, { day: string; score: number; trend: number | null }>();
  db.function('health_trend_known', (id: unknown, day: unknown, score: unknown) => {
    const known = typeof id === 'string' ? trends.get(id) : undefined;
    return known !== undefined && known.day === day && known.score === score ? 1 : 0;
  });
  db.function('health_trend_remembered', (id: unknown) => (typeof id === 'string' ? (trends.get(id)?.trend ?? null) : null));
  db.function('health_trend', (id: unknown, day: unknown, score: unknown, history: unknown) => {
    const trend = storedHealthTrend(typeof history === 'string' ? history : null);
    if (typeof id === 'string' && typeof day === 'string' && typeof score === 'number') trends.set(id, { day, score, trend });
    return trend;
  });
  const details = db.prepare(`
    SELECT a.*, o.name AS owner_name,
      (SELECT count(*) FROM contacts c WHERE c.account_id = a.id) AS contact_count,
      ${OPEN_TICKETS} AS open_ticket_count,
      ${LAST_CONTACT} AS last_contact_at,
      ${HEALTH_TREND} AS health_trend
    FROM accounts a LEFT JOIN users o ON o.id = a.owner_id ${HEALTH_JOIN}
    WHERE a.id = ?`);
  const nextTask = db.prepare(
    'SELECT id, title, due_at FROM tasks WHERE account_id = ? AND completed_at IS NULL ORDER BY due_at, id LIMIT 1',
  );

  function conditions(filter: PortfolioFilter, today: string): { where: string[]; params: unknown[] } {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.owner === 'me') {
      where.push('a.owner_id = ?');
      params.push(currentUserId());
    }
    const q = filter.query.trim();
    if (q) {
      where.push(`(a.name LIKE ? ESCAPE '\\' OR a.domain LIKE ? ESCAPE '\\')`);
      const like = `%${q.replace(/[\\%_]/g, '\\$&')}%`;
      params.push(like, like);
    }
    const within = (column: string, values: readonly string[]) => {
      if (!values.length) return;
      where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
      params.push(...values);
    };
    within('a.lifecycle_stage', filter.lifecycleStages);
    within('a.tier', filter.tiers);
    if (filter.renewalWithinDays !== null) {
      where.push(`a.renewal_date BETWEEN ? AND date(?, ?)`);
      params.push(today, today, `+${filter.renewalWithinDays} days`);
    }
    if (filter.healthFell) {
      where.push(`${HEALTH_TREND} <= ?`);
      params.push(-FELL_POINTS);
    }
    return { where, params };
  }

  // Saved views are this console's, per person: one JSON list in the settings table under the
  // person's key (settings.get reads only its own keys), so another person signing in here sees
  // none of them and they never leave the device.
  const readViews = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const writeViews = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const viewsKey = () => {
    const me = currentUserId();
    if (!me) throw new AppError('UNAUTHORIZED', 'nobody is signed in');
    return `portfolio_views:${me}`;
  };
  const byName = (a: PortfolioView, b: PortfolioView) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1);
  function storedViews(key: string): PortfolioView[] {
    const row = readViews.get(key);
    // A list written by an older build that no longer parses is dropped rather than breaking the page.
    const parsed = row ? z.array(PortfolioView).safeParse(JSON.parse(row.value)) : null;
    return parsed?.success ? parsed.data.sort(byName) : [];
  }
  const keep = (key: string, views: PortfolioView[]) => {
    writeViews.run(key, JSON.stringify(views));
    return { views: views.sort(byName) };
  };

  return {
    views: () => ({ views: storedViews(viewsKey()) }),
    saveView: db.transaction((view: PortfolioView) => {
      const key = viewsKey();
      const others = storedViews(key).filter((v) => v.id !== view.id);
      if (others.length >= MAX_PORTFOLIO_VIEWS) throw new AppError('RULE_VIOLATION', `at most ${MAX_PORTFOLIO_VIEWS} saved views`);
      return keep(key, [...others, view]);
    }),
    deleteView: db.transaction((id: string) => {
      const key = viewsKey();
      const views = storedViews(key);
      if (!views.some((v) => v.id === id)) throw new AppError('NOT_FOUND', 'that view does not exist');
      return keep(
        key,
        views.filter((v) => v.id !== id),
      );
    }),

    list(input: PortfolioInput): { rows: PortfolioRow[]; nextCursor: string | null } {
      const { where, params } = conditions(input, input.today);
      const key = SORT_KEYS[input.sort];
      const scope = `accounts:portfolio:${input.sort}`;
      if (input.cursor !== null) {
        const [value, id] = decodeCursor(input.cursor, scope, [key.type, 'string']);
        where.push(`(${key.sql}, a.id) > (?, ?)`);
        params.push(value, id);
      }
      const page = db
        .prepare(
          `SELECT a.id, ${key.sql} AS k FROM accounts a ${input.healthFell || input.sort === 'health_trend' ? HEALTH_JOIN : ''}
           ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
           ORDER BY ${key.sql}, a.id LIMIT ?`,
        )
        .all(...params, input.limit + 1) as { id: string; k: KeyValue }[];
      const shown = page.slice(0, input.limit);
      const last = shown.at(-1);
      return {
        rows: shown.map(({ id }) => toPortfolioRow(details.get(id) as Row, nextTask.get(id) as Row | undefined)),
        nextCursor: page.length > input.limit && last ? encodeCursor(scope, [last.k, last.id]) : null,
      };
    },
  };
}

function toPortfolioRow(r: Row, task: Row | undefined): PortfolioRow {
  return {
    id: r.id as string,
    name: r.name as string,
    domain: r.domain as string | null,
    tier: r.tier as AccountTier,
    lifecycleStage: r.lifecycle_stage as LifecycleStage,
    ownerId: r.owner_id as string | null,
    ownerName: r.owner_name as string | null,
    renewalDate: r.renewal_date as string | null,
    healthScore: r.health_score as number | null,
    annualValueMinor: r.annual_value_minor as number,
    currency: r.currency as string,
    contactCount: r.contact_count as number,
    openTicketCount: r.open_ticket_count as number,
    lastContactAt: r.last_contact_at as number | null,
    healthTrend: r.health_trend as number | null,
    nextTask: task ? { id: task.id as string, title: task.title as string, dueAt: task.due_at as number } : null,
  };
}

export type PortfolioRepository = ReturnType<typeof createPortfolioRepository>;
