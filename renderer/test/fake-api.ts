/**
 * A fake Api for component tests, built the same way as the real one: calls go through the
 * contract's dispatcher, so every input the UI sends is validated (and defaulted) exactly as Core
 * would, and every answer must match the contract's output schema.
 */
import { buildBridge, createApi, type Api, type EventSubscriber } from '../../shared/contract/api.ts';
import type { Settings } from '../../shared/contract/channels.ts';
import { createDispatch, type Handlers } from '../../shared/contract/dispatch.ts';
import { AppError } from '../../shared/contract/errors.ts';
import type { EventName, EventPayload } from '../../shared/contract/events.ts';
import * as fx from './fixtures.ts';

export interface FakeApi {
  api: Api;
  /** Every call, in order, with its input as parsed by the contract. */
  calls: { channel: string; input: unknown }[];
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

const { body: _body, ...articleSummary } = fx.article;

/** Keyset paging over an in-memory array; the cursor is the index of the next row. */
function page<T>(rows: readonly T[], cursor: string | null, limit: number) {
  const start = cursor ? Number(cursor) : 0;
  const end = Math.min(rows.length, start + limit);
  return { rows: rows.slice(start, end), nextCursor: end < rows.length ? String(end) : null };
}

export function createFakeApi(overrides: Partial<Handlers> = {}): FakeApi {
  let settings: Settings = { theme: 'light', locale: 'en', density: 'comfortable' };
  const calls: FakeApi['calls'] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const handlers: Handlers = {
    'app.info': () => ({
      name: 'Switchboard',
      version: '0.1.0',
      transport: 'web',
      platform: 'linux',
      schemaVersion: 3,
      databasePath: 'switchboard.sqlite',
      counts: { tickets: 250, messages: 1000, accounts: 1, contacts: 2 },
    }),
    'settings.get': () => settings,
    'settings.update': (patch) => (settings = { ...settings, ...patch }),
    'directory.get': () => ({ me: fx.me, users: fx.users, teams: [fx.team] }),
    'tickets.list': (input) => page(fx.QUEUE, input.cursor, input.limit),
    'tickets.get': ({ id }) => {
      if (id !== fx.ticket.id) throw new AppError('NOT_FOUND', `no ticket ${id}`);
      return fx.ticketDetail;
    },
    'accounts.list': (input) =>
      page(
        [
          {
            id: fx.account.id,
            name: fx.account.name,
            domain: fx.account.domain,
            tier: fx.account.tier,
            lifecycleStage: fx.account.lifecycleStage,
            ownerName: fx.omar.name,
            renewalDate: fx.account.renewalDate,
            healthScore: fx.account.healthScore,
            annualValueMinor: fx.account.annualValueMinor,
            currency: fx.account.currency,
            contactCount: 2,
            openTicketCount: 3,
          },
        ],
        input.cursor,
        input.limit,
      ),
    'accounts.get': () => ({
      account: fx.account,
      owner: { id: fx.omar.id, name: fx.omar.name, role: fx.omar.role },
      contacts: [fx.dana, fx.wang],
      recentTickets: fx.QUEUE.slice(0, 3),
      ticketCount: 42,
    }),
    'contacts.find': () => [],
    'contacts.get': ({ id }) => ({
      contact: id === fx.wang.id ? fx.wang : fx.dana,
      account: fx.account,
      recentTickets: fx.QUEUE.slice(0, 2),
      ticketCount: 2,
    }),
    'articles.list': (input) =>
      page([{ ...articleSummary, excerpt: 'Refunds go back to the original payment method.' }], input.cursor, input.limit),
    'articles.get': () => fx.article,
    'search.query': () => ({ hits: fx.searchHits }),
    'dashboard.summary': () => fx.dashboard,
    ...overrides,
  };

  const dispatch = createDispatch(handlers);
  const bridge = buildBridge(async (channel, input) => {
    const result = await dispatch(channel, input);
    calls.push({ channel, input: input ?? {} });
    return result;
  });
  const on: EventSubscriber = (event, listener) => {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    const untyped = listener as (payload: unknown) => void;
    set.add(untyped);
    return () => set.delete(untyped);
  };
  return {
    api: createApi(bridge, on),
    calls,
    emit: (event, payload) => listeners.get(event)?.forEach((listener) => listener(payload)),
  };
}
