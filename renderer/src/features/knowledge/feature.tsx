import { lazyPart } from '../../ui/lazy-part.tsx';
import type { Feature } from '../../shell/feature.ts';
import { isRecordId } from '../../shell/route-ids.ts';

const KnowledgeView = lazyPart(() => import('./KnowledgeView.tsx').then((m) => m.KnowledgeView));
const ArticleReader = lazyPart(() => import('./KnowledgeView.tsx').then((m) => m.ArticleReader));

type KnowledgeRoute = { name: 'knowledge' } | { name: 'article'; id: string };

/** `#/knowledge` and `#/knowledge/<id>`; an id that is not one shows the list. */
export const knowledgeFeature: Feature<KnowledgeRoute> = {
  section: 'knowledge',
  routes: [
    {
      segment: 'knowledge',
      names: ['knowledge', 'article'],
      parse: ([id, extra]) => {
        if (extra !== undefined) return undefined;
        return isRecordId(id) ? { name: 'article', id } : { name: 'knowledge' };
      },
      format: (route) => (route.name === 'article' ? `#/knowledge/${route.id}` : '#/knowledge'),
      render: (route) => (route.name === 'article' ? <ArticleReader key={route.id} id={route.id} /> : <KnowledgeView />),
    },
  ],
  nav: { order: 40, label: 'nav.knowledge', to: { name: 'knowledge' }, placement: 'main' },
};
