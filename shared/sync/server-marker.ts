/**
 * The running-server marker. A server on an embedded database (one data folder, one process at a
 * time) writes this file into its data folder while it runs: its address, a random instance id
 * that its GET /info reports, and a random admin token for the local admin routes (/admin/*). A
 * start script reuses a server only when the marker in the data folder it means names a server
 * that answers with that instance id: a server that someone else started on the same port, or on
 * another data folder, is never taken for ours. The file is readable by its owner only.
 */
import { z } from 'zod';
import { Text } from '../domain/text.ts';

export const SERVER_MARKER_FILE = 'server.running.json';

export const ServerMarker = z.object({
  pid: z.number().int(),
  url: Text.url(),
  instance: Text.min(16),
  adminToken: Text.min(16),
});
export type ServerMarker = z.infer<typeof ServerMarker>;

/** The marker in a file's text, or null when there is none or it is not one. */
export function parseServerMarker(text: string | null): ServerMarker | null {
  if (text === null) return null;
  try {
    const parsed = ServerMarker.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Whether a GET /info answer comes from the server the marker names. */
export function answersAsMarked(marker: ServerMarker, info: unknown): boolean {
  return typeof info === 'object' && info !== null && (info as { instance?: unknown }).instance === marker.instance;
}
