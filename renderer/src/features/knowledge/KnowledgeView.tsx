/** Knowledge-base articles: a searchable list and a reader. */
import { useCallback, useState } from 'react';
import { usePagedList, type FetchPage } from '../../api/use-paged-list.ts';
import { useQuery } from '../../api/use-query.ts';
import type { Api } from '../../../../shared/contract/api.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { navigate } from '../../shell/router.ts';
import { NotReady } from '../../ui/DataState.tsx';
import { ListPage } from '../../ui/ListPage.tsx';
import { Tags } from '../../ui/Chips.tsx';
import { useNow } from '../../ui/time.tsx';
import { useDebounced } from '../../ui/use-debounced.ts';

type ArticleRow = Awaited<ReturnType<Api['articles']['list']>>['rows'][number];

export function KnowledgeView() {
  const { t, f } = useI18n();
  const now = useNow();
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(0);
  const settled = useDebounced(query.trim(), 200);
  const fetchPage = useCallback<FetchPage<ArticleRow>>(
    (api, cursor) => api.articles.list({ query: settled, cursor, limit: 100 }),
    [settled],
  );
  const list = usePagedList(settled, fetchPage, ['article']);
  const open = (index: number) => {
    const row = list.rowAt(index);
    if (row) navigate({ name: 'article', id: row.id });
  };

  return (
    <ListPage
      titleId="knowledge-title"
      title={t('knowledge.title')}
      search={{ label: t('knowledge.searchLabel'), placeholder: t('knowledge.searchPlaceholder'), value: query, onChange: setQuery }}
      list={list}
      empty={t('knowledge.empty')}
      label={t('knowledge.listLabel')}
      idPrefix="article"
      rowHeight={72}
      rowKey={(row) => row.id}
      placeholder={t('state.loading')}
      selected={selected}
      onSelect={setSelected}
      onOpen={open}
      renderRow={(row) => (
        <div className="article-row">
          <span className="article-row-title">
            {row.title}
            {row.status === 'draft' && <span className="chip chip-draft">{t('knowledge.draft')}</span>}
          </span>
          <span className="article-row-excerpt">{row.excerpt}</span>
          <span className="article-row-meta muted">{t('knowledge.updated', { time: f.relative(row.updatedAt, now) })}</span>
        </div>
      )}
    />
  );
}

export function ArticleReader({ id }: { id: string }) {
  const { t, f } = useI18n();
  const now = useNow();
  const query = useQuery(`article:${id}`, (api) => api.articles.get({ id }), ['article']);
  const back = (
    <a className="back-link" href="#/knowledge">
      ← {t('knowledge.back')}
    </a>
  );
  if (query.status !== 'ready') return <NotReady back={back} state={query} />;
  const article = query.data;
  // Bodies are plain text: paragraphs split on blank lines, rendered as text, never as HTML.
  const paragraphs = article.body.split(/\n\s*\n/).filter((p) => p.trim());
  return (
    <article className="page reader" aria-labelledby="article-title" lang={article.locale}>
      {back}
      <header className="page-header">
        <h1 id="article-title">{article.title}</h1>
        <span className="muted">{t('knowledge.updated', { time: f.relative(article.updatedAt, now) })}</span>
        {article.status === 'draft' && <span className="chip chip-draft">{t('knowledge.draft')}</span>}
      </header>
      <Tags tags={article.tags} />
      <div className="prose">
        {paragraphs.map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>
    </article>
  );
}
