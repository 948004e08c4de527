/**
 * A paged list as every list page shows it: loading, an error (with retry), the empty state, or
 * the virtualized listbox over the rows known so far — and, under a list that is showing rows, the
 * error of a page that failed to arrive.
 */
import type { ReactNode } from 'react';
import type { PagedList } from '../api/use-paged-list.ts';
import { Empty, ErrorState, Loading } from './DataState.tsx';
import { VirtualListbox, type VirtualListboxProps } from './VirtualListbox.tsx';

type ListboxProps<Row> = Omit<VirtualListboxProps<Row>, 'count' | 'hasMore' | 'rowAt' | 'onRange'>;

export function PagedListbox<Row>({ list, empty, ...listbox }: ListboxProps<Row> & { list: PagedList<Row>; empty: ReactNode }) {
  if (list.status === 'loading') return <Loading />;
  if (list.count === 0 && list.error) return <ErrorState error={list.error} onRetry={list.retry} />;
  if (list.count === 0) return list.hasMore ? <Loading /> : <Empty>{empty}</Empty>;
  return (
    <>
      <VirtualListbox
        {...listbox}
        selected={Math.min(listbox.selected, list.count - 1)}
        count={list.count}
        hasMore={list.hasMore}
        rowAt={list.rowAt}
        onRange={list.showRange}
      />
      {list.error && <ErrorState error={list.error} onRetry={list.retry} />}
    </>
  );
}
