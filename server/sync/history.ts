/**
 * What a console asks the server for when its cache keeps only part of the message history
 * (setting `historyMonths`): one ticket's thread (POST /sync/thread) and the messages matching a
 * search (POST /sync/search). Both read in one snapshot with the person's scopes, by the same
 * scope condition pull uses, so neither shows anything pull would not send.
 */
import { AppError } from '../../shared/contract/errors.ts';
import { Message } from '../../shared/domain/records.ts';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../shared/search/text.ts';
import type { ServerSearchHit, ServerSearchRequest, ThreadRequest } from '../../shared/sync/protocol.ts';
import { loadUser } from '../auth/actor.ts';
import type { Session } from '../auth/service.ts';
import type { Db, Queryable } from '../store/db.ts';
import { checkSchemaVersion } from './schema-version.ts';
import { clientScopes, loadViewer, scopeCondition, type ClientScopes } from './scopes.ts';

/** The person's scopes in the transaction's snapshot, after the checks every sync request gets. */
async function scopesOf(q: Queryable, session: Session, req: { clientId: string; schemaVersion: number }): Promise<ClientScopes> {
  if (req.clientId !== session.clientId) throw new AppError('FORBIDDEN', 'the access token belongs to another client');
  checkSchemaVersion(req.schemaVersion);
  const user = await loadUser(q, session.userId);
  if (!user?.active) throw new AppError('UNAUTHORIZED', 'this session has ended; sign in again');
  return clientScopes(await loadViewer(q, user));
}

/** The ticket's messages in thread order; NOT_FOUND when the ticket is not in the person's scopes. */
export async function thread(db: Db, session: Session, req: ThreadRequest): Promise<{ messages: Message[] }> {
  return db.transaction(async (q) => {
    const scopes = await scopesOf(q, session, req);
    const { rows: ticket } = await q.query(
      `SELECT 1 FROM records r WHERE tenant_id = $1 AND entity = 'ticket' AND id = $3 AND NOT deleted
          AND ${scopeCondition('r', scopes, '$2', 'records')}`,
      [session.tenantId, scopes.ids, req.ticketId],
    );
    if (!ticket.length) throw new AppError('NOT_FOUND', 'no such ticket');
    // records_ticket_children: (tenant_id, data ->> 'ticketId').
    const { rows } = await q.query<{ data: unknown }>(
      `SELECT data FROM records r WHERE tenant_id = $1 AND entity = 'message' AND NOT deleted
          AND data ->> 'ticketId' = $3 AND ${scopeCondition('r', scopes, '$2', 'records')}
        ORDER BY (data ->> 'createdAt')::bigint, id`,
      [session.tenantId, scopes.ids, req.ticketId],
    );
    return { messages: rows.map((r) => Message.parse(r.data)) };
  }, 'repeatable read');
}

/** LIKE's wildcards and escape taken literally. */
const likeLiteral = (word: string) => word.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Messages whose body holds every word of the query (case-insensitive substrings), newest first.
 * Words of at least 3 characters are what a trigram index (docs/architecture.md) can look up; a
 * shorter word would make the match a walk of every message of the tenant, so it is refused.
 */
export async function searchMessages(db: Db, session: Session, req: ServerSearchRequest): Promise<{ hits: ServerSearchHit[] }> {
  const words = [...new Set(req.query.split(/\s+/).filter(Boolean))].slice(0, 8);
  if (words.some((w) => [...w].length < 3)) throw new AppError('VALIDATION', 'each word of a server search needs at least 3 characters');
  return db.transaction(async (q) => {
    const scopes = await scopesOf(q, session, req);
    const matches = words.map((_, i) => `data ->> 'body' ILIKE $${i + 4}`).join(' AND ');
    const { rows } = await q.query<{ id: string; ticket_id: string; at: unknown; body: string }>(
      `SELECT id::text AS id, data ->> 'ticketId' AS ticket_id, (data ->> 'createdAt')::bigint AS at, data ->> 'body' AS body
         FROM records r WHERE tenant_id = $1 AND entity = 'message' AND NOT deleted
          AND ${scopeCondition('r', scopes, '$2', 'records')} AND ${matches}
        ORDER BY version DESC, id DESC LIMIT $3`,
      [session.tenantId, scopes.ids, req.limit, ...words.map((w) => `%${likeLiteral(w)}%`)],
    );
    return {
      hits: rows.map((r) => ({ messageId: r.id, ticketId: r.ticket_id, at: Number(r.at), snippet: snippet(r.body, words) })),
    };
  }, 'repeatable read');
}

/** About 160 characters around the first match, every match marked as Core's snippets mark them. */
function snippet(body: string, words: readonly string[]): string {
  const lower = body.toLowerCase();
  const first = Math.min(...words.map((w) => lower.indexOf(w.toLowerCase())).filter((i) => i >= 0));
  const start = Math.max(0, first - 60);
  const text = body.slice(start, start + 160);
  const pattern = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'giu');
  return `${start > 0 ? '…' : ''}${text.replace(pattern, (m) => `${HIGHLIGHT_START}${m}${HIGHLIGHT_END}`)}${start + 160 < body.length ? '…' : ''}`;
}
