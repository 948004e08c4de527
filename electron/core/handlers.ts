/**
 * The contract's channels implemented over the repositories. Input arrives already validated and
 * defaulted by dispatch, and dispatch checks each output against the contract too, so handlers
 * only translate between the contract's shapes and the repositories'.
 */
import type { Database } from 'better-sqlite3';
import type { Handlers } from '../../shared/contract/dispatch.ts';
import type { EventName, EventPayload } from '../../shared/contract/events.ts';
import { schemaVersion } from './db/migrate.ts';
import type { Repositories } from './repositories/index.ts';
import type { SyncChannels } from './sync/handlers.ts';
import { combineFilters, resolveMe } from './repositories/ticket-filter.ts';
import type { AppInfoTransport } from './types.ts';

export interface HandlerContext {
  db: Database;
  repos: Repositories;
  databasePath: string;
  transport: AppInfoTransport;
  appVersion: string;
  now: () => number;
  emit: <E extends EventName>(name: E, payload: EventPayload<E>) => void;
}

/** The read channels and settings; the session, sync and mutation channels are in sync/handlers.ts. */
export type CacheChannels = Exclude<keyof Handlers, SyncChannels>;

export function createHandlers({
  db,
  repos,
  databasePath,
  transport,
  appVersion,
  now,
  emit,
}: HandlerContext): Pick<Handlers, CacheChannels> {
  const count = (table: 'tickets' | 'messages' | 'accounts' | 'contacts') =>
    (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  return {
    'app.info': () => ({
      name: 'Switchboard',
      version: appVersion,
      transport,
      platform: process.platform,
      schemaVersion: schemaVersion(db),
      databasePath,
      counts: { tickets: count('tickets'), messages: count('messages'), accounts: count('accounts'), contacts: count('contacts') },
    }),

    'settings.get': () => repos.settings.get(),
    'settings.update': (patch) => {
      const settings = repos.settings.update(patch);
      emit('settings.changed', settings);
      return settings;
    },

    'directory.get': () => repos.directory.get(),

    'tickets.list': ({ view, savedViewId, filter, sort, cursor, limit }) => {
      let combined = resolveMe(filter, repos.directory.currentUserId());
      const queue = view ? { view } : savedViewId ? { savedViewId } : null;
      const definition = queue ? repos.queues.definition(queue, now()) : null;
      if (definition) combined = combineFilters(definition.filter, combined);
      return repos.tickets.list({ filter: combined, sort: sort ?? definition?.sort ?? 'updated_desc', cursor, limit });
    },
    'tickets.get': ({ id }) => repos.tickets.get(id),

    'views.list': () => ({ views: repos.queues.savedViews() }),
    'views.counts': () => repos.queues.counts(now()),
    'tickets.find': ({ query, excludeId, limit }) => {
      // "#1234" or "1234" names a ticket by number; the words of a subject go through search.
      const number = /^#?(\d{1,9})$/.exec(query)?.[1];
      const exact = number ? repos.tickets.byNumber(Number(number)) : null;
      const hits = repos.search.query(query, ['ticket'], limit + 1).map((hit) => hit.id);
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

    'accounts.list': (input) => repos.accounts.list(input),
    'accounts.get': ({ id }) => repos.accounts.get(id),

    'contacts.find': ({ query, limit }) => repos.contacts.find(query, limit),
    'contacts.get': ({ id }) => repos.contacts.get(id),

    'articles.list': (input) => repos.articles.list(input),
    'articles.get': ({ id }) => repos.articles.get(id),

    'macros.list': ({ includeInactive }) => ({ macros: repos.macros.list(includeInactive) }),
    'macros.get': ({ id }) => repos.macros.get(id),

    'search.query': ({ q, kinds, statuses, perKind, limit }) => ({ hits: repos.search.query(q, kinds, limit, { statuses, perKind }) }),

    'dashboard.summary': () => repos.dashboard.summary(now()),
  };
}
