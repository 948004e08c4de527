/**
 * The sync wire format between Core's sync client and the server (docs/sync-protocol.md explains
 * the guarantees). Clients send intent as named mutations, never row state; the server sends back
 * row changes in one ordered log, behind an opaque cursor.
 */
import { z } from 'zod';
import { ErrorPayload } from '../contract/errors.ts';
import { Id, Message, Timestamp } from '../domain/records.ts';
import { WAIT_REASONS } from '../routing/decide.ts';
import { SYNCED_ENTITIES } from './entities.ts';
import { Text } from '../domain/text.ts';

/**
 * The schema version of this build's sync messages. The server advertises the range it accepts;
 * a client below the minimum stops syncing, keeps its outbox and asks the person to update.
 */
export const SYNC_SCHEMA_VERSION = 1;

/** Every synced table, as named on the wire, in bootstrap order (parents before children): shared/sync/entities.ts. */
export const SYNC_ENTITIES = Object.keys(SYNCED_ENTITIES) as (keyof typeof SYNCED_ENTITIES)[];
export const SyncEntity = z.enum(SYNC_ENTITIES);
export type SyncEntity = z.infer<typeof SyncEntity>;

export const Mutation = z.object({
  /** Per client: 1, 2, 3, … without gaps. The server processes each exactly once, in order. */
  id: z.number().int().positive(),
  /** A mutator name from shared/sync/mutators.ts, e.g. 'ticket.setStatus'. */
  name: Text.min(1).max(64),
  args: z.unknown(),
  /** The client's clock when the person acted: informational only (client clocks may be days off). */
  clientTime: Timestamp,
});
export type Mutation = z.infer<typeof Mutation>;

/**
 * The most mutations one push carries. A server says how many it takes in /info
 * (`pushMaxMutations`); one that does not say takes PUSH_MAX_MUTATIONS_UNSAID. A larger push
 * writes each ticket of a long offline queue fewer times (docs/sync-protocol.md, "Push").
 */
export const PUSH_MAX_MUTATIONS = 2500;
export const PUSH_MAX_MUTATIONS_UNSAID = 500;
/**
 * The largest request body the server reads (a larger one is refused, PAYLOAD_TOO_LARGE). A full push
 * of replies can be far larger (a reply's body is up to 100,000 characters), so a client also
 * bounds a push's bytes (electron/core/sync/push-batch.ts).
 */
export const REQUEST_BODY_LIMIT_BYTES = 1024 * 1024;

export const PushRequest = z.object({
  clientId: Id,
  schemaVersion: z.number().int().positive(),
  mutations: z.array(Mutation).min(1).max(PUSH_MAX_MUTATIONS),
});
export type PushRequest = z.infer<typeof PushRequest>;

/** A guarded field that moved since the person saw it: both values, and who set theirs when. */
export const ConflictDetail = z.object({
  entity: SyncEntity,
  entityId: Id,
  field: Text,
  base: z.json().nullable(),
  theirs: z.json().nullable(),
  mine: z.json().nullable(),
  theirsBy: Id.nullable(),
  theirsAt: Timestamp.nullable(),
});
export type ConflictDetail = z.infer<typeof ConflictDetail>;

export const MutationResult = z.discriminatedUnion('status', [
  z.object({ id: z.number().int().positive(), status: z.literal('applied') }),
  /** A retry of a mutation the server already processed: its first result stands. */
  z.object({ id: z.number().int().positive(), status: z.literal('alreadyProcessed') }),
  /** A business rule or permission refused it; the id is consumed so the client is never stuck. */
  z.object({ id: z.number().int().positive(), status: z.literal('rejected'), error: ErrorPayload }),
  /** Applied in part or not at all because a guarded field moved; the person decides. */
  z.object({ id: z.number().int().positive(), status: z.literal('conflict'), conflicts: z.array(ConflictDetail).min(1) }),
]);
export type MutationResult = z.infer<typeof MutationResult>;

export const PushResponse = z.object({
  results: z.array(MutationResult),
  /** The last mutation id the server has processed for this client. */
  lastMutationId: z.number().int().nonnegative(),
});
export type PushResponse = z.infer<typeof PushResponse>;

/** 409 body when a push skips ids: the client resends from `expected`. */
export const MutationGap = z.object({ code: z.literal('MUTATION_GAP'), expected: z.number().int().positive() });

export const PullRequest = z.object({
  clientId: Id,
  schemaVersion: z.number().int().positive(),
  /** Null on first pull (bootstrap); otherwise the cursor of the last applied page. */
  cursor: Text.max(512).nullable(),
  /** Upper bound on changes per page; a page never splits a server transaction, so it may exceed this. */
  limit: z.number().int().min(1).max(10_000).default(1000),
});
export type PullRequest = z.infer<typeof PullRequest>;

/** POST /sync/thread: the messages of one ticket the person may see (a thread the cache no longer keeps). */
export const ThreadRequest = z.object({ clientId: Id, schemaVersion: z.number().int().positive(), ticketId: Id });
export type ThreadRequest = z.infer<typeof ThreadRequest>;
export const ThreadResponse = z.object({ messages: z.array(Message) });
export type ThreadResponse = z.infer<typeof ThreadResponse>;

/** POST /sync/search: messages whose body holds every word, newest first, within the person's scopes. */
export const ServerSearchRequest = z.object({
  clientId: Id,
  schemaVersion: z.number().int().positive(),
  /** Words separated by spaces; each must be at least 3 characters (a trigram; docs/architecture.md). */
  query: Text.trim().min(3).max(200),
  limit: z.number().int().min(1).max(50).default(20),
});
export type ServerSearchRequest = z.infer<typeof ServerSearchRequest>;
export const ServerSearchHit = z.object({
  messageId: Id,
  ticketId: Id,
  at: Timestamp,
  /** About 160 characters of the body around the first match, the matches between HIGHLIGHT_START and HIGHLIGHT_END. */
  snippet: Text,
});
export type ServerSearchHit = z.infer<typeof ServerSearchHit>;
export const ServerSearchResponse = z.object({ hits: z.array(ServerSearchHit) });
export type ServerSearchResponse = z.infer<typeof ServerSearchResponse>;

/**
 * POST /routing/next: "Next ticket" for an agent whose team routes in pull mode (docs/routing.md):
 * the most urgent waiting ticket they may take is assigned to them, or why none was.
 */
export const NextTicketRequest = z.object({ clientId: Id, schemaVersion: z.number().int().positive() });
export type NextTicketRequest = z.infer<typeof NextTicketRequest>;
/** Why "Next ticket" gave nothing: no ticket waits, or the routing requirement the agent did not meet. */
export const NextTicketNone = z.enum(['nothing_waiting', ...WAIT_REASONS]);
export type NextTicketNone = z.infer<typeof NextTicketNone>;
export const NextTicketResponse = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('taken'), ticketId: Id }),
  z.object({ outcome: z.literal('none'), reason: NextTicketNone }),
]);
export type NextTicketResponse = z.infer<typeof NextTicketResponse>;

export const RowChange = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('put'),
    entity: SyncEntity,
    id: Id,
    version: z.number().int().positive(),
    // An object, checked without walking its fields (z.record would test and copy every key of
    // every row: a measurable share of a bootstrap); the record store reads the fields it knows.
    row: z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'a row must be an object'),
  }),
  /** A deletion or a row leaving the client's scopes: purge it (tables and search index). */
  z.object({ op: z.literal('del'), entity: SyncEntity, id: Id, version: z.number().int().positive() }),
]);
export type RowChange = z.infer<typeof RowChange>;

export const PullResponse = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('page'),
    changes: z.array(RowChange),
    /** Apply `changes` and store `cursor` in one local transaction. */
    cursor: Text,
    /** Mutations up to this id are reflected in the rows this page (and earlier ones) carried. */
    lastMutationId: z.number().int().nonnegative(),
    /** More pages are ready now; pull again at once. */
    more: z.boolean(),
  }),
  /** The cursor is older than the change log keeps: re-bootstrap, keeping the outbox. */
  z.object({ kind: z.literal('reset'), reason: Text }),
]);
export type PullResponse = z.infer<typeof PullResponse>;

/** One person on a ticket, as the live relay reports them: `at` is the server time of their last announcement. */
export const PresenceViewer = z.object({ userId: Id, name: Text.max(200), typing: z.boolean(), at: Timestamp });
export type PresenceViewer = z.infer<typeof PresenceViewer>;

/**
 * Server -> client over the WebSocket. Pokes are hints: correctness rests on cursors.
 *
 * A poke may carry the changes themselves: `changes` (already filtered to this socket's scopes)
 * take a client whose stored cursor is exactly `base` to `cursor`, as a pull from `base` would. A
 * client holding any other cursor (or with mutations the server has not confirmed) pulls instead.
 * A bare poke (no `base`) means "something changed: pull".
 */
export const ServerFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('poke'),
    base: Text.max(512).optional(),
    cursor: Text.max(512).optional(),
    changes: z.array(RowChange).optional(),
  }),
  /** Everyone on the ticket now (the receiving person included: the client leaves itself out). */
  z.object({ type: z.literal('presence'), ticketId: Id, viewers: z.array(PresenceViewer).max(1000) }),
]);
export type ServerFrame = z.infer<typeof ServerFrame>;

export const ClientFrame = z.discriminatedUnion('type', [
  /** Which ticket this console has open (null: none) and whether its person is typing; resend to stay listed. */
  z.object({ type: z.literal('presence'), ticketId: Id.nullable(), typing: z.boolean() }).strict(),
  z.object({ type: z.literal('ping') }).strict(),
]);
export type ClientFrame = z.infer<typeof ClientFrame>;

export const ServerInfo = z.object({
  name: z.literal('switchboard'),
  version: Text,
  schemaVersions: z.object({ min: z.number().int(), max: z.number().int() }),
  /** The most mutations a push to this server may carry (absent: PUSH_MAX_MUTATIONS_UNSAID). */
  pushMaxMutations: z.number().int().min(1).optional(),
  /** A server on an embedded database: the id its running marker names (server-marker.ts). */
  instance: Text.optional(),
});

/**
 * The first frame a client sends on the live WebSocket: the server closes the socket (4401) if it
 * does not arrive in time or the token is not valid. Kept out of the URL so tokens stay out of logs.
 */
export const LiveAuthFrame = z.object({ type: z.literal('auth'), accessToken: Text.min(1).max(2048) });
export type LiveAuthFrame = z.infer<typeof LiveAuthFrame>;

/** POST /auth/sign-in. The clientId names the local database; it is bound to the first person who signs in with it. */
export const SignInRequest = z.object({
  email: Text.trim().min(1).max(254),
  password: Text.min(1).max(1024),
  clientId: Id,
  deviceName: Text.trim().min(1).max(200),
});
export type SignInRequest = z.infer<typeof SignInRequest>;

/** POST /auth/refresh and POST /auth/sign-out carry the refresh token only. */
export const RefreshRequest = z.object({ refreshToken: Text.min(1).max(200) });
export type RefreshRequest = z.infer<typeof RefreshRequest>;

/** A session: send `accessToken` as `Authorization: Bearer …` until it expires, then refresh (the refresh token rotates). */
export const SessionResponse = z.object({
  accessToken: Text,
  accessTokenExpiresAt: Timestamp,
  refreshToken: Text,
  user: z.object({ id: Id, tenantId: Id, name: Text, email: Text, role: Text, teamIds: z.array(Id) }),
});
export type SessionResponse = z.infer<typeof SessionResponse>;
