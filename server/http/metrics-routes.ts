/** POST /metrics: the service metrics of the caller's tenant, for supervisors and admins (docs/metrics.md). */
import type { FastifyInstance } from 'fastify';
import type { Auth } from '../auth/service.ts';
import { metricsForUser } from '../metrics/report.ts';
import type { Db } from '../store/db.ts';

export async function metricsRoutes(app: FastifyInstance, { db, auth, now }: { db: Db; auth: Auth; now: () => number }): Promise<void> {
  app.post('/metrics', async (req) => {
    const session = await auth.authenticate(req.headers.authorization);
    return metricsForUser(db, session.userId, req.body, now());
  });
}
