import type { Feature } from '../../shell/feature.ts';
import { onePage } from '../../shell/route-ids.ts';
import { BoardView } from './BoardView.tsx';

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
