/**
 * A bounded keep-alive HTTP load from inside this process: `total` GET requests with at most
 * `concurrency` in flight over a fixed pool of sockets, stopping early at `maxMs`. Loopback only.
 */
import { Agent, request } from 'node:http';

export interface LoadResult {
  latenciesMs: number[];
  elapsedMs: number;
  bytes: number;
}

export async function keepAliveLoad(
  url: string,
  o: { total: number; concurrency: number; maxMs: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const target = new URL(url);
  if (target.hostname !== '127.0.0.1' && target.hostname !== 'localhost')
    throw new Error(`load is for loopback only, not ${target.hostname}`);
  const agent = new Agent({ keepAlive: true, maxSockets: o.concurrency });
  const latenciesMs: number[] = [];
  let bytes = 0;
  let issued = 0;
  const started = performance.now();
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const t0 = performance.now();
      const req = request(target, { agent, method: 'GET', headers: o.headers }, (res) => {
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new Error(`GET ${target.pathname}: HTTP ${res.statusCode}`));
          else {
            latenciesMs.push(performance.now() - t0);
            resolve();
          }
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  const worker = async () => {
    while (issued < o.total && performance.now() - started < o.maxMs) {
      issued++;
      await one();
    }
  };
  try {
    await Promise.all(Array.from({ length: o.concurrency }, worker));
  } finally {
    agent.destroy();
  }
  return { latenciesMs, elapsedMs: performance.now() - started, bytes };
}
