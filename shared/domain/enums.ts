/**
 * The closed vocabularies of the domain (DOMAIN.md). Each is a const tuple so the same list drives
 * the zod schema, the TypeScript type, SQLite CHECK constraints and the UI's pickers.
 */
import { z } from 'zod';

export const TICKET_STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TICKET_TYPES = ['question', 'incident', 'problem', 'task'] as const;
export const CHANNELS = ['email', 'chat', 'phone', 'web_form', 'social', 'walk_in'] as const;
export const ESCALATION_TIERS = [1, 2, 3] as const;
export const ROLES = ['agent', 'account_manager', 'supervisor', 'admin'] as const;
/**
 * 'system' is legacy: messages that were English sentences about the ticket ("Ticket assigned to
 * …"). Nothing writes them now (such happenings are ticket events, as data); the server and Core
 * migrations removed the stored ones. The kind stays so older rows and caches still parse.
 */
export const MESSAGE_KINDS = ['reply', 'note', 'inbound', 'system'] as const;
export const ACCOUNT_TIERS = ['standard', 'premium', 'enterprise'] as const;
export const LIFECYCLE_STAGES = ['prospect', 'onboarding', 'active', 'at_risk', 'churned'] as const;
export const INTERACTION_KINDS = ['ticket', 'call', 'meeting', 'email', 'note', 'feedback'] as const;
export const FEEDBACK_KINDS = ['csat', 'nps', 'ces'] as const;
/** How a call, meeting or e-mail with the customer went, as its author judged it. */
export const INTERACTION_OUTCOMES = ['positive', 'neutral', 'negative', 'no_answer'] as const;
/** What a contact is to the relationship (the account manager's word for them). */
export const CONTACT_ROLES = ['decision_maker', 'champion', 'billing', 'technical', 'end_user'] as const;
export const ARTICLE_STATUSES = ['draft', 'published'] as const;
export const LOCALES = ['en', 'zh-CN'] as const;
/** What the search finds (shared/areas/search/channels.ts `SearchKind`). */
export const SEARCH_KINDS = ['ticket', 'message', 'contact', 'account', 'article'] as const;
/** The orders a ticket list can be sorted in (records.ts `TicketSort`). */
export const TICKET_SORTS = ['updated_desc', 'created_desc', 'created_asc', 'priority_desc', 'due_asc'] as const;
/** How a task repeats: completing one occurrence creates the next (shared/domain/tasks.ts). */
export const TASK_RECURRENCES = ['daily', 'weekly', 'monthly'] as const;

/** Customer types from the seed material; each carries a handling hint shown to the agent. */
export const CUSTOMER_TYPES = [
  'prospect',
  'first_time_buyer',
  'loyal',
  'impulsive',
  'sceptical',
  'researcher',
  'discount_seeker',
  'upset',
] as const;

export const TicketStatus = z.enum(TICKET_STATUSES);
export const TicketPriority = z.enum(TICKET_PRIORITIES);
export const TicketType = z.enum(TICKET_TYPES);
export const Channel = z.enum(CHANNELS);
export const EscalationTier = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export const Role = z.enum(ROLES);
export const MessageKind = z.enum(MESSAGE_KINDS);
export const AccountTier = z.enum(ACCOUNT_TIERS);
export const LifecycleStage = z.enum(LIFECYCLE_STAGES);
export const InteractionKind = z.enum(INTERACTION_KINDS);
export const FeedbackKind = z.enum(FEEDBACK_KINDS);
export const InteractionOutcome = z.enum(INTERACTION_OUTCOMES);
export const ContactRole = z.enum(CONTACT_ROLES);
export const ArticleStatus = z.enum(ARTICLE_STATUSES);
export const CustomerType = z.enum(CUSTOMER_TYPES);
export const Locale = z.enum(LOCALES);
export const TaskRecurrence = z.enum(TASK_RECURRENCES);

export type TicketStatus = z.infer<typeof TicketStatus>;
export type TicketPriority = z.infer<typeof TicketPriority>;
export type TicketType = z.infer<typeof TicketType>;
export type Channel = z.infer<typeof Channel>;
export type EscalationTier = z.infer<typeof EscalationTier>;
export type Role = z.infer<typeof Role>;
export type MessageKind = z.infer<typeof MessageKind>;
export type AccountTier = z.infer<typeof AccountTier>;
export type LifecycleStage = z.infer<typeof LifecycleStage>;
export type InteractionKind = z.infer<typeof InteractionKind>;
export type TaskRecurrence = z.infer<typeof TaskRecurrence>;
export type FeedbackKind = z.infer<typeof FeedbackKind>;
export type InteractionOutcome = z.infer<typeof InteractionOutcome>;
export type ContactRole = z.infer<typeof ContactRole>;
export type ArticleStatus = z.infer<typeof ArticleStatus>;
export type CustomerType = z.infer<typeof CustomerType>;
export type Locale = z.infer<typeof Locale>;

/** Priority as a number, for sorting (urgent first) and comparisons. */
export const PRIORITY_RANK: Record<TicketPriority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };
