/** The sync area's channels: where the console stands with the server, the issues the person resolves, every change a person makes (mutations.run), and who else is on a ticket. */
import { z } from 'zod';
import { Id, Timestamp } from '../../domain/records.ts';
import { Empty, type ChannelMap } from '../../contract/building-blocks.ts';
import { ErrorPayload } from '../../contract/errors.ts';
import { ConflictDetail, SyncEntity } from '../../sync/protocol.ts';
import { MUTATOR_NAMES, mutators } from '../../sync/mutators.ts';
import { Text } from '../../domain/text.ts';

/** Where this console stands with the server. 'local': no server configured; the cache is all there is. */
export const ConnectionStatus = z.enum(['local', 'online', 'syncing', 'offline', 'update_required']);

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
  mutationName: Text,
  entity: SyncEntity.nullable(),
  entityId: Id.nullable(),
  /** A human label for the record, e.g. the ticket's number and subject, when it is in the cache. */
  title: Text.nullable(),
  conflicts: z.array(ConflictDetail),
  error: ErrorPayload.nullable(),
  createdAt: Timestamp,
});
export type SyncIssue = z.infer<typeof SyncIssue>;

/**
 * One mutation as the renderer asks for it: a mutator name and its arguments, checked by the
 * mutator's own schema. `onConflict`: 'queue' (the default) sends a change that already conflicts with the cache, for the
 * server to decide and the person to resolve under sync issues; 'discard' queues nothing and
 * answers with the conflict at once, for a person still at the screen to decide there.
 * `undoable`: hold the change in the outbox for the person's undo window (the `undoSeconds`
 * setting) before it may leave the console; `mutations.undo` withdraws it meanwhile. Only a change
 * to a ticket can be held.
 */
type MutationCallOf = z.ZodObject<{
  name: z.ZodLiteral<(typeof MUTATOR_NAMES)[number]>;
  args: z.ZodType;
  onConflict: z.ZodOptional<z.ZodEnum<{ queue: 'queue'; discard: 'discard' }>>;
  undoable: z.ZodOptional<z.ZodBoolean>;
}>;

export const MutationCall = z.discriminatedUnion(
  'name',
  MUTATOR_NAMES.map((name) =>
    z.object({
      name: z.literal(name),
      args: mutators[name].args,
      onConflict: z.enum(['queue', 'discard']).optional(),
      undoable: z.boolean().optional(),
    }),
  ) as unknown as [MutationCallOf, ...MutationCallOf[]],
);

export const MutationReceipt = z.object({
  /** The outbox id: the mutation is sent to the server in this order, exactly once. Null: discarded, not queued. */
  mutationId: z.number().int().positive().nullable(),
  /** What the optimistic run did locally; the server's outcome arrives later (sync issues). */
  outcome: z.enum(['applied', 'conflict']),
  conflicts: z.array(ConflictDetail),
  /** How long the change is held for undo (ms); 0: not held, it may leave at once. */
  undoMs: z.number().int().nonnegative(),
});

/** Someone else looking at (or typing on) a ticket: live while online, the last sighting while offline. */
export const PresenceEntry = z.object({
  userId: Id,
  name: Text,
  typing: z.boolean(),
  /** True while the person is connected and on the ticket now; false: `lastSeenAt` is when they were last there. */
  online: z.boolean(),
  lastSeenAt: Timestamp,
});
export type PresenceEntry = z.infer<typeof PresenceEntry>;

export const syncChannels = {
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
  /** Undo of a change still held (`undoable`): its effects leave the cache and nothing reaches the server. CONFLICT once it has left. */
  'mutations.undo': { input: z.object({ mutationId: z.number().int().positive() }).strict(), output: Empty },

  /** Announces which ticket this person has open (null: none) and whether they are typing; a no-op while offline. */
  'presence.set': { input: z.object({ ticketId: Id.nullable(), typing: z.boolean() }).strict(), output: Empty },
  /** Who else is on a ticket (never the signed-in person): live entries while online, last sightings otherwise. */
  'presence.get': { input: z.object({ ticketId: Id }).strict(), output: z.object({ viewers: z.array(PresenceEntry) }) },
} as const satisfies ChannelMap;
