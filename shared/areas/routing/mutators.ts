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

  /** A team's rule (one per team, its id the team's): created or replaced. */
  'routingRule.set': define({
    args: RoutingRuleFields,
    subject: { entity: 'routing_rule', id: (a) => a.teamId },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      checkManager(ctx);
      teamOf(tx, args.teamId, ctx);
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
      for (const w of [weekStart - WEEK_MS, weekStart, weekStart + WEEK_MS]) {
        const clash = weekOf(tx, agent.id, w, ctx).shifts.find((s) => s.id !== args.shift.id && overlaps(s, args.shift));
        if (clash) rejected('RULE_VIOLATION', `${agent.name} already has a shift then`);
      }
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
} as const;
