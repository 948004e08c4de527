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
  CustomerType,
  EscalationTier,
  FeedbackKind,
  InteractionKind,
  LifecycleStage,
  Locale,
  MessageKind,
  Role,
  TicketPriority,
  TicketStatus,
  TicketType,
} from './enums.ts';
import { ActorKind, SystemActorName } from './actors.ts';
import { Text } from './text.ts';

export const Id = Text.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'expected a UUID');
export const Timestamp = z.number().int().nonnegative();
export const CalendarDate = Text.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
export const ClockTime = Text.regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected HH:MM');
const Name = Text.trim().min(1).max(200);
export const Tag = Text.trim()
  .min(1)
  .max(64)
  .regex(/^[^\s,]+$/, 'tags have no spaces or commas');

const base = {
  id: Id,
  tenantId: Id,
  version: z.number().int().nonnegative(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

export const Tenant = z.object({ ...base, name: Name, timeZone: Text.min(1).max(64) });

export const Team = z.object({ ...base, name: Name, description: Text.max(2000) });

export const User = z.object({
  ...base,
  name: Name,
  email: z.email().max(254),
  role: Role,
  teamIds: z.array(Id).max(100),
  skills: z.array(Tag).max(100),
  /** How many open tickets this person can carry at once; routing and the workload board use it. */
  capacity: z.number().int().min(0).max(1000),
  locale: Locale,
  active: z.boolean(),
});

export const Account = z.object({
  ...base,
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
});

export const Contact = z.object({
  ...base,
  accountId: Id.nullable(),
  name: Name,
  email: z.email().max(254).nullable(),
  phone: Text.max(40).nullable(),
  title: Text.max(200).nullable(),
  customerType: CustomerType,
  locale: Locale,
});

export const Ticket = z.object({
  ...base,
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
  firstReplyAt: Timestamp.nullable(),
  solvedAt: Timestamp.nullable(),
  closedAt: Timestamp.nullable(),
  lastMessageAt: Timestamp,
  messageCount: z.number().int().nonnegative(),
  /** Set on the ticket merged away: it is closed and points at the one that absorbed it. */
  mergedIntoId: Id.nullable(),
  /** A customer reply to a closed ticket opens a follow-up linked to the closed one. */
  followUpOfId: Id.nullable(),
});

export const MessageAuthor = z.enum(['agent', 'contact', 'system']);

export const Message = z.object({
  ...base,
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
  ...base,
  ticketId: Id,
  otherTicketId: Id,
  kind: z.enum(['related', 'duplicate', 'follow_up']),
});

export const Interaction = z.object({
  ...base,
  accountId: Id,
  contactId: Id.nullable(),
  ticketId: Id.nullable(),
  kind: InteractionKind,
  summary: Text.min(1).max(20000),
  occurredAt: Timestamp,
  authorId: Id.nullable(),
});

export const Task = z.object({
  ...base,
  title: Name,
  notes: Text.max(20000),
  accountId: Id.nullable(),
  ticketId: Id.nullable(),
  assigneeId: Id,
  dueAt: Timestamp,
  remindAt: Timestamp.nullable(),
  completedAt: Timestamp.nullable(),
});

const feedbackRange: Record<z.infer<typeof FeedbackKind>, [number, number]> = {
  csat: [1, 5],
  nps: [0, 10],
  ces: [1, 7],
};
export const Feedback = z
  .object({
    ...base,
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

export const BusinessCalendar = z.object({
  ...base,
  name: Name,
  /** IANA zone, e.g. 'Asia/Shanghai'. */
  timeZone: Text.min(1).max(64),
  /** Working intervals per weekday (0 = Sunday), local wall-clock times. */
  weeklyHours: z.array(z.object({ day: z.number().int().min(0).max(6), start: ClockTime, end: ClockTime })).max(50),
  holidays: z.array(z.object({ date: CalendarDate, name: Text.max(200) })).max(1000),
});

const Minutes = z.number().int().positive().nullable();
export const SlaTargets = z.object({ firstReplyMinutes: Minutes, nextReplyMinutes: Minutes, resolutionMinutes: Minutes });
export const SlaPolicy = z.object({
  ...base,
  name: Name,
  /** Policies are tried in ascending position; the first whose conditions match applies. */
  position: z.number().int().nonnegative(),
  conditions: z.object({
    priorities: z.array(TicketPriority).optional(),
    channels: z.array(Channel).optional(),
    accountTiers: z.array(AccountTier).optional(),
    teamIds: z.array(Id).optional(),
  }),
  targets: z.object({ low: SlaTargets, normal: SlaTargets, high: SlaTargets, urgent: SlaTargets }),
  /** Null: calendar hours. Otherwise targets count business hours of this calendar. */
  calendarId: Id.nullable(),
  /** Share of a target's budget after which it is "at risk". */
  atRiskShare: z.number().min(0.05).max(0.99),
  active: z.boolean(),
});

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
  ...base,
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
  ...base,
  title: Text.trim().min(1).max(300),
  body: Text.max(200_000),
  locale: Locale,
  tags: z.array(Tag).max(50),
  status: ArticleStatus,
  authorId: Id.nullable(),
});

export const TicketSort = z.enum(['updated_desc', 'created_desc', 'created_asc', 'priority_desc', 'due_asc']);

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
  })
  .partial()
  .strict();

export const SavedView = z.object({
  ...base,
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
export type Message = z.infer<typeof Message>;
export type MessageAuthor = z.infer<typeof MessageAuthor>;
export type TicketEvent = z.infer<typeof TicketEvent>;
export type TicketEventKind = z.infer<typeof TicketEventKind>;
export type TicketLink = z.infer<typeof TicketLink>;
export type Interaction = z.infer<typeof Interaction>;
export type Task = z.infer<typeof Task>;
export type Feedback = z.infer<typeof Feedback>;
export type BusinessCalendar = z.infer<typeof BusinessCalendar>;
export type SlaTargets = z.infer<typeof SlaTargets>;
export type SlaPolicy = z.infer<typeof SlaPolicy>;
export type MacroActions = z.infer<typeof MacroActions>;
export type Macro = z.infer<typeof Macro>;
export type KbArticle = z.infer<typeof KbArticle>;
export type TicketSort = z.infer<typeof TicketSort>;
export type TicketFilter = z.infer<typeof TicketFilter>;
export type SavedView = z.infer<typeof SavedView>;
