/** The routing area's channels: the person's own presence, and the routing settings supervisors edit. */
import { z } from 'zod';
import type { ChannelMap } from '../../contract/building-blocks.ts';
import { Id, User } from '../../domain/records.ts';
import { Text } from '../../domain/text.ts';
import { AgentPresence, RoutingRuleRecord, ShiftTemplate } from '../../routing/records.ts';

export const routingChannels = {
  /** The signed-in person's presence; null before they ever set one (they count as offline). */
  'routing.myPresence': {
    input: z.object({}).strict(),
    output: z.object({ presence: AgentPresence.nullable() }),
  },
  /**
   * What the routing settings screen shows: each team's rule (absent: not routed), every active
   * person with their routing profile and presence, by name, and the shift templates by name.
   */
  'routing.settings': {
    input: z.object({}).strict(),
    output: z.object({
      teams: z.array(z.object({ id: Id, name: Text, rule: RoutingRuleRecord.nullable() })),
      agents: z.array(z.object({ user: User, presence: AgentPresence.nullable() })),
      templates: z.array(ShiftTemplate),
    }),
  },
} as const satisfies ChannelMap;
