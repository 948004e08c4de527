/** The accounts area's channels: accounts and contacts. */
import { z } from 'zod';
import { AccountTier, LifecycleStage } from '../../domain/enums.ts';
import { Account, CalendarDate, Contact, Id } from '../../domain/records.ts';
import { HealthBand, HealthReason } from '../../health/score.ts';
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
