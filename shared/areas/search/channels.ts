/**
 * The search area's channels: one query across tickets, messages, contacts, accounts and articles.
 * A query that is a ticket number ("9958", "#9958") finds that ticket first.
 */
import { z } from 'zod';
import { SEARCH_KINDS, TicketStatus } from '../../domain/enums.ts';
import { Id, Timestamp } from '../../domain/records.ts';
import { Limit, Query, type ChannelMap } from '../../contract/building-blocks.ts';
import { Text } from '../../domain/text.ts';

export const SearchKind = z.enum(SEARCH_KINDS);
export const SearchHit = z.object({
  kind: SearchKind,
  /** The record found (for a message: the message). */
  id: Id,
  /** Where to open it: the ticket of a ticket or message hit, else null. */
  ticketId: Id.nullable(),
  title: Text,
  /** For ticket and message hits: the ticket's number, status and requester, so a customer is found by a word they wrote. */
  ticketNumber: z.number().int().nullable(),
  ticketStatus: TicketStatus.nullable(),
  requesterName: Text.nullable(),
  /** Text around the match; matches are wrapped in HIGHLIGHT_START / HIGHLIGHT_END (shared/search/text.ts). */
  snippet: Text,
  at: Timestamp,
});
export type SearchHit = z.infer<typeof SearchHit>;

/** How many hits a kind has in all (grouped searches), so the palette can offer the rest: exact up to a bound, else at least. */
export const SearchTotal = z.object({ kind: SearchKind, count: z.number().int().min(0), capped: z.boolean() });
export type SearchTotal = z.infer<typeof SearchTotal>;

export const searchChannels = {
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
        /** With `perKind`: skip each kind's first `offset` hits (the next page of one kind, up to its counted total). */
        offset: z.number().int().min(0).max(500).default(0),
      })
      .strict()
      .refine((input) => input.perKind || input.offset === 0, { message: 'offset pages one kind: it needs perKind', path: ['offset'] }),
    /** `totals`: with `perKind`, one per kind asked for; otherwise empty. */
    output: z.object({ hits: z.array(SearchHit), totals: z.array(SearchTotal) }),
  },
} as const satisfies ChannelMap;
