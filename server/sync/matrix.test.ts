/**
 * Permission safety (SECURITY.md): for every role, a ticket of their team, of another team and
 * of another tenant — who may change it through push, and who receives it through pull; for
 * every kind of record, who receives it by bootstrap, pull and poke, and who loses it when it
 * moves; and for every mutator, what each role may change with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids.ts';
import type { ErrorCode } from '../../shared/contract/errors.ts';
import { canSeeRecord } from '../../shared/sync/record-visibility.ts';
import type { User } from '../../shared/domain/records.ts';
import { goodCalendar, goodPolicy } from '../../shared/areas/sla/refusals.fixture.ts';
import { MUTATOR_NAMES, type MutatorName } from '../../shared/sync/mutators.ts';
import type { RowChange, SyncEntity } from '../../shared/sync/protocol.ts';
import { ticketPlace } from '../../shared/sync/scope-rules.ts';
import { createTeam, createTenant, createUser, writeRecords } from '../admin/operations.ts';
import { backends } from '../testing/backends.ts';
import { newTicket, PASSWORD, setUp, type Fixture, type TestClient } from '../testing/fixture.ts';
import { connect } from '../testing/live-socket.ts';

describe.each(backends)('role x team matrix on $name', (backend) => {
  let f: Fixture;
  const tickets: Record<'billing' | 'tech' | 'otherTenant', string> = { billing: '', tech: '', otherTenant: '' };
  beforeAll(async () => {
    f = await setUp(backend);
    const supervisor = await f.client(f.users.supervisor);
    const billing = newTicket(f, f.teams.billing.id, 'Billing ticket');
    const tech = newTicket(f, f.teams.tech.id, 'Tech ticket');
    await supervisor.push([
      { id: 1, name: 'ticket.create', args: billing.args },
      { id: 2, name: 'ticket.create', args: tech.args },
    ]);
    tickets.billing = billing.id;
    tickets.tech = tech.id;

    const tenant = await createTenant(f.db, 'test', { name: 'Other Co' });
    const team = await createTeam(f.db, 'test', { tenantId: tenant.id, name: 'Support' });
    const boss = await createUser(f.db, 'test', {
      tenantId: tenant.id,
      email: 'boss@other.test',
      name: 'Boss',
      password: PASSWORD,
      role: 'admin',
      teamIds: [team.id],
    });
    const contact = { ...f.contact, id: uuidv7(), tenantId: tenant.id };
    await f.db.transaction((q) => writeRecords(q, tenant.id, [{ entity: 'contact', id: contact.id, row: contact }]));
    const foreign = await f.client(boss);
    const t = { id: uuidv7() };
    const r = await foreign.push([
      {
        id: 1,
        name: 'ticket.create',
        args: {
          ticket: { id: t.id, subject: 'Secret', channel: 'email', requesterId: contact.id, teamId: team.id },
          message: { id: uuidv7(), kind: 'inbound', body: 'hi' },
        },
      },
    ]);
    expect(r.body.results[0].status).toBe('applied');
    tickets.otherTenant = t.id;
  });
  afterAll(() => f.close());

  const roles: [keyof Fixture['users'], { billing: boolean; tech: boolean }][] = [
    ['agent', { billing: true, tech: false }],
    ['techAgent', { billing: false, tech: true }],
    ['manager', { billing: true, tech: false }],
    ['supervisor', { billing: true, tech: true }],
    ['admin', { billing: true, tech: true }],
  ];

  it.each(roles)('%s pushes and pulls exactly the tickets they may see', async (role, may) => {
    const user: User = f.users[role];
    const c = await f.client(user);
    const pulled = new Set((await c.pullAll(null)).changes.flatMap((x) => [x.id, x.op === 'put' ? String(x.row.ticketId ?? '') : '']));
    expect(pulled.has(tickets.billing)).toBe(may.billing);
    expect(pulled.has(tickets.tech)).toBe(may.tech);
    expect(pulled.has(tickets.otherTenant)).toBe(false);

    const r = await c.push([
      { id: 1, name: 'ticket.tags', args: { id: tickets.billing, add: [role] } },
      { id: 2, name: 'ticket.tags', args: { id: tickets.tech, add: [role] } },
      { id: 3, name: 'message.append', args: { id: uuidv7(), ticketId: tickets.otherTenant, kind: 'note', body: 'peek' } },
    ]);
    const outcome = (i: number) => (r.body.results[i].status === 'applied' ? 'applied' : r.body.results[i].error.code);
    expect([outcome(0), outcome(1), outcome(2)]).toEqual([
      may.billing ? 'applied' : 'NOT_FOUND',
      may.tech ? 'applied' : 'NOT_FOUND',
      'NOT_FOUND',
    ]);
  });

  it('the other tenant’s ticket is untouched by all of it', async () => {
    const { rows } = await f.db.query<{ data: { tags: string[]; messageCount: number } }>(
      "SELECT data FROM records WHERE entity = 'ticket' AND id = $1",
      [tickets.otherTenant],
    );
    expect(rows[0]?.data).toMatchObject({ tags: [], messageCount: 1 });
  });
});

/**
 * Every kind of record, for every role: what a console holds after a bootstrap, after an
 * incremental pull and after applying pokes equals exactly what canSeeRecord allows; and when a
 * record leaves someone's scopes (a ticket moved team, an account's owner changed, a task
 * reassigned) it is purged from their cache and from nobody else's.
 */
describe.each(backends)('role x kind matrix on $name', (backend) => {
  type Role = keyof Fixture['users'];
  const ROLES: Role[] = ['agent', 'techAgent', 'manager', 'supervisor', 'admin'];
  type Cache = Map<string, unknown>;
  /** One person's client and three consoles on it: bootstrapped afresh, pulling, and poked. */
  interface Person {
    user: User;
    client: TestClient;
    socket: ReturnType<typeof connect>;
    frames: number;
    pulled: { cursor: string | null; cache: Cache };
    poked: { cursor: string | null; cache: Cache };
  }
  let f: Fixture;
  const people = {} as Record<Role, Person>;
  const ids = {
    accountX: uuidv7(),
    accountY: uuidv7(),
    contactX: uuidv7(),
    contactY: uuidv7(),
    techX: uuidv7(),
    techNone: uuidv7(),
    billingY: uuidv7(),
    messageTechNone: uuidv7(),
    noteX: uuidv7(),
    noteTechX: uuidv7(),
    noteY: uuidv7(),
    feedbackTechNone: uuidv7(),
    feedbackTechX: uuidv7(),
    feedbackContact: uuidv7(),
    feedbackY: uuidv7(),
    taskAgent: uuidv7(),
    taskTechX: uuidv7(),
    taskAgentY: uuidv7(),
  };
  const k = (entity: SyncEntity, id: string) => `${entity}:${id}`;

  function apply(cache: Cache, changes: readonly RowChange[]): void {
    for (const c of changes) {
      if (c.op === 'put') cache.set(k(c.entity, c.id), c.row);
      else cache.delete(k(c.entity, c.id));
    }
  }

  /** Pulls to the head as Core does: a reset empties the cache and bootstraps again. */
  async function pullInto(client: TestClient, console: { cursor: string | null; cache: Cache }): Promise<void> {
    for (;;) {
      const page = await client.pull(console.cursor, 50);
      if (page.kind === 'reset') {
        console.cache.clear();
        console.cursor = null;
        continue;
      }
      apply(console.cache, page.changes);
      console.cursor = page.cursor;
      if (!page.more) return;
    }
  }

  /**
   * Applies the next poke as Core does: carried changes when the console is at its base, else a
   * pull. Returns whether the poke carried them.
   */
  async function nextPoke(p: Person): Promise<boolean> {
    const frame = await p.socket.frame(++p.frames);
    if (frame.changes && frame.base === p.poked.cursor) {
      apply(p.poked.cache, frame.changes);
      p.poked.cursor = frame.cursor ?? null;
      return true;
    }
    await pullInto(p.client, p.poked);
    return false;
  }

  /** What canSeeRecord allows the person, over every live record on the server. */
  async function allowed(user: User): Promise<string[]> {
    const { rows } = await f.db.query<{ entity: SyncEntity; id: string; data: Record<string, unknown> }>(
      'SELECT entity, id::text AS id, data FROM records WHERE tenant_id = $1 AND NOT deleted',
      [f.tenantId],
    );
    const tickets = new Map(rows.filter((r) => r.entity === 'ticket').map((r) => [r.id, ticketPlace(r.data)]));
    const viewer = {
      ...user,
      ownedAccountIds: rows.filter((r) => r.entity === 'account' && r.data.ownerId === user.id).map((r) => r.id),
    };
    return rows
      .filter((r) => canSeeRecord(viewer, r.entity, r.data, (id) => tickets.get(id) ?? null))
      .map((r) => k(r.entity, r.id))
      .sort();
  }

  /**
   * After one more commit, every console of every person holds exactly what it may; returns each
   * person's cache. Those whose scope set changed (`restarting`) get a poke they cannot apply.
   */
  async function expectExactlyAllowed(restarting: readonly Role[] = []): Promise<Record<Role, Set<string>>> {
    const out = {} as Record<Role, Set<string>>;
    for (const role of ROLES) {
      const p = people[role];
      expect(await nextPoke(p), `${role}'s poke carries the changes`).toBe(!restarting.includes(role));
      await pullInto(p.client, p.pulled);
      const booted = { cursor: null, cache: new Map() };
      await pullInto(p.client, booted);
      const want = await allowed(p.user);
      expect([...booted.cache.keys()].sort(), `${role} by bootstrap`).toEqual(want);
      expect([...p.pulled.cache.keys()].sort(), `${role} by pull`).toEqual(want);
      expect([...p.poked.cache.keys()].sort(), `${role} by poke`).toEqual(want);
      out[role] = new Set(want);
    }
    return out;
  }

  beforeAll(async () => {
    // No job runner: its commits (the daily health scores of the accounts written below, routing)
    // would poke every socket between the test's own pushes, and each check counts pokes exactly.
    f = await setUp(backend, { jobs: false });
    const now = Date.now();
    const account = (id: string, name: string, ownerId: string | null) => ({
      id,
      tenantId: f.tenantId,
      version: 0,
      createdAt: now,
      updatedAt: now,
      name,
      domain: null,
      tier: 'standard',
      lifecycleStage: 'active',
      ownerId,
      renewalDate: null,
      annualValueMinor: 0,
      currency: 'USD',
      healthScore: null,
      notes: '',
    });
    await f.db.transaction((q) =>
      writeRecords(q, f.tenantId, [
        { entity: 'account', id: ids.accountX, row: account(ids.accountX, 'X Corp', f.users.manager.id) },
        { entity: 'account', id: ids.accountY, row: account(ids.accountY, 'Y Corp', null) },
        { entity: 'contact', id: ids.contactX, row: { ...f.contact, id: ids.contactX, accountId: ids.accountX } },
        { entity: 'contact', id: ids.contactY, row: { ...f.contact, id: ids.contactY, accountId: ids.accountY } },
      ]),
    );
    for (const role of ROLES) {
      const user = f.users[role];
      const client = await f.client(user);
      const socket = connect(f.server);
      await socket.opened;
      socket.auth(client.session.accessToken);
      expect(await socket.frame(1)).toEqual({ type: 'poke' });
      const pulled = { cursor: null, cache: new Map() };
      await pullInto(client, pulled);
      people[role] = { user, client, socket, frames: 1, pulled, poked: { cursor: pulled.cursor, cache: new Map(pulled.cache) } };
    }
  }, 60_000); // five sign-ins (argon2id) and five bootstraps
  afterAll(async () => {
    for (const p of Object.values(people)) p.socket.ws.close();
    await f.close();
  });

  it('sends each kind to exactly the people who may see it', async () => {
    const { billing, tech } = f.teams;
    const { agent, techAgent } = f.users;
    const ticket = (id: string, teamId: string, requesterId: string) => ({
      ticket: { id, subject: 'Help', channel: 'email', requesterId, teamId },
      message: { id: id === ids.techNone ? ids.messageTechNone : uuidv7(), kind: 'inbound', body: 'hi' },
    });
    const note = (id: string, accountId: string, ticketId: string | null) => ({
      id,
      accountId,
      contactId: null,
      ticketId,
      kind: 'call',
      summary: 'Talked',
      occurredAt: Date.now(),
    });
    const feedback = (id: string, accountId: string | null, ticketId: string | null, contactId = f.contact.id) => ({
      id,
      kind: 'csat',
      score: 4,
      contactId,
      accountId,
      ticketId,
    });
    const task = (id: string, assigneeId: string, accountId: string | null) => ({
      id,
      title: 'Call back',
      notes: '',
      accountId,
      ticketId: null,
      assigneeId,
      dueAt: Date.now(),
      remindAt: null,
    });
    // One push, one version: each socket gets one poke carrying all of it.
    const r = await people.supervisor.client.push(
      [
        ['ticket.create', ticket(ids.techX, tech.id, ids.contactX)],
        ['ticket.create', ticket(ids.techNone, tech.id, f.contact.id)],
        ['ticket.create', ticket(ids.billingY, billing.id, ids.contactY)],
        ['interaction.log', note(ids.noteX, ids.accountX, null)],
        ['interaction.log', note(ids.noteTechX, ids.accountX, ids.techX)],
        ['interaction.log', note(ids.noteY, ids.accountY, null)],
        ['feedback.record', feedback(ids.feedbackTechNone, null, ids.techNone)],
        ['feedback.record', feedback(ids.feedbackContact, null, null)],
        ['feedback.record', feedback(ids.feedbackY, ids.accountY, null, ids.contactY)],
        ['feedback.record', feedback(ids.feedbackTechX, ids.accountX, ids.techX, ids.contactX)],
        ['task.upsert', task(ids.taskAgent, agent.id, null)],
        ['task.upsert', task(ids.taskTechX, techAgent.id, ids.accountX)],
        ['task.upsert', task(ids.taskAgentY, agent.id, ids.accountY)],
      ].map(([name, args], i) => ({ id: i + 1, name: String(name), args })),
    );
    expect(r.body.results.map((x: { status: string }) => x.status)).toEqual(Array(13).fill('applied'));

    const sees = await expectExactlyAllowed();
    // The rules, spelled out: the account's manager gets its tickets whatever the team, with their
    // thread and notes; tasks go to their assignee; customers and untied feedback to everyone.
    expect(sees.manager.has(k('ticket', ids.techX))).toBe(true);
    expect(sees.manager.has(k('interaction', ids.noteTechX))).toBe(true);
    expect(sees.manager.has(k('task', ids.taskTechX))).toBe(true);
    expect(sees.manager.has(k('feedback', ids.feedbackTechX))).toBe(true);
    expect(sees.agent.has(k('feedback', ids.feedbackTechX))).toBe(false);
    expect(sees.manager.has(k('ticket', ids.techNone))).toBe(false);
    expect(sees.manager.has(k('interaction', ids.noteY))).toBe(false);
    expect(sees.techAgent.has(k('message', ids.messageTechNone))).toBe(true);
    expect(sees.techAgent.has(k('feedback', ids.feedbackTechNone))).toBe(true);
    expect(sees.techAgent.has(k('interaction', ids.noteX))).toBe(false);
    expect(sees.techAgent.has(k('task', ids.taskAgent))).toBe(false);
    expect(sees.agent.has(k('task', ids.taskAgent))).toBe(true);
    expect(sees.agent.has(k('task', ids.taskTechX))).toBe(false);
    expect(sees.agent.has(k('feedback', ids.feedbackY))).toBe(false);
    for (const role of ROLES) {
      expect(sees[role].has(k('account', ids.accountX))).toBe(true);
      expect(sees[role].has(k('contact', ids.contactY))).toBe(true);
      expect(sees[role].has(k('feedback', ids.feedbackContact))).toBe(true);
    }
    for (const role of ['supervisor', 'admin'] as const)
      for (const [entity, id] of [
        ['task', ids.taskAgent],
        ['task', ids.taskTechX],
        ['interaction', ids.noteY],
        ['feedback', ids.feedbackY],
        ['ticket', ids.techX],
      ] as const)
        expect(sees[role].has(k(entity, id))).toBe(true);
  });

  it('purges what leaves a person’s scopes from their cache and nobody else’s', async () => {
    const before = {} as Record<Role, Set<string>>;
    for (const role of ROLES) before[role] = new Set(await allowed(f.users[role]));
    const r = await people.supervisor.client.push([
      {
        id: 14,
        name: 'ticket.assign',
        args: { id: ids.techNone, teamId: f.teams.billing.id, assigneeId: null, base: { teamId: f.teams.tech.id, assigneeId: null } },
      },
      {
        id: 15,
        name: 'task.upsert',
        args: {
          id: ids.taskAgent,
          title: 'Call back',
          notes: '',
          accountId: null,
          ticketId: null,
          assigneeId: f.users.techAgent.id,
          dueAt: Date.now(),
          remindAt: null,
        },
      },
      { id: 16, name: 'account.update', args: { id: ids.accountX, changes: { ownerId: null } } },
    ]);
    expect(r.body.results.map((x: { status: string }) => x.status)).toEqual(['applied', 'applied', 'applied']);

    // The account's manager no longer owns it: their scope set changed, and their console starts over.
    const after = await expectExactlyAllowed(['manager']);
    const gone = (role: Role) => [...before[role]].filter((x) => !after[role].has(x)).sort();
    const came = (role: Role) => [...after[role]].filter((x) => !before[role].has(x)).sort();
    const moved = [k('ticket', ids.techNone), k('message', ids.messageTechNone), k('feedback', ids.feedbackTechNone)];
    expect(gone('techAgent')).toEqual(expect.arrayContaining(moved));
    expect(came('techAgent')).toEqual([k('task', ids.taskAgent)]);
    expect(gone('agent')).toEqual([k('task', ids.taskAgent)]);
    expect(came('agent')).toEqual(expect.arrayContaining(moved));
    // The manager loses the account's ticket with its thread, its notes, its feedback and its task.
    const thread = (x: string) => x.startsWith('message:') || x.startsWith('ticket_event:');
    expect(gone('manager').filter((x) => !thread(x))).toEqual(
      [
        k('ticket', ids.techX),
        k('interaction', ids.noteX),
        k('interaction', ids.noteTechX),
        k('feedback', ids.feedbackTechX),
        k('task', ids.taskTechX),
      ].sort(),
    );
    expect(gone('manager').filter(thread).length).toBeGreaterThan(0);
    // Supervisors and admins keep everything; they only gain the event recording the move.
    for (const role of ['supervisor', 'admin'] as const) {
      expect(gone(role)).toEqual([]);
      expect(came(role).filter((x) => !x.startsWith('ticket_event:'))).toEqual([]);
    }
  });
});

/**
 * Every mutator, for every role: what each person may change, tried against records out of their
 * reach (another team's ticket, someone else's task or private macro, an account they do not own,
 * a foreign tenant's account). The cases are a record over the mutator table's names, so a mutator
 * added without its cases does not compile, and the first test says which one is missing.
 */
describe.each(backends)('role x mutator matrix on $name', (backend) => {
  type Role = keyof Fixture['users'];
  const ROLES: Role[] = ['agent', 'techAgent', 'manager', 'supervisor', 'admin'];
  type Outcome = 'applied' | 'conflict' | ErrorCode;
  /** Where the person stands and what the supervisor prepares for them, fresh for each attempt. */
  interface World {
    f: Fixture;
    user: User;
    /** An account the account manager owns, and one of another tenant. */
    ownedAccount: string;
    foreignAccount: string;
    ticket(team: 'billing' | 'tech', requesterId?: string): Promise<string>;
    /** A ticket the supervisor escalated to tier 2. */
    escalated(team: 'billing' | 'tech'): Promise<string>;
    account(ownerId: string | null): Promise<string>;
    contact(accountId: string | null): Promise<string>;
    task(assigneeId: string, accountId?: string | null): Promise<string>;
    macro(): Promise<Record<string, unknown>>;
    view(): Promise<Record<string, unknown>>;
    /** A business calendar and an SLA policy (at `position`) a supervisor made. */
    calendar(): Promise<string>;
    policy(position?: number): Promise<string>;
  }
  interface Attempt {
    /** What the person tries, in words. */
    what: string;
    /** The attempt's arguments, after preparing what it is made against. */
    args(w: World): Promise<unknown>;
    expect: Record<Role, Outcome>;
  }
  /** Applied for these roles; everyone else gets `otherwise`. */
  const onlyFor = (roles: readonly Role[], otherwise: Outcome) =>
    Object.fromEntries(ROLES.map((r) => [r, roles.includes(r) ? 'applied' : otherwise])) as Record<Role, Outcome>;
  const everyone = (outcome: Outcome) => onlyFor([], outcome);
  const OVERSEERS: Role[] = ['supervisor', 'admin'];
  /** Tech tickets: the tech agent's team; billing's agent and account manager do not see them. */
  const TECH: Record<Role, Outcome> = { ...onlyFor(['techAgent', ...OVERSEERS], 'NOT_FOUND') };
  const ticketArgs = (teamId: string, requesterId: string) => {
    const id = uuidv7();
    return {
      ticket: { id, subject: 'Help', channel: 'email', requesterId, teamId },
      message: { id: uuidv7(), kind: 'inbound', body: 'hi' },
    };
  };
  const taskArgs = (id: string, assigneeId: string, accountId: string | null, title = 'Call back') => ({
    id,
    title,
    notes: '',
    accountId,
    ticketId: null,
    assigneeId,
    dueAt: Date.now(),
    remindAt: null,
  });

  const staffingArgs = (teamId: string, serviceLevel: number) => ({
    teamId,
    ahtSeconds: { email: 600, chat: 300 },
    serviceLevel,
    answerSeconds: 60,
    occupancyTarget: 0.85,
    forecastWeeks: 8,
    swapsNeedApproval: true,
  });
  const ruleArgs = (teamId: string) => ({
    teamId,
    mode: 'round_robin',
    matchLanguage: true,
    matchSkills: false,
    takeBackWhenOffline: false,
    enabled: true,
  });
  const templateArgs = (id: string) => ({ id, name: 'Early', start: '07:00', minutes: 480, breaks: [{ offsetMinutes: 240, minutes: 30 }] });
  // Each shift attempt in a week of its own, so attempts never overlap one another.
  let weeks = 0;
  const nextWeek = () => Date.UTC(2030, 0, 7, 8) + weeks++ * 7 * 86_400_000;
  const shiftArgs = (userId: string, teamId: string, start: number, hours: number) => ({
    userId,
    shift: { id: uuidv7(), teamId, start, end: start + hours * 3_600_000, breaks: [] },
    previousStart: null,
  });
  /** A shift of the billing agent, placed by the supervisor, as an offer names it. */
  const agentsShift = async (w: World) => {
    const put = shiftArgs(w.f.users.agent.id, w.f.teams.billing.id, nextWeek(), 8);
    await prepared('shift.put', put);
    return { shiftId: put.shift.id, shiftStart: put.shift.start };
  };
  /** A swap the billing agent offered the account manager. */
  const offered = async (w: World) => {
    const id = uuidv7();
    expect(await pushAs('agent', 'swap.offer', { id, ...(await agentsShift(w)), toUserId: w.f.users.manager.id })).toBe('applied');
    return id;
  };
  const timeOffArgs = (id: string, userId: string) => ({
    id,
    userId,
    start: Date.UTC(2030, 5, 1),
    end: Date.UTC(2030, 5, 8),
    kind: 'leave',
    note: '',
  });

  const categoryArgs = (id: string) => ({ id, name: `Billing error ${id}`, description: '', position: 0 });
  /** A tech ticket filed as a complaint under a new category, by a supervisor. */
  const complaintTicket = async (w: World) => {
    const categoryId = uuidv7();
    await prepared('complaintCategory.upsert', categoryArgs(categoryId));
    const id = await w.ticket('tech');
    await prepared('ticket.markComplaint', { id, categoryId });
    return { id, categoryId };
  };

  const CASES: Record<MutatorName, Attempt[]> = {
    'ticket.create': [
      {
        what: 'opens a ticket for the tech team',
        args: async (w) => ticketArgs(w.f.teams.tech.id, w.f.contact.id),
        expect: onlyFor(['techAgent', ...OVERSEERS], 'FORBIDDEN'),
      },
    ],
    'message.append': [
      {
        what: 'writes a note on a tech ticket',
        args: async (w) => ({ id: uuidv7(), ticketId: await w.ticket('tech'), kind: 'note', body: 'peek' }),
        expect: TECH,
      },
    ],
    'ticket.setStatus': [
      { what: 'opens a tech ticket', args: async (w) => ({ id: await w.ticket('tech'), status: 'open', base: 'new' }), expect: TECH },
    ],
    'ticket.assign': [
      {
        what: 'moves a billing ticket to the tech team',
        args: async (w) => ({
          id: await w.ticket('billing'),
          teamId: w.f.teams.tech.id,
          assigneeId: null,
          base: { teamId: w.f.teams.billing.id, assigneeId: null },
        }),
        expect: { agent: 'FORBIDDEN', techAgent: 'NOT_FOUND', manager: 'FORBIDDEN', supervisor: 'applied', admin: 'applied' },
      },
    ],
    'ticket.update': [
      { what: 'raises a tech ticket’s priority', args: async (w) => ({ id: await w.ticket('tech'), priority: 'high' }), expect: TECH },
    ],
    'ticket.tags': [{ what: 'tags a tech ticket', args: async (w) => ({ id: await w.ticket('tech'), add: ['x'] }), expect: TECH }],
    'ticket.escalate': [
      { what: 'escalates a tech ticket', args: async (w) => ({ id: await w.ticket('tech'), tier: 2, reason: 'hard' }), expect: TECH },
    ],
    'ticket.deescalate': [
      {
        what: 'takes an escalated billing ticket back to tier 1',
        args: async (w) => ({ id: await w.escalated('billing'), tier: 1, reason: 'answered' }),
        expect: { agent: 'FORBIDDEN', techAgent: 'NOT_FOUND', manager: 'FORBIDDEN', supervisor: 'applied', admin: 'applied' },
      },
    ],
    'ticket.merge': [
      {
        what: 'merges a billing ticket into a tech ticket',
        args: async (w) => ({ sourceId: await w.ticket('billing'), targetId: await w.ticket('tech') }),
        expect: onlyFor(OVERSEERS, 'NOT_FOUND'),
      },
    ],
    'ticket.link': [
      {
        what: 'links a billing ticket to a tech ticket',
        args: async (w) => ({ id: await w.ticket('billing'), otherId: await w.ticket('tech') }),
        expect: onlyFor(OVERSEERS, 'NOT_FOUND'),
      },
    ],
    'ticket.slaBreach': [
      {
        what: 'records an SLA breach (the automation’s to record)',
        args: async (w) => ({ ticketId: await w.ticket('billing'), metric: 'firstReply', startedAt: 1, dueAt: 2 }),
        expect: everyone('FORBIDDEN'),
      },
    ],
    'ticket.slaBreachAction': [
      {
        what: 'escalates a ticket for a breach (the automation’s to do)',
        args: async (w) => ({
          ticketId: await w.ticket('billing'),
          metric: 'firstReply',
          startedAt: 1,
          dueAt: 2,
          action: { do: 'escalate' },
        }),
        expect: everyone('FORBIDDEN'),
      },
    ],
    'contact.upsert': [
      {
        what: 'moves a contact without an account onto the account manager’s account',
        args: async (w) => ({ ...w.f.contact, id: await w.contact(null), accountId: w.ownedAccount }),
        expect: onlyFor(['manager', ...OVERSEERS], 'FORBIDDEN'),
      },
      {
        what: 'moves a contact of an account nobody owns onto the account manager’s account',
        args: async (w) => ({ ...w.f.contact, id: await w.contact(await w.account(null)), accountId: w.ownedAccount }),
        expect: onlyFor(OVERSEERS, 'FORBIDDEN'),
      },
      {
        what: 'moves a contact onto another tenant’s account',
        args: async (w) => ({ ...w.f.contact, id: await w.contact(null), accountId: w.foreignAccount }),
        expect: everyone('NOT_FOUND'),
      },
    ],
    'account.update': [
      {
        what: 'makes themselves the owner of an account nobody owns',
        args: async (w) => ({ id: await w.account(null), changes: { ownerId: w.user.id } }),
        expect: onlyFor(OVERSEERS, 'FORBIDDEN'),
      },
      {
        what: 'takes over the account manager’s account',
        args: async (w) => ({ id: await w.account(w.f.users.manager.id), changes: { ownerId: w.user.id } }),
        expect: onlyFor(['manager', ...OVERSEERS], 'FORBIDDEN'),
      },
      {
        what: 'changes the tier of an account nobody owns',
        args: async (w) => ({ id: await w.account(null), changes: { tier: 'enterprise' } }),
        expect: onlyFor(OVERSEERS, 'FORBIDDEN'),
      },
      {
        what: 'hands an account they own over to the supervisor',
        args: async (w) => ({ id: await w.account(w.user.id), changes: { ownerId: w.f.users.supervisor.id } }),
        expect: everyone('applied'),
      },
    ],
    'interaction.log': [
      {
        what: 'logs a call on a tech ticket of the account manager’s account',
        args: async (w) => {
          const ticketId = await w.ticket('tech', await w.contact(w.ownedAccount));
          return { id: uuidv7(), accountId: w.ownedAccount, contactId: null, ticketId, kind: 'call', summary: 'Called', occurredAt: 1 };
        },
        expect: onlyFor(['techAgent', 'manager', ...OVERSEERS], 'NOT_FOUND'),
      },
      {
        what: 'logs a call on an account they do not manage',
        args: async (w) => ({
          id: uuidv7(),
          accountId: await w.account(null),
          contactId: null,
          ticketId: null,
          kind: 'call',
          summary: 'Called',
          occurredAt: 1,
        }),
        expect: onlyFor(OVERSEERS, 'FORBIDDEN'),
      },
      {
        what: 'logs a call at a negative time',
        args: async (w) => ({
          id: uuidv7(),
          accountId: w.ownedAccount,
          contactId: null,
          ticketId: null,
          kind: 'call',
          summary: 'Called',
          occurredAt: -1,
        }),
        expect: everyone('VALIDATION'),
      },
    ],
    'task.upsert': [
      {
        what: 'gives a new task to the admin',
        args: async (w) => taskArgs(uuidv7(), w.f.users.admin.id, null),
        expect: onlyFor(OVERSEERS, 'FORBIDDEN'),
      },
      {
        what: 'rewrites the supervisor’s task',
        args: async (w) => taskArgs(await w.task(w.f.users.supervisor.id), w.f.users.supervisor.id, null, 'Rewritten'),
        expect: onlyFor(OVERSEERS, 'NOT_FOUND'),
      },
      {
        what: 'hands the account manager’s task on their account to the agent',
        args: async (w) => taskArgs(await w.task(w.f.users.manager.id, w.ownedAccount), w.f.users.agent.id, w.ownedAccount),
        expect: onlyFor(['manager', ...OVERSEERS], 'NOT_FOUND'),
      },
    ],
    'task.complete': [
      {
        what: 'completes the supervisor’s task',
        args: async (w) => ({ id: await w.task(w.f.users.supervisor.id), done: true }),
        expect: onlyFor(OVERSEERS, 'NOT_FOUND'),
      },
    ],
    'task.delete': [
      {
        what: 'deletes the supervisor’s task',
        args: async (w) => ({ id: await w.task(w.f.users.supervisor.id) }),
        expect: onlyFor(OVERSEERS, 'NOT_FOUND'),
      },
      {
        what: 'deletes the account manager’s task on their account',
        args: async (w) => ({ id: await w.task(w.f.users.manager.id, w.ownedAccount) }),
        expect: onlyFor(['manager', ...OVERSEERS], 'NOT_FOUND'),
      },
    ],
    'feedback.record': [
      {
        what: 'records a rating on a tech ticket',
        args: async (w) => ({ id: uuidv7(), kind: 'csat', score: 4, contactId: null, accountId: null, ticketId: await w.ticket('tech') }),
        expect: TECH,
      },
    ],
    'change.withdrawn': [
      {
        // It reads and writes nothing, so it can reveal nothing: accepted from anyone, whatever ticket it names.
        what: 'withdraws an undone change about a tech ticket',
        args: async (w) => ({ ticketId: await w.ticket('tech') }),
        expect: everyone('applied'),
      },
    ],
    'macro.upsert': [
      {
        what: 'takes over the supervisor’s private macro by naming themselves its owner',
        args: async (w) => ({ ...(await w.macro()), ownerId: w.user.id }),
        expect: { ...everyone('NOT_FOUND'), supervisor: 'applied' },
      },
      {
        what: 'shares a new macro with the tenant',
        args: async () => ({ id: uuidv7(), title: 'M', body: 'b', replyKind: 'reply', actions: {}, ownerId: null, active: true }),
        expect: onlyFor(OVERSEERS, 'FORBIDDEN'),
      },
    ],
    'view.upsert': [
      {
        what: 'takes over the supervisor’s private view by naming themselves its owner',
        args: async (w) => ({ ...(await w.view()), ownerId: w.user.id }),
        expect: { ...everyone('NOT_FOUND'), supervisor: 'applied' },
      },
    ],
    'calendar.upsert': [
      {
        what: 'adds a business calendar',
        args: async () => goodCalendar(uuidv7()),
        expect: onlyFor(OVERSEERS, 'FORBIDDEN'),
      },
    ],
    'calendar.setActive': [
      {
        what: 'deactivates a business calendar',
        args: async (w) => ({ id: await w.calendar(), active: false }),
        expect: onlyFor(OVERSEERS, 'FORBIDDEN'),
      },
    ],
    'slaPolicy.upsert': [
      {
        what: 'adds an SLA policy counting business hours',
        args: async (w) => goodPolicy(uuidv7(), await w.calendar()),
        expect: onlyFor(OVERSEERS, 'FORBIDDEN'),
      },
    ],
    'slaPolicy.reorder': [
      {
        what: 'puts the second SLA policy first',
        args: async (w) => ({ ids: [await w.policy(1), await w.policy(0)] }),
        expect: onlyFor(OVERSEERS, 'FORBIDDEN'),
      },
    ],
    'slaPolicy.setActive': [
      {
        what: 'deactivates an SLA policy',
        args: async (w) => ({ id: await w.policy(), active: false }),
        expect: onlyFor(OVERSEERS, 'FORBIDDEN'),
      },
    ],
    'view.delete': [
      {
        what: 'deletes the supervisor’s private view',
        args: async (w) => ({ id: (await w.view()).id }),
        expect: { ...everyone('NOT_FOUND'), supervisor: 'applied' },
      },
    ],
    'health.weights.set': [
      {
        what: 'tunes the tenant’s health score',
        args: async (w) => ({ id: w.f.tenantId, weights: { support: 40, sentiment: 30, engagement: 20, lifecycle: 10 } }),
        expect: onlyFor(['admin'], 'FORBIDDEN'),
      },
      {
        what: 'tunes another tenant’s health score',
        args: async () => ({ id: uuidv7(), weights: { support: 40, sentiment: 30, engagement: 20, lifecycle: 10 } }),
        expect: everyone('NOT_FOUND'),
      },
    ],
    'health.record': [
      {
        // Only the server's daily job records health: a person would rewrite the account's score and history.
        what: 'records a health score for the account manager’s account',
        args: async (w) => ({ accountId: w.ownedAccount, day: '2026-03-10', score: 90, reasons: [] }),
        expect: everyone('FORBIDDEN'),
      },
    ],
    'presence.set': [
      { what: 'goes online', args: async (w) => ({ userId: w.user.id, status: 'online' }), expect: everyone('applied') },
      {
        what: 'sets the supervisor away',
        args: async (w) => ({ userId: w.f.users.supervisor.id, status: 'away' }),
        expect: { ...everyone('FORBIDDEN'), supervisor: 'applied' },
      },
    ],
    'user.setRoutingProfile': [
      {
        what: 'gives the agent Chinese and five chats',
        args: async (w) => ({ userId: w.f.users.agent.id, languages: ['zh-CN'], skills: [], channelCapacity: { chat: 5 } }),
        expect: onlyFor(OVERSEERS, 'FORBIDDEN'),
      },
      {
        what: 'gives the agent a capacity below zero',
        args: async (w) => ({ userId: w.f.users.agent.id, languages: [], skills: [], channelCapacity: { email: -1 } }),
        expect: everyone('VALIDATION'),
      },
    ],
    'routingRule.set': [
      { what: 'routes the tech team round robin', args: async (w) => ruleArgs(w.f.teams.tech.id), expect: onlyFor(OVERSEERS, 'FORBIDDEN') },
      {
        what: 'sets a rule for a team that does not exist',
        args: async () => ruleArgs(uuidv7()),
        expect: { ...onlyFor([], 'FORBIDDEN'), supervisor: 'NOT_FOUND', admin: 'NOT_FOUND' },
      },
    ],
    'shiftTemplate.upsert': [
      { what: 'adds an early shift template', args: async () => templateArgs(uuidv7()), expect: onlyFor(OVERSEERS, 'FORBIDDEN') },
    ],
    'shiftTemplate.setActive': [
      {
        what: 'retires a shift template',
        args: async () => {
          const id = uuidv7();
          await prepared('shiftTemplate.upsert', templateArgs(id));
          return { id, active: false };
        },
        expect: onlyFor(OVERSEERS, 'FORBIDDEN'),
      },
    ],
    'shift.put': [
      {
        what: 'puts the agent on a billing shift',
        args: async (w) => shiftArgs(w.f.users.agent.id, w.f.teams.billing.id, nextWeek(), 8),
        expect: onlyFor(OVERSEERS, 'FORBIDDEN'),
      },
      {
        what: 'puts the agent on a 17-hour shift',
        args: async (w) => shiftArgs(w.f.users.agent.id, w.f.teams.billing.id, nextWeek(), 17),
        expect: everyone('VALIDATION'),
      },
      {
        what: 'puts the agent on a shift overlapping one they have',
        args: async (w) => {
          const start = nextWeek();
          await prepared('shift.put', shiftArgs(w.f.users.agent.id, w.f.teams.billing.id, start, 8));
          return shiftArgs(w.f.users.agent.id, w.f.teams.billing.id, start + 4 * 3_600_000, 8);
        },
        expect: { ...onlyFor([], 'FORBIDDEN'), supervisor: 'RULE_VIOLATION', admin: 'RULE_VIOLATION' },
      },
    ],
    'shift.remove': [
      {
        what: 'removes the agent’s shift',
        args: async (w) => {
          const put = shiftArgs(w.f.users.agent.id, w.f.teams.billing.id, nextWeek(), 8);
          await prepared('shift.put', put);
          return { userId: put.userId, shiftId: put.shift.id, start: put.shift.start };
        },
        expect: onlyFor(OVERSEERS, 'FORBIDDEN'),
      },
    ],
    'timeOff.upsert': [
      {
        what: 'books leave for the agent',
        args: async (w) => timeOffArgs(uuidv7(), w.f.users.agent.id),
        expect: onlyFor(OVERSEERS, 'FORBIDDEN'),
      },
    ],
    'timeOff.remove': [
      {
        what: 'cancels the agent’s leave',
        args: async (w) => {
          const id = uuidv7();
          await prepared('timeOff.upsert', timeOffArgs(id, w.f.users.agent.id));
          return { id };
        },
        expect: onlyFor(OVERSEERS, 'FORBIDDEN'),
      },
    ],
    'staffing.set': [
      {
        what: 'sets the tech team’s staffing assumptions',
        args: async (w) => staffingArgs(w.f.teams.tech.id, 0.8),
        expect: onlyFor(OVERSEERS, 'FORBIDDEN'),
      },
      { what: 'sets a service level of 100%', args: async (w) => staffingArgs(w.f.teams.tech.id, 1), expect: everyone('VALIDATION') },
      {
        what: 'sets assumptions for a team that does not exist',
        args: async () => staffingArgs(uuidv7(), 0.8),
        expect: { ...onlyFor([], 'FORBIDDEN'), supervisor: 'NOT_FOUND', admin: 'NOT_FOUND' },
      },
    ],
    // The billing agent offers their shift to the account manager, a colleague of the billing team.
    'swap.offer': [
      {
        what: 'offers the billing agent’s shift to a colleague',
        args: async (w) => ({ id: uuidv7(), ...(await agentsShift(w)), toUserId: w.f.users.manager.id }),
        expect: { ...onlyFor(['agent'], 'NOT_FOUND') },
      },
    ],
    'swap.accept': [
      {
        what: 'accepts a shift offered to the account manager',
        args: async (w) => ({ id: await offered(w), returnShiftId: null, returnShiftStart: null }),
        expect: { ...onlyFor(['manager'], 'FORBIDDEN'), techAgent: 'NOT_FOUND' },
      },
    ],
    'swap.approve': [
      {
        what: 'approves an accepted swap',
        args: async (w) => {
          const id = await offered(w);
          expect(await pushAs('manager', 'swap.accept', { id, returnShiftId: null, returnShiftStart: null })).toBe('applied');
          return { id };
        },
        expect: { ...onlyFor(OVERSEERS, 'FORBIDDEN'), techAgent: 'NOT_FOUND' },
      },
    ],
    'swap.cancel': [
      {
        what: 'ends an offered swap (withdrawn, declined or refused)',
        args: async (w) => ({ id: await offered(w) }),
        expect: { ...onlyFor(['agent', 'manager', ...OVERSEERS], 'FORBIDDEN'), techAgent: 'NOT_FOUND' },
      },
    ],
    'ticket.route': [
      {
        // Only the server's routing job routes: a person would pass their own turn on or jump the queue.
        what: 'routes a billing ticket to themselves',
        args: async (w) => ({ ticketId: await w.ticket('billing'), agentId: w.user.id, mode: 'round_robin', eligible: 1, language: null }),
        expect: everyone('FORBIDDEN'),
      },
    ],
    'ticket.takeBack': [
      {
        what: 'takes a billing ticket back from the agent',
        args: async (w) => ({ ticketId: await w.ticket('billing'), agentId: w.f.users.agent.id }),
        expect: everyone('FORBIDDEN'),
      },
    ],
    'ticket.toNextTier': [
      {
        // The routing job moves an escalated ticket; a person would move tickets past canMoveToTeam.
        what: 'moves a billing ticket to the next tier’s team',
        args: async (w) => ({ ticketId: await w.ticket('billing'), tiers: 1 }),
        expect: everyone('FORBIDDEN'),
      },
    ],
    'complaintCategory.upsert': [
      { what: 'adds a complaint category', args: async () => categoryArgs(uuidv7()), expect: onlyFor(OVERSEERS, 'FORBIDDEN') },
    ],
    'complaintCategory.setActive': [
      {
        what: 'retires a complaint category',
        args: async () => {
          const id = uuidv7();
          await prepared('complaintCategory.upsert', categoryArgs(id));
          return { id, active: false };
        },
        expect: onlyFor(OVERSEERS, 'FORBIDDEN'),
      },
    ],
    'complaintCategory.reorder': [
      {
        what: 'puts a complaint category first',
        args: async () => {
          const ids = [uuidv7(), uuidv7()];
          for (const id of ids) await prepared('complaintCategory.upsert', categoryArgs(id));
          return { ids: ids.reverse() };
        },
        expect: onlyFor(OVERSEERS, 'FORBIDDEN'),
      },
    ],
    'ticket.markComplaint': [
      {
        what: 'files a tech ticket as a complaint',
        args: async (w) => {
          const categoryId = uuidv7();
          await prepared('complaintCategory.upsert', categoryArgs(categoryId));
          return { id: await w.ticket('tech'), categoryId };
        },
        expect: TECH,
      },
    ],
    'ticket.setRootCause': [
      {
        what: 'records the root cause of a tech complaint',
        args: async (w) => ({ id: (await complaintTicket(w)).id, rootCause: 'A rounding bug in the invoice template' }),
        expect: TECH,
      },
    ],
  };

  let f: Fixture;
  let foreignAccount = '';
  const people = {} as Record<Role, { client: TestClient; next: number }>;
  const account = (id: string, tenantId: string, ownerId: string | null) => ({
    id,
    tenantId,
    version: 0,
    createdAt: 1,
    updatedAt: 1,
    name: 'Co',
    domain: null,
    tier: 'standard',
    lifecycleStage: 'active',
    ownerId,
    renewalDate: null,
    annualValueMinor: 0,
    currency: 'USD',
    healthScore: null,
    notes: '',
  });
  const ownedAccount = uuidv7();

  async function pushAs(role: Role, name: string, args: unknown): Promise<Outcome> {
    const p = people[role];
    const r = await p.client.push([{ id: ++p.next, name, args }]);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const result = r.body.results[0];
    return result.status === 'rejected' ? result.error.code : result.status;
  }
  async function prepared(name: string, args: unknown): Promise<void> {
    expect(await pushAs('supervisor', name, args), `preparing ${name}`).toBe('applied');
  }
  async function written(entity: SyncEntity, row: { id: string; tenantId: string; [field: string]: unknown }): Promise<string> {
    await f.db.transaction((q) => writeRecords(q, row.tenantId, [{ entity, id: row.id, row }]));
    return row.id;
  }

  function world(role: Role): World {
    const w: World = {
      f,
      user: f.users[role],
      ownedAccount,
      foreignAccount,
      async ticket(team, requesterId = f.contact.id) {
        const args = ticketArgs(f.teams[team].id, requesterId);
        await prepared('ticket.create', args);
        return args.ticket.id;
      },
      async escalated(team) {
        const id = await w.ticket(team);
        await prepared('ticket.escalate', { id, tier: 2, reason: 'hard' });
        return id;
      },
      account: (ownerId) => written('account', account(uuidv7(), f.tenantId, ownerId)),
      contact: (accountId) => written('contact', { ...f.contact, id: uuidv7(), accountId }),
      async task(assigneeId, accountId = null) {
        const id = uuidv7();
        await prepared('task.upsert', taskArgs(id, assigneeId, accountId));
        return id;
      },
      async macro() {
        const macro = {
          id: uuidv7(),
          title: 'Mine',
          body: 'b',
          replyKind: 'note',
          actions: {},
          ownerId: f.users.supervisor.id,
          active: true,
        };
        await prepared('macro.upsert', macro);
        return macro;
      },
      async view() {
        const view = { id: uuidv7(), name: 'Mine', ownerId: f.users.supervisor.id, filter: {}, sort: 'updated_desc', position: 0 };
        await prepared('view.upsert', view);
        return view;
      },
      async calendar() {
        const id = uuidv7();
        await prepared('calendar.upsert', goodCalendar(id));
        return id;
      },
      async policy(position = 0) {
        const id = uuidv7();
        await prepared('slaPolicy.upsert', { ...goodPolicy(id, null), position });
        return id;
      },
    };
    return w;
  }

  beforeAll(async () => {
    f = await setUp(backend);
    const other = await createTenant(f.db, 'test', { name: 'Other Co' });
    foreignAccount = await written('account', account(uuidv7(), other.id, null));
    await written('account', account(ownedAccount, f.tenantId, f.users.manager.id));
    for (const role of ROLES) people[role] = { client: await f.client(f.users[role]), next: 0 };
  }, 60_000); // five sign-ins (argon2id)
  afterAll(() => f.close());

  it('has cases for exactly the mutators there are', () => {
    expect(Object.keys(CASES).sort()).toEqual([...MUTATOR_NAMES].sort());
  });

  it.each(MUTATOR_NAMES)('%s changes only what each role may change', async (name) => {
    for (const attempt of CASES[name]) {
      const outcomes = {} as Record<Role, Outcome>;
      for (const role of ROLES) outcomes[role] = await pushAs(role, name, await attempt.args(world(role)));
      expect(outcomes, `each role ${attempt.what}`).toEqual(attempt.expect);
    }
  });

  it('closes the path by which an account manager made themselves owner of an account to reach its tickets in other teams', async () => {
    const { manager } = f.users;
    const w = world('manager');
    const accountId = await w.account(null);
    const ticketId = await w.ticket('tech', await w.contact(accountId));
    expect(await pushAs('manager', 'account.update', { id: accountId, changes: { ownerId: manager.id } })).toBe('FORBIDDEN');
    expect(await pushAs('manager', 'message.append', { id: uuidv7(), ticketId, kind: 'note', body: 'in' })).toBe('NOT_FOUND');
    const pulled = await people.manager.client.pullAll(null);
    expect(pulled.changes.some((c) => c.id === ticketId)).toBe(false);
    // Given the account by a supervisor, they reach its tickets; handing it over gives them up.
    await prepared('account.update', { id: accountId, changes: { ownerId: manager.id } });
    expect(await pushAs('manager', 'message.append', { id: uuidv7(), ticketId, kind: 'note', body: 'in' })).toBe('applied');
    expect(await pushAs('manager', 'account.update', { id: accountId, changes: { ownerId: f.users.admin.id } })).toBe('applied');
    expect(await pushAs('manager', 'message.append', { id: uuidv7(), ticketId, kind: 'note', body: 'in' })).toBe('NOT_FOUND');
  });
});
