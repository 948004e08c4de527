/**
 * The server's one reader of SLA policies and calendars: the tenant's records, in the order they
 * are tried, as the engine reads them (shared/sla/ticket-sla-records.ts). The versioned policy
 * records replace what this reads; nothing else on the server knows their shape.
 */
import type { BusinessCalendar, SlaPolicy } from '../../shared/sla/records.ts';
import { calendarVersions, orderedPolicies } from '../../shared/sla/ticket-sla-records.ts';
import type { SlaCalendarVersion, SlaPolicyVersion } from '../../shared/sla/ticket-sla.ts';
import type { Queryable } from '../store/db.ts';

export interface SlaRules {
  policies: SlaPolicyVersion[];
  calendars: Map<string, SlaCalendarVersion>;
}

export async function readSlaRules(q: Queryable, tenantId: string): Promise<SlaRules> {
  const { rows } = await q.query<{ entity: string; data: unknown }>(
    "SELECT entity, data FROM records WHERE tenant_id = $1 AND entity IN ('sla_policy', 'business_calendar') AND NOT deleted",
    [tenantId],
  );
  return {
    policies: orderedPolicies(rows.filter((r) => r.entity === 'sla_policy').map((r) => r.data as SlaPolicy)),
    calendars: calendarVersions(rows.filter((r) => r.entity === 'business_calendar').map((r) => r.data as BusinessCalendar)),
  };
}
