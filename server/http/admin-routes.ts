/**
 * The local admin routes of a server on an embedded database: `server:admin` asks the running
 * server for what it cannot read itself while the server holds the database (one process at a
 * time). Only registered with a per-run admin token, which only the data folder's marker file
 * (readable by its owner) holds; anything else gets UNAUTHORIZED.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../shared/contract/errors.ts';
import { exportTenant, listTenants } from '../admin/operations.ts';
import { metricsForTenant } from '../metrics/report.ts';
import { safeEqual } from '../auth/tokens.ts';
import type { Db } from '../store/db.ts';

/** A Fastify plugin: its hook guards exactly its own routes (encapsulation). */
export async function adminRoutes(app: FastifyInstance, { db, adminToken }: { db: Db; adminToken: string }): Promise<void> {
  app.addHook('onRequest', async (req) => {
    const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    if (!safeEqual(given, adminToken)) throw new AppError('UNAUTHORIZED', 'the admin routes need the admin token of this run');
  });
  app.get('/admin/tenants', async () => ({ tenants: await listTenants(db) }));
  app.get<{ Querystring: { tenant?: string } }>('/admin/export', async (req, reply) => {
    const lines = await exportTenant(db, req.query.tenant ?? '');
    return reply.type('application/x-ndjson').send(`${lines.join('\n')}\n`);
  });
  app.post<{ Querystring: { tenant?: string } }>('/admin/metrics', async (req) =>
    metricsForTenant(db, req.query.tenant ?? '', req.body, Date.now()),
  );
}
