/**
 * A small in-memory stand-in for Core, for tests of a transport's own behaviour (auth, limits,
 * headers, event forwarding) where a database would only add time. It goes through the real
 * createDispatch, so validation and error mapping are the production ones. Contract behaviour is
 * tested against the real Core (test/support/core.ts).
 */
import { createDispatch, type Handlers } from '../../shared/contract/dispatch.ts';
import { AppError } from '../../shared/contract/errors.ts';
import type { Settings, ViewCount } from '../../shared/contract/channels.ts';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../../shared/domain/enums.ts';
import { BUILTIN_VIEWS, type BuiltinView } from '../../shared/domain/views.ts';
import { complaintReview } from '../../shared/complaints/review.ts';
import { computeMetrics } from '../../shared/metrics/compute.ts';
import { computeMyDay } from '../../shared/metrics/my-day.ts';
import { defaultAssumptions } from '../../shared/staffing/defaults.ts';
import type { HostedCore } from '../../electron/web-host/server.ts';

type Listener = (name: string, payload: unknown) => void;

const zeroBy = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const notFound = (what: string) => () => {
  throw new AppError('NOT_FOUND', `the fake Core holds no ${what}`);
};

export function createFakeCore(): HostedCore & { listenerCount(): number } {
  const listeners = new Set<Listener>();
  const emit: Listener = (name, payload) => listeners.forEach((l) => l(name, payload));
  let settings: Settings = { theme: 'system', locale: 'system', density: 'comfortable', notifications: true, undoSeconds: 5 };
  const emptyPage = { rows: [], nextCursor: null };
  const session = {
    status: 'signed_in' as const,
    user: null,
    serverUrl: null,
    rememberedServerUrl: null,
    rememberedEmail: null,
    deviceHolder: null,
  };
  const syncStatus = { connection: 'local' as const, pendingMutations: 0, openIssues: 0, lastSyncedAt: null, lastError: null };

  const handlers: Handlers = {
    'tasks.mine': () => ({ tasks: [], truncated: false }),
    'metrics.compute': (query) =>
      computeMetrics({ tickets: [], events: [], feedback: [], presence: [], calendars: new Map() }, query, Date.now()),
    'metrics.myDay': (query) =>
      computeMyDay({ tickets: [], events: [], feedback: [], presence: [], calendars: new Map() }, '', query, Date.now()),
    'app.info': () => ({
      name: 'Switchboard',
      version: '0.0.0-test',
      transport: 'direct',
      platform: process.platform,
      schemaVersion: 1,
      databasePath: ':memory:',
      counts: { tickets: 0, messages: 0, accounts: 0, contacts: 0 },
    }),
    'settings.get': () => settings,
    'settings.update': (patch) => {
      settings = { ...settings, ...patch };
      emit('settings.changed', settings);
      return settings;
    },
    'directory.get': () => ({ me: null, users: [], teams: [] }),
    'tickets.list': () => emptyPage,
    'tickets.get': notFound('tickets'),
    'views.list': () => ({ views: [] }),
    'views.counts': () => ({
      builtin: Object.fromEntries(BUILTIN_VIEWS.map((view) => [view, { count: 0, capped: false }])) as Record<BuiltinView, ViewCount>,
      saved: {},
    }),
    'tickets.find': () => ({ tickets: [] }),
    'tickets.requesterContext': notFound('tickets'),
    'drafts.get': () => ({ draft: null }),
    'drafts.save': () => ({}),
    'drafts.clear': () => ({}),
    'accounts.list': () => emptyPage,
    'accounts.get': notFound('accounts'),
    'accounts.health': notFound('accounts'),
    'accounts.portfolio': () => emptyPage,
    'accounts.timeline': () => emptyPage,
    'portfolioViews.list': () => ({ views: [] }),
    'portfolioViews.save': ({ view }) => ({ views: [view] }),
    'portfolioViews.delete': notFound('portfolio views'),
    'contacts.find': () => [],
    'contacts.get': notFound('contacts'),
    'articles.list': () => emptyPage,
    'articles.get': notFound('articles'),
    'macros.list': () => ({ macros: [] }),
    'macros.get': notFound('macros'),
    'sla.settings': () => ({ calendars: [], policies: [] }),
    'routing.nextTicket': () => ({ outcome: 'none', reason: 'nothing_waiting' }),
    'routing.myPresence': () => ({ presence: null, pullMode: false }),
    'sla.recompute': () => null,
    'routing.settings': () => ({ teams: [], agents: [], templates: [] }),
    'routing.roster': () => ({ agents: [], teams: [], templates: [], swaps: [] }),
    'routing.mySchedule': () => ({ shifts: [], timeOff: [], swaps: [], colleagues: [], teams: [] }),
    'routing.coverage': ({ teamId }) => ({
      weekStart: 0,
      timeZone: 'UTC',
      weeksObserved: 0,
      assumptions: defaultAssumptions(teamId),
      custom: false,
      cells: [],
    }),
    'search.query': () => ({ hits: [], totals: [] }),
    'presence.set': () => ({}),
    'presence.get': () => ({ viewers: [] }),
    'dashboard.summary': () => ({
      generatedAt: Date.now(),
      coverage: 'device' as const,
      byStatus: zeroBy(TICKET_STATUSES),
      unsolvedByPriority: zeroBy(TICKET_PRIORITIES),
      unassigned: 0,
      slaAtRisk: 0,
      slaBreached: 0,
      createdLast24h: 0,
      solvedLast24h: 0,
      backlogByAge: [],
      workload: [],
    }),
    'board.workload': () => ({ generatedAt: Date.now(), coverage: 'device' as const, agents: [], teams: [] }),
    'board.tickets': () => ({ rows: [], total: 0 }),
    'board.escalations': () => ({ generatedAt: Date.now(), tickets: [], total: 0 }),
    'complaints.categories': () => [],
    'complaints.review': (query) => complaintReview([], query, Date.now()),
    'complaints.tickets': () => ({ total: 0, rows: [] }),
    'complaints.comments': () => emptyPage,
    // A console with no server: signed in as nobody in particular, nothing to sync.
    'session.get': () => session,
    'session.signIn': () => {
      throw new AppError('FORBIDDEN', 'the fake Core has no server');
    },
    'session.signOut': () => session,
    'sync.status': () => syncStatus,
    'sync.now': () => syncStatus,
    'sync.issues': () => ({ issues: [] }),
    'sync.resolve': notFound('sync issues'),
    'mutations.run': () => {
      throw new AppError('RULE_VIOLATION', 'the fake Core holds no records to change');
    },
    'mutations.undo': () => {
      throw new AppError('CONFLICT', 'the fake Core holds no change to undo');
    },
  };

  return {
    dispatch: createDispatch(handlers),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    listenerCount: () => listeners.size,
  };
}
