/**
 * The running-server marker on disk (its format and why: shared/sync/server-marker.ts): written by
 * `npm run server` on an embedded database once it listens, removed when it stops, and read by
 * `server:admin`, which then asks that server rather than opening the database a second time.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { answersAsMarked, parseServerMarker, SERVER_MARKER_FILE, type ServerMarker } from '../../shared/sync/server-marker.ts';

/** The per-run secrets a server on an embedded database starts with. */
export function newMarkerSecrets(): Pick<ServerMarker, 'instance' | 'adminToken'> {
  return { instance: randomBytes(16).toString('base64url'), adminToken: randomBytes(32).toString('base64url') };
}

export function writeServerMarker(dataDir: string, marker: ServerMarker): void {
  writeFileSync(join(dataDir, SERVER_MARKER_FILE), JSON.stringify(marker), { mode: 0o600 });
}

/** Removes the marker if it is still this run's (a later server on the folder may have replaced it). */
export function removeServerMarker(dataDir: string, instance: string): void {
  if (readServerMarker(dataDir)?.instance === instance) rmSync(join(dataDir, SERVER_MARKER_FILE), { force: true });
}

export function readServerMarker(dataDir: string): ServerMarker | null {
  try {
    return parseServerMarker(readFileSync(join(dataDir, SERVER_MARKER_FILE), 'utf8'));
  } catch {
    return null;
  }
}

/** The server running on this data folder, if its marker names one that answers as marked. */
export async function findMarkedServer(dataDir: string): Promise<ServerMarker | null> {
  const marker = readServerMarker(dataDir);
  if (!marker) return null;
  try {
    const res = await fetch(`${marker.url}/info`, { signal: AbortSignal.timeout(2000) });
    return res.ok && answersAsMarked(marker, await res.json()) ? marker : null;
  } catch {
    return null;
  }
}
