/** The tasks area's channels: the signed-in person's tasks (mutations go through `mutations.run`). */
import { z } from 'zod';
import { Task, Timestamp } from '../../domain/records.ts';
import { Limit, type ChannelMap } from '../../contract/building-blocks.ts';
import { Text } from '../../domain/text.ts';

/** A task with the names of what it is about, as "My tasks" lists it. */
export const TaskRow = Task.extend({
  accountName: Text.nullable(),
  contactName: Text.nullable(),
  ticketNumber: z.number().int().nullable(),
  ticketSubject: Text.nullable(),
});
export type TaskRow = z.infer<typeof TaskRow>;

export const tasksChannels = {
  /**
   * The person's open tasks, soonest due first, and those they completed at or after
   * `completedSince` (so a task just checked off stays in sight, struck through). `truncated`:
   * more open tasks than `limit`.
   */
  'tasks.mine': {
    input: z.object({ completedSince: Timestamp.nullable().default(null), limit: Limit(2000, 500) }).strict(),
    output: z.object({ tasks: z.array(TaskRow), truncated: z.boolean() }),
  },
} as const satisfies ChannelMap;
