import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useCanWriteConfig } from '../lib/write-access';
import type { InfiniteData, UseInfiniteQueryResult, UseMutationResult } from '@tanstack/react-query';
import type { Page } from '@aya/config-schema';
import { DeleteResourceDialog } from './delete-resource-dialog';

import { LoadMore } from './load-more';
import { PageHeader } from './page-header';
import type { Column } from './data-table';
import { ResourceTable, type NamedResource } from './resource-table';
import { EmptyState, ErrorState, Loading } from './status';

export interface ResourceListShellProps<T extends { id: string }> {
  /** Plural, capitalised: "Services". Lower-cased, it names the collection in the loading and empty texts. */
  title: string;
  /** One resource in words: "service". */
  noun: string;
  description: string;
  newPath: string;
  /** What the empty state explains before its "New …" link. */
  emptyHint: ReactNode;
  /** What deleting one does, said after its name in the confirmation. */
  deleteWarning: string;
  pages: UseInfiniteQueryResult<InfiniteData<Page<T>, unknown>>;
  /** Takes the id to delete. */
  remove: UseMutationResult<unknown, Error, string>;
  /** How a row is called in the delete confirmation. */
  nameOf: (row: T) => string;
  /** The table of the loaded rows; `onDelete` opens the confirmation for a row. */
  table: (rows: T[], onDelete: (row: T) => void) => ReactNode;
  /** false for deletes that are not gateway config (members, tokens): the toast does not wait for gateways. */
  appliesToGateways?: boolean;
}

/** A tenant's collection: header with "New …", loading/empty/error states, the table with "Load more", and a confirmed delete. */
export function ResourceListShell<T extends { id: string }>({
  title,
  noun,
  description,
  newPath,
  emptyHint,
  deleteWarning,
  pages,
  remove,
  nameOf,
  table,
  appliesToGateways,
}: ResourceListShellProps<T>) {
  const [pending, setPending] = useState<T | null>(null);
  const plural = title.toLowerCase();

  const rows = pages.data?.pages.flatMap((p) => p.data) ?? [];
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
      {pages.isPending ? (
        <Loading label={`Loading ${plural}…`} />
      ) : !pages.data ? (
        <ErrorState error={pages.error} onRetry={() => void pages.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title={`No ${plural} yet`}>
          {emptyHint}
          {newLink}
        </EmptyState>
      ) : (
        <>
          {table(rows, setPending)}
          <LoadMore hasMore={pages.hasNextPage} loading={pages.isFetchingNextPage} onLoadMore={() => void pages.fetchNextPage()} />
        </>
      )}
      <DeleteResourceDialog noun={noun} pending={pending} nameOf={nameOf} remove={remove} onClose={() => setPending(null)} appliesToGateways={appliesToGateways}>
        {deleteWarning}
      </DeleteResourceDialog>
    </section>
  );
}

export interface ResourceListPageProps<T extends NamedResource> extends Omit<ResourceListShellProps<T>, 'nameOf' | 'table'> {
  /** The table's columns after Name. */
  columns: ReadonlyArray<Column<T>>;
  editPath: (row: T) => string;
  /** Where the name links (a detail page); default the editor. */
  viewPath?: (row: T) => string;
}

/** A named, editable resource's list: the shell with a table whose name opens the resource. */
export function ResourceListPage<T extends NamedResource>({ columns, editPath, viewPath, ...shell }: ResourceListPageProps<T>) {
  return (
    <ResourceListShell
      {...shell}
      nameOf={(row) => row.name}
      table={(rows, onDelete) => (
        <ResourceTable label={shell.title} noun={shell.noun} rows={rows} columns={columns} editPath={editPath} viewPath={viewPath} onDelete={onDelete} />
      )}
    />
  );
}
