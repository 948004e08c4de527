/**
 * One demo ticket and its thread: topic, fields and a believable conversation (customer message,
 * replies, internal notes) whose times fit between the ticket's creation and "now", ending the way
 * its status says (pending: waiting on the customer; solved: a final reply...), and its event log:
 * the same event data live work writes (shared/domain/ticket-events.ts), never text.
 */
import type { ActorKind } from '../domain/actors.ts';
import type { Channel, EscalationTier, TicketPriority, TicketStatus, TicketType } from '../domain/enums.ts';
import type { MessageAuthor } from '../domain/records.ts';
import type { TicketEventChange } from '../domain/ticket-events.ts';
import { isUnsolved } from '../domain/ticket-status.ts';
import type { DemoAccount, DemoContact, DemoOrganization, DemoUser, TeamKey } from './organization.ts';
import {
  CLOSINGS,
  ESCALATION_REASONS,
  EXTRA_TAGS,
  GREETINGS,
  MONTHS,
  PHRASES,
  PRODUCTS,
  TOPIC_TAGS,
  TOPICS,
  type Topic,
} from './phrases.ts';
import { demoId, type Random } from './random.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export interface DemoMessage {
  id: string;
  kind: 'inbound' | 'reply' | 'note';
  authorType: MessageAuthor;
  authorId: string | null;
  body: string;
  at: number;
}

/** An event as live work writes it: its change, who acted (eventActor's fields) and when. */
export type DemoEvent = TicketEventChange & {
  actorId: string | null;
  actorKind?: ActorKind;
  automation?: string;
  at: number;
  /** Set for the events of a reopen, named from its own stream (`ThreadInput.reopen`). */
  id?: string;
};

/** Closes solved tickets after four days; named like every system actor. */
const AUTO_CLOSE_ACTOR = 'automation:auto-close';

export interface DemoThread {
  /** The status asked for, except that a ticket too young to be closed is only solved. */
  status: TicketStatus;
  subject: string;
  priority: TicketPriority;
  type: TicketType;
  channel: Channel;
  teamId: string;
  assigneeId: string | null;
  tags: string[];
  escalationTier: EscalationTier;
  messages: DemoMessage[];
  events: DemoEvent[];
  firstReplyAt: number | null;
  solvedAt: number | null;
  closedAt: number | null;
  lastMessageAt: number;
  updatedAt: number;
  /** The last word is the customer's: a reply is due. */
  awaitingReply: boolean;
}

const TOPIC_TEAM: Record<Topic, TeamKey> = {
  billing: 'billing',
  refund: 'billing',
  account: 'billing',
  login: 'technical',
  bug: 'technical',
  shipping: 'technical',
  onboarding: 'onboarding',
  feature: 'onboarding',
};

export interface ThreadInput {
  org: DemoOrganization;
  requester: DemoContact;
  account: DemoAccount | undefined;
  status: TicketStatus;
  createdAt: number;
  now: number;
  /** Names a record made at a time (messages: their events point at them). */
  newId: (at: number) => string;
  /** Unsolved tickets assigned so far, per person: nobody is given more than their capacity. */
  workload: Map<string, number>;
  /**
   * Set when the customer writes again after the ticket was solved (it reopens, is answered and
   * solved again, as live work logs it): the reopen's words, gaps and ids are drawn from this
   * stream, kept apart from the main one so the rest of the demo is the same with or without it.
   */
  reopen: Random | null;
}

/**
 * The person to give an unsolved ticket: the one picked if under capacity, else the least loaded
 * teammate with room, else nobody (the ticket waits unassigned, as a real backlog does).
 */
function withRoom(workload: Map<string, number>, picked: DemoUser, agents: readonly DemoUser[]): DemoUser | null {
  const load = (u: DemoUser) => workload.get(u.id) ?? 0;
  const roomy = agents.filter((u) => load(u) < u.capacity);
  const chosen = roomy.includes(picked) ? picked : (roomy.sort((a, b) => load(a) - load(b))[0] ?? null);
  if (chosen) workload.set(chosen.id, load(chosen) + 1);
  return chosen;
}

export function composeThread(random: Random, input: ThreadInput): DemoThread {
  const { org, requester, createdAt, now } = input;
  const locale = requester.locale;
  const topic = random.pick(TOPICS);
  const p = PHRASES[locale][topic];
  // A closed ticket was solved at least four days earlier; a younger one is still only solved.
  const status: TicketStatus = input.status === 'closed' && now - createdAt < 5 * DAY ? 'solved' : input.status;

  const teamKey: TeamKey = locale === 'zh-CN' && random.chance(0.6) ? 'china' : TOPIC_TEAM[topic];
  const agents = org.agentsByTeam[teamKey];
  const unassigned = status === 'new' ? random.chance(0.6) : status === 'open' ? random.chance(0.08) : false;
  const picked: DemoUser | null = unassigned || agents.length === 0 ? null : random.pick(agents);
  const assignee = picked && isUnsolved(status) ? withRoom(input.workload, picked, agents) : picked;
  const replier = picked ?? (agents.length ? random.pick(agents) : org.me);

  let priority = random.weighted<TicketPriority>([
    ['low', 20],
    ['normal', 50],
    ['high', 22],
    ['urgent', 8],
  ]);
  if (requester.customerType === 'upset' && priority === 'low') priority = 'normal';
  const type = random.weighted<TicketType>([
    ['question', 45],
    ['incident', 30],
    ['problem', 10],
    ['task', 15],
  ]);
  const channel = random.weighted<Channel>([
    ['email', 45],
    ['chat', 20],
    ['web_form', 15],
    ['phone', 12],
    ['social', 5],
    ['walk_in', 3],
  ]);
  const escalationTier = random.weighted<EscalationTier>([
    [1, 85],
    [2, 11],
    [3, 4],
  ]);
  const tags = [
    ...new Set([
      random.pick(TOPIC_TAGS[topic]),
      ...(random.chance(0.4) ? [random.pick(TOPIC_TAGS[topic])] : []),
      ...(random.chance(0.15) ? [random.pick(EXTRA_TAGS)] : []),
    ]),
  ];

  const vars = ticketVars(random, input, replier);
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (m, key: string) => vars[key] ?? m);
  const join = (parts: string[]) => parts.filter(Boolean).join(locale === 'en' ? '\n\n' : '\n');
  const customer = (text: string, first: boolean) =>
    fill(join([first || random.chance(0.5) ? random.pick(GREETINGS[locale].customer) : '', text, random.pick(CLOSINGS[locale].customer)]));
  const agentReply = () => fill(join([random.pick(GREETINGS[locale].agent), random.pick(p.reply), random.pick(CLOSINGS[locale].agent)]));

  // The conversation as steps, timed afterwards to fit the ticket's life. Assignment, escalation
  // and solving are steps too: they happen between messages, and are events, not messages.
  type Step = { kind: DemoMessage['kind'] | 'assign' | 'escalate' | 'solve'; body: string; gap: number; reopen?: Random };
  const steps: Step[] = [{ kind: 'inbound', body: customer(random.pick(p.opening), true), gap: 0 }];
  if (status !== 'new') {
    const rounds = random.int(1, 6);
    for (let r = 0; r < rounds; r++) {
      if (r > 0) steps.push({ kind: 'inbound', body: customer(random.pick(p.followUp), false), gap: random.int(30, 1440) });
      if (r === 0 && assignee) steps.push({ kind: 'assign', body: '', gap: random.int(2, 60) });
      if (r === 1 && escalationTier > 1)
        steps.push({ kind: 'escalate', body: random.pick(ESCALATION_REASONS[locale]), gap: random.int(5, 120) });
      if (random.chance(0.2)) steps.push({ kind: 'note', body: fill(random.pick(p.note)), gap: random.int(1, 30) });
      steps.push({ kind: 'reply', body: agentReply(), gap: random.int(5, 240) });
    }
    if (status === 'open' && random.chance(0.5))
      steps.push({ kind: 'inbound', body: customer(random.pick(p.followUp), false), gap: random.int(30, 1440) });
    if (status === 'on_hold') steps.push({ kind: 'note', body: fill(random.pick(p.note)), gap: random.int(1, 60) });
    if (status === 'solved' || status === 'closed') steps.push({ kind: 'solve', body: '', gap: 1 });
    const again = input.reopen;
    if (again && (status === 'solved' || status === 'closed')) {
      const opening = join([again.pick(GREETINGS[locale].customer), again.pick(p.followUp), again.pick(CLOSINGS[locale].customer)]);
      const answer = join([again.pick(GREETINGS[locale].agent), again.pick(p.reply), again.pick(CLOSINGS[locale].agent)]);
      steps.push(
        { kind: 'inbound', body: fill(opening), gap: again.int(60, 4320), reopen: again },
        { kind: 'reply', body: fill(answer), gap: again.int(10, 480), reopen: again },
        { kind: 'solve', body: '', gap: 1, reopen: again },
      );
    }
  }
  // An escalation in a thread too short to reach its second round still happened, after the first reply.
  if (escalationTier > 1 && !steps.some((s) => s.kind === 'escalate'))
    steps.splice(Math.min(3, steps.length), 0, {
      kind: 'escalate',
      body: random.pick(ESCALATION_REASONS[locale]),
      gap: random.int(5, 120),
    });

  const closedWait = status === 'closed' ? 4 * DAY : 0;
  const available = Math.max(MINUTE, now - createdAt - closedWait - MINUTE);
  const total = steps.reduce((s, x) => s + x.gap * MINUTE, 0);
  // A thread longer than the ticket's life so far is compressed to end somewhere between 15% and
  // 95% of the way to now, not at now: otherwise every young ticket was "updated 1 minute ago".
  const scale = total > available ? (available * (0.15 + 0.8 * random.next())) / total : 1;

  // The steps replayed as live work would log them: created, then each message (a first reply
  // opens the ticket), assignment, escalation, pending or on hold at the end, solved, closed.
  const messages: DemoMessage[] = [];
  const agent = { actorId: replier.id };
  // Some urgent tickets came in as high and were raised by the agent who first answered.
  const raised = priority === 'urgent' && random.chance(0.5);
  const events: DemoEvent[] = [
    { kind: 'created', from: null, to: { status: 'new', priority: raised ? 'high' : priority, channel }, actorId: null, at: createdAt },
  ];
  let current: TicketStatus = 'new';
  const moveTo = (to: TicketStatus, at: number, actor: Pick<DemoEvent, 'actorId' | 'actorKind' | 'automation' | 'id'>) => {
    if (to === current) return;
    // A second status change at the instant of another (a reply opened the ticket, then it was set
    // pending) is a change of its own a moment later: two at one instant would be read in their
    // ids' order, which says nothing about which came first.
    const previous = events.at(-1);
    const when = previous?.kind === 'status' && previous.at >= at ? previous.at + 1 : at;
    events.push({ kind: 'status', from: current, to, ...actor, at: when });
    current = to;
  };
  let at = createdAt;
  steps.forEach((step, i) => {
    at = i === 0 ? createdAt : at + Math.max(1000, Math.round(step.gap * MINUTE * scale));
    if (step.kind === 'assign') {
      if (assignee) events.push({ kind: 'assignee', from: null, to: assignee.id, ...agent, at });
    } else if (step.kind === 'escalate') {
      events.push({ kind: 'escalated', from: 1, to: { tier: escalationTier, reason: step.body }, ...agent, at });
    } else if (step.kind === 'solve') {
      moveTo('solved', at, { ...agent, ...asideId(step.reopen, at) });
    } else {
      const authorType: MessageAuthor = step.kind === 'inbound' ? 'contact' : 'agent';
      const message: DemoMessage = {
        id: step.reopen ? demoId(step.reopen, at) : input.newId(at),
        kind: step.kind,
        authorType,
        authorId: authorType === 'contact' ? requester.id : replier.id,
        body: step.body,
        at,
      };
      messages.push(message);
      // A customer's message arrives through its channel: no person logged it.
      const by = step.kind === 'inbound' ? { actorId: null } : agent;
      events.push({
        kind: 'message',
        from: null,
        to: { messageId: message.id, kind: message.kind },
        ...by,
        ...asideId(step.reopen, at),
        at,
      });
      if (step.kind === 'reply') moveTo('open', at, { ...agent, ...asideId(step.reopen, at) });
      // A customer writing on a solved ticket reopens it (onCustomerReply), by the channel.
      if (step.kind === 'inbound' && current === 'solved') moveTo('open', at, { actorId: null, ...asideId(step.reopen, at) });
    }
  });
  const last = messages[messages.length - 1] as DemoMessage;
  if (status === 'pending' || status === 'on_hold') moveTo(status, last.at, agent);
  const firstReplyAt = messages.find((m) => m.kind === 'reply')?.at ?? null;
  const solvedAt = status === 'solved' || status === 'closed' ? at : null;
  const closedAt = status === 'closed' && solvedAt !== null ? solvedAt + 4 * DAY : null;
  if (closedAt !== null) moveTo('closed', closedAt, { actorId: null, actorKind: 'automation', automation: AUTO_CLOSE_ACTOR });
  // Raised just after the first answer, as its own change (at the answer's instant, the order of the two would rest on their ids).
  if (raised) events.push({ kind: 'priority', from: 'high', to: 'urgent', ...agent, at: (firstReplyAt ?? createdAt) + 1 });

  const lastMessageAt = messages[messages.length - 1]!.at;
  return {
    status,
    subject: fill(random.pick(p.subjects)),
    priority,
    type,
    channel,
    teamId: org.teamIds[teamKey],
    assigneeId: assignee?.id ?? null,
    tags,
    escalationTier,
    messages,
    events: events.sort((a, b) => a.at - b.at),
    firstReplyAt,
    solvedAt,
    closedAt,
    lastMessageAt,
    updatedAt: lastMessageAt,
    awaitingReply: last.kind === 'inbound',
  };
}

/** The id of a reopen's event, from the reopen's own stream; none (named later) otherwise. */
function asideId(stream: Random | undefined, at: number): { id?: string } {
  return stream ? { id: demoId(stream, at) } : {};
}

function ticketVars(random: Random, input: ThreadInput, agent: DemoUser): Record<string, string> {
  const { requester, createdAt } = input;
  const locale = requester.locale;
  const seats = random.int(5, 40);
  const day = new Date(createdAt + random.int(-10, 10) * DAY);
  const amount = random.int(19, 2400);
  return {
    invoice: `INV-${random.int(10000, 99999)}`,
    order: `${random.int(100000, 999999)}`,
    amount: locale === 'en' ? `${random.pick(['$', '€', '£'])}${amount}.00` : `¥${amount * 7}`,
    month: MONTHS[locale][new Date(createdAt).getUTCMonth()] ?? '',
    seats: String(seats),
    seatsLess: String(seats - random.int(1, 4)),
    date: locale === 'en' ? `${day.getUTCDate()} ${MONTHS.en[day.getUTCMonth()]}` : `${day.getUTCMonth() + 1}月${day.getUTCDate()}日`,
    time: `${random.int(9, 17)}:${random.pick(['00', '15', '30', '45'])}`,
    product: random.pick(PRODUCTS[locale]),
    version: `4.${random.int(1, 12)}.${random.int(0, 9)}`,
    first: requester.firstName,
    name: requester.name,
    agent: agent.name,
  };
}
