/**
 * The session area's channels: signing in to a server and out. Without a sync client (local mode:
 * tests, benchmarks, a console started with --local) the console is signed in as the cache's own
 * person and there is no server to sign in to.
 */
import type { sessionChannels } from '../../../../shared/areas/session/channels.ts';
import type { SessionState } from '../../../../shared/contract/channels.ts';
import type { AreaHandlers } from '../../../../shared/contract/dispatch.ts';
import { AppError } from '../../../../shared/contract/errors.ts';
import type { HandlerContext } from '../handler-context.ts';

export function createSessionHandlers({ local, client, started, emit, wipe }: HandlerContext): AreaHandlers<typeof sessionChannels> {
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
  };
}
