/**
 * Routing as the console holds it: the person's own presence, and the settings screen's teams with
 * their rules, people with their profiles and presence, and shift templates. They are few, so each
 * is read whole through the record store, which knows their columns.
 */
import type { Database } from 'better-sqlite3';
import type { Channel } from '../../../../shared/domain/enums.ts';
import type { User } from '../../../../shared/domain/records.ts';
import {
  overlaps,
  utcWeekStart,
  WEEK_MS,
  type AgentPresence,
  type RoutingRuleRecord,
  type Shift,
  type ShiftSwap,
  type ShiftTemplate,
  type TimeOff,
} from '../../../../shared/routing/records.ts';
import { coverage, requiredAgents, scheduledAgents } from '../../../../shared/staffing/coverage.ts';
import { defaultAssumptions, staffingOf } from '../../../../shared/staffing/defaults.ts';
import { forecastWeek } from '../../../../shared/staffing/forecast.ts';
import { addWeeks, weekStart as localWeekStart, zoneOf } from '../../../../shared/staffing/week.ts';
import { createRecordStore } from '../../sync/record-store.ts';

export function createRoutingRepository(db: Database, currentUserId: () => string | null) {
  const store = createRecordStore(db);
  const teams = db.prepare<[], { id: string; name: string }>('SELECT id, name FROM teams ORDER BY name COLLATE NOCASE, id');
  const userIds = db.prepare('SELECT id FROM users WHERE active = 1 ORDER BY name COLLATE NOCASE, id').pluck();
  const templateIds = db.prepare('SELECT id FROM shift_templates ORDER BY name COLLATE NOCASE, id').pluck();
  // A shift overlapping [from, to) starts in a UTC week from the one before `from` to the one holding `to`.
  const weeks = db.prepare<[number, number], { user_id: string; id: string }>(
    'SELECT user_id, id FROM shift_weeks WHERE week_start BETWEEN ? AND ?',
  );
  const timeOff = db.prepare<[number, number], { id: string }>('SELECT id FROM time_offs WHERE start < ? AND "end" > ?');
  const tenantZone = db.prepare('SELECT time_zone FROM tenants LIMIT 1').pluck();
  // Counted per quarter hour, from the index (migration 022): a year of a busy team is a few
  // thousand rows instead of hundreds of thousands (forecastWeek counts each at its quarter's start).
  const arrivals = db.prepare<[string, number, number], { at: number; channel: Channel; count: number }>(
    `SELECT (created_at / 900000) * 900000 AS at, channel, count(*) AS count
       FROM tickets WHERE team_id = ? AND created_at >= ? AND created_at < ? GROUP BY created_at / 900000, channel`,
  );
  const firstTicket = db.prepare<[string], number | null>('SELECT min(created_at) FROM tickets WHERE team_id = ?').pluck();
  const openSwapIds = db.prepare("SELECT id FROM shift_swaps WHERE status IN ('offered', 'accepted') ORDER BY created_at, id").pluck();
  const swapIdsOf = db
    .prepare('SELECT id FROM shift_swaps WHERE from_user_id = ? OR to_user_id = ? ORDER BY updated_at DESC, id LIMIT 200')
    .pluck();
  const named = (swap: ShiftSwap) => ({
    ...swap,
    fromName: store.get('user', swap.fromUserId)?.name ?? '',
    toName: store.get('user', swap.toUserId)?.name ?? '',
  });
  const swapsOf = (ids: unknown[]) =>
    ids
      .map((id) => store.get('shift_swap', id as string))
      .filter((s) => s !== null)
      .map(named);
  /** The person's shifts and time off overlapping [from, to). */
  const shiftsAndTimeOff = (from: number, to: number) => {
    const span = { start: from, end: to };
    const shifts = new Map<string, Shift[]>();
    for (const w of weeks.all(utcWeekStart(from) - WEEK_MS, utcWeekStart(to))) {
      const week = store.get('shift_week', w.id);
      const inSpan = (week?.shifts ?? []).filter((s) => overlaps(s, span));
      if (inSpan.length) shifts.set(w.user_id, [...(shifts.get(w.user_id) ?? []), ...inSpan]);
    }
    const off = new Map<string, TimeOff[]>();
    for (const { id } of timeOff.all(to, from)) {
      const t = store.get('time_off', id);
      if (t) off.set(t.userId, [...(off.get(t.userId) ?? []), t]);
    }
    return { shifts, off };
  };
  const templates = () =>
    templateIds
      .all()
      .map((id) => store.get('shift_template', id as string))
      .filter((t) => t !== null);
  return {
    myPresence(): { presence: AgentPresence | null; pullMode: boolean } {
      const me = currentUserId();
      const user = me ? store.get('user', me) : null;
      const pullMode = (user?.teamIds ?? []).some((team) => {
        const rule = store.get('routing_rule', team);
        return rule?.enabled === true && rule.mode === 'pull';
      });
      return { presence: me ? store.get('agent_presence', me) : null, pullMode };
    },
    settings(): {
      teams: { id: string; name: string; rule: RoutingRuleRecord | null }[];
      agents: { user: User; presence: AgentPresence | null }[];
      templates: ShiftTemplate[];
    } {
      return {
        teams: teams.all().map((t) => ({ ...t, rule: store.get('routing_rule', t.id) })),
        agents: userIds
          .all()
          .map((id) => store.get('user', id as string))
          .filter((u) => u !== null)
          .map((user) => ({ user, presence: store.get('agent_presence', user.id) })),
        templates: templates(),
      };
    },
    /**
     * Required (forecast, the team's staffing assumptions or the defaults) against scheduled agents
     * per hour of the team's week, with the assumptions used.
     */
    coverage(teamId: string, weekOf: number) {
      const timeZone = (tenantZone.get() as string | undefined) ?? 'UTC';
      const zone = zoneOf(timeZone);
      const start = localWeekStart(weekOf, zone);
      const own = store.get('staffing_assumption', teamId);
      const { settings, forecastWeeks } = staffingOf(own);
      const history = arrivals.all(teamId, addWeeks(start, -forecastWeeks, zone), start);
      const since = firstTicket.get(teamId);
      const forecast = forecastWeek({ arrivals: history, timeZone, forWeekOf: start, historySince: since ?? start, weeks: forecastWeeks });
      const end = addWeeks(start, 1, zone);
      const span = { start, end };
      const off = new Map<string, TimeOff[]>();
      for (const { id } of timeOff.all(end, start)) {
        const t = store.get('time_off', id);
        if (t) off.set(t.userId, [...(off.get(t.userId) ?? []), t]);
      }
      const scheduled = weeks.all(utcWeekStart(start) - WEEK_MS, utcWeekStart(end)).flatMap((w) => {
        const week = store.get('shift_week', w.id);
        // A shift in the agent's time off is not worked: it counts for nothing.
        return (week?.shifts ?? [])
          .filter((s) => s.teamId === teamId && overlaps(s, span) && !(off.get(w.user_id) ?? []).some((o) => overlaps(o, s)))
          .map((s) => ({ ...s, userId: w.user_id }));
      });
      return {
        weekStart: start,
        timeZone,
        weeksObserved: forecast.weeksObserved,
        assumptions: own
          ? {
              teamId,
              ahtSeconds: own.ahtSeconds,
              serviceLevel: own.serviceLevel,
              answerSeconds: own.answerSeconds,
              occupancyTarget: own.occupancyTarget,
              forecastWeeks: own.forecastWeeks,
              swapsNeedApproval: own.swapsNeedApproval,
            }
          : defaultAssumptions(teamId),
        /** False while the team uses the defaults. */
        custom: own !== null,
        cells: coverage(requiredAgents(forecast, settings), scheduledAgents(scheduled, start, timeZone)),
      };
    },
    roster(from: number, to: number) {
      const span = { start: from, end: to };
      const { shifts, off } = shiftsAndTimeOff(from, to);
      // Supervisors and admins plan everyone's; anyone else sees their own schedule (it is all they receive).
      const me = currentUserId();
      const myRole = me ? store.get('user', me)?.role : undefined;
      const plans = myRole === 'supervisor' || myRole === 'admin';
      const people = userIds
        .all()
        .map((id) => store.get('user', id as string))
        .filter((u): u is User => u !== null && (plans ? shifts.has(u.id) || off.has(u.id) || u.role === 'agent' : u.id === me));
      return {
        agents: people.map((user) => ({
          user,
          shifts: (shifts.get(user.id) ?? []).sort((a, b) => a.start - b.start),
          timeOff: off.get(user.id) ?? [],
        })),
        teams: teams.all().map(({ id, name }) => ({ id, name })),
        templates: templates(),
        swaps: plans ? swapsOf(openSwapIds.all()).filter((s) => overlaps(s.shift, span)) : [],
      };
    },
    /** The signed-in person's own shifts, time off and swaps over [from, to), and who they may offer a shift to. */
    mySchedule(from: number, to: number) {
      const me = currentUserId();
      const user = me ? store.get('user', me) : null;
      if (!user) return { shifts: [], timeOff: [], swaps: [], colleagues: [], teams: [] };
      const span = { start: from, end: to };
      const { shifts, off } = shiftsAndTimeOff(from, to);
      const mine = new Set(user.teamIds);
      return {
        shifts: (shifts.get(user.id) ?? []).sort((a, b) => a.start - b.start),
        timeOff: off.get(user.id) ?? [],
        // Open swaps whenever their shift is; ended ones only when about the span.
        swaps: swapsOf(swapIdsOf.all(user.id, user.id)).filter(
          (s) => s.status === 'offered' || s.status === 'accepted' || overlaps(s.shift, span),
        ),
        colleagues: userIds
          .all()
          .map((id) => store.get('user', id as string))
          .filter((u): u is User => u !== null && u.id !== user.id && u.teamIds.some((t) => mine.has(t)))
          .map((u) => ({ id: u.id, name: u.name, teamIds: u.teamIds })),
        teams: teams.all().map(({ id, name }) => ({ id, name })),
      };
    },
  };
}

export type RoutingRepository = ReturnType<typeof createRoutingRepository>;
