import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ListState } from '../lib/list-params';
import { LIST_PAGE_SIZE } from '../lib/paths';
import type { ListPage } from '../lib/tenant-list';
import { Button } from './button';
import { Pager } from './pager';
import { SearchBox } from './search-box';
import { EmptyState, ErrorState, Loading } from './status';

export interface PagedListProps<T> {
  /** Plural, lower case: "members". */
  plural: string;
  /** What the search box looks in, for its placeholder: "name, path or host"; none: a list the API does not search. */
  searchHint?: string;
  list: ListState;
  page: UseQueryResult<ListPage<T>>;
  /** The empty state of a list with nothing in it yet (not narrowed by a search). */
  empty: ReactNode;
  /** Filter controls beside the search box. */
  filters?: ReactNode;
  /** The page's rows as a table. */
  table: (rows: T[]) => ReactNode;
}

/**
 * One page of a list the API searches and counts: the search box (and filters) above, loading / error / empty
 * states, the rows in a table whose header stays in view while it scrolls, and the count with Previous / Next below.
 */
export function PagedList<T>({ plural, searchHint, list, page, empty, filters, table }: PagedListProps<T>) {
  const narrowed = list.params.q !== '' || Object.values(list.params.filters).some((v) => v !== '');
  const rows = page.data?.data ?? [];
  let body: ReactNode;
  if (page.isPending) body = <Loading label={`Loading ${plural}…`} />;
  else if (!page.data) body = <ErrorState error={page.error} onRetry={() => void page.refetch()} />;
  else if (rows.length === 0 && !narrowed && list.pageIndex === 0) body = empty;
  else if (rows.length === 0) {
    body = (
      <EmptyState title={`No ${plural} match`}>
        <Button size="sm" onClick={list.clear}>
          Clear search and filters
        </Button>
      </EmptyState>
    );
  } else {
    body = <div className="list-scroll">{table(rows)}</div>;
  }
  return (
    <>
      {searchHint === undefined && !filters ? null : (
        <div className="list-toolbar" role="search">
          {searchHint === undefined ? null : <SearchBox label={`Search ${plural}`} value={list.params.q} onSearch={list.setQ} placeholder={`Search by ${searchHint}`} />}
          {filters}
        </div>
      )}
      {body}
      {page.data && rows.length > 0 ? (
        <Pager
          pageIndex={list.pageIndex}
          pageSize={LIST_PAGE_SIZE}
          shown={rows.length}
          total={page.data.total}
          next={page.data.next}
          busy={page.isPlaceholderData}
          onNext={list.next}
          onPrevious={list.previous}
        />
      ) : null}
    </>
  );
}
