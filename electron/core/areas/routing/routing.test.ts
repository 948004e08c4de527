import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { User } from '../../../../shared/domain/records.ts';
import { deterministicId } from '../../../../shared/ids.ts';
import type { AgentPresence, RoutingRuleRecord, ShiftTemplate } from '../../../../shared/routing/records.ts';
import { call, DEMO_NOW, seededCore } from '../../testing/fixtures.ts';

type Settings = {
  teams: { id: string; name: string; rule: RoutingRuleRecord | null }[];
  agents: { user: User; presence: AgentPresence | null }[];
  templates: ShiftTemplate[];
};

describe('routing on the console', () => {
  const core = seededCore(20);
  const run = (name: string, args: unknown) => core.dispatch('mutations.run', { name, args });
  const outcome = async (name: string, args: unknown) => {
    const result = await run(name, args);
    return result.ok ? 'applied' : result.error.code;
  };
  /** The demo console is an agent's; some tests act as the demo supervisor. */
  const actAs = (role: 'supervisor' | 'agent') => {
    const db = new Database(core.databasePath);
    const id = db.prepare('SELECT id FROM users WHERE role = ? ORDER BY email LIMIT 1').pluck().get(role) as string;
    db.prepare('UPDATE sync_state SET user_id = ? WHERE id = 1').run(id);
    db.close();
    return id;
  };
  const settings = () => call<Settings>(core, 'routing.settings', {});

  it('reads people stored before routing without a profile, and every team without a rule', async () => {
    const { teams, agents } = await settings();
    expect(teams.length).toBeGreaterThan(0);
    expect(teams.every((t) => t.rule === null)).toBe(true);
    expect(agents.every((a) => a.user.languages === undefined && a.user.channelCapacity === undefined)).toBe(true);
  });

  it('sets the person’s own presence at once, and keeps the change as an event', async () => {
    const me = actAs('agent');
    expect(await outcome('presence.set', { userId: me, status: 'online' })).toBe('applied');
    const { presence } = await call<{ presence: AgentPresence | null }>(core, 'routing.myPresence', {});
    expect(presence).toMatchObject({ userId: me, status: 'online', lastRoutedAt: null });
    const db = new Database(core.databasePath, { readonly: true });
    // The latest of the person's kept changes (the demo keeps sixty days of them before today).
    expect(db.prepare('SELECT status, previous FROM presence_events WHERE user_id = ? ORDER BY at DESC, id DESC LIMIT 1').all(me)).toEqual([
      { status: 'online', previous: null },
    ]);
    db.close();
  });

  it('keeps a supervisor’s profile and rule, and refuses bad ones with their code, saving nothing', async () => {
    actAs('supervisor');
    const before = await settings();
    const agent = before.agents.find((a) => a.user.role === 'agent')!.user;
    const team = before.teams[0]!;
    const refusals: [string, unknown, string][] = [
      ['user.setRoutingProfile', { userId: agent.id, languages: ['en'], skills: [], channelCapacity: { chat: -1 } }, 'VALIDATION'],
      [
        'routingRule.set',
        {
          teamId: deterministicId('no such team'),
          mode: 'round_robin',
          matchLanguage: true,
          matchSkills: false,
          takeBackWhenOffline: false,
          enabled: true,
        },
        'NOT_FOUND',
      ],
      [
        'shift.put',
        {
          userId: agent.id,
          shift: { id: deterministicId('long shift'), teamId: team.id, start: 0, end: 17 * 3_600_000, breaks: [] },
          previousStart: null,
        },
        'VALIDATION',
      ],
      ['presence.set', { userId: agent.id, status: 'online' }, 'FORBIDDEN'],
    ];
    for (const [name, args, code] of refusals) expect(await outcome(name, args), name).toBe(code);
    expect(await settings()).toEqual(before);

    const profile = { userId: agent.id, languages: ['zh-CN'], skills: ['billing'], channelCapacity: { chat: 4, email: 12 } };
    expect(await outcome('user.setRoutingProfile', profile)).toBe('applied');
    const rule = {
      teamId: team.id,
      mode: 'least_loaded',
      matchLanguage: true,
      matchSkills: true,
      takeBackWhenOffline: false,
      enabled: true,
    };
    expect(await outcome('routingRule.set', rule)).toBe('applied');
    const after = await settings();
    expect(after.agents.find((a) => a.user.id === agent.id)?.user).toMatchObject({
      languages: ['zh-CN'],
      skills: ['billing'],
      channelCapacity: { chat: 4, email: 12 },
    });
    expect(after.teams.find((t) => t.id === team.id)?.rule).toMatchObject(rule);
  });

  it('offers Next ticket to an agent of a team in pull mode, and without a server refuses it as UNAVAILABLE, queuing nothing', async () => {
    const supervisor = actAs('supervisor');
    const { agents, teams } = await settings();
    const agent = agents.find((a) => a.user.role === 'agent' && a.user.teamIds.length)!.user;
    const teamId = agent.teamIds[0]!;
    const other = teams.find((t) => t.id !== teamId)!.id;
    const rule = { teamId, mode: 'pull', matchLanguage: false, matchSkills: false, takeBackWhenOffline: false, enabled: true };
    expect(await outcome('routingRule.set', { ...rule, nextTierTeamId: teamId })).toBe('RULE_VIOLATION');
    expect(await outcome('routingRule.set', { ...rule, nextTierTeamId: other })).toBe('applied');
    expect((await settings()).teams.find((t) => t.id === teamId)?.rule).toMatchObject({ mode: 'pull', nextTierTeamId: other });

    const db = new Database(core.databasePath);
    db.prepare('UPDATE sync_state SET user_id = ? WHERE id = 1').run(agent.id);
    const queued = () => db.prepare('SELECT count(*) FROM outbox').pluck().get();
    const before = queued();
    expect(await call<{ pullMode: boolean }>(core, 'routing.myPresence', {})).toMatchObject({ pullMode: true });
    const next = await core.dispatch('routing.nextTicket', {});
    expect(next.ok ? null : next.error.code).toBe('UNAVAILABLE');
    expect(queued()).toBe(before);
    db.prepare('UPDATE sync_state SET user_id = ? WHERE id = 1').run(supervisor);
    db.close();
  });
});

describe('the roster on the console', () => {
  const core = seededCore(5);
  const actAs = (role: 'supervisor' | 'agent') => {
    const db = new Database(core.databasePath);
    const id = db.prepare('SELECT id FROM users WHERE role = ? ORDER BY email LIMIT 1').pluck().get(role) as string;
    db.prepare('UPDATE sync_state SET user_id = ? WHERE id = 1').run(id);
    db.close();
    return id;
  };
  type Roster = { agents: { user: User; shifts: { start: number }[] }[] };
  const MONDAY = Date.UTC(2026, 2, 9);

  it('lists a supervisor every agent with the shifts overlapping the week, and an agent only themselves', async () => {
    actAs('supervisor');
    const settings = await call<Settings>(core, 'routing.settings', {});
    const agent = settings.agents.find((a) => a.user.role === 'agent' && a.user.teamIds.length)!.user;
    // Sunday 22:00 UTC before the week, eight hours: it runs into Monday, so the week shows it.
    const night = {
      id: deterministicId('night'),
      teamId: agent.teamIds[0]!,
      start: MONDAY - 2 * 3_600_000,
      end: MONDAY + 6 * 3_600_000,
      breaks: [],
    };
    const put = await core.dispatch('mutations.run', { name: 'shift.put', args: { userId: agent.id, shift: night, previousStart: null } });
    expect(put.ok).toBe(true);
    const week = { from: MONDAY, to: MONDAY + 7 * 86_400_000 };
    const forSupervisor = await call<Roster>(core, 'routing.roster', week);
    expect(forSupervisor.agents.length).toBeGreaterThan(1);
    expect(forSupervisor.agents.find((a) => a.user.id === agent.id)?.shifts.map((s) => s.start)).toEqual([night.start]);
    const me = actAs('agent');
    const forAgent = await call<Roster>(core, 'routing.roster', week);
    expect(forAgent.agents.map((a) => a.user.id)).toEqual([me]);
  });
});

describe('shift swaps on the console', () => {
  const core = seededCore(5);
  const as = (userId: string) => {
    const db = new Database(core.databasePath);
    db.prepare('UPDATE sync_state SET user_id = ? WHERE id = 1').run(userId);
    db.close();
  };
  const run = async (name: string, args: unknown) => {
    const result = await core.dispatch('mutations.run', { name, args });
    return result.ok ? 'applied' : result.error.code;
  };
  type Schedule = { shifts: { id: string }[]; swaps: { status: string; fromName: string; toName: string }[] };

  it('moves the shift to the colleague in the approving commit, shows each step in My schedule, and refuses bad input saving nothing', async () => {
    const db = new Database(core.databasePath);
    const supervisor = db.prepare("SELECT id FROM users WHERE role = 'supervisor' ORDER BY email LIMIT 1").pluck().get() as string;
    // Two agents of one team.
    const [a, b] = db
      .prepare(
        "SELECT u.id AS id, ut.team_id AS team FROM users u JOIN user_teams ut ON ut.user_id = u.id WHERE u.role = 'agent' AND ut.team_id = (SELECT team_id FROM user_teams ut2 JOIN users u2 ON u2.id = ut2.user_id WHERE u2.role = 'agent' GROUP BY team_id HAVING count(*) >= 2 LIMIT 1) ORDER BY u.email LIMIT 2",
      )
      .all() as { id: string; team: string }[];
    expect(a && b).toBeTruthy();
    const start = DEMO_NOW + 3 * 86_400_000;
    const shift = { id: deterministicId('swapped shift'), teamId: a!.team, start, end: start + 8 * 3_600_000, breaks: [] };
    as(supervisor);
    expect(await run('shift.put', { userId: a!.id, shift, previousStart: null })).toBe('applied');

    as(a!.id);
    const id = deterministicId('swap');
    expect(await run('swap.offer', { id, shiftId: deterministicId('no such shift'), shiftStart: start, toUserId: b!.id })).toBe(
      'NOT_FOUND',
    );
    expect(await run('swap.offer', { id, shiftId: shift.id, shiftStart: start, toUserId: 'not an id' })).toBe('VALIDATION');
    expect(db.prepare('SELECT count(*) FROM shift_swaps').pluck().get()).toBe(0);
    expect(await run('swap.offer', { id, shiftId: shift.id, shiftStart: start, toUserId: b!.id })).toBe('applied');
    const span = { from: start - 86_400_000, to: start + 86_400_000 };
    expect((await call<Schedule>(core, 'routing.mySchedule', span)).swaps.map((s) => s.status)).toEqual(['offered']);

    as(b!.id);
    expect(await run('swap.approve', { id })).toBe('FORBIDDEN');
    expect(await run('swap.accept', { id, returnShiftId: null, returnShiftStart: null })).toBe('applied');
    as(supervisor);
    expect(await run('swap.approve', { id })).toBe('applied');
    const weekOf = (userId: string) =>
      JSON.parse((db.prepare('SELECT shifts FROM shift_weeks WHERE user_id = ?').pluck().get(userId) as string | undefined) ?? '[]') as {
        id: string;
      }[];
    expect(weekOf(a!.id)).toEqual([]);
    expect(weekOf(b!.id).map((s) => s.id)).toEqual([shift.id]);

    as(b!.id);
    const mine = await call<Schedule>(core, 'routing.mySchedule', span);
    expect(mine.shifts.map((s) => s.id)).toEqual([shift.id]);
    expect(mine.swaps).toEqual([expect.objectContaining({ status: 'approved' })]);
    const tooLong = await core.dispatch('routing.mySchedule', { from: 0, to: 30 * 86_400_000 });
    expect(tooLong.ok ? 'ok' : tooLong.error.code).toBe('VALIDATION');
    db.close();
  });
});

describe('the coverage heatmap on the console', () => {
  const core = seededCore(30);
  type Coverage = {
    weekStart: number;
    timeZone: string;
    weeksObserved: number;
    cells: { hourOfWeek: number; required: number; scheduled: number; understaffed: boolean }[];
  };
  /** The local hour of the week of `at` in `zone`, read with Intl (not the luxon the heatmap uses). */
  const hourOfWeekIn = (at: number, zone: string) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', hour: '2-digit', hourCycle: 'h23' })
        .formatToParts(at)
        .map((p) => [p.type, p.value]),
    );
    return ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday!) * 24 + Number(parts.hour);
  };

  it('counts scheduled agent-hours without breaks, marks hours with fewer scheduled than required, and requires nobody without history', async () => {
    const db = new Database(core.databasePath);
    const supervisor = db.prepare("SELECT id FROM users WHERE role = 'supervisor' ORDER BY email LIMIT 1").pluck().get() as string;
    db.prepare('UPDATE sync_state SET user_id = ? WHERE id = 1').run(supervisor);
    db.close();
    const { agents, teams } = await call<Settings>(core, 'routing.settings', {});
    const agent = agents.find((a) => a.user.role === 'agent' && a.user.teamIds.length)!.user;
    const teamId = agent.teamIds[0]!;
    expect(teams.some((t) => t.id === teamId)).toBe(true);
    const probe = await call<Coverage>(core, 'routing.coverage', { teamId, weekOf: Date.UTC(2026, 2, 11) });
    // Tuesday of that week, 10:00 local plus eight hours, a 30-minute break two hours in.
    const start = probe.weekStart + 24 * 3_600_000 + 10 * 3_600_000;
    const shift = {
      id: deterministicId('coverage shift'),
      teamId,
      start,
      end: start + 8 * 3_600_000,
      breaks: [{ start: start + 2 * 3_600_000, end: start + 2.5 * 3_600_000 }],
    };
    const put = await core.dispatch('mutations.run', { name: 'shift.put', args: { userId: agent.id, shift, previousStart: null } });
    expect(put.ok).toBe(true);
    const { cells, timeZone } = await call<Coverage>(core, 'routing.coverage', { teamId, weekOf: Date.UTC(2026, 2, 11) });
    expect(cells).toHaveLength(168);
    const first = hourOfWeekIn(start, timeZone);
    expect(cells.slice(first, first + 8).map((c) => c.scheduled)).toEqual([1, 1, 0.5, 1, 1, 1, 1, 1]);
    expect(cells.reduce((sum, c) => sum + c.scheduled, 0)).toBe(7.5);
    for (const c of cells) expect(c.understaffed).toBe(c.scheduled < c.required);

    const longAgo = await call<Coverage>(core, 'routing.coverage', { teamId, weekOf: Date.UTC(2000, 0, 5) });
    expect(longAgo.weeksObserved).toBe(0);
    expect(longAgo.cells.every((c) => c.required === 0 && c.scheduled === 0 && !c.understaffed)).toBe(true);
  });
  it('computes required agents with the team’s own staffing assumptions once saved, and refuses bad ones saving nothing', async () => {
    const db = new Database(core.databasePath);
    const supervisor = db.prepare("SELECT id FROM users WHERE role = 'supervisor' ORDER BY email LIMIT 1").pluck().get() as string;
    db.prepare('UPDATE sync_state SET user_id = ? WHERE id = 1').run(supervisor);
    const teamId = db
      .prepare("SELECT team_id FROM tickets WHERE channel = 'email' GROUP BY team_id ORDER BY count(*) DESC LIMIT 1")
      .pluck()
      .get() as string;
    const before = await call<Coverage & { custom: boolean; assumptions: { forecastWeeks: number } }>(core, 'routing.coverage', {
      teamId,
      weekOf: DEMO_NOW,
    });
    expect(before.custom).toBe(false);
    expect(before.assumptions.forecastWeeks).toBe(8);

    // An e-mail takes an hour and agents do nothing else: each e-mail of an hour needs an agent.
    const own = {
      teamId,
      ahtSeconds: { email: 3600 },
      serviceLevel: 0.9,
      answerSeconds: 30,
      occupancyTarget: 1,
      forecastWeeks: 2,
      swapsNeedApproval: true,
    };
    const bad = await core.dispatch('mutations.run', { name: 'staffing.set', args: { ...own, occupancyTarget: 1.5 } });
    expect(bad.ok ? 'applied' : bad.error.code).toBe('VALIDATION');
    expect(db.prepare('SELECT count(*) FROM staffing_assumptions').pluck().get()).toBe(0);
    const put = await core.dispatch('mutations.run', { name: 'staffing.set', args: own });
    expect(put.ok).toBe(true);

    const after = await call<Coverage & { custom: boolean; assumptions: unknown }>(core, 'routing.coverage', { teamId, weekOf: DEMO_NOW });
    expect(after.custom).toBe(true);
    expect(after.assumptions).toEqual(own);
    expect(after.weeksObserved).toBeGreaterThan(0);
    expect(after.weeksObserved).toBeLessThanOrEqual(2);
    // Independently: the team's e-mails of the observed weeks counted per local hour with Intl.
    const from = after.weekStart - after.weeksObserved * 7 * 86_400_000;
    const counts = new Array<number>(168).fill(0);
    const created = db
      .prepare("SELECT created_at FROM tickets WHERE team_id = ? AND channel = 'email' AND created_at >= ? AND created_at < ?")
      .pluck()
      .all(teamId, from, after.weekStart) as number[];
    expect(created.length).toBeGreaterThan(0);
    for (const at of created) counts[hourOfWeekIn(at, after.timeZone)]!++;
    expect(after.cells.map((c) => c.required)).toEqual(counts.map((n) => Math.ceil(n / after.weeksObserved)));
    db.close();
  });
});
