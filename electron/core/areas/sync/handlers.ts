/**
 * The sync area's channels: where the console stands with the server, the sync issues the person
 * resolves, every change a person makes (mutations.run) and presence. Without a sync client (local
 * mode) mutations apply locally and stay in the outbox.
 */
import type { syncChannels } from '../../../../shared/areas/sync/channels.ts';
import type { SyncStatus } from '../../../../shared/contract/channels.ts';
import type { AreaHandlers } from '../../../../shared/contract/dispatch.ts';
import { AppError } from '../../../../shared/contract/errors.ts';
import { reapplyMine, subjectOf } from '../../../../shared/sync/mutators.ts';
import { emitTouched } from '../../sync/data-changed.ts';
import type { OnConflict } from '../../sync/local-sync.ts';
import type { Touched } from '../../sync/sqlite-tx.ts';
import type { HandlerContext } from '../handler-context.ts';

export function createSyncHandlers({
  db,
  repos,
  local,
  client,
  presence,
  started,
  now,
  emit,
}: HandlerContext): AreaHandlers<typeof syncChannels> {
  const localStatus = (): SyncStatus => ({
    connection: 'local',
    pendingMutations: local.pendingCount(),
    openIssues: local.issueCount(),
    lastSyncedAt: null,
    lastError: null,
  });
  const status = () => client?.status() ?? localStatus();

  function statusChanged(): void {
    if (client) client.issuesChanged();
    else emit('sync.changed', localStatus());
  }

  function run(name: string, args: unknown, onConflict?: OnConflict, undoable = false) {
    const undoMs = undoable ? holdFor(name, args) : 0;
    const touched: Touched = new Map();
    const receipt = local.run(name, args, now(), touched, onConflict, undoMs);
    emitTouched(emit, touched);
    if (client) client.mutated();
    else statusChanged();
    return { ...receipt, undoMs: receipt.mutationId === null ? 0 : undoMs };
  }

  /** The person's undo window for a change to a ticket (a withdrawn change names its ticket). */
  function holdFor(name: string, args: unknown): number {
    if (subjectOf(name, args)?.entity !== 'ticket') {
      const message = `${name} is not a change to a ticket: it cannot be held for undo`;
      throw new AppError('VALIDATION', message, [{ path: 'undoable', message }]);
    }
    return repos.settings.get().undoSeconds * 1000;
  }

  return {
    'sync.status': () => status(),
    'sync.now': async () => {
      await started;
      return client ? client.syncNow() : localStatus();
    },

    'sync.issues': () => ({ issues: local.issues() }),

    'sync.resolve': ({ id, choice }) => {
      const issue = local.issue(id);
      if (!issue) throw new AppError('NOT_FOUND', 'that sync issue is already resolved');
      if (issue.kind === 'rejection' && choice !== 'dismiss') throw new AppError('VALIDATION', 'a rejected change can only be dismissed');
      if (issue.kind === 'conflict' && choice === 'apply_mine') {
        const again = reapplyMine(issue.mutation_name, issue.parsedArgs, issue.details);
        db.transaction(() => {
          run(again.name, again.args);
          local.closeIssue(id);
        })();
      } else {
        local.closeIssue(id);
        statusChanged();
      }
      emit('data.changed', { entity: 'sync_issue', ids: [id] });
      return { issues: local.issues() };
    },

    'mutations.run': ({ name, args, onConflict, undoable }) => run(name, args, onConflict, undoable),
    'mutations.undo': ({ mutationId }) => {
      const touched: Touched = new Map();
      local.withdraw(mutationId, now(), touched);
      emitTouched(emit, touched);
      if (client) client.mutated();
      else statusChanged();
      return {};
    },

    // Without a server (local mode) there is nobody to tell; the call still succeeds.
    'presence.set': ({ ticketId, typing }) => {
      client?.setPresence(ticketId, typing);
      return {};
    },
    /** Live viewers while connected; offline (or local), who was last seen there. */
    'presence.get': ({ ticketId }) => ({ viewers: presence.viewers(ticketId) }),
  };
}
