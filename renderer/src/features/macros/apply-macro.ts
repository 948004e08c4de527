/**
 * A macro applied to a ticket, as mutations and a composer insert. Each field goes through the
 * mutator that owns it (ticket.assign, ticket.update, ticket.tags, ticket.setStatus), so a macro
 * changes a ticket exactly as the agent doing the same by hand would, conflicts included.
 *
 * One exception, as in the help desks agents know: when a macro writes a public reply and sets a
 * status the reply can be submitted as, the status becomes the composer's "submit as" instead of
 * changing now. The ticket then is not marked solved (or pending) before the customer has the
 * answer, and if the agent discards the reply, nothing was solved behind their back.
 */
import { SubmitAs } from '../../../../shared/areas/tickets/channels.ts';
import type { MacroChange } from '../../../../shared/domain/macros.ts';
import type { Macro, Ticket } from '../../../../shared/domain/records.ts';
import type { MutatorArgs, MutatorName } from '../../../../shared/sync/mutators.ts';
import type { ComposerInsert } from './composer-insert.ts';

export type MacroMutation = { [N in MutatorName]: { name: N; args: MutatorArgs<N> } }[MutatorName];

export interface MacroPlan {
  mutations: MacroMutation[];
  insert: ComposerInsert | null;
  /** The status that waits for the reply to be sent (see above), if any. */
  statusOnSend: SubmitAs | null;
}

export function planMacro(macro: Pick<Macro, 'replyKind'>, ticket: Ticket, changes: readonly MacroChange[], text: string): MacroPlan {
  const applicable = changes.filter((c) => c.problem === null);
  const find = <F extends MacroChange['field']>(field: F) =>
    applicable.find((c): c is Extract<MacroChange, { field: F }> => c.field === field);
  const mutations: MacroMutation[] = [];

  const team = find('team');
  const assignee = find('assignee');
  if (team || assignee)
    mutations.push({
      name: 'ticket.assign',
      args: {
        id: ticket.id,
        assigneeId: assignee ? assignee.to : ticket.assigneeId,
        teamId: team ? team.to : ticket.teamId,
        base: { assigneeId: ticket.assigneeId, teamId: ticket.teamId },
      },
    });

  const priority = find('priority');
  const type = find('type');
  if (priority || type)
    mutations.push({
      name: 'ticket.update',
      args: { id: ticket.id, ...(priority ? { priority: priority.to } : {}), ...(type ? { type: type.to } : {}) },
    });

  const tags = find('tags');
  if (tags) mutations.push({ name: 'ticket.tags', args: { id: ticket.id, add: tags.added, remove: tags.removed } });

  const hasText = text.trim() !== '';
  const status = find('status');
  const onSend = status && macro.replyKind === 'reply' && hasText ? (SubmitAs.safeParse(status.to).data ?? null) : null;
  if (status && !onSend) mutations.push({ name: 'ticket.setStatus', args: { id: ticket.id, status: status.to, base: ticket.status } });

  return {
    mutations,
    insert: hasText ? { ticketId: ticket.id, mode: macro.replyKind, text, submitAs: onSend } : null,
    statusOnSend: onSend,
  };
}
