/**
 * The service-level settings' mutators: business calendars and SLA policies, tenant-wide records
 * only supervisors and admins change. Every change bumps the record's revision and writes the
 * record as it now is as a version record (shared/sla/records.ts), so the settings a ticket's
 * timers were computed with stay readable. The schemas refuse what the engine cannot compute with
 * (an unknown zone, overlapping or inverted hours, 30 February, a policy without targets or with
 * a negative one) before anything is written; docs/sla.md lists every refusal.
 */
import { z } from 'zod';
import { canManageSla } from '../../domain/permissions.ts';
import { Id } from '../../domain/records.ts';
import {
  CalendarFields,
  calendarVersionOf,
  checkCalendar,
  checkPolicy,
  PolicyFields,
  policyVersionOf,
  usesBusinessHours,
  type BusinessCalendar,
  type SlaPolicy,
} from '../../sla/records.ts';
import { define, rejected, upserted, type MutatorContextWithIds } from '../../sync/define-mutator.ts';
import type { MutatorTx } from '../../sync/tx.ts';

function checkManager(ctx: MutatorContextWithIds): void {
  if (!canManageSla(ctx.actor)) rejected('FORBIDDEN', 'only supervisors and admins change service levels');
}

/** The record in this tenant, or NOT_FOUND. */
function existing<E extends 'business_calendar' | 'sla_policy'>(
  tx: MutatorTx,
  entity: E,
  id: string,
  ctx: MutatorContextWithIds,
  noun: string,
) {
  const row = tx.get(entity, id);
  if (!row || row.tenantId !== ctx.actor.tenantId) rejected('NOT_FOUND', `that ${noun} does not exist`);
  return row;
}

/** Writes the calendar's next revision and keeps it as a version. */
function saveCalendar(
  tx: MutatorTx,
  fields: Omit<BusinessCalendar, 'tenantId' | 'version' | 'createdAt' | 'updatedAt' | 'revision'>,
  ctx: MutatorContextWithIds,
) {
  const before = tx.get('business_calendar', fields.id);
  const calendar: BusinessCalendar = { ...upserted(fields, before, ctx), revision: (before?.revision ?? 0) + 1 };
  tx.put('business_calendar', calendar);
  tx.put('business_calendar_version', calendarVersionOf(calendar, ctx.newId()));
}

function savePolicy(
  tx: MutatorTx,
  fields: Omit<SlaPolicy, 'tenantId' | 'version' | 'createdAt' | 'updatedAt' | 'revision'>,
  ctx: MutatorContextWithIds,
) {
  const before = tx.get('sla_policy', fields.id);
  const policy: SlaPolicy = { ...upserted(fields, before, ctx), revision: (before?.revision ?? 0) + 1 };
  tx.put('sla_policy', policy);
  tx.put('sla_policy_version', policyVersionOf(policy, ctx.newId()));
}

/**
 * A policy's calendar exists; business-hour targets need one. A deactivated calendar may not be
 * newly chosen, but a policy that already counts on one keeps it until it is given another.
 */
function checkPolicyCalendar(
  tx: MutatorTx,
  policy: Pick<SlaPolicy, 'calendarId' | 'targets'>,
  before: SlaPolicy | null,
  ctx: MutatorContextWithIds,
): void {
  if (policy.calendarId === null) {
    if (usesBusinessHours(policy)) rejected('RULE_VIOLATION', 'targets in business hours need a business calendar');
    return;
  }
  const calendar = tx.get('business_calendar', policy.calendarId);
  if (!calendar || calendar.tenantId !== ctx.actor.tenantId) rejected('NOT_FOUND', 'that business calendar does not exist');
  if (!calendar.active && before?.calendarId !== calendar.id)
    rejected('RULE_VIOLATION', `the business calendar “${calendar.name}” is deactivated`);
}

function policyFields(p: SlaPolicy) {
  const { id, name, position, active, conditions, targets, atRiskShare, runningStatuses, calendarId, breachActions } = p;
  return { id, name, position, active, conditions, targets, atRiskShare, runningStatuses, calendarId, breachActions };
}

const SetActive = z.object({ id: Id, active: z.boolean() });

export const slaMutators = {
  /** Creates a calendar (active) or edits one. */
  'calendar.upsert': define({
    args: CalendarFields.extend({ id: Id }).superRefine(checkCalendar),
    subject: { entity: 'business_calendar', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      checkManager(ctx);
      const before = tx.get('business_calendar', args.id);
      if (before && before.tenantId !== ctx.actor.tenantId) rejected('NOT_FOUND', 'that business calendar does not exist');
      saveCalendar(tx, { ...args, active: before?.active ?? true }, ctx);
    },
  }),

  /**
   * A deactivated calendar is offered to no policy; the policies that already count on it keep
   * computing with it (a ticket's due times do not jump), so deactivating needs no check of them.
   */
  'calendar.setActive': define({
    args: SetActive,
    subject: { entity: 'business_calendar', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      checkManager(ctx);
      const c = existing(tx, 'business_calendar', args.id, ctx, 'business calendar');
      if (c.active === args.active) return;
      saveCalendar(
        tx,
        { id: c.id, name: c.name, timeZone: c.timeZone, weeklyHours: c.weeklyHours, holidays: c.holidays, active: args.active },
        ctx,
      );
    },
  }),

  /** Creates a policy (active) or edits one; `position` places it in the order. */
  'slaPolicy.upsert': define({
    args: PolicyFields.extend({ id: Id }).superRefine(checkPolicy),
    subject: { entity: 'sla_policy', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      checkManager(ctx);
      const before = tx.get('sla_policy', args.id);
      if (before && before.tenantId !== ctx.actor.tenantId) rejected('NOT_FOUND', 'that SLA policy does not exist');
      checkPolicyCalendar(tx, args, before, ctx);
      savePolicy(tx, { ...args, active: before?.active ?? true }, ctx);
    },
  }),

  /** The policies in their new order, first match first: each named one takes its place in the list. */
  'slaPolicy.reorder': define({
    args: z.object({
      ids: z
        .array(Id)
        .min(1)
        .max(500)
        .refine((ids) => new Set(ids).size === ids.length, 'a policy is named twice'),
    }),
    subject: { entity: 'sla_policy', id: (a) => a.ids[0]! },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      checkManager(ctx);
      const policies = args.ids.map((id) => existing(tx, 'sla_policy', id, ctx, 'SLA policy'));
      policies.forEach((p, position) => {
        if (p.position !== position) savePolicy(tx, { ...policyFields(p), position }, ctx);
      });
    },
  }),

  /** A deactivated policy matches no ticket; switching one on again checks its calendar as an edit would. */
  'slaPolicy.setActive': define({
    args: SetActive,
    subject: { entity: 'sla_policy', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      checkManager(ctx);
      const p = existing(tx, 'sla_policy', args.id, ctx, 'SLA policy');
      if (p.active === args.active) return;
      savePolicy(tx, { ...policyFields(p), active: args.active }, ctx);
    },
  }),
} as const;
