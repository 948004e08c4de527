import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../contract/errors.ts';
import { systemActor } from '../../domain/actors.ts';
import type { Team, User } from '../../domain/records.ts';
import { deterministicId } from '../../ids.ts';
import { ROSTER_ACTOR, shiftWeekId, utcWeekStart } from '../../routing/records.ts';
import { MemoryTx } from '../../sync/memory-tx.ts';
import { runMutation, type MutatorContextWithIds } from '../../sync/mutators.ts';
import type { Actor, SystemActor } from '../../sync/tx.ts';

const tenantId = deterministicId('tenant');
const support = deterministicId('team', 'support');
const agent: Actor = { id: deterministicId('user', 'agent'), tenantId, role: 'agent', teamIds: [support] };
const supervisor: Actor = { id: deterministicId('user', 'supervisor'), tenantId, role: 'supervisor', teamIds: [support] };
const HOUR = 3_600_000;
/** Monday 2030-01-07 00:00 UTC. */
const MONDAY = Date.UTC(2030, 0, 7);

let mutation = 0;
function ctx(actor: Actor | SystemActor, now = MONDAY): MutatorContextWithIds {
  const id = ++mutation;
  let n = 0;
  return { actor, now, authoritative: true, newId: () => deterministicId('routing-test', id, n++) };
}

/** The mutation's outcome: 'applied' or the refusal's code. */
function outcome(tx: MemoryTx, name: string, args: unknown, actor: Actor | SystemActor = supervisor, now = MONDAY): string {
  try {
    runMutation(tx, name, args, ctx(actor, now));
    return 'applied';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

let tx: MemoryTx;
beforeEach(() => {
  tx = new MemoryTx();
  const base = { tenantId, version: 1, createdAt: 1, updatedAt: 1 };
  tx.put('team', { ...base, id: support, name: 'Support', description: '' } satisfies Team);
  for (const a of [agent, supervisor])
    tx.put('user', {
      ...base,
      id: a.id,
      name: a.role === 'agent' ? 'Li Wei' : 'Sam',
      email: `${a.role}@example.com`,
      role: a.role,
      teamIds: [...a.teamIds],
      skills: [],
      capacity: 10,
      locale: 'en',
      active: true,
    } satisfies User);
});

const shift = (id: string, start: number, hours: number) => ({
  userId: agent.id,
  shift: { id: deterministicId('shift', id), teamId: support, start, end: start + hours * HOUR, breaks: [] },
  previousStart: null,
});
const shiftsOf = (weekStart: number) => tx.get('shift_week', shiftWeekId(agent.id, weekStart))?.shifts ?? [];

describe('presence', () => {
  it('keeps each change as an event with the status it replaced; the same status again changes nothing', () => {
    expect(outcome(tx, 'presence.set', { userId: agent.id, status: 'online' }, agent, MONDAY)).toBe('applied');
    expect(outcome(tx, 'presence.set', { userId: agent.id, status: 'on_break' }, agent, MONDAY + HOUR)).toBe('applied');
    expect(outcome(tx, 'presence.set', { userId: agent.id, status: 'on_break' }, agent, MONDAY + 2 * HOUR)).toBe('applied');
    expect(tx.get('agent_presence', agent.id)).toMatchObject({ status: 'on_break', since: MONDAY + HOUR, lastRoutedAt: null });
    const events = tx.all('presence_event').map((e) => [e.previous, e.status, e.at]);
    expect(events).toEqual([
      [null, 'online', MONDAY],
      ['online', 'on_break', MONDAY + HOUR],
    ]);
  });

  it('is set by the person alone, and by the server only to offline', () => {
    expect(outcome(tx, 'presence.set', { userId: agent.id, status: 'online' }, supervisor)).toBe('FORBIDDEN');
    const server = systemActor('automation:presence', tenantId);
    expect(outcome(tx, 'presence.set', { userId: agent.id, status: 'online' }, server)).toBe('FORBIDDEN');
    expect(outcome(tx, 'presence.set', { userId: agent.id, status: 'offline' }, server)).toBe('applied');
    expect(tx.get('agent_presence', agent.id)?.status).toBe('offline');
  });
});

describe('routing profiles and rules', () => {
  it('stores languages, skills and capacity per channel on the user; a capacity below zero is refused and nothing is saved', () => {
    const profile = { userId: agent.id, languages: ['zh-CN', 'en'], skills: ['billing'], channelCapacity: { chat: 3, email: 10 } };
    expect(outcome(tx, 'user.setRoutingProfile', profile, agent)).toBe('FORBIDDEN');
    expect(outcome(tx, 'user.setRoutingProfile', profile)).toBe('applied');
    expect(outcome(tx, 'user.setRoutingProfile', { ...profile, channelCapacity: { chat: -1 } })).toBe('VALIDATION');
    expect(tx.get('user', agent.id)).toMatchObject({
      languages: ['zh-CN', 'en'],
      skills: ['billing'],
      channelCapacity: { chat: 3, email: 10 },
    });
  });

  it('refuses a rule for a team that does not exist, and keeps one rule per team', () => {
    const rule = {
      teamId: support,
      mode: 'least_loaded',
      matchLanguage: true,
      matchSkills: false,
      takeBackWhenOffline: true,
      enabled: true,
    };
    expect(outcome(tx, 'routingRule.set', { ...rule, teamId: deterministicId('team', 'gone') })).toBe('NOT_FOUND');
    expect(tx.all('routing_rule')).toEqual([]);
    expect(outcome(tx, 'routingRule.set', rule)).toBe('applied');
    expect(outcome(tx, 'routingRule.set', { ...rule, mode: 'round_robin' })).toBe('applied');
    expect(tx.all('routing_rule').map((r) => [r.id, r.mode])).toEqual([[support, 'round_robin']]);
  });
});

describe('shifts', () => {
  it('refuses a shift over 16 hours and one overlapping another of the agent, even across a week boundary', () => {
    const sundayNight = MONDAY - 2 * HOUR;
    expect(outcome(tx, 'shift.put', shift('night', sundayNight, 8))).toBe('applied');
    expect(outcome(tx, 'shift.put', shift('long', MONDAY + 24 * HOUR, 17))).toBe('VALIDATION');
    // Monday 05:00 UTC is within Sunday 22:00's night shift, which lives in the previous week's record.
    expect(outcome(tx, 'shift.put', shift('early', MONDAY + 5 * HOUR, 8))).toBe('RULE_VIOLATION');
    expect(outcome(tx, 'shift.put', shift('early', MONDAY + 6 * HOUR, 8))).toBe('applied');
    expect(shiftsOf(utcWeekStart(sundayNight)).map((s) => s.start)).toEqual([sundayNight]);
    expect(shiftsOf(MONDAY).map((s) => s.start)).toEqual([MONDAY + 6 * HOUR]);
  });

  it('moves a shift to another week, and refuses one for a team the agent is not in', () => {
    const first = shift('move', MONDAY + 9 * HOUR, 8);
    expect(outcome(tx, 'shift.put', first)).toBe('applied');
    const later = MONDAY + 7 * 24 * HOUR + 9 * HOUR;
    const moved = { ...first, shift: { ...first.shift, start: later, end: later + 8 * HOUR }, previousStart: first.shift.start };
    expect(outcome(tx, 'shift.put', moved)).toBe('applied');
    expect(shiftsOf(MONDAY)).toEqual([]);
    expect(shiftsOf(utcWeekStart(later)).map((s) => s.id)).toEqual([first.shift.id]);
    const elsewhere = deterministicId('team', 'elsewhere');
    tx.put('team', { tenantId, version: 1, createdAt: 1, updatedAt: 1, id: elsewhere, name: 'Elsewhere', description: '' });
    expect(
      outcome(tx, 'shift.put', {
        ...shift('other', MONDAY + 30 * HOUR, 8),
        shift: { ...shift('other', MONDAY + 30 * HOUR, 8).shift, teamId: elsewhere },
      }),
    ).toBe('RULE_VIOLATION');
  });

  it('moves a shift to another agent in one commit, and refuses a move onto one of their shifts leaving both as they were', () => {
    const omar = deterministicId('user', 'omar');
    const liWei = tx.get('user', agent.id)!;
    tx.put('user', { ...liWei, id: omar, name: 'Omar', email: 'omar@example.com' });
    const first = shift('handed', MONDAY + 9 * HOUR, 8);
    expect(outcome(tx, 'shift.put', first)).toBe('applied');
    expect(outcome(tx, 'shift.put', { ...shift('omar', MONDAY + 33 * HOUR, 8), userId: omar })).toBe('applied');
    const ofOmar = () => tx.get('shift_week', shiftWeekId(omar, MONDAY))?.shifts.map((s) => s.start);
    // Onto Omar's Tuesday shift: refused, nothing moves.
    const clash = { ...first.shift, start: MONDAY + 35 * HOUR, end: MONDAY + 43 * HOUR };
    const onto = (s: typeof clash) => ({ userId: omar, shift: s, previousStart: first.shift.start, previousUserId: agent.id });
    expect(outcome(tx, 'shift.put', onto(clash))).toBe('RULE_VIOLATION');
    expect(shiftsOf(MONDAY).map((s) => s.id)).toEqual([first.shift.id]);
    expect(ofOmar()).toEqual([MONDAY + 33 * HOUR]);
    // To Omar's Wednesday: Li Wei's week loses it and Omar's gains it.
    const wednesday = { ...first.shift, start: MONDAY + 57 * HOUR, end: MONDAY + 65 * HOUR };
    expect(outcome(tx, 'shift.put', onto(wednesday))).toBe('applied');
    expect(shiftsOf(MONDAY)).toEqual([]);
    expect(ofOmar()).toEqual([MONDAY + 33 * HOUR, MONDAY + 57 * HOUR]);
    expect(outcome(tx, 'shift.put', { ...onto(wednesday), previousUserId: deterministicId('nobody') })).toBe('NOT_FOUND');
  });

  it('refuses breaks outside their shift and an agent editing the roster', () => {
    const bad = shift('breaks', MONDAY + 9 * HOUR, 8);
    bad.shift.breaks = [{ start: MONDAY + 18 * HOUR, end: MONDAY + 19 * HOUR }] as never;
    expect(outcome(tx, 'shift.put', bad)).toBe('VALIDATION');
    expect(outcome(tx, 'shift.put', shift('mine', MONDAY + 9 * HOUR, 8), agent)).toBe('FORBIDDEN');
    expect(tx.all('shift_week')).toEqual([]);
  });
});

describe('time off', () => {
  it('refuses time off that ends before it starts', () => {
    const leave = { id: deterministicId('off'), userId: agent.id, start: MONDAY, end: MONDAY + 48 * HOUR, kind: 'leave', note: '' };
    expect(outcome(tx, 'timeOff.upsert', { ...leave, end: MONDAY - 1 })).toBe('VALIDATION');
    expect(outcome(tx, 'timeOff.upsert', leave)).toBe('applied');
    expect(outcome(tx, 'timeOff.remove', { id: leave.id })).toBe('applied');
    expect(tx.all('time_off')).toEqual([]);
  });
});

describe('shift swaps', () => {
  const omar: Actor = { id: deterministicId('user', 'omar'), tenantId, role: 'agent', teamIds: [support] };
  const outsider: Actor = { id: deterministicId('user', 'outsider'), tenantId, role: 'agent', teamIds: [] };
  const swapId = deterministicId('swap');
  const weekOfUser = (userId: string) => tx.get('shift_week', shiftWeekId(userId, MONDAY))?.shifts.map((s) => s.id) ?? [];
  beforeEach(() => {
    const liWei = tx.get('user', agent.id)!;
    tx.put('user', { ...liWei, id: omar.id, name: 'Omar', email: 'omar@example.com' });
    tx.put('user', { ...liWei, id: outsider.id, name: 'Ann', email: 'ann@example.com', teamIds: [] });
    expect(outcome(tx, 'shift.put', shift('li', MONDAY + 33 * HOUR, 8))).toBe('applied');
    expect(outcome(tx, 'shift.put', { ...shift('omar', MONDAY + 57 * HOUR, 8), userId: omar.id })).toBe('applied');
  });
  const offer = (by: Actor = agent, toUserId = omar.id) =>
    outcome(tx, 'swap.offer', { id: swapId, shiftId: deterministicId('shift', 'li'), shiftStart: MONDAY + 33 * HOUR, toUserId }, by);

  it('trades two shifts in one commit once offered, accepted and approved, each step kept on the swap', () => {
    expect(offer()).toBe('applied');
    expect(tx.get('shift_swap', swapId)).toMatchObject({
      status: 'offered',
      fromUserId: agent.id,
      toUserId: omar.id,
      teamId: support,
      returnShift: null,
    });
    // Nothing moves before a supervisor approves.
    const back = { id: swapId, returnShiftId: deterministicId('shift', 'omar'), returnShiftStart: MONDAY + 57 * HOUR };
    expect(outcome(tx, 'swap.accept', back, omar)).toBe('applied');
    expect(tx.get('shift_swap', swapId)).toMatchObject({ status: 'accepted', decidedBy: omar.id, returnShift: { id: back.returnShiftId } });
    expect(weekOfUser(agent.id)).toEqual([deterministicId('shift', 'li')]);
    expect(outcome(tx, 'swap.approve', { id: swapId }, agent)).toBe('FORBIDDEN');
    expect(outcome(tx, 'swap.approve', { id: swapId })).toBe('applied');
    expect(weekOfUser(agent.id)).toEqual([deterministicId('shift', 'omar')]);
    expect(weekOfUser(omar.id)).toEqual([deterministicId('shift', 'li')]);
    expect(tx.get('shift_swap', swapId)).toMatchObject({ status: 'approved', decidedBy: supervisor.id });
    expect(outcome(tx, 'swap.cancel', { id: swapId }, agent)).toBe('RULE_VIOLATION');
  });

  it('refuses an offer of someone else’s shift, of one begun, or to someone outside the team, saving nothing', () => {
    expect(offer(omar)).toBe('NOT_FOUND');
    expect(offer(agent, outsider.id)).toBe('RULE_VIOLATION');
    expect(offer(agent, agent.id)).toBe('RULE_VIOLATION');
    expect(
      outcome(
        tx,
        'swap.offer',
        { id: swapId, shiftId: deterministicId('shift', 'li'), shiftStart: MONDAY + 33 * HOUR, toUserId: omar.id },
        agent,
        MONDAY + 34 * HOUR,
      ),
    ).toBe('RULE_VIOLATION');
    expect(outcome(tx, 'swap.offer', { id: swapId, shiftId: 'not an id', shiftStart: 0, toUserId: omar.id }, agent)).toBe('VALIDATION');
    expect(tx.all('shift_swap')).toEqual([]);
  });

  it('refuses to approve a swap that would give an agent two shifts at once, and one whose shift moved since, changing nothing', () => {
    expect(offer()).toBe('applied');
    expect(outcome(tx, 'swap.accept', { id: swapId, returnShiftId: null, returnShiftStart: null }, omar)).toBe('applied');
    // Meanwhile Omar got a shift overlapping the one offered.
    expect(outcome(tx, 'shift.put', { ...shift('clash', MONDAY + 30 * HOUR, 4), userId: omar.id })).toBe('applied');
    expect(outcome(tx, 'swap.approve', { id: swapId })).toBe('RULE_VIOLATION');
    expect(weekOfUser(agent.id)).toEqual([deterministicId('shift', 'li')]);
    expect(tx.get('shift_swap', swapId)?.status).toBe('accepted');
    expect(outcome(tx, 'shift.remove', { userId: omar.id, shiftId: deterministicId('shift', 'clash'), start: MONDAY + 30 * HOUR })).toBe(
      'applied',
    );
    // The shift offered moved an hour: the swap no longer says what it was.
    const li = shift('li', MONDAY + 34 * HOUR, 8);
    expect(outcome(tx, 'shift.put', { ...li, previousStart: MONDAY + 33 * HOUR })).toBe('applied');
    expect(outcome(tx, 'swap.approve', { id: swapId })).toBe('RULE_VIOLATION');
    expect(outcome(tx, 'swap.cancel', { id: swapId })).toBe('applied');
    expect(tx.get('shift_swap', swapId)?.status).toBe('refused');
  });

  it('lets the server’s roster actor approve only in a team whose swaps need no approval', () => {
    expect(offer()).toBe('applied');
    expect(outcome(tx, 'swap.accept', { id: swapId, returnShiftId: null, returnShiftStart: null }, omar)).toBe('applied');
    const roster = systemActor(ROSTER_ACTOR, tenantId);
    expect(outcome(tx, 'swap.approve', { id: swapId }, roster)).toBe('FORBIDDEN');
    const fields = { ahtSeconds: {}, serviceLevel: 0.8, answerSeconds: 60, occupancyTarget: 0.85, forecastWeeks: 8 };
    expect(outcome(tx, 'staffing.set', { teamId: support, ...fields, swapsNeedApproval: false })).toBe('applied');
    expect(outcome(tx, 'swap.approve', { id: swapId }, systemActor('automation:routing', tenantId))).toBe('FORBIDDEN');
    expect(weekOfUser(omar.id)).toEqual([deterministicId('shift', 'omar')]);
    expect(outcome(tx, 'swap.approve', { id: swapId }, roster)).toBe('applied');
    expect(tx.get('shift_swap', swapId)).toMatchObject({ status: 'approved', decidedBy: null });
    // In order of start: Li Wei's Tuesday, then Omar's own Wednesday.
    expect(weekOfUser(omar.id)).toEqual([deterministicId('shift', 'li'), deterministicId('shift', 'omar')]);
  });

  it('ends an open swap as withdrawn by its agent or declined by the colleague; nobody else sees it', () => {
    expect(offer()).toBe('applied');
    expect(outcome(tx, 'swap.cancel', { id: swapId }, outsider)).toBe('NOT_FOUND');
    expect(outcome(tx, 'swap.cancel', { id: swapId }, omar)).toBe('applied');
    expect(tx.get('shift_swap', swapId)).toMatchObject({ status: 'declined', decidedBy: omar.id });
    expect(outcome(tx, 'swap.accept', { id: swapId, returnShiftId: null, returnShiftStart: null }, omar)).toBe('RULE_VIOLATION');
  });
});
