/** The routing area's channels: the person's own presence, and the routing settings supervisors edit. */
import { z } from 'zod';
import type { ChannelMap } from '../../contract/building-blocks.ts';
import { Id, Timestamp, User } from '../../domain/records.ts';
import { Text } from '../../domain/text.ts';
import { NextTicketResponse } from '../../sync/protocol.ts';
import {
  AgentPresence,
  RoutingRuleRecord,
  Shift,
  ShiftSwap,
  ShiftTemplate,
  StaffingAssumptionFields,
  TimeOff,
  WEEK_MS,
} from '../../routing/records.ts';

/** The longest span one roster read covers: a week and a day (a local week across a clock change). */
const MAX_ROSTER_MS = WEEK_MS + 86_400_000;

/** A swap with the names of the two agents in it, as screens show it. */
const NamedSwap = ShiftSwap.extend({ fromName: Text, toName: Text });

export const routingChannels = {
  /**
   * The signed-in person's presence (null before they ever set one: they count as offline), and
   * whether one of their teams hands out tickets with "Next ticket" (an enabled rule in pull mode).
   */
  'routing.myPresence': {
    input: z.object({}).strict(),
    output: z.object({ presence: AgentPresence.nullable(), pullMode: z.boolean() }),
  },
  /**
   * What the routing settings screen shows: each team's rule (absent: not routed), every active
   * person with their routing profile and presence, by name, and the shift templates by name.
   */
  'routing.settings': {
    input: z.object({}).strict(),
    output: z.object({
      teams: z.array(z.object({ id: Id, name: Text, rule: RoutingRuleRecord.nullable() })),
      agents: z.array(z.object({ user: User, presence: AgentPresence.nullable() })),
      templates: z.array(ShiftTemplate),
    }),
  },
  /**
   * The roster of [from, to): every active person the console holds shifts for (supervisors: all;
   * agents: themselves), by name, with their shifts and time off overlapping it, and the shift
   * templates to place new shifts from.
   */
  'routing.roster': {
    input: z
      .object({ from: Timestamp, to: Timestamp })
      .strict()
      .refine((r) => r.to > r.from && r.to - r.from <= MAX_ROSTER_MS, 'a roster covers at most eight days, ending after it starts'),
    output: z.object({
      agents: z.array(z.object({ user: User, shifts: z.array(Shift), timeOff: z.array(TimeOff) })),
      teams: z.array(z.object({ id: Id, name: Text })),
      templates: z.array(ShiftTemplate),
      /** Open swaps (offered or accepted) of shifts overlapping it, for supervisors to approve. */
      swaps: z.array(NamedSwap),
    }),
  },
  /**
   * The signed-in person's own schedule over [from, to) (at most two weeks and a day): their
   * shifts and time off, the swaps they are in (open ones, and those ended in the span), and the
   * colleagues of their teams they may offer a shift to.
   */
  'routing.mySchedule': {
    input: z
      .object({ from: Timestamp, to: Timestamp })
      .strict()
      .refine(
        (r) => r.to > r.from && r.to - r.from <= 2 * WEEK_MS + 86_400_000,
        'a schedule covers at most fifteen days, ending after it starts',
      ),
    output: z.object({
      shifts: z.array(Shift),
      timeOff: z.array(TimeOff),
      swaps: z.array(NamedSwap),
      colleagues: z.array(z.object({ id: Id, name: Text, teamIds: z.array(Id) })),
      teams: z.array(z.object({ id: Id, name: Text })),
    }),
  },
  /**
   * "Next ticket" for an agent of a team in pull mode: the server assigns them the most urgent
   * waiting ticket they may take (or says why none), and the console has it when this answers.
   * UNAVAILABLE offline or without a server (nothing is queued); RULE_VIOLATION when none of their
   * teams is in pull mode.
   */
  'routing.nextTicket': {
    input: z.object({}).strict(),
    output: NextTicketResponse,
  },
  /**
   * The coverage heatmap of a team for the local week holding `weekOf` (tenant's time zone): per
   * hour of the week, agents required by the forecast (shared/staffing) against agents scheduled,
   * computed with the team's staffing assumptions (`custom`: its own; otherwise the defaults).
   */
  'routing.coverage': {
    input: z.object({ teamId: Id, weekOf: Timestamp }).strict(),
    output: z.object({
      weekStart: Timestamp,
      timeZone: Text,
      weeksObserved: z.number().int().nonnegative(),
      assumptions: StaffingAssumptionFields,
      custom: z.boolean(),
      cells: z.array(z.object({ hourOfWeek: z.number().int(), required: z.number(), scheduled: z.number(), understaffed: z.boolean() })),
    }),
  },
} as const satisfies ChannelMap;
