/**
 * Every synced kind of record, in one table: its record schema (shared/domain/records.ts), the
 * `data.changed` entity the renderer is told about when one changes (null: none), and the rule
 * naming the scopes, hence the consoles, it goes to. The wire's
 * entity names (SYNC_ENTITIES), the rows a mutator reads and writes (EntityRows) and Core's
 * columns are all derived from it. The order is the bootstrap order: parents before children.
 */
import type { z } from 'zod';
import type { Entity } from '../contract/events.ts';
import {
  Account,
  AccountHealth,
  Contact,
  Feedback,
  HealthSettings,
  Interaction,
  KbArticle,
  Macro,
  Message,
  SavedView,
  Task,
  Team,
  Tenant,
  Ticket,
  TicketEvent,
  TicketLink,
  User,
} from '../domain/records.ts';
import {
  AgentPresence,
  PresenceEvent,
  RoutingRuleRecord,
  ShiftTemplate,
  ShiftSwap,
  ShiftWeek,
  StaffingAssumption,
  TimeOff,
} from '../routing/records.ts';
import { ComplaintCategory, ComplaintCategoryName } from '../complaints/records.ts';
import { BusinessCalendar, BusinessCalendarVersion, SlaPolicy, SlaPolicyVersion } from '../sla/records.ts';
import {
  aboutAccount,
  accountNote,
  assignedWork,
  ownedOrShared,
  ownTime,
  teamRoster,
  tenantWide,
  ticketItself,
  ticketPart,
  type ScopeRule,
} from './scope-rules.ts';

interface SyncedEntity {
  record: z.ZodObject;
  shownAs: Entity | null;
  /** Which consoles receive it (scope-rules.ts; docs/sync-protocol.md, "Scopes"). */
  scope: ScopeRule;
}

export const SYNCED_ENTITIES = {
  tenant: { record: Tenant, shownAs: null, scope: tenantWide },
  team: { record: Team, shownAs: 'team', scope: tenantWide },
  user: { record: User, shownAs: 'user', scope: tenantWide },
  account: { record: Account, shownAs: 'account', scope: tenantWide },
  contact: { record: Contact, shownAs: 'contact', scope: tenantWide },
  ticket: { record: Ticket, shownAs: 'ticket', scope: ticketItself },
  message: { record: Message, shownAs: 'message', scope: ticketPart },
  // A ticket's events and links show on the ticket.
  ticket_event: { record: TicketEvent, shownAs: 'ticket', scope: ticketPart },
  ticket_link: { record: TicketLink, shownAs: 'ticket', scope: ticketPart },
  interaction: { record: Interaction, shownAs: 'interaction', scope: accountNote },
  task: { record: Task, shownAs: 'task', scope: assignedWork },
  feedback: { record: Feedback, shownAs: 'feedback', scope: accountNote },
  // Calendars and SLA policies are the tenant's settings: every console computes due times with
  // them, and keeps each earlier version so a ticket's timers can be computed again as they were.
  business_calendar: { record: BusinessCalendar, shownAs: 'sla', scope: tenantWide },
  business_calendar_version: { record: BusinessCalendarVersion, shownAs: null, scope: tenantWide },
  sla_policy: { record: SlaPolicy, shownAs: 'sla', scope: tenantWide },
  sla_policy_version: { record: SlaPolicyVersion, shownAs: null, scope: tenantWide },
  // The complaint taxonomy: every agent files complaints under it; each name held by one category.
  complaint_category: { record: ComplaintCategory, shownAs: 'complaint', scope: tenantWide },
  complaint_category_name: { record: ComplaintCategoryName, shownAs: null, scope: tenantWide },
  macro: { record: Macro, shownAs: 'macro', scope: ownedOrShared },
  kb_article: { record: KbArticle, shownAs: 'article', scope: tenantWide },
  saved_view: { record: SavedView, shownAs: 'view', scope: ownedOrShared },
  // The score and history behind an account's health are shown with the account.
  account_health: { record: AccountHealth, shownAs: 'account', scope: aboutAccount },
  health_settings: { record: HealthSettings, shownAs: null, scope: tenantWide },
  // Who is present and how each team routes are everyone's to see (the workload board shows
  // presence); a person's presence changes, shifts and time off go to them and to supervisors.
  agent_presence: { record: AgentPresence, shownAs: 'routing', scope: tenantWide },
  presence_event: { record: PresenceEvent, shownAs: null, scope: ownTime },
  routing_rule: { record: RoutingRuleRecord, shownAs: 'routing', scope: tenantWide },
  shift_template: { record: ShiftTemplate, shownAs: 'routing', scope: tenantWide },
  shift_week: { record: ShiftWeek, shownAs: 'routing', scope: ownTime },
  time_off: { record: TimeOff, shownAs: 'routing', scope: ownTime },
  // A team's staffing assumptions: the heatmap every supervisor reads is computed with them.
  staffing_assumption: { record: StaffingAssumption, shownAs: 'routing', scope: tenantWide },
  // A swap is seen by the team of the shift offered, so both agents in it follow each step.
  shift_swap: { record: ShiftSwap, shownAs: 'routing', scope: teamRoster },
} as const satisfies Record<string, SyncedEntity>;

export type SyncedEntities = typeof SYNCED_ENTITIES;
