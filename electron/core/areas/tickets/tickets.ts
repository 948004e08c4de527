/**
 * Tickets: inbox pages (filters + sort + keyset cursor) and one ticket with its thread.
 *
 * Paging is keyset, never OFFSET: each sort is a total order ending in the id, the cursor holds
 * the last row's key, and the next page starts strictly after it with a row-value comparison that
 * SQLite answers by seeking in the sort's index. A page therefore costs the same on page 1 and
 * page 2,000, and rows inserted meanwhile never shift or repeat what the person already saw.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { z } from 'zod';
import type {
  LinkedTicket,
  RequesterContext,
  ThreadMessage,
  TicketDetail,
  TicketListRow,
  TicketRef,
  UserRef,
} from '../../../../shared/contract/channels.ts';
import { AppError } from '../../../../shared/contract/errors.ts';
import type { Feedback, Message, TicketSort } from '../../../../shared/domain/records.ts';
import { NO_DUE_KEY } from '../../db/migrations/001_initial.ts';
import { decodeCursor, encodeCursor, type KeyValue } from '../../repositories/cursor.ts';
import { type Row, toAccount, toContact, toMessage, toTicket, toTicketEvent } from '../../repositories/rows.ts';
import { drivingColumn, filterConditions, type ResolvedFilter } from '../../repositories/ticket-filter.ts';

type ListRow = z.infer<typeof TicketListRow>;

interface SortSpec {
  /** Key columns in order; the last is always t.id. */
  columns: string[];
  shape: ('number' | 'string')[];
  direction: 'ASC' | 'DESC';
  key: (r: Row) => KeyValue[];
}

const SORTS: Record<TicketSort, SortSpec> = {
  updated_desc: {
    columns: ['t.updated_at', 't.id'],
    shape: ['number', 'string'],
    direction: 'DESC',
    key: (r) => [num(r.updated_at), str(r.id)],
  },
  created_desc: {
    columns: ['t.created_at', 't.id'],
    shape: ['number', 'string'],
    direction: 'DESC',
    key: (r) => [num(r.created_at), str(r.id)],
  },
  created_asc: {
    columns: ['t.created_at', 't.id'],
    shape: ['number', 'string'],
    direction: 'ASC',
    key: (r) => [num(r.created_at), str(r.id)],
  },
  priority_desc: {
    columns: ['t.priority_rank', 't.updated_at', 't.id'],
    shape: ['number', 'number', 'string'],
    direction: 'DESC',
    key: (r) => [num(r.priority_rank), num(r.updated_at), str(r.id)],
  },
  due_asc: { columns: ['t.due_key', 't.id'], shape: ['number', 'string'], direction: 'ASC', key: (r) => [num(r.due_key), str(r.id)] },
};

const num = (v: unknown) => v as number;
const str = (v: unknown) => v as string;

/** The list row's columns: the ticket plus the names the inbox shows, each one primary-key lookup (the board lists with it too). */
export const LIST_SELECT = `
  SELECT t.id, t.number, t.subject, t.status, t.priority, t.type, t.channel, t.requester_id, t.account_id,
         t.assignee_id, t.team_id, t.tags, t.escalation_tier, t.created_at, t.updated_at, t.message_count,
         t.priority_rank, t.due_key, t.sla_at_risk_at, t.sla_breached,
         c.name AS requester_name, c.customer_type, a.name AS account_name, u.name AS assignee_name
  FROM tickets t
  CROSS JOIN contacts c ON c.id = t.requester_id
  LEFT JOIN accounts a ON a.id = t.account_id
  LEFT JOIN users u ON u.id = t.assignee_id`;

export interface TicketListQuery {
  filter: ResolvedFilter;
  sort: TicketSort;
  cursor: string | null;
  limit: number;
}

/** The SQL of one page (limit + 1 rows: the extra one says whether a next page exists). */
export function ticketListSql({ filter, sort, cursor, limit }: TicketListQuery): { sql: string; params: unknown[] } {
  const spec = SORTS[sort];
  const leading = spec.columns[0] as string;
  const { where, params } = filterConditions(filter, drivingColumn(filter, leading === 't.updated_at'), leading);
  if (cursor !== null) {
    const key = decodeCursor(cursor, `tickets:${sort}`, spec.shape);
    where.push(`(${spec.columns.join(', ')}) ${spec.direction === 'DESC' ? '<' : '>'} (${spec.columns.map(() => '?').join(', ')})`);
    params.push(...key);
  }
  const sql = `${LIST_SELECT}
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${spec.columns.map((c) => `${c} ${spec.direction}`).join(', ')}
    LIMIT ?`;
  return { sql, params: [...params, limit + 1] };
}

export interface TicketsRepository {
  list(query: TicketListQuery): { rows: ListRow[]; nextCursor: string | null };
  get(id: string): z.infer<typeof TicketDetail>;
  /** Messages (fetched from the server) with their authors' names, as a thread shows them. */
  named(messages: readonly Message[]): z.infer<typeof ThreadMessage>[];
  /** The most recently updated tickets matching a filter, and how many match in all. */
  recent(filter: ResolvedFilter, limit: number): { rows: ListRow[]; total: number };
  /** The ticket with this human number, if it is in the cache. */
  byNumber(number: number): FoundTicket | null;
  /** Tickets by id, in the order given; ids not in the cache are skipped. */
  refs(ids: readonly string[]): FoundTicket[];
  /** The requester's other tickets and their satisfaction answers. */
  requesterContext(ticketId: string, limit: number): z.infer<typeof RequesterContext>;
}

export type FoundTicket = TicketRef & { requesterName: string };

/** How many feedback answers the requester panel lists. */
const FEEDBACK_LIMIT = 20;

export function createTicketsRepository(db: Database): TicketsRepository {
  const statements = new Map<string, Statement<unknown[]>>();
  /** Filter shapes repeat (the same view, page after page): prepare each SQL text once. */
  const prepared = (sql: string) => {
    let stmt = statements.get(sql);
    if (!stmt) {
      if (statements.size > 200) statements.clear();
      stmt = db.prepare<unknown[]>(sql);
      statements.set(sql, stmt);
    }
    return stmt;
  };

  const getTicket = db.prepare('SELECT * FROM tickets WHERE id = ?');
  const getContact = db.prepare('SELECT * FROM contacts WHERE id = ?');
  const getAccount = db.prepare('SELECT * FROM accounts WHERE id = ?');
  const getUserRef = db.prepare('SELECT id, name, role FROM users WHERE id = ?');
  const getTeamRef = db.prepare('SELECT id, name FROM teams WHERE id = ?');
  const getMessages = db.prepare(`
    SELECT m.*, CASE m.author_type WHEN 'agent' THEN u.name WHEN 'contact' THEN c.name END AS author_name
    FROM messages m
    LEFT JOIN users u ON m.author_type = 'agent' AND u.id = m.author_id
    LEFT JOIN contacts c ON m.author_type = 'contact' AND c.id = m.author_id
    WHERE m.ticket_id = ? ORDER BY m.created_at, m.id`);
  const getEvents = db.prepare('SELECT * FROM ticket_events WHERE ticket_id = ? ORDER BY at, id');
  // A link is one row for both tickets: read it from either end (each half walks its own index).
  const getLinks = db.prepare(`
    SELECT l.id, l.kind, 1 AS outgoing, l.created_at, t.id AS other_id, t.number, t.subject, t.status
    FROM ticket_links l JOIN tickets t ON t.id = l.other_ticket_id WHERE l.ticket_id = ?
    UNION ALL
    SELECT l.id, l.kind, 0 AS outgoing, l.created_at, t.id AS other_id, t.number, t.subject, t.status
    FROM ticket_links l JOIN tickets t ON t.id = l.ticket_id WHERE l.other_ticket_id = ?
    ORDER BY 4, 1`);
  const FOUND_SELECT = `SELECT t.id, t.number, t.subject, t.status, c.name AS requester_name
    FROM tickets t LEFT JOIN contacts c ON c.id = t.requester_id`;
  const getByNumber = db.prepare(`${FOUND_SELECT} WHERE t.number = ?`);
  const getRef = db.prepare(`${FOUND_SELECT} WHERE t.id = ?`);
  const getRequesterTickets = db.prepare(`
    SELECT id, number, subject, status, updated_at FROM tickets
    WHERE requester_id = ? AND id <> ? ORDER BY updated_at DESC, id DESC LIMIT ?`);
  const countRequesterTickets = db.prepare('SELECT count(*) AS n FROM tickets WHERE requester_id = ? AND id <> ?');
  const getFeedback = db.prepare('SELECT * FROM feedback WHERE contact_id = ? ORDER BY created_at DESC, id DESC LIMIT ?');

  function list(query: TicketListQuery) {
    const { sort, limit } = query;
    const spec = SORTS[sort];
    const { sql, params } = ticketListSql(query);
    const found = prepared(sql).all(...params) as Row[];
    const page = found.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor = found.length > limit && last ? encodeCursor(`tickets:${sort}`, spec.key(last)) : null;
    return { rows: page.map(toListRow), nextCursor };
  }

  function recent(filter: ResolvedFilter, limit: number) {
    const { rows } = list({ filter, sort: 'updated_desc', cursor: null, limit });
    const { where, params } = filterConditions(filter, drivingColumn(filter, false));
    const total = prepared(
      `SELECT count(*) AS n FROM tickets t CROSS JOIN contacts c ON c.id = t.requester_id WHERE ${where.join(' AND ') || '1'}`,
    ).get(...params) as { n: number };
    return { rows, total: total.n };
  }

  function get(id: string) {
    const row = getTicket.get(id) as Row | undefined;
    if (!row) throw new AppError('NOT_FOUND', `no ticket ${id}`);
    const ticket = toTicket(row);
    const requester = getContact.get(ticket.requesterId) as Row | undefined;
    const team = getTeamRef.get(ticket.teamId) as { id: string; name: string } | undefined;
    if (!requester || !team) throw new Error(`ticket ${id} points at a missing requester or team`);
    const account = ticket.accountId ? (getAccount.get(ticket.accountId) as Row | undefined) : undefined;
    const assignee = ticket.assigneeId ? (getUserRef.get(ticket.assigneeId) as z.infer<typeof UserRef> | undefined) : undefined;
    return {
      ticket,
      requester: toContact(requester),
      account: account ? toAccount(account) : null,
      assignee: assignee ?? null,
      team,
      messages: (getMessages.all(id) as Row[]).map((m) => ({ ...toMessage(m), authorName: (m.author_name as string | null) ?? null })),
      events: (getEvents.all(id) as Row[]).map(toTicketEvent),
      links: (getLinks.all(id, id) as Row[]).map(toLinkedTicket),
      thread: 'cached' as const,
    };
  }

  function named(messages: readonly Message[]) {
    return messages.map((m) => ({
      ...m,
      authorName:
        m.authorType === 'agent' && m.authorId
          ? ((getUserRef.get(m.authorId) as { name: string } | undefined)?.name ?? null)
          : m.authorType === 'contact' && m.authorId
            ? ((getContact.get(m.authorId) as { name: string } | undefined)?.name ?? null)
            : null,
    }));
  }

  function byNumber(number: number): FoundTicket | null {
    const row = getByNumber.get(number) as Row | undefined;
    return row ? toFound(row) : null;
  }

  function refs(ids: readonly string[]): FoundTicket[] {
    return ids.map((id) => getRef.get(id) as Row | undefined).flatMap((row) => (row ? [toFound(row)] : []));
  }

  function requesterContext(ticketId: string, limit: number) {
    const row = getTicket.get(ticketId) as Row | undefined;
    if (!row) throw new AppError('NOT_FOUND', `no ticket ${ticketId}`);
    const requesterId = str(row.requester_id);
    return {
      tickets: (getRequesterTickets.all(requesterId, ticketId, limit) as Row[]).map((r) => ({
        ...toRef(r),
        updatedAt: num(r.updated_at),
      })),
      ticketCount: (countRequesterTickets.get(requesterId, ticketId) as { n: number }).n,
      feedback: (getFeedback.all(requesterId, FEEDBACK_LIMIT) as Row[]).map(toFeedback),
    };
  }

  return { list, get, named, recent, byNumber, refs, requesterContext };
}

const toRef = (r: Row): TicketRef => ({
  id: str(r.id),
  number: r.number as number | null,
  subject: str(r.subject),
  status: r.status as TicketRef['status'],
});

const toFound = (r: Row): FoundTicket => ({ ...toRef(r), requesterName: (r.requester_name as string | null) ?? '' });

const LINK_ROLES = {
  duplicate: ['merged_into', 'merged_from'],
  follow_up: ['follow_up_of', 'follow_up'],
  related: ['related', 'related'],
} as const satisfies Record<string, readonly [LinkedTicket['role'], LinkedTicket['role']]>;

/** A link row seen from the ticket shown: the row's ticket_id is the duplicate, or the follow-up. */
function toLinkedTicket(r: Row): LinkedTicket {
  const [fromSource, fromTarget] = LINK_ROLES[r.kind as keyof typeof LINK_ROLES];
  return {
    linkId: str(r.id),
    role: r.outgoing === 1 ? fromSource : fromTarget,
    ticket: toRef({ id: r.other_id, number: r.number, subject: r.subject, status: r.status }),
    at: num(r.created_at),
  };
}

const toFeedback = (r: Row): Feedback => ({
  id: str(r.id),
  tenantId: str(r.tenant_id),
  version: num(r.version),
  createdAt: num(r.created_at),
  updatedAt: num(r.updated_at),
  kind: r.kind as Feedback['kind'],
  score: num(r.score),
  comment: str(r.comment),
  contactId: r.contact_id as string | null,
  accountId: r.account_id as string | null,
  ticketId: r.ticket_id as string | null,
});

export function toListRow(r: Row): ListRow {
  const due = r.due_key as number;
  return {
    id: str(r.id),
    number: r.number as number | null,
    subject: str(r.subject),
    status: r.status as ListRow['status'],
    priority: r.priority as ListRow['priority'],
    type: r.type as ListRow['type'],
    channel: r.channel as ListRow['channel'],
    requesterId: str(r.requester_id),
    requesterName: str(r.requester_name),
    customerType: r.customer_type as ListRow['customerType'],
    accountId: r.account_id as string | null,
    accountName: r.account_name as string | null,
    assigneeId: r.assignee_id as string | null,
    assigneeName: r.assignee_name as string | null,
    teamId: str(r.team_id),
    tags: JSON.parse(str(r.tags)) as string[],
    escalationTier: r.escalation_tier as ListRow['escalationTier'],
    createdAt: num(r.created_at),
    updatedAt: num(r.updated_at),
    nextDueAt: due === NO_DUE_KEY ? null : due,
    slaAtRiskAt: r.sla_at_risk_at as number | null,
    slaBreached: r.sla_breached === 1,
    messageCount: num(r.message_count),
  };
}
