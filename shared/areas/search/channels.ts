/** The search area's channels: one query across tickets, messages, contacts, accounts and articles. */
import { z } from 'zod';
import { TicketStatus } from '../../domain/enums.ts';
import { Id, Timestamp } from '../../domain/records.ts';
import { Limit, Query, type ChannelMap } from '../../contract/building-blocks.ts';
import { Text } from '../../domain/text.ts';

export const SearchKind = z.enum(['ticket', 'message', 'contact', 'account', 'article']);
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
      })
      .strict(),
    output: z.object({ hits: z.array(SearchHit) }),
  },
} as const satisfies ChannelMap;
