/**
 * Business calendars and SLA policies as records: the tenant's settings that sync to every console,
 * with the engine's inputs (calendar.ts, policy.ts) as their fields, plus a name, an order, an
 * on/off switch, breach actions and a revision. Every change bumps the revision and keeps the
 * record as it then was in a version record, so a ticket's timers can be computed again later with
 * exactly the settings they were computed with (docs/sla.md, "Records and versions").
 *
 * `revision` is not `version`: every synced record's `version` is the server's row version (the
 * tenant clock at its last write), which sync owns; the revision counts the record's own edits.
 */
import { z } from 'zod';
import { Id, recordBase } from '../domain/records.ts';
import { Text } from '../domain/text.ts';
import { CalendarSpec } from './calendar.ts';
import { SlaPolicySpec } from './policy.ts';

const Name = Text.trim().min(1).max(200);
const Revision = z.number().int().positive();

/** Forwards the engine schema's own whole-record checks (overlapping hours, a policy without targets). */
function engineChecks(spec: z.ZodType, pick: (rec: never) => unknown) {
  return (rec: unknown, ctx: z.RefinementCtx) => {
    const parsed = spec.safeParse(pick(rec as never));
    if (!parsed.success)
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  };
}

/** What a person edits on a calendar (the calendar.upsert arguments without the id). */
export const CalendarFields = z.object({
  name: Name,
  timeZone: CalendarSpec.shape.timeZone,
  weeklyHours: CalendarSpec.shape.weeklyHours,
  holidays: CalendarSpec.shape.holidays,
});
export type CalendarFields = z.infer<typeof CalendarFields>;

export function toCalendarSpec(c: Pick<CalendarFields, 'timeZone' | 'weeklyHours' | 'holidays'>): CalendarSpec {
  return { timeZone: c.timeZone, weeklyHours: c.weeklyHours, holidays: c.holidays };
}

export const checkCalendar = engineChecks(CalendarSpec, toCalendarSpec);

const calendarState = { ...CalendarFields.shape, active: z.boolean(), revision: Revision };

export const BusinessCalendar = z.object({ ...recordBase, ...calendarState }).superRefine(checkCalendar);
export type BusinessCalendar = z.infer<typeof BusinessCalendar>;

/**
 * What the breach jobs do when a timer of a ticket under this policy breaches (the jobs read these
 * switches; they are built elsewhere).
 */
export const BreachActions = z.strictObject({
  notifyAssignee: z.boolean(),
  notifySupervisors: z.boolean(),
  /** One step up (low to normal, …); urgent stays urgent. */
  raisePriority: z.boolean(),
  /** One escalation tier up, to at most tier 3. */
  escalate: z.boolean(),
});
export type BreachActions = z.infer<typeof BreachActions>;

/** What a person edits on a policy (the slaPolicy.upsert arguments without the id). */
export const PolicyFields = z.object({
  ...SlaPolicySpec.shape,
  /** Policies are tried in ascending position; the first whose conditions hold applies. */
  position: z.number().int().nonnegative(),
  /** The calendar business-hour targets count on; null only when every target counts calendar hours. */
  calendarId: Id.nullable(),
  breachActions: BreachActions,
});
export type PolicyFields = z.infer<typeof PolicyFields>;

export function toPolicySpec(p: Pick<PolicyFields, 'name' | 'conditions' | 'targets' | 'atRiskShare' | 'runningStatuses'>): SlaPolicySpec {
  return { name: p.name, conditions: p.conditions, targets: p.targets, atRiskShare: p.atRiskShare, runningStatuses: p.runningStatuses };
}

export const checkPolicy = engineChecks(SlaPolicySpec, toPolicySpec);

const policyState = { ...PolicyFields.shape, active: z.boolean(), revision: Revision };

export const SlaPolicy = z.object({ ...recordBase, ...policyState }).superRefine(checkPolicy);
export type SlaPolicy = z.infer<typeof SlaPolicy>;

/**
 * A calendar or policy as it was at one revision: written by the same change that made the
 * revision and never changed after, so the settings a ticket's timers were computed with can be
 * read back by (calendarId or policyId, revision).
 */
export const BusinessCalendarVersion = z.object({ ...recordBase, calendarId: Id, ...calendarState });
export type BusinessCalendarVersion = z.infer<typeof BusinessCalendarVersion>;

export const SlaPolicyVersion = z.object({ ...recordBase, policyId: Id, ...policyState });
export type SlaPolicyVersion = z.infer<typeof SlaPolicyVersion>;

/** Does any target count business hours (so the policy needs a calendar)? */
export function usesBusinessHours(p: Pick<PolicyFields, 'targets'>): boolean {
  return Object.values(p.targets).some((t) => t && Object.values(t).some((target) => target?.hours === 'business'));
}

/** The version record of a calendar as it is now (at its current revision). */
export function calendarVersionOf(calendar: BusinessCalendar, id: string): BusinessCalendarVersion {
  const { id: calendarId, ...state } = calendar;
  return { ...state, id, calendarId, version: 0, createdAt: calendar.updatedAt };
}

/** The version record of a policy as it is now (at its current revision). */
export function policyVersionOf(policy: SlaPolicy, id: string): SlaPolicyVersion {
  const { id: policyId, ...state } = policy;
  return { ...state, id, policyId, version: 0, createdAt: policy.updatedAt };
}
