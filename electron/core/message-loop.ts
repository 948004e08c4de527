/**
 * Core's side of process-protocol.ts, over any port with Electron's parentPort shape: answers each
 * `call` with a `result` and forwards Core's events. Kept apart from utility-entry.ts so tests can
 * drive it with a fake port in plain Node.
 */
import { toErrorPayload } from '../../shared/contract/errors.ts';
import type { Core } from './index.ts';
import { isSecretResult } from './secret-bridge.ts';
import { LATEST_SCHEMA_VERSION } from './db/migrations/index.ts';
import { CORE_DATABASE_ARG, type MainToCore, type ParentPort } from './process-protocol.ts';

function isCall(data: unknown): data is Extract<MainToCore, { kind: 'call' }> {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as Record<string, unknown>;
  return m.kind === 'call' && Number.isSafeInteger(m.id) && typeof m.channel === 'string';
}

/** Serves `core` on `port` until the process ends; returns a function that stops forwarding events. */
export function serveCore(core: Core, port: ParentPort, log: (msg: string, err?: unknown) => void = console.error): () => void {
  const unsubscribe = core.subscribe((name, payload) => port.postMessage({ kind: 'event', name, payload }));
  port.on('message', ({ data }) => {
    // Answers to Core's own secret requests are taken by secret-bridge.ts.
    if (isSecretResult(data)) return;
    if (!isCall(data)) {
      log('core: ignored a message that is not a call');
      return;
    }
    core.dispatch(data.channel, data.input).then(
      (result) => port.postMessage({ kind: 'result', id: data.id, result }),
      (err: unknown) => port.postMessage({ kind: 'result', id: data.id, result: { ok: false, error: toErrorPayload(err) } }),
    );
  });
  return unsubscribe;
}

/** Opens Core for the database named in argv and serves it, or reports `fatal` and returns null. */
export function startCore(
  port: ParentPort,
  argv: readonly string[],
  open: (databasePath: string) => Core,
  log: (msg: string, err?: unknown) => void = console.error,
): Core | null {
  const databasePath = argv.find((a) => a.startsWith(CORE_DATABASE_ARG))?.slice(CORE_DATABASE_ARG.length);
  if (!databasePath) {
    port.postMessage({ kind: 'fatal', error: { code: 'INTERNAL', message: 'Core was started without --database=<path>' } });
    return null;
  }
  let core: Core;
  try {
    core = open(databasePath);
  } catch (err) {
    port.postMessage({ kind: 'fatal', error: toErrorPayload(err) });
    return null;
  }
  serveCore(core, port, log);
  // Opening migrated the database to this build's schema (or refused it above).
  port.postMessage({ kind: 'ready', schemaVersion: LATEST_SCHEMA_VERSION });
  return core;
}
