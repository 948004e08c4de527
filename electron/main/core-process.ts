/**
 * Core, the desktop backend, runs in an Electron utility process (plain Node: SQLite, sync,
 * handlers), so the window never waits on a query and a crash in Core is contained. This module
 * starts it, correlates calls with results by id (electron/core/process-protocol.ts), times calls
 * out, fails every pending call with UNAVAILABLE when Core exits, and starts it again with
 * exponential backoff. A `fatal` answer (a database from a newer version, a corrupt file) is not
 * retried: restarting cannot fix it, and the file must be left as it is.
 *
 * Main also seals and opens Core's session secret with safeStorage on request (Core cannot reach
 * it from the utility process); only the sealed value goes back to Core and onto the disk.
 */
import { utilityProcess, type UtilityProcess } from 'electron';
import type { ChannelName } from '../../shared/contract/channels.ts';
import type { ErrorPayload, Result } from '../../shared/contract/errors.ts';
import {
  CORE_APP_VERSION_ARG,
  CORE_DATABASE_ARG,
  CORE_LOCAL_ARG,
  CORE_SERVER_URL_ARG,
  type CoreToMain,
  type MainToCore,
  type SecretOp,
} from '../core/process-protocol.ts';
import type { CoreClient } from './ipc-router.ts';
import { decryptSecret, encryptSecret } from './safe-storage.ts';

/** Seals (encrypts) and opens (decrypts) Core's secrets; null when that cannot be done safely. */
export type SecretSealer = (op: SecretOp, value: string) => string | null;

const safeStorageSealer: SecretSealer = (op, value) => {
  const result = op === 'seal' ? encryptSecret(value) : decryptSecret(value);
  return result.ok ? result.value : null;
};

export interface CoreProcessOptions {
  /** The built Core entry (`out/core/index.js`). */
  modulePath: string;
  databasePath: string;
  /** A console without a server (Core's local mode). */
  local?: boolean;
  /** Reported by Core in app.info. */
  appVersion?: string;
  /** Prefills the sign-in screen's server address. */
  serverUrl?: string;
  /** Defaults to Electron's safeStorage (safe-storage.ts). */
  sealer?: SecretSealer;
  /** How long a call may wait for its result, including waiting for Core to (re)start. */
  callTimeoutMs?: number;
  /** Backoff before the n-th consecutive restart: base * 2^(n-1), capped. */
  restartBaseDelayMs?: number;
  restartMaxDelayMs?: number;
  onEvent?: (name: string, payload: unknown) => void;
  onFatal?: (error: ErrorPayload) => void;
  /** Told when Core exits unexpectedly (for the log). */
  onExit?: (code: number | null) => void;
}

export interface CoreProcess extends CoreClient {
  /** Stops Core for good (app quitting); pending calls fail with UNAVAILABLE. */
  stop(): void;
}

interface PendingCall {
  message: MainToCore;
  resolve: (result: Result<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
  sent: boolean;
}

type State = 'starting' | 'ready' | 'restarting' | 'fatal' | 'stopped';

const unavailable = (message: string): Result<never> => ({ ok: false, error: { code: 'UNAVAILABLE', message } });

function isCoreMessage(value: unknown): value is CoreToMain {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string';
}

export function startCoreProcess(options: CoreProcessOptions): CoreProcess {
  const callTimeoutMs = options.callTimeoutMs ?? 30_000;
  const baseDelay = options.restartBaseDelayMs ?? 500;
  const maxDelay = options.restartMaxDelayMs ?? 30_000;
  const pending = new Map<number, PendingCall>();
  const sealer = options.sealer ?? safeStorageSealer;
  /** A keychain error means "cannot", never a crash of main. */
  const sealSafely = (op: SecretOp, value: string): string | null => {
    try {
      return sealer(op, value);
    } catch {
      return null;
    }
  };
  let nextId = 1;
  let state: State = 'starting';
  let fatalError: ErrorPayload | null = null;
  let failedStarts = 0;
  let restartTimer: ReturnType<typeof setTimeout> | null = null;
  let child: UtilityProcess = spawn();

  function spawn(): UtilityProcess {
    const args = [
      `${CORE_DATABASE_ARG}${options.databasePath}`,
      ...(options.local ? [CORE_LOCAL_ARG] : []),
      ...(options.appVersion ? [`${CORE_APP_VERSION_ARG}${options.appVersion}`] : []),
      ...(options.serverUrl ? [`${CORE_SERVER_URL_ARG}${options.serverUrl}`] : []),
    ];
    const proc = utilityProcess.fork(options.modulePath, args, {
      serviceName: 'Switchboard Core',
      stdio: 'inherit',
    });
    proc.on('message', (message: unknown) => onMessage(proc, message));
    proc.on('exit', (code: number) => onExit(proc, code));
    return proc;
  }

  function settle(id: number, result: Result<unknown>): void {
    const call = pending.get(id);
    if (!call) return; // timed out already, or answered twice
    pending.delete(id);
    clearTimeout(call.timer);
    call.resolve(result);
  }

  function failAll(result: Result<unknown>): void {
    for (const id of [...pending.keys()]) settle(id, result);
  }

  function flush(): void {
    for (const call of pending.values()) {
      if (call.sent) continue;
      call.sent = true;
      child.postMessage(call.message);
    }
  }

  function onMessage(proc: UtilityProcess, message: unknown): void {
    if (proc !== child || !isCoreMessage(message)) return;
    switch (message.kind) {
      case 'ready':
        state = 'ready';
        failedStarts = 0;
        flush();
        return;
      case 'result':
        settle(message.id, message.result);
        return;
      case 'event':
        options.onEvent?.(message.name, message.payload);
        return;
      case 'secret': {
        const answer: MainToCore = { kind: 'secret-result', id: message.id, value: sealSafely(message.op, message.value) };
        proc.postMessage(answer);
        return;
      }
      case 'fatal':
        state = 'fatal';
        fatalError = message.error;
        failAll({ ok: false, error: message.error });
        options.onFatal?.(message.error);
        return;
    }
  }

  function onExit(proc: UtilityProcess, code: number | null): void {
    if (proc !== child) return;
    failAll(unavailable('Switchboard Core stopped before answering'));
    if (state === 'stopped' || state === 'fatal') return;
    options.onExit?.(code);
    state = 'restarting';
    failedStarts += 1;
    const delay = Math.min(maxDelay, baseDelay * 2 ** (failedStarts - 1));
    restartTimer = setTimeout(() => {
      restartTimer = null;
      if (state !== 'restarting') return;
      state = 'starting';
      child = spawn();
    }, delay);
  }

  return {
    call(channel: ChannelName, input: unknown): Promise<Result<unknown>> {
      if (state === 'fatal' && fatalError) return Promise.resolve({ ok: false, error: fatalError });
      if (state === 'stopped') return Promise.resolve(unavailable('Switchboard is shutting down'));
      return new Promise((resolve) => {
        const id = nextId++;
        const message: MainToCore = { kind: 'call', id, channel, input };
        const timer = setTimeout(
          () => settle(id, unavailable(`Switchboard Core did not answer ${channel} within ${callTimeoutMs} ms`)),
          callTimeoutMs,
        );
        // Calls made while Core starts or restarts wait (within their timeout) for `ready`.
        pending.set(id, { message, resolve, timer, sent: false });
        if (state === 'ready') flush();
      });
    },
    stop(): void {
      if (state === 'stopped') return;
      const wasRunning = state !== 'restarting';
      state = 'stopped';
      if (restartTimer) clearTimeout(restartTimer);
      failAll(unavailable('Switchboard is shutting down'));
      if (wasRunning) child.kill();
    },
  };
}
