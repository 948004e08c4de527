/**
 * SLA policies as the engine reads them: conditions that pick the tickets a policy covers (the
 * first matching policy in order applies), per-priority targets, the at-risk share and which
 * statuses run the resolution clock. Semantics: docs/sla.md.
 */
import { z } from 'zod';
import { Text } from '../domain/text.ts';
import { validationError } from '../contract/errors.ts';
import { Id } from '../domain/records.ts';
import {
  AccountTier,
  Channel,
  CustomerType,
  TICKET_PRIORITIES,
  TicketPriority,
  TicketStatus,
  TicketType,
  type TicketPriority as Priority,
} from '../domain/enums.ts';
import { SLA_METRICS, SlaTarget } from './target.ts';

export { SLA_METRICS, SlaTarget, type SlaMetric } from './target.ts';

const PriorityTargets = z.strictObject({
  firstReply: SlaTarget.optional(),
  nextReply: SlaTarget.optional(),
  resolution: SlaTarget.optional(),
});

/** A condition's list holds the values any of which matches; an empty list would match nothing, so it is refused. */
const anyOf = <T extends z.ZodType>(item: T) => z.array(item).min(1, 'an empty list matches nothing: leave the condition out').optional();

/** Every condition given must hold; a policy without conditions matches every ticket. */
export const SlaConditions = z.strictObject({
  priorities: anyOf(TicketPriority),
  channels: anyOf(Channel),
  types: anyOf(TicketType),
  teamIds: anyOf(Id),
  /** The ticket carries at least one of these tags. */
  tags: anyOf(Text.min(1)),
  accountTiers: anyOf(AccountTier),
  customerTypes: anyOf(CustomerType),
});
export type SlaConditions = z.infer<typeof SlaConditions>;

/** Statuses the resolution clock may run in: the others of the open statuses pause it; solved and closed stop it. */
const ClockStatus = TicketStatus.exclude(['solved', 'closed']);

export const SlaPolicySpec = z
  .strictObject({
    name: Text.trim().min(1).max(200),
    conditions: SlaConditions,
    targets: z.strictObject(
      Object.fromEntries(TICKET_PRIORITIES.map((p) => [p, PriorityTargets.optional()])) as Record<
        Priority,
        z.ZodOptional<typeof PriorityTargets>
      >,
    ),
    atRiskShare: z.number().gt(0, 'the at-risk share is above 0').lt(1, 'the at-risk share is below 1').default(0.75),
    runningStatuses: z.array(ClockStatus).default(['new', 'open', 'on_hold']),
  })
  .refine((p) => TICKET_PRIORITIES.some((pr) => SLA_METRICS.some((m) => p.targets[pr]?.[m])), {
    message: 'a policy needs at least one target',
    path: ['targets'],
  });
export type SlaPolicySpec = z.infer<typeof SlaPolicySpec>;

/** A policy from untrusted input; a VALIDATION error naming every problem otherwise. */
export function parsePolicy(input: unknown): SlaPolicySpec {
  const parsed = SlaPolicySpec.safeParse(input);
  if (!parsed.success) throw validationError('SLA policy', parsed.error);
  return parsed.data;
}

/** What a policy's conditions look at. */
export interface TicketFacts {
  priority: Priority;
  channel: Channel;
  type: TicketType;
  teamId: string | null;
  tags: readonly string[];
  accountTier: AccountTier | null;
  customerType: CustomerType | null;
}

export function matchesConditions(c: SlaConditions, t: TicketFacts): boolean {
  const has = <T>(list: readonly T[] | undefined, value: T | null) => !list || (value !== null && list.includes(value));
  return (
    has(c.priorities, t.priority) &&
    has(c.channels, t.channel) &&
    has(c.types, t.type) &&
    has(c.teamIds, t.teamId) &&
    has(c.accountTiers, t.accountTier) &&
    has(c.customerTypes, t.customerType) &&
    (!c.tags || c.tags.some((tag) => t.tags.includes(tag)))
  );
}

/** The first policy, in the order given, whose conditions the ticket meets; null when none does. */
export function matchPolicy<P extends { conditions: SlaConditions }>(ordered: readonly P[], ticket: TicketFacts): P | null {
  return ordered.find((p) => matchesConditions(p.conditions, ticket)) ?? null;
}
