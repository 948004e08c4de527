/**
 * Routing, presence and the roster as synced records (docs/routing.md, "Records"): what the
 * routing decision (decide.ts) reads about each agent and team, kept so that every console and the
 * server's routing job see the same state.
 *
 * - `agent_presence`, one per person (its id the user's): online, away, on break or offline since
 *   when, and when routing last gave them a ticket (round robin's turn, written in the same commit
 *   as the assignment). Every change of status is also a `presence_event`, kept for available and
 *   break time.
 * - `routing_rule`, one per team (its id the team's): how the team's tickets are routed.
 * - `shift_template`: a named shift (early, late, night) with its breaks, to place shifts from.
 * - `shift_week`, one per agent and UTC week (its id from both, shiftWeekId): the agent's shifts
 *   that start in that week. Shifts are grouped so that the refusal of overlapping shifts can be
 *   made by a mutator, which reads records by id: a shift of at most 16 hours can only overlap
 *   shifts of its own week record or of the weeks before and after.
 * - `time_off`: leave or sickness of one agent over an interval.
 */
import { z } from 'zod';
import { Channel, Locale } from '../domain/enums.ts';
import { ChannelCapacity, Id, recordBase, Timestamp } from '../domain/records.ts';
import { Text } from '../domain/text.ts';
import { deterministicId } from '../ids.ts';
import { PRESENCES, ROUTING_MODES } from './decide.ts';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const WEEK_MS = 7 * 24 * HOUR_MS;
/** The longest shift accepted (issue 16): longer ones are refused, breaks included. */
export const MAX_SHIFT_MS = 16 * HOUR_MS;
/** The longest time off in one record: a year. */
export const MAX_TIME_OFF_MS = 366 * 24 * HOUR_MS;
/** Shifts one agent may have starting in one week: more than two a day is no roster. */
export const MAX_SHIFTS_PER_WEEK = 21;

export const PresenceStatus = z.enum(PRESENCES);
export const RoutingModeSchema = z.enum(ROUTING_MODES);

export const AgentPresence = z.object({
  ...recordBase,
  userId: Id,
  status: PresenceStatus,
  /** When the status began. */
  since: Timestamp,
  /** When routing last gave them a ticket; null: never. */
  lastRoutedAt: Timestamp.nullable(),
});
export type AgentPresence = z.infer<typeof AgentPresence>;

/** One change of someone's presence, kept: available time and break time are summed from these. */
export const PresenceEvent = z.object({
  ...recordBase,
  userId: Id,
  status: PresenceStatus,
  /** The status it replaced; null for the first one. */
  previous: PresenceStatus.nullable(),
  at: Timestamp,
});
export type PresenceEvent = z.infer<typeof PresenceEvent>;

/** What a supervisor edits on a team's rule (the routingRule.set arguments). */
export const RoutingRuleFields = z.object({
  teamId: Id,
  mode: RoutingModeSchema,
  matchLanguage: z.boolean(),
  matchSkills: z.boolean(),
  /** When an agent goes offline, their open tickets of this team go back to the queue and are routed again. */
  takeBackWhenOffline: z.boolean(),
  enabled: z.boolean(),
  /**
   * The team of the next escalation tier: a ticket of this team escalated one tier up moves to that
   * team's queue, unassigned. Null (or absent, in rules stored before tiers routed): it stays.
   */
  nextTierTeamId: Id.nullable().default(null),
});
export type RoutingRuleFields = z.infer<typeof RoutingRuleFields>;

export const RoutingRuleRecord = z.object({ ...recordBase, ...RoutingRuleFields.shape });
export type RoutingRuleRecord = z.infer<typeof RoutingRuleRecord>;

/** An agent's routing profile (user.setRoutingProfile): stored on the user record. */
export const RoutingProfileFields = z.object({
  languages: z.array(Locale).max(10),
  skills: z.array(
    Text.trim()
      .min(1)
      .max(64)
      .regex(/^[^\s,]+$/, 'skills have no spaces or commas'),
  ),
  channelCapacity: ChannelCapacity,
});
export type RoutingProfileFields = z.infer<typeof RoutingProfileFields>;

/** 'HH:MM', 00:00 to 23:59. */
export const ClockTime = Text.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time HH:MM');

/** A break within a template: minutes after the shift's start, and how long. */
export const TemplateBreak = z.object({
  offsetMinutes: z.number().int().min(0),
  minutes: z.number().int().min(1).max(240),
});

export const ShiftTemplateFields = z
  .object({
    name: Text.trim().min(1).max(100),
    start: ClockTime,
    minutes: z
      .number()
      .int()
      .min(1)
      .max(MAX_SHIFT_MS / MINUTE_MS, 'a shift lasts at most 16 hours'),
    breaks: z.array(TemplateBreak).max(10),
  })
  .superRefine((t, ctx) => {
    const breaks = t.breaks.map((b) => ({ start: b.offsetMinutes, end: b.offsetMinutes + b.minutes }));
    checkBreaks(breaks, { start: 0, end: t.minutes }, ctx);
  });
export type ShiftTemplateFields = z.infer<typeof ShiftTemplateFields>;

export const ShiftTemplate = z.object({ ...recordBase, ...ShiftTemplateFields.shape, active: z.boolean() });
export type ShiftTemplate = z.infer<typeof ShiftTemplate>;

export const Interval = z.object({ start: Timestamp, end: Timestamp });
export type Interval = z.infer<typeof Interval>;

/** One shift of one agent for one team, with its breaks (instants, within the shift). */
export const Shift = z
  .object({ id: Id, teamId: Id, start: Timestamp, end: Timestamp, breaks: z.array(Interval).max(10) })
  .superRefine((s, ctx) => {
    if (s.end <= s.start) ctx.addIssue({ code: 'custom', path: ['end'], message: 'a shift ends after it starts' });
    else if (s.end - s.start > MAX_SHIFT_MS) ctx.addIssue({ code: 'custom', path: ['end'], message: 'a shift lasts at most 16 hours' });
    else checkBreaks(s.breaks, s, ctx);
  });
export type Shift = z.infer<typeof Shift>;

export const ShiftWeek = z.object({
  ...recordBase,
  userId: Id,
  /** Monday 00:00 UTC of the week the shifts start in. */
  weekStart: Timestamp,
  /** In order of start; none overlaps another (nor one of the neighbouring weeks). */
  shifts: z.array(Shift).max(MAX_SHIFTS_PER_WEEK),
});
export type ShiftWeek = z.infer<typeof ShiftWeek>;

export const TimeOffKind = z.enum(['leave', 'sickness']);

export const TimeOffFields = z
  .object({ userId: Id, start: Timestamp, end: Timestamp, kind: TimeOffKind, note: Text.max(500) })
  .superRefine((t, ctx) => {
    if (t.end <= t.start) ctx.addIssue({ code: 'custom', path: ['end'], message: 'time off ends after it starts' });
    else if (t.end - t.start > MAX_TIME_OFF_MS)
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'one record of time off lasts at most a year' });
  });
export type TimeOffFields = z.infer<typeof TimeOffFields>;

export const TimeOff = z.object({ ...recordBase, userId: Id, start: Timestamp, end: Timestamp, kind: TimeOffKind, note: Text.max(500) });
export type TimeOff = z.infer<typeof TimeOff>;

/** Breaks inside their shift, none overlapping another. */
function checkBreaks(breaks: readonly Interval[], within: Interval, ctx: z.RefinementCtx): void {
  const sorted = [...breaks].sort((a, b) => a.start - b.start);
  sorted.forEach((b, i) => {
    if (b.end <= b.start || b.start < within.start || b.end > within.end)
      ctx.addIssue({ code: 'custom', path: ['breaks'], message: 'a break lies within its shift' });
    else if (i > 0 && sorted[i - 1]!.end > b.start) ctx.addIssue({ code: 'custom', path: ['breaks'], message: 'breaks overlap' });
  });
}

/** Monday 00:00 UTC of the week holding `at` (1970-01-01 was a Thursday). */
export function utcWeekStart(at: number): number {
  const THURSDAY_OFFSET = 3 * 24 * HOUR_MS;
  return Math.floor((at + THURSDAY_OFFSET) / WEEK_MS) * WEEK_MS - THURSDAY_OFFSET;
}

/** The id of an agent's shift record for the UTC week starting at `weekStart`. */
export function shiftWeekId(userId: string, weekStart: number): string {
  return deterministicId('shift_week', userId, weekStart);
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Is the agent working at `at`: within a shift and not on one of its breaks. */
export function onShiftAt(shifts: readonly Pick<Shift, 'start' | 'end' | 'breaks'>[], at: number): boolean {
  return shifts.some((s) => s.start <= at && at < s.end && !s.breaks.some((b) => b.start <= at && at < b.end));
}

/** A template placed on a day: the shift starting at `dayStart` + the template's start time. */
export function shiftFromTemplate(
  template: Pick<ShiftTemplateFields, 'start' | 'minutes' | 'breaks'>,
  dayStart: number,
): Pick<Shift, 'start' | 'end' | 'breaks'> {
  const [h, m] = template.start.split(':').map(Number) as [number, number];
  const start = dayStart + (h * 60 + m) * MINUTE_MS;
  return {
    start,
    end: start + template.minutes * MINUTE_MS,
    breaks: template.breaks.map((b) => ({
      start: start + b.offsetMinutes * MINUTE_MS,
      end: start + (b.offsetMinutes + b.minutes) * MINUTE_MS,
    })),
  };
}

/**
 * Where an agent's roster puts them at `at` (the workload board's "On shift until 17:00"):
 * - `on`: within a shift and not on one of its breaks, until the shift's end;
 * - `break`: on one of the shift's breaks, until the break's end;
 * - `off`: neither (or within a time off), with the start of the next shift that does not begin
 *   within a time off, or null when none is planned among `shifts`.
 */
export type ShiftState = { state: 'on'; until: number } | { state: 'break'; until: number } | { state: 'off'; next: number | null };

export function shiftStateAt(
  shifts: readonly Pick<Shift, 'start' | 'end' | 'breaks'>[],
  timeOff: readonly Interval[],
  at: number,
): ShiftState {
  const away = (t: number) => timeOff.some((o) => o.start <= t && t < o.end);
  if (!away(at)) {
    const current = shifts.find((s) => s.start <= at && at < s.end);
    if (current) {
      const pause = current.breaks.find((b) => b.start <= at && at < b.end);
      return pause ? { state: 'break', until: pause.end } : { state: 'on', until: current.end };
    }
  }
  const next = shifts.filter((s) => s.start > at && !away(s.start)).sort((a, b) => a.start - b.start)[0];
  return { state: 'off', next: next?.start ?? null };
}

// ---- Staffing assumptions (issue 16: the figures the coverage heatmap staffs with) ----

/** The system actor that applies swaps in teams whose swaps need no approval (server/roster). */
export const ROSTER_ACTOR = 'automation:roster';

/** The most weeks of history a forecast may average: a year. */
export const MAX_FORECAST_WEEKS = 52;

/**
 * A team's staffing assumptions (docs/routing.md, "Coverage heatmap"): average handle time per
 * channel (a channel without one is not staffed), the service-level target chat and phone are
 * staffed to with Erlang C, the occupancy target of the other channels, and how many weeks of
 * history the forecast averages; with them, the team's one roster rule: whether shift swaps need
 * a supervisor's approval.
 */
export const StaffingAssumptionFields = z.object({
  teamId: Id,
  ahtSeconds: z.partialRecord(
    Channel,
    z
      .number()
      .int()
      .min(1, 'a handle time is at least a second')
      .max(4 * 3600, 'a handle time is at most 4 hours'),
  ),
  /** The share of chats and calls answered within `answerSeconds`, strictly between 0 and 1. */
  serviceLevel: z.number().gt(0, 'a service level is above 0%').lt(1, 'a service level is below 100%'),
  answerSeconds: z.number().int().min(1).max(3600),
  /** The share of their time agents spend on e-mail-like work, above 0 and at most 1. */
  occupancyTarget: z.number().gt(0, 'an occupancy target is above 0%').max(1, 'an occupancy target is at most 100%'),
  forecastWeeks: z.number().int().min(1).max(MAX_FORECAST_WEEKS),
  /** Whether a swap the colleague accepted waits for a supervisor; when not, the server applies it. */
  swapsNeedApproval: z.boolean(),
});
export type StaffingAssumptionFields = z.infer<typeof StaffingAssumptionFields>;

/** One per team, its id the team's. */
export const StaffingAssumption = z.object({ ...recordBase, ...StaffingAssumptionFields.shape });
export type StaffingAssumption = z.infer<typeof StaffingAssumption>;

// ---- Shift swaps (issue 16: an agent hands a shift to a colleague, or trades one for another) ----

/**
 * Where a swap stands: offered by the shift's agent; accepted by the colleague (with one of their
 * own shifts in return, or none); approved by a supervisor, which moves the shifts; or ended
 * without a change: withdrawn by the one who offered, declined by the colleague, refused by a
 * supervisor.
 */
export const SWAP_STATUSES = ['offered', 'accepted', 'approved', 'withdrawn', 'declined', 'refused'] as const;
export const SwapStatus = z.enum(SWAP_STATUSES);
export type SwapStatus = z.infer<typeof SwapStatus>;

/** Statuses a swap can still move on from. */
export const OPEN_SWAP_STATUSES: readonly SwapStatus[] = ['offered', 'accepted'];

/**
 * One swap, seen by the team of the shift offered (its members, supervisors and admins): the shift
 * offered and the one given back, as they were when offered and accepted, so both agents see the
 * swap though each sees only their own roster.
 */
export const ShiftSwap = z.object({
  ...recordBase,
  teamId: Id,
  fromUserId: Id,
  toUserId: Id,
  shift: Shift,
  /** The colleague's shift the offering agent takes in return; null: a shift simply handed over. */
  returnShift: Shift.nullable(),
  status: SwapStatus,
  /** Who last moved it on, and when. */
  decidedBy: Id.nullable(),
  decidedAt: Timestamp.nullable(),
});
export type ShiftSwap = z.infer<typeof ShiftSwap>;
