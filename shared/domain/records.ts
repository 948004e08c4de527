/**
 * Every core record of DOMAIN.md as a zod schema. These shapes are what crosses every boundary
 * (IPC, HTTP, sync) and what the local cache stores. Conventions:
 * - ids are UUIDv7 strings made where the record is created;
 * - times are integer milliseconds since the Unix epoch (UTC); calendar dates are 'YYYY-MM-DD';
 * - `version` is the server's row version (0 until the server has acknowledged the row): sync uses
 *   it to apply pulled rows monotonically and to guard fields against stale writes;
 * - money is an integer count of minor units with an ISO 4217 currency.
 */
import { z } from 'zod';
import {
  AccountTier,
  ArticleStatus,
  Channel,
  ContactRole,
  CustomerType,
  EscalationTier,
  FeedbackKind,
  InteractionKind,
  InteractionOutcome,
  LifecycleStage,
  Locale,
  MessageKind,
  Role,
  TaskRecurrence,
  TicketPriority,
  TicketStatus,
  TicketType,
  TICKET_SORTS,
} from './enums.ts';
import { ActorKind, SystemActorName } from './actors.ts';
import { Text } from './text.ts';
import { SlaTarget } from '../sla/target.ts';
import { HealthBand, HealthReason } from '../health/score.ts';
import { HealthWeights } from '../health/weights.ts';

export const Id = Text.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'expected a UUID');
export const Timestamp = z.number().int().nonnegative();
/** A calendar day, YYYY-MM-DD, that exists (no February 30th). */
export const CalendarDate = Text.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').refine((d) => {
  const at = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(at) && new Date(at).toISOString().startsWith(d);
}, 'no such day');
const Name = Text.trim().min(1).max(200);
export const Tag = Text.trim()
  .min(1)
  .max(64)
  .regex(/^[^\s,]+$/, 'tags have no spaces or commas');

/** The fields every synced record has (the SLA records in shared/sla/records.ts use them too). */
export const recordBase = {
  id: Id,
  tenantId: Id,
  version: z.number().int().nonnegative(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

/** Per channel, the most open tickets of it a person carries at once; 0 or absent: not their channel. */
export const ChannelCapacity = z.partialRecord(Channel, z.number().int().min(0, 'a capacity is 0 or more').max(1000));
export type ChannelCapacity = z.infer<typeof ChannelCapacity>;

export const Tenant = z.object({ ...recordBase, name: Name, timeZone: Text.min(1).max(64) });

export const Team = z.object({ ...recordBase, name: Name, description: Text.max(2000) });

export const User = z.object({
  ...recordBase,
  name: Name,
  email: z.email().max(254),
  role: Role,
  teamIds: z.array(Id).max(100),
  skills: z.array(Tag).max(100),
  /** How many open tickets this person can carry at once; routing and the workload board use it. */
  capacity: z.number().int().min(0).max(1000),
  locale: Locale,
  active: z.boolean(),
  /**
   * The routing profile (docs/routing.md): the languages they answer in and their capacity per
   * channel. Absent on people stored before routing, who are then routed nothing.
   */
  languages: z.array(Locale).max(10).optional(),
  channelCapacity: ChannelCapacity.optional(),
});

export const Account = z.object({
  ...recordBase,
  name: Name,
  domain: Text.max(253).nullable(),
  tier: AccountTier,
  lifecycleStage: LifecycleStage,
  ownerId: Id.nullable(),
  renewalDate: CalendarDate.nullable(),
  annualValueMinor: z.number().int().nonnegative(),
  currency: Text.regex(/^[A-Z]{3}$/),
  /** 0-100; the reasons and history behind it live with the health-score feature. */
  healthScore: z.number().int().min(0).max(100).nullable(),
  notes: Text.max(20000),
  /**
   * The account's main contact. Optional, as are the fields below added after the first release:
   * records stored before them (the server keeps records as JSON) parse without a rewrite.
   */
  primaryContactId: Id.optional(),
});

export const Contact = z.object({
  ...recordBase,
  accountId: Id.nullable(),
  name: Name,
  email: z.email().max(254).nullable(),
  phone: Text.max(40).nullable(),
  title: Text.max(200).nullable(),
  customerType: CustomerType,
  locale: Locale,
  role: ContactRole.optional(),
});

/**
 * One SLA timer of a ticket as its snapshot keeps it (shared/sla/ticket-sla.ts; the meaning of each
 * field is in docs/sla.md): only what does not depend on when it is read, so the console and the
 * server store identical snapshots.
 */
export const SlaTimerSnapshot = z.strictObject({
  state: z.enum(['running', 'paused', 'met', 'breached']),
  target: SlaTarget,
  startedAt: Timestamp,
  dueAt: Timestamp.nullable(),
  atRiskAt: Timestamp.nullable(),
  pausedSince: Timestamp.nullable(),
  stoppedAt: Timestamp.nullable(),
});

/** A ticket's SLA timers as of its latest event, under the policy and calendar versions named. */
export const TicketSla = z.strictObject({
  policyId: Id,
  policyVersion: z.number().int().nonnegative(),
  calendarId: Id.nullable(),
  calendarVersion: z.number().int().nonnegative().nullable(),
  /** The instant the timers were computed for: the ticket's latest event. */
  asOf: Timestamp,
  firstReply: SlaTimerSnapshot.nullable(),
  nextReply: SlaTimerSnapshot.nullable(),
  resolution: SlaTimerSnapshot.nullable(),
  /** The earliest due instant of the timers still counting (running, or breached and not stopped). */
  nextDueAt: Timestamp.nullable(),
  /** The earliest instant a running timer turns (or turned) at risk. */
  atRiskAt: Timestamp.nullable(),
  /** Some timer breached by `asOf` (a breach is final). */
  breached: z.boolean(),
});

export const Ticket = z.object({
  ...recordBase,
  /** Human ticket number, assigned by the server; null while a ticket made offline is unsynced. */
  number: z.number().int().positive().nullable(),
  subject: Text.trim().min(1).max(500),
  status: TicketStatus,
  priority: TicketPriority,
  type: TicketType,
  channel: Channel,
  requesterId: Id,
  accountId: Id.nullable(),
  teamId: Id,
  assigneeId: Id.nullable(),
  tags: z.array(Tag).max(50),
  escalationTier: EscalationTier,
  /** The SLA engine writes these; views such as "SLA at risk" read them. */
  slaPolicyId: Id.nullable(),
  firstReplyDueAt: Timestamp.nullable(),
  nextReplyDueAt: Timestamp.nullable(),
  resolutionDueAt: Timestamp.nullable(),
  /** Null when no policy covers the ticket; absent in data from before the engine was wired in. */
  sla: TicketSla.nullable().default(null),
  firstReplyAt: Timestamp.nullable(),
  solvedAt: Timestamp.nullable(),
  closedAt: Timestamp.nullable(),
  lastMessageAt: Timestamp,
  messageCount: z.number().int().nonnegative(),
  /** Set on the ticket merged away: it is closed and points at the one that absorbed it. */
  mergedIntoId: Id.nullable(),
  /** A customer reply to a closed ticket opens a follow-up linked to the closed one. */
  followUpOfId: Id.nullable(),
  /**
   * Marked a complaint (ticket.markComplaint): its category in the tenant's taxonomy
   * (shared/complaints/records.ts). Absent: not a complaint, as every ticket stored before.
   */
  complaintCategoryId: Id.optional(),
  /** What caused the complaint, recorded when it is solved (ticket.setRootCause). */
  rootCause: Text.max(2000).optional(),
});

export const MessageAuthor = z.enum(['agent', 'contact', 'system']);

export const Message = z.object({
  ...recordBase,
  ticketId: Id,
  kind: MessageKind,
  authorType: MessageAuthor,
  /** A user id for agents, a contact id for customers, null for system events. */
  authorId: Id.nullable(),
  body: Text.max(100_000),
  channel: Channel,
});

/** The ticket event log: metrics and the history tab are derived from it. */
export const TicketEventKind = z.enum([
  'created',
  'status',
  'priority',
  'type',
  'assignee',
  'team',
  'tags',
  'escalated',
  'message',
  'merged',
  'linked',
  'sla',
  /** The server's routing job assigned the ticket (`to`: agentId, mode, eligible, language). */
  'routed',
  /** Marked a complaint, its category changed or the mark removed (`from`/`to`: category id or null). */
  'complaint',
  /** A complaint's root cause recorded (`from`: the one before or null; `to`: the text). */
  'root_cause',
]);
export const TicketEvent = z.object({
  id: Id,
  tenantId: Id,
  ticketId: Id,
  kind: TicketEventKind,
  /** The person who acted; null for the system or an automation. */
  actorId: Id.nullable(),
  /** Absent on events written by agents (every event before automations existed). */
  actorKind: ActorKind.optional(),
  /** The system actor's name (e.g. automation:sla) when actorKind is 'automation'. */
  automation: SystemActorName.optional(),
  /** Old and new values, JSON-safe; their shape depends on `kind`. */
  from: z.json().nullable(),
  to: z.json().nullable(),
  at: Timestamp,
});

export const TicketLink = z.object({
  ...recordBase,
  ticketId: Id,
  otherTicketId: Id,
  kind: z.enum(['related', 'duplicate', 'follow_up']),
});

export const Interaction = z.object({
  ...recordBase,
  accountId: Id,
  contactId: Id.nullable(),
  ticketId: Id.nullable(),
  kind: InteractionKind,
  summary: Text.min(1).max(20000),
  occurredAt: Timestamp,
  authorId: Id.nullable(),
  /** Minutes of a call or meeting. */
  durationMinutes: z.number().int().min(0).max(1440).optional(),
  outcome: InteractionOutcome.optional(),
});

export const Task = z.object({
  ...recordBase,
  title: Name,
  notes: Text.max(20000),
  accountId: Id.nullable(),
  contactId: Id.nullable(),
  ticketId: Id.nullable(),
  assigneeId: Id,
  dueAt: Timestamp,
  /** When the assignee's console shows a desktop notification (at most once per reminder time). */
  remindAt: Timestamp.nullable(),
  completedAt: Timestamp.nullable(),
  /** Null: once. Completing an occurrence creates the next one (docs/tasks.md). */
  recurrence: TaskRecurrence.nullable(),
});

const feedbackRange: Record<z.infer<typeof FeedbackKind>, [number, number]> = {
  csat: [1, 5],
  nps: [0, 10],
  ces: [1, 7],
};
export const Feedback = z
  .object({
    ...recordBase,
    kind: FeedbackKind,
    score: z.number().int(),
    comment: Text.max(5000),
    contactId: Id.nullable(),
    accountId: Id.nullable(),
    ticketId: Id.nullable(),
  })
  .refine((f) => f.score >= feedbackRange[f.kind][0] && f.score <= feedbackRange[f.kind][1], {
    message: 'score out of range for its kind (CSAT 1-5, NPS 0-10, CES 1-7)',
    path: ['score'],
  });

// Business calendars and SLA policies are in shared/sla/records.ts, beside the engine that reads them.

export const MacroActions = z.object({
  status: TicketStatus.optional(),
  priority: TicketPriority.optional(),
  type: TicketType.optional(),
  addTags: z.array(Tag).max(50).optional(),
  removeTags: z.array(Tag).max(50).optional(),
  /** Assign to whoever applies the macro; takes precedence over `assigneeId`. */
  assignToSelf: z.boolean().optional(),
  /** A named person, or null to unassign. */
  assigneeId: Id.nullable().optional(),
  teamId: Id.optional(),
});
export const Macro = z.object({
  ...recordBase,
  title: Name,
  /** Reply text with placeholders such as {{requester.firstName}}, {{ticket.number}}, {{agent.name}}. */
  body: Text.max(20000),
  replyKind: z.enum(['reply', 'note']),
  actions: MacroActions,
  /** Null: shared with the tenant; otherwise private to its owner. */
  ownerId: Id.nullable(),
  active: z.boolean(),
});

export const KbArticle = z.object({
  ...recordBase,
  title: Text.trim().min(1).max(300),
  body: Text.max(200_000),
  locale: Locale,
  tags: z.array(Tag).max(50),
  status: ArticleStatus,
  authorId: Id.nullable(),
});

/**
 * An account's health as the server's daily job last computed it (docs/health-score.md), with one
 * score a day: the history behind the trend. Its id is its account's id (one per account). It goes
 * to the account's owner, supervisors and admins; the score itself is on the account for everyone.
 */
export const AccountHealth = z.object({
  ...recordBase,
  accountId: Id,
  score: z.number().int().min(0).max(100),
  band: HealthBand,
  reasons: z.array(HealthReason).max(20),
  /** The UTC day of the last computation. */
  day: CalendarDate,
  /** One score per day computed, oldest first, the last 400 days. */
  history: z.array(z.object({ day: CalendarDate, score: z.number().int().min(0).max(100) })).max(400),
});

/** The tenant's tuning of the health score; one per tenant, its id the tenant's id. */
export const HealthSettings = z.object({ ...recordBase, weights: HealthWeights });

export const TicketSort = z.enum(TICKET_SORTS);

/** Filters shared by ad-hoc queries, built-in queues and saved views. Every field narrows. */
export const TicketFilter = z
  .object({
    statuses: z.array(TicketStatus).max(6),
    priorities: z.array(TicketPriority).max(4),
    types: z.array(TicketType).max(4),
    channels: z.array(Channel).max(6),
    /** 'me' resolves to the signed-in user; null means unassigned. */
    assigneeIds: z.array(z.union([Id, z.literal('me'), z.null()])).max(100),
    teamIds: z.array(Id).max(100),
    accountIds: z.array(Id).max(100),
    requesterIds: z.array(Id).max(100),
    customerTypes: z.array(CustomerType).max(8),
    tags: z.array(Tag).max(20),
    createdFrom: Timestamp,
    createdTo: Timestamp,
    updatedFrom: Timestamp,
    updatedTo: Timestamp,
    /** Only tickets with a due time before this instant (the SLA-at-risk queue). */
    dueBefore: Timestamp,
    /** Only tickets with a target at risk at this instant and none breached (the SLA-at-risk queue). */
    slaAtRiskAt: Timestamp,
    /** Only tickets with a target breached by this instant (the Breached queue). */
    slaBreachedBy: Timestamp,
  })
  .partial()
  .strict();

export const SavedView = z.object({
  ...recordBase,
  name: Name,
  ownerId: Id.nullable(),
  filter: TicketFilter,
  sort: TicketSort,
  position: z.number().int().nonnegative(),
});

export type Tenant = z.infer<typeof Tenant>;
export type Team = z.infer<typeof Team>;
export type User = z.infer<typeof User>;
export type Account = z.infer<typeof Account>;
export type Contact = z.infer<typeof Contact>;
export type Ticket = z.infer<typeof Ticket>;
export type TicketSla = z.infer<typeof TicketSla>;
export type SlaTimerSnapshot = z.infer<typeof SlaTimerSnapshot>;
export type Message = z.infer<typeof Message>;
export type MessageAuthor = z.infer<typeof MessageAuthor>;
export type TicketEvent = z.infer<typeof TicketEvent>;
export type TicketEventKind = z.infer<typeof TicketEventKind>;
export type TicketLink = z.infer<typeof TicketLink>;
export type Interaction = z.infer<typeof Interaction>;
export type Task = z.infer<typeof Task>;
export type Feedback = z.infer<typeof Feedback>;
export type MacroActions = z.infer<typeof MacroActions>;
export type Macro = z.infer<typeof Macro>;
export type KbArticle = z.infer<typeof KbArticle>;
export type TicketSort = z.infer<typeof TicketSort>;
export type TicketFilter = z.infer<typeof TicketFilter>;
export type SavedView = z.infer<typeof SavedView>;
export type AccountHealth = z.infer<typeof AccountHealth>;
export type HealthSettings = z.infer<typeof HealthSettings>;
