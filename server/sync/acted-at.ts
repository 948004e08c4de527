/**
 * When a person acted: the console's clock at the moment the mutation was made, so work done
 * offline and pushed hours later keeps its own time in the history and the metrics. The server
 * bounds what a console may claim (docs/sync-protocol.md, "Acted-at time"): never later than its
 * own clock plus a small skew, never before the device first signed in (no work can be older than
 * the device). The ticket write helpers add the last bound, not before the ticket existed.
 * Sync order is unaffected: it follows the server's versions, whatever the times say.
 */

/** How far ahead of the server's clock a console's clock may be before its times are cut back. */
export const MAX_CLOCK_SKEW_MS = 2 * 60_000;

export function actedAt(clientTime: number, bounds: { serverNow: number; clientSince: number }): number {
  return Math.min(Math.max(clientTime, bounds.clientSince), bounds.serverNow + MAX_CLOCK_SKEW_MS);
}
