import { lazyPart } from '../../ui/lazy-part.tsx';
import type { Feature } from '../../shell/feature.ts';
import { onePage } from '../../shell/route-ids.ts';
import { TasksNav } from './TasksNav.tsx';

const MyTasks = lazyPart(() => import('./MyTasks.tsx').then((m) => m.MyTasks));

/** `#/tasks`: My tasks, in the sidebar for account managers and anyone who has a task. */
export const tasksFeature: Feature<{ name: 'tasks' }> = {
  section: 'tasks',
  routes: [{ segment: 'tasks', names: ['tasks'], parse: onePage({ name: 'tasks' }), format: () => '#/tasks', render: () => <MyTasks /> }],
  nav: { order: 25, Item: TasksNav },
};
