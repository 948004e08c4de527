/** The accounts area's channels: accounts and contacts. */
import { z } from 'zod';
import { AccountTier, LifecycleStage } from '../../domain/enums.ts';
import { Account, Contact, Id } from '../../domain/records.ts';
import { ById, Cursor, Limit, Query, UserRef, Page, type ChannelMap } from '../../contract/building-blocks.ts';
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
    }),
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
