/**
 * Which of the queued mutations go in the next push: the caller reads at most as many as the
 * server takes (sync-client.ts), and this keeps no more bytes than fit well inside the server's
 * request limit: a few hundred long replies (each up to 100,000 characters, 300 KB in Chinese)
 * would make a body the server refuses every time, and a console whose push is refused never
 * pushes or pulls again. The first mutation always goes: no single mutation's arguments come near
 * the limit (their schemas bound every text).
 */
import { REQUEST_BODY_LIMIT_BYTES, type Mutation } from '../../../shared/sync/protocol.ts';

/** The mutations' share of a push body: the rest of the limit is headroom for the envelope. */
export const PUSH_MUTATION_BYTES = Math.floor(REQUEST_BODY_LIMIT_BYTES * 0.75);

/** The longest prefix of `queued` (in order: ids stay consecutive) within `maxBytes`, never empty when `queued` is not. */
export function pushBatch(queued: readonly Mutation[], maxBytes = PUSH_MUTATION_BYTES): Mutation[] {
  const batch: Mutation[] = [];
  let bytes = 0;
  for (const mutation of queued) {
    // Each mutation as it is sent, and the comma between two.
    bytes += Buffer.byteLength(JSON.stringify(mutation)) + 1;
    if (batch.length > 0 && bytes > maxBytes) break;
    batch.push(mutation);
  }
  return batch;
}
