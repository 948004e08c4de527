import { lazyPart } from '../../ui/lazy-part.tsx';
import type { Feature } from '../../shell/feature.ts';
import { onePage } from '../../shell/route-ids.ts';

const BoardView = lazyPart(() => import('./BoardView.tsx').then((m) => m.BoardView));

export const boardFeature: Feature<{ name: 'board' }> = {
  section: 'board',
  routes: [
    {
      segment: 'board',
      names: ['board'],
      parse: onePage({ name: 'board' }),
      format: () => '#/board',
      render: () => <BoardView />,
    },
  ],
  nav: { order: 25, label: 'nav.board', to: { name: 'board' }, placement: 'main', roles: ['supervisor', 'admin'] },
};
