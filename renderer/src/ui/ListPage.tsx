/**
 * A full-page list screen (accounts, knowledge): the title, a search box and any filters in the
 * header, then the paged list with its loading, error and empty states (PagedListbox).
 */
import type { ComponentProps, ReactNode } from 'react';
import { PagedListbox } from './PagedListbox.tsx';

type Search = { label: string; placeholder: string; value: string; onChange: (value: string) => void };

export function ListPage<Row>({
  titleId,
  title,
  search,
  filters,
  ...list
}: ComponentProps<typeof PagedListbox<Row>> & { titleId: string; title: string; search: Search; filters?: ReactNode }) {
  return (
    <section className="list-page" aria-labelledby={titleId}>
      <header className="view-header">
        <h1 id={titleId}>{title}</h1>
        <span className="view-header-spacer" />
        <label className="field-inline">
          <span className="visually-hidden">{search.label}</span>
          <input type="search" value={search.value} placeholder={search.placeholder} onChange={(e) => search.onChange(e.target.value)} />
        </label>
        {filters}
      </header>
      <PagedListbox {...list} />
    </section>
  );
}
