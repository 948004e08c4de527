/**
 * Realistic records for component tests: a small support team, English and Chinese customers,
 * and a queue long enough (250 tickets) to need several pages.
 */
import type { z } from 'zod';
import type {
  BoardEscalations,
  BoardFigure,
  BoardTickets,
  BoardWorkload,
  DashboardSummary,
  SearchHit,
  SyncIssue,
  TicketDetail,
  TicketListRow,
} from '../../shared/contract/channels.ts';
import { CUSTOMER_TYPES, TICKET_PRIORITIES, TICKET_STATUSES } from '../../shared/domain/enums.ts';
import type { Account, Contact, KbArticle, Team, Ticket, User } from '../../shared/domain/records.ts';
import { deterministicId } from '../../shared/ids.ts';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../shared/search/text.ts';

export const NOW = Date.now();
const HOUR = 3_600_000;
export const id = (...parts: (string | number)[]) => deterministicId('renderer-fixture', ...parts);
export const TENANT_ID = id('tenant');
const base = (key: string, at = NOW - 30 * 24 * HOUR) => ({ id: id(key), tenantId: TENANT_ID, version: 1, createdAt: at, updatedAt: at });

export const team: Team = { ...base('team'), name: 'Billing support', description: 'Invoices, refunds and plans' };

const user = (key: string, name: string, role: User['role'], capacity: number): User => ({
  ...base(key),
  name,
  email: `${key}@switchboard.test`,
  role,
  teamIds: [team.id],
  skills: ['billing'],
  capacity,
  locale: 'en',
  active: true,
});
export const me = user('mei', 'Mei Lin', 'agent', 20);
export const omar = user('omar', 'Omar Haddad', 'agent', 15);
export const users = [me, omar];

export const account: Account = {
  ...base('acme'),
  name: 'Acme Logistics',
  domain: 'acme.example',
  tier: 'enterprise',
  lifecycleStage: 'active',
  ownerId: omar.id,
  renewalDate: '2027-03-31',
  annualValueMinor: 12_500_000,
  currency: 'USD',
  healthScore: 82,
  notes: 'Renewal call booked for March.',
};

const contact = (key: string, name: string, customerType: Contact['customerType'], locale: Contact['locale']): Contact => ({
  ...base(key),
  accountId: account.id,
  name,
  email: `${key}@acme.example`,
  phone: null,
  title: 'Operations lead',
  customerType,
  locale,
});
export const dana = contact('dana', 'Dana Whitfield', 'upset', 'en');
export const wang = contact('wang', '王芳', 'loyal', 'zh-CN');

const SUBJECTS = [
  'Refund for duplicate charge',
  'Invoice shows the wrong VAT number',
  '发票抬头需要修改',
  'Cannot download last month’s statement',
];

export function ticketRow(i: number): TicketListRow {
  const requester = i % 2 === 0 ? dana : wang;
  return {
    id: id('ticket', i),
    number: 1000 + i,
    subject: `${SUBJECTS[i % SUBJECTS.length]} (${i})`,
    status: TICKET_STATUSES[i % 4] ?? 'open',
    priority: TICKET_PRIORITIES[i % 4] ?? 'normal',
    type: 'question',
    channel: 'email',
    requesterId: requester.id,
    requesterName: requester.name,
    customerType: CUSTOMER_TYPES[i % CUSTOMER_TYPES.length] ?? 'loyal',
    accountId: account.id,
    accountName: account.name,
    assigneeId: i % 3 === 0 ? null : me.id,
    assigneeName: i % 3 === 0 ? null : me.name,
    teamId: team.id,
    tags: i % 5 === 0 ? ['refund', 'vip'] : ['billing'],
    escalationTier: 1,
    createdAt: NOW - (i + 2) * HOUR,
    updatedAt: NOW - i * 60_000,
    nextDueAt: i === 0 ? NOW - 20 * 60_000 : null,
    slaAtRiskAt: i === 0 ? NOW - 40 * 60_000 : null,
    slaBreached: false,
    messageCount: 4,
  };
}

export const QUEUE = Array.from({ length: 250 }, (_, i) => ticketRow(i));

const first = QUEUE[0] as TicketListRow;
export const ticket: Ticket = {
  ...base('ticket-0', first.createdAt),
  id: first.id,
  updatedAt: first.updatedAt,
  number: first.number,
  subject: first.subject,
  status: 'open',
  priority: 'high',
  type: 'incident',
  channel: 'email',
  requesterId: dana.id,
  accountId: account.id,
  teamId: team.id,
  assigneeId: me.id,
  tags: ['refund', 'vip'],
  escalationTier: 2,
  slaPolicyId: null,
  firstReplyDueAt: null,
  nextReplyDueAt: NOW + 30 * 60_000,
  resolutionDueAt: null,
  sla: null,
  firstReplyAt: NOW - HOUR,
  solvedAt: null,
  closedAt: null,
  lastMessageAt: NOW - 10 * 60_000,
  messageCount: 3,
  mergedIntoId: null,
  followUpOfId: null,
};

type Detail = z.infer<typeof TicketDetail>;
const message = (key: string, kind: Detail['messages'][number]['kind'], authorName: string | null, body: string, minutesAgo: number) => ({
  ...base(`message-${key}`, NOW - minutesAgo * 60_000),
  ticketId: ticket.id,
  kind,
  authorType: kind === 'inbound' ? ('contact' as const) : ('agent' as const),
  authorId: kind === 'inbound' ? dana.id : me.id,
  authorName,
  body,
  channel: 'email' as const,
});

export const ticketDetail: Detail = {
  thread: 'cached',
  ticket,
  requester: dana,
  account,
  assignee: { id: me.id, name: me.name, role: me.role },
  team: { id: team.id, name: team.name },
  messages: [
    message('inbound', 'inbound', dana.name, 'We were charged twice for the March invoice. Please refund one of them.', 120),
    message('note', 'note', me.name, 'Checked the ledger: the second charge is a retry of a failed capture.', 60),
    message('reply', 'reply', me.name, 'Sorry about that, Dana. I have refunded the duplicate charge.', 10),
  ],
  events: [
    {
      id: id('event', 1),
      tenantId: TENANT_ID,
      ticketId: ticket.id,
      kind: 'created',
      actorId: null,
      from: null,
      to: { status: 'new', priority: 'high', channel: 'email' },
      at: NOW - 120 * 60_000,
    },
    {
      id: id('event', 3),
      tenantId: TENANT_ID,
      ticketId: ticket.id,
      kind: 'assignee',
      actorId: omar.id,
      from: null,
      to: me.id,
      at: NOW - 90 * 60_000,
    },
    {
      id: id('event', 2),
      tenantId: TENANT_ID,
      ticketId: ticket.id,
      kind: 'status',
      actorId: me.id,
      from: 'new',
      to: 'open',
      at: NOW - 60 * 60_000,
    },
  ],
  links: [],
};

export const searchHits: SearchHit[] = [
  {
    kind: 'ticket',
    id: ticket.id,
    ticketId: ticket.id,
    title: ticket.subject,
    snippet: `We were charged twice, please ${HIGHLIGHT_START}refund${HIGHLIGHT_END} one`,
    at: NOW,
    ticketNumber: ticket.number,
    ticketStatus: ticket.status,
    requesterName: dana.name,
  },
  {
    kind: 'contact',
    id: wang.id,
    ticketId: null,
    title: wang.name,
    snippet: `申 请 ${HIGHLIGHT_START}退${HIGHLIGHT_END}${HIGHLIGHT_START}款${HIGHLIGHT_END}`,
    at: NOW,
    ticketNumber: null,
    ticketStatus: null,
    requesterName: null,
  },
];

export const article: KbArticle = {
  ...base('article'),
  title: 'How refunds work',
  body: 'Refunds go back to the original payment method.\n\nThey take 5–10 business days.',
  locale: 'en',
  tags: ['billing'],
  status: 'published',
  authorId: me.id,
};

export const dashboard: DashboardSummary = {
  generatedAt: NOW,
  coverage: 'every_team',
  byStatus: { new: 12, open: 40, pending: 9, on_hold: 3, solved: 120, closed: 800 },
  unsolvedByPriority: { low: 10, normal: 30, high: 18, urgent: 6 },
  unassigned: 7,
  slaAtRisk: 4,
  slaBreached: 2,
  createdLast24h: 31,
  solvedLast24h: 28,
  backlogByAge: [
    { bucket: 'lt_1d', count: 20 },
    { bucket: '1_3d', count: 25 },
    { bucket: '3_7d', count: 12 },
    { bucket: '7_30d', count: 6 },
    { bucket: 'gt_30d', count: 1 },
  ],
  workload: [
    { user: { id: me.id, name: me.name, role: me.role }, open: 22, capacity: 20 },
    { user: { id: omar.id, name: omar.name, role: omar.role }, open: 9, capacity: 15 },
  ],
};

/** A closed ticket: nothing on it can change any more. */
export const closedTicket: Ticket = {
  ...ticket,
  id: id('ticket-closed'),
  number: 998,
  subject: 'Old invoice question',
  status: 'closed',
  solvedAt: NOW - 10 * 24 * HOUR,
  closedAt: NOW - 6 * 24 * HOUR,
  messageCount: 0,
};

/** Omar moved the ticket to pending while Mei, offline, solved it. */
export const statusConflict: SyncIssue = {
  id: id('issue-conflict'),
  kind: 'conflict',
  mutationId: 7,
  mutationName: 'ticket.setStatus',
  entity: 'ticket',
  entityId: ticket.id,
  title: `#${ticket.number} ${ticket.subject}`,
  conflicts: [
    {
      entity: 'ticket',
      entityId: ticket.id,
      field: 'status',
      base: 'open',
      theirs: 'pending',
      mine: 'solved',
      theirsBy: omar.id,
      theirsAt: NOW - 5 * 60_000,
    },
  ],
  error: null,
  createdAt: NOW - 60_000,
};

/** A note written offline on a ticket someone closed meanwhile. */
export const noteRejection: SyncIssue = {
  id: id('issue-rejection'),
  kind: 'rejection',
  mutationId: 8,
  mutationName: 'message.append',
  entity: 'ticket',
  entityId: closedTicket.id,
  title: `#${closedTicket.number} ${closedTicket.subject}`,
  conflicts: [],
  error: { code: 'RULE_VIOLATION', message: 'ticket 998 is closed' },
  createdAt: NOW - 120_000,
};

/** The workload board: Mei over capacity with customers waiting, Omar with room to spare. */
export const board: BoardWorkload = {
  generatedAt: NOW,
  coverage: 'every_team',
  agents: [
    {
      user: { id: me.id, name: me.name, role: me.role },
      teamIds: [team.id],
      capacity: 20,
      newOpen: 14,
      pending: 5,
      onHold: 3,
      unanswered: 6,
      oldestUnansweredSince: NOW - 26 * HOUR,
      atRisk: 5,
      breached: 1,
      presence: { state: 'online', lastSeenAt: NOW - 60_000 },
      availability: { presence: 'online', shift: { state: 'on', until: NOW + 3 * HOUR } },
    },
    {
      user: { id: omar.id, name: omar.name, role: omar.role },
      teamIds: [team.id],
      capacity: 15,
      newOpen: 6,
      pending: 2,
      onHold: 1,
      unanswered: 0,
      oldestUnansweredSince: null,
      atRisk: 0,
      breached: 0,
      presence: { state: 'seen', lastSeenAt: NOW - 3 * HOUR },
      availability: { presence: 'on_break', shift: { state: 'off', next: NOW + 20 * HOUR } },
    },
  ],
  teams: [
    {
      team: { id: team.id, name: team.name },
      backlog: 40,
      byAge: { lt_1d: 20, '1_3d': 12, '3_7d': 5, '7_30d': 2, gt_30d: 1 },
      byStatus: { new: 8, open: 20, pending: 9, on_hold: 3 },
      byPriority: { low: 6, normal: 20, high: 10, urgent: 4 },
      unassigned: 9,
      unattended: 7,
      atRisk: 5,
      breached: 1,
    },
  ],
};

/** Mei's at-risk tickets (the first five of the queue); every other figure lists the first ten. */
export function boardTickets(figure: BoardFigure): BoardTickets {
  const rows = QUEUE.slice(1, figure.scope === 'agent' && figure.measure === 'at_risk' ? 6 : 11).map((r) => ({
    ...r,
    assigneeId: me.id,
    assigneeName: me.name,
  }));
  return { rows, total: rows.length };
}

/** Two escalated tickets: one at tier 3 past its SLA, one at tier 2 without a policy. */
export const escalations: BoardEscalations = {
  generatedAt: NOW,
  tickets: [
    {
      ticket: { ...(QUEUE[3] as TicketListRow), escalationTier: 3 },
      tier: 3,
      reason: 'Ledger bug, needs engineering',
      escalatedAt: NOW - 5 * HOUR,
      sla: 'breached',
    },
    {
      ticket: { ...(QUEUE[4] as TicketListRow), escalationTier: 2 },
      tier: 2,
      reason: '客户要求主管回复',
      escalatedAt: NOW - 2 * HOUR,
      sla: 'none',
    },
  ],
  total: 2,
};
/** Acme's daily health: a week of decline, 95 on March 2nd to 82 on the 9th (a 7-day trend of -13, a fall). */
export const healthHistory = [95, 94, 93, 90, 88, 86, 84, 82].map((score, i) => ({ day: `2026-03-0${i + 2}`, score }));
