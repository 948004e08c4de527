/**
 * How Node runs the server: `npm run server` (package.json) says the same, and the bench runs its
 * server with these, so the server is measured as it is run. A test keeps the three in step.
 *
 * - `--max-semi-space-size=4`: V8 grows the young generation to tens of MB while the server serves
 *   bootstrap pages and keeps those pages resident afterwards: RSS 290 MB after a 10k-ticket
 *   bootstrap and a 100k-row catch-up, with 23 MB of live heap. Capped at 4 MB the same sequence
 *   ends at 180 MB, at the same page times (docs/sync-protocol.md, Performance).
 * - `MALLOC_ARENA_MAX=2`: glibc gives each thread that allocates (the main thread, V8's GC and
 *   compiler helpers, libuv's pool) a malloc arena of its own, and what one arena frees the others
 *   cannot reuse. After a bootstrap and pushes of 2,500 mutations the server held 313-319 MB with
 *   43 MB of V8 heap; with two arenas, 262-265 MB, and the pushes took as long. Other C libraries
 *   ignore it.
 */
export const SERVER_V8_FLAGS = ['--max-semi-space-size=4'];

export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };
