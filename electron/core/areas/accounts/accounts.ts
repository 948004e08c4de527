/** Customer accounts: the portfolio list (name search, lifecycle filter, keyset by name) and one account. */
import type { Database } from 'better-sqlite3';
import { AppError } from '../../../../shared/contract/errors.ts';
import type { AccountTier, LifecycleStage } from '../../../../shared/domain/enums.ts';
import type { UserRef } from '../../../../shared/contract/channels.ts';
import type { z } from 'zod';
import { UNSOLVED_STATUSES } from '../../../../shared/domain/ticket-status.ts';
import { decodeCursor, encodeCursor } from '../../repositories/cursor.ts';
import { type Row, toAccount, toContact, toTask } from '../../repositories/rows.ts';
import type { TicketsRepository } from '../tickets/tickets.ts';

const UNSOLVED_SQL = UNSOLVED_STATUSES.map((s) => `'${s}'`).join(', ');

export interface AccountListQuery {
  query: string;
  lifecycleStages: LifecycleStage[];
  cursor: string | null;
  limit: number;
}

export function createAccountsRepository(db: Database, tickets: TicketsRepository) {
  const getAccount = db.prepare('SELECT * FROM accounts WHERE id = ?');
  const getOwner = db.prepare('SELECT id, name, role FROM users WHERE id = ?');
  const getContacts = db.prepare('SELECT * FROM contacts WHERE account_id = ? ORDER BY name, id LIMIT 500');
  const getOpenTasks = db.prepare(`
    SELECT t.*, u.name AS assignee_name FROM tasks t LEFT JOIN users u ON u.id = t.assignee_id
    WHERE t.account_id = ? AND t.completed_at IS NULL ORDER BY t.due_at, t.id LIMIT 100`);

  return {
    list({ query, lifecycleStages, cursor, limit }: AccountListQuery) {
      const where: string[] = [];
      const params: unknown[] = [];
      const q = query.trim();
      if (q) {
        // Accounts number in the thousands, not millions: a LIKE over name and domain is instant
        // and also matches inside words, which people expect when looking up a company.
        where.push(`(a.name LIKE ? ESCAPE '\\' OR a.domain LIKE ? ESCAPE '\\')`);
        const like = `%${q.replace(/[\\%_]/g, '\\$&')}%`;
        params.push(like, like);
      }
      if (lifecycleStages.length) {
        where.push(`a.lifecycle_stage IN (${lifecycleStages.map(() => '?').join(', ')})`);
        params.push(...lifecycleStages);
      }
      if (cursor !== null) {
        const [name, id] = decodeCursor(cursor, 'accounts:name', ['string', 'string']);
        where.push('(a.name COLLATE NOCASE, a.id) > (?, ?)');
        params.push(name, id);
      }
      const rows = db
        .prepare(
          `SELECT a.*, o.name AS owner_name,
             (SELECT count(*) FROM contacts c WHERE c.account_id = a.id) AS contact_count,
             (SELECT count(*) FROM tickets t WHERE t.account_id = a.id AND t.status IN (${UNSOLVED_SQL})) AS open_ticket_count
           FROM accounts a LEFT JOIN users o ON o.id = a.owner_id
           ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
           ORDER BY a.name COLLATE NOCASE, a.id LIMIT ?`,
        )
        .all(...params, limit + 1) as Row[];
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        rows: page.map((r) => ({
          id: r.id as string,
          name: r.name as string,
          domain: r.domain as string | null,
          tier: r.tier as AccountTier,
          lifecycleStage: r.lifecycle_stage as LifecycleStage,
          ownerName: r.owner_name as string | null,
          renewalDate: r.renewal_date as string | null,
          healthScore: r.health_score as number | null,
          annualValueMinor: r.annual_value_minor as number,
          currency: r.currency as string,
          contactCount: r.contact_count as number,
          openTicketCount: r.open_ticket_count as number,
        })),
        nextCursor: rows.length > limit && last ? encodeCursor('accounts:name', [last.name as string, last.id as string]) : null,
      };
    },

    get(id: string) {
      const row = getAccount.get(id) as Row | undefined;
      if (!row) throw new AppError('NOT_FOUND', `no account ${id}`);
      const account = toAccount(row);
      const owner = account.ownerId ? (getOwner.get(account.ownerId) as z.infer<typeof UserRef> | undefined) : undefined;
      const recent = tickets.recent({ accountIds: [id] }, 20);
      return {
        account,
        owner: owner ?? null,
        contacts: (getContacts.all(id) as Row[]).map(toContact),
        recentTickets: recent.rows,
        ticketCount: recent.total,
        openTasks: (getOpenTasks.all(id) as Row[]).map((r) => ({ ...toTask(r), assigneeName: (r.assignee_name as string | null) ?? null })),
      };
    },
  };
}

export type AccountsRepository = ReturnType<typeof createAccountsRepository>;
