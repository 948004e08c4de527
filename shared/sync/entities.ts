/**
 * Every synced kind of record, in one table: its record schema (shared/domain/records.ts) and the
 * `data.changed` entity the renderer is told about when one changes (null: none). The wire's
 * entity names (SYNC_ENTITIES), the rows a mutator reads and writes (EntityRows) and Core's
 * columns are all derived from it. The order is the bootstrap order: parents before children.
 */
import type { z } from 'zod';
import type { Entity } from '../contract/events.ts';
import {
  Account,
  BusinessCalendar,
  Contact,
  Feedback,
  Interaction,
  KbArticle,
  Macro,
  Message,
  SavedView,
  SlaPolicy,
  Task,
  Team,
  Tenant,
  Ticket,
  TicketEvent,
  TicketLink,
  User,
} from '../domain/records.ts';

interface SyncedEntity {
  record: z.ZodObject;
  shownAs: Entity | null;
}

export const SYNCED_ENTITIES = {
  tenant: { record: Tenant, shownAs: null },
  team: { record: Team, shownAs: 'team' },
  user: { record: User, shownAs: 'user' },
  account: { record: Account, shownAs: 'account' },
  contact: { record: Contact, shownAs: 'contact' },
  ticket: { record: Ticket, shownAs: 'ticket' },
  message: { record: Message, shownAs: 'message' },
  // A ticket's events and links show on the ticket.
  ticket_event: { record: TicketEvent, shownAs: 'ticket' },
  ticket_link: { record: TicketLink, shownAs: 'ticket' },
  interaction: { record: Interaction, shownAs: 'interaction' },
  task: { record: Task, shownAs: 'task' },
  feedback: { record: Feedback, shownAs: 'feedback' },
  // Calendars and SLA policies change due times, which the server writes onto the tickets.
  business_calendar: { record: BusinessCalendar, shownAs: null },
  sla_policy: { record: SlaPolicy, shownAs: null },
  macro: { record: Macro, shownAs: 'macro' },
  kb_article: { record: KbArticle, shownAs: 'article' },
  saved_view: { record: SavedView, shownAs: 'view' },
} as const satisfies Record<string, SyncedEntity>;

export type SyncedEntities = typeof SYNCED_ENTITIES;
