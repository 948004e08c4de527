/** The session area's channels: signing in to a server and out. */
import { z } from 'zod';
import { User } from '../../domain/records.ts';
import { Empty, type ChannelMap } from '../../contract/building-blocks.ts';
import { Text } from '../../domain/text.ts';

export const SessionState = z.object({
  status: z.enum(['signed_out', 'signed_in']),
  /** The signed-in person (from the local cache), null when signed out. */
  user: User.nullable(),
  /** The server this console syncs with; null for a purely local console. */
  serverUrl: Text.nullable(),
  /** Prefills the sign-in form after a sign-out. */
  rememberedServerUrl: Text.nullable(),
  rememberedEmail: Text.nullable(),
});
export type SessionState = z.infer<typeof SessionState>;

export const sessionChannels = {
  'session.get': { input: Empty, output: SessionState },
  /** Signs in to a server; the first sign-in of this console bootstraps the cache from it. */
  'session.signIn': {
    input: z
      .object({
        serverUrl: z.url({ protocol: /^https?$/ }).max(500),
        email: Text.trim().min(1).max(254),
        password: Text.min(1).max(1024),
      })
      .strict(),
    output: SessionState,
  },
  /** Signs out; with `wipe`, also removes the local cache (pending changes not yet sent are lost, so the UI asks first). */
  'session.signOut': { input: z.object({ wipe: z.boolean() }).strict(), output: SessionState },
} as const satisfies ChannelMap;
