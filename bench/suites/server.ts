/**
 * Server suite: what the HTTP stack (Fastify, its hooks, error handler and JSON serialisation)
 * costs over bare `node:http` answering the same bytes, under the same bounded keep-alive load.
 * Both servers and the client share this process, so the figures include the client's own work
 * on both sides alike.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startServer } from '../../server/app.ts';
import { migrate } from '../../server/store/migrations.ts';
import { openPgliteDb } from '../../server/store/pglite-db.ts';
import { figure, latency, rate, type Figure } from '../figures.ts';
import { keepAliveLoad, type LoadResult } from '../http-load.ts';
import { percentiles } from '../measure.ts';

export interface ServerOptions {
  requests: number;
  concurrency: number;
  /** Each load stops at this many ms even if requests remain. */
  maxMs: number;
  log: (line: string) => void;
}

export async function runServerSuite(o: ServerOptions): Promise<{ figures: Figure[]; notes: string[] }> {
  const db = await openPgliteDb();
  await migrate(db);
  const server = await startServer({ db, logger: false });
  let raw: Server | undefined;
  try {
    const infoUrl = `${server.url}/info`;
    const infoResponse = await fetch(infoUrl);
    const body = Buffer.from(await infoResponse.arrayBuffer());
    const contentType = infoResponse.headers.get('content-type') ?? 'application/json';
    raw = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': contentType, 'content-length': body.length });
      res.end(body);
    });
    await new Promise<void>((resolve) => raw?.listen(0, '127.0.0.1', resolve));
    const rawUrl = `http://127.0.0.1:${(raw.address() as AddressInfo).port}/info`;

    const load = (url: string) => keepAliveLoad(url, { total: o.requests, concurrency: o.concurrency, maxMs: o.maxMs });
    // Warm both (JIT, sockets), then alternate halves so drift in the machine's load hits both.
    await load(infoUrl);
    await load(rawUrl);
    o.log(`  ${o.requests.toLocaleString('en')} GET /info at concurrency ${o.concurrency}, Fastify vs node:http`);
    const fastify = merge(await load(infoUrl), await load(infoUrl));
    const bare = merge(await load(rawUrl), await load(rawUrl));
    return {
      figures: [
        figure({
          id: 'server.http-latency',
          label: `GET /info latency, ${o.concurrency} in flight (keep-alive)`,
          value: latency(percentiles(fastify.latenciesMs)),
          baseline: { label: 'raw node:http, same bytes', value: latency(percentiles(bare.latenciesMs)) },
        }),
        figure({
          id: 'server.http-throughput',
          label: 'GET /info throughput',
          value: rate(fastify.latenciesMs.length, fastify.elapsedMs, 'req/s'),
          baseline: { label: 'raw node:http, same bytes', value: rate(bare.latenciesMs.length, bare.elapsedMs, 'req/s') },
        }),
      ],
      notes: [
        `Server: the response is ${body.length} bytes of JSON; server and load client share one process (PGlite in memory behind Fastify).`,
      ],
    };
  } finally {
    await new Promise<void>((resolve) => (raw ? raw.close(() => resolve()) : resolve()));
    await server.close();
    await db.close();
  }
}

function merge(a: LoadResult, b: LoadResult): LoadResult {
  return { latenciesMs: [...a.latenciesMs, ...b.latenciesMs], elapsedMs: a.elapsedMs + b.elapsedMs, bytes: a.bytes + b.bytes };
}
