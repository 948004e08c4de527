/**
 * The board area's channels: the supervisor's workload board and escalation queue, counted from
 * the local cache (definitions in docs/metrics.md, "Workload board"). Every figure is named by a
 * `BoardFigure`, which `board.tickets` lists: the count and the list come from one rule.
 */
import { z } from 'zod';
import { DASHBOARD_COVERAGES } from '../../domain/dashboard-coverage.ts';
import { EscalationTier, TicketPriority, TicketStatus } from '../../domain/enums.ts';
import { Id, Timestamp } from '../../domain/records.ts';
import { Text } from '../../domain/text.ts';
import { PresenceStatus } from '../../routing/records.ts';
import { Limit, TeamRef, UserRef, type ChannelMap } from '../../contract/building-blocks.ts';
import { TicketListRow } from '../tickets/channels.ts';

export const BACKLOG_BUCKETS = ['lt_1d', '1_3d', '3_7d', '7_30d', 'gt_30d'] as const;
export const BacklogBucket = z.enum(BACKLOG_BUCKETS);
export type BacklogBucket = z.infer<typeof BacklogBucket>;

export const UnsolvedStatus = TicketStatus.extract(['new', 'open', 'pending', 'on_hold']);
export type UnsolvedStatus = z.infer<typeof UnsolvedStatus>;

/** A person's figures: what they hold (all of it, or by status), and how much of it waits or is late. */
export const AgentMeasure = z.enum(['held', 'new_open', 'pending', 'on_hold', 'unanswered', 'at_risk', 'breached']);
export type AgentMeasure = z.infer<typeof AgentMeasure>;

/** A team's figures, over its unsolved tickets. */
export const TeamMeasure = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('backlog') }),
  z.strictObject({ kind: z.literal('status'), status: UnsolvedStatus }),
  z.strictObject({ kind: z.literal('priority'), priority: TicketPriority }),
  z.strictObject({ kind: z.literal('age'), bucket: BacklogBucket }),
  z.strictObject({ kind: z.literal('unassigned') }),
  z.strictObject({ kind: z.literal('unattended') }),
  z.strictObject({ kind: z.literal('at_risk') }),
  z.strictObject({ kind: z.literal('breached') }),
]);
export type TeamMeasure = z.infer<typeof TeamMeasure>;

/** One number on the board, by what it counts: what `board.tickets` lists. */
export const BoardFigure = z.discriminatedUnion('scope', [
  z.strictObject({ scope: z.literal('agent'), userId: Id, measure: AgentMeasure }),
  z.strictObject({ scope: z.literal('team'), teamId: Id, measure: TeamMeasure }),
]);
export type BoardFigure = z.infer<typeof BoardFigure>;

/**
 * Where a person was last seen from this console's presence records: `online` while they have a
 * ticket open now, `seen` with the last time they did, `unknown` when never seen here.
 */
export const BoardPresence = z.object({ state: z.enum(['online', 'seen', 'unknown']), lastSeenAt: Timestamp.nullable() });

/**
 * Where routing sees the person now (docs/routing.md): their presence as they set it (offline when
 * never set), and their roster: on shift until when, on a break until when, or off shift with the
 * start of their next planned shift (null: none planned up to the end of next week, UTC).
 */
export const BoardAvailability = z.object({
  presence: PresenceStatus,
  shift: z.discriminatedUnion('state', [
    z.object({ state: z.literal('on'), until: Timestamp }),
    z.object({ state: z.literal('break'), until: Timestamp }),
    z.object({ state: z.literal('off'), next: Timestamp.nullable() }),
  ]),
});
export type BoardAvailability = z.infer<typeof BoardAvailability>;

export const BoardAgent = z.object({
  user: UserRef,
  teamIds: z.array(Id),
  /** Null for someone who holds tickets but takes no new work (inactive, or capacity 0). */
  capacity: z.number().int().nullable(),
  newOpen: z.number().int(),
  pending: z.number().int(),
  onHold: z.number().int(),
  /** Unsolved tickets of theirs whose customer waits for a public reply. */
  unanswered: z.number().int(),
  /** Since when the longest-waiting customer among them has waited; null when none waits. */
  oldestUnansweredSince: Timestamp.nullable(),
  atRisk: z.number().int(),
  breached: z.number().int(),
  presence: BoardPresence,
  availability: BoardAvailability,
});
export type BoardAgent = z.infer<typeof BoardAgent>;

export const BoardTeam = z.object({
  team: TeamRef,
  backlog: z.number().int(),
  byAge: z.record(BacklogBucket, z.number().int()),
  byStatus: z.record(UnsolvedStatus, z.number().int()),
  byPriority: z.record(TicketPriority, z.number().int()),
  unassigned: z.number().int(),
  unattended: z.number().int(),
  atRisk: z.number().int(),
  breached: z.number().int(),
});
export type BoardTeam = z.infer<typeof BoardTeam>;

export const BoardWorkload = z.object({
  /** The instant every figure is counted at; pass it back to `board.tickets` to list what was counted. */
  generatedAt: Timestamp,
  /** Always a coverage that holds every team's tickets: the board refuses any other. */
  coverage: z.enum(DASHBOARD_COVERAGES),
  agents: z.array(BoardAgent),
  teams: z.array(BoardTeam),
});
export type BoardWorkload = z.infer<typeof BoardWorkload>;

export const BoardTicketsInput = z
  .object({
    figure: BoardFigure,
    /** The board's `generatedAt`: time-dependent figures (age, at risk, breached) are listed as counted then. */
    at: Timestamp,
    limit: Limit(500, 200),
  })
  .strict();

export const BoardTickets = z.object({
  /** Oldest first (for unanswered: the longest-waiting customer first). */
  rows: z.array(TicketListRow),
  /** How many tickets the figure counts; more than `rows` when the list was cut at `limit`. */
  total: z.number().int(),
});
export type BoardTickets = z.infer<typeof BoardTickets>;

export const EscalatedTicket = z.object({
  ticket: TicketListRow,
  tier: EscalationTier,
  /** The reason given when the ticket reached its tier; null in data from before reasons were kept. */
  reason: Text.nullable(),
  /** When the ticket reached its tier: the queue's age counts from here. */
  escalatedAt: Timestamp.nullable(),
  /** The ticket's SLA state now, as the queues read it. */
  sla: z.enum(['breached', 'at_risk', 'ok', 'none']),
});
export type EscalatedTicket = z.infer<typeof EscalatedTicket>;

export const BoardEscalations = z.object({
  generatedAt: Timestamp,
  /** Unsolved tickets above tier 1, highest tier first, then escalated longest ago first. */
  tickets: z.array(EscalatedTicket),
  /** How many there are; more than `tickets` when the list was cut at its limit. */
  total: z.number().int(),
});
export type BoardEscalations = z.infer<typeof BoardEscalations>;

export const boardChannels = {
  'board.workload': { input: z.object({}).strict(), output: BoardWorkload },
  'board.tickets': { input: BoardTicketsInput, output: BoardTickets },
  'board.escalations': { input: z.object({ limit: Limit(1000, 500) }).strict(), output: BoardEscalations },
} as const satisfies ChannelMap;
