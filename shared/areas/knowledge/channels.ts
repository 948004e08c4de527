/** The knowledge area's channels: the knowledge base's articles. */
import { z } from 'zod';
import { KbArticle } from '../../domain/records.ts';
import { ById, Cursor, Limit, Query, Page, type ChannelMap } from '../../contract/building-blocks.ts';
import { Text } from '../../domain/text.ts';

export const knowledgeChannels = {
  'articles.list': {
    input: z.object({ query: Query.default(''), cursor: Cursor, limit: Limit(200, 50) }).strict(),
    output: Page(KbArticle.omit({ body: true }).extend({ excerpt: Text })),
  },
  'articles.get': { input: ById, output: KbArticle },
} as const satisfies ChannelMap;
