/**
 * The SLA policy and calendar records as the engine reads them. Until the versioned records (and
 * their own converters) arrive, this is the one place that reads today's records; Core's and the
 * server's policy readers both come through here, so the swap is this file and their import.
 *
 * A record the engine cannot use (no target at all, a calendar without hours) covers no ticket
 * rather than failing every commit that touches one.
 */
import { TICKET_PRIORITIES } from '../domain/enums.ts';
import type { BusinessCalendar, SlaPolicy } from '../domain/records.ts';
import { CalendarSpec } from './calendar.ts';
import { SlaPolicySpec } from './policy.ts';
import type { SlaCalendarVersion, SlaPolicyVersion } from './ticket-sla.ts';

const METRIC_FIELDS = { firstReply: 'firstReplyMinutes', nextReply: 'nextReplyMinutes', resolution: 'resolutionMinutes' } as const;

/** An active policy record as the engine reads it; null when inactive or unusable. */
export function policyVersionOf(record: SlaPolicy): SlaPolicyVersion | null {
  if (!record.active) return null;
  const hours = record.calendarId === null ? 'calendar' : 'business';
  const targets = Object.fromEntries(
    TICKET_PRIORITIES.map((p) => [
      p,
      Object.fromEntries(
        Object.entries(METRIC_FIELDS).flatMap(([metric, field]) => {
          const minutes = record.targets[p][field];
          return minutes === null ? [] : [[metric, { minutes, hours }]];
        }),
      ),
    ]),
  );
  // Empty condition lists matched nothing in the old records' reading too; the engine refuses them.
  const conditions = Object.fromEntries(Object.entries(record.conditions).filter(([, list]) => list && list.length > 0));
  const spec = SlaPolicySpec.safeParse({ name: record.name, conditions, targets, atRiskShare: record.atRiskShare });
  return spec.success ? { id: record.id, version: record.version, spec: spec.data, calendarId: record.calendarId } : null;
}

/** The active policies in the order they are tried. */
export function orderedPolicies(records: readonly SlaPolicy[]): SlaPolicyVersion[] {
  return [...records].sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1)).flatMap((r) => policyVersionOf(r) ?? []);
}

/** Calendars by id, leaving out any the engine cannot compute with. */
export function calendarVersions(records: readonly BusinessCalendar[]): Map<string, SlaCalendarVersion> {
  const out = new Map<string, SlaCalendarVersion>();
  for (const r of records) {
    const spec = CalendarSpec.safeParse({ timeZone: r.timeZone, weeklyHours: r.weeklyHours, holidays: r.holidays });
    if (spec.success) out.set(r.id, { id: r.id, version: r.version, spec: spec.data });
  }
  return out;
}
