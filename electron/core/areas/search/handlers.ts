/** The search area's channel: one query over the cache's search index, and, when the cache keeps only part of the message history, over the server's older messages. */
import type { SearchHit, SearchTotal, searchChannels } from '../../../../shared/areas/search/channels.ts';
import type { AreaHandlers } from '../../../../shared/contract/dispatch.ts';
import { AppError } from '../../../../shared/contract/errors.ts';
import type { HandlerContext } from '../handler-context.ts';

/** The server matches words of at least this many characters (a trigram; server/sync/history.ts). */
const SERVER_WORD = 3;

export function createSearchHandlers({ repos, local, client, history }: HandlerContext): AreaHandlers<typeof searchChannels> {
  /**
   * Message hits the cache cannot give: messages of tickets outside the history window, found on
   * the server and shown with the ticket the cache still holds. None offline, none when the cache
   * keeps every message, none for a word too short for the server's index.
   */
  async function older(q: string, limit: number, statuses: readonly string[]): Promise<SearchHit[]> {
    const words = q.trim().split(/\s+/).filter(Boolean);
    if (!client || !history.partial() || !words.length || words.some((w) => [...w].length < SERVER_WORD)) return [];
    let found;
    try {
      found = await client.search(words.join(' '), limit);
    } catch (err) {
      if (err instanceof AppError) return [];
      throw err;
    }
    const away = found.filter((h) => local.store.versionOf('message', h.messageId) === null);
    const tickets = new Map(repos.tickets.refs([...new Set(away.map((h) => h.ticketId))]).map((t) => [t.id, t]));
    return away.flatMap((h) => {
      const t = tickets.get(h.ticketId);
      if (!t || (statuses.length && !statuses.includes(t.status))) return [];
      return [
        {
          kind: 'message' as const,
          id: h.messageId,
          ticketId: t.id,
          title: t.subject,
          ticketNumber: t.number,
          ticketStatus: t.status,
          requesterName: t.requesterName,
          snippet: h.snippet,
          at: h.at,
        },
      ];
    });
  }

  return {
    'search.query': async ({ q, kinds, statuses, perKind, limit, offset }) => {
      const local = repos.search.query(q, kinds, limit, { statuses, perKind, offset });
      if (offset > 0 || (kinds.length && !kinds.includes('message'))) return local;
      const shown = local.hits.filter((h) => h.kind === 'message').length;
      const room = perKind ? limit - shown : limit - local.hits.length;
      if (room <= 0) return local;
      const extra = (await older(q, room, statuses)).slice(0, room);
      if (!extra.length) return local;
      const totals: SearchTotal[] = local.totals.map((t) =>
        t.kind === 'message' ? { ...t, count: Math.max(t.count, shown + extra.length) } : t,
      );
      return { hits: [...local.hits, ...extra], totals };
    },
  };
}
