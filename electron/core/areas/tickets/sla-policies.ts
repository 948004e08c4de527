/**
 * Core's one reader of SLA policies and calendars: the cached records, in the order they are
 * tried, as the engine reads them (shared/sla/ticket-sla-records.ts). The versioned policy records
 * replace what this reads; nothing else in Core knows their shape.
 */
import type { Database } from 'better-sqlite3';
import type { BusinessCalendar, SlaPolicy } from '../../../../shared/sla/records.ts';
import { calendarVersions, orderedPolicies } from '../../../../shared/sla/ticket-sla-records.ts';
import type { SlaCalendarVersion, SlaPolicyVersion } from '../../../../shared/sla/ticket-sla.ts';
import type { RecordStore } from '../../sync/record-store.ts';

export interface SlaRules {
  policies: SlaPolicyVersion[];
  calendars: Map<string, SlaCalendarVersion>;
}

export function createSlaRulesReader(db: Database, store: RecordStore): () => SlaRules {
  const policyIds = db.prepare<[], string>('SELECT id FROM sla_policies').pluck();
  const calendarIds = db.prepare<[], string>('SELECT id FROM business_calendars').pluck();
  return () => ({
    policies: orderedPolicies(policyIds.all().flatMap((id) => store.get('sla_policy', id) ?? []) as SlaPolicy[]),
    calendars: calendarVersions(calendarIds.all().flatMap((id) => store.get('business_calendar', id) ?? []) as BusinessCalendar[]),
  });
}
