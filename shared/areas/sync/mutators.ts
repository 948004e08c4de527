/**
 * What takes the place of a change to a ticket the person undid while it was still held in the
 * outbox (the undo window, docs/architecture.md). The server expects every console's mutation ids
 * without a gap, so the withdrawn entry keeps its id and is sent as this: it names the ticket the
 * change was about and nothing of what it said, and changes nothing on either side.
 */
import { z } from 'zod';
import { Id } from '../../domain/records.ts';
import { define } from '../../sync/define-mutator.ts';

export const WITHDRAWN_MUTATION = 'change.withdrawn';

export const syncMutators = {
  [WITHDRAWN_MUTATION]: define({
    args: z.object({ ticketId: Id }).strict(),
    subject: { entity: 'ticket', id: (a) => a.ticketId },
    applyMine: 'never-conflicts',
    apply: () => {},
  }),
} as const;
