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
  // What every change of a record changes (a pulled row its version, a local edit its revision and
  // time, a move its position, a switch its flag): while it is the same, so are the rules.
  const fingerprint = db
    .prepare<[], string | null>(
      `SELECT (SELECT group_concat(id || ':' || version || ':' || revision || ':' || updated_at || ':' || position || ':' || active, ',')
                 FROM (SELECT * FROM sla_policies ORDER BY id))
          || '|' ||
              coalesce((SELECT group_concat(id || ':' || version || ':' || revision || ':' || updated_at || ':' || active, ',')
                 FROM (SELECT * FROM business_calendars ORDER BY id)), '')`,
    )
    .pluck();
  // The same rules objects while nothing changed: reading and converting every record on every
  // ticket change was most of what keeping the timers cost, and the engine keeps what it derives
  // from a calendar (its compiled hours) per calendar object.
  let cached: { key: string | null; rules: SlaRules } | null = null;
  return () => {
    const key = fingerprint.get() ?? null;
    if (cached && cached.key === key) return cached.rules;
    const rules = {
      policies: orderedPolicies(policyIds.all().flatMap((id) => store.get('sla_policy', id) ?? []) as SlaPolicy[]),
      calendars: calendarVersions(calendarIds.all().flatMap((id) => store.get('business_calendar', id) ?? []) as BusinessCalendar[]),
    };
    cached = { key, rules };
    return rules;
  };
}
