/**
 * The random workload of one seed: people change things through their consoles (every kind of
 * mutation, with the values their console shows as the base), consoles go offline and come back,
 * are closed mid-sync and reopened, and the network and the servers misbehave. A few scripted
 * situations are mixed in: a ticket moved to another team while an agent edits it offline, an
 * agent and a supervisor setting the same field, membership revoked while offline, and a rogue
 * device pushing what the server must refuse (unstorable text among it). On PostgreSQL the database
 * fails too: connections ended mid-push, mid-pull and on an instance's LISTEN connection, and the
 * database unreachable for a few seconds.
 */
import { updateUser } from '../../server/admin/operations.ts';
import type { Ticket } from '../../shared/domain/records.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { SYNC_SCHEMA_VERSION, type Mutation } from '../../shared/sync/protocol.ts';
import { post } from '../../server/testing/fixture.ts';
import type { DatabaseFaults } from './cluster.ts';
import { now, type Faults } from './faulty-proxy.ts';
import type { Console, Person, World } from './world.ts';

/** Fault probabilities while the workload runs. */
export const STORM: Omit<Faults, 'offline'> = {
  dropRequest: 0.06,
  dropResponse: 0.08,
  duplicate: 0.08,
  replay: 0.08,
  reorder: 0.06,
  brokenPage: 0.05,
  losePoke: 0.2,
  duplicatePoke: 0.1,
};

export interface Stats {
  mutations: number;
  refusedLocally: number;
  ops: Map<string, number>;
}

const count = (stats: Stats, op: string) => stats.ops.set(op, (stats.ops.get(op) ?? 0) + 1);

/** Lets timers and sockets run between steps: the workload's pace, not a synchronization. */
export const breathe = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function ticketSeenBy(c: Console, id: string): Promise<Ticket | null> {
  const r = await c.core?.dispatch('tickets.get', { id });
  return r?.ok ? (r.value as { ticket: Ticket }).ticket : null;
}

async function visibleTicket(w: World, c: Console, editable = true): Promise<Ticket | null> {
  for (let i = 0; i < 4; i++) {
    const t = await ticketSeenBy(c, w.rng.pick(w.ticketIds));
    if (t && (!editable || (t.status !== 'closed' && t.mergedIntoId === null))) return t;
  }
  return null;
}

/** mutations.run on a console; a local refusal queues nothing (and is fine). */
async function run(w: World, c: Console, stats: Stats, name: string, args: unknown): Promise<boolean> {
  if (!c.core) return false;
  const r = await c.core.dispatch('mutations.run', { name, args });
  if (!r.ok) {
    stats.refusedLocally++;
    return false;
  }
  const { mutationId } = r.value as { mutationId: number };
  c.queued.set(mutationId, { name, args });
  stats.mutations++;
  count(stats, name);
  return true;
}

const STATUSES = ['open', 'pending', 'on_hold', 'solved', 'closed'] as const;

async function randomMutation(w: World, c: Console, stats: Stats): Promise<void> {
  const { rng } = w;
  const role = c.person.user.role;
  const kind = rng.int(12);
  const t = await visibleTicket(w, c);
  if (kind <= 2 && t) {
    const reply = rng.chance(0.5);
    await run(w, c, stats, 'message.append', {
      id: uuidv7(),
      ticketId: t.id,
      kind: reply ? 'reply' : 'note',
      body: `${c.name} writes ${rng.int(1000)}`,
      ...(reply && rng.chance(0.3) ? { statusAfter: rng.pick(['pending', 'solved'] as const) } : {}),
    });
  } else if (kind === 3 && t) {
    await run(w, c, stats, 'ticket.setStatus', { id: t.id, status: rng.pick(STATUSES), base: t.status });
  } else if (kind === 4 && t) {
    const teams = role === 'supervisor' ? [w.teams.billing.id, w.teams.tech.id] : c.person.teamHistory.at(-1)!.teams;
    const teamId = rng.pick(teams.length ? teams : [t.teamId]);
    const candidates = Object.values(w.people).filter((p) => p.user.role === 'agent' && p.teamHistory.at(-1)!.teams.includes(teamId));
    const assigneeId = rng.chance(0.3) || !candidates.length ? null : rng.pick(candidates).user.id;
    await run(w, c, stats, 'ticket.assign', { id: t.id, assigneeId, teamId, base: { assigneeId: t.assigneeId, teamId: t.teamId } });
  } else if (kind === 5 && t) {
    await run(w, c, stats, 'ticket.tags', {
      id: t.id,
      add: [rng.pick(['vip', 'refund', 'bug', 'urgent'])],
      remove: rng.chance(0.3) ? ['vip'] : [],
    });
  } else if (kind === 6 && t) {
    await run(w, c, stats, 'ticket.update', { id: t.id, priority: rng.pick(['low', 'normal', 'high', 'urgent'] as const) });
  } else if (kind === 7 && t) {
    if (rng.chance(0.5))
      await run(w, c, stats, 'ticket.escalate', { id: t.id, tier: Math.min(3, t.escalationTier + 1), reason: 'customer waiting' });
    else await run(w, c, stats, 'ticket.update', { id: t.id, subject: `${t.subject}!`, baseSubject: t.subject });
  } else if (kind === 8 && t) {
    const other = await visibleTicket(w, c);
    if (other && other.id !== t.id) {
      if (rng.chance(0.3)) await run(w, c, stats, 'ticket.merge', { sourceId: t.id, targetId: other.id });
      else await run(w, c, stats, 'ticket.link', { id: t.id, otherId: other.id });
    }
  } else if (kind === 9) {
    const contact = rng.pick(w.contacts);
    const { tenantId: _t, version: _v, createdAt: _c, updatedAt: _u, ...rest } = contact;
    await run(w, c, stats, 'contact.upsert', { ...rest, name: `${contact.name} ${rng.int(100)}`, phone: `+1 555 ${rng.int(9000) + 1000}` });
  } else if (kind === 10) {
    const r = await c.core?.dispatch('accounts.get', { id: w.account.id });
    const notes = r?.ok ? ((r.value as { account?: { notes?: string } }).account?.notes ?? '') : '';
    if (rng.chance(0.5)) await run(w, c, stats, 'account.update', { id: w.account.id, changes: { healthScore: rng.int(101) } });
    else await run(w, c, stats, 'account.update', { id: w.account.id, changes: { notes: `${notes} ${c.name}` }, baseNotes: notes });
  } else {
    const teams = role === 'supervisor' ? [w.teams.billing.id, w.teams.tech.id] : c.person.teamHistory.at(-1)!.teams;
    if (!teams.length) return;
    const id = uuidv7();
    const ok = await run(w, c, stats, 'ticket.create', {
      ticket: { id, subject: `New from ${c.name}`, channel: 'phone', requesterId: w.rng.pick(w.contacts).id, teamId: rng.pick(teams) },
      message: { id: uuidv7(), kind: 'inbound', body: 'Calling about my order' },
    });
    if (ok) w.ticketIds.push(id);
  }
}

/** Changes someone's teams through the admin path; both the old and new sets are valid meanwhile. */
async function changeTeams(w: World, person: Person, teams: string[]): Promise<void> {
  const history = person.teamHistory;
  const before = now();
  await updateUser(w.cluster.db, 'torture', person.user.id, { teamIds: teams });
  const after = now();
  const current = history.at(-1)!;
  current.until = after;
  history.push({ teams: [...teams].sort(), from: before, until: Infinity });
}

function consoleOf(w: World, name: string): Console {
  const c = w.consoles.find((x) => x.name === name);
  if (!c) throw new Error(`no console ${name}`);
  return c;
}

/** A ticket moves to another team while an agent edits it offline. */
async function moveWhileOffline(w: World, stats: Stats): Promise<void> {
  const agent = consoleOf(w, w.rng.pick(['b1', 'b2', 't1', 't2']));
  const sup = consoleOf(w, 'sup');
  const t = await visibleTicket(w, agent);
  if (!t || !sup.core) return;
  agent.proxy.faults.offline = true;
  await run(w, agent, stats, 'message.append', { id: uuidv7(), ticketId: t.id, kind: 'reply', body: 'Working on it offline' });
  await run(w, agent, stats, 'ticket.tags', { id: t.id, add: ['offline-edit'] });
  const seen = await ticketSeenBy(sup, t.id);
  if (seen) {
    const teamId = seen.teamId === w.teams.billing.id ? w.teams.tech.id : w.teams.billing.id;
    await run(w, sup, stats, 'ticket.assign', {
      id: t.id,
      assigneeId: null,
      teamId,
      base: { assigneeId: seen.assigneeId, teamId: seen.teamId },
    });
  }
  count(stats, 'scenario.moveWhileOffline');
}

/** An agent (offline) and the supervisor set the same ticket's status from the same base. */
async function sameField(w: World, stats: Stats): Promise<void> {
  const agent = consoleOf(w, w.rng.pick(['b1', 't1', 'both']));
  const sup = consoleOf(w, 'sup');
  const t = await visibleTicket(w, agent);
  if (!t || !sup.core) return;
  agent.proxy.faults.offline = true;
  const [mine, theirs] = t.status === 'pending' ? (['on_hold', 'open'] as const) : (['pending', 'on_hold'] as const);
  await run(w, agent, stats, 'ticket.setStatus', { id: t.id, status: mine, base: t.status });
  await run(w, sup, stats, 'ticket.setStatus', { id: t.id, status: theirs, base: t.status });
  count(stats, 'scenario.sameField');
}

/** An agent loses (or regains) a team while offline, and keeps working on what they saw. */
async function revokeWhileOffline(w: World, stats: Stats): Promise<void> {
  const c = consoleOf(w, w.rng.pick(['b2', 't2', 'both']));
  const person = c.person;
  const teams = person.teamHistory.at(-1)!.teams;
  const all = [w.teams.billing.id, w.teams.tech.id];
  c.proxy.faults.offline = true;
  const t = await visibleTicket(w, c);
  const next = teams.length > 1 ? [w.rng.pick(teams)] : teams.length === 1 ? all.filter((x) => x !== teams[0]) : all;
  await changeTeams(w, person, next);
  if (t) await run(w, c, stats, 'ticket.tags', { id: t.id, add: ['before-revoke'] });
  count(stats, 'scenario.revokeWhileOffline');
}

/** A device pushing by hand what the server must refuse: another team's tickets, a closed one reopened, unstorable text. */
async function teamOf(w: World, ticketId: string): Promise<string | undefined> {
  const { rows } = await w.cluster.db.query<{ team: string }>(
    "SELECT data ->> 'teamId' AS team FROM records WHERE tenant_id = $1 AND entity = 'ticket' AND id = $2",
    [w.tenantId, ticketId],
  );
  return rows[0]?.team;
}

function touchesTicket(m: Mutation, ticketId: string | undefined): boolean {
  const args = m.args as { id?: unknown; ticketId?: unknown };
  return ticketId !== undefined && (args.id === ticketId || args.ticketId === ticketId);
}

async function roguePush(w: World, stats: Stats): Promise<void> {
  // The address now: the instance may be killed while this step awaits, and a dead one has none.
  const url = w.cluster.instances.find((i) => i.url)?.url;
  if (!url) return;
  const rogueTeams = w.people.t2!.teamHistory.at(-1)!.teams;
  const { rows } = await w.cluster.db.query<{ id: string; team: string; status: string }>(
    "SELECT id, data ->> 'teamId' AS team, data ->> 'status' AS status FROM records WHERE tenant_id = $1 AND entity = 'ticket' AND NOT deleted",
    [w.tenantId],
  );
  const others = rows.filter((r) => !rogueTeams.includes(r.team));
  const closed = rows.filter((r) => r.status === 'closed');
  const attempts: { name: string; args: unknown }[] = [];
  const f = others.length ? w.rng.pick(others) : null;
  if (f) {
    attempts.push({ name: 'ticket.setStatus', args: { id: f.id, status: 'solved', base: f.status } });
    attempts.push({ name: 'message.append', args: { id: uuidv7(), ticketId: f.id, kind: 'note', body: 'sneaky' } });
    attempts.push({
      name: 'ticket.assign',
      args: { id: f.id, assigneeId: null, teamId: f.team, base: { assigneeId: null, teamId: f.team } },
    });
  }
  const notMine = [w.teams.billing.id, w.teams.tech.id].find((x) => !rogueTeams.includes(x));
  if (notMine) {
    const id = uuidv7();
    attempts.push({
      name: 'ticket.create',
      args: {
        ticket: { id, subject: 'forged', channel: 'email', requesterId: w.contacts[0]!.id, teamId: notMine },
        message: { id: uuidv7(), kind: 'note', body: 'x' },
      },
    });
  }
  const c = closed.length ? w.rng.pick(closed) : null;
  if (c) {
    attempts.push({ name: 'ticket.setStatus', args: { id: c.id, status: 'open', base: 'closed' } });
    attempts.push({ name: 'message.append', args: { id: uuidv7(), ticketId: c.id, kind: 'reply', body: 'after closing' } });
  }
  // Text no store can hold, on what the rogue may otherwise change: refused one by one, never a
  // 503 that would hold up the rest of the batch (and every batch after it).
  const poison = () => `${w.rng.pick(['nul \u0000', 'lone \ud800', 'lone \udfff', 'reversed \udc00\ud800'])} text`;
  const own = rows.filter((r) => rogueTeams.includes(r.team) && r.status !== 'closed');
  if (own.length)
    attempts.push({ name: 'message.append', args: { id: uuidv7(), ticketId: w.rng.pick(own).id, kind: 'note', body: poison() } });
  if (rogueTeams.length) {
    const id = uuidv7();
    attempts.push({
      name: 'ticket.create',
      args: {
        ticket: { id, subject: poison(), channel: 'email', requesterId: w.contacts[0]!.id, teamId: w.rng.pick(rogueTeams) },
        message: { id: uuidv7(), kind: 'note', body: 'x' },
      },
    });
  }
  attempts.push({ name: 'ticket.tags', args: { id: 'not-an-id', add: ['x'] } });
  attempts.push({ name: 'no.such.mutator', args: {} });
  const r = w.rogue;
  // A batch whose answer was lost goes again unchanged, as a real client's would: the server
  // answers it from what it recorded, so ids are never reused for other content.
  const batch = r.unanswered ?? {
    mutations: attempts.map((a, i) => ({ id: r.next + i, name: a.name, args: a.args, clientTime: Date.now() })),
    foreign: f ? { id: f.id, team: f.team } : null,
  };
  const { mutations, foreign: target } = batch;
  const reply = await post(
    { url, close: async () => {} },
    '/sync/push',
    { clientId: r.clientId, schemaVersion: SYNC_SCHEMA_VERSION, mutations },
    {
      authorization: `Bearer ${r.token}`,
    },
  ).catch(() => null);
  if (!reply) {
    r.unanswered = batch; // the instance died with the push in flight: committed or not, nobody knows yet
    return;
  }
  if (reply.status !== 200) return; // the token expired: nothing consumed
  r.unanswered = null;
  r.next += mutations.length;
  // Other consoles keep pushing meanwhile: a ticket moved into the rogue's team between the read
  // above and this push was the rogue's to change by then, so only a ticket that stayed foreign
  // proves anything.
  const stayedForeign = target ? (await teamOf(w, target.id)) === target.team : false;
  const proves = (m: Mutation) => stayedForeign || !touchesTicket(m, target?.id);
  r.sent.push(...mutations.filter(proves).map((m) => ({ id: m.id, name: m.name })));
  count(stats, 'scenario.rogue');
}

/** One random step. */
export async function step(w: World, stats: Stats): Promise<void> {
  const { rng, cluster } = w;
  const c = rng.pick(w.consoles);
  const roll = rng.int(100);
  if (roll < 55) {
    if (!c.core) w.openConsole(c);
    await randomMutation(w, c, stats);
  } else if (roll < 63) {
    c.proxy.faults.offline = !c.proxy.faults.offline;
    count(stats, c.proxy.faults.offline ? 'goOffline' : 'goOnline');
  } else if (roll < 69) {
    if (c.core) w.closeConsole(c);
    else w.openConsole(c);
    count(stats, 'closeOrReopenConsole');
  } else if (roll < 72) {
    c.proxy.closeSockets();
  } else if (roll < 75) {
    c.proxy.pokeEarly();
  } else if (roll < 78) {
    const i = cluster.instances[rng.int(2)]!;
    i.arm(rng.chance(0.5) ? 'beforeCommit' : 'afterCommit');
    count(stats, 'armKill');
  } else if (roll < 82) {
    const down = cluster.instances.filter((i) => !i.url);
    if (down.length) {
      await cluster.restart(down[0]!.index);
      count(stats, 'restartInstance');
    }
  } else if (roll < 85) {
    c.preferred = 1 - c.preferred;
    count(stats, 'switchInstance');
  } else if (roll < 88) await moveWhileOffline(w, stats);
  else if (roll < 91) await sameField(w, stats);
  else if (roll < 93) await revokeWhileOffline(w, stats);
  else if (roll < 95) await roguePush(w, stats);
  else if (roll >= 98 && cluster.database) await databaseFault(w, cluster.database, stats);
  else {
    // A burst: several changes from one console in a row (they go together in one push).
    for (let i = 0; i < 3; i++) await randomMutation(w, c, stats);
  }
}

/** How soon after the database comes back every live socket of an instance must be poked. */
export const POKED_AGAIN_WITHIN_MS = 5000;
/** How long the database stays unreachable. */
const OUTAGE_MS = { min: 500, max: 3000 };

/**
 * PostgreSQL failing under the instances: a connection ended inside a push or a pull (answered
 * 503, nothing consumed, retried), the LISTEN connection of an instance ended, or the database
 * unreachable for a while. After the listener or the database comes back, every live socket of
 * the instances it served must be poked again within POKED_AGAIN_WITHIN_MS.
 */
async function databaseFault(w: World, database: DatabaseFaults, stats: Stats): Promise<void> {
  const { rng, cluster } = w;
  const index = rng.int(2);
  const kind = rng.pick(['push', 'pull', 'listen', 'outage'] as const);
  count(stats, `db.${kind}`);
  if (kind === 'push' || kind === 'pull') return database.terminateIn(index, kind);
  const instances = kind === 'listen' ? [cluster.instances[index]!] : cluster.instances;
  if (kind === 'listen') await database.terminateListener(index);
  else {
    database.cut();
    await breathe(OUTAGE_MS.min + rng.int(OUTAGE_MS.max - OUTAGE_MS.min));
    database.restore();
  }
  const back = now();
  const waiting = instances.flatMap((i) => w.consoles.flatMap((c) => c.proxy.liveSockets(i.name).map((s) => ({ c, i, s }))));
  while (waiting.some(({ s }) => s.open && s.lastFrameAt < back) && now() - back < POKED_AGAIN_WITHIN_MS) await breathe(20);
  for (const { c, i, s } of waiting)
    if (s.open && s.lastFrameAt < back)
      w.unpoked.push(`${c.name}'s socket on ${i.name} had no poke ${POKED_AGAIN_WITHIN_MS} ms after the database came back`);
}
