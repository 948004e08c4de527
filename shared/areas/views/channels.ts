/** The views area's channels: saved views and the ticket counts of every queue. */
import { z } from 'zod';
import { Id, SavedView } from '../../domain/records.ts';
import { BuiltinView } from '../../domain/views.ts';
import { Empty, type ChannelMap } from '../../contract/building-blocks.ts';

/** How many tickets a queue holds; past `count` when `capped` (the sidebar shows "999+"). */
export const ViewCount = z.object({ count: z.number().int().nonnegative(), capped: z.boolean() });
export type ViewCount = z.infer<typeof ViewCount>;

export const viewsChannels = {
  /** The saved views this person may open: their own, then the shared ones. */
  'views.list': { input: Empty, output: z.object({ views: z.array(SavedView) }) },
  /** Ticket counts of every built-in queue and of each saved view views.list returns, kept current on write. */
  'views.counts': {
    input: Empty,
    output: z.object({ builtin: z.record(BuiltinView, ViewCount), saved: z.record(Id, ViewCount) }),
  },
} as const satisfies ChannelMap;
