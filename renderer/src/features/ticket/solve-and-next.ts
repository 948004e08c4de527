/**
 * S on a ticket: submit it as solved and open the next ticket of the queue the person came from
 * (the inbox remembers it), as Zendesk's "submit as solved and next" does. The queue is read before
 * solving, because a solved ticket usually leaves the queue and its place in it with it. The
 * solve is held for the person's undo window (ui/undo.ts): `solved` is its receipt, null when the
 * ticket was solved already.
 */
import type { Api } from '../../../../shared/contract/api.ts';
import type { Ticket } from '../../../../shared/domain/records.ts';
import { runMutation } from '../../api/mutations.ts';
import type { QueueRoute } from '../inbox/routes.ts';

/** How far down the queue to look for the ticket shown. */
const QUEUE_WINDOW = 200;

type Receipt = Awaited<ReturnType<typeof runMutation>>;

export type SolveOutcome =
  { kind: 'next'; ticketId: string; solved: Receipt | null } | { kind: 'queue_empty'; solved: Receipt | null } | { kind: 'conflict' };

export async function solveAndNext(api: Api, ticket: Ticket, queue: QueueRoute): Promise<SolveOutcome> {
  const page = await api.tickets.list({
    ...(queue.name === 'inbox' ? { view: queue.view } : { savedViewId: queue.id }),
    limit: QUEUE_WINDOW,
  });
  const rows = page.rows;
  const at = rows.findIndex((row) => row.id === ticket.id);
  // After the ticket shown if it is in the queue, else the queue's first; never the ticket itself.
  const next = [...rows.slice(at + 1), ...rows.slice(0, Math.max(at, 0))].find((row) => row.id !== ticket.id);
  let solved: Receipt | null = null;
  if (ticket.status !== 'solved') {
    solved = await runMutation(api, 'ticket.setStatus', { id: ticket.id, status: 'solved', base: ticket.status }, { undoable: true });
    if (solved.outcome === 'conflict') return { kind: 'conflict' };
  }
  return next ? { kind: 'next', ticketId: next.id, solved } : { kind: 'queue_empty', solved };
}
