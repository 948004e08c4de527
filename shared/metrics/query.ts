/**
 * What a metrics report is asked for: a period in a time zone, ticket filters and the two
 * definitions a supervisor may switch (first contact resolution, the CES scale). The console's
 * `metrics.compute` channel and the server's `POST /metrics` take this one schema, so a query means
 * the same on both sides. The meaning of every option is in docs/metrics.md.
 */
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { AccountTier, Channel, CustomerType, TicketPriority, TicketType } from '../domain/enums.ts';
import { CalendarDate, Id, Tag } from '../domain/records.ts';
import { Text } from '../domain/text.ts';

export const PERIOD_KINDS = ['today', '7d', '30d', '90d', 'this_month', 'this_quarter', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** A custom period may span at most this many days (a report per day over more is unreadable and slow). */
export const MAX_CUSTOM_DAYS = 400;

/** The zone whose midnights cut a report's days. */
export const Zone = Text.min(1)
  .max(64)
  .refine((z) => IANAZone.isValidZone(z), { message: 'unknown time zone (expected an IANA name such as Asia/Shanghai)' });

const Few = <T extends z.ZodType>(item: T) => z.array(item).max(100).default([]);

export const MetricsFilters = z
  .strictObject({
    teamIds: Few(Id),
    /** The ticket's current assignee. */
    agentIds: Few(Id),
    channels: Few(Channel),
    priorities: Few(TicketPriority),
    types: Few(TicketType),
    /** The requester's customer type. */
    customerTypes: Few(CustomerType),
    /** The tier of the ticket's account; a ticket with no account matches no tier. */
    accountTiers: Few(AccountTier),
    /** The ticket carries every one of these tags. */
    tags: Few(Tag),
  })
  .default({ teamIds: [], agentIds: [], channels: [], priorities: [], types: [], customerTypes: [], accountTiers: [], tags: [] });
export type MetricsFilters = z.infer<typeof MetricsFilters>;

export const FcrDefinition = z.enum(['one_reply', 'no_follow_up']);
export type FcrDefinition = z.infer<typeof FcrDefinition>;

export const CesScale = z.union([z.literal(7), z.literal(10)]);
export type CesScale = z.infer<typeof CesScale>;

/** Whole days from one 'YYYY-MM-DD' to another (dates have no zone: they are counted as UTC days). */
export function daysBetweenDates(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export const MetricsQuery = z
  .strictObject({
    period: z.enum(PERIOD_KINDS).default('30d'),
    /** Only with `period: 'custom'`: the first and last local dates, both included. */
    from: CalendarDate.optional(),
    to: CalendarDate.optional(),
    timeZone: Zone.default('UTC'),
    compare: z.boolean().default(true),
    granularity: z.enum(['day', 'week']).default('day'),
    filters: MetricsFilters,
    fcr: FcrDefinition.default('one_reply'),
    /** The top of the scale CES answers were asked on (1-7 by default, 1-10 the seed's form). */
    cesScale: CesScale.default(7),
  })
  .superRefine((q, ctx) => {
    if (q.period === 'custom') {
      if (!q.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'a custom period needs its first date' });
      if (!q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'a custom period needs its last date' });
      if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'the last date is before the first' });
      else if (q.from && q.to && daysBetweenDates(q.from, q.to) + 1 > MAX_CUSTOM_DAYS)
        ctx.addIssue({ code: 'custom', path: ['to'], message: `a custom period spans at most ${MAX_CUSTOM_DAYS} days` });
    } else if (q.from !== undefined || q.to !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'dates are given only with period "custom"' });
    }
  });
export type MetricsQuery = z.infer<typeof MetricsQuery>;
export type MetricsQueryInput = z.input<typeof MetricsQuery>;
