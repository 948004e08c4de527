/**
 * The demo data set as domain records (shared/domain/records.ts), written by Core into its SQLite
 * cache and by the server into its store: first the organization (tenant, teams, people, accounts,
 * contacts, reference data), then the tickets in creation order, in batches with their threads,
 * events and feedback; the last batch also carries the accounts' interactions, tasks and NPS
 * answers. Deterministic for (seed, tickets, now); only the organization is held in memory, so
 * 1k and 1M tickets cost the same memory per batch.
 */
import type { Locale, TicketPriority, TicketStatus } from '../domain/enums.ts';
import type {
  Account,
  AccountHealth,
  Contact,
  Feedback,
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
import { TICKET_PRIORITIES } from '../domain/enums.ts';
import type { ComplaintCategory, ComplaintCategoryName } from '../complaints/records.ts';
import { deterministicId } from '../ids.ts';
import {
  calendarVersionOf,
  policyVersionOf,
  type BusinessCalendar,
  type BusinessCalendarVersion,
  type SlaPolicy,
  type SlaPolicyVersion as SlaPolicyRevision,
} from '../sla/records.ts';
import { createDemoOrganization, type DemoAccount, type DemoContact, type DemoOrganization } from './organization.ts';
import { feedbackComment } from './feedback-comments.ts';
import { createHealthHistory } from './health-history.ts';
import { demoPresenceHistory } from './presence-history.ts';
import type { PresenceEvent } from '../routing/records.ts';
import { createRandom, demoId, type Random } from './random.ts';
import { addDemoComplaint, demoComplaintCategories } from './complaints.ts';
import { composeThread } from './thread.ts';
import { clockSteps, type SlaEvent } from '../sla/clock.ts';
import { calendarVersions, orderedPolicies } from '../sla/ticket-sla-records.ts';
import {
  SLA_ACTOR,
  slaAsOf,
  ticketFacts,
  ticketSla,
  unrecordedTransitions,
  withSla,
  type SlaCalendarVersion,
  type SlaPolicyVersion,
} from '../sla/ticket-sla.ts';
import { eventActor, systemActor } from '../domain/actors.ts';

export interface DemoOptions {
  tickets: number;
  seed: number;
  /** The demo's "now": every record is older. */
  now: number;
  /** Tickets per batch (default 5000). */
  batchSize?: number;
}

export interface DemoOrganizationRecords {
  tenant: Tenant;
  teams: Team[];
  users: User[];
  /** The demo agent a console opens as (agent@demo.switchboard). */
  me: User;
  calendars: BusinessCalendar[];
  /** In order: the first whose conditions hold applies. */
  slaPolicies: SlaPolicy[];
  /** Revision 1 of each calendar and policy. */
  calendarVersions: BusinessCalendarVersion[];
  slaPolicyVersions: SlaPolicyRevision[];
  /** The default complaint taxonomy and the names its categories hold. */
  complaintCategories: ComplaintCategory[];
  complaintCategoryNames: ComplaintCategoryName[];
  macros: Macro[];
  savedViews: SavedView[];
  articles: KbArticle[];
  accounts: Account[];
  contacts: Contact[];
}

export interface DemoBatch {
  tickets: Ticket[];
  messages: Message[];
  events: TicketEvent[];
  links: TicketLink[];
  feedback: Feedback[];
  interactions: Interaction[];
  tasks: Task[];
  /** Each account's daily health history (shared/demo/health-history.ts): in the last batch only. */
  accountHealths: AccountHealth[];
  /** The agents' kept presence changes (shared/demo/presence-history.ts): in the last batch only. */
  presenceEvents: PresenceEvent[];
}

export interface DemoData {
  organization: DemoOrganizationRecords;
  /** The tickets in creation order; iterate once (it continues the organization's random stream). */
  batches: Generator<DemoBatch, void, undefined>;
}

export const MAX_DEMO_TICKETS = 10_000_000;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Targets per priority in minutes (first reply, next reply, resolution), as the demo SLA policy says. */
export const DEMO_SLA: Record<TicketPriority, [number, number, number]> = {
  urgent: [60, 120, 8 * 60],
  high: [4 * 60, 8 * 60, 24 * 60],
  normal: [8 * 60, 24 * 60, 72 * 60],
  low: [24 * 60, 48 * 60, 168 * 60],
};

/** Enterprise accounts get half of every target. */
const ENTERPRISE_SHARE = 0.5;

export function createDemoData(options: DemoOptions): DemoData {
  const { tickets, now } = options;
  if (!Number.isInteger(tickets) || tickets < 1 || tickets > MAX_DEMO_TICKETS) {
    throw new RangeError(`tickets must be a whole number from 1 to ${MAX_DEMO_TICKETS.toLocaleString('en')}, not ${tickets}`);
  }
  const random = createRandom(options.seed);
  const org = createDemoOrganization(random, tickets, now);
  const organization = organizationRecords(org, now);
  return { organization, batches: ticketBatches(random, org, organization, options) };
}

function organizationRecords(org: DemoOrganization, now: number): DemoOrganizationRecords {
  const t = org.tenantId;
  const created = now - 400 * DAY;
  const base = (id: string, createdAt = created, updatedAt = createdAt) => ({ id, tenantId: t, version: 0, createdAt, updatedAt });
  const users: User[] = org.users.map((u) => ({
    ...base(u.id),
    name: u.name,
    email: u.email,
    role: u.role,
    teamIds: u.teamIds,
    skills: u.skills,
    capacity: u.capacity,
    locale: u.locale,
    active: true,
  }));
  const targets = (hours: 'business' | 'calendar', share: number, priorities: readonly TicketPriority[] = TICKET_PRIORITIES) =>
    Object.fromEntries(
      priorities.map((p): [TicketPriority, SlaPolicy['targets'][TicketPriority]] => {
        const [first, next, resolution] = DEMO_SLA[p].map((minutes) => ({ minutes: Math.round(minutes * share), hours }));
        return [p, { firstReply: first, nextReply: next, resolution }];
      }),
    );
  const settings: Pick<SlaPolicy, 'active' | 'revision' | 'atRiskShare' | 'runningStatuses'> = {
    active: true,
    revision: 1,
    atRiskShare: 0.75,
    runningStatuses: ['new', 'open', 'on_hold'],
  };
  const london = org.calendars[0]!.id;
  const calendars: BusinessCalendar[] = org.calendars.map((c) => ({ ...base(c.id), ...c, active: true, revision: 1 }));
  const slaPolicies: SlaPolicy[] = [
    {
      ...base(org.slaPolicyIds.urgentHigh),
      ...settings,
      name: 'Urgent & high',
      position: 0,
      conditions: { priorities: ['urgent', 'high'] },
      targets: targets('calendar', 1, ['urgent', 'high']),
      calendarId: null,
      breachActions: { notifyAssignee: true, notifySupervisors: true, raisePriority: false, escalate: true },
    },
    {
      ...base(org.slaPolicyIds.enterprise),
      ...settings,
      name: 'Enterprise accounts',
      position: 1,
      conditions: { accountTiers: ['enterprise'] },
      targets: targets('business', ENTERPRISE_SHARE),
      calendarId: london,
      breachActions: { notifyAssignee: true, notifySupervisors: true, raisePriority: true, escalate: false },
    },
    {
      ...base(org.slaPolicyIds.standard),
      ...settings,
      name: 'Standard',
      position: 2,
      conditions: {},
      targets: targets('business', 1),
      calendarId: london,
      breachActions: { notifyAssignee: true, notifySupervisors: false, raisePriority: false, escalate: false },
    },
  ];
  // Named from the record and revision, so the random stream (and every id after it) does not depend on them.
  const versionId = (id: string) => deterministicId('demo-sla-version', id, 1);
  const complaints = demoComplaintCategories(t, created);
  return {
    tenant: { ...base(t), name: 'Acme Support', timeZone: 'Europe/London' },
    teams: org.teams.map((x) => ({ ...base(x.id), name: x.name, description: x.description })),
    users,
    me: users.find((u) => u.id === org.me.id) as User,
    calendars,
    slaPolicies,
    calendarVersions: calendars.map((c) => calendarVersionOf(c, versionId(c.id))),
    slaPolicyVersions: slaPolicies.map((p) => policyVersionOf(p, versionId(p.id))),
    complaintCategories: complaints.categories,
    complaintCategoryNames: complaints.names,
    macros: org.macros.map((m) => ({
      ...base(m.id),
      title: m.title,
      body: m.body,
      replyKind: m.replyKind,
      actions: m.actions,
      ownerId: m.ownerId,
      active: true,
    })),
    savedViews: org.savedViews.map((v, position) => ({
      ...base(v.id),
      name: v.name,
      ownerId: v.ownerId,
      filter: v.filter,
      sort: v.sort,
      position,
    })),
    articles: org.articles.map((a) => ({
      ...base(a.id, a.createdAt, a.updatedAt),
      title: a.title,
      body: a.body,
      locale: a.locale,
      tags: a.tags,
      status: a.status,
      authorId: a.authorId,
    })),
    accounts: org.accounts.map((a) => ({
      ...base(a.id, a.createdAt),
      name: a.name,
      domain: a.domain,
      tier: a.tier,
      lifecycleStage: a.lifecycleStage,
      ownerId: a.ownerId,
      renewalDate: a.renewalDate,
      annualValueMinor: a.annualValueMinor,
      currency: a.currency,
      healthScore: a.healthScore,
      notes: a.notes,
    })),
    contacts: org.contacts.map((c) => ({
      ...base(c.id, c.createdAt),
      accountId: c.accountId,
      name: c.name,
      email: c.email,
      phone: c.phone,
      title: c.title,
      customerType: c.customerType,
      locale: c.locale,
    })),
  };
}

interface DemoSlaRules {
  policies: SlaPolicyVersion[];
  calendars: Map<string, SlaCalendarVersion>;
}

function emptyBatch(): DemoBatch {
  return {
    tickets: [],
    messages: [],
    events: [],
    links: [],
    feedback: [],
    interactions: [],
    tasks: [],
    accountHealths: [],
    presenceEvents: [],
  };
}

function* ticketBatches(
  random: Random,
  org: DemoOrganization,
  records: DemoOrganizationRecords,
  options: DemoOptions,
): Generator<DemoBatch, void, undefined> {
  const { tickets: total, now } = options;
  const batchSize = Math.max(1, options.batchSize ?? 5000);
  const accountsById = new Map<string, DemoAccount>(org.accounts.map((a) => [a.id, a]));
  // The demo tenant (10,000 tickets) and every larger one span a year, so a supervisor's
  // twelve-month figures have a year behind them; the small tenants of tests keep three busy months.
  const spanMs = (total >= DEMO_YEAR_FROM_TICKETS ? 365 : 90) * DAY;
  // Each contact's latest ticket (ids only: as bounded as the contact list itself).
  const previousByRequester = new Map<string, string>();
  const workload = new Map<string, number>();
  // The demo's clocks come from the SLA engine, under the demo's own policies and calendars.
  const rules: DemoSlaRules = { policies: orderedPolicies(records.slaPolicies), calendars: calendarVersions(records.calendars) };
  const health = createHealthHistory(now);
  for (let from = 0; from < total; from += batchSize) {
    const to = Math.min(total, from + batchSize);
    const batch = emptyBatch();
    for (let i = from; i < to; i++)
      addTicket(
        batch,
        random,
        asideStream(options.seed, i),
        org,
        rules,
        accountsById,
        previousByRequester,
        workload,
        i,
        total,
        spanMs,
        now,
      );
    if (to === total) addAccountActivity(batch, random, asideStream(options.seed, -1), org, now);
    health.add(batch);
    if (to === total) {
      batch.accountHealths = health.records(records.accounts);
      batch.presenceEvents = demoPresenceHistory(asideStream(options.seed, -2), org, now);
    }
    yield batch;
  }
}

/** Monotonic map of a day's fraction to a time of day with most tickets in business hours (08-18). */
function timeOfDay(f: number): number {
  if (f < 0.075) return (f / 0.075) * 8 * HOUR;
  if (f < 0.925) return 8 * HOUR + ((f - 0.075) / 0.85) * 10 * HOUR;
  return 18 * HOUR + ((f - 0.925) / 0.075) * 6 * HOUR;
}

/** How a ticket ends up by its age: young tickets are mostly being worked, old ones closed. */
function statusFor(random: Random, ageMs: number): TicketStatus {
  if (ageMs < DAY)
    return random.weighted<TicketStatus>([
      ['new', 35],
      ['open', 40],
      ['pending', 10],
      ['on_hold', 5],
      ['solved', 10],
    ]);
  if (ageMs < 7 * DAY)
    return random.weighted<TicketStatus>([
      ['new', 5],
      ['open', 30],
      ['pending', 20],
      ['on_hold', 10],
      ['solved', 30],
      ['closed', 5],
    ]);
  if (ageMs < 30 * DAY)
    return random.weighted<TicketStatus>([
      ['open', 10],
      ['pending', 8],
      ['on_hold', 5],
      ['solved', 37],
      ['closed', 40],
    ]);
  return random.weighted<TicketStatus>([
    ['open', 2],
    ['pending', 1],
    ['on_hold', 1],
    ['solved', 6],
    ['closed', 90],
  ]);
}

/** Adds ticket `i` of `total` (number i + 1) with its thread, events and maybe a CSAT answer. */
function addTicket(
  batch: DemoBatch,
  random: Random,
  aside: Random,
  org: DemoOrganization,
  rules: DemoSlaRules,
  accountsById: ReadonlyMap<string, DemoAccount>,
  previousByRequester: Map<string, string>,
  workload: Map<string, number>,
  i: number,
  total: number,
  spanMs: number,
  now: number,
): void {
  const t = org.tenantId;
  // Creation times rise with i (ticket numbers follow creation), day by day up to today, and
  // within a day mostly in business hours; today's share is squeezed into the hours gone by.
  const position = (i + random.next() * 0.9) / total;
  const dayCount = spanMs / DAY;
  const dayIndex = Math.floor(position * dayCount);
  const today = Math.floor(now / DAY) * DAY;
  const dayStart = today - (dayCount - 1 - dayIndex) * DAY;
  const dayLength = dayStart === today ? Math.max(MINUTE, now - today - 10 * MINUTE) : DAY;
  const createdAt = Math.round(dayStart + (timeOfDay(position * dayCount - dayIndex) / DAY) * dayLength);

  const requester: DemoContact = random.pick(org.contacts);
  const account = requester.accountId ? accountsById.get(requester.accountId) : undefined;
  const thread = composeThread(random, {
    org,
    requester,
    account,
    status: statusFor(random, now - createdAt),
    createdAt,
    now,
    newId: (at) => demoId(random, at),
    workload,
    reopen: aside.chance(REOPEN_SHARE) ? aside : null,
  });
  const status = thread.status;

  const id = demoId(random, createdAt);
  const ticket: Ticket = {
    id,
    tenantId: t,
    version: 0,
    createdAt,
    updatedAt: thread.updatedAt,
    number: i + 1,
    subject: thread.subject,
    status,
    priority: thread.priority,
    type: thread.type,
    channel: thread.channel,
    requesterId: requester.id,
    accountId: requester.accountId,
    teamId: thread.teamId,
    assigneeId: thread.assigneeId,
    tags: thread.tags,
    escalationTier: thread.escalationTier,
    // Written from the snapshot below.
    slaPolicyId: null,
    firstReplyDueAt: null,
    nextReplyDueAt: null,
    resolutionDueAt: null,
    sla: null,
    firstReplyAt: thread.firstReplyAt,
    solvedAt: thread.solvedAt,
    closedAt: thread.closedAt,
    lastMessageAt: thread.lastMessageAt,
    messageCount: thread.messages.length,
    mergedIntoId: null,
    followUpOfId: null,
  };
  const facts = ticketFacts(ticket, account ?? null, requester);
  const events = thread.events as SlaEvent[];
  const sla = ticketSla(facts, clockSteps(events), rules.policies, rules.calendars, slaAsOf(events));
  const stored = withSla(ticket, sla);
  batch.tickets.push(stored);
  // The outcomes the server's SLA automation records, as live work gets them: a target met when
  // its timer stopped, a breach when the breach job ran just after the due instant. Named as the
  // server names them. (Only each target's last cycle: earlier next-reply cycles are not replayed.)
  for (const outcome of unrecordedTransitions(sla, new Set())) {
    const at = outcome.state === 'met' ? sla![outcome.metric]!.stoppedAt : outcome.dueAt === null ? null : outcome.dueAt + 1;
    if (at === null || at > now) continue;
    batch.events.push({
      id: deterministicId('sla-event', t, id, outcome.metric, outcome.state, outcome.startedAt),
      tenantId: t,
      ticketId: id,
      kind: 'sla',
      ...eventActor(systemActor(SLA_ACTOR, t)),
      from: null,
      to: { ...outcome },
      at,
    });
  }
  // A customer who writes again often refers to their earlier ticket: agents link the two.
  const previous = previousByRequester.get(requester.id);
  previousByRequester.set(requester.id, id);
  if (previous && random.chance(0.3)) {
    const at = thread.firstReplyAt ?? createdAt;
    batch.links.push({
      id: demoId(random, at),
      tenantId: t,
      version: 0,
      createdAt: at,
      updatedAt: at,
      ticketId: id,
      otherTicketId: previous,
      kind: 'related',
    });
  }
  for (const m of thread.messages) {
    batch.messages.push({
      id: m.id,
      tenantId: t,
      version: 0,
      createdAt: m.at,
      updatedAt: m.at,
      ticketId: id,
      kind: m.kind,
      authorType: m.authorType,
      authorId: m.authorId,
      body: m.body,
      channel: thread.channel,
    });
  }
  for (const e of thread.events) {
    batch.events.push({
      id: e.id ?? demoId(random, e.at),
      tenantId: t,
      ticketId: id,
      ...(e as Pick<TicketEvent, 'kind' | 'from' | 'to' | 'actorId' | 'actorKind' | 'automation' | 'at'>),
    });
  }
  const feedbackFrom = batch.feedback.length;
  if (thread.solvedAt !== null && random.chance(0.25)) {
    const score = random.weighted([
      [5, 50],
      [4, 25],
      [3, 10],
      [2, 7],
      [1, 8],
    ]);
    const at = thread.solvedAt + random.int(1, 48) * HOUR;
    if (at < now) {
      batch.feedback.push({
        id: demoId(random, at),
        tenantId: t,
        version: 0,
        createdAt: at,
        updatedAt: at,
        kind: 'csat',
        score,
        comment: feedbackComment(aside, requester.locale, 'csat', score),
        contactId: requester.id,
        accountId: requester.accountId,
        ticketId: id,
      });
    }
  }
  // Customer effort, asked after some solved tickets on a 1-7 scale (7: very easy).
  if (thread.solvedAt !== null && aside.chance(CES_SHARE)) {
    const score = aside.weighted([
      [7, 30],
      [6, 25],
      [5, 15],
      [4, 10],
      [3, 8],
      [2, 7],
      [1, 5],
    ]);
    const at = thread.solvedAt + aside.int(1, 72) * HOUR;
    if (at < now)
      batch.feedback.push({
        id: demoId(aside, at),
        tenantId: t,
        version: 0,
        createdAt: at,
        updatedAt: at,
        kind: 'ces',
        score,
        comment: feedbackComment(aside, requester.locale, 'ces', score),
        contactId: requester.id,
        accountId: requester.accountId,
        ticketId: id,
      });
  }
  addDemoComplaint(aside, stored, requester, batch.feedback.slice(feedbackFrom), batch.events, now);
}

/** The share of solved tickets the customer writes on again (they reopen: DOMAIN.md's reopen rate). */
const REOPEN_SHARE = 0.07;
/** The share of solved tickets with a customer-effort answer. */
const CES_SHARE = 0.15;
/** From this many tickets the demo spans a year (the default demo tenant has 10,000). */
const DEMO_YEAR_FROM_TICKETS = 10_000;

/**
 * A stream of its own for ticket `i`'s later additions (reopens, effort answers, comments): the
 * main stream draws exactly what it drew before they existed, so every other ticket, person and
 * number stays the same for a given seed.
 */
function asideStream(seed: number, i: number): Random {
  return createRandom(Math.imul(seed ^ 0x5bd1e995, 31) + i * 0x9e3779b1);
}

const SUMMARIES: Record<Locale, Record<'call' | 'meeting' | 'email' | 'note', string[]>> = {
  en: {
    call: [
      'Quarterly check-in call: happy with the product, asked about API limits.',
      'Call about the renewal; they want a multi-year quote.',
    ],
    meeting: [
      'On-site meeting with the operations team to review their workflow.',
      'Business review: ticket volume down 20% since onboarding.',
    ],
    email: ['Sent the renewal proposal and the new price list.', 'Shared the onboarding checklist with the new admin.'],
    note: ['Champion is leaving the company next month; find a new sponsor.', 'Budget freeze until Q3 according to their finance lead.'],
  },
  'zh-CN': {
    call: ['季度回访电话：对产品满意，询问了 API 调用限额。', '续约沟通电话，客户希望提供多年期报价。'],
    meeting: ['与运营团队现场会议，梳理他们的工作流程。', '业务回顾：上线后工单量下降了 20%。'],
    email: ['已发送续约方案和新的价格表。', '已把入门清单发给新的管理员。'],
    note: ['对接人下个月离职，需要找新的联系人。', '据财务负责人说，三季度前预算冻结。'],
  },
};

/** Timeline entries, follow-up tasks and NPS answers for the accounts, after the tickets. */
function addAccountActivity(batch: DemoBatch, random: Random, aside: Random, org: DemoOrganization, now: number): void {
  const t = org.tenantId;
  const contactsByAccount = new Map<string, DemoContact[]>();
  for (const c of org.contacts) {
    if (!c.accountId) continue;
    const list = contactsByAccount.get(c.accountId);
    if (list) list.push(c);
    else contactsByAccount.set(c.accountId, [c]);
  }
  for (const a of org.accounts) {
    const contacts = contactsByAccount.get(a.id) ?? [];
    const locale = contacts[0]?.locale ?? 'en';
    const author = a.ownerId ?? org.me.id;
    for (let k = random.int(1, 4); k > 0; k--) {
      const kind = random.pick(['call', 'meeting', 'email', 'note'] as const);
      // An account marked at risk has gone quiet: its last contact is four to six months old.
      const daysAgo = random.int(1, 180);
      const at = now - (a.lifecycleStage === 'at_risk' ? 120 + (daysAgo % 61) : daysAgo) * DAY + random.int(9, 17) * HOUR;
      batch.interactions.push({
        id: demoId(random, at),
        tenantId: t,
        version: 0,
        createdAt: at,
        updatedAt: at,
        accountId: a.id,
        contactId: contacts.length ? random.pick(contacts).id : null,
        ticketId: null,
        kind,
        summary: random.pick(SUMMARIES[locale][kind]),
        occurredAt: at,
        authorId: author,
      });
    }
    if (random.chance(0.3)) {
      const dueAt = now + random.int(-10, 30) * DAY;
      const completedAt = dueAt < now && random.chance(0.6) ? dueAt - HOUR : null;
      const title =
        locale === 'en'
          ? random.pick(['Renewal check-in', '30-day onboarding follow-up', 'Send QBR deck', 'Ask for a case study'])
          : random.pick(['续约回访', '上线 30 天回访', '发送季度业务回顾', '邀请做客户案例']);
      batch.tasks.push({
        id: demoId(random, dueAt),
        tenantId: t,
        version: 0,
        createdAt: now - 20 * DAY,
        updatedAt: completedAt ?? now - 20 * DAY,
        title,
        notes: '',
        accountId: a.id,
        contactId: null,
        ticketId: null,
        assigneeId: author,
        dueAt,
        remindAt: dueAt - DAY,
        completedAt,
        recurrence: null,
      });
    }
    if (contacts.length && random.chance(0.4)) {
      const at = now - random.int(1, 90) * DAY;
      const score = random.weighted([
        [10, 25],
        [9, 25],
        [8, 20],
        [7, 10],
        [6, 8],
        [4, 7],
        [2, 5],
      ]);
      // Drawn in the order they always were (id, then contact), so the rest stays the same.
      const id = demoId(random, at);
      const contact = random.pick(contacts);
      batch.feedback.push({
        id,
        tenantId: t,
        version: 0,
        createdAt: at,
        updatedAt: at,
        kind: 'nps',
        score,
        comment: feedbackComment(aside, contact.locale, 'nps', score),
        contactId: contact.id,
        accountId: a.id,
        ticketId: null,
      });
    }
  }
}
