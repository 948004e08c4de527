/** The tickets area's channels: the inbox list, a ticket with its thread and links, finding tickets, the requester's context, and drafts. */
import { z } from 'zod';
import { Channel, CustomerType, EscalationTier, TicketPriority, TicketStatus, TicketType } from '../../domain/enums.ts';
import { Account, Contact, Feedback, Id, Message, Ticket, TicketEvent, TicketFilter, TicketSort, Timestamp } from '../../domain/records.ts';
import { BuiltinView } from '../../domain/views.ts';
import { Empty, ById, Cursor, Limit, Query, UserRef, TeamRef, Page, type ChannelMap } from '../../contract/building-blocks.ts';
import { Text } from '../../domain/text.ts';

export const TicketListRow = z.object({
  id: Id,
  number: z.number().int().nullable(),
  subject: Text,
  status: TicketStatus,
  priority: TicketPriority,
  type: TicketType,
  channel: Channel,
  requesterId: Id,
  requesterName: Text,
  customerType: CustomerType,
  accountId: Id.nullable(),
  accountName: Text.nullable(),
  assigneeId: Id.nullable(),
  assigneeName: Text.nullable(),
  teamId: Id,
  tags: z.array(Text),
  escalationTier: EscalationTier,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** The earliest SLA due time still ahead of the ticket, if any. */
  nextDueAt: Timestamp.nullable(),
  /** When a running SLA timer turns (or turned) at risk (the ticket's SLA snapshot). */
  slaAtRiskAt: Timestamp.nullable(),
  /** A target breached (recorded in the snapshot; a timer may also be past due since). */
  slaBreached: z.boolean(),
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

export const ThreadMessage = Message.extend({ authorName: Text.nullable() });

/** Enough of another ticket to name it and open it (linked tickets, merge targets, the requester's tickets). */
export const TicketRef = z.object({ id: Id, number: z.number().int().nullable(), subject: Text, status: TicketStatus });
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
  /**
   * Where `messages` come from: `cached`, the cache holds the whole thread; `server`, the cache keeps
   * only part of it (outside the history window, setting `historyMonths`) and the rest was fetched;
   * `unavailable`, part of it and the server could not be asked (offline): `messages` is what the
   * cache holds, and the ticket's `messageCount` says how many there are.
   */
  thread: z.enum(['cached', 'server', 'unavailable']),
});

/** The statuses a public reply can be submitted as (Zendesk's "submit as"). */
export const SubmitAs = TicketStatus.extract(['open', 'pending', 'on_hold', 'solved']);
export type SubmitAs = z.infer<typeof SubmitAs>;

/** What the person was writing on a ticket: kept on this device only, never synced. */
export const TicketDraft = z.object({
  mode: z.enum(['reply', 'note']),
  /** The composer's text (a safe markdown subset); 100,000 characters, like a message. */
  body: Text.max(100_000),
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

export const ticketsChannels = {
  'tickets.list': { input: TicketListInput, output: Page(TicketListRow) },
  'tickets.get': { input: ById, output: TicketDetail },
  /** Tickets by number ("1234", "#1234") or by words of their subject, e.g. to pick a merge target. */
  'tickets.find': {
    input: z.object({ query: Query.trim().min(1), excludeId: Id.optional(), limit: Limit(20, 8) }).strict(),
    output: z.object({ tickets: z.array(TicketRef.extend({ requesterName: Text })) }),
  },
  'tickets.requesterContext': { input: z.object({ ticketId: Id }).strict(), output: RequesterContext },

  /** The person's unsent text per ticket, kept in this device's cache only (never synced). */
  'drafts.get': { input: z.object({ ticketId: Id }).strict(), output: z.object({ draft: TicketDraft.nullable() }) },
  /** Saving an empty body removes the draft. */
  'drafts.save': { input: z.object({ ticketId: Id, draft: TicketDraft }).strict(), output: Empty },
  'drafts.clear': { input: z.object({ ticketId: Id }).strict(), output: Empty },
} as const satisfies ChannelMap;
