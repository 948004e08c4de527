/**
 * Which tickets a report covers. Every filter reads the ticket as it is now (its current team,
 * assignee, priority, ...), as help desks' reports do; an empty list does not filter.
 */
import type { MetricsFilters } from './query.ts';
import type { TicketFact } from './facts.ts';

export function isFiltering(f: MetricsFilters): boolean {
  return Object.values(f).some((list: readonly unknown[]) => list.length > 0);
}

const allows = <T>(list: readonly T[], value: T | null): boolean => list.length === 0 || (value !== null && list.includes(value));

export function matchesFilters(t: TicketFact, f: MetricsFilters): boolean {
  return (
    allows(f.teamIds, t.teamId) &&
    allows(f.agentIds, t.assigneeId) &&
    allows(f.channels, t.channel) &&
    allows(f.priorities, t.priority) &&
    allows(f.types, t.type) &&
    allows(f.customerTypes, t.customerType) &&
    allows(f.accountTiers, t.accountTier) &&
    f.tags.every((tag) => t.tags.includes(tag))
  );
}
