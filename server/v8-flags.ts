/**
 * How Node runs the server (`npm run server` in package.json says the same). V8 grows the young
 * generation to tens of MB while the server serves bootstrap pages and keeps those pages resident
 * afterwards: RSS 290 MB after a 10k-ticket bootstrap and a 100k-row catch-up, with 23 MB of live
 * heap. Capped at 4 MB the same sequence ends at 180 MB, at the same page times
 * (docs/sync-protocol.md, Performance).
 */
export const SERVER_V8_FLAGS = ['--max-semi-space-size=4'];
