import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useCanWriteConfig } from '../lib/write-access';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ListState } from '../lib/list-params';
import type { ListPage } from '../lib/tenant-list';
import { DeleteResourceDialog } from './delete-resource-dialog';
import { PageHeader } from './page-header';
import { PagedList } from './paged-list';
import type { ResourceListShellProps } from './resource-list-page';
import { EmptyState } from './status';

/** The shell's header, empty state, delete and table, with a page of the API's search instead of every page loaded. */
export interface SearchableListPageProps<T extends { id: string }>
  extends Pick<ResourceListShellProps<T>, 'title' | 'noun' | 'description' | 'newPath' | 'emptyHint' | 'nameOf' | 'table'>,
    Partial<Pick<ResourceListShellProps<T>, 'deleteWarning' | 'remove'>> {
  /** What the search box looks in, for its placeholder: "name, path or host". */
  searchHint: string;
  list: ListState;
  page: UseQueryResult<ListPage<T>>;
  /** Filter controls beside the search box. */
  filters?: ReactNode;
}

/**
 * A collection the API searches, filters, sorts and counts (to 10,000 rows and more): the search box and filters
 * above, one page of rows in a table whose header stays in view while it scrolls, the count and Previous / Next
 * below, and a confirmed delete.
 */
export function SearchableListPage<T extends { id: string }>(props: SearchableListPageProps<T>) {
  const { title, noun, description, newPath, emptyHint, deleteWarning, searchHint, list, page, remove, nameOf, filters, table } = props;
  const [pending, setPending] = useState<T | null>(null);
  const plural = title.toLowerCase();
  // a viewer sees the list, not controls that would be refused
  const canWrite = useCanWriteConfig();
  const newLink = canWrite ? (
    <Link to={newPath} className="btn btn-primary">
      New {noun}
    </Link>
  ) : null;

  return (
    <section>
      <PageHeader title={title} description={description} actions={newLink} />
      <PagedList
        plural={plural}
        searchHint={searchHint}
        list={list}
        page={page}
        filters={filters}
        empty={
          <EmptyState title={`No ${plural} yet`}>
            {emptyHint}
            {newLink}
          </EmptyState>
        }
        table={(rows) => table(rows, setPending)}
      />
      {/* without `remove` the table confirms its own deletes (plugins: the same table serves the detail pages' panels) */}
      {remove ? (
        <DeleteResourceDialog noun={noun} pending={pending} nameOf={nameOf} remove={remove} onClose={() => setPending(null)}>
          {deleteWarning}
        </DeleteResourceDialog>
      ) : null}
    </section>
  );
}
