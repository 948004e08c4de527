/** The macros area's channels. */
import { z } from 'zod';
import { Macro } from '../../domain/records.ts';
import { ById, type ChannelMap } from '../../contract/building-blocks.ts';

export const macrosChannels = {
  /** The macros the person may apply: shared ones and their own, by title; `includeInactive` adds deactivated ones (for managing them). */
  'macros.list': {
    input: z.object({ includeInactive: z.boolean().default(false) }).strict(),
    output: z.object({ macros: z.array(Macro) }),
  },
  /** One macro the person may see (someone else's private macro is NOT_FOUND). */
  'macros.get': { input: ById, output: Macro },
} as const satisfies ChannelMap;
