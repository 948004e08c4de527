/**
 * The service metrics of a tenant as the server computes them: the shared function over the
 * tenant's facts, for a supervisor or admin signed in (POST /metrics) or for the operator
 * (`server:admin -- metrics`).
 */
import { AppError, validationError } from '../../shared/contract/errors.ts';
import { assertMayReadMetrics } from '../../shared/metrics/access.ts';
import { startReport } from '../../shared/metrics/compute.ts';
import { metricsRead } from '../../shared/metrics/narrow.ts';
import { MetricsQuery } from '../../shared/metrics/query.ts';
import type { MetricsReport } from '../../shared/metrics/report.ts';
import { loadUser } from '../auth/actor.ts';
import type { Queryable } from '../store/db.ts';
import { readReportContext, readTicketSlices } from './facts.ts';

export function parseMetricsQuery(body: unknown): MetricsQuery {
  const parsed = MetricsQuery.safeParse(body ?? {});
  if (!parsed.success) throw validationError('metrics query', parsed.error);
  return parsed.data;
}

/** The report of the tenant the signed-in person belongs to, if they oversee every team. */
export async function metricsForUser(q: Queryable, userId: string, body: unknown, now: number): Promise<MetricsReport> {
  const user = await loadUser(q, userId);
  assertMayReadMetrics(user?.active ? user.role : null);
  const query = parseMetricsQuery(body);
  return tenantReport(q, user!.tenantId, query, now);
}

const Uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The report of a tenant named by id, for the operator. */
export async function metricsForTenant(q: Queryable, tenantId: string, body: unknown, now: number): Promise<MetricsReport> {
  if (!Uuid.test(tenantId)) throw new AppError('VALIDATION', `--tenant must be a tenant id (a UUID), not ${JSON.stringify(tenantId)}`);
  const query = parseMetricsQuery(body);
  const { rows } = await q.query('SELECT 1 FROM tenants WHERE id = $1', [tenantId]);
  if (rows.length === 0) throw new AppError('NOT_FOUND', `no tenant ${tenantId} (npm run server:admin -- tenants lists them)`);
  return tenantReport(q, tenantId, query, now);
}

/** The report over what the tenant holds that it can count (shared/metrics/narrow.ts). */
async function tenantReport(q: Queryable, tenantId: string, query: MetricsQuery, now: number): Promise<MetricsReport> {
  const read = metricsRead(query, now);
  const report = startReport(await readReportContext(q, tenantId, read), query, now);
  for await (const slice of readTicketSlices(q, tenantId, read)) report.add(slice);
  return report.finish();
}
