/**
 * Bulk actions on ticked tickets: one mutation per ticket through `mutations.run`, with the
 * existing mutators, so each ticket gets the same rules, conflicts and sync as a change made on
 * the ticket itself. They run one after another, awaiting each, so the page stays responsive and
 * the progress shows; a refusal is collected, not fatal: the rest still run. Every change is
 * `undoable`: Core holds the batch for the undo window, and the bar offers it back as one (ui/undo.ts).
 */
import type { Api } from '../../../../shared/contract/api.ts';
import type { TicketListRow } from '../../../../shared/contract/channels.ts';
import type { AppError } from '../../../../shared/contract/errors.ts';
import type { TicketPriority, TicketStatus } from '../../../../shared/domain/enums.ts';
import { runMutation } from '../../api/mutations.ts';
import { asAppError } from '../../api/use-query.ts';

export type BulkAction =
  | { kind: 'assign'; assigneeId: string | null }
  | { kind: 'status'; status: TicketStatus }
  | { kind: 'priority'; priority: TicketPriority }
  | { kind: 'tags'; add: string[]; remove: string[] };

export interface BulkProgress {
  total: number;
  done: number;
  applied: number;
  /** The person's change met someone else's (see the sync issues for both values). */
  conflicts: number;
  rejected: { row: TicketListRow; error: AppError }[];
}

function runOne(api: Api, action: BulkAction, row: TicketListRow) {
  const held = { undoable: true };
  switch (action.kind) {
    case 'assign':
      // The ticket stays in its team; the mutator refuses an agent who is not in it.
      return runMutation(
        api,
        'ticket.assign',
        {
          id: row.id,
          assigneeId: action.assigneeId,
          teamId: row.teamId,
          base: { assigneeId: row.assigneeId, teamId: row.teamId },
        },
        held,
      );
    case 'status':
      return runMutation(api, 'ticket.setStatus', { id: row.id, status: action.status, base: row.status }, held);
    case 'priority':
      return runMutation(api, 'ticket.update', { id: row.id, priority: action.priority }, held);
    case 'tags':
      return runMutation(api, 'ticket.tags', { id: row.id, add: action.add, remove: action.remove }, held);
  }
}

/** The receipts of the changes made, for `offerUndo`. */
export type BulkReceipt = Awaited<ReturnType<typeof runOne>>;

/**
 * Runs `action` on every row in order, reporting progress after each; never throws for one
 * ticket's refusal. Answers the final progress and the receipts of the changes that were made.
 */
export async function runBulk(
  api: Api,
  rows: readonly TicketListRow[],
  action: BulkAction,
  onProgress: (progress: BulkProgress) => void,
): Promise<{ progress: BulkProgress; receipts: BulkReceipt[] }> {
  const receipts: BulkReceipt[] = [];
  let progress: BulkProgress = { total: rows.length, done: 0, applied: 0, conflicts: 0, rejected: [] };
  onProgress(progress);
  for (const row of rows) {
    try {
      const receipt = await runOne(api, action, row);
      receipts.push(receipt);
      progress = {
        ...progress,
        applied: progress.applied + (receipt.outcome === 'applied' ? 1 : 0),
        conflicts: progress.conflicts + (receipt.outcome === 'conflict' ? 1 : 0),
      };
    } catch (err) {
      progress = { ...progress, rejected: [...progress.rejected, { row, error: asAppError(err) }] };
    }
    progress = { ...progress, done: progress.done + 1 };
    onProgress(progress);
  }
  return { progress, receipts };
}
