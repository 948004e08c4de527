/**
 * Maps SQLite rows (snake_case columns, JSON text, 0/1 booleans) to the records of
 * shared/domain/records.ts. Each mapper names every field, so a column added to the schema but
 * not to a record cannot leak out through the contract.
 */
import type { ActorKind } from '../../../shared/domain/actors.ts';
import type { Account, Contact, KbArticle, Message, Task, Team, Ticket, TicketEvent, User } from '../../../shared/domain/records.ts';

/** A row as better-sqlite3 returns it; the mappers below know each table's columns. */
export type Row = Record<string, unknown>;

const str = (v: unknown) => v as string;
const num = (v: unknown) => v as number;
const strOrNull = (v: unknown) => (v === null || v === undefined ? null : (v as string));
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : (v as number));
const json = <T>(v: unknown): T => JSON.parse(v as string) as T;

const base = (r: Row) => ({
  id: str(r.id),
  tenantId: str(r.tenant_id),
  version: num(r.version),
  createdAt: num(r.created_at),
  updatedAt: num(r.updated_at),
});

export const toTeam = (r: Row): Team => ({ ...base(r), name: str(r.name), description: str(r.description) });

/** `team_ids` is a JSON array aggregated from user_teams by the query. */
export const toUser = (r: Row): User => ({
  ...base(r),
  name: str(r.name),
  email: str(r.email),
  role: str(r.role) as User['role'],
  teamIds: json<string[]>(r.team_ids ?? '[]'),
  skills: json<string[]>(r.skills),
  capacity: num(r.capacity),
  locale: str(r.locale) as User['locale'],
  active: r.active === 1,
});

export const toAccount = (r: Row): Account => ({
  ...base(r),
  name: str(r.name),
  domain: strOrNull(r.domain),
  tier: str(r.tier) as Account['tier'],
  lifecycleStage: str(r.lifecycle_stage) as Account['lifecycleStage'],
  ownerId: strOrNull(r.owner_id),
  renewalDate: strOrNull(r.renewal_date),
  annualValueMinor: num(r.annual_value_minor),
  currency: str(r.currency),
  healthScore: numOrNull(r.health_score),
  notes: str(r.notes),
  ...(r.primary_contact_id ? { primaryContactId: str(r.primary_contact_id) } : {}),
});

export const toContact = (r: Row): Contact => ({
  ...base(r),
  accountId: strOrNull(r.account_id),
  name: str(r.name),
  email: strOrNull(r.email),
  phone: strOrNull(r.phone),
  title: strOrNull(r.title),
  customerType: str(r.customer_type) as Contact['customerType'],
  locale: str(r.locale) as Contact['locale'],
  ...(r.role ? { role: str(r.role) as NonNullable<Contact['role']> } : {}),
});

export const toTask = (r: Row): Task => ({
  ...base(r),
  title: str(r.title),
  notes: str(r.notes),
  accountId: strOrNull(r.account_id),
  contactId: strOrNull(r.contact_id),
  ticketId: strOrNull(r.ticket_id),
  assigneeId: str(r.assignee_id),
  dueAt: num(r.due_at),
  remindAt: numOrNull(r.remind_at),
  completedAt: numOrNull(r.completed_at),
  recurrence: strOrNull(r.recurrence) as Task['recurrence'],
});

export const toTicket = (r: Row): Ticket => ({
  ...base(r),
  number: numOrNull(r.number),
  subject: str(r.subject),
  status: str(r.status) as Ticket['status'],
  priority: str(r.priority) as Ticket['priority'],
  type: str(r.type) as Ticket['type'],
  channel: str(r.channel) as Ticket['channel'],
  requesterId: str(r.requester_id),
  accountId: strOrNull(r.account_id),
  teamId: str(r.team_id),
  assigneeId: strOrNull(r.assignee_id),
  tags: json<string[]>(r.tags),
  escalationTier: num(r.escalation_tier) as Ticket['escalationTier'],
  slaPolicyId: strOrNull(r.sla_policy_id),
  firstReplyDueAt: numOrNull(r.first_reply_due_at),
  nextReplyDueAt: numOrNull(r.next_reply_due_at),
  resolutionDueAt: numOrNull(r.resolution_due_at),
  sla: r.sla === null || r.sla === undefined ? null : json<Ticket['sla']>(r.sla),
  firstReplyAt: numOrNull(r.first_reply_at),
  solvedAt: numOrNull(r.solved_at),
  closedAt: numOrNull(r.closed_at),
  lastMessageAt: num(r.last_message_at),
  messageCount: num(r.message_count),
  mergedIntoId: strOrNull(r.merged_into_id),
  followUpOfId: strOrNull(r.follow_up_of_id),
  // Absent, not null, on a ticket that is no complaint (the record's optional fields).
  ...(r.complaint_category_id ? { complaintCategoryId: str(r.complaint_category_id) } : {}),
  ...(r.root_cause ? { rootCause: str(r.root_cause) } : {}),
});

export const toMessage = (r: Row): Message => ({
  ...base(r),
  ticketId: str(r.ticket_id),
  kind: str(r.kind) as Message['kind'],
  authorType: str(r.author_type) as Message['authorType'],
  authorId: strOrNull(r.author_id),
  body: str(r.body),
  channel: str(r.channel) as Message['channel'],
});

export const toTicketEvent = (r: Row): TicketEvent => ({
  id: str(r.id),
  tenantId: str(r.tenant_id),
  ticketId: str(r.ticket_id),
  kind: str(r.kind) as TicketEvent['kind'],
  actorId: strOrNull(r.actor_id),
  // Absent on events written by agents, as on every event before automations existed.
  ...(r.actor_kind === null || r.actor_kind === undefined ? {} : { actorKind: str(r.actor_kind) as ActorKind }),
  ...(r.automation === null || r.automation === undefined ? {} : { automation: str(r.automation) }),
  from: r.from_value === null ? null : json(r.from_value),
  to: r.to_value === null ? null : json(r.to_value),
  at: num(r.at),
});

export const toKbArticle = (r: Row): KbArticle => ({
  ...base(r),
  title: str(r.title),
  body: str(r.body),
  locale: str(r.locale) as KbArticle['locale'],
  tags: json<string[]>(r.tags),
  status: str(r.status) as KbArticle['status'],
  authorId: strOrNull(r.author_id),
});
