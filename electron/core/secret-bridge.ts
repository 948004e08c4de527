/**
 * Core's side of the safeStorage bridge (process-protocol.ts): seals and opens the session's
 * refresh token by asking main, which alone can reach Electron's safeStorage. Only the sealed
 * value is ever written to disk (secret-store.ts).
 */
import type { MainToCore, ParentPort, SecretOp } from './process-protocol.ts';
import type { SecretCodec } from './sync/secret-store.ts';

/** Main answers at once; a silent main (shutting down) must not hang sign-in forever. */
const ANSWER_TIMEOUT_MS = 10_000;

export function isSecretResult(data: unknown): data is Extract<MainToCore, { kind: 'secret-result' }> {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as Record<string, unknown>;
  return m.kind === 'secret-result' && Number.isSafeInteger(m.id) && (typeof m.value === 'string' || m.value === null);
}

export function createPortSecretCodec(port: ParentPort): SecretCodec {
  const pending = new Map<number, (value: string | null) => void>();
  let nextId = 1;
  port.on('message', ({ data }) => {
    if (!isSecretResult(data)) return;
    pending.get(data.id)?.(data.value);
  });

  const ask = (op: SecretOp, value: string) =>
    new Promise<string | null>((resolve) => {
      const id = nextId++;
      const timer = setTimeout(() => settle(null), ANSWER_TIMEOUT_MS);
      const settle = (result: string | null) => {
        clearTimeout(timer);
        pending.delete(id);
        resolve(result);
      };
      pending.set(id, settle);
      port.postMessage({ kind: 'secret', id, op, value });
    });

  return { seal: (secret) => ask('seal', secret), open: (sealed) => ask('open', sealed) };
}
