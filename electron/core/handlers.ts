/**
 * The contract's channels implemented over the repositories. Input arrives already validated and
 * defaulted by dispatch, and dispatch checks each output against the contract too, so handlers
 * only translate between the contract's shapes and the repositories'.
 */
import type { Database } from 'better-sqlite3';
import type { Handlers } from '../../shared/contract/dispatch.ts';
import type { EventName, EventPayload } from '../../shared/contract/events.ts';
import type { TicketSort } from '../../shared/domain/records.ts';
import { builtinView } from '../../shared/domain/views.ts';
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

    'tickets.list': ({ view, filter, sort, cursor, limit }) => {
      const meId = repos.directory.currentUserId();
      let combined = resolveMe(filter, meId);
      let viewSort: TicketSort | undefined;
      if (view) {
        const definition = builtinView(view, now(), repos.directory.myTeamIds());
        combined = combineFilters(resolveMe(definition.filter, meId), combined);
        viewSort = definition.sort;
      }
      return repos.tickets.list({ filter: combined, sort: sort ?? viewSort ?? 'updated_desc', cursor, limit });
    },
    'tickets.get': ({ id }) => repos.tickets.get(id),

    'accounts.list': (input) => repos.accounts.list(input),
    'accounts.get': ({ id }) => repos.accounts.get(id),

    'contacts.find': ({ query, limit }) => repos.contacts.find(query, limit),
    'contacts.get': ({ id }) => repos.contacts.get(id),

    'articles.list': (input) => repos.articles.list(input),
    'articles.get': ({ id }) => repos.articles.get(id),

    'search.query': ({ q, kinds, limit }) => ({ hits: repos.search.query(q, kinds, limit) }),

    'dashboard.summary': () => repos.dashboard.summary(now()),
  };
}
