import { lazyPart } from '../../ui/lazy-part.tsx';
import type { Feature } from '../../shell/feature.ts';
import { onePage } from '../../shell/route-ids.ts';

const MySchedule = lazyPart(() => import('./MySchedule.tsx').then((m) => m.MySchedule));
const RosterView = lazyPart(() => import('./RosterView.tsx').then((m) => m.RosterView));

export const rosterFeature: Feature<{ name: 'roster' }> = {
  section: 'roster',
  routes: [
    {
      segment: 'roster',
      names: ['roster'],
      parse: onePage({ name: 'roster' }),
      format: () => '#/roster',
      render: () => <RosterView now={Date.now} />,
    },
  ],
  nav: { order: 35, label: 'roster.nav', to: { name: 'roster' }, placement: 'main' },
};

/** Everyone's own shifts: any member of a team can be given shifts, whatever their role. */
export const myScheduleFeature: Feature<{ name: 'mySchedule' }> = {
  section: 'mySchedule',
  routes: [
    {
      segment: 'my-schedule',
      names: ['mySchedule'],
      parse: onePage({ name: 'mySchedule' }),
      format: () => '#/my-schedule',
      render: () => <MySchedule now={Date.now} />,
    },
  ],
  nav: { order: 34, label: 'mySchedule.nav', to: { name: 'mySchedule' }, placement: 'main' },
};
