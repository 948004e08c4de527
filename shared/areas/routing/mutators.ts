/**
 * The routing area's mutators (docs/routing.md, "Records"): a person's presence, set by them (and
 * by the server when their console has been gone past the grace period); routing profiles, team
 * rules, shift templates, shifts and time off, set by supervisors and admins; and the two effects
 * of the server's routing job (ticket.route, ticket.takeBack), which only a system actor commits.
 * Bad input is refused with a code before anything is written: a capacity below zero, a rule for a
 * team that does not exist, a shift over 16 hours or overlapping another of the same agent.
 */
import { z } from 'zod';
import { isSystemActor, personOf } from '../../domain/actors.ts';
import { Locale } from '../../domain/enums.ts';
import { canManageRouting } from '../../domain/permissions.ts';
import { canSeeStored } from '../../sync/record-visibility.ts';
import { Id, Timestamp, type User } from '../../domain/records.ts';
import {
  overlaps,
  PresenceStatus,
  RoutingModeSchema,
  RoutingProfileFields,
  RoutingRuleFields,
  Shift,
  shiftWeekId,
  ShiftTemplateFields,
  StaffingAssumptionFields,
  TimeOffFields,
  utcWeekStart,
  WEEK_MS,
  MAX_SHIFTS_PER_WEEK,
  OPEN_SWAP_STATUSES,
  ROSTER_ACTOR,
  type ShiftSwap,
  type ShiftWeek,
} from '../../routing/records.ts';
import { define, rejected, upserted, type MutatorContextWithIds } from '../../sync/define-mutator.ts';
import type { MutatorTx } from '../../sync/tx.ts';
import { editableTicket, logEvent, touch } from '../tickets/ticket-writes.ts';

function checkManager(ctx: MutatorContextWithIds): void {
  if (!canManageRouting(ctx.actor)) rejected('FORBIDDEN', 'only supervisors and admins change routing and rosters');
}

function checkRoutingJob(ctx: MutatorContextWithIds): void {
  if (!isSystemActor(ctx.actor)) rejected('FORBIDDEN', 'only the server’s routing job routes tickets');
}

/** The person in this tenant, or NOT_FOUND. */
function userOf(tx: MutatorTx, id: string, ctx: MutatorContextWithIds): User {
  const user = tx.get('user', id);
  if (!user || user.tenantId !== ctx.actor.tenantId) return rejected('NOT_FOUND', 'that person does not exist');
  return user;
}

function teamOf(tx: MutatorTx, id: string, ctx: MutatorContextWithIds) {
  const team = tx.get('team', id);
  if (!team || team.tenantId !== ctx.actor.tenantId) return rejected('NOT_FOUND', 'that team does not exist');
  return team;
}

/** The agent's shift record of one UTC week, or an empty one not yet written. */
function weekOf(tx: MutatorTx, userId: string, weekStart: number, ctx: MutatorContextWithIds): ShiftWeek {
  const id = shiftWeekId(userId, weekStart);
  const existing = tx.get('shift_week', id);
  if (existing && existing.tenantId !== ctx.actor.tenantId) return rejected('NOT_FOUND', 'that roster does not exist');
  return existing ?? { ...upserted({ id, userId, weekStart, shifts: [] }, null, ctx) };
}

function saveWeek(tx: MutatorTx, week: ShiftWeek, shifts: ShiftWeek['shifts'], ctx: MutatorContextWithIds): void {
  const existing = tx.get('shift_week', week.id);
  const sorted = [...shifts].sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
  tx.put('shift_week', upserted({ id: week.id, userId: week.userId, weekStart: week.weekStart, shifts: sorted }, existing, ctx));
}

/** Removes shift `shiftId` from the agent's week holding `start`; false when it is not there. */
function removeShift(tx: MutatorTx, userId: string, shiftId: string, start: number, ctx: MutatorContextWithIds): boolean {
  const week = weekOf(tx, userId, utcWeekStart(start), ctx);
  if (!week.shifts.some((s) => s.id === shiftId)) return false;
  saveWeek(
    tx,
    week,
    week.shifts.filter((s) => s.id !== shiftId),
    ctx,
  );
  return true;
}

const RoutedEvent = z.object({
  ticketId: Id,
  agentId: Id,
  mode: RoutingModeSchema,
  eligible: z.number().int().positive(),
  language: Locale.nullable(),
});

export const routingMutators = {
  /**
   * A person's presence: set by them; the server may only set someone offline (their console has
   * been gone past the grace period). Each change is kept as a presence event; the same status
   * again changes nothing.
   */
  'presence.set': define({
    args: z.object({ userId: Id, status: PresenceStatus }),
    subject: { entity: 'agent_presence', id: (a) => a.userId },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      if (isSystemActor(ctx.actor)) {
        if (args.status !== 'offline') rejected('FORBIDDEN', `${ctx.actor.name} may only set someone offline`);
      } else if (personOf(ctx.actor).id !== args.userId) rejected('FORBIDDEN', 'people set only their own presence');
      userOf(tx, args.userId, ctx);
      const before = tx.get('agent_presence', args.userId);
      if (before?.status === args.status) return;
      tx.put(
        'agent_presence',
        upserted(
          { id: args.userId, userId: args.userId, status: args.status, since: ctx.now, lastRoutedAt: before?.lastRoutedAt ?? null },
          before,
          ctx,
        ),
      );
      tx.put(
        'presence_event',
        upserted({ id: ctx.newId(), userId: args.userId, status: args.status, previous: before?.status ?? null, at: ctx.now }, null, ctx),
      );
    },
  }),

  /** The languages, skills and capacity per channel routing matches an agent on. */
  'user.setRoutingProfile': define({
    args: RoutingProfileFields.extend({ userId: Id }),
    subject: { entity: 'user', id: (a) => a.userId },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      checkManager(ctx);
      const user = userOf(tx, args.userId, ctx);
      tx.put('user', {
        ...user,
        languages: [...new Set(args.languages)],
        skills: [...new Set(args.skills)],
        channelCapacity: args.channelCapacity,
        updatedAt: Math.max(ctx.now, user.updatedAt),
      });
    },
  }),

  /**
   * A team's rule (one per team, its id the team's): created or replaced. The next tier's team
   * must exist and be another team.
   */
  'routingRule.set': define({
    args: RoutingRuleFields,
    subject: { entity: 'routing_rule', id: (a) => a.teamId },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      checkManager(ctx);
      teamOf(tx, args.teamId, ctx);
      if (args.nextTierTeamId !== null) {
        if (args.nextTierTeamId === args.teamId) rejected('RULE_VIOLATION', 'a team cannot be its own next tier');
        teamOf(tx, args.nextTierTeamId, ctx);
      }
      tx.put('routing_rule', upserted({ id: args.teamId, ...args }, tx.get('routing_rule', args.teamId), ctx));
    },
  }),

  'shiftTemplate.upsert': define({
    args: ShiftTemplateFields.and(z.object({ id: Id })),
    subject: { entity: 'shift_template', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      checkManager(ctx);
      const before = tx.get('shift_template', args.id);
      if (before && before.tenantId !== ctx.actor.tenantId) rejected('NOT_FOUND', 'that shift template does not exist');
      const { id, name, start, minutes, breaks } = args;
      tx.put('shift_template', upserted({ id, name, start, minutes, breaks, active: before?.active ?? true }, before, ctx));
    },
  }),

  /** A deactivated template is offered for no new shift; shifts placed from it stay. */
  'shiftTemplate.setActive': define({
    args: z.object({ id: Id, active: z.boolean() }),
    subject: { entity: 'shift_template', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      checkManager(ctx);
      const before = tx.get('shift_template', args.id);
      if (!before || before.tenantId !== ctx.actor.tenantId) return rejected('NOT_FOUND', 'that shift template does not exist');
      if (before.active !== args.active) tx.put('shift_template', { ...before, active: args.active, updatedAt: ctx.now });
    },
  }),

  /**
   * Places a shift, or moves one (`previousStart`: where it was, so its old week loses it; and
   * `previousUserId`, when it moves from another agent, whose week loses it in the same commit). The
   * agent must be in the shift's team, and no other shift of theirs may overlap it: a shift of at
   * most 16 hours can only meet shifts of its own UTC week or the weeks on either side.
   */
  'shift.put': define({
    args: z.object({ userId: Id, shift: Shift, previousStart: Timestamp.nullable(), previousUserId: Id.optional() }),
    subject: { entity: 'shift_week', id: (a) => shiftWeekId(a.userId, utcWeekStart(a.shift.start)) },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      checkManager(ctx);
      const agent = userOf(tx, args.userId, ctx);
      teamOf(tx, args.shift.teamId, ctx);
      if (!agent.teamIds.includes(args.shift.teamId)) rejected('RULE_VIOLATION', `${agent.name} is not in that team`);
      const previousOwner = args.previousUserId === undefined ? agent : userOf(tx, args.previousUserId, ctx);
      // Every check before the first write: a refused move leaves the shift where it was.
      const weekStart = utcWeekStart(args.shift.start);
      checkNoClash(tx, agent, args.shift, [], ctx);
      if (weekOf(tx, agent.id, weekStart, ctx).shifts.filter((s) => s.id !== args.shift.id).length >= MAX_SHIFTS_PER_WEEK)
        rejected('RULE_VIOLATION', `at most ${MAX_SHIFTS_PER_WEEK} shifts a week`);
      if (args.previousStart !== null) removeShift(tx, previousOwner.id, args.shift.id, args.previousStart, ctx);
      const week = weekOf(tx, agent.id, weekStart, ctx);
      saveWeek(tx, week, [...week.shifts.filter((s) => s.id !== args.shift.id), args.shift], ctx);
    },
  }),

  'shift.remove': define({
    args: z.object({ userId: Id, shiftId: Id, start: Timestamp }),
    subject: { entity: 'shift_week', id: (a) => shiftWeekId(a.userId, utcWeekStart(a.start)) },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      checkManager(ctx);
      userOf(tx, args.userId, ctx);
      if (!removeShift(tx, args.userId, args.shiftId, args.start, ctx)) rejected('NOT_FOUND', 'that shift does not exist');
    },
  }),

  'timeOff.upsert': define({
    args: TimeOffFields.and(z.object({ id: Id })),
    subject: { entity: 'time_off', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      checkManager(ctx);
      userOf(tx, args.userId, ctx);
      const before = tx.get('time_off', args.id);
      if (before && before.tenantId !== ctx.actor.tenantId) rejected('NOT_FOUND', 'that time off does not exist');
      const { id, userId, start, end, kind, note } = args;
      tx.put('time_off', upserted({ id, userId, start, end, kind, note }, before, ctx));
    },
  }),

  'timeOff.remove': define({
    args: z.object({ id: Id }),
    subject: { entity: 'time_off', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      checkManager(ctx);
      const before = tx.get('time_off', args.id);
      if (!before || before.tenantId !== ctx.actor.tenantId) return rejected('NOT_FOUND', 'that time off does not exist');
      tx.del('time_off', args.id);
    },
  }),

  /**
   * The routing job's decision (decided by shared/routing/decide.ts on the server's state under the
   * tenant lock): the ticket goes to the agent, its history says why, and the agent's turn moves
   * (lastRoutedAt), all in one commit. A ticket that meanwhile got an assignee is left alone.
   */
  'ticket.route': define({
    args: RoutedEvent,
    subject: { entity: 'ticket', id: (a) => a.ticketId },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      checkRoutingJob(ctx);
      const ticket = editableTicket(tx, ctx, args.ticketId);
      if (ticket.assigneeId !== null) return;
      const agent = userOf(tx, args.agentId, ctx);
      if (!agent.active || !agent.teamIds.includes(ticket.teamId)) rejected('RULE_VIOLATION', `${agent.name} is not in that team`);
      logEvent(tx, ctx, ticket, { kind: 'assignee', from: null, to: agent.id });
      logEvent(tx, ctx, ticket, {
        kind: 'routed',
        from: null,
        to: { agentId: agent.id, mode: args.mode, eligible: args.eligible, language: args.language },
      });
      tx.put('ticket', touch({ ...ticket, assigneeId: agent.id }, ctx));
      const presence = tx.get('agent_presence', agent.id);
      tx.put(
        'agent_presence',
        upserted(
          {
            id: agent.id,
            userId: agent.id,
            status: presence?.status ?? 'offline',
            since: presence?.since ?? ctx.now,
            lastRoutedAt: ctx.now,
          },
          presence,
          ctx,
        ),
      );
    },
  }),

  /**
   * A ticket escalated `tiers` tiers up (the routing job's follow-up of an `escalated` event): for
   * each tier, it follows its team's rule to the next tier's team, if the rule names one that
   * exists, and lands in that team's queue unassigned, for that team's rule to route. The move is
   * the job's, not the escalating person's, so an agent may escalate to a team they cannot see.
   */
  'ticket.toNextTier': define({
    args: z.object({ ticketId: Id, tiers: z.number().int().min(1).max(2) }),
    subject: { entity: 'ticket', id: (a) => a.ticketId },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      checkRoutingJob(ctx);
      const ticket = editableTicket(tx, ctx, args.ticketId);
      let teamId = ticket.teamId;
      for (let step = 0; step < args.tiers; step++) {
        const next = tx.get('routing_rule', teamId)?.nextTierTeamId ?? null;
        // A next team deleted since the rule named it: the ticket stays where the chain ends.
        if (next === null || !tx.get('team', next)) break;
        teamId = next;
      }
      if (teamId === ticket.teamId) return;
      logEvent(tx, ctx, ticket, { kind: 'team', from: ticket.teamId, to: teamId });
      if (ticket.assigneeId !== null) logEvent(tx, ctx, ticket, { kind: 'assignee', from: ticket.assigneeId, to: null });
      tx.put('ticket', touch({ ...ticket, teamId, assigneeId: null }, ctx));
    },
  }),

  /** An agent went offline under a rule that takes their tickets back: the ticket returns to the team's queue. */
  'ticket.takeBack': define({
    args: z.object({ ticketId: Id, agentId: Id }),
    subject: { entity: 'ticket', id: (a) => a.ticketId },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      checkRoutingJob(ctx);
      const ticket = editableTicket(tx, ctx, args.ticketId);
      if (ticket.assigneeId !== args.agentId) return;
      logEvent(tx, ctx, ticket, { kind: 'assignee', from: ticket.assigneeId, to: null });
      tx.put('ticket', touch({ ...ticket, assigneeId: null }, ctx));
    },
  }),

  // ---- Staffing assumptions ----

  /** A team's staffing assumptions (one per team, its id the team's): created or replaced. */
  'staffing.set': define({
    args: StaffingAssumptionFields,
    subject: { entity: 'staffing_assumption', id: (a) => a.teamId },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      checkManager(ctx);
      teamOf(tx, args.teamId, ctx);
      tx.put('staffing_assumption', upserted({ id: args.teamId, ...args }, tx.get('staffing_assumption', args.teamId), ctx));
    },
  }),

  // ---- Shift swaps ----

  /** An agent offers one of their shifts, not yet begun, to a colleague of its team. */
  'swap.offer': define({
    args: z.object({ id: Id, shiftId: Id, shiftStart: Timestamp, toUserId: Id }),
    subject: { entity: 'shift_swap', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      const me = userOf(tx, personOf(ctx.actor).id, ctx);
      if (tx.get('shift_swap', args.id)) rejected('RULE_VIOLATION', 'that swap exists already');
      const shift = ownShift(tx, me.id, args.shiftId, args.shiftStart, ctx);
      if (shift.start <= ctx.now) rejected('RULE_VIOLATION', 'a shift that has begun is not swapped');
      const colleague = userOf(tx, args.toUserId, ctx);
      if (colleague.id === me.id || !colleague.active || !colleague.teamIds.includes(shift.teamId))
        rejected('RULE_VIOLATION', `${colleague.name} is not a colleague in that shift’s team`);
      tx.put(
        'shift_swap',
        upserted(
          {
            id: args.id,
            teamId: shift.teamId,
            fromUserId: me.id,
            toUserId: colleague.id,
            shift,
            returnShift: null,
            status: 'offered' as const,
            decidedBy: null,
            decidedAt: null,
          },
          null,
          ctx,
        ),
      );
    },
  }),

  /**
   * The colleague takes the shift offered, giving one of their own (not yet begun) in return or
   * none. Their own roster is checked here; both agents' rosters again when a supervisor approves.
   */
  'swap.accept': define({
    args: z.object({ id: Id, returnShiftId: Id.nullable(), returnShiftStart: Timestamp.nullable() }),
    subject: { entity: 'shift_swap', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      const swap = swapOf(tx, args.id, ctx);
      const me = personOf(ctx.actor);
      if (swap.toUserId !== me.id) rejected('FORBIDDEN', 'only the colleague offered the shift accepts it');
      if (swap.status !== 'offered') rejected('RULE_VIOLATION', `the swap is ${swap.status}`);
      let returnShift: Shift | null = null;
      if (args.returnShiftId !== null) {
        if (args.returnShiftStart === null) return rejected('NOT_FOUND', 'that shift does not exist');
        returnShift = ownShift(tx, me.id, args.returnShiftId, args.returnShiftStart, ctx);
        if (returnShift.start <= ctx.now) rejected('RULE_VIOLATION', 'a shift that has begun is not swapped');
        const from = userOf(tx, swap.fromUserId, ctx);
        if (!from.teamIds.includes(returnShift.teamId)) rejected('RULE_VIOLATION', `${from.name} is not in that shift’s team`);
      }
      checkNoClash(tx, userOf(tx, me.id, ctx), swap.shift, [returnShift?.id], ctx);
      tx.put('shift_swap', { ...swap, returnShift, status: 'accepted', decidedBy: me.id, decidedAt: ctx.now, updatedAt: ctx.now });
    },
  }),

  /**
   * A supervisor approves an accepted swap: the shift offered goes to the colleague and the one
   * given back to the agent who offered, in this one commit, once both shifts are still as they
   * were and neither agent would have two shifts at once.
   */
  'swap.approve': define({
    args: z.object({ id: Id }),
    subject: { entity: 'shift_swap', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      const swap = swapOf(tx, args.id, ctx);
      // The server's roster job approves for a supervisor in teams that said swaps need none.
      if (isSystemActor(ctx.actor)) {
        if (ctx.actor.name !== ROSTER_ACTOR || tx.get('staffing_assumption', swap.teamId)?.swapsNeedApproval !== false)
          rejected('FORBIDDEN', `${ctx.actor.name} may not approve swaps of that team`);
      } else checkManager(ctx);
      if (swap.status !== 'accepted') rejected('RULE_VIOLATION', `the swap is ${swap.status}`);
      const from = userOf(tx, swap.fromUserId, ctx);
      const to = userOf(tx, swap.toUserId, ctx);
      for (const [owner, s] of [
        [from, swap.shift],
        [to, swap.returnShift],
      ] as const) {
        if (!s) continue;
        const now = weekOf(tx, owner.id, utcWeekStart(s.start), ctx).shifts.find((x) => x.id === s.id);
        if (!now || now.start !== s.start || now.end !== s.end) rejected('RULE_VIOLATION', 'a shift of the swap has changed since');
      }
      if (!to.active || !to.teamIds.includes(swap.shift.teamId)) rejected('RULE_VIOLATION', `${to.name} is not in that shift’s team`);
      const moving = [swap.shift.id, swap.returnShift?.id];
      checkNoClash(tx, to, swap.shift, moving, ctx);
      if (swap.returnShift) checkNoClash(tx, from, swap.returnShift, moving, ctx);
      // Every check passed: now the writes.
      removeShift(tx, from.id, swap.shift.id, swap.shift.start, ctx);
      if (swap.returnShift) removeShift(tx, to.id, swap.returnShift.id, swap.returnShift.start, ctx);
      addShift(tx, to.id, swap.shift, ctx);
      if (swap.returnShift) addShift(tx, from.id, swap.returnShift, ctx);
      const decidedBy = isSystemActor(ctx.actor) ? null : ctx.actor.id;
      tx.put('shift_swap', { ...swap, status: 'approved', decidedBy, decidedAt: ctx.now, updatedAt: ctx.now });
    },
  }),

  /** Ends an open swap with no change: withdrawn by the agent who offered, declined by the colleague, refused by a supervisor. */
  'swap.cancel': define({
    args: z.object({ id: Id }),
    subject: { entity: 'shift_swap', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      const swap = swapOf(tx, args.id, ctx);
      const me = personOf(ctx.actor);
      const status =
        me.id === swap.fromUserId ? 'withdrawn' : me.id === swap.toUserId ? 'declined' : canManageRouting(me) ? 'refused' : null;
      if (!status) return rejected('FORBIDDEN', 'only the two agents and supervisors end a swap');
      if (!OPEN_SWAP_STATUSES.includes(swap.status)) rejected('RULE_VIOLATION', `the swap is ${swap.status}`);
      tx.put('shift_swap', { ...swap, status, decidedBy: me.id, decidedAt: ctx.now, updatedAt: ctx.now });
    },
  }),
} as const;

/** One of the agent's shifts, or NOT_FOUND. */
function ownShift(tx: MutatorTx, userId: string, shiftId: string, start: number, ctx: MutatorContextWithIds): Shift {
  const shift = weekOf(tx, userId, utcWeekStart(start), ctx).shifts.find((s) => s.id === shiftId);
  return shift ?? rejected('NOT_FOUND', 'that shift does not exist');
}

function swapOf(tx: MutatorTx, id: string, ctx: MutatorContextWithIds): ShiftSwap {
  const swap = tx.get('shift_swap', id);
  // Someone outside the shift's team does not see the swap: for them it does not exist.
  if (!swap || !canSeeStored(tx, ctx.actor, 'shift_swap', swap)) return rejected('NOT_FOUND', 'that swap does not exist');
  return swap;
}

/** RULE_VIOLATION when `shift` would overlap a shift of the agent other than those named in `leaving`. */
function checkNoClash(
  tx: MutatorTx,
  agent: User,
  shift: Shift,
  leaving: readonly (string | undefined)[],
  ctx: MutatorContextWithIds,
): void {
  const weekStart = utcWeekStart(shift.start);
  for (const w of [weekStart - WEEK_MS, weekStart, weekStart + WEEK_MS]) {
    if (weekOf(tx, agent.id, w, ctx).shifts.some((s) => s.id !== shift.id && !leaving.includes(s.id) && overlaps(s, shift)))
      rejected('RULE_VIOLATION', `${agent.name} already has a shift then`);
  }
}

function addShift(tx: MutatorTx, userId: string, shift: Shift, ctx: MutatorContextWithIds): void {
  const week = weekOf(tx, userId, utcWeekStart(shift.start), ctx);
  saveWeek(tx, week, [...week.shifts.filter((s) => s.id !== shift.id), shift], ctx);
}
