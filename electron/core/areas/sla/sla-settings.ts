/**
 * The tenant's SLA settings as the console holds them: business calendars by name, policies in
 * the order they are tried. They are few, so each is read whole through the record store, which
 * knows their columns.
 */
import type { Database } from 'better-sqlite3';
import type { BusinessCalendar, SlaPolicy } from '../../../../shared/sla/records.ts';
import { createRecordStore } from '../../sync/record-store.ts';

export function createSlaSettingsRepository(db: Database) {
  const store = createRecordStore(db);
  const calendarIds = db.prepare('SELECT id FROM business_calendars ORDER BY name COLLATE NOCASE, id').pluck();
  const policyIds = db.prepare('SELECT id FROM sla_policies ORDER BY position, id').pluck();
  const read = <E extends 'business_calendar' | 'sla_policy'>(entity: E, ids: unknown[]) =>
    ids.map((id) => store.get(entity, id as string)).filter((row) => row !== null);
  return {
    settings(): { calendars: BusinessCalendar[]; policies: SlaPolicy[] } {
      return { calendars: read('business_calendar', calendarIds.all()), policies: read('sla_policy', policyIds.all()) };
    },
  };
}

export type SlaSettingsRepository = ReturnType<typeof createSlaSettingsRepository>;
