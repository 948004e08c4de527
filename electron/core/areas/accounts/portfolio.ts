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
import type { z } from 'zod';
import type { PortfolioFilter, PortfolioRow, PortfolioSort, accountsChannels } from '../../../../shared/areas/accounts/channels.ts';
import type { AccountTier, LifecycleStage } from '../../../../shared/domain/enums.ts';
import { UNSOLVED_STATUSES } from '../../../../shared/domain/ticket-status.ts';
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
 * Each sort as one ascending key (then the id): descending orders are negated, missing values get
 * a key past every real one so they come last.
 */
const SORT_KEYS: Record<PortfolioSort, { sql: string; type: 'string' | 'number' }> = {
  renewal: { sql: `coalesce(a.renewal_date, '9999-12-31')`, type: 'string' },
  name: { sql: 'a.name COLLATE NOCASE', type: 'string' },
  value: { sql: '-a.annual_value_minor', type: 'number' },
  health: { sql: 'coalesce(a.health_score, 101)', type: 'number' },
  last_contact: { sql: `coalesce(${LAST_CONTACT}, 0)`, type: 'number' },
  open_tickets: { sql: `-${OPEN_TICKETS}`, type: 'number' },
};

export function createPortfolioRepository(db: Database, currentUserId: () => string | null) {
  const details = db.prepare(`
    SELECT a.*, o.name AS owner_name,
      (SELECT count(*) FROM contacts c WHERE c.account_id = a.id) AS contact_count,
      ${OPEN_TICKETS} AS open_ticket_count,
      ${LAST_CONTACT} AS last_contact_at
    FROM accounts a LEFT JOIN users o ON o.id = a.owner_id
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
    return { where, params };
  }

  return {
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
          `SELECT a.id, ${key.sql} AS k FROM accounts a
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
    nextTask: task ? { id: task.id as string, title: task.title as string, dueAt: task.due_at as number } : null,
  };
}

export type PortfolioRepository = ReturnType<typeof createPortfolioRepository>;
