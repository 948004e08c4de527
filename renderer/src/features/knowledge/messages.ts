/**
 * The knowledge base.
 * English and Simplified Chinese side by side, key for key (the compiler checks both).
 */
import type { Messages } from '../../i18n/messages.ts';

export const en = {
  'knowledge.title': 'Knowledge base',
  'knowledge.searchLabel': 'Search articles',
  'knowledge.searchPlaceholder': 'Search articles',
  'knowledge.listLabel': 'Articles',
  'knowledge.empty': 'No articles match.',
  'knowledge.draft': 'Draft',
  'knowledge.back': 'All articles',
  'knowledge.updated': 'Updated {time}',
};

export const zhCN: Messages<typeof en> = {
  'knowledge.title': '知识库',
  'knowledge.searchLabel': '搜索文章',
  'knowledge.searchPlaceholder': '搜索文章',
  'knowledge.listLabel': '文章',
  'knowledge.empty': '没有匹配的文章。',
  'knowledge.draft': '草稿',
  'knowledge.back': '全部文章',
  'knowledge.updated': '更新于{time}',
};
