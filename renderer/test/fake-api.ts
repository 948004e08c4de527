/**
 * A fake Api for component tests, built the same way as the real one: calls go through the
 * contract's dispatcher, so every input the UI sends is validated (and defaulted) exactly as Core
 * would, and every answer must match the contract's output schema.
 *
 * Tickets live in an in-memory store and changes run the real shared mutators against it, as
 * Core's optimistic pass does; `backend` lets a test play the server (acknowledge the outbox,
 * report a conflict, go offline).
 */
import type { DeviceHolder } from '../../shared/areas/session/channels.ts';
import { buildBridge, createApi, type Api, type EventSubscriber } from '../../shared/contract/api.ts';
import type { SessionState, Settings, SyncIssue, SyncStatus, TicketDraft } from '../../shared/contract/channels.ts';
import { createDispatch, type Handlers } from '../../shared/contract/dispatch.ts';
import { AppError } from '../../shared/contract/errors.ts';
import type { EventName, EventPayload } from '../../shared/contract/events.ts';
import type { TicketFilter, User } from '../../shared/domain/records.ts';
import { ticketSlaStateAt } from '../../shared/sla/ticket-sla.ts';
import { BUILTIN_VIEWS, builtinView, type BuiltinView } from '../../shared/domain/views.ts';
import { MemoryTx } from '../../shared/sync/memory-tx.ts';
import { reasonText } from '../../shared/health/reasons.ts';
import { healthFell, healthTrend } from '../../shared/health/trend.ts';
import type { PortfolioView } from '../../shared/areas/accounts/channels.ts';
import { mutationIdFactory, mutators, subjectOf } from '../../shared/sync/mutators.ts';
import type { EntityRows, MutatorTx } from '../../shared/sync/tx.ts';
import { computeMetrics } from '../../shared/metrics/compute.ts';
import { computeMyDay } from '../../shared/metrics/my-day.ts';
import { defaultAssumptions } from '../../shared/staffing/defaults.ts';
import { complaintReview, complaintTicketIds, isLowAnswer, reviewSpan, type ComplaintFact } from '../../shared/complaints/review.ts';
import * as fx from './fixtures.ts';

export interface FakeApi {
  api: Api;
  /** Every call, in order, with its input as parsed by the contract. */
  calls: { channel: string; input: unknown }[];
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  backend: FakeBackend;
}

export interface FakeBackend {
  /** The local cache the mutators run against. */
  tx: MemoryTx;
  /** The mutations queued to go out, in order (a discarded one is not; an undone one is `change.withdrawn`). */
  outbox: readonly { name: string; args: unknown }[];
  status(): SyncStatus;
  /** Changes the sync status and announces it, as Core does. */
  setStatus(patch: Partial<SyncStatus>): void;
  /** The server acknowledged every pending mutation: their rows get versions, the outbox empties. */
  acknowledge(): void;
  /** The server reported an issue (a conflict or a rejection). */
  addIssue(issue: SyncIssue): void;
}

export interface FakeOptions {
  /** Start signed out, with these remembered sign-in details (and, with `deviceHolder`, someone's data left on the device). */
  signedOut?: { rememberedServerUrl: string | null; rememberedEmail: string | null; deviceHolder?: DeviceHolder | null };
  status?: Partial<SyncStatus>;
  issues?: SyncIssue[];
  /** Signed in as this person instead of the agent Mei (e.g. a supervisor). */
  user?: User;
}

/** The fake server's address and the demo agent's password; any other password is wrong. */
export const SERVER_URL = 'https://support.example.com';
export const PASSWORD = 'correct horse battery staple';
/** A server that never answers. */
export const UNREACHABLE_URL = 'https://unreachable.example.com';
/** Failed sign-ins before the server starts refusing them. */
const SIGN_IN_ATTEMPTS = 3;
const CLIENT_ID = fx.id('client');

const { body: _body, ...articleSummary } = fx.article;

/** Keyset paging over an in-memory array; the cursor is the index of the next row. */
function page<T>(rows: readonly T[], cursor: string | null, limit: number) {
  const start = cursor ? Number(cursor) : 0;
  const end = Math.min(rows.length, start + limit);
  return { rows: rows.slice(start, end), nextCursor: end < rows.length ? String(end) : null };
}

function seed(): MemoryTx {
  const tx = new MemoryTx(null);
  tx.put('team', fx.team);
  for (const user of fx.users) tx.put('user', user);
  tx.put('account', fx.account);
  tx.put('contact', fx.dana);
  tx.put('contact', fx.wang);
  tx.put('ticket', fx.ticket);
  tx.put('ticket', fx.closedTicket);
  for (const { authorName: _name, ...message } of fx.ticketDetail.messages) tx.put('message', message);
  for (const event of fx.ticketDetail.events) tx.put('ticket_event', event);
  return tx;
}

/** The complaint tickets in the store, as Core reads them for the review. */
function complaintFacts(tx: MemoryTx): ComplaintFact[] {
  return tx.all('ticket').flatMap((t) =>
    t.complaintCategoryId === undefined
      ? []
      : [
          {
            id: t.id,
            createdAt: t.createdAt,
            status: t.status,
            teamId: t.teamId,
            categoryId: t.complaintCategoryId,
            rootCause: t.rootCause ?? null,
            customerType: tx.get('contact', t.requesterId)?.customerType ?? null,
          },
        ],
  );
}

/** A ticket as `tickets.get` answers it, read from the store. */
function ticketDetail(tx: MemoryTx, id: string) {
  const ticket = tx.get('ticket', id);
  const requester = ticket && tx.get('contact', ticket.requesterId);
  const team = ticket && tx.get('team', ticket.teamId);
  if (!ticket || !requester || !team) throw new AppError('NOT_FOUND', `no ticket ${id}`);
  const assignee = ticket.assigneeId ? tx.get('user', ticket.assigneeId) : null;
  const nameOf = (authorId: string | null) => (authorId ? (tx.get('user', authorId) ?? tx.get('contact', authorId))?.name : null) ?? null;
  return {
    ticket,
    requester,
    account: ticket.accountId ? tx.get('account', ticket.accountId) : null,
    assignee: assignee ? { id: assignee.id, name: assignee.name, role: assignee.role } : null,
    team: { id: team.id, name: team.name },
    thread: 'cached' as const,
    messages: tx.messagesOf(id).map((m) => ({ ...m, authorName: nameOf(m.authorId) })),
    events: tx
      .all('ticket_event')
      .filter((e) => e.ticketId === id)
      .sort((a, b) => a.at - b.at),
    links: tx
      .all('ticket_link')
      .filter((link) => link.ticketId === id || link.otherTicketId === id)
      .flatMap((link) => {
        const outgoing = link.ticketId === id;
        const other = tx.get('ticket', outgoing ? link.otherTicketId : link.ticketId);
        if (!other) return [];
        const roles = {
          duplicate: ['merged_into', 'merged_from'],
          follow_up: ['follow_up_of', 'follow_up'],
          related: ['related', 'related'],
        };
        const role = roles[link.kind][outgoing ? 0 : 1] as 'related';
        const ref = { id: other.id, number: other.number, subject: other.subject, status: other.status };
        return [{ linkId: link.id, role, ticket: ref, at: link.createdAt }];
      }),
  };
}

/** `tickets.find` over the store: by number ("#1000"), or by words of the subject. */
function findTickets(tx: MemoryTx, query: string, excludeId: string | undefined, limit: number) {
  const number = /^#?(\d+)$/.exec(query)?.[1];
  const words = query.toLowerCase();
  return tx
    .all('ticket')
    .filter((t) => t.id !== excludeId && (number ? t.number === Number(number) : t.subject.toLowerCase().includes(words)))
    .slice(0, limit)
    .map((t) => ({
      id: t.id,
      number: t.number,
      subject: t.subject,
      status: t.status,
      requesterName: tx.get('contact', t.requesterId)?.name ?? '',
    }));
}

/** Saved views the signed-in person may open, as views.list orders them: their own, then shared. */
function visibleViews(tx: MemoryTx) {
  return tx
    .all('saved_view')
    .filter((v) => v.ownerId === null || v.ownerId === fx.me.id)
    .sort((a, b) => Number(a.ownerId === null) - Number(b.ownerId === null) || a.position - b.position || a.name.localeCompare(b.name));
}

/** Core's view counts, by brute force over the store's tickets (Core keeps them on write). */
function countTickets(tx: MemoryTx, filter: TicketFilter) {
  const any = <T>(values: readonly T[] | undefined, value: T) => values === undefined || values.includes(value);
  const count = tx.all('ticket').filter((t) => {
    const due = Math.min(...[t.firstReplyDueAt, t.nextReplyDueAt, t.resolutionDueAt].map((d) => d ?? Infinity));
    const assignees = filter.assigneeIds?.map((a) => (a === 'me' ? fx.me.id : a));
    return (
      any(filter.statuses, t.status) &&
      any(filter.priorities, t.priority) &&
      any(filter.types, t.type) &&
      any(filter.channels, t.channel) &&
      any(assignees, t.assigneeId) &&
      any(filter.teamIds, t.teamId) &&
      any(filter.accountIds, t.accountId ?? '') &&
      any(filter.requesterIds, t.requesterId) &&
      (filter.tags === undefined || filter.tags.some((tag) => t.tags.includes(tag))) &&
      t.createdAt >= (filter.createdFrom ?? -Infinity) &&
      t.createdAt <= (filter.createdTo ?? Infinity) &&
      t.updatedAt >= (filter.updatedFrom ?? -Infinity) &&
      t.updatedAt <= (filter.updatedTo ?? Infinity) &&
      (filter.dueBefore === undefined || due < filter.dueBefore) &&
      (filter.slaAtRiskAt === undefined || ticketSlaStateAt(t.sla, filter.slaAtRiskAt) === 'at_risk') &&
      (filter.slaBreachedBy === undefined || ticketSlaStateAt(t.sla, filter.slaBreachedBy) === 'breached')
    );
  }).length;
  return { count, capped: false };
}

function holderOf(person: User, serverUrl: string, unsentChanges: number): DeviceHolder {
  return { name: person.name, email: person.email, serverUrl, unsentChanges };
}

export function createFakeApi(overrides: Partial<Handlers> = {}, options: FakeOptions = {}): FakeApi {
  let portfolioViews: PortfolioView[] = [];
  let settings: Settings = { theme: 'light', locale: 'en', density: 'comfortable', notifications: true, undoSeconds: 5 };
  const calls: FakeApi['calls'] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const emit: FakeApi['emit'] = (event, payload) => listeners.get(event)?.forEach((listener) => listener(payload));

  const tx = seed();
  let session: SessionState = options.signedOut
    ? { status: 'signed_out', user: null, serverUrl: null, deviceHolder: null, ...options.signedOut }
    : {
        status: 'signed_in',
        user: options.user ?? fx.me,
        serverUrl: SERVER_URL,
        rememberedServerUrl: SERVER_URL,
        rememberedEmail: fx.me.email,
        deviceHolder: holderOf(fx.me, SERVER_URL, 0),
      };
  let issues: SyncIssue[] = [...(options.issues ?? [])];
  let status: SyncStatus = {
    connection: 'online',
    pendingMutations: 0,
    openIssues: issues.length,
    lastSyncedAt: fx.NOW,
    lastError: null,
    ...options.status,
  };
  let failedSignIns = 0;
  const drafts = new Map<string, TicketDraft>();
  let lastMutationId = 0;
  /** Rows written by mutations the server has not acknowledged yet. */
  const unacknowledged = new Map<string, { entity: 'ticket' | 'message'; id: string }>();

  const setStatus = (patch: Partial<SyncStatus>) => {
    status = { ...status, ...patch, openIssues: issues.length };
    emit('sync.changed', status);
  };
  const setSession = (next: SessionState) => {
    session = next;
    emit('session.changed', session);
    return session;
  };
  /** Runs a mutator as Core's optimistic pass does, noting the rows it wrote for the outbox. */
  /** The mutations queued to go out, in order (a discarded one is not). */
  const outbox: { name: string; args: unknown }[] = [];
  /** Changes held for undo (until the fake server acknowledges), with the rows as they were before each. */
  const held = new Map<number, { at: number; ticketId: string; before: Map<string, () => void> }>();
  const runMutator = (name: keyof typeof mutators, args: unknown, onConflict: 'queue' | 'discard' = 'queue', undoable = false) => {
    const user = session.user;
    if (!user) throw new AppError('UNAUTHORIZED', 'nobody is signed in');
    const mutationId = ++lastMutationId;
    // How to put back each row the mutation writes (what Core's optimistic_base does).
    const before = new Map<string, () => void>();
    const saveBefore = (entity: Parameters<MutatorTx['get']>[0], rowId: string) => {
      const key = `${entity}:${rowId}`;
      if (before.has(key)) return;
      const row = tx.get(entity, rowId);
      before.set(key, () => (row ? tx.put(entity, row as never) : tx.del(entity, rowId)));
    };
    const recording: MutatorTx = {
      get: (entity, rowId) => tx.get(entity, rowId),
      put: (entity, row) => {
        if (entity === 'ticket' || entity === 'message') unacknowledged.set(row.id, { entity, id: row.id });
        saveBefore(entity, row.id);
        tx.put(entity, row);
      },
      del: (entity, rowId) => {
        saveBefore(entity, rowId);
        tx.del(entity, rowId);
      },
      lastEvent: (ticketId, kind) => tx.lastEvent(ticketId, kind),
      messagesOf: (ticketId) => tx.messagesOf(ticketId),
      nextTicketNumber: () => tx.nextTicketNumber(),
    };
    const mutator = mutators[name] as { apply(tx: MutatorTx, args: unknown, ctx: unknown): { conflicts: unknown[] } | void };
    const outcome = mutator.apply(recording, args, {
      actor: { id: user.id, tenantId: user.tenantId, role: user.role, teamIds: user.teamIds },
      now: Date.now(),
      authoritative: false,
      newId: mutationIdFactory(CLIENT_ID, mutationId),
    });
    // Discarded, as Core does: not queued. (Core also rolls back what the run wrote; the only
    // mutators that write before conflicting are not run with 'discard' by the renderer.)
    if (outcome?.conflicts.length && onConflict === 'discard') {
      lastMutationId--;
      return { mutationId: null, outcome };
    }
    if (undoable) held.set(mutationId, { at: outbox.length, ticketId: subjectOf(name, args)?.id ?? '', before });
    outbox.push({ name, args });
    emit('data.changed', { entity: 'ticket', ids: [] });
    emit('data.changed', { entity: 'message', ids: [] });
    if (name === 'macro.upsert') emit('data.changed', { entity: 'macro', ids: [] });
    if (name.startsWith('task.')) emit('data.changed', { entity: 'task', ids: [] });
    if (name === 'view.upsert' || name === 'view.delete') emit('data.changed', { entity: 'view', ids: [] });
    if (name.startsWith('calendar.') || name.startsWith('slaPolicy.')) emit('data.changed', { entity: 'sla', ids: [] });
    if (subjectOf(name, args)?.entity !== 'ticket' && /^(presence|user|routingRule|shiftTemplate|shift|timeOff|staffing|swap)\./.test(name))
      emit('data.changed', { entity: 'routing', ids: [] });
    setStatus({ pendingMutations: status.pendingMutations + 1 });
    return { mutationId, outcome };
  };
  const acknowledge = () => {
    held.clear();
    for (const { entity, id } of unacknowledged.values()) {
      const row = tx.get(entity, id);
      if (row) tx.put(entity, { ...row, version: row.version + 1 });
    }
    unacknowledged.clear();
    emit('data.changed', { entity: 'ticket', ids: [] });
    emit('data.changed', { entity: 'message', ids: [] });
    setStatus({ connection: 'online', pendingMutations: 0, lastSyncedAt: Date.now(), lastError: null });
  };

  const namedSwap = (s: EntityRows['shift_swap']) => ({
    ...s,
    fromName: tx.get('user', s.fromUserId)?.name ?? '',
    toName: tx.get('user', s.toUserId)?.name ?? '',
  });
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
    // The person signed in is the directory's "me", as they are in Core's cache.
    'directory.get': () => {
      const me = session.user ?? fx.me;
      return { me, users: fx.users.map((u) => (u.id === me.id ? me : u)), teams: [fx.team] };
    },
    // As Core answers: the person's open tasks and those completed since, with the names of what each is about.
    'tasks.mine': ({ completedSince, limit }) => {
      const me = session.user?.id;
      const mine = tx
        .all('task')
        .filter((k) => k.assigneeId === me && (k.completedAt === null || (completedSince !== null && k.completedAt >= completedSince)))
        .sort((a, b) => a.dueAt - b.dueAt);
      const ticket = (id: string | null) => (id ? tx.get('ticket', id) : null);
      return {
        tasks: mine.slice(0, limit).map((k) => ({
          ...k,
          accountName: (k.accountId && tx.get('account', k.accountId)?.name) || null,
          contactName: (k.contactId && tx.get('contact', k.contactId)?.name) || null,
          ticketNumber: ticket(k.ticketId)?.number ?? null,
          ticketSubject: ticket(k.ticketId)?.subject ?? null,
        })),
        truncated: mine.length > limit,
      };
    },
    'tickets.list': (input) => page(fx.QUEUE, input.cursor, input.limit),
    'tickets.get': ({ id }) => ticketDetail(tx, id),
    'views.list': () => ({ views: visibleViews(tx) }),
    'views.counts': () => ({
      builtin: Object.fromEntries(
        BUILTIN_VIEWS.map((v) => [v, countTickets(tx, builtinView(v, Date.now(), fx.me.teamIds).filter)]),
      ) as Record<BuiltinView, { count: number; capped: boolean }>,
      saved: Object.fromEntries(visibleViews(tx).map((v) => [v.id, countTickets(tx, v.filter)])),
    }),
    'tickets.find': ({ query, excludeId, limit }) => ({ tickets: findTickets(tx, query, excludeId, limit) }),
    'tickets.requesterContext': ({ ticketId }) => {
      const shown = tx.get('ticket', ticketId);
      if (!shown) throw new AppError('NOT_FOUND', `no ticket ${ticketId}`);
      const others = tx
        .all('ticket')
        .filter((t) => t.requesterId === shown.requesterId && t.id !== shown.id)
        .sort((a, b) => b.updatedAt - a.updatedAt);
      return {
        tickets: others
          .slice(0, 10)
          .map((t) => ({ id: t.id, number: t.number, subject: t.subject, status: t.status, updatedAt: t.updatedAt })),
        ticketCount: others.length,
        feedback: tx
          .all('feedback')
          .filter((f) => f.contactId === shown.requesterId)
          .sort((a, b) => b.createdAt - a.createdAt),
      };
    },
    // Drafts are Core's, on this device: here they live as long as the fake Api, across remounts.
    'drafts.get': ({ ticketId }) => ({ draft: drafts.get(ticketId) ?? null }),
    'drafts.save': ({ ticketId, draft }) => {
      if (draft.body.trim() === '') drafts.delete(ticketId);
      else drafts.set(ticketId, draft);
      return {};
    },
    'drafts.clear': ({ ticketId }) => {
      drafts.delete(ticketId);
      return {};
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
    // Read from the store, so the account page shows what its mutations changed.
    'accounts.get': ({ id }) => {
      const account = tx.get('account', id);
      if (!account) throw new AppError('NOT_FOUND', `no account ${id}`);
      const owner = account.ownerId ? tx.get('user', account.ownerId) : null;
      return {
        account,
        owner: owner ? { id: owner.id, name: owner.name, role: owner.role } : null,
        contacts: tx
          .all('contact')
          .filter((c) => c.accountId === id)
          .sort((a, b) => a.name.localeCompare(b.name)),
        recentTickets: fx.QUEUE.slice(0, 3),
        ticketCount: 42,
        openTasks: tx
          .all('task')
          .filter((t) => t.accountId === id && t.completedAt === null)
          .sort((a, b) => a.dueAt - b.dueAt)
          .map((t) => ({ ...t, assigneeName: tx.get('user', t.assigneeId)?.name ?? null })),
      };
    },
    'accounts.portfolio': (input) =>
      page(
        tx
          .all('account')
          .filter((a) => input.owner === 'all' || a.ownerId === session.user?.id)
          .filter(() => !input.healthFell || healthFell(healthTrend(fx.healthHistory)))
          .map((a) => ({
            id: a.id,
            name: a.name,
            domain: a.domain,
            tier: a.tier,
            lifecycleStage: a.lifecycleStage,
            ownerId: a.ownerId,
            ownerName: (a.ownerId && tx.get('user', a.ownerId)?.name) || null,
            renewalDate: a.renewalDate,
            healthScore: a.healthScore,
            annualValueMinor: a.annualValueMinor,
            currency: a.currency,
            contactCount: tx.all('contact').filter((c) => c.accountId === a.id).length,
            openTicketCount: 3,
            lastContactAt: null,
            healthTrend: healthTrend(fx.healthHistory),
            nextTask: null,
          })),
        input.cursor,
        input.limit,
      ),
    // Interactions, feedback and tasks of the store, newest first (tickets are the fixtures' queue, not here).
    'accounts.timeline': ({ accountId, kinds, cursor, limit }) => {
      const nameOf = (id: string | null) => (id ? (tx.get('user', id) ?? tx.get('contact', id))?.name : null) ?? null;
      const entries = [
        ...tx
          .all('interaction')
          .filter((i) => i.accountId === accountId)
          .map((i) => ({
            kind: 'interaction' as const,
            id: i.id,
            at: i.occurredAt,
            interactionKind: i.kind,
            summary: i.summary,
            durationMinutes: i.durationMinutes ?? null,
            outcome: i.outcome ?? null,
            authorName: nameOf(i.authorId),
            contactName: nameOf(i.contactId),
          })),
        ...tx
          .all('feedback')
          .filter((f) => f.accountId === accountId)
          .map((f) => ({
            kind: 'feedback' as const,
            id: f.id,
            at: f.createdAt,
            feedbackKind: f.kind,
            score: f.score,
            comment: f.comment,
            contactName: nameOf(f.contactId),
          })),
        ...tx
          .all('task')
          .filter((t) => t.accountId === accountId)
          .map((t) => ({
            kind: 'task' as const,
            id: t.id,
            at: t.createdAt,
            title: t.title,
            dueAt: t.dueAt,
            completedAt: t.completedAt,
            assigneeName: nameOf(t.assigneeId),
          })),
      ]
        .filter((e) => kinds.length === 0 || kinds.includes((e.kind === 'interaction' ? e.interactionKind : e.kind) as never))
        .sort((a, b) => b.at - a.at);
      return page(entries, cursor, limit);
    },
    'accounts.health': () => {
      const reasons = [
        { group: 'support', code: 'urgent_open', points: 14, value: 2 },
        { group: 'engagement', code: 'days_since_interaction', points: 4, value: 60 },
      ] as const;
      return {
        score: 82,
        band: 'healthy',
        source: 'live',
        reasons: reasons.map((r) => ({ ...r, text: reasonText(r) })),
        history: fx.healthHistory,
      };
    },
    // As Core keeps them: the person's views, by name.
    'portfolioViews.list': () => ({ views: [...portfolioViews].sort((a, b) => a.name.localeCompare(b.name)) }),
    'portfolioViews.save': ({ view }) => {
      portfolioViews = [...portfolioViews.filter((v) => v.id !== view.id), view];
      return { views: [...portfolioViews].sort((a, b) => a.name.localeCompare(b.name)) };
    },
    'portfolioViews.delete': ({ id }) => {
      if (!portfolioViews.some((v) => v.id === id)) throw new AppError('NOT_FOUND', 'that view does not exist');
      portfolioViews = portfolioViews.filter((v) => v.id !== id);
      return { views: [...portfolioViews].sort((a, b) => a.name.localeCompare(b.name)) };
    },
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
    // As Core answers: shared macros and the person's own (tests put them in `backend.tx`).
    'macros.list': ({ includeInactive }) => ({
      macros: tx
        .all('macro')
        .filter((m) => (m.ownerId === null || m.ownerId === session.user?.id) && (includeInactive || m.active))
        .sort((a, b) => a.title.localeCompare(b.title)),
    }),
    'macros.get': ({ id }) => {
      const macro = tx.get('macro', id);
      if (!macro || (macro.ownerId !== null && macro.ownerId !== session.user?.id)) throw new AppError('NOT_FOUND', `no macro ${id}`);
      return macro;
    },
    // As Core answers: calendars by name, policies in order (tests put them in `backend.tx`).
    'sla.settings': () => ({
      calendars: tx.all('business_calendar').sort((a, b) => a.name.localeCompare(b.name)),
      policies: tx.all('sla_policy').sort((a, b) => a.position - b.position || a.id.localeCompare(b.id)),
    }),
    'routing.nextTicket': () => ({ outcome: 'none', reason: 'nothing_waiting' }),
    'routing.myPresence': () => ({
      presence: session.user ? tx.get('agent_presence', session.user.id) : null,
      pullMode: (session.user?.teamIds ?? []).some((team) => {
        const rule = tx.get('routing_rule', team);
        return rule?.enabled === true && rule.mode === 'pull';
      }),
    }),
    // No recompute under way; tests that show one send `sla.recompute` events.
    'sla.recompute': () => null,
    // As Core answers: teams and people by name, with their rules, profiles and presence.
    'routing.settings': () => ({
      teams: tx
        .all('team')
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((t) => ({ id: t.id, name: t.name, rule: tx.get('routing_rule', t.id) })),
      agents: tx
        .all('user')
        .filter((u) => u.active)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((user) => ({ user, presence: tx.get('agent_presence', user.id) })),
      templates: tx.all('shift_template').sort((a, b) => a.name.localeCompare(b.name)),
    }),
    // Nothing forecast and nobody scheduled, with the team's assumptions; tests give their own heatmap.
    'routing.coverage': ({ teamId, weekOf }) => ({
      weekStart: weekOf,
      timeZone: 'UTC',
      weeksObserved: 0,
      assumptions: tx.get('staffing_assumption', teamId) ?? defaultAssumptions(teamId),
      custom: tx.get('staffing_assumption', teamId) !== null,
      cells: Array.from({ length: 168 }, (_, hourOfWeek) => ({ hourOfWeek, required: 0, scheduled: 0, understaffed: false })),
    }),
    'routing.roster': ({ from, to }) => ({
      agents: tx
        .all('user')
        .filter((u) => u.active && u.role === 'agent')
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((user) => ({
          user,
          shifts: tx
            .all('shift_week')
            .filter((w) => w.userId === user.id)
            .flatMap((w) => w.shifts)
            .filter((s) => s.start < to && s.end > from)
            .sort((a, b) => a.start - b.start),
          timeOff: tx.all('time_off').filter((t) => t.userId === user.id && t.start < to && t.end > from),
        })),
      teams: tx.all('team').map((t) => ({ id: t.id, name: t.name })),
      templates: tx.all('shift_template').sort((a, b) => a.name.localeCompare(b.name)),
      swaps: tx
        .all('shift_swap')
        .filter((s) => (s.status === 'offered' || s.status === 'accepted') && s.shift.start < to && s.shift.end > from)
        .map(namedSwap),
    }),
    // As Core answers: the signed-in person's own shifts, time off and swaps, and their team's colleagues.
    'routing.mySchedule': ({ from, to }) => {
      const me = session.user!;
      return {
        shifts: tx
          .all('shift_week')
          .filter((w) => w.userId === me.id)
          .flatMap((w) => w.shifts)
          .filter((s) => s.start < to && s.end > from)
          .sort((a, b) => a.start - b.start),
        timeOff: tx.all('time_off').filter((t) => t.userId === me.id && t.start < to && t.end > from),
        swaps: tx
          .all('shift_swap')
          .filter((s) => s.fromUserId === me.id || s.toUserId === me.id)
          .map(namedSwap),
        colleagues: tx
          .all('user')
          .filter((u) => u.id !== me.id && u.teamIds.some((t) => me.teamIds.includes(t)))
          .map((u) => ({ id: u.id, name: u.name, teamIds: u.teamIds })),
        teams: tx.all('team').map((t) => ({ id: t.id, name: t.name })),
      };
    },
    'search.query': () => ({ hits: fx.searchHits, totals: [] }),
    'dashboard.summary': () => fx.dashboard,
    'metrics.compute': (query) =>
      computeMetrics({ tickets: [], events: [], feedback: [], presence: [], calendars: new Map() }, query, Date.now()),
    'metrics.myDay': (query) =>
      computeMyDay(
        { tickets: [], events: [], feedback: [], presence: [], calendars: new Map() },
        session.user?.id ?? '',
        query,
        Date.now(),
      ),
    'board.workload': () => fx.board,
    'board.tickets': ({ figure }) => fx.boardTickets(figure),
    'board.escalations': () => fx.escalations,
    // As Core answers, over the tickets and answers tests put in `backend.tx` (shared/complaints/review.ts).
    'complaints.categories': () => tx.all('complaint_category').sort((a, b) => a.position - b.position),
    'complaints.review': (query) => complaintReview(complaintFacts(tx), query, Date.now()),
    'complaints.tickets': ({ query, figure, limit }) => {
      const ids = complaintTicketIds(complaintFacts(tx), query, figure, Date.now());
      const rows = ids.slice(0, limit).map((id) => {
        const t = tx.get('ticket', id)!;
        const requester = tx.get('contact', t.requesterId);
        return {
          id,
          number: t.number,
          subject: t.subject,
          status: t.status,
          createdAt: t.createdAt,
          categoryId: t.complaintCategoryId!,
          rootCause: t.rootCause ?? null,
          requesterName: requester?.name ?? '',
        };
      });
      return { total: ids.length, rows };
    },
    'complaints.comments': ({ query, limit }) => {
      const { start, end } = reviewSpan(query, Date.now());
      const rows = tx
        .all('feedback')
        .filter((f) => isLowAnswer(f) && f.comment.trim() !== '' && f.createdAt >= start && f.createdAt < end)
        .sort((a, b) => b.createdAt - a.createdAt)
        .map((f) => {
          const ticket = f.ticketId ? tx.get('ticket', f.ticketId) : null;
          const contact = f.contactId ? tx.get('contact', f.contactId) : null;
          const account = f.accountId ? tx.get('account', f.accountId) : null;
          return {
            id: f.id,
            kind: f.kind,
            score: f.score,
            comment: f.comment,
            at: f.createdAt,
            ticket: ticket ? { id: ticket.id, number: ticket.number, subject: ticket.subject } : null,
            contact: contact ? { id: contact.id, name: contact.name } : null,
            account: account ? { id: account.id, name: account.name } : null,
          };
        });
      return { rows: rows.slice(0, limit), nextCursor: null };
    },

    'session.get': () => session,
    'session.signIn': ({ serverUrl, email, password, replaceDeviceData }) => {
      if (serverUrl.startsWith(UNREACHABLE_URL)) throw new AppError('UNAVAILABLE', `${serverUrl} did not answer`);
      if (failedSignIns >= SIGN_IN_ATTEMPTS) throw new AppError('RATE_LIMITED', 'too many sign-in attempts');
      if (email !== fx.me.email || password !== PASSWORD) {
        failedSignIns++;
        throw new AppError('UNAUTHORIZED', 'wrong email or password');
      }
      const holder = session.deviceHolder;
      if (holder && holder.email !== email) {
        if (!replaceDeviceData) throw new AppError('OTHER_PERSON_ON_DEVICE', "this device holds another person's data");
        if (holder.unsentChanges > replaceDeviceData.discardUnsent) throw new AppError('UNSENT_CHANGES', 'unsent changes would be lost');
      }
      // The first sign-in downloads the person's work: the bootstrap is under way when the app appears.
      setStatus({ connection: 'syncing', lastSyncedAt: null });
      return setSession({
        status: 'signed_in',
        user: fx.me,
        serverUrl,
        rememberedServerUrl: serverUrl,
        rememberedEmail: email,
        deviceHolder: holderOf(fx.me, serverUrl, 0),
      });
    },
    'session.signOut': ({ wipe, discardUnsent = 0 }) => {
      if (wipe && status.pendingMutations > discardUnsent) throw new AppError('UNSENT_CHANGES', 'unsent changes would be lost');
      if (wipe) {
        issues = [];
        unacknowledged.clear();
        setStatus({ pendingMutations: 0 });
      }
      return setSession({
        status: 'signed_out',
        user: null,
        serverUrl: null,
        rememberedServerUrl: session.serverUrl ?? session.rememberedServerUrl,
        rememberedEmail: session.user?.email ?? session.rememberedEmail,
        deviceHolder: wipe ? null : session.deviceHolder && { ...session.deviceHolder, unsentChanges: status.pendingMutations },
      });
    },

    'sync.status': () => status,
    'sync.now': () => {
      if (status.connection === 'offline') throw new AppError('UNAVAILABLE', 'the server did not answer');
      if (status.connection !== 'local') acknowledge();
      return status;
    },
    'sync.issues': () => ({ issues }),
    'sync.resolve': ({ id, choice }) => {
      const issue = issues.find((i) => i.id === id);
      if (!issue) throw new AppError('NOT_FOUND', `no sync issue ${id}`);
      if ((choice === 'dismiss') !== (issue.kind === 'rejection'))
        throw new AppError('RULE_VIOLATION', `a ${issue.kind} cannot be resolved with ${choice}`);
      issues = issues.filter((i) => i !== issue);
      // "Apply mine" is a new change over their value, queued like any other.
      if (choice === 'apply_mine')
        for (const c of issue.conflicts) {
          const row = tx.get('ticket', c.entityId);
          if (row && c.field === 'status') runMutator('ticket.setStatus', { id: row.id, status: c.mine, base: c.theirs });
        }
      emit('data.changed', { entity: 'sync_issue', ids: [id] });
      setStatus({});
      return { issues };
    },

    // Nobody else is on any ticket unless a test says so (override presence.get, emit presence.changed).
    'presence.set': () => ({}),
    'presence.get': () => ({ viewers: [] }),

    'mutations.run': (call) => {
      const { mutationId, outcome } = runMutator(call.name, call.args, call.onConflict, call.undoable);
      const undoMs = mutationId !== null && call.undoable ? settings.undoSeconds * 1000 : 0;
      return outcome
        ? { mutationId, outcome: 'conflict', conflicts: outcome.conflicts as never, undoMs }
        : { mutationId, outcome: 'applied', conflicts: [], undoMs };
    },
    // Held until the fake server acknowledges; undone, the rows go back and the entry is withdrawn.
    'mutations.undo': ({ mutationId }) => {
      const change = held.get(mutationId);
      if (!change) throw new AppError('CONFLICT', 'that change has already left this console');
      held.delete(mutationId);
      for (const restore of change.before.values()) restore();
      outbox[change.at] = { name: 'change.withdrawn', args: { ticketId: change.ticketId } };
      emit('data.changed', { entity: 'ticket', ids: [] });
      emit('data.changed', { entity: 'message', ids: [] });
      return {};
    },
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
    emit,
    backend: {
      tx,
      outbox,
      status: () => status,
      setStatus,
      acknowledge,
      addIssue(issue) {
        issues = [...issues, issue];
        emit('data.changed', { entity: 'sync_issue', ids: [issue.id] });
        setStatus({});
      },
    },
  };
}
