/** The knowledge area's channels: the knowledge base's articles. */
import type { knowledgeChannels } from '../../../../shared/areas/knowledge/channels.ts';
import type { AreaHandlers } from '../../../../shared/contract/dispatch.ts';
import type { HandlerContext } from '../handler-context.ts';

export function createKnowledgeHandlers({ repos }: HandlerContext): AreaHandlers<typeof knowledgeChannels> {
  return {
    'articles.list': (input) => repos.articles.list(input),
    'articles.get': ({ id }) => repos.articles.get(id),
  };
}
