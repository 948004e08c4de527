/** The tasks area's channels: the signed-in person's tasks. */
import type { tasksChannels } from '../../../../shared/areas/tasks/channels.ts';
import type { AreaHandlers } from '../../../../shared/contract/dispatch.ts';
import type { HandlerContext } from '../handler-context.ts';

export function createTasksHandlers({ repos }: HandlerContext): AreaHandlers<typeof tasksChannels> {
  return {
    'tasks.mine': ({ completedSince, limit }) => repos.tasks.mine(completedSince, limit),
  };
}
