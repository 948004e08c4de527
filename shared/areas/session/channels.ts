/** The session area's channels: signing in to a server and out. */
import { z } from 'zod';
import { User } from '../../domain/records.ts';
import { Empty, type ChannelMap } from '../../contract/building-blocks.ts';
import { Text } from '../../domain/text.ts';

/** Whose data this device's cache holds (it outlives sign-out; only a wipe ends it). */
export const DeviceHolder = z.object({
  name: Text.nullable(),
  email: Text.nullable(),
  serverUrl: Text.nullable(),
  /** Changes made on this device that the server has not confirmed: a wipe loses them. */
  unsentChanges: z.number().int().min(0),
});
export type DeviceHolder = z.infer<typeof DeviceHolder>;

/** A wipe is allowed to lose this many unsent changes (what the person was shown); more are refused with UNSENT_CHANGES. */
const DiscardUnsent = z.number().int().min(0);

export const SessionState = z.object({
  status: z.enum(['signed_out', 'signed_in']),
  /** The signed-in person (from the local cache), null when signed out. */
  user: User.nullable(),
  /** The server this console syncs with; null for a purely local console. */
  serverUrl: Text.nullable(),
  /** Prefills the sign-in form after a sign-out. */
  rememberedServerUrl: Text.nullable(),
  rememberedEmail: Text.nullable(),
  /** Null when the cache holds nothing (a new or wiped device, or a console without a server). */
  deviceHolder: DeviceHolder.nullable(),
});
export type SessionState = z.infer<typeof SessionState>;

export const sessionChannels = {
  'session.get': { input: Empty, output: SessionState },
  /**
   * Signs in to a server; the first sign-in of this console bootstraps the cache from it. A cache
   * holding another person's (or server's) data refuses with OTHER_PERSON_ON_DEVICE; with
   * `replaceDeviceData` it is wiped first (see `session.signOut` for `discardUnsent`).
   */
  'session.signIn': {
    input: z
      .object({
        serverUrl: z.url({ protocol: /^https?$/ }).max(500),
        email: Text.trim().min(1).max(254),
        password: Text.min(1).max(1024),
        replaceDeviceData: z.object({ discardUnsent: DiscardUnsent }).strict().optional(),
      })
      .strict(),
    output: SessionState,
  },
  /**
   * Signs out; with `wipe`, also removes the local cache. Changes not yet sent are lost then, so a
   * wipe names how many the person agreed to lose (`discardUnsent`, 0 if omitted) and is refused
   * with UNSENT_CHANGES when there are more.
   */
  'session.signOut': {
    input: z.object({ wipe: z.boolean(), discardUnsent: DiscardUnsent.optional() }).strict(),
    output: SessionState,
  },
} as const satisfies ChannelMap;
