/**
 * The contract's session, sync and mutation channels. With a sync client they talk to the server;
 * without one (local mode: tests, benchmarks, a console started with --local) the console is
 * signed in as the cache's own person, and mutations apply locally and stay in the outbox.
 */
import type { Database } from 'better-sqlite3';
import type { SessionState, SyncStatus } from '../../../shared/contract/channels.ts';
import type { Handlers } from '../../../shared/contract/dispatch.ts';
import { AppError } from '../../../shared/contract/errors.ts';
import { reapplyMine } from '../../../shared/sync/mutators.ts';
import { emitTouched, type Emit } from './data-changed.ts';
import type { LocalSync } from './local-sync.ts';
import type { PresenceBook } from './presence.ts';
import type { Touched } from './sqlite-tx.ts';
import type { SyncClient } from './sync-client.ts';

export interface SyncHandlerContext {
  db: Database;
  local: LocalSync;
  /** Null in local mode. */
  client: SyncClient | null;
  presence: PresenceBook;
  /** Settles once the session kept from the last run is picked up. */
  started: Promise<void>;
  now: () => number;
  emit: Emit;
  /** Closes and deletes the database (and the session file), then opens an empty one. */
  wipe: () => Promise<{ session: () => SessionState }>;
}

export type SyncChannels =
  | 'session.get'
  | 'session.signIn'
  | 'session.signOut'
  | 'sync.status'
  | 'sync.now'
  | 'sync.issues'
  | 'sync.resolve'
  | 'mutations.run'
  | 'presence.set'
  | 'presence.get';

export function createSyncHandlers({
  db,
  local,
  client,
  presence,
  started,
  now,
  emit,
  wipe,
}: SyncHandlerContext): Pick<Handlers, SyncChannels> {
  const localStatus = (): SyncStatus => ({
    connection: 'local',
    pendingMutations: local.pendingCount(),
    openIssues: local.issueCount(),
    lastSyncedAt: null,
    lastError: null,
  });
  const status = () => client?.status() ?? localStatus();

  const localSession = (): SessionState => {
    const { userId } = local.identity();
    return {
      status: 'signed_in',
      user: userId ? local.store.get('user', userId) : null,
      serverUrl: null,
      rememberedServerUrl: null,
      rememberedEmail: null,
    };
  };
  const session = () => client?.sessionState() ?? localSession();

  function statusChanged(): void {
    if (client) client.issuesChanged();
    else emit('sync.changed', localStatus());
  }

  function run(name: string, args: unknown) {
    const touched: Touched = new Map();
    const receipt = local.run(name, args, now(), touched);
    emitTouched(emit, touched);
    if (client) client.mutated();
    else statusChanged();
    return receipt;
  }

  return {
    'session.get': async () => {
      await started;
      return session();
    },

    'session.signIn': async (input) => {
      await started;
      if (!client) throw new AppError('FORBIDDEN', 'this console runs without a server (local mode)');
      return client.signIn(input);
    },

    'session.signOut': async ({ wipe: wipeDevice }) => {
      await started;
      await client?.signOut();
      if (wipeDevice) return (await wipe()).session();
      const state = session();
      emit('session.changed', state);
      return state;
    },

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

    'mutations.run': ({ name, args }) => run(name, args),

    // Without a server (local mode) there is nobody to tell; the call still succeeds.
    'presence.set': ({ ticketId, typing }) => {
      client?.setPresence(ticketId, typing);
      return {};
    },
    /** Live viewers while connected; offline (or local), who was last seen there. */
    'presence.get': ({ ticketId }) => ({ viewers: presence.viewers(ticketId) }),
  };
}
