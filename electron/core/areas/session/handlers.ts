/**
 * The session area's channels: signing in to a server and out. Without a sync client (local mode:
 * tests, benchmarks, a console started with --local) the console is signed in as the cache's own
 * person and there is no server to sign in to.
 *
 * A device's cache belongs to one person on one server until it is wiped. Signing in as someone
 * else is refused with OTHER_PERSON_ON_DEVICE (the session state names whose data it is); the
 * person may then wipe it and sign in at once. A wipe never loses unsent changes silently: it
 * names how many it may lose, and more than that is refused with UNSENT_CHANGES.
 */
import type { sessionChannels } from '../../../../shared/areas/session/channels.ts';
import type { SessionState } from '../../../../shared/contract/channels.ts';
import type { AreaHandlers } from '../../../../shared/contract/dispatch.ts';
import { AppError } from '../../../../shared/contract/errors.ts';
import type { LocalSync } from '../../sync/local-sync.ts';
import type { HandlerContext } from '../handler-context.ts';

function assertMayDiscard(local: LocalSync, discardUnsent: number): void {
  const unsent = local.pendingCount();
  if (unsent > discardUnsent)
    throw new AppError(
      'UNSENT_CHANGES',
      `${unsent} changes on this device have not reached the server and a wipe would lose them; ${discardUnsent} were agreed to`,
    );
}

export function createSessionHandlers({ local, client, started, emit, wipe }: HandlerContext): AreaHandlers<typeof sessionChannels> {
  const localSession = (): SessionState => {
    const { userId } = local.identity();
    return {
      status: 'signed_in',
      user: userId ? local.store.get('user', userId) : null,
      serverUrl: null,
      rememberedServerUrl: null,
      rememberedEmail: null,
      deviceHolder: null,
    };
  };
  const session = () => client?.sessionState() ?? localSession();

  return {
    'session.get': async () => {
      await started;
      return session();
    },

    'session.signIn': async ({ replaceDeviceData, ...credentials }) => {
      await started;
      if (!client) throw new AppError('FORBIDDEN', 'this console runs without a server (local mode)');
      if (!replaceDeviceData) return client.signIn(credentials);
      assertMayDiscard(local, replaceDeviceData.discardUnsent);
      await client.signOut();
      const result = await (await wipe()).dispatch('session.signIn', credentials);
      if (!result.ok) throw AppError.fromPayload(result.error);
      return result.value as SessionState;
    },

    'session.signOut': async ({ wipe: wipeDevice, discardUnsent = 0 }) => {
      await started;
      if (wipeDevice) assertMayDiscard(local, discardUnsent);
      await client?.signOut();
      if (wipeDevice) return (await wipe()).session();
      const state = session();
      emit('session.changed', state);
      return state;
    },
  };
}
