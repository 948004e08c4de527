/** The accounts area's channels: accounts and contacts, the account manager's portfolio and an account's timeline. */
import { z } from 'zod';
import {
  AccountTier,
  FeedbackKind,
  InteractionKind,
  InteractionOutcome,
  LifecycleStage,
  TicketPriority,
  TicketStatus,
} from '../../domain/enums.ts';
import { Account, CalendarDate, Contact, Id, Task, Timestamp } from '../../domain/records.ts';
import { HealthBand, HealthReason } from '../../health/score.ts';
import { ById, Cursor, Empty, Limit, Query, UserRef, Page, type ChannelMap } from '../../contract/building-blocks.ts';
import { TicketListRow } from '../tickets/channels.ts';
import { Text } from '../../domain/text.ts';

export const AccountListRow = z.object({
  id: Id,
  name: Text,
  domain: Text.nullable(),
  tier: AccountTier,
  lifecycleStage: LifecycleStage,
  ownerName: Text.nullable(),
  renewalDate: Text.nullable(),
  healthScore: z.number().int().nullable(),
  annualValueMinor: z.number().int(),
  currency: Text,
  contactCount: z.number().int(),
  openTicketCount: z.number().int(),
});

/**
 * How the portfolio can be ordered (docs/accounts.md): renewal soonest first, name, annual value
 * highest first, health lowest first, health trend biggest fall first, last contact longest ago
 * first, open tickets most first. Accounts without the value (no renewal date, not scored, no
 * trend) come last.
 */
export const PORTFOLIO_SORTS = ['renewal', 'name', 'value', 'health', 'health_trend', 'last_contact', 'open_tickets'] as const;
export const PortfolioSort = z.enum(PORTFOLIO_SORTS);
export type PortfolioSort = z.infer<typeof PortfolioSort>;
/** "Renewals due in 30/60/90 days". */
export const RENEWAL_WINDOWS = [30, 60, 90] as const;

export const PortfolioFilter = z
  .object({
    /** The person's own accounts, or every account of the tenant. */
    owner: z.enum(['me', 'all']).default('me'),
    query: Query.default(''),
    lifecycleStages: z.array(LifecycleStage).max(5).default([]),
    tiers: z.array(AccountTier).max(3).default([]),
    /** Renewal date from `today` through `today` plus this many days. */
    renewalWithinDays: z
      .union(RENEWAL_WINDOWS.map((d) => z.literal(d)))
      .nullable()
      .default(null),
    /** Only accounts whose health fell: a 7-day trend of -10 or worse (docs/health-score.md, Trend). */
    healthFell: z.boolean().default(false),
  })
  .strict();
export type PortfolioFilter = z.infer<typeof PortfolioFilter>;

export const PortfolioRow = AccountListRow.extend({
  ownerId: Id.nullable(),
  /** The latest call, meeting or e-mail with the account (notes are not contact). */
  lastContactAt: Timestamp.nullable(),
  /** The latest daily score minus the one 7 days before it (docs/health-score.md, Trend); null without both. */
  healthTrend: z.number().int().nullable(),
  /** The open task of the account due first. */
  nextTask: z.object({ id: Id, title: Text, dueAt: Timestamp }).nullable(),
});
export type PortfolioRow = z.infer<typeof PortfolioRow>;

/** A named portfolio view: the filters and the sort a person saved, kept on this console for them. */
export const PortfolioView = z.object({
  id: Id,
  name: Text.trim().min(1).max(80),
  filter: PortfolioFilter,
  sort: PortfolioSort,
});
export type PortfolioView = z.infer<typeof PortfolioView>;
/** How many views a person keeps. */
export const MAX_PORTFOLIO_VIEWS = 50;

/** What the timeline can be narrowed to: tickets, each kind of interaction, feedback, tasks. */
export const TIMELINE_KINDS = ['ticket', 'call', 'meeting', 'email', 'note', 'feedback', 'task'] as const;
export const TimelineKind = z.enum(TIMELINE_KINDS);
export type TimelineKind = z.infer<typeof TimelineKind>;

const entry = { id: Id, at: Timestamp };
export const TimelineEntry = z.discriminatedUnion('kind', [
  z.object({
    ...entry,
    kind: z.literal('ticket'),
    number: z.number().int().nullable(),
    subject: Text,
    status: TicketStatus,
    priority: TicketPriority,
  }),
  z.object({
    ...entry,
    kind: z.literal('interaction'),
    interactionKind: InteractionKind,
    summary: Text,
    durationMinutes: z.number().int().nullable(),
    outcome: InteractionOutcome.nullable(),
    authorName: Text.nullable(),
    contactName: Text.nullable(),
  }),
  z.object({
    ...entry,
    kind: z.literal('feedback'),
    feedbackKind: FeedbackKind,
    score: z.number().int(),
    comment: Text,
    contactName: Text.nullable(),
  }),
  z.object({
    ...entry,
    kind: z.literal('task'),
    title: Text,
    dueAt: Timestamp,
    completedAt: Timestamp.nullable(),
    assigneeName: Text.nullable(),
  }),
]);
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const accountsChannels = {
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
      /** Open tasks about the account that this console holds, due first. */
      openTasks: z.array(Task.extend({ assigneeName: Text.nullable() })),
    }),
  },
  /**
   * The account's health (docs/health-score.md): `live` when this console holds the account's
   * records (its owner as account manager, supervisors, admins) and computes it now; otherwise
   * `daily`, the server's last score, without reasons (null before the first). Every reason in
   * both languages; the history is one score per day, oldest first.
   */
  'accounts.health': {
    input: z.object({ accountId: Id }).strict(),
    output: z.object({
      score: z.number().int().min(0).max(100).nullable(),
      band: HealthBand.nullable(),
      source: z.enum(['live', 'daily']),
      reasons: z.array(HealthReason.extend({ text: z.object({ en: Text, zh: Text }) })),
      history: z.array(z.object({ day: CalendarDate, score: z.number().int().min(0).max(100) })),
    }),
  },
  /** The account manager's home: their accounts with what needs attention, filtered, sorted, keyset-paged. */
  'accounts.portfolio': {
    input: PortfolioFilter.extend({
      sort: PortfolioSort.default('renewal'),
      /** The person's calendar date, for the renewal windows. */
      today: CalendarDate,
      cursor: Cursor,
      limit: Limit(200, 100),
    }).strict(),
    output: Page(PortfolioRow),
  },
  /** The signed-in person's saved portfolio views, by name. */
  'portfolioViews.list': { input: Empty, output: z.object({ views: z.array(PortfolioView) }) },
  /** Saves a view (a new id adds one, a known id replaces it); at most MAX_PORTFOLIO_VIEWS, else RULE_VIOLATION. */
  'portfolioViews.save': { input: z.object({ view: PortfolioView }).strict(), output: z.object({ views: z.array(PortfolioView) }) },
  'portfolioViews.delete': { input: ById, output: z.object({ views: z.array(PortfolioView) }) },
  /** An account's relationship history, newest first, keyset-paged; `kinds` empty means every kind. */
  'accounts.timeline': {
    input: z
      .object({ accountId: Id, kinds: z.array(TimelineKind).max(TIMELINE_KINDS.length).default([]), cursor: Cursor, limit: Limit(100, 30) })
      .strict(),
    output: Page(TimelineEntry),
  },

  'contacts.find': {
    input: z.object({ query: Query.min(1), limit: Limit(50, 10) }).strict(),
    output: z.array(Contact.extend({ accountName: Text.nullable() })),
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
} as const satisfies ChannelMap;
