/**
 * THE list of contract cases: every transport runs all of them (contract.test.ts). A case is a
 * call and what must come back: a value that satisfies the channel's output schema (plus an
 * optional check a person would care about), or an error with a given code (and, for VALIDATION,
 * the path of the offending field).
 *
 * Inputs are JSON values, since every transport can carry those; ids of real records come from
 * the seeded database through `Fixtures`.
 */
import type { ErrorCode } from '../../shared/contract/errors.ts';

export interface Fixtures {
  ticketId: string;
  accountId: string;
  contactId: string;
  articleId: string;
  /** A macro the signed-in person may use. */
  macroId: string;
  /** A well-formed id that names no record. */
  missingId: string;
}

export type Expectation =
  | { ok: true; check?: (value: unknown, fixtures: Fixtures) => void }
  | { ok: false; code: ErrorCode; /** for VALIDATION: the dotted path of an issue that must be reported */ path?: string };

export interface ContractCase {
  name: string;
  channel: string;
  input: (f: Fixtures) => unknown;
  expect: Expectation;
}

/** The portfolio view the cases save, list and delete. */
const PORTFOLIO_VIEW_ID = '019cd2a0-0000-7000-8000-00000000f00d';

class CheckFailed extends Error {}
function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new CheckFailed(message);
}

type Rows = { rows: Record<string, unknown>[]; nextCursor: string | null };

const valid = (
  name: string,
  channel: string,
  input: (f: Fixtures) => unknown,
  checkValue?: (value: unknown, f: Fixtures) => void,
): ContractCase => ({
  name,
  channel,
  input,
  expect: { ok: true, check: checkValue },
});
const invalid = (name: string, channel: string, input: (f: Fixtures) => unknown, path?: string): ContractCase => ({
  name,
  channel,
  input,
  expect: { ok: false, code: 'VALIDATION', path },
});
const refused = (name: string, channel: string, input: (f: Fixtures) => unknown, code: ErrorCode): ContractCase => ({
  name,
  channel,
  input,
  expect: { ok: false, code },
});

const BOARD_FIGURE = { scope: 'team', teamId: '00000000-0000-7000-8000-000000000001', measure: { kind: 'backlog' } };

export const VALID_CASES: ContractCase[] = [
  valid(
    'app.info names the app and counts the seeded data',
    'app.info',
    () => ({}),
    (v) => {
      const info = v as { name: string; counts: { tickets: number } };
      check(info.name === 'Switchboard', `name is ${info.name}`);
      check(info.counts.tickets > 0, 'no tickets counted');
    },
  ),
  valid('settings.get', 'settings.get', () => ({})),
  valid(
    'settings.update changes one setting and returns them all',
    'settings.update',
    () => ({ density: 'compact' }),
    (v) => {
      check((v as { density: string }).density === 'compact', 'density not updated');
    },
  ),
  valid(
    'settings.update turns desktop notifications off',
    'settings.update',
    () => ({ notifications: false }),
    (v) => {
      check((v as { notifications: boolean }).notifications === false, 'notifications not turned off');
    },
  ),
  valid('directory.get', 'directory.get', () => ({})),
  valid(
    'tickets.list with defaults returns a first page and a cursor',
    'tickets.list',
    () => ({}),
    (v) => {
      const page = v as Rows;
      check(page.rows.length === 50, `expected 50 rows, got ${page.rows.length}`);
      check(typeof page.nextCursor === 'string', 'no cursor to the next page');
    },
  ),
  valid(
    'tickets.list honours view, sort and limit',
    'tickets.list',
    () => ({ view: 'all', sort: 'created_desc', limit: 5 }),
    (v) => {
      const rows = (v as Rows).rows as { createdAt: number }[];
      check(rows.length === 5, `expected 5 rows, got ${rows.length}`);
      check(
        rows.every((r, i) => i === 0 || rows[i - 1]!.createdAt >= r.createdAt),
        'rows not newest first',
      );
    },
  ),
  valid(
    'tickets.list filters by status',
    'tickets.list',
    () => ({ filter: { statuses: ['pending'] }, limit: 20 }),
    (v) => {
      check(
        (v as Rows).rows.every((r) => r.status === 'pending'),
        'a row of another status',
      );
    },
  ),
  valid(
    'tickets.get returns the ticket with its thread',
    'tickets.get',
    (f) => ({ id: f.ticketId }),
    (v, f) => {
      const detail = v as { ticket: { id: string }; messages: unknown[] };
      check(detail.ticket.id === f.ticketId, 'another ticket came back');
      check(detail.messages.length > 0, 'the thread is empty');
    },
  ),
  valid(
    'accounts.list',
    'accounts.list',
    () => ({ limit: 10 }),
    (v) => check((v as Rows).rows.length > 0, 'no accounts'),
  ),
  valid(
    'accounts.get',
    'accounts.get',
    (f) => ({ id: f.accountId }),
    (v, f) => {
      check((v as { account: { id: string } }).account.id === f.accountId, 'another account came back');
    },
  ),
  valid(
    'accounts.portfolio',
    'accounts.portfolio',
    () => ({ owner: 'all', today: '2026-03-10', limit: 10 }),
    (v) => check((v as Rows).rows.length > 0, 'no accounts'),
  ),
  valid(
    'accounts.timeline',
    'accounts.timeline',
    (f) => ({ accountId: f.accountId, limit: 10 }),
    (v) => check((v as Rows).rows.length > 0, 'an empty timeline'),
  ),
  valid(
    'accounts.health',
    'accounts.health',
    (f) => ({ accountId: f.accountId }),
    (v) => {
      const health = v as { score: number | null; reasons: { text: { en: string } }[] };
      check(health.score === null || (health.score >= 0 && health.score <= 100), 'a score outside 0-100');
      check(
        health.reasons.every((r) => r.text.en.length > 0),
        'a reason without words',
      );
    },
  ),
  valid(
    'tasks.mine',
    'tasks.mine',
    () => ({ completedSince: null, limit: 50 }),
    (v) => check(Array.isArray((v as { tasks: unknown[] }).tasks), 'no task list'),
  ),
  valid('contacts.find', 'contacts.find', () => ({ query: 'a', limit: 5 })),
  valid(
    'contacts.get',
    'contacts.get',
    (f) => ({ id: f.contactId }),
    (v, f) => {
      check((v as { contact: { id: string } }).contact.id === f.contactId, 'another contact came back');
    },
  ),
  valid('articles.list', 'articles.list', () => ({})),
  valid(
    'tickets.find by words of a subject',
    'tickets.find',
    () => ({ query: 'order' }),
    (v) => check((v as { tickets: unknown[] }).tickets.length > 0, 'no ticket about an order'),
  ),
  valid(
    'tickets.find by number leaves out the ticket being merged',
    'tickets.find',
    (f) => ({ query: '#1', excludeId: f.ticketId }),
    (v, f) => check(!(v as { tickets: { id: string }[] }).tickets.some((t) => t.id === f.ticketId), 'the excluded ticket came back'),
  ),
  valid('tickets.requesterContext', 'tickets.requesterContext', (f) => ({ ticketId: f.ticketId })),
  valid('drafts.save keeps the text for drafts.get', 'drafts.save', (f) => ({
    ticketId: f.ticketId,
    draft: { mode: 'note', body: 'Call them back after 3pm', submitAs: null },
  })),
  valid('drafts.get', 'drafts.get', (f) => ({ ticketId: f.ticketId })),
  valid(
    'portfolioViews.save keeps the person’s view, with its filter defaults filled in',
    'portfolioViews.save',
    () => ({ view: { id: PORTFOLIO_VIEW_ID, name: 'Falling', filter: { healthFell: true }, sort: 'health_trend' } }),
    (v) => {
      const saved = (v as { views: { id: string; filter: { owner: string } }[] }).views.find((view) => view.id === PORTFOLIO_VIEW_ID);
      check(saved?.filter.owner === 'me', 'the view was not kept as saved');
    },
  ),
  valid(
    'portfolioViews.list',
    'portfolioViews.list',
    () => ({}),
    (v) =>
      check(
        (v as { views: { id: string }[] }).views.some((view) => view.id === PORTFOLIO_VIEW_ID),
        'the saved view is missing',
      ),
  ),
  valid(
    'portfolioViews.delete',
    'portfolioViews.delete',
    () => ({ id: PORTFOLIO_VIEW_ID }),
    (v) => check(!(v as { views: { id: string }[] }).views.some((view) => view.id === PORTFOLIO_VIEW_ID), 'the view is still there'),
  ),
  valid('drafts.clear', 'drafts.clear', (f) => ({ ticketId: f.ticketId })),
  valid('articles.get', 'articles.get', (f) => ({ id: f.articleId })),
  valid(
    'macros.list returns the active macros the person may use, by title',
    'macros.list',
    () => ({}),
    (v) => {
      const { macros } = v as { macros: { title: string; active: boolean }[] };
      check(macros.length > 0, 'no macros');
      check(
        macros.every((m) => m.active),
        'a deactivated macro was listed',
      );
    },
  ),
  valid(
    'macros.get',
    'macros.get',
    (f) => ({ id: f.macroId }),
    (v, f) => check((v as { id: string }).id === f.macroId, 'another macro came back'),
  ),
  valid(
    'sla.settings returns the calendars and the policies in order',
    'sla.settings',
    () => ({}),
    (v) => {
      const { calendars, policies } = v as { calendars: unknown[]; policies: { position: number }[] };
      check(calendars.length > 0 && policies.length > 0, 'no SLA settings');
      check(
        policies.every((p, i) => i === 0 || policies[i - 1]!.position <= p.position),
        'the policies are out of order',
      );
    },
  ),
  valid(
    'routing.settings lists every team, with its rule or none',
    'routing.settings',
    () => ({}),
    (v) => check((v as { teams: unknown[] }).teams.length > 0, 'no teams'),
  ),
  valid('routing.myPresence', 'routing.myPresence', () => ({})),
  valid(
    'routing.coverage has a cell per hour of the week',
    'routing.coverage',
    (f) => ({ teamId: f.missingId, weekOf: Date.UTC(2026, 2, 9) }),
    (v) => check((v as { cells: unknown[] }).cells.length === 168, 'not 168 cells'),
  ),
  valid('routing.roster of a week', 'routing.roster', () => ({ from: Date.UTC(2026, 2, 9), to: Date.UTC(2026, 2, 16) })),
  valid('routing.mySchedule of two weeks', 'routing.mySchedule', () => ({ from: Date.UTC(2026, 2, 9), to: Date.UTC(2026, 2, 23) })),
  valid('search.query over every kind', 'search.query', () => ({ q: 'order' })),
  valid('search.query with Chinese text', 'search.query', () => ({ q: '退款', kinds: ['ticket', 'message'] })),
  valid('dashboard.summary', 'dashboard.summary', () => ({})),
  // A cache fresh from the demo has had no calendar or policy edit: nothing to recompute.
  valid(
    'sla.recompute with nothing under way',
    'sla.recompute',
    () => ({}),
    (v) => check(v === null, `a recompute under way: ${JSON.stringify(v)}`),
  ),
  invalid('an input sla.recompute does not take', 'sla.recompute', () => ({ all: true })),
  valid(
    'metrics.compute over the last 90 days in Shanghai, per week, two channels',
    'metrics.compute',
    () => ({ period: '90d', timeZone: 'Asia/Shanghai', granularity: 'week', filters: { channels: ['email', 'chat'] } }),
    (v) => {
      const report = v as { figures: { volume: { created: number } }; trend: unknown[]; agents: unknown[] };
      check(report.figures.volume.created > 0, 'no ticket created in 90 days of demo data');
      check(report.trend.length >= 13 && report.trend.length <= 14, `${report.trend.length} weeks in 90 days`);
      check(report.agents.length > 0, 'no agent in the per-agent table');
    },
  ),
  valid(
    'metrics.myDay in Shanghai',
    'metrics.myDay',
    () => ({ timeZone: 'Asia/Shanghai' }),
    (v) => {
      const day = v as { date: string; csat: { days: number } };
      check(/^\d{4}-\d{2}-\d{2}$/.test(day.date) && day.csat.days === 30, `not a day: ${JSON.stringify(day)}`);
    },
  ),
  // A console with no server holds its user's own data: the board answers them (board.test.ts
  // refuses agents and account managers of a server).
  valid(
    'the workload board on a console with no server',
    'board.workload',
    () => ({}),
    (v) => check((v as { agents: unknown[] }).agents.length > 0, 'no agent on the board'),
  ),
  valid('a board figure’s tickets on a console with no server', 'board.tickets', () => ({ figure: BOARD_FIGURE, at: 1 })),
  valid('the escalation queue on a console with no server', 'board.escalations', () => ({})),
  valid(
    'complaints.categories lists the demo taxonomy in order',
    'complaints.categories',
    () => ({}),
    (v) => check((v as { name: string }[]).map((c) => c.name)[0] === 'Billing error', 'the demo taxonomy starts with Billing error'),
  ),
  valid(
    'complaints.review over the last 90 days in Shanghai, per week',
    'complaints.review',
    () => ({ period: '90d', timeZone: 'Asia/Shanghai', granularity: 'week' }),
    (v) => {
      const review = v as { total: number; buckets: { total: number }[] };
      check(review.buckets.length >= 13 && review.buckets.length <= 14, `${review.buckets.length} weeks in 90 days`);
      check(review.buckets.reduce((a, b) => a + b.total, 0) === review.total, 'the weeks do not add up to the total');
    },
  ),
  valid('complaints.tickets of one category', 'complaints.tickets', (f) => ({
    query: { period: '90d' },
    figure: { categoryId: f.missingId },
  })),
  valid('complaints.comments, a first page', 'complaints.comments', () => ({ query: { period: '30d' }, limit: 10 })),
  valid('views.list returns the saved views this person may open', 'views.list', () => ({})),
  valid(
    'views.counts counts every built-in queue',
    'views.counts',
    () => ({}),
    (v) => {
      const { builtin } = v as { builtin: Record<string, { count: number }> };
      check((builtin.all?.count ?? 0) > 0, 'All tickets counted none');
    },
  ),
  valid(
    'session.get on a local console',
    'session.get',
    () => ({}),
    (value) => {
      check((value as { status: string }).status === 'signed_in', 'a local console is signed in as its own person');
    },
  ),
  valid(
    'sync.status on a local console',
    'sync.status',
    () => ({}),
    (value) => {
      check((value as { connection: string }).connection === 'local', 'a console with no server is local');
    },
  ),
  valid('sync.now on a local console', 'sync.now', () => ({})),
  valid('sync.issues', 'sync.issues', () => ({})),
  valid('presence.set on a local console succeeds (nobody to tell)', 'presence.set', (f) => ({ ticketId: f.ticketId, typing: true })),
  valid('presence.set with no ticket open', 'presence.set', () => ({ ticketId: null, typing: false })),
  valid(
    'presence.get on a local console: nobody else was ever seen',
    'presence.get',
    (f) => ({ ticketId: f.ticketId }),
    (value) => check((value as { viewers: unknown[] }).viewers.length === 0, 'a local console has no other viewers'),
  ),
  valid(
    'mutations.run adds a tag optimistically and queues it',
    'mutations.run',
    (f) => ({ name: 'ticket.tags', args: { id: f.ticketId, add: ['contract-case'] } }),
    (value) => {
      const receipt = value as { mutationId: number; outcome: string };
      check(receipt.mutationId > 0 && receipt.outcome === 'applied', 'the receipt names the queued mutation');
    },
  ),
];

/**
 * Channels whose success needs a live server, a prior sync issue or a change held for undo just
 * before: the sync suite (electron/core/sync/sync.test.ts) covers them; here every transport shows
 * they refuse bad input.
 */
export const CHANNELS_NEEDING_A_SERVER = ['session.signIn', 'session.signOut', 'sync.resolve', 'mutations.undo', 'routing.nextTicket'];

const tooLong = (n: number) => 'x'.repeat(n);

export const INVALID_CASES: ContractCase[] = [
  refused('a channel outside the contract', 'tickets.delete', () => ({}), 'UNKNOWN_CHANNEL'),
  refused('a channel named like an Object.prototype member', 'constructor', () => ({}), 'UNKNOWN_CHANNEL'),
  refused('a channel name that is a namespace only', 'tickets', () => ({}), 'UNKNOWN_CHANNEL'),

  refused('a well-formed id that names no ticket', 'tickets.get', (f) => ({ id: f.missingId }), 'NOT_FOUND'),
  invalid(
    'a board figure that counts nothing the board knows',
    'board.tickets',
    () => ({ figure: { ...BOARD_FIGURE, measure: { kind: 'everything' } }, at: 1 }),
    'figure.measure.kind',
  ),
  refused('a well-formed id that names no account', 'accounts.get', (f) => ({ id: f.missingId }), 'NOT_FOUND'),
  refused('the health of an account that does not exist', 'accounts.health', (f) => ({ accountId: f.missingId }), 'NOT_FOUND'),
  refused(
    'a renewal window that is not offered',
    'accounts.portfolio',
    () => ({ today: '2026-03-10', renewalWithinDays: 45 }),
    'VALIDATION',
  ),
  refused('a well-formed id that names no contact', 'contacts.get', (f) => ({ id: f.missingId }), 'NOT_FOUND'),
  refused('a well-formed id that names no article', 'articles.get', (f) => ({ id: f.missingId }), 'NOT_FOUND'),
  refused('a well-formed id that names no macro', 'macros.get', (f) => ({ id: f.missingId }), 'NOT_FOUND'),
  invalid('includeInactive that is not a boolean', 'macros.list', () => ({ includeInactive: 'yes' }), 'includeInactive'),
  invalid('an input sla.settings does not take', 'sla.settings', () => ({ all: true })),
  invalid('an input routing.settings does not take', 'routing.settings', () => ({ all: true })),
  invalid('a roster of a month', 'routing.roster', () => ({ from: Date.UTC(2026, 2, 1), to: Date.UTC(2026, 3, 1) })),
  invalid('a schedule of a month', 'routing.mySchedule', () => ({ from: Date.UTC(2026, 2, 1), to: Date.UTC(2026, 3, 1) })),
  invalid('a custom metrics period without its first date', 'metrics.compute', () => ({ period: 'custom', to: '2026-01-31' }), 'from'),
  invalid('a metrics time zone that does not exist', 'metrics.compute', () => ({ timeZone: 'Europe/Atlantis' }), 'timeZone'),
  invalid('my day in a time zone that does not exist', 'metrics.myDay', () => ({ timeZone: 'Europe/Atlantis' }), 'timeZone'),
  invalid('my day with a field it does not take', 'metrics.myDay', () => ({ timeZone: 'UTC', agentId: 'someone-else' })),
  invalid(
    'a metrics filter on a channel that does not exist',
    'metrics.compute',
    () => ({ filters: { channels: ['fax'] } }),
    'filters.channels.0',
  ),

  invalid('a custom review period without its first date', 'complaints.review', () => ({ period: 'custom', to: '2026-01-31' }), 'from'),
  invalid('a review figure with a negative day', 'complaints.tickets', () => ({ query: {}, figure: { bucket: -1 } }), 'figure.bucket'),
  invalid('a comments page that is not a cursor', 'complaints.comments', () => ({ query: {}, cursor: 'not a cursor!' }), 'cursor'),
  invalid('a missing required field', 'tickets.get', () => ({}), 'id'),
  invalid('an id that is not a UUID', 'tickets.get', () => ({ id: 'ticket-1' }), 'id'),
  invalid('an id of the wrong type', 'tickets.get', () => ({ id: 42 }), 'id'),
  invalid('null as the whole input of a channel with required fields', 'tickets.get', () => null, 'id'),
  invalid('an array as the whole input', 'tickets.list', () => [], '(root)'),
  invalid('a number as the whole input', 'settings.get', () => 7, '(root)'),
  invalid('a string as the whole input', 'tickets.get', () => 'id', '(root)'),
  invalid('an extra key on an empty input (inputs are strict)', 'app.info', () => ({ admin: true })),
  invalid('an extra key beside valid ones', 'tickets.get', (f) => ({ id: f.ticketId, include: 'everything' })),
  invalid('a __proto__ key', 'settings.update', () => JSON.parse('{"__proto__": {"theme": "dark"}}')),
  invalid('an unknown enum value', 'settings.update', () => ({ theme: 'purple' }), 'theme'),
  invalid('null where a value is required', 'settings.update', () => ({ locale: null }), 'locale'),
  invalid('a limit of zero', 'tickets.list', () => ({ limit: 0 }), 'limit'),
  invalid('a limit over the maximum', 'tickets.list', () => ({ limit: 100_000 }), 'limit'),
  invalid('a limit that is a string', 'tickets.list', () => ({ limit: '10' }), 'limit'),
  invalid('a fractional limit', 'tickets.list', () => ({ limit: 2.5 }), 'limit'),
  invalid('an unknown view', 'tickets.list', () => ({ view: 'everything' }), 'view'),
  invalid('an unknown status in a filter', 'tickets.list', () => ({ filter: { statuses: ['bogus'] } }), 'filter.statuses.0'),
  invalid('an extra key inside a filter', 'tickets.list', () => ({ filter: { sql: '1=1' } })),
  invalid('an oversized cursor', 'tickets.list', () => ({ cursor: tooLong(513) }), 'cursor'),
  invalid('a cursor Core did not make', 'tickets.list', () => ({ cursor: 'not-a-cursor' })),
  invalid('an oversized search query', 'search.query', () => ({ q: tooLong(201) }), 'q'),
  invalid('a search query of the wrong type', 'search.query', () => ({ q: ['order'] }), 'q'),
  invalid(
    'too many search kinds',
    'search.query',
    () => ({ q: 'a', kinds: ['ticket', 'message', 'contact', 'account', 'article', 'ticket'] }),
    'kinds',
  ),
  invalid('an empty contact query', 'contacts.find', () => ({ query: '' }), 'query'),
  invalid('presence without the typing flag', 'presence.set', (f) => ({ ticketId: f.ticketId }), 'typing'),
  invalid('presence on a ticket id that is not a UUID', 'presence.set', () => ({ ticketId: 'T-1', typing: false }), 'ticketId'),
  invalid('an extra key on a presence announcement', 'presence.set', () => ({ ticketId: null, typing: false, userId: 'me' })),
  invalid('presence.get for no ticket', 'presence.get', () => ({ ticketId: null }), 'ticketId'),
  invalid('tickets.find with nothing to find', 'tickets.find', () => ({ query: '   ' }), 'query'),
  refused('requester context of a ticket that does not exist', 'tickets.requesterContext', (f) => ({ ticketId: f.missingId }), 'NOT_FOUND'),
  invalid(
    'a draft in an unknown mode',
    'drafts.save',
    (f) => ({ ticketId: f.ticketId, draft: { mode: 'email', body: 'x', submitAs: null } }),
    'draft.mode',
  ),
  invalid('a draft for a ticket id that is not a UUID', 'drafts.get', () => ({ ticketId: '42' }), 'ticketId'),
  invalid(
    'a portfolio view without a name',
    'portfolioViews.save',
    () => ({ view: { id: PORTFOLIO_VIEW_ID, name: '  ', filter: {}, sort: 'name' } }),
    'view.name',
  ),
  refused('deleting a portfolio view that does not exist', 'portfolioViews.delete', (f) => ({ id: f.missingId }), 'NOT_FOUND'),
  invalid('an oversized contact query', 'contacts.find', () => ({ query: tooLong(10_000) }), 'query'),
  invalid('an unknown lifecycle stage', 'accounts.list', () => ({ lifecycleStages: ['vip'] }), 'lifecycleStages.0'),

  invalid(
    'a server address that is not http(s)',
    'session.signIn',
    () => ({ serverUrl: 'file:///etc/passwd', email: 'a@b.c', password: 'x' }),
    'serverUrl',
  ),
  invalid('a sign-in without a password', 'session.signIn', () => ({ serverUrl: 'http://127.0.0.1:9', email: 'a@b.c' }), 'password'),
  invalid('a sign-out that does not say whether to wipe', 'session.signOut', () => ({}), 'wipe'),
  invalid('an unknown resolution', 'sync.resolve', (f) => ({ id: f.missingId, choice: 'merge_somehow' }), 'choice'),
  refused('resolving an issue that does not exist', 'sync.resolve', (f) => ({ id: f.missingId, choice: 'dismiss' }), 'NOT_FOUND'),
  invalid('a mutator outside the contract', 'mutations.run', () => ({ name: 'ticket.destroy', args: {} }), 'name'),
  invalid('mutator arguments of the wrong shape', 'mutations.run', () => ({ name: 'ticket.setStatus', args: { id: 'x' } }), 'args.id'),
  invalid(
    'holding a change that is not about a ticket for undo',
    'mutations.run',
    (f) => ({ name: 'account.update', args: { id: f.accountId, changes: { name: 'Held' } }, undoable: true }),
    'undoable',
  ),
  refused('undoing a change that was never held', 'mutations.undo', () => ({ mutationId: 999_999 }), 'CONFLICT'),
  invalid('an input Next ticket does not take', 'routing.nextTicket', () => ({ teamId: 'billing' })),
  refused('Next ticket without a server to decide it', 'routing.nextTicket', () => ({}), 'UNAVAILABLE'),
  invalid('undoing a change named by no id', 'mutations.undo', () => ({ mutationId: 0 }), 'mutationId'),
  refused(
    'a mutation a business rule refuses',
    'mutations.run',
    (f) => ({ name: 'ticket.escalate', args: { id: f.ticketId, tier: 1, reason: 'down' } }),
    'RULE_VIOLATION',
  ),
];

/** The call made after every invalid one, to show the transport and Core still answer. */
export const HEALTH_CHECK = { channel: 'settings.get', input: {} } as const;
