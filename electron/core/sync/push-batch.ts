/**
 * Which of the queued mutations go in the next push. At most PUSH_MAX_MUTATIONS, and no more bytes
 * than fit well inside the server's request limit: 500 long replies (each up to 100,000
 * characters, 300 KB in Chinese) would make a body the server refuses every time, and a console
 * whose push is refused never pushes or pulls again. The first mutation always goes: no single
 * mutation's arguments come near the limit (their schemas bound every text).
 */
import { PUSH_MAX_MUTATIONS, REQUEST_BODY_LIMIT_BYTES, type Mutation } from '../../../shared/sync/protocol.ts';

/** The mutations' share of a push body: the rest of the limit is headroom for the envelope. */
export const PUSH_MUTATION_BYTES = Math.floor(REQUEST_BODY_LIMIT_BYTES * 0.75);

/** The longest prefix of `queued` (in order: ids stay consecutive) within the limits, never empty when `queued` is not. */
export function pushBatch(queued: readonly Mutation[], maxBytes = PUSH_MUTATION_BYTES): Mutation[] {
  const batch: Mutation[] = [];
  let bytes = 0;
  for (const mutation of queued.slice(0, PUSH_MAX_MUTATIONS)) {
    // Each mutation as it is sent, and the comma between two.
    bytes += Buffer.byteLength(JSON.stringify(mutation)) + 1;
    if (batch.length > 0 && bytes > maxBytes) break;
    batch.push(mutation);
  }
  return batch;
}
