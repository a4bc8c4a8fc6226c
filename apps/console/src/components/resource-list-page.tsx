import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { InfiniteData, UseInfiniteQueryResult, UseMutationResult } from '@tanstack/react-query';
import type { Page } from '@aya/config-schema';
import { ConfirmDialog } from './confirm-dialog';
import { LoadMore } from './load-more';
import { PageHeader } from './page-header';
import type { Column } from './data-table';
import { ResourceTable, type NamedResource } from './resource-table';
import { EmptyState, ErrorState, Loading } from './status';

export interface ResourceListPageProps<T extends NamedResource> {
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
  /** The table's columns after Name. */
  columns: ReadonlyArray<Column<T>>;
  editPath: (row: T) => string;
  /** Where the name links (a detail page); default the editor. */
  viewPath?: (row: T) => string;
}

/** A tenant's collection: header with "New …", the table (name opens the editor) with "Load more", and a confirmed delete. */
export function ResourceListPage<T extends NamedResource>({
  title,
  noun,
  description,
  newPath,
  emptyHint,
  deleteWarning,
  pages,
  remove,
  columns,
  editPath,
  viewPath,
}: ResourceListPageProps<T>) {
  const [pending, setPending] = useState<T | null>(null);
  const plural = title.toLowerCase();

  const rows = pages.data?.pages.flatMap((p) => p.data) ?? [];
  const newLink = (
    <Link to={newPath} className="btn btn-primary">
      New {noun}
    </Link>
  );
  const close = () => {
    setPending(null);
    remove.reset();
  };

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
          <ResourceTable label={title} noun={noun} rows={rows} columns={columns} editPath={editPath} viewPath={viewPath} onDelete={setPending} />
          <LoadMore hasMore={pages.hasNextPage} loading={pages.isFetchingNextPage} onLoadMore={() => void pages.fetchNextPage()} />
        </>
      )}
      <ConfirmDialog
        open={pending !== null}
        title={`Delete ${noun}?`}
        busy={remove.isPending}
        error={remove.error?.message}
        onCancel={close}
        onConfirm={() => pending && remove.mutate(pending.id, { onSuccess: close })}
      >
        <p>
          <strong>{pending?.name}</strong> {deleteWarning}
        </p>
      </ConfirmDialog>
    </section>
  );
}
