/**
 * The demo server for the newcomer's path (`npm run start:web`, `npm start`): a child process
 * running `node server/main.ts` on this machine, with its database in .data/server. A server
 * already running on that data folder (say `npm run server` in another terminal, or a second
 * console) is used as it is, because two processes must never open one embedded database; it is
 * recognised by the running marker it keeps in the folder (shared/sync/server-marker.ts), never
 * by its port alone: whatever else listens on the port, even another Switchboard server, is
 * someone else's, and ours then takes a free port. The child's output is passed on line by
 * line; it is ready when it prints its "Switchboard server on <url>" line, and it is stopped with
 * the process that started it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { answersAsMarked, parseServerMarker, SERVER_MARKER_FILE } from '../../shared/sync/server-marker.ts';

const SERVER_MAIN = fileURLToPath(new URL('../../server/main.ts', import.meta.url));

/** The port `npm run server` uses too, so a console signed in to it finds it again on the next start. */
export const EMBEDDED_SERVER_PORT = 8740;
export const EMBEDDED_SERVER_DATA = '.data/server';

const READY_LINE = /^Switchboard server on (http:\/\/\S+)/;
const STOP_GRACE_MS = 10_000;

export interface EmbeddedServer {
  url: string;
  /** False when an already running server was found: stop() then leaves it alone. */
  started: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedServerOptions {
  dataDir?: string;
  port?: number;
  /** Demo tickets for an empty database. */
  demoTickets: number;
  /** Where the child's lines go (prefixed by the caller as it likes). */
  log: (line: string) => void;
}

export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const port = options.port ?? EMBEDDED_SERVER_PORT;
  const dataDir = resolve(options.dataDir ?? EMBEDDED_SERVER_DATA);
  const running = await serverRunningOn(dataDir);
  if (running) return { url: running, started: false, stop: async () => {} };
  // Something else holds the port: let the server take any free one and tell us which.
  const listenPort = (await isPortFree(port)) ? port : 0;
  // The embedded server is the one on PGlite: a DATABASE_URL meant for `npm run server` or the
  // tests must not make it seed a PostgreSQL database.
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
  delete env.DATABASE_URL;
  const child = spawn(
    process.execPath,
    [SERVER_MAIN, '--data', dataDir, '--port', String(listenPort), '--demo-tickets', String(options.demoTickets)],
    { stdio: ['ignore', 'pipe', 'pipe'], env },
  );
  const ready = await waitForReadyLine(child, options.log);
  return { url: ready, started: true, stop: () => stopChild(child) };
}

/** The address of the server whose running marker is in `dataDir`, if that server answers as marked. */
async function serverRunningOn(dataDir: string): Promise<string | null> {
  let text: string | null;
  try {
    text = readFileSync(join(dataDir, SERVER_MARKER_FILE), 'utf8');
  } catch {
    return null;
  }
  const marker = parseServerMarker(text);
  if (!marker) return null;
  try {
    const res = await fetch(`${marker.url}/info`, { signal: AbortSignal.timeout(2000) });
    return res.ok && answersAsMarked(marker, await res.json()) ? marker.url : null;
  } catch {
    return null;
  }
}

/** True when `url` answers GET /info as a Switchboard server. */
export async function isSwitchboardServer(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/info`, { signal: AbortSignal.timeout(2000) });
    if (!res.ok) return false;
    const info = (await res.json()) as { name?: unknown };
    return info.name === 'switchboard';
  } catch {
    return false;
  }
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

function waitForReadyLine(child: ChildProcess, log: (line: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const recent: string[] = [];
    const onLine = (line: string) => {
      log(line);
      recent.push(line);
      if (recent.length > 20) recent.shift();
      const match = READY_LINE.exec(line);
      if (match && !settled) {
        settled = true;
        resolve(match[1] as string);
      }
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', onLine);
    child.once('error', (err) => {
      if (settled) return;
      settled = true;
      reject(new Error(`the embedded server could not start: ${err.message}`));
    });
    child.once('exit', (code, signal) => {
      if (settled) return;
      settled = true;
      reject(
        new Error(
          `the embedded server stopped before it was ready (${signal ?? `exit ${code}`})${recent.length ? `:\n${recent.join('\n')}` : ''}`,
        ),
      );
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}
