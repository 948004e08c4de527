/**
 * The contract between the renderer and Core: one map from channel name to input and output
 * schemas. The preload's named methods, the renderer's Api type, the Electron IPC router's
 * allowlist, Core's dispatcher and the web host's routes are all derived from this map, so a
 * channel exists everywhere or nowhere.
 *
 * Channel names are `namespace.method`; the renderer calls them as `api.namespace.method(input)`.
 */
import { z } from 'zod';
import {
  AccountTier,
  Channel,
  CustomerType,
  EscalationTier,
  LifecycleStage,
  Locale,
  Role,
  TicketPriority,
  TicketStatus,
  TicketType,
} from '../domain/enums.ts';
import {
  Account,
  Contact,
  Feedback,
  Id,
  KbArticle,
  Macro,
  Message,
  SavedView,
  Team,
  Ticket,
  TicketEvent,
  TicketFilter,
  TicketSort,
  Timestamp,
  User,
} from '../domain/records.ts';
import { BuiltinView } from '../domain/views.ts';
import { ConflictDetail, SyncEntity } from '../sync/protocol.ts';
import { MUTATOR_NAMES, mutators } from '../sync/mutators.ts';
import { ErrorPayload } from './errors.ts';

const Empty = z.object({}).strict();
const ById = z.object({ id: Id }).strict();
const Cursor = z.string().max(512).nullable().default(null);
const Limit = (max: number, fallback: number) => z.number().int().min(1).max(max).default(fallback);
const Query = z.string().max(200);

export const ThemePreference = z.enum(['system', 'light', 'dark']);
export const LocalePreference = z.enum(['system', ...Locale.options]);

export const Settings = z.object({
  theme: ThemePreference,
  locale: LocalePreference,
  /** Rows per inbox page fetch; the list is virtualized, this only tunes paging. */
  density: z.enum(['comfortable', 'compact']),
  /** Desktop notifications when a ticket is assigned to the person or their customer replies; Core emits none when off. */
  notifications: z.boolean(),
});
export type Settings = z.infer<typeof Settings>;

export const UserRef = z.object({ id: Id, name: z.string(), role: Role });
export const TeamRef = z.object({ id: Id, name: z.string() });

export const TicketListRow = z.object({
  id: Id,
  number: z.number().int().nullable(),
  subject: z.string(),
  status: TicketStatus,
  priority: TicketPriority,
  type: TicketType,
  channel: Channel,
  requesterId: Id,
  requesterName: z.string(),
  customerType: CustomerType,
  accountId: Id.nullable(),
  accountName: z.string().nullable(),
  assigneeId: Id.nullable(),
  assigneeName: z.string().nullable(),
  teamId: Id,
  tags: z.array(z.string()),
  escalationTier: EscalationTier,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** The earliest SLA due time still ahead of the ticket, if any. */
  nextDueAt: Timestamp.nullable(),
  messageCount: z.number().int(),
});
export type TicketListRow = z.infer<typeof TicketListRow>;

export const TicketListInput = z
  .object({
    /** A built-in queue; its filter is combined (AND) with `filter`. */
    view: BuiltinView.optional(),
    /** A saved view (views.list), instead of a built-in queue; its filter is combined (AND) with `filter`. */
    savedViewId: Id.optional(),
    filter: TicketFilter.default({}),
    /** Defaults to the view's own sort, or most recently updated first. */
    sort: TicketSort.optional(),
    cursor: Cursor,
    limit: Limit(200, 50),
  })
  .strict()
  .refine((input) => input.view === undefined || input.savedViewId === undefined, {
    message: 'name a built-in view or a saved view, not both',
    path: ['savedViewId'],
  });

/** How many tickets a queue holds; past `count` when `capped` (the sidebar shows "999+"). */
export const ViewCount = z.object({ count: z.number().int().nonnegative(), capped: z.boolean() });
export type ViewCount = z.infer<typeof ViewCount>;

export const ThreadMessage = Message.extend({ authorName: z.string().nullable() });

/** Enough of another ticket to name it and open it (linked tickets, merge targets, the requester's tickets). */
export const TicketRef = z.object({ id: Id, number: z.number().int().nullable(), subject: z.string(), status: TicketStatus });
export type TicketRef = z.infer<typeof TicketRef>;

/**
 * A link as seen from the ticket shown: `merged_into` (this duplicate was merged into the other),
 * `merged_from` (the other was merged into this one), `follow_up_of` / `follow_up` (this ticket
 * follows up the other / the other follows up this one), `related`.
 */
export const TicketLinkRole = z.enum(['merged_into', 'merged_from', 'follow_up_of', 'follow_up', 'related']);
export const LinkedTicket = z.object({ linkId: Id, role: TicketLinkRole, ticket: TicketRef, at: Timestamp });
export type LinkedTicket = z.infer<typeof LinkedTicket>;

export const TicketDetail = z.object({
  ticket: Ticket,
  requester: Contact,
  account: Account.nullable(),
  assignee: UserRef.nullable(),
  team: TeamRef,
  messages: z.array(ThreadMessage),
  events: z.array(TicketEvent),
  /** The tickets linked to this one; a link whose other ticket is not in the cache is left out. */
  links: z.array(LinkedTicket),
});

/** The statuses a public reply can be submitted as (Zendesk's "submit as"). */
export const SubmitAs = TicketStatus.extract(['open', 'pending', 'on_hold', 'solved']);
export type SubmitAs = z.infer<typeof SubmitAs>;

/** What the person was writing on a ticket: kept on this device only, never synced. */
export const TicketDraft = z.object({
  mode: z.enum(['reply', 'note']),
  /** The composer's text (a safe markdown subset); 100,000 characters, like a message. */
  body: z.string().max(100_000),
  /** Null: the default for the ticket's status at send time. */
  submitAs: SubmitAs.nullable(),
});
export type TicketDraft = z.infer<typeof TicketDraft>;

/** Who asked, in context: their other tickets and the satisfaction they reported. */
export const RequesterContext = z.object({
  /** Their other tickets, most recently updated first (the ticket shown is left out). */
  tickets: z.array(TicketRef.extend({ updatedAt: Timestamp })),
  /** How many other tickets they have in all. */
  ticketCount: z.number().int().nonnegative(),
  /** Their CSAT, NPS and CES answers, newest first. */
  feedback: z.array(Feedback),
});

export const AccountListRow = z.object({
  id: Id,
  name: z.string(),
  domain: z.string().nullable(),
  tier: AccountTier,
  lifecycleStage: LifecycleStage,
  ownerName: z.string().nullable(),
  renewalDate: z.string().nullable(),
  healthScore: z.number().int().nullable(),
  annualValueMinor: z.number().int(),
  currency: z.string(),
  contactCount: z.number().int(),
  openTicketCount: z.number().int(),
});

export const SearchKind = z.enum(['ticket', 'message', 'contact', 'account', 'article']);
export const SearchHit = z.object({
  kind: SearchKind,
  /** The record found (for a message: the message). */
  id: Id,
  /** Where to open it: the ticket of a ticket or message hit, else null. */
  ticketId: Id.nullable(),
  title: z.string(),
  /** For ticket and message hits: the ticket's number, status and requester, so a customer is found by a word they wrote. */
  ticketNumber: z.number().int().nullable(),
  ticketStatus: TicketStatus.nullable(),
  requesterName: z.string().nullable(),
  /** Text around the match; matches are wrapped in HIGHLIGHT_START / HIGHLIGHT_END (shared/search/text.ts). */
  snippet: z.string(),
  at: Timestamp,
});
export type SearchHit = z.infer<typeof SearchHit>;

export const DashboardSummary = z.object({
  generatedAt: Timestamp,
  byStatus: z.record(TicketStatus, z.number().int()),
  unsolvedByPriority: z.record(TicketPriority, z.number().int()),
  unassigned: z.number().int(),
  slaAtRisk: z.number().int(),
  slaBreached: z.number().int(),
  createdLast24h: z.number().int(),
  solvedLast24h: z.number().int(),
  /** Backlog (unsolved tickets) by age since creation. */
  backlogByAge: z.array(z.object({ bucket: z.enum(['lt_1d', '1_3d', '3_7d', '7_30d', 'gt_30d']), count: z.number().int() })),
  workload: z.array(z.object({ user: UserRef, open: z.number().int(), capacity: z.number().int() })),
});
export type DashboardSummary = z.infer<typeof DashboardSummary>;

export const Page = <T extends z.ZodType>(row: T) => z.object({ rows: z.array(row), nextCursor: z.string().nullable() });

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  /** How the renderer reaches Core: the desktop app's IPC, or the web host's HTTP. */
  transport: z.enum(['ipc', 'web', 'direct']),
  platform: z.string(),
  schemaVersion: z.number().int(),
  databasePath: z.string(),
  counts: z.object({ tickets: z.number().int(), messages: z.number().int(), accounts: z.number().int(), contacts: z.number().int() }),
});

/** Where this console stands with the server. 'local': no server configured; the cache is all there is. */
export const ConnectionStatus = z.enum(['local', 'online', 'syncing', 'offline', 'update_required']);

export const SessionState = z.object({
  status: z.enum(['signed_out', 'signed_in']),
  /** The signed-in person (from the local cache), null when signed out. */
  user: User.nullable(),
  /** The server this console syncs with; null for a purely local console. */
  serverUrl: z.string().nullable(),
  /** Prefills the sign-in form after a sign-out. */
  rememberedServerUrl: z.string().nullable(),
  rememberedEmail: z.string().nullable(),
});
export type SessionState = z.infer<typeof SessionState>;

export const SyncStatus = z.object({
  connection: ConnectionStatus,
  pendingMutations: z.number().int().nonnegative(),
  openIssues: z.number().int().nonnegative(),
  lastSyncedAt: Timestamp.nullable(),
  /** Set while offline or failing: why, as an error code (UNAVAILABLE, UNAUTHORIZED…). */
  lastError: ErrorPayload.nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/**
 * Something the server did not apply as the person expected: a conflict on a guarded field (both
 * values, who set theirs and when) or a rejection (the reason). It stays until the person acts.
 */
export const SyncIssue = z.object({
  id: Id,
  kind: z.enum(['conflict', 'rejection']),
  mutationId: z.number().int().positive(),
  mutationName: z.string(),
  entity: SyncEntity.nullable(),
  entityId: Id.nullable(),
  /** A human label for the record, e.g. the ticket's number and subject, when it is in the cache. */
  title: z.string().nullable(),
  conflicts: z.array(ConflictDetail),
  error: ErrorPayload.nullable(),
  createdAt: Timestamp,
});
export type SyncIssue = z.infer<typeof SyncIssue>;

/** One mutation as the renderer asks for it: a mutator name and its arguments, checked by the mutator's own schema. */
export const MutationCall = z.discriminatedUnion(
  'name',
  MUTATOR_NAMES.map((name) => z.object({ name: z.literal(name), args: mutators[name].args })) as unknown as [
    z.ZodObject<{ name: z.ZodLiteral<(typeof MUTATOR_NAMES)[number]>; args: z.ZodType }>,
    ...z.ZodObject<{ name: z.ZodLiteral<(typeof MUTATOR_NAMES)[number]>; args: z.ZodType }>[],
  ],
);

export const MutationReceipt = z.object({
  /** The outbox id: the mutation is sent to the server in this order, exactly once. */
  mutationId: z.number().int().positive(),
  /** What the optimistic run did locally; the server's outcome arrives later (sync issues). */
  outcome: z.enum(['applied', 'conflict']),
  conflicts: z.array(ConflictDetail),
});

/** Someone else looking at (or typing on) a ticket: live while online, the last sighting while offline. */
export const PresenceEntry = z.object({
  userId: Id,
  name: z.string(),
  typing: z.boolean(),
  /** True while the person is connected and on the ticket now; false: `lastSeenAt` is when they were last there. */
  online: z.boolean(),
  lastSeenAt: Timestamp,
});
export type PresenceEntry = z.infer<typeof PresenceEntry>;

export const contract = {
  'app.info': { input: Empty, output: AppInfo },

  'settings.get': { input: Empty, output: Settings },
  'settings.update': { input: Settings.partial().strict(), output: Settings },

  'directory.get': {
    input: Empty,
    output: z.object({ me: User.nullable(), users: z.array(User), teams: z.array(Team) }),
  },

  'tickets.list': { input: TicketListInput, output: Page(TicketListRow) },
  'tickets.get': { input: ById, output: TicketDetail },

  /** The saved views this person may open: their own, then the shared ones. */
  'views.list': { input: Empty, output: z.object({ views: z.array(SavedView) }) },
  /** Ticket counts of every built-in queue and of each saved view views.list returns, kept current on write. */
  'views.counts': {
    input: Empty,
    output: z.object({ builtin: z.record(BuiltinView, ViewCount), saved: z.record(Id, ViewCount) }),
  },
  /** Tickets by number ("1234", "#1234") or by words of their subject, e.g. to pick a merge target. */
  'tickets.find': {
    input: z.object({ query: Query.trim().min(1), excludeId: Id.optional(), limit: Limit(20, 8) }).strict(),
    output: z.object({ tickets: z.array(TicketRef.extend({ requesterName: z.string() })) }),
  },
  'tickets.requesterContext': { input: z.object({ ticketId: Id }).strict(), output: RequesterContext },

  /** The person's unsent text per ticket, kept in this device's cache only (never synced). */
  'drafts.get': { input: z.object({ ticketId: Id }).strict(), output: z.object({ draft: TicketDraft.nullable() }) },
  /** Saving an empty body removes the draft. */
  'drafts.save': { input: z.object({ ticketId: Id, draft: TicketDraft }).strict(), output: Empty },
  'drafts.clear': { input: z.object({ ticketId: Id }).strict(), output: Empty },

  'accounts.list': {
    input: z
      .object({
        query: Query.default(''),
        lifecycleStages: z.array(LifecycleStage).max(5).default([]),
        cursor: Cursor,
        limit: Limit(200, 50),
      })
      .strict(),
    output: Page(AccountListRow),
  },
  'accounts.get': {
    input: ById,
    output: z.object({
      account: Account,
      owner: UserRef.nullable(),
      contacts: z.array(Contact),
      recentTickets: z.array(TicketListRow),
      ticketCount: z.number().int(),
    }),
  },

  'contacts.find': {
    input: z.object({ query: Query.min(1), limit: Limit(50, 10) }).strict(),
    output: z.array(Contact.extend({ accountName: z.string().nullable() })),
  },
  'contacts.get': {
    input: ById,
    output: z.object({
      contact: Contact,
      account: Account.nullable(),
      recentTickets: z.array(TicketListRow),
      ticketCount: z.number().int(),
    }),
  },

  'articles.list': {
    input: z.object({ query: Query.default(''), cursor: Cursor, limit: Limit(200, 50) }).strict(),
    output: Page(KbArticle.omit({ body: true }).extend({ excerpt: z.string() })),
  },
  'articles.get': { input: ById, output: KbArticle },

  /** The macros the person may apply: shared ones and their own, by title; `includeInactive` adds deactivated ones (for managing them). */
  'macros.list': {
    input: z.object({ includeInactive: z.boolean().default(false) }).strict(),
    output: z.object({ macros: z.array(Macro) }),
  },
  /** One macro the person may see (someone else's private macro is NOT_FOUND). */
  'macros.get': { input: ById, output: Macro },

  'search.query': {
    input: z
      .object({
        q: Query,
        kinds: z.array(SearchKind).max(5).default([]),
        /** Only ticket and message hits whose ticket has one of these statuses (other kinds have none). */
        statuses: z.array(TicketStatus).max(6).default([]),
        /** `limit` per kind, hits grouped by kind (the palette's groups), instead of `limit` in all. */
        perKind: z.boolean().default(false),
        limit: Limit(50, 20),
      })
      .strict(),
    output: z.object({ hits: z.array(SearchHit) }),
  },

  'dashboard.summary': { input: Empty, output: DashboardSummary },

  'session.get': { input: Empty, output: SessionState },
  /** Signs in to a server; the first sign-in of this console bootstraps the cache from it. */
  'session.signIn': {
    input: z
      .object({
        serverUrl: z.url({ protocol: /^https?$/ }).max(500),
        email: z.string().trim().min(1).max(254),
        password: z.string().min(1).max(1024),
      })
      .strict(),
    output: SessionState,
  },
  /** Signs out; with `wipe`, also removes the local cache (pending changes not yet sent are lost, so the UI asks first). */
  'session.signOut': { input: z.object({ wipe: z.boolean() }).strict(), output: SessionState },

  'sync.status': { input: Empty, output: SyncStatus },
  /** Push and pull now instead of waiting for the next poke or poll. */
  'sync.now': { input: Empty, output: SyncStatus },
  'sync.issues': { input: Empty, output: z.object({ issues: z.array(SyncIssue) }) },
  /** Conflicts: keep theirs (drop mine) or apply mine (a new mutation over their value). Rejections: dismiss. */
  'sync.resolve': {
    input: z.object({ id: Id, choice: z.enum(['keep_theirs', 'apply_mine', 'dismiss']) }).strict(),
    output: z.object({ issues: z.array(SyncIssue) }),
  },

  /** Every change a person makes: run optimistically against the cache and queued for the server in one transaction. */
  'mutations.run': { input: MutationCall, output: MutationReceipt },

  /** Announces which ticket this person has open (null: none) and whether they are typing; a no-op while offline. */
  'presence.set': { input: z.object({ ticketId: Id.nullable(), typing: z.boolean() }).strict(), output: Empty },
  /** Who else is on a ticket (never the signed-in person): live entries while online, last sightings otherwise. */
  'presence.get': { input: z.object({ ticketId: Id }).strict(), output: z.object({ viewers: z.array(PresenceEntry) }) },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
export type ChannelParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Contract[C]['output']>;

export const CHANNEL_NAMES = Object.keys(contract) as ChannelName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
