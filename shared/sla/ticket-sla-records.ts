/**
 * The SLA policy and calendar records as the engine reads them: Core's and the server's policy
 * readers and the demo generator all come through here. A ticket's snapshot names the revision of
 * each record it was computed with (docs/sla.md), so `version` below is the record's revision,
 * not its row version.
 */
import { toCalendarSpec, toPolicySpec, type BusinessCalendar, type SlaPolicy } from './records.ts';
import type { SlaCalendarVersion, SlaPolicyVersion } from './ticket-sla.ts';

/** An active policy record as the engine reads it; null when switched off. */
export function enginePolicyOf(record: SlaPolicy): SlaPolicyVersion | null {
  if (!record.active) return null;
  return { id: record.id, version: record.revision, spec: toPolicySpec(record), calendarId: record.calendarId };
}

/** The active policies in the order they are tried. */
export function orderedPolicies(records: readonly SlaPolicy[]): SlaPolicyVersion[] {
  return [...records].sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1)).flatMap((r) => enginePolicyOf(r) ?? []);
}

/**
 * Calendars by id. A switched-off calendar stays: policies already counting on it keep it
 * (only choosing it anew is refused).
 */
export function calendarVersions(records: readonly BusinessCalendar[]): Map<string, SlaCalendarVersion> {
  return new Map(records.map((r) => [r.id, { id: r.id, version: r.revision, spec: toCalendarSpec(r) }]));
}
