/** The tickets area's channels: the inbox list (a queue's filter combined with the person's), a ticket, finding tickets, drafts. */
import type { ticketsChannels } from '../../../../shared/areas/tickets/channels.ts';
import type { AreaHandlers } from '../../../../shared/contract/dispatch.ts';
import { AppError } from '../../../../shared/contract/errors.ts';
import { ticketNumberIn } from '../../../../shared/search/text.ts';
import { combineFilters, resolveMe } from '../../repositories/ticket-filter.ts';
import type { HandlerContext } from '../handler-context.ts';

export function createTicketsHandlers({ repos, history, client, now }: HandlerContext): AreaHandlers<typeof ticketsChannels> {
  return {
    'tickets.list': ({ view, savedViewId, filter, sort, cursor, limit }) => {
      let combined = resolveMe(filter, repos.directory.currentUserId());
      const queue = view ? { view } : savedViewId ? { savedViewId } : null;
      const definition = queue ? repos.queues.definition(queue, now()) : null;
      if (definition) combined = combineFilters(definition.filter, combined);
      return repos.tickets.list({ filter: combined, sort: sort ?? definition?.sort ?? 'updated_desc', cursor, limit });
    },
    /**
     * A ticket whose thread the cache keeps only in part (outside the history window) gets the
     * rest from the server: stored when the window keeps the ticket again (it was reopened or the
     * window grew), else only shown. Offline, the cached part, marked `unavailable`.
     */
    'tickets.get': async ({ id }) => {
      const detail = repos.tickets.get(id);
      if (history.threadComplete(detail.ticket)) return detail;
      let fetched;
      try {
        if (!client) throw new AppError('UNAVAILABLE', 'this console has no server');
        fetched = await client.thread(id);
      } catch (err) {
        if (err instanceof AppError) return { ...detail, thread: 'unavailable' as const };
        throw err;
      }
      if (history.keeps(detail.ticket)) {
        history.restore(fetched);
        return { ...repos.tickets.get(id), thread: 'server' as const };
      }
      // The cached messages not on the server yet (a reply still queued) stay in the thread.
      const onServer = new Set(fetched.map((m) => m.id));
      const messages = [...repos.tickets.named(fetched), ...detail.messages.filter((m) => !onServer.has(m.id))];
      messages.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return { ...detail, messages, thread: 'server' as const };
    },

    'tickets.find': ({ query, excludeId, limit }) => {
      // "#1234" or "1234" names a ticket by number; the words of a subject go through search.
      const number = ticketNumberIn(query);
      const exact = number === null ? null : repos.tickets.byNumber(number);
      const hits = repos.search.query(query, ['ticket'], limit + 1).hits.map((hit) => hit.id);
      const ids = [...new Set([...(exact ? [exact.id] : []), ...hits])].filter((id) => id !== excludeId);
      return { tickets: repos.tickets.refs(ids.slice(0, limit)) };
    },
    'tickets.requesterContext': ({ ticketId }) => repos.tickets.requesterContext(ticketId, 10),

    'drafts.get': ({ ticketId }) => ({ draft: repos.drafts.get(ticketId) }),
    'drafts.save': ({ ticketId, draft }) => {
      repos.drafts.save(ticketId, draft);
      return {};
    },
    'drafts.clear': ({ ticketId }) => {
      repos.drafts.clear(ticketId);
      return {};
    },
  };
}
