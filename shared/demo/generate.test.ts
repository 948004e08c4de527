import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_TIERS,
  CHANNELS,
  CUSTOMER_TYPES,
  LIFECYCLE_STAGES,
  MESSAGE_KINDS,
  ROLES,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
} from '../domain/enums.ts';
import {
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
import { BusinessCalendar, BusinessCalendarVersion, SlaPolicy, SlaPolicyVersion } from '../sla/records.ts';
import { DEMO_AGENT_EMAIL, DEMO_SIGN_INS } from './credentials.ts';
import { healthFacts, utcDay } from '../health/facts.ts';
import { computeHealth } from '../health/score.ts';
import { healthFell, healthTrend } from '../health/trend.ts';
import { DEFAULT_HEALTH_WEIGHTS } from '../health/weights.ts';
import { createDemoData, type DemoBatch, type DemoData } from './generate.ts';
import { DEMO_HEALTH_DAYS } from './health-history.ts';

const NOW = Date.UTC(2026, 2, 10, 15, 30);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function generate(seed: number, tickets = 2000, batchSize = 500): { data: DemoData; batches: DemoBatch[] } {
  const data = createDemoData({ seed, tickets, now: NOW, batchSize });
  return { data, batches: [...data.batches] };
}

/** FNV-1a over the JSON: equal data, equal digest, and a short failure message when not. */
function digest(value: unknown): string {
  let h = 0x811c9dc5;
  const text = JSON.stringify(value);
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `${(h >>> 0).toString(16)}:${text.length}`;
}

const all = <K extends keyof DemoBatch>(batches: DemoBatch[], key: K): DemoBatch[K] =>
  ([] as unknown[]).concat(...batches.map((b) => b[key])) as DemoBatch[K];
const distinct = <T>(values: T[]) => [...new Set(values)].map(String).sort();

describe('the demo data set', () => {
  const { data, batches } = generate(42);
  const org = data.organization;
  const tickets = all(batches, 'tickets');
  const messages = all(batches, 'messages');
  const events = all(batches, 'events');

  it('is the same for the same seed and now, and different for another seed', () => {
    const again = generate(42);
    const other = generate(43);
    expect(digest([again.data.organization, again.batches])).toBe(digest([org, batches]));
    expect(digest(other.batches)).not.toBe(digest(batches));
    // The batch size only cuts the stream, it does not change it.
    const cutElsewhere = generate(42, 2000, 333).batches;
    expect(digest((['tickets', 'messages', 'links'] as const).map((k) => all(cutElsewhere, k)))).toBe(
      digest((['tickets', 'messages', 'links'] as const).map((k) => all(batches, k))),
    );
  });

  it('comes in batches of the asked size, tickets numbered in creation order', () => {
    expect(batches.map((b) => b.tickets.length)).toEqual([500, 500, 500, 500]);
    expect(tickets.map((t) => t.number)).toEqual(tickets.map((_, i) => i + 1));
    expect(tickets.every((t, i) => i === 0 || t.createdAt >= (tickets[i - 1]?.createdAt ?? 0))).toBe(true);
  });

  it('matches the domain schemas, every record of every kind', () => {
    const check = (schema: { safeParse(v: unknown): { error?: unknown } }, rows: unknown[]) => {
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(schema.safeParse(row).error).toBeUndefined();
    };
    check(Tenant, [org.tenant]);
    check(Team, org.teams);
    check(User, org.users);
    check(BusinessCalendar, org.calendars);
    check(SlaPolicy, org.slaPolicies);
    check(BusinessCalendarVersion, org.calendarVersions);
    check(SlaPolicyVersion, org.slaPolicyVersions);
    check(Macro, org.macros);
    check(SavedView, org.savedViews);
    check(KbArticle, org.articles);
    check(Account, org.accounts);
    check(Contact, org.contacts);
    check(Ticket, tickets);
    check(Message, messages);
    check(TicketEvent, events);
    check(TicketLink, all(batches, 'links'));
    check(Feedback, all(batches, 'feedback'));
    check(Interaction, all(batches, 'interactions'));
    check(Task, all(batches, 'tasks'));
    check(AccountHealth, all(batches, 'accountHealths'));
  });

  it('covers every status, priority, type, channel, tier, stage, role, customer type and message kind', () => {
    expect(distinct(tickets.map((t) => t.status))).toEqual([...TICKET_STATUSES].sort());
    expect(distinct(tickets.map((t) => t.priority))).toEqual([...TICKET_PRIORITIES].sort());
    expect(distinct(tickets.map((t) => t.type))).toEqual([...TICKET_TYPES].sort());
    expect(distinct(tickets.map((t) => t.channel))).toEqual([...CHANNELS].sort());
    expect(distinct(tickets.map((t) => t.escalationTier))).toEqual(['1', '2', '3']);
    expect(distinct(org.users.map((u) => u.role))).toEqual([...ROLES].sort());
    expect(distinct(org.accounts.map((a) => a.tier))).toEqual([...ACCOUNT_TIERS].sort());
    expect(distinct(org.accounts.map((a) => a.lifecycleStage))).toEqual([...LIFECYCLE_STAGES].sort());
    expect(distinct(org.contacts.map((c) => c.customerType))).toEqual([...CUSTOMER_TYPES].sort());
    // System happenings (assigned, escalated, solved) are events, never messages: the other kinds all occur.
    expect(distinct(messages.map((m) => m.kind))).toEqual(MESSAGE_KINDS.filter((k) => k !== 'system').sort());
  });

  it('speaks English and, for about a quarter of the customers, Chinese', () => {
    const locale = new Map(org.contacts.map((c) => [c.id, c.locale]));
    const zh = tickets.filter((t) => locale.get(t.requesterId) === 'zh-CN');
    expect(zh.length / tickets.length).toBeGreaterThan(0.15);
    expect(zh.length / tickets.length).toBeLessThan(0.4);
    expect(zh.every((t) => /[\u4e00-\u9fff]/.test(t.subject))).toBe(true);
    expect(org.articles.some((a) => a.locale === 'zh-CN')).toBe(true);
  });

  it('gives the demo people their sign-in addresses, the demo agent being "me" with work of their own', () => {
    const emails = new Set(org.users.map((u) => u.email));
    for (const { email, role } of DEMO_SIGN_INS) {
      expect(emails.has(email)).toBe(true);
      expect(org.users.find((u) => u.email === email)?.role).toBe(role);
    }
    expect(org.me.email).toBe(DEMO_AGENT_EMAIL);
    expect(tickets.filter((t) => t.assigneeId === org.me.id).length).toBeGreaterThan(20);
  });

  // The demo tenant's own size, made once for the tests that need it.
  let tenThousand: ReturnType<typeof generate> | undefined;
  const demoTenant = () => (tenThousand ??= generate(42, 10_000, 5_000));

  it('gives the demo tenant a year of history, so twelve-month figures have data', () => {
    const created = all(demoTenant().batches, 'tickets').map((t) => t.createdAt);
    expect(NOW - Math.min(...created)).toBeGreaterThan(360 * DAY);
    // Every month of the year has tickets.
    const months = new Set(created.map((at) => new Date(at).toISOString().slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(12);
  });

  it('gives nobody more unsolved tickets than their capacity, however many tickets (the rest wait unassigned)', () => {
    const large = demoTenant();
    const open = new Map<string, number>();
    for (const t of all(large.batches, 'tickets'))
      if (t.assigneeId && ['new', 'open', 'pending', 'on_hold'].includes(t.status))
        open.set(t.assigneeId, (open.get(t.assigneeId) ?? 0) + 1);
    const people = large.data.organization.users.filter((u) => open.has(u.id));
    expect(people.length).toBeGreaterThan(5);
    for (const u of people) expect({ name: u.name, open: open.get(u.id)! <= u.capacity }).toEqual({ name: u.name, open: true });
  });

  it('keeps every thread inside its ticket: created <= messages <= updated <= now, solved tickets with solvedAt', () => {
    const threads = new Map<string, Message[]>();
    for (const m of messages) threads.set(m.ticketId, [...(threads.get(m.ticketId) ?? []), m]);
    for (const t of tickets) {
      const thread = threads.get(t.id) ?? [];
      expect(thread).toHaveLength(t.messageCount);
      expect(thread.every((m) => m.createdAt >= t.createdAt && m.createdAt <= t.updatedAt)).toBe(true);
      expect(t.lastMessageAt).toBe(Math.max(...thread.map((m) => m.createdAt)));
      expect(t.updatedAt).toBeLessThanOrEqual(NOW);
      expect(t.solvedAt !== null).toBe(t.status === 'solved' || t.status === 'closed');
      expect(t.closedAt !== null).toBe(t.status === 'closed');
      if (t.solvedAt !== null) expect(t.solvedAt).toBeGreaterThanOrEqual(t.createdAt);
    }
    const ids = new Set(tickets.map((t) => t.id));
    expect(events.every((e) => ids.has(e.ticketId))).toBe(true);
    expect(all(batches, 'links').every((l) => ids.has(l.ticketId) && ids.has(l.otherTicketId))).toBe(true);
  });

  it('spreads the last activity believably instead of "updated 1 minute ago" everywhere', () => {
    const age = (t: { updatedAt: number }) => NOW - t.updatedAt;
    const newest = [...tickets].sort((a, b) => b.updatedAt - a.updatedAt).slice(0, 50);
    // The top of the inbox: a few just now, most minutes to hours ago.
    expect(newest.filter((t) => age(t) <= 2 * MINUTE).length).toBeLessThan(5);
    expect(age(newest[25]!)).toBeGreaterThan(10 * MINUTE);
    const open = tickets.filter((t) => t.status !== 'solved' && t.status !== 'closed');
    const done = tickets.filter((t) => t.status === 'solved' || t.status === 'closed');
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    expect(median(open.map(age))).toBeGreaterThan(HOUR);
    // Solved and closed work is older than what is still open.
    expect(median(done.map(age))).toBeGreaterThan(median(open.map(age)));
    expect(Math.max(...tickets.map(age))).toBeGreaterThan(30 * DAY);
  });

  it('reopens some solved tickets as live work does: the customer writes, the ticket opens, is answered and solved again', () => {
    const byTicket = new Map<string, typeof events>();
    for (const e of events) byTicket.set(e.ticketId, [...(byTicket.get(e.ticketId) ?? []), e]);
    const solvedTickets = tickets.filter((t) => t.solvedAt !== null);
    const reopened = solvedTickets.filter((t) =>
      byTicket.get(t.id)!.some((e) => e.kind === 'status' && e.from === 'solved' && e.to === 'open'),
    );
    expect(reopened.length / solvedTickets.length).toBeGreaterThan(0.03);
    expect(reopened.length / solvedTickets.length).toBeLessThan(0.12);
    for (const t of reopened) {
      const log = byTicket.get(t.id)!.sort((a, b) => a.at - b.at);
      const reopen = log.findIndex((e) => e.kind === 'status' && e.from === 'solved' && e.to === 'open');
      // The customer's message came in at that instant, through the channel (nobody logged it).
      const cause = log.find((e) => e.at === log[reopen]!.at && e.kind === 'message');
      expect(cause).toMatchObject({ to: { kind: 'inbound' }, actorId: null });
      expect(log[reopen]!.actorId).toBeNull();
      // Answered, then solved again: the ticket's solvedAt is the last solve.
      const after = log.slice(reopen + 1);
      expect(after.some((e) => e.kind === 'message' && (e.to as { kind: string }).kind === 'reply')).toBe(true);
      const solves = log.filter((e) => e.kind === 'status' && e.to === 'solved');
      expect(solves.length).toBe(2);
      expect(t.solvedAt).toBe(solves[1]!.at);
    }
  });

  it('asks CSAT, CES and NPS, and the unhappy answers carry comments in both languages', () => {
    const feedback = all(batches, 'feedback');
    const ces = feedback.filter((f) => f.kind === 'ces');
    expect(ces.length).toBeGreaterThan(50);
    expect(ces.every((f) => f.score >= 1 && f.score <= 7 && f.ticketId !== null)).toBe(true);
    expect(feedback.some((f) => f.kind === 'nps' && f.comment !== '')).toBe(true);
    const commented = (low: boolean) => {
      const answers = feedback.filter((f) => f.kind === 'csat' && (low ? f.score <= 2 : f.score >= 4));
      return answers.filter((f) => f.comment !== '').length / answers.length;
    };
    expect(commented(true)).toBeGreaterThan(commented(false));
    const texts = feedback.map((f) => f.comment).filter(Boolean);
    expect(texts.some((c) => /[\u4e00-\u9fff]/.test(c))).toBe(true);
    expect(texts.some((c) => /^[\x20-\x7e]+$/.test(c))).toBe(true);
  });

  it('gives every account a daily health history ending with the score its records give today, and some a fall', () => {
    const healths = all(batches, 'accountHealths');
    expect(healths.map((h) => h.accountId).sort()).toEqual(org.accounts.map((a) => a.id).sort());
    const days = Array.from({ length: DEMO_HEALTH_DAYS }, (_, i) => utcDay(NOW - (DEMO_HEALTH_DAYS - 1 - i) * DAY));
    const feedback = all(batches, 'feedback');
    const interactions = all(batches, 'interactions');
    for (const h of healths) {
      expect(h.history.map((d) => d.day)).toEqual(days);
      // Today's score from every record of the account, as the server's daily job reads them.
      const account = org.accounts.find((a) => a.id === h.accountId)!;
      const mine = tickets.filter((t) => t.accountId === account.id);
      const ids = new Set(mine.map((t) => t.id));
      const today = computeHealth(
        healthFacts(
          {
            account,
            tickets: mine,
            escalatedAt: events.filter((e) => e.kind === 'escalated' && ids.has(e.ticketId)).map((e) => e.at),
            feedback: feedback.filter(
              (f) => f.accountId === account.id || (f.accountId === null && f.ticketId !== null && ids.has(f.ticketId)),
            ),
            interactionsAt: interactions.filter((i) => i.accountId === account.id).map((i) => i.occurredAt),
          },
          NOW,
        ),
        DEFAULT_HEALTH_WEIGHTS,
      );
      expect({ score: h.score, reasons: h.reasons, last: h.history.at(-1)?.score }).toEqual({
        score: today.score,
        reasons: today.reasons,
        last: today.score,
      });
    }
    // The portfolio's "Health fell" filter has something to show on a fresh demo.
    expect(healths.some((h) => healthFell(healthTrend(h.history)))).toBe(true);
  });

  it('refuses a ticket count it cannot make', () => {
    expect(() => createDemoData({ seed: 1, tickets: 0, now: NOW })).toThrow(RangeError);
    expect(() => createDemoData({ seed: 1, tickets: 1.5, now: NOW })).toThrow(/whole number/);
  });
});
