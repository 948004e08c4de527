/**
 * Writes the demo tenant: teams, people, accounts, contacts, tickets with threads and events,
 * KB articles, interactions, tasks and feedback. Deterministic for (seed, now). Tickets are
 * generated in creation order and written in batches (one transaction each), so memory stays
 * bounded from 1k to 1M tickets; only accounts and contacts are held, as the tickets' requesters.
 */
import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/contract/errors.ts';
import type { Locale, TicketPriority, TicketStatus } from '../../../shared/domain/enums.ts';
import { ensureSyncState } from '../db/sync-state.ts';
import { createSearchWriter } from '../search/search-writer.ts';
import { createDemoOrganization, type DemoAccount, type DemoContact, type DemoOrganization } from './organization.ts';
import { createRandom, demoId, type Random } from './random.ts';
import { composeThread } from './thread.ts';

export interface SeedOptions {
  tickets: number;
  seed?: number;
  /** The demo's "now": threads end before it. Defaults to the current time. */
  now?: number;
  batchSize?: number;
  onProgress?: (progress: { tickets: number; messages: number; elapsedMs: number }) => void;
}

export interface SeedReport {
  tickets: number;
  messages: number;
  accounts: number;
  contacts: number;
  users: number;
  elapsedMs: number;
  /** The demo agent the console opens as ("me"). */
  meId: string;
}

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

export function seedDemoDatabase(db: Database, options: SeedOptions): SeedReport {
  if (!Number.isInteger(options.tickets) || options.tickets < 1 || options.tickets > 10_000_000) {
    throw new AppError('VALIDATION', `tickets must be a whole number from 1 to 10,000,000, not ${options.tickets}`);
  }
  const existing = db.prepare('SELECT (SELECT count(*) FROM tenants) + (SELECT count(*) FROM tickets) AS n').get() as { n: number };
  if (existing.n > 0) throw new AppError('RULE_VIOLATION', 'the database already holds data; seed an empty database');

  const started = performance.now();
  const now = options.now ?? Date.now();
  const random = createRandom(options.seed ?? 42);
  const batchSize = options.batchSize ?? 5000;
  ensureSyncState(db);

  const org = createDemoOrganization(random, options.tickets, now);
  db.transaction(() => writeOrganization(db, org, now))();

  const writer = createTicketWriter(db, org);
  const spanMs = Math.min(365, Math.max(90, Math.round(options.tickets / 800))) * DAY;
  let messages = 0;
  for (let from = 0; from < options.tickets; from += batchSize) {
    const to = Math.min(options.tickets, from + batchSize);
    db.transaction(() => {
      for (let i = from; i < to; i++) messages += writer.write(random, i, options.tickets, spanMs, now);
    })();
    options.onProgress?.({ tickets: to, messages, elapsedMs: performance.now() - started });
  }
  db.transaction(() => writeAccountActivity(db, org, random, now))();
  // Fresh statistics let the planner pick the paging indexes; merging FTS segments keeps queries fast.
  db.exec("ANALYZE; INSERT INTO search_index (search_index) VALUES ('optimize');");
  return {
    tickets: options.tickets,
    messages,
    accounts: org.accounts.length,
    contacts: org.contacts.length,
    users: org.users.length,
    elapsedMs: performance.now() - started,
    meId: org.me.id,
  };
}

function writeOrganization(db: Database, org: DemoOrganization, now: number): void {
  const t = org.tenantId;
  const created = now - 400 * DAY;
  db.prepare('INSERT INTO tenants (id, tenant_id, name, time_zone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    t,
    t,
    'Acme Support',
    'Europe/London',
    created,
    created,
  );
  const team = db.prepare('INSERT INTO teams (id, tenant_id, name, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  for (const x of org.teams) team.run(x.id, t, x.name, x.description, created, created);
  const user = db.prepare(
    'INSERT INTO users (id, tenant_id, name, email, role, skills, capacity, locale, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)',
  );
  const userTeam = db.prepare('INSERT INTO user_teams (user_id, team_id, position) VALUES (?, ?, ?)');
  for (const u of org.users) {
    user.run(u.id, t, u.name, u.email, u.role, JSON.stringify(u.skills), u.capacity, u.locale, created, created);
    u.teamIds.forEach((teamId, i) => userTeam.run(u.id, teamId, i));
  }
  db.prepare('UPDATE sync_state SET user_id = ?, tenant_id = ? WHERE id = 1').run(org.me.id, t);

  const calendar = db.prepare(
    'INSERT INTO business_calendars (id, tenant_id, name, time_zone, weekly_hours, holidays, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const c of org.calendars)
    calendar.run(c.id, t, c.name, c.timeZone, JSON.stringify(c.weeklyHours), JSON.stringify(c.holidays), created, created);
  const targets = (share: number) =>
    Object.fromEntries(
      Object.entries(DEMO_SLA).map(([p, [first, next, resolution]]) => [
        p,
        {
          firstReplyMinutes: Math.round(first * share),
          nextReplyMinutes: Math.round(next * share),
          resolutionMinutes: Math.round(resolution * share),
        },
      ]),
    );
  const policy = db.prepare(
    'INSERT INTO sla_policies (id, tenant_id, name, position, conditions, targets, calendar_id, at_risk_share, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0.75, 1, ?, ?)',
  );
  policy.run(
    org.slaPolicyIds.enterprise,
    t,
    'Enterprise',
    0,
    JSON.stringify({ accountTiers: ['enterprise'] }),
    JSON.stringify(targets(0.5)),
    null,
    created,
    created,
  );
  policy.run(org.slaPolicyIds.standard, t, 'Standard', 1, '{}', JSON.stringify(targets(1)), org.calendars[0]?.id ?? null, created, created);

  const macro = db.prepare(
    'INSERT INTO macros (id, tenant_id, title, body, reply_kind, actions, owner_id, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)',
  );
  for (const m of org.macros) macro.run(m.id, t, m.title, m.body, m.replyKind, JSON.stringify(m.actions), m.ownerId, created, created);
  const view = db.prepare(
    'INSERT INTO saved_views (id, tenant_id, name, owner_id, filter, sort, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  org.savedViews.forEach((v, i) => view.run(v.id, t, v.name, v.ownerId, JSON.stringify(v.filter), v.sort, i, created, created));

  const search = createSearchWriter(db);
  const article = db.prepare(
    'INSERT INTO kb_articles (id, tenant_id, title, body, locale, tags, status, author_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const a of org.articles) {
    article.run(a.id, t, a.title, a.body, a.locale, JSON.stringify(a.tags), a.status, a.authorId, a.createdAt, a.updatedAt);
    search.insert({ kind: 'article', refId: a.id, ticketId: null, at: a.updatedAt, title: a.title, body: a.body });
  }
  const account = db.prepare(
    `INSERT INTO accounts (id, tenant_id, name, domain, tier, lifecycle_stage, owner_id, renewal_date, annual_value_minor, currency, health_score, notes, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const a of org.accounts) {
    account.run(
      a.id,
      t,
      a.name,
      a.domain,
      a.tier,
      a.lifecycleStage,
      a.ownerId,
      a.renewalDate,
      a.annualValueMinor,
      a.currency,
      a.healthScore,
      a.notes,
      a.createdAt,
      a.createdAt,
    );
    search.insert({ kind: 'account', refId: a.id, ticketId: null, at: a.createdAt, title: a.name, body: a.domain ?? '' });
  }
  const contact = db.prepare(
    'INSERT INTO contacts (id, tenant_id, account_id, name, email, phone, title, customer_type, locale, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const c of org.contacts) {
    contact.run(c.id, t, c.accountId, c.name, c.email, c.phone, c.title, c.customerType, c.locale, c.createdAt, c.createdAt);
    search.insert({
      kind: 'contact',
      refId: c.id,
      ticketId: null,
      at: c.createdAt,
      title: c.name,
      body: [c.email, c.phone].filter(Boolean).join(' '),
    });
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

function createTicketWriter(db: Database, org: DemoOrganization) {
  const t = org.tenantId;
  const search = createSearchWriter(db);
  const insertTicket = db.prepare(
    `INSERT INTO tickets (id, tenant_id, number, subject, status, priority, type, channel, requester_id, account_id, team_id, assignee_id, tags,
       escalation_tier, sla_policy_id, first_reply_due_at, next_reply_due_at, resolution_due_at, first_reply_at, solved_at, closed_at,
       last_message_at, message_count, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertTag = db.prepare('INSERT INTO ticket_tags (ticket_id, tag) VALUES (?, ?)');
  const insertMessage = db.prepare(
    'INSERT INTO messages (id, tenant_id, ticket_id, kind, author_type, author_id, body, channel, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertEvent = db.prepare(
    'INSERT INTO ticket_events (id, tenant_id, ticket_id, kind, actor_id, from_value, to_value, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertFeedback = db.prepare(
    'INSERT INTO feedback (id, tenant_id, kind, score, comment, contact_id, account_id, ticket_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const accountsById = new Map<string, DemoAccount>(org.accounts.map((a) => [a.id, a]));

  return {
    /** Writes ticket `i` of `total` with its thread and events; returns how many messages it has. */
    write(random: Random, i: number, total: number, spanMs: number, now: number): number {
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
      const thread = composeThread(random, { org, requester, account, status: statusFor(random, now - createdAt), createdAt, now });
      const status = thread.status;

      const id = demoId(random, createdAt);
      const sla = DEMO_SLA[thread.priority];
      const share = account?.tier === 'enterprise' ? 0.5 : 1;
      const unsolved = status !== 'solved' && status !== 'closed';
      const lastInbound = thread.messages.filter((m) => m.kind === 'inbound').pop()?.at ?? createdAt;
      const firstReplyDueAt = unsolved && thread.firstReplyAt === null ? createdAt + sla[0] * share * MINUTE : null;
      const nextReplyDueAt =
        unsolved && thread.firstReplyAt !== null && thread.awaitingReply ? lastInbound + sla[1] * share * MINUTE : null;
      const resolutionDueAt = unsolved ? createdAt + sla[2] * share * MINUTE : null;
      const slaPolicyId = account?.tier === 'enterprise' ? org.slaPolicyIds.enterprise : org.slaPolicyIds.standard;

      insertTicket.run(
        id,
        t,
        i + 1,
        thread.subject,
        status,
        thread.priority,
        thread.type,
        thread.channel,
        requester.id,
        requester.accountId,
        thread.teamId,
        thread.assigneeId,
        JSON.stringify(thread.tags),
        thread.escalationTier,
        slaPolicyId,
        firstReplyDueAt,
        nextReplyDueAt,
        resolutionDueAt,
        thread.firstReplyAt,
        thread.solvedAt,
        thread.closedAt,
        thread.lastMessageAt,
        thread.messages.length,
        createdAt,
        thread.updatedAt,
      );
      for (const tag of thread.tags) insertTag.run(id, tag);
      search.insert({ kind: 'ticket', refId: id, ticketId: id, at: thread.updatedAt, title: thread.subject, body: '' });
      for (const m of thread.messages) {
        const messageId = demoId(random, m.at);
        insertMessage.run(messageId, t, id, m.kind, m.authorType, m.authorId, m.body, thread.channel, m.at, m.at);
        if (m.kind !== 'system') search.insert({ kind: 'message', refId: messageId, ticketId: id, at: m.at, title: '', body: m.body });
      }
      for (const e of thread.events) {
        insertEvent.run(
          demoId(random, e.at),
          t,
          id,
          e.kind,
          e.actorId,
          e.from === null ? null : JSON.stringify(e.from),
          e.to === null ? null : JSON.stringify(e.to),
          e.at,
        );
      }
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
          insertFeedback.run(
            demoId(random, at),
            t,
            'csat',
            score,
            score >= 4
              ? requester.locale === 'en'
                ? 'Quick and helpful, thanks!'
                : '处理得很快，谢谢！'
              : requester.locale === 'en'
                ? 'Took too long to resolve.'
                : '解决得太慢了。',
            requester.id,
            requester.accountId,
            id,
            at,
            at,
          );
        }
      }
      return thread.messages.length;
    },
  };
}

/** Timeline entries, follow-up tasks and NPS answers for accounts, written after the tickets. */
function writeAccountActivity(db: Database, org: DemoOrganization, random: Random, now: number): void {
  const t = org.tenantId;
  const interaction = db.prepare(
    'INSERT INTO interactions (id, tenant_id, account_id, contact_id, ticket_id, kind, summary, occurred_at, author_id, created_at, updated_at) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)',
  );
  const task = db.prepare(
    'INSERT INTO tasks (id, tenant_id, title, notes, account_id, ticket_id, assignee_id, due_at, remind_at, completed_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)',
  );
  const feedback = db.prepare(
    'INSERT INTO feedback (id, tenant_id, kind, score, comment, contact_id, account_id, ticket_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)',
  );
  const contactsByAccount = new Map<string, DemoContact[]>();
  for (const c of org.contacts) if (c.accountId) contactsByAccount.set(c.accountId, [...(contactsByAccount.get(c.accountId) ?? []), c]);
  const summaries: Record<Locale, Record<'call' | 'meeting' | 'email' | 'note', string[]>> = {
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
  for (const a of org.accounts) {
    const contacts = contactsByAccount.get(a.id) ?? [];
    const locale = contacts[0]?.locale ?? 'en';
    const author = a.ownerId ?? org.me.id;
    for (let k = random.int(1, 4); k > 0; k--) {
      const kind = random.pick(['call', 'meeting', 'email', 'note'] as const);
      const at = now - random.int(1, 180) * DAY + random.int(9, 17) * HOUR;
      interaction.run(
        demoId(random, at),
        t,
        a.id,
        contacts.length ? random.pick(contacts).id : null,
        kind,
        random.pick(summaries[locale][kind]),
        at,
        author,
        at,
        at,
      );
    }
    if (random.chance(0.3)) {
      const dueAt = now + random.int(-10, 30) * DAY;
      const done = dueAt < now && random.chance(0.6) ? dueAt - HOUR : null;
      const title =
        locale === 'en'
          ? random.pick(['Renewal check-in', '30-day onboarding follow-up', 'Send QBR deck', 'Ask for a case study'])
          : random.pick(['续约回访', '上线 30 天回访', '发送季度业务回顾', '邀请做客户案例']);
      task.run(demoId(random, dueAt), t, title, '', a.id, author, dueAt, dueAt - DAY, done, now - 20 * DAY, now - 20 * DAY);
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
      feedback.run(demoId(random, at), t, 'nps', score, '', random.pick(contacts).id, a.id, at, at);
    }
  }
}
